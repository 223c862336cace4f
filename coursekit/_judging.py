"""One definition of a correct answer, shared by the question bank and the answer key.

Every question is described by a *spec*: its kind, public parameters (the
tolerance as told to the student, the options of a choice, how many items…)
and *facets*. A facet is one thing the answer must get right (the value of a
number, the set of items, the label of row 3), with the set of accepted
canonical texts. Judging an answer means:

1. turn it into plain data (:func:`coursekit._plain.plain`),
2. check its type and shape with the public parameters (the feedback of a
   wrong type needs no answer),
3. compute the canonical text of each facet of the answer, and ask a
   *matcher* whether it is accepted.

The teacher's copy (the question bank) matches canonical texts directly; the
student handout carries only salted slow hashes of them
(:mod:`coursekit._answerkey`) and matches hashes. Steps 1 to 3 are this one
module in both cases, so both say exactly the same thing about every answer.

Numbers are canonicalised to *buckets*: ``floor(answer / width)``. A number is
right when its bucket is one of the buckets that overlap
``[expected - allowed, expected + allowed]``. ``width`` is a tenth of a
stated absolute tolerance, or for a relative one the largest of 1, 2, 5 × 10^k
not above a tenth of it (so the width does not tell the expected value), so the
accepted range is the tolerance widened by at most a tenth on each side.

Examples
--------
>>> spec = number_spec(12, tolerance=0.5)
>>> judge_plain(spec, 12.3)
(True, '')
>>> judge_plain(spec, 13)
(False, '你的结果是 13，和参考答案相差超过允许误差 ±0.5。')
"""
from __future__ import annotations

import math
import re
import unicodedata

from ._plain import Other, PlainFrame, PlainList, PlainSeries, plain, type_name

SEP = "\x1f"            # joins the parts of a canonical text (never typed by a student)
CONTAINS_WINDOW = 40    # a "contains" field looks at the first 40 characters of the answer
KINDS = ("number", "choice", "text", "items", "series", "letters", "form")


class NotRepresentable(ValueError):
    """A question whose check cannot be written as a spec (a free ``custom`` compare)."""


# ------------------------------------------------------------------ numbers

def _is_real(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number_parts(expected: float, tolerance: float = 0.0, rel_tolerance: float = 0.0):
    """(width, accepted buckets, tolerance as told) for a number question.

    ``allowed = max(tolerance, rel_tolerance * |expected|)``; with neither, a
    rounding allowance of 1e-9 of the expected value's order of magnitude.

    >>> width, buckets, told = number_parts(42)
    >>> told, str(math.floor(42 / width)) in buckets
    ('', True)
    """
    expected = float(expected)
    if not math.isfinite(expected):
        raise NotRepresentable(f"expected value {expected!r} is not a finite number")
    relative = rel_tolerance * abs(expected)
    if tolerance > 0 and tolerance >= relative:
        allowed, width, told = tolerance, tolerance / 10, _told(tolerance)
    elif relative > 0:
        allowed, told = relative, f"±{rel_tolerance * 100:g}%"
        width = _round_width(allowed / 10)
    else:
        allowed = 10.0 ** (math.floor(math.log10(max(1.0, abs(expected)))) - 9)
        width, told = allowed, ""
    low, high = math.floor((expected - allowed) / width), math.floor((expected + allowed) / width)
    return width, [str(k) for k in range(low, high + 1)], told


def _round_width(limit: float) -> float:
    """The largest 1, 2 or 5 × 10^k not above ``limit``.

    >>> _round_width(0.37), _round_width(123.0)
    (0.2, 100.0)
    """
    power = 10.0 ** math.floor(math.log10(limit))
    return next(step * power for step in (5, 2, 1) if step * power <= limit)


def bucket(value: float, width: float) -> str | None:
    """The canonical text of a number: its bucket, or None for inf/overflow."""
    try:
        return str(math.floor(value / width))
    except (OverflowError, ValueError):
        return None


def _unwrap_single(answer):
    """A one-element Series or array (``s.loc[...]`` with a list label) counts as its value."""
    if isinstance(answer, PlainSeries) and len(answer.values) == 1:
        return answer.values[0]
    if isinstance(answer, PlainList) and answer.kind == "array" and len(answer.values) == 1:
        return answer.values[0]
    return answer


def readable_number(value) -> str:
    """A number as a student writes it: no scientific notation, at most 6 decimals.

    >>> readable_number(1234567.0), readable_number(0.1234567), readable_number(2.5e-7)
    ('1234567', '0.123457', '0.00000025')
    """
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value) or abs(value) >= 1e15:
        return "一个极大的数"
    if value == int(value):
        return str(int(value))
    places = 6 if abs(value) >= 1e-3 else 12
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def _told(tolerance: float) -> str:
    """The allowed error as told to the student; a rounding allowance is not mentioned."""
    return f"±{readable_number(tolerance)}" if tolerance >= 1e-6 else ""


def _judge_number(params, answer, match):
    answer = _unwrap_single(answer)
    if isinstance(answer, str):
        return False, f"答案应该是一个数字，你给的是文字 {answer!r}（去掉引号试试）。"
    if not _is_real(answer):
        return False, f"答案应该是一个数字，你给的是 {type_name(answer)}。"
    if isinstance(answer, float) and math.isnan(answer):
        return False, "答案是 NaN（空值），说明计算中有缺失的数据。"
    canonical = bucket(answer, params["width"])
    if canonical is not None and match("value", [canonical]):
        return True, ""
    shown = readable_number(answer)
    if params["told"]:
        return False, f"你的结果是 {shown}，和参考答案相差超过允许误差 {params['told']}。"
    return False, f"你的结果是 {shown}。"


def number_spec(expected, tolerance=0.0, rel_tolerance=0.0) -> dict:
    width, buckets, told = number_parts(expected, tolerance, rel_tolerance)
    return {"kind": "number", "params": {"width": width, "told": told},
            "facets": {"value": buckets}}


# ------------------------------------------------------------------ choices and texts

def letters_of(answer) -> str | None:
    """The sorted distinct letters of a choice answer, or None if it is not text/letters."""
    if isinstance(answer, str):
        raw = answer
    elif isinstance(answer, PlainList) and all(isinstance(v, str) for v in answer.values):
        raw = "".join(answer.values)
    else:
        return None
    raw = unicodedata.normalize("NFKC", raw).upper()
    return "".join(sorted(set(ch for ch in raw if ch.isalnum())))


def _judge_choice(params, answer, match):
    options = params["options"]
    given = letters_of(answer)
    if given is None:
        return False, f"请用字母作答，例如 \"{options[0]}\"，你给的是 {type_name(answer)}。"
    if not given or any(ch not in options for ch in given):
        return False, f"请只填选项字母（{'、'.join(options)}）。"
    if match("letters", [given]):
        return True, ""
    if params["multi"]:
        return False, "这是多选题，选全且不多选才算对。"
    return False, ""


def choice_spec(expected: str, options: str) -> dict:
    letters = letters_of(expected)
    if not letters or any(ch not in options for ch in letters):
        raise NotRepresentable(f"choice answer {expected!r} is not made of the options {options}")
    return {"kind": "choice", "params": {"options": options, "multi": len(letters) > 1},
            "facets": {"letters": [letters]}}


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def normalise_text(value: str) -> str:
    """Fold full-width characters and ASCII letter case, drop spaces: ' ａ 类 ' equals 'A类'.

    A text answer is a name (客户编号 C0231, 分群名称 A类, a term such as RFM):
    typing its Latin letters in lower case is not a different answer. Only
    ASCII letters are folded (to upper case), so Chinese text and other
    scripts are compared exactly. Questions where letter case matters are
    ``choice`` questions or a ``custom`` rule, not ``text``.

    >>> normalise_text(" Ａ 类 "), normalise_text("a类"), normalise_text("c0231")
    ('A类', 'A类', 'C0231')
    """
    return "".join(unicodedata.normalize("NFKC", value).split()).translate(_ASCII_UPPER)


def normalise_month(value: str) -> str | None:
    """"2025-11", "2025年11月", "2025/11" and "2025.11" all become "2025-11".

    >>> normalise_month("2025年3月"), normalise_month("三月")
    ('2025-03', None)
    """
    found = re.fullmatch(r"\s*(\d{4})\s*[-/年.]\s*(\d{1,2})\s*月?\s*",
                         unicodedata.normalize("NFKC", value))
    return f"{found[1]}-{int(found[2]):02d}" if found else None


NORMALISERS = {"text": normalise_text, "month": normalise_month}


def _judge_text(params, answer, match):
    if not isinstance(answer, str):
        example = "（例如 \"2025-03\"）" if params["normalise"] == "month" else "（加上引号）"
        return False, f"答案应该是一段文字{example}，你给的是 {type_name(answer)}。"
    canonical = NORMALISERS[params["normalise"]](answer)
    if canonical is not None and match("text", [canonical]):
        return True, ""
    return False, f"你写的是 {answer!r}。"


def text_spec(expected, normalise: str = "text") -> dict:
    spellings = [expected] if isinstance(expected, str) else list(expected)
    accepted = sorted({NORMALISERS[normalise](s) for s in spellings} - {None})
    if not accepted:
        raise NotRepresentable(f"no accepted spelling survives the {normalise} normaliser")
    return {"kind": "text", "params": {"normalise": normalise}, "facets": {"text": accepted}}


# ------------------------------------------------------------------ collections

def _item_texts(answer) -> list[str] | None:
    """The items as texts compared like text answers: 'p02' and ' Ｐ02' are the id P02."""
    if isinstance(answer, (PlainList, PlainSeries)):
        return [normalise_text(str(v)) for v in answer.values]
    return None


def _judge_items(params, answer, match):
    texts = _item_texts(answer)
    if texts is None:
        return False, "答案应该是一组值（列表、集合或一列数据），不是单个值或整张表。"
    given = sorted(set(texts))
    if match("set", [SEP.join(given)]):
        return True, ""
    if len(given) != params["n"]:
        return False, f"参考答案有 {params['n']} 个不同的值，你给了 {len(given)} 个。"
    return False, f"个数对了（{params['n']} 个），但有的不对。"


def items_spec(expected) -> dict:
    texts = _item_texts(plain(expected))
    if texts is None:
        raise NotRepresentable("an items answer must be a collection")
    wanted = sorted(set(texts))
    return {"kind": "items", "params": {"n": len(wanted)}, "facets": {"set": [SEP.join(wanted)]}}


def _as_series(answer):
    if isinstance(answer, PlainFrame) and len(answer.columns) == 1:
        return PlainSeries(answer.index, [row[0] for row in answer.rows])  # one-column table
    return answer if isinstance(answer, PlainSeries) else None


def _row_canonical(value, params):
    if params["numeric"]:
        if not _is_real(value) or (isinstance(value, float) and math.isnan(value)):
            return None
        return bucket(value, params["width"])
    return str(value)


def _judge_series(params, answer, match):
    series = _as_series(answer)
    if series is None:
        return False, f"答案应该是一列数据（pandas Series），你给的是 {type_name(answer)}。"
    labels = sorted(series.index)
    if len(set(labels)) != len(labels) or not match("index", [SEP.join(labels)]):
        return False, "行标签（index）和参考答案不一样：检查分组用的列。"
    if params["numeric"] and series.values and not any(_is_real(v) for v in series.values):
        return False, ("这一列的值应该是数字，你给的不是数字：两个日期相减得到的是时间差，"
                       "要先换成天数；文字要先变成数字。")
    value_of = dict(zip(series.index, series.values))
    wrong = 0
    for position, label in enumerate(labels):
        canonical = _row_canonical(value_of[label], params)
        if canonical is None or not match(f"row:{position}", [canonical]):
            wrong += 1
    if not wrong:
        return True, ""
    if params["numeric"] and params["told"]:
        return False, f"有 {wrong} 行的值和参考答案相差超过允许误差 {params['told']}。"
    return False, f"有 {wrong} 行的值不对。"


def series_spec(expected, tolerance: float) -> dict:
    series = plain(expected)
    if not isinstance(series, PlainSeries):
        raise NotRepresentable("a series answer must be a pandas Series")
    labels = sorted(series.index)
    if len(set(labels)) != len(labels):
        raise NotRepresentable("the expected Series has repeated labels")
    value_of = dict(zip(series.index, series.values))
    numeric = all(_is_real(v) for v in series.values)
    params = {"n": len(labels), "numeric": numeric}
    facets = {"index": [SEP.join(labels)]}
    if numeric:
        tolerance = tolerance if tolerance > 0 else 1e-9
        params.update(width=tolerance / 10, told=_told(tolerance))
        for position, label in enumerate(labels):
            facets[f"row:{position}"] = number_parts(value_of[label], tolerance)[1]
    else:
        for position, label in enumerate(labels):
            facets[f"row:{position}"] = [str(value_of[label])]
    return {"kind": "series", "params": params, "facets": facets}


# ------------------------------------------------------------------ rules for custom checks

def letters_string(answer) -> str | None:
    if not isinstance(answer, str):
        return None
    return "".join(ch for ch in unicodedata.normalize("NFKC", answer).upper() if ch.isalnum())


def _judge_letters(params, answer, match):
    options, n = params["options"], params["n"]
    letters = letters_string(answer)
    if letters is None:
        return False, (f"答案应该是一串字母（加上引号），例如 \"{options[0] * n}\"，"
                       f"你给的是 {type_name(answer)}。")
    if len(letters) != n or set(letters) - set(options):
        return False, (f"请为 {n} 句话各写{params['letter_words']}，按句子顺序连起来，"
                       f"一共 {n} 个字母；你写了 {len(letters)} 个字符。")
    wrong = [str(i + 1) for i, letter in enumerate(letters) if not match(f"pos:{i}", [letter])]
    if not wrong:
        return True, ""
    return False, f"第 {'、'.join(wrong)} 句的{params['topic']}不对。"


def letters_spec(expected: str, options: str, letter_words: str, topic: str) -> dict:
    letters = letters_string(expected)
    if not letters or set(letters) - set(options):
        raise NotRepresentable(f"{expected!r} is not a string of the letters {options}")
    return {"kind": "letters",
            "params": {"options": options, "n": len(letters), "letter_words": letter_words,
                       "topic": topic},
            "facets": {f"pos:{i}": [letter] for i, letter in enumerate(letters)}}


def _cell_text(value) -> str:
    return str(value)


def _minute_text(text: str) -> str:
    """A date and time to the minute (2025/12/2 10:20 and 2025-12-02 10:20:00 agree); else the text."""
    import pandas as pd

    try:
        stamp = pd.Timestamp(text.strip())
    except (ValueError, TypeError, OverflowError):
        return text.strip()
    if pd.isna(stamp) or stamp.second or stamp.microsecond:
        return text.strip()
    return stamp.strftime("%Y-%m-%d %H:%M")


def form_candidates(value, rule) -> list[str]:
    """Canonical texts of one form field under its rule (same / minute / code / digits / contains:N,M)."""
    text = _cell_text(value)
    if rule == "same":
        return [text.strip()]
    if rule == "minute":
        return [_minute_text(text)]
    if rule == "code":
        return [re.sub(r"[\s\-－_]", "", text).upper()]
    if rule == "digits":
        return [re.sub(r"\D", "", text)]
    sizes = sorted({int(size) for size in rule.split(":")[1].split(",")})
    window = text[:CONTAINS_WINDOW]
    return sorted({window[i:i + size] for size in sizes
                   for i in range(max(0, len(window) - size + 1))})


def _judge_form(params, answer, match):
    fields = params["fields"]
    if not (isinstance(answer, PlainFrame) and len(answer.rows) == 1
            and set(fields) <= set(answer.columns)):
        return False, f"答案应该是{params['what']}（一行的 DataFrame）。"
    row = dict(zip(answer.columns, answer.rows[0]))
    wrong = [name for name, rule in fields.items()
             if not match(f"field:{name}", form_candidates(row[name], rule))]
    if not wrong:
        return True, ""
    names = params.get("names") or {}
    shown = [f"{names[name]}（{name}）" if name in names else name for name in wrong]
    return False, f"这些栏目和情境对不上：{'、'.join(shown)}。"


def form_spec(expected, fields: dict, what: str, names: dict | None = None) -> dict:
    """``fields``: name → ``"same"`` (text equal after stripping), ``"minute"`` (the same date
    and time to the minute, however written), ``"code"`` (the same code ignoring case, spaces
    and dashes), ``"digits"`` (same digits) or ``"contains:<part>|<part>…"`` (the first 40
    characters contain one of the parts: synonyms); ``names``: the Chinese name of each
    field, shown in the feedback (public, like the field names)."""
    frame = plain(expected)
    if not (isinstance(frame, PlainFrame) and len(frame.rows) == 1
            and set(fields) <= set(frame.columns)):
        raise NotRepresentable("a form answer must be a one-row table with the named fields")
    row = dict(zip(frame.columns, frame.rows[0]))
    facets, public = {}, {}
    for name, rule in fields.items():
        if rule.startswith("contains:"):
            parts = [part for part in rule[len("contains:"):].split("|") if part]
            if not parts:
                raise NotRepresentable(f"form field {name!r}: contains needs a part")
            public[name] = "contains:" + ",".join(str(size) for size in sorted({len(p) for p in parts}))
            facets[f"field:{name}"] = parts
        elif rule in ("same", "minute", "code", "digits"):
            public[name] = rule
            facets[f"field:{name}"] = form_candidates(row[name], rule)
        else:
            raise NotRepresentable(f"unknown form field rule {rule!r}")
    params = {"fields": public, "what": what}
    if names:
        params["names"] = {name: str(names[name]) for name in fields if name in names}
    return {"kind": "form", "params": params, "facets": facets}


# ------------------------------------------------------------------ judging

_JUDGES = {"number": _judge_number, "choice": _judge_choice, "text": _judge_text,
           "items": _judge_items, "series": _judge_series, "letters": _judge_letters,
           "form": _judge_form}


def judge_spec(spec: dict, answer, match) -> tuple[bool, str]:
    """(ok, reason) for an answer; ``match(facet, candidates)`` says if any candidate is accepted.

    ``answer`` may be anything: it is turned into plain data first.
    """
    return _JUDGES[spec["kind"]](spec["params"], plain(answer), match)


def plain_matcher(spec: dict):
    """The matcher of the teacher's copy: canonical texts compared directly."""
    accepted = {name: set(values) for name, values in spec["facets"].items()}
    return lambda facet, candidates: any(c in accepted.get(facet, ()) for c in candidates)


def judge_plain(spec: dict, answer) -> tuple[bool, str]:
    """Judge against a spec that holds the canonical answers in plain text."""
    return judge_spec(spec, answer, plain_matcher(spec))


def hashes_per_check(spec: dict) -> int:
    """How many facet texts one check hashes at most (sets the cost of each hash)."""
    params = spec["params"]
    if spec["kind"] == "series":
        return 1 + params["n"]
    if spec["kind"] == "letters":
        return params["n"]
    if spec["kind"] == "form":
        return sum(CONTAINS_WINDOW * len(rule.split(",")) if rule.startswith("contains") else 1
                   for rule in params["fields"].values())
    return 1


__all__ = ["KINDS", "NotRepresentable", "judge_spec", "judge_plain", "plain_matcher",
           "number_spec", "choice_spec", "text_spec", "items_spec", "series_spec",
           "letters_spec", "form_spec", "normalise_text", "normalise_month", "Other"]
