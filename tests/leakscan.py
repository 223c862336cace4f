"""Find an exercise's answer on a student's screen (used by tests/test_leaks.py).

A number question's answer leaks when a number within its tolerance appears
anywhere in the student edition of its notebook: prose, code, stored outputs
(text, tables) or saved widget state. Percent signs, 万 and thousands
separators are read the way a student reads them, so 58.3% counts for 0.583.
"""
from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass

NUMBER = re.compile(r"(?<![\w.])([-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![0-9A-Za-z_])\s*(%|万)?")
"""A number as a reader sees it; digits glued to Latin letters (widget ids such as 58dca9…) are not one."""
TAG = re.compile(r"<[^>]+>")
MODEL_ID = re.compile(r"(?:IPY_MODEL_)?\b[0-9a-f]{32}\b")
"""Widget model ids (random hex, new on every run): their leading digits are not numbers."""
SMALL = 10
"""Whole-number answers below this are not scanned: 3 or 7 stand in any text."""


@dataclass(frozen=True)
class Leak:
    question: str
    where: str
    shown: str

    def __str__(self) -> str:
        return f"{self.question}: {self.shown!r} in {self.where}"


def screen_texts(notebook: dict):
    """(where, text) for everything a student can see in a notebook."""
    for index, cell in enumerate(notebook["cells"]):
        yield f"cell {index} ({cell['cell_type']})", _text(cell["source"])
        for output in cell.get("outputs", []):
            if "text" in output:
                yield f"cell {index} output", _text(output["text"])
            for kind, value in output.get("data", {}).items():
                if kind.startswith("text/"):
                    shown = _text(value)
                    if kind == "text/html":
                        shown = html.unescape(TAG.sub(" ", shown))
                    yield f"cell {index} output {kind}", shown
    state = notebook.get("metadata", {}).get("widgets")
    if state:
        yield "saved widget state", MODEL_ID.sub(" ", json.dumps(_without_images(state), ensure_ascii=False))


def _without_images(value):
    """Widget state minus base64 pictures, whose letters and digits read as numbers by chance."""
    if isinstance(value, dict):
        return {k: _without_images(v) for k, v in value.items() if not k.startswith("image/")}
    if isinstance(value, list):
        return [_without_images(v) for v in value]
    return value


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def numbers_in(text: str, answer: float):
    """Every number a reader sees in ``text``, as the values it may stand for.

    A share (answer within ±1) may be printed as a percentage without the sign
    (58.3 for 0.583); a percentage answer (58.3) may be printed as a share.
    """
    for match in NUMBER.finditer(text):
        raw, suffix = match.group(1), match.group(2)
        value = float(raw.replace(",", "").replace("−", "-"))
        if suffix == "%":
            readings = [value / 100, value]
        elif suffix == "万":
            readings = [value * 10_000, value]
        else:
            readings = [value]
            if abs(answer) <= 1:
                readings.append(value / 100)
            elif answer != round(answer) and "." in raw and abs(value) < 1:
                readings.append(value * 100)
        yield match.group(0).strip(), readings


def answer_window(question) -> tuple[float, float] | None:
    """(answer, allowed distance) for a number question worth scanning, else None."""
    if question.kind != "number":
        return None
    value = float(question.expected_value())
    if not math.isfinite(value) or (value == round(value) and abs(value) < SMALL):
        return None
    allowed = max(question.tolerance, question.rel_tolerance * abs(value))
    return value, allowed


def number_leaks(question, texts) -> list[Leak]:
    window = answer_window(question)
    if window is None:
        return []
    value, allowed = window
    found = []
    for where, text in texts:
        for shown, readings in numbers_in(text, value):
            if any(abs(r - value) <= allowed + 1e-9 * max(1, abs(value)) for r in readings):
                found.append(Leak(question.id, where, shown))
    return found


def items_leaks(question, texts) -> list[Leak]:
    """A set answer leaks when one output lists every member of it."""
    if question.kind != "items":
        return []
    wanted = {str(v) for v in question.expected_value()}
    if len(wanted) < 2:
        return []
    return [Leak(question.id, where, f"all {len(wanted)} items")
            for where, text in texts if "output" in where or "widget" in where
            if all(re.search(rf"(?<![\w]){re.escape(v)}(?![\w])", text) for v in wanted)]


def text_leaks(question, texts) -> list[Leak]:
    """A text answer that is data (it holds a digit, like 2025-03) leaks when an output shows it."""
    if question.kind not in ("text", "custom"):
        return []
    expected = question.expected_value()
    if not isinstance(expected, str) or not re.search(r"\d", expected):
        return []
    return [Leak(question.id, where, expected) for where, text in texts
            if ("output" in where or "widget" in where) and expected in text]


def leaks(notebook: dict, questions) -> list[Leak]:
    texts = list(screen_texts(notebook))
    found = []
    for question in questions:
        found += number_leaks(question, texts) + items_leaks(question, texts) \
            + text_leaks(question, texts)
    return found
