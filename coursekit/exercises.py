"""Self-checking exercises.

A notebook asks a question, the student stores the answer in a variable, and
``check(question_id, answer)`` says whether it is right:

* ✅ 正确 (correct),
* ❌ 还不对 (wrong), with a hint that names the section to reread,
* ⏳ 还没有作答 (not answered yet), for ``...`` or ``None``.

``check`` never raises on a wrong, missing or wrongly typed answer, so the
student edition runs from top to bottom. The result renders itself: HTML in
JupyterLab, plain text elsewhere (that text is what nbval compares).

Questions live in :mod:`coursekit.questions`, one module per notebook. The
question id is ``"<unit>.<variable>"``: the part after the dot is the name of
the variable that holds the answer, which is how the grader finds it.

Examples
--------
>>> from coursekit.exercises import check
>>> check("u00.first_sum", ...)
⏳ u00.first_sum 还没有作答：把 ... 换成你的答案，再运行这个单元格。
>>> check("u00.first_sum", 12)
✅ u00.first_sum 正确！
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from . import _errorhelp
from ._validate import bilingual
from .questions import QUESTIONS, Question

CORRECT, WRONG, UNANSWERED = "correct", "wrong", "unanswered"
_ICONS = {CORRECT: "✅", WRONG: "❌", UNANSWERED: "⏳"}
_COLOURS = {CORRECT: "#e6f4ea", WRONG: "#fdecea", UNANSWERED: "#fff8e1"}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check; it displays itself in a notebook."""

    question_id: str
    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    def __repr__(self) -> str:
        return f"{_ICONS[self.status]} {self.question_id} {self.message}"

    def _repr_html_(self) -> str:
        colour = _COLOURS[self.status]
        text = html.escape(self.message).replace("\n", "<br>")
        return (f'<div style="background:{colour};padding:6px 10px;border-radius:4px">'
                f"{_ICONS[self.status]} <code>{html.escape(self.question_id)}</code> {text}</div>")


def get_question(question_id: str) -> Question:
    """Return the question with this id; an unknown id is the author's error."""
    try:
        return QUESTIONS[question_id]
    except KeyError:
        raise KeyError(bilingual(
            f"没有编号为 {question_id!r} 的练习题，请检查题号是否抄错。",
            f"No exercise has the id {question_id!r}; check the spelling.")) from None


def hint_for(question_id: str) -> tuple[str, dict]:
    """The question's hint and its extra hints per error type (shown when its cell raises)."""
    question = get_question(question_id)
    return question.hint, dict(question.errors)


def is_unanswered(answer) -> bool:
    """``...`` (the student-edition placeholder) and ``None`` mean not answered."""
    return answer is ... or answer is None


def judge(question_id: str, answer) -> CheckResult:
    """Judge an answer without displaying anything (the grader uses this too)."""
    question = get_question(question_id)
    if is_unanswered(answer):
        return CheckResult(question_id, UNANSWERED,
                           "还没有作答：把 ... 换成你的答案，再运行这个单元格。")
    try:
        ok, reason = question.accepts(answer)
    except Exception:  # a strange answer must never stop the notebook
        ok, reason = False, "这个答案无法和参考答案比较，请检查答案的类型。"
    if ok:
        return CheckResult(question_id, CORRECT, "正确！")
    message = "还不对。" + (reason + " " if reason else "") + "提示：" + question.hint
    return CheckResult(question_id, WRONG, message)


def check(question_id: str, answer) -> CheckResult:
    """Check a student's answer and return a result that renders itself.

    Parameters
    ----------
    question_id : str
        The question's id as printed in the notebook, e.g. ``"u01.n_a"``.
    answer : object
        The student's answer; ``...`` or ``None`` means not answered yet.

    Returns
    -------
    CheckResult
        Shows ✅, ❌ with a hint, or ⏳ in the notebook.
    """
    return judge(question_id, answer)


def questions_for(unit: str) -> list[Question]:
    """All questions of one notebook, e.g. ``questions_for("u01")``, in order."""
    return [q for q in QUESTIONS.values() if q.unit == unit]


# A cell that raises gets Chinese help and its exercise's hint (see coursekit._errorhelp).
_errorhelp.install()
