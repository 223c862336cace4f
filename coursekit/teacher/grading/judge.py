"""Step 3 of grading: judge the answers a notebook handed over, with the teacher's bank.

The answers arrive as plain data (:mod:`coursekit._plain`) and are judged by
the same spec and code as ``check()`` in the notebook
(:mod:`coursekit._judging`), so an answer of any pandas or numpy type that
``check()`` accepts earns its mark here too.

A teacher may add questions the students' local checks do not know (like
nbgrader's hidden tests), in a Python file passed as ``grade --questions FILE``::

    from coursekit.questions import number
    QUESTIONS = [number("u01.n_b", lambda: 42, hint="重读「1.4」", wrong=[41])]

A question with the same id as one in the bank replaces it for this run.
"""
from __future__ import annotations

import runpy
from pathlib import Path

from ..._plain import Other, PlainFrame, PlainList, PlainSeries
from ..._validate import fail

CORRECT, WRONG, UNANSWERED = "正确", "错误", "未作答"


def load_questions(path) -> list:
    """The ``QUESTIONS`` list of a teacher's questions file, checked."""
    from ...questions import Question

    path = Path(path)
    if not path.is_file():
        fail(f"找不到题目文件：{path}", f"Questions file not found: {path}")
    try:
        found = runpy.run_path(str(path)).get("QUESTIONS")
    except Exception as error:
        fail(f"题目文件 {path.name} 运行出错：{type(error).__name__}: {error}",
             f"The questions file {path.name} failed: {type(error).__name__}: {error}")
    if not isinstance(found, (list, tuple)) or not all(isinstance(q, Question) for q in found):
        fail(f"题目文件 {path.name} 里要有一个 QUESTIONS 列表，用 coursekit.questions 的 number、"
             "choice 等函数建题。",
             f"{path.name} must define QUESTIONS, a list built with coursekit.questions helpers.")
    return list(found)


def questions_for(unit: str, extra=()) -> list:
    """The questions of one unit: the bank's, then the teacher's extra ones (same id replaces)."""
    from ...exercises import questions_for as bank_questions

    chosen = {q.id: q for q in bank_questions(unit)}
    for question in extra:
        if question.unit == unit:
            chosen[question.id] = question
    return list(chosen.values())


def mark(question, answer) -> str:
    """正确 / 错误 / 未作答 for one answer (a missing variable is not answered)."""
    if answer is ... or answer is None:
        return UNANSWERED
    if isinstance(answer, Other) and answer.type == "invalid":
        return WRONG
    if question.kind == "custom" and not hasattr(question.compare, "spec"):
        answer = unplain(answer)  # a free compare function expects pandas and Python objects
    try:
        ok, _ = question.accepts(answer)
    except Exception:  # an odd answer is a wrong answer, never a crash of the run
        ok = False
    return CORRECT if ok else WRONG


def unplain(value):
    """Plain data back to Python and pandas objects (Series, DataFrame, list, set, text)."""
    import pandas as pd

    if isinstance(value, PlainSeries):
        return pd.Series(value.values, index=value.index, dtype=object).infer_objects()
    if isinstance(value, PlainFrame):
        return pd.DataFrame(value.rows, columns=value.columns, index=value.index)
    if isinstance(value, PlainList):
        values = [unplain(v) for v in value.values]
        try:
            return set(values) if value.kind == "set" else values
        except TypeError:  # an unhashable element: keep the list
            return values
    if isinstance(value, Other):
        return value.text
    return value


def mark_all(questions: list, answers: dict) -> dict:
    """``{question id: mark}`` for the answers of one notebook."""
    return {q.id: mark(q, answers.get(q.variable)) for q in questions}
