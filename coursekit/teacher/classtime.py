"""How long a notebook takes in class: a read-through estimate from what a student sees.

A 90-minute class (两节课) has to hold reading the text, running the cells,
looking at the charts, trying the demos, doing the exercises and talking about
the 思考题. This module counts each of those in the **student edition** (what a
student really has on screen) and prices it with one fixed table of minutes,
so every notebook is timed the same way and a change that makes a unit longer
shows up in a number.

The model (minutes)::

    class time = 5                          opening and closing by the teacher
               + prose characters / 300     reading (see below)
               + 0.5 × code cells           run the cell, glance at the output
               + 1   × charts               read a chart
               + 3   × widgets              try a live demo
               + per exercise, by kind      choice 3, text 3, number 4, items 4,
                                            series 5, custom 5 (order, forms)
               + 5   × 思考题                talk it over with a neighbour
               + 15  × written deliverable  when it is written in class
               + N   for an activity on a line that starts in bold and
                     states its minutes, e.g. **小组任务（10 分钟）**

Reading speed: the 2022 Chinese curriculum standard for grades 7-9 (《义务教育
语文课程标准（2022年版）》, 第四学段) asks for silent reading of ordinary texts
at no less than 500 characters a minute; course text with tables and numbers
is read more slowly, so 300 is used. A "character" is a Chinese character or
punctuation mark, or one run of Latin letters or digits (a number such as
1,234.5 or a word such as RFM is read as one unit).

After-class work: a heading whose text holds 课后 (for example
``## 课后练习（下次课前完成）``) starts a section that is counted as homework,
not class time, down to the next heading of the same or a higher level. A
written deliverable in such a section is homework too.

The estimate is a model, not a stopwatch: it makes units comparable and shows
where the minutes go. A teacher who demos faster or lets students read at home
gets different real times, and can use the ``--speed`` option to see how.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .._errorhelp import _CHECK_CALL as _CHECK  # the one pattern for check("u01.n_a", …) calls

CLASS_MINUTES = 90
FIXED_MINUTES = 5
CHARS_PER_MINUTE = 300
CODE_CELL_MINUTES = 0.5
CHART_MINUTES = 1.0
WIDGET_MINUTES = 3.0
THINK_MINUTES = 5.0
DELIVERABLE_MINUTES = 15.0
EXERCISE_MINUTES = {"choice": 3.0, "text": 3.0, "number": 4.0, "items": 4.0, "series": 5.0,
                    "custom": 5.0}

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.M)
_READ_UNIT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]|[A-Za-z0-9][A-Za-z0-9.,%_]*")
_WIDGET = "application/vnd.jupyter.widget-view+json"


@dataclass
class Part:
    """What one part of a notebook (class or after class) holds, and its minutes."""

    characters: int = 0
    code_cells: int = 0
    charts: int = 0
    widgets: int = 0
    exercises: dict = field(default_factory=dict)   # kind -> count
    thinking: int = 0
    deliverables: int = 0
    activity_minutes: float = 0.0  # group tasks whose minutes the notebook states

    def minutes(self, chars_per_minute: float = CHARS_PER_MINUTE) -> float:
        return (self.characters / chars_per_minute + CODE_CELL_MINUTES * self.code_cells
                + CHART_MINUTES * self.charts + WIDGET_MINUTES * self.widgets
                + sum(EXERCISE_MINUTES[kind] * n for kind, n in self.exercises.items())
                + THINK_MINUTES * self.thinking + DELIVERABLE_MINUTES * self.deliverables
                + self.activity_minutes)


def _text(source) -> str:
    return source if isinstance(source, str) else "".join(source)


def reading_units(markdown: str) -> int:
    """Characters a reader takes in: Chinese characters and marks, and Latin or digit runs.

    Examples
    --------
    >>> reading_units("客户 RFM 分析：1,234.5 元")
    8
    """
    return len(_READ_UNIT.findall(markdown))


_STATED = re.compile(r"(\d+)\s*分钟")


def stated_minutes(markdown: str) -> float:
    """Minutes activities state on lines that start in bold (a 思考题 has its own price).

    Examples
    --------
    >>> stated_minutes("**小组任务（10 分钟）**：每组选一家客户")
    10.0
    >>> stated_minutes("**讨论**（分组，每组 5 分钟）：")
    5.0
    >>> stated_minutes("本笔记本约需 90 分钟。"), stated_minutes("**思考题**（约 5 分钟）")
    (0.0, 0.0)
    """
    minutes = 0.0
    for line in markdown.splitlines():
        line = line.strip()
        found = _STATED.search(line)
        if found and line.startswith("**") and "思考题" not in line:
            minutes += float(found.group(1))
    return minutes


def _after_class_levels(source: str, level: int | None) -> int | None:
    """The heading level of the open after-class section after this markdown cell, or None."""
    for match in _HEADING.finditer(source):
        depth, title = len(match.group(1)), match.group(2)
        if level is not None and depth <= level:
            level = None
        if level is None and "课后" in title:
            level = depth
    return level


def _question_kinds() -> dict:
    from ..exercises import bank

    return {qid: question.kind for qid, question in (bank() or {}).items()}


def estimate(notebook, kinds: dict | None = None) -> tuple[Part, Part]:
    """(class part, after-class part) of one notebook (an nbformat notebook or a path)."""
    import nbformat

    if isinstance(notebook, (str, Path)):
        notebook = nbformat.read(notebook, as_version=4)
    kinds = _question_kinds() if kinds is None else kinds
    in_class, after = Part(), Part()
    level = None
    for cell in notebook.cells:
        source = _text(cell.source)
        if cell.cell_type == "markdown":
            level = _after_class_levels(source, level)
            part = after if level is not None else in_class
            # a heading that opens an after-class section is read in class (it says what to do)
            part.characters += reading_units(source)
            if "思考题" in source.strip().split("\n", 1)[0]:
                part.thinking += 1
            if "deliverable" in cell.metadata.get("tags", []):
                part.deliverables += 1
            else:
                part.activity_minutes += stated_minutes(source)
            continue
        if cell.cell_type != "code":
            continue
        part = after if level is not None else in_class
        part.code_cells += 1
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if _WIDGET in data:
                part.widgets += 1
            elif "image/png" in data:
                part.charts += 1
        for question in _CHECK.findall(source):
            kind = kinds.get(question, "number")
            part.exercises[kind] = part.exercises.get(kind, 0) + 1
    return in_class, after


def class_minutes(notebook, kinds: dict | None = None,
                  chars_per_minute: float = CHARS_PER_MINUTE) -> float:
    """Estimated minutes of class time for one notebook (see the module docstring)."""
    in_class, _ = estimate(notebook, kinds)
    return FIXED_MINUTES + in_class.minutes(chars_per_minute)


def report(folder, chars_per_minute: float = CHARS_PER_MINUTE) -> list[dict]:
    """One row per notebook in ``folder``: counts and estimated minutes in and after class."""
    from .edition import course_notebooks

    kinds = _question_kinds()
    rows = []
    for path in course_notebooks(Path(folder)):
        in_class, after = estimate(path, kinds)
        rows.append({
            "notebook": path.stem,
            "characters": in_class.characters,
            "code_cells": in_class.code_cells,
            "charts": in_class.charts,
            "widgets": in_class.widgets,
            "exercises": sum(in_class.exercises.values()),
            "thinking": in_class.thinking,
            "deliverables": in_class.deliverables,
            "class_minutes": round(FIXED_MINUTES + in_class.minutes(chars_per_minute)),
            "after_class_minutes": round(after.minutes(chars_per_minute)),
        })
    return rows


HEADERS = {"notebook": "笔记本", "characters": "课上文字（字）", "code_cells": "代码格",
           "charts": "图", "widgets": "互动演示", "exercises": "练习", "thinking": "思考题",
           "deliverables": "课上写的作业", "class_minutes": "课上（分钟）",
           "after_class_minutes": "课后（分钟）"}


def print_report(folder, chars_per_minute: float = CHARS_PER_MINUTE) -> int:
    """Print the estimate as a table; exit code 1 when a notebook runs over one class."""
    rows = report(folder, chars_per_minute)
    print("| " + " | ".join(HEADERS.values()) + " |")
    print("|" + "---|" * len(HEADERS))
    for row in rows:
        print("| " + " | ".join(str(row[key]) for key in HEADERS) + " |")
    over = [row["notebook"] for row in rows if row["class_minutes"] > CLASS_MINUTES]
    if over:
        print(f"超过一次课（{CLASS_MINUTES} 分钟）(over one class)：{'、'.join(over)}")
    return 1 if over else 0
