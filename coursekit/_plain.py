"""Answers as plain data: the one form every check and the grader judge.

A student's answer may be any Python, numpy or pandas object: an ``int``, a
``numpy.float64``, a list, a ``Series`` of the ``str`` dtype, a ``Categorical``,
``dict.keys()`` … :func:`plain` turns it into a small set of plain values
(Python scalars, :class:`PlainList`, :class:`PlainSeries`, :class:`PlainFrame`,
:class:`Other`), and every question is judged on that. The grader reads answers
out of a student's kernel as the JSON of the same plain values
(:func:`to_json` there, :func:`from_json` here), so an answer that ``check()``
accepts in the notebook is accepted by the grader, whatever its type.

This module imports nothing outside the standard library (numpy and pandas are
looked up in ``sys.modules``): the grader runs its source inside the student's
kernel to encode the answers.

Examples
--------
>>> plain([1, "A"])
PlainList(type='list', kind='list', values=[1, 'A'])
>>> from_json(to_json({"n": 3}))
{'n': 3}
>>> from_json('{"n": {"t": "float", "v": "oops"}}')["n"].type
'invalid'
"""
# No `from __future__ import annotations`: the grader execs this source in a kernel, where
# dataclasses could not resolve string annotations.
import json
import sys
from dataclasses import dataclass, field

MAX_ITEMS = 5000        # elements of a list or Series kept in an answer
MAX_ROWS = 200          # rows of a table kept in an answer
MAX_COLUMNS = 50
MAX_TEXT = 10000        # characters of one text
MAX_REPORT_BYTES = 2_000_000  # the whole JSON report of one notebook


@dataclass
class Other:
    """A value of a type no question expects (a date, a function, a nested list …)."""

    type: str
    text: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass
class PlainList:
    """A flat collection; ``kind`` is list (list, tuple, dict view), set, dict or array."""

    type: str
    kind: str
    values: list = field(default_factory=list)


@dataclass
class PlainSeries:
    """A pandas Series: labels as text, values as plain scalars."""

    index: list
    values: list
    type: str = "Series"


@dataclass
class PlainFrame:
    """A pandas DataFrame: column names and row labels as text, rows of plain scalars."""

    columns: list
    index: list
    rows: list
    type: str = "DataFrame"


# What a student is told they gave, in words they know (the Python name once, in brackets).
_STUDENT_TYPE_NAMES = {
    "int": "一个整数（int）", "float": "一个小数（float）", "str": "一段文字（str）",
    "bool": "True/False（bool）", "NoneType": "空值 None（是不是忘了赋值，或者函数没有返回结果？）",
    "list": "一个列表（list）", "tuple": "一个元组（tuple）", "dict": "一个字典（dict）",
    "set": "一个集合（set）", "DataFrame": "一张表（DataFrame）", "Series": "一列数据（Series）",
    "ndarray": "一个数组（array）", "Timestamp": "一个日期（Timestamp）",
    "method": "一个函数本身（后面是不是少了括号 ()？）",
    "function": "一个函数本身（后面是不是少了括号 ()？）",
    "builtin_function_or_method": "一个函数本身（后面是不是少了括号 ()？）",
    "invalid": "一个读不出来的值",
}


def type_name(value) -> str:
    """What a student knows the type of an answer as, in Chinese (plain value or not).

    >>> type_name(3), type_name("A"), type_name(None)[:7]
    ('一个整数（int）', '一段文字（str）', '空值 None')
    """
    if isinstance(value, (Other, PlainList, PlainSeries, PlainFrame)):
        name = value.type
    else:
        name = type(value).__name__
    return _STUDENT_TYPE_NAMES.get(name, f"{name} 类型的值")


def _text(value) -> str:
    try:
        return str(value)[:200]
    except Exception:  # a student's class whose __str__ raises
        return ""


def _scalar(value, np):
    """A Python scalar for a scalar answer, or None when ``value`` is not one."""
    if value is None or value is ...:
        return value
    if isinstance(value, bool) or (np is not None and isinstance(value, np.bool_)):
        return bool(value)
    if isinstance(value, int) or (np is not None and isinstance(value, np.integer)):
        return int(value) if abs(value) < 10 ** 300 else Other("int", "太大的整数")
    if isinstance(value, float) or (np is not None and isinstance(value, np.floating)):
        return float(value)
    if isinstance(value, str):
        return str(value[:MAX_TEXT]) if len(value) <= MAX_TEXT else Other("str", "太长的文字")
    return None


_NOT_SCALAR = object()


def _element(value, np):
    """An element inside a collection: a plain scalar, else :class:`Other`."""
    if value is None:
        return None
    scalar = _scalar(value, np)
    if scalar is not None:
        return scalar
    return Other(type(value).__name__[:100], _text(value))


def plain(value):
    """Turn any answer into plain data (see the module docstring).

    >>> plain(("B", "A"))
    PlainList(type='tuple', kind='list', values=['B', 'A'])
    >>> plain(3.0)
    3.0
    """
    try:
        return _plain(value)
    except Exception:  # an answer whose own methods fail is simply of an unknown type
        return Other(type(value).__name__[:100], "")


def _plain(value):
    if isinstance(value, (Other, PlainList, PlainSeries, PlainFrame)):
        return value  # already plain (the grader judges decoded reports)
    np, pd = sys.modules.get("numpy"), sys.modules.get("pandas")
    scalar = _scalar(value, np)
    if scalar is not None or value is None:
        return scalar
    name = type(value).__name__[:100]
    if pd is not None and isinstance(value, pd.Series):
        if len(value) > MAX_ITEMS:
            return Other(name, "太长的一列数据")
        return PlainSeries([_text(i) for i in value.index],
                           [_element(v, np) for v in value.tolist()])
    if pd is not None and isinstance(value, pd.DataFrame):
        if len(value) > MAX_ROWS or value.shape[1] > MAX_COLUMNS:
            return Other(name, "太大的表格")
        return PlainFrame([_text(c) for c in value.columns], [_text(i) for i in value.index],
                          [[_element(v, np) for v in row]
                           for row in value.itertuples(index=False, name=None)])
    if isinstance(value, dict):
        return _collection(name, "dict", list(value.keys()), np)
    if isinstance(value, (set, frozenset)):
        return _collection(name, "set", list(value), np)
    if isinstance(value, (list, tuple, type({}.keys()), type({}.values()), type({}.items()))):
        return _collection(name, "list", list(value), np)
    if np is not None and isinstance(value, np.ndarray):
        if value.ndim == 0:
            return _element(value.item(), np)
        if value.ndim == 1:
            return _collection(name, "array", value.tolist(), np)
        return Other(name, "多维数组")
    if pd is not None and isinstance(value, (pd.Index, pd.api.extensions.ExtensionArray)):
        if getattr(value, "ndim", 1) != 1:
            return Other(name, "多维数组")
        return _collection(name, "array", list(value.tolist()), np)
    return Other(name, _text(value))


def _collection(name, kind, values, np):
    if len(values) > MAX_ITEMS:
        return Other(name, "太长的一组值")
    return PlainList(name, kind, [_element(v, np) for v in values])


# ------------------------------------------------------------------ JSON form

def _encode(value):
    if value is None:
        return {"t": "none"}
    if value is ...:
        return {"t": "ellipsis"}
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, int):
        return {"t": "int", "v": str(value)}
    if isinstance(value, float):
        return {"t": "float", "v": repr(value)}
    if isinstance(value, str):
        return {"t": "str", "v": value}
    if isinstance(value, PlainList):
        return {"t": "list", "type": value.type, "kind": value.kind,
                "v": [_encode(v) for v in value.values]}
    if isinstance(value, PlainSeries):
        return {"t": "series", "index": value.index, "v": [_encode(v) for v in value.values]}
    if isinstance(value, PlainFrame):
        return {"t": "frame", "columns": value.columns, "index": value.index,
                "rows": [[_encode(v) for v in row] for row in value.rows]}
    return {"t": "other", "type": value.type, "text": value.text}


def to_json(answers: dict) -> str:
    """JSON of ``{name: plain(value)}`` for the grader, or of an "too large" marker."""
    report = {str(name): _encode(plain(value)) for name, value in answers.items()}
    text = json.dumps(report, ensure_ascii=True, separators=(",", ":"))
    if len(text) > MAX_REPORT_BYTES:
        report = {str(name): {"t": "other", "type": "too_large", "text": ""}
                  for name in answers}
        text = json.dumps(report)
    return text


class _Invalid(Exception):
    pass


def _need(condition):
    if not condition:
        raise _Invalid


def _text_field(item, key, limit=MAX_TEXT):
    value = item.get(key)
    _need(isinstance(value, str) and len(value) <= limit)
    return value


def _decode(item, depth=0):
    _need(isinstance(item, dict) and depth <= 2)
    kind = item.get("t")
    if kind == "none":
        return None
    if kind == "ellipsis":
        return ...
    if kind == "bool":
        _need(isinstance(item.get("v"), bool))
        return item["v"]
    if kind == "int":
        text = _text_field(item, "v", 400)
        _need(text.lstrip("-").isdigit() and text.isascii())
        return int(text)
    if kind == "float":
        text = _text_field(item, "v", 40)
        try:
            return float(text)
        except ValueError:
            raise _Invalid from None
    if kind == "str":
        return _text_field(item, "v")
    if kind == "other":
        return Other(_text_field(item, "type", 100), _text_field(item, "text", 200))
    _need(depth == 0)  # collections hold scalars only
    if kind == "list":
        values = item.get("v")
        _need(isinstance(values, list) and len(values) <= MAX_ITEMS
              and item.get("kind") in ("list", "set", "dict", "array"))
        return PlainList(_text_field(item, "type", 100), item["kind"],
                         [_decode(v, depth + 1) for v in values])
    if kind == "series":
        index, values = item.get("index"), item.get("v")
        _need(isinstance(index, list) and isinstance(values, list)
              and len(index) == len(values) <= MAX_ITEMS
              and all(isinstance(i, str) and len(i) <= 200 for i in index))
        return PlainSeries(index, [_decode(v, depth + 1) for v in values])
    if kind == "frame":
        columns, index, rows = item.get("columns"), item.get("index"), item.get("rows")
        _need(isinstance(columns, list) and isinstance(rows, list) and isinstance(index, list)
              and len(columns) <= MAX_COLUMNS and len(index) == len(rows) <= MAX_ROWS
              and all(isinstance(c, str) and len(c) <= 200 for c in columns + index)
              and all(isinstance(r, list) and len(r) == len(columns) for r in rows))
        return PlainFrame(columns, index, [[_decode(v, depth + 1) for v in row] for row in rows])
    raise _Invalid


def from_json(text) -> dict:
    """Read a report back: ``{name: plain value}``; anything malformed becomes ``Other('invalid')``.

    Never raises: a report is written by code the student controls, so it is
    checked field by field, and a field that does not fit is an invalid answer.
    """
    if not isinstance(text, (str, bytes)) or len(text) > MAX_REPORT_BYTES:
        return {}
    try:
        report = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(report, dict):
        return {}
    answers = {}
    for name, item in report.items():
        try:
            answers[name] = _decode(item)
        except (_Invalid, ValueError, TypeError, RecursionError):
            answers[name] = Other("invalid", "")
    return answers
