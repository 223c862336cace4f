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
``custom``  a function ``compare(answer, expected) -> (ok, reason)``.

Every question also names ``wrong`` answers: tests prove each check rejects them.
"""
from __future__ import annotations

import importlib
import math
import pkgutil
import unicodedata
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Callable

import numpy as np
import pandas as pd


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
    _cache: Any = field(default=None, repr=False)

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

    def accepts(self, answer) -> tuple[bool, str]:
        """(ok, reason): ``reason`` says what is off, without giving the answer away."""
        expected = self.expected_value()
        if self.kind == "number":
            return _compare_number(answer, expected, self.tolerance, self.rel_tolerance)
        if self.kind == "choice":
            return _compare_choice(answer, expected, self.options)
        if self.kind == "text":
            return _compare_text(answer, expected)
        if self.kind == "items":
            return _compare_items(answer, expected)
        if self.kind == "series":
            return _compare_series(answer, expected, self.tolerance)
        return self.compare(answer, expected)


# ``errors`` (optional, every kind): extra hints keyed by exception class name, shown
# when the answer cell raises that error, e.g. {"TypeError": "两个条件各加括号"}.

def number(qid, expected, hint, wrong, tolerance=0.0, rel_tolerance=0.0, errors=None) -> Question:
    return Question(qid, "number", hint, expected, tuple(wrong), tolerance, rel_tolerance,
                    errors=dict(errors or {}))


def choice(qid, expected, hint, options="ABCD", wrong=None, errors=None) -> Question:
    if wrong is None:  # every other single option is a wrong answer
        wrong = [o for o in options if o != expected][:1]
    return Question(qid, "choice", hint, expected, tuple(wrong), options=options,
                    errors=dict(errors or {}))


def text(qid, expected, hint, wrong, errors=None) -> Question:
    return Question(qid, "text", hint, expected, tuple(wrong), errors=dict(errors or {}))


def items(qid, expected, hint, wrong, errors=None) -> Question:
    return Question(qid, "items", hint, expected, tuple(wrong), errors=dict(errors or {}))


def series(qid, expected, hint, wrong, tolerance=1e-6, errors=None) -> Question:
    return Question(qid, "series", hint, expected, tuple(wrong), tolerance,
                    errors=dict(errors or {}))


def custom(qid, expected, hint, wrong, compare, errors=None) -> Question:
    return Question(qid, "custom", hint, expected, tuple(wrong), compare=compare,
                    errors=dict(errors or {}))


def letters_in_order(options: str, letter_words: str, topic: str):
    """A ``compare`` for "one letter per sentence, in sentence order" answers.

    ``letter_words`` says what each letter is ("一个字母 F、A 或 B"), ``topic``
    what a wrong letter got wrong ("归类"); the feedback names the wrong sentences.
    """
    def compare(answer, expected):
        if not isinstance(answer, str):
            return False, (f"答案应该是一串字母（加上引号），例如 \"{options[0] * len(expected)}\"，"
                           f"你给的是 {type(answer).__name__}。")
        letters = "".join(ch for ch in unicodedata.normalize("NFKC", answer).upper()
                          if ch.isalnum())
        if len(letters) != len(expected) or set(letters) - set(options):
            return False, (f"请为 {len(expected)} 句话各写{letter_words}，按句子顺序连起来，"
                           f"一共 {len(expected)} 个字母；你写了 {len(letters)} 个字符。")
        wrong = [str(i + 1) for i, (a, b) in enumerate(zip(letters, expected)) if a != b]
        if not wrong:
            return True, ""
        return False, f"第 {'、'.join(wrong)} 句的{topic}不对。"

    return compare


# ---------------------------------------------------------------- comparisons

def _is_real(value) -> bool:
    return isinstance(value, (Real, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_))


def _compare_number(answer, expected, tolerance, rel_tolerance):
    if isinstance(answer, (pd.Series, np.ndarray)) and answer.size == 1:
        answer = answer.reshape(-1)[0] if isinstance(answer, np.ndarray) else answer.iloc[0]
    if isinstance(answer, str):
        return False, f"答案应该是一个数字，你给的是文字 {answer!r}（去掉引号试试）。"
    if not _is_real(answer):
        return False, f"答案应该是一个数字，你给的是 {type(answer).__name__}。"
    if math.isnan(float(answer)):
        return False, "答案是 NaN（空值），说明计算中有缺失的数据。"
    allowed = max(tolerance, rel_tolerance * abs(float(expected)))
    if abs(float(answer) - float(expected)) <= allowed + 1e-12:
        return True, ""
    if allowed:
        return False, f"你的结果是 {float(answer):g}，和参考答案相差超过允许误差 ±{allowed:g}。"
    return False, f"你的结果是 {float(answer):g}。"


def _letters(answer) -> str:
    if isinstance(answer, str):
        raw = answer
    else:
        raw = "".join(str(a) for a in answer)
    raw = unicodedata.normalize("NFKC", raw).upper()
    return "".join(sorted(set(ch for ch in raw if ch.isalnum())))


def _compare_choice(answer, expected, options):
    if not isinstance(answer, (str, list, tuple, set)):
        return False, f"请用字母作答，例如 \"{options[0]}\"，你给的是 {type(answer).__name__}。"
    given = _letters(answer)
    stray = [ch for ch in given if ch not in options]
    if stray or not given:
        return False, f"请只填选项字母（{'、'.join(options)}）。"
    if given == _letters(expected):
        return True, ""
    if len(_letters(expected)) > 1:
        return False, "这是多选题，选全且不多选才算对。"
    return False, ""


def normalise_text(value: str) -> str:
    """Fold full-width characters and drop spaces, so '  Ａ类 ' equals 'A类'."""
    return "".join(unicodedata.normalize("NFKC", value).split())


def _compare_text(answer, expected):
    if not isinstance(answer, str):
        return False, f"答案应该是一段文字（加上引号），你给的是 {type(answer).__name__}。"
    accepted = {expected} if isinstance(expected, str) else set(expected)
    if normalise_text(answer) in {normalise_text(a) for a in accepted}:
        return True, ""
    return False, f"你写的是 {answer!r}。"


def _as_set(values) -> set | None:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        return None
    if isinstance(values, pd.DataFrame):
        return None
    return {str(v) for v in values}


def _compare_items(answer, expected):
    given = _as_set(answer)
    if given is None:
        return False, "答案应该是一组值（列表、集合或一列数据），不是单个值或整张表。"
    wanted = _as_set(expected)
    if given == wanted:
        return True, ""
    missing, extra = len(wanted - given), len(given - wanted)
    return False, f"少了 {missing} 个，多了 {extra} 个。"


def _compare_series(answer, expected, tolerance):
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return False, f"答案应该是一列数据（pandas Series），你给的是 {type(answer).__name__}。"
    if set(map(str, answer.index)) != set(map(str, expected.index)):
        return False, "行标签（index）和参考答案不一样：检查分组用的列。"
    left = answer.copy()
    left.index = left.index.map(str)
    right = expected.copy()
    right.index = right.index.map(str)
    left = left.reindex(right.index)
    if not pd.api.types.is_numeric_dtype(left) or not pd.api.types.is_numeric_dtype(right):
        same = (left.astype(str) == right.astype(str)).all()
        return bool(same), "" if same else "有几行的值不对。"
    gap = (left.astype(float) - right.astype(float)).abs().max()
    if gap <= tolerance:
        return True, ""
    return False, f"有的值和参考答案相差 {gap:g}，超过允许误差 ±{tolerance:g}。"


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
