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

Where the answers come from:

* the teacher's copy has the question bank, and judges with it;
* a student handout has no bank, only ``coursekit/answer_key.json`` (salted
  slow hashes, :mod:`coursekit._answerkey`), and judges from that; both use
  the one definition of a right answer in :mod:`coursekit._judging`;
* a question the key does not know (a teacher's graded-only question) shows
  📝: it is judged when the teacher grades.

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

from . import _answerkey, _errorhelp
from ._validate import bilingual

CORRECT, WRONG, UNANSWERED, LATER = "correct", "wrong", "unanswered", "later"
_ICONS = {CORRECT: "✅", WRONG: "❌", UNANSWERED: "⏳", LATER: "📝"}
_COLOURS = {CORRECT: "#e6f4ea", WRONG: "#fdecea", UNANSWERED: "#fff8e1", LATER: "#e8f0fe"}
LATER_MESSAGE = "这道题在老师批改时评分，这里不显示对错。"
ODD_ANSWER = "这个答案无法和参考答案比较，请检查答案的类型。"


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


def bank() -> dict | None:
    """The question bank (``{id: Question}``), or None in a student handout without it."""
    try:
        from .questions import QUESTIONS
    except ModuleNotFoundError as error:
        if error.name == f"{__package__}.questions":
            return None
        raise
    return QUESTIONS


def get_question(question_id: str):
    """Return the question with this id; an unknown id is the author's error."""
    questions = bank() or {}
    try:
        return questions[question_id]
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


def hint_for(question_id: str) -> tuple[str, dict]:
    """The question's hint and its extra hints per error type (shown when its cell raises).

    From the bank, or in a handout from the answer key; ("", {}) for a question neither knows.
    """
    questions = bank()
    if questions is not None:
        question = questions.get(question_id)
        return (question.hint, dict(getattr(question, "errors", None) or {})) if question \
            else ("", {})
    entry = ((_answerkey.load_key() or {}).get("questions") or {}).get(question_id) or {}
    return entry.get("hint", ""), dict(entry.get("errors") or {})


def _verdict(question_id: str, answer) -> tuple[str, str, str]:
    """(status, reason, hint) from whatever this copy of coursekit has."""
    questions = bank()
    if questions is not None:
        question = get_question(question_id)
        try:
            ok, reason = question.accepts(answer)
        except Exception:  # a strange answer must never stop the notebook
            ok, reason = False, ODD_ANSWER
        return (CORRECT if ok else WRONG), reason, question.hint
    key = _answerkey.load_key()
    entry = (key or {}).get("questions", {}).get(question_id)
    if entry is None or entry.get("graded_only"):
        return LATER, "", ""
    try:
        ok, reason = _answerkey.judge_hashed(key, question_id, answer)
    except Exception:
        ok, reason = False, ODD_ANSWER
    return (CORRECT if ok else WRONG), reason, entry.get("hint", "")


def judge(question_id: str, answer) -> CheckResult:
    """Judge an answer without displaying anything (the grader uses this too)."""
    if is_unanswered(answer):
        return CheckResult(question_id, UNANSWERED,
                           "还没有作答：把 ... 换成你的答案，再运行这个单元格。")
    status, reason, hint = _verdict(question_id, answer)
    if status == CORRECT:
        return CheckResult(question_id, CORRECT, "正确！")
    if status == LATER:
        return CheckResult(question_id, LATER, LATER_MESSAGE)
    message = "还不对。" + (reason + " " if reason else "") + "提示：" + hint
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
        Shows ✅, ❌ with a hint, ⏳ (not answered yet) or 📝 (judged when the
        teacher grades) in the notebook.
    """
    return judge(question_id, answer)


def questions_for(unit: str) -> list:
    """All questions of one notebook in the bank, e.g. ``questions_for("u01")``, in order."""
    return [q for q in (bank() or {}).values() if q.unit == unit]


# A cell that raises gets Chinese help and its exercise's hint (see coursekit._errorhelp).
_errorhelp.install()
