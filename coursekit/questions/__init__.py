"""The exercise bank: one module per notebook (``u00``, ``u01`` … ``case_cre``).

Each module defines ``QUESTIONS``, a list built with the helpers below. A
question's expected answer is usually a function of the data, computed through
coursekit the first time it is needed, so the notebooks and the checks can
never disagree about a number.

Question kinds
--------------
``number``  a real number, right within ``tolerance`` (absolute) or
            ``rel_tolerance`` (relative); the tolerance is told to the student.
``choice``  one or more option letters, e.g. ``"B"`` or ``"ACD"``.
``text``    a short text such as a category label; full-width letters and
            spaces are ignored, any of the accepted spellings counts.
``items``   a collection (list, set, Series, Index) of ids or labels, order ignored.
``series``  a pandas Series compared by index with a tolerance, order ignored.
``custom``  a rule built here: :func:`letters_in_order`, :func:`month_label` or
            :func:`form_fields`. A free function ``compare(answer, expected)``
            still works in the teacher's copy, but it cannot be put into the
            students' hashed answer key, and a test says so.

Every question also names ``wrong`` answers: tests prove each check rejects them.
A question built with ``graded_only=True`` is judged only when the teacher
grades (like nbgrader's hidden tests): the students' answer key does not know it.

What "correct" means is written once, in :mod:`coursekit._judging`: a question
becomes a *spec* (:meth:`Question.spec`), and both this bank and the hashed key
of the handout judge answers against that spec.

This package is the teacher's: the student handout leaves it out, because its
functions compute the reference answers.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable

from .. import _judging
from .._judging import NotRepresentable, judge_plain, normalise_text

__all__ = ["Question", "number", "choice", "text", "items", "series", "custom",
           "letters_in_order", "month_label", "form_fields", "normalise_text",
           "NotRepresentable", "QUESTIONS"]


@dataclass
class Question:
    """One checked exercise. Build it with :func:`number`, :func:`choice` …"""

    id: str
    kind: str
    hint: str
    expected: Any
    wrong: tuple = ()
    tolerance: float = 0.0
    rel_tolerance: float = 0.0
    options: str = ""
    compare: Callable | None = None
    errors: dict = field(default_factory=dict)
    graded_only: bool = False
    _cache: Any = field(default=None, repr=False)
    _spec: Any = field(default=None, repr=False)

    @property
    def unit(self) -> str:
        return self.id.split(".")[0]

    @property
    def variable(self) -> str:
        """The notebook variable that holds the answer."""
        return self.id.split(".", 1)[1]

    def expected_value(self):
        """The reference answer, computed from the data once and then cached."""
        if self._cache is None:
            self._cache = self.expected() if callable(self.expected) else self.expected
        return self._cache

    def wrong_answers(self) -> list:
        return [w() if callable(w) else w for w in self.wrong]

    def spec(self) -> dict:
        """What a right answer is, as data: kind, public parameters, accepted canonical texts.

        Raises :class:`NotRepresentable` for a ``custom`` question with a free
        compare function: such a question cannot go into the students' answer key.
        """
        if self._spec is None:
            spec = {**self._build_spec(), "hint": self.hint}
            errors = self.errors
            if errors:
                spec["errors"] = dict(errors)
            self._spec = spec
        return self._spec

    def _build_spec(self) -> dict:
        expected = self.expected_value()
        if self.kind == "number":
            return _judging.number_spec(expected, self.tolerance, self.rel_tolerance)
        if self.kind == "choice":
            return _judging.choice_spec(expected, self.options)
        if self.kind == "text":
            return _judging.text_spec(expected)
        if self.kind == "items":
            return _judging.items_spec(expected)
        if self.kind == "series":
            return _judging.series_spec(expected, self.tolerance)
        if isinstance(self.compare, Rule):
            return self.compare.spec(expected)
        raise NotRepresentable(
            f"{self.id}: a free custom compare function cannot be hashed into the students' "
            "answer key; build it with letters_in_order, month_label or form_fields")

    def accepts(self, answer) -> tuple[bool, str]:
        """(ok, reason): ``reason`` says what is off, without giving the answer away."""
        if self.kind == "custom" and not isinstance(self.compare, Rule):
            return self.compare(answer, self.expected_value())
        return judge_plain(self.spec(), answer)


# Every kind also takes ``errors`` (extra hints keyed by exception class name, shown when
# the answer cell raises that error, e.g. {"TypeError": "两个条件各加括号"}) and
# ``graded_only`` (judged only when the teacher grades; the students' key does not know it).

def number(qid, expected, hint, wrong, tolerance=0.0, rel_tolerance=0.0, errors=None,
           graded_only=False) -> Question:
    return Question(qid, "number", hint, expected, tuple(wrong), tolerance, rel_tolerance,
                    errors=dict(errors or {}), graded_only=graded_only)


def choice(qid, expected, hint, options="ABCD", wrong=None, errors=None,
           graded_only=False) -> Question:
    if wrong is None:  # every other single option is a wrong answer
        wrong = [o for o in options if o != expected][:1]
    return Question(qid, "choice", hint, expected, tuple(wrong), options=options,
                    errors=dict(errors or {}), graded_only=graded_only)


def text(qid, expected, hint, wrong, errors=None, graded_only=False) -> Question:
    return Question(qid, "text", hint, expected, tuple(wrong), errors=dict(errors or {}),
                    graded_only=graded_only)


def items(qid, expected, hint, wrong, errors=None, graded_only=False) -> Question:
    return Question(qid, "items", hint, expected, tuple(wrong), errors=dict(errors or {}),
                    graded_only=graded_only)


def series(qid, expected, hint, wrong, tolerance=1e-6, errors=None,
           graded_only=False) -> Question:
    return Question(qid, "series", hint, expected, tuple(wrong), tolerance,
                    errors=dict(errors or {}), graded_only=graded_only)


def custom(qid, expected, hint, wrong, compare, errors=None, graded_only=False) -> Question:
    return Question(qid, "custom", hint, expected, tuple(wrong), compare=compare,
                    errors=dict(errors or {}), graded_only=graded_only)


# ---------------------------------------------------------------- rules for custom

class Rule:
    """A custom comparison the answer key can represent (see :mod:`coursekit._judging`).

    Calling it as ``rule(answer, expected)`` gives ``(ok, reason)`` like a free compare.
    """

    def spec(self, expected) -> dict:
        raise NotImplementedError

    def __call__(self, answer, expected) -> tuple[bool, str]:
        return judge_plain(self.spec(expected), answer)


@dataclass(frozen=True)
class _LettersInOrder(Rule):
    options: str
    letter_words: str
    topic: str

    def spec(self, expected) -> dict:
        return _judging.letters_spec(expected, self.options, self.letter_words, self.topic)


@dataclass(frozen=True)
class _MonthLabel(Rule):
    def spec(self, expected) -> dict:
        return _judging.text_spec(expected, normalise="month")


@dataclass(frozen=True)
class _FormFields(Rule):
    fields: tuple
    what: str
    names: tuple = ()

    def spec(self, expected) -> dict:
        return _judging.form_spec(expected, dict(self.fields), self.what, dict(self.names))


def letters_in_order(options: str, letter_words: str, topic: str) -> Rule:
    """A ``compare`` for "one letter per sentence, in sentence order" answers.

    ``letter_words`` says what each letter is ("一个字母 F、A 或 B"), ``topic``
    what a wrong letter got wrong ("归类"); the feedback names the wrong sentences.
    The answer key hashes each position, so a student can find one letter at a
    time, as the feedback already lets them by guessing.

    >>> rule = letters_in_order("FAB", "一个字母 F、A 或 B", "归类")
    >>> rule("fab", "FAB"), rule("FBA", "FAB")
    ((True, ''), (False, '第 2、3 句的归类不对。'))
    """
    return _LettersInOrder(options, letter_words, topic)


def month_label() -> Rule:
    """A ``compare`` for a month label: "2025-11", "2025年11月" and "2025/11" all match "2025-11".

    >>> month_label()("2025年11月", "2025-11")
    (True, '')
    """
    return _MonthLabel()


def form_fields(fields: dict, what: str = "填好的表单", names: dict | None = None) -> Rule:
    """A ``compare`` for a one-row form (a DataFrame) checked field by field.

    ``fields`` maps a column to ``"same"`` (equal text after stripping spaces at
    the ends), ``"minute"`` (the same date and time to the minute: 2025/3/5 14:30
    and 2025-03-05 14:30:00 agree), ``"code"`` (the same code ignoring case, spaces
    and dashes, e.g. a waybill number), ``"digits"`` (the same digits, e.g. a phone
    number with or without dashes) or ``"contains:<part>|<part>…"`` (its first 40
    characters contain one of the parts, so synonyms such as 赔|补偿 count). The
    feedback names the wrong fields, never their values; ``names`` gives each
    field's Chinese name for that feedback.

    >>> import pandas as pd
    >>> rule = form_fields({"at": "minute", "phone": "digits", "demand": "contains:赔|补偿"})
    >>> want = pd.DataFrame([{"at": "2025-03-05 14:30", "phone": "0771-1234", "demand": "赔偿"}])
    >>> rule(pd.DataFrame([{"at": "2025/3/5 14:30:00", "phone": "07711234", "demand": "要求补偿"}]), want)
    (True, '')
    >>> rule(pd.DataFrame([{"at": "2025-03-05 14:03", "phone": "07711234", "demand": "加包装"}]), want)[0]
    False
    """
    return _FormFields(tuple(fields.items()), what, tuple((names or {}).items()))


# ---------------------------------------------------------------- the registry

def _load_all() -> dict[str, Question]:
    bank: dict[str, Question] = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("_"):
            continue
        for question in importlib.import_module(f"{__name__}.{module.name}").QUESTIONS:
            if question.id in bank:
                raise ValueError(f"duplicate question id {question.id}")
            if question.unit != module.name:
                raise ValueError(f"question {question.id} is filed under {module.name}")
            bank[question.id] = question
    return bank


QUESTIONS: dict[str, Question] = _load_all()
