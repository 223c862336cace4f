"""Read numbers, dates and ids the way spreadsheets write them (private).

Shared by the input checks (``_validate``) and the file reader (``_read``), so
that a date a function accepts is a date :func:`coursekit.read_table`
accepts, and the other way round.

Dates in text: ``2025-01-05``, ``2025/1/5``, ``2025.1.5``, ``2025年1月5日``,
``20250105``, each optionally followed by a time ``14:30`` or ``14:30:05``
(also ``14时30分``, ``下午 2:30`` and ``2:30 PM`` as Excel on a Chinese
Windows writes them), and ``20250105143000`` (date and time run together). Day-first or month-first forms such as ``5/1/2025`` are
not accepted, because 5/1 could be May 1st or January 5th.

Dates as numbers (only where the column is known to hold dates, as in
``read_table``): eight-digit ``20250105`` and Excel serial numbers (days since
1899-12-30, the fraction is the time of day, e.g. 45662.5 = 2025-01-05 12:00).

Amounts in text: ``1,234.50``, ``¥1,234.50``, ``￥29.33``, ``29.33元``,
``RMB 100``, ``１２３``, ``1.2万`` (= 12,000), ``(123.00)`` (accounting
negative), ``-5``.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

LOCAL_TIMEZONE = "Asia/Shanghai"
"""The course's local time (Beijing time, UTC+8)."""

_FAST_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
_DATE = re.compile(
    r"^\s*(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:(?:\s+|T|\s*日\s*)(?P<half>上午|下午|晚上)?\s*(?P<hour>\d{1,2})\s*[:：时]\s*(?P<minute>\d{1,2})\s*分?"
    r"(?:\s*[:：]?\s*(?P<second>\d{1,2})(?:\.\d+)?\s*秒?)?(?:\s*(?P<ampm>[AaPp][Mm]))?)?\s*$")
_COMPACT = re.compile(r"^\s*(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"
                      r"(?:(?P<hour>\d{2})(?P<minute>\d{2})(?P<second>\d{2})?)?\s*$")
_ZONED = re.compile(r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[+-]\d{2}:?\d{2}|Z|UTC|GMT)\s*$",
                    re.IGNORECASE)
EXCEL_ORIGIN = pd.Timestamp("1899-12-30")
_EXCEL_FIRST, _EXCEL_LAST = 18_264, 109_574  # 1950-01-01 to 2199-12-31: outside, a number is no date
_COMPACT_RANGE = (19_000_101, 21_991_231)

_CURRENCY = re.compile(r"^(?:¥|￥|RMB|CNY|人民币|\$|US\$)\s*|\s*(?:元|人民币|RMB|CNY)$", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

def _from_parts(parts: pd.DataFrame) -> pd.Series:
    """Build timestamps from year/month/day[/hour/minute/second] text parts; NaT if impossible."""
    numbers = parts.drop(columns=["half", "ampm"], errors="ignore").apply(pd.to_numeric, errors="coerce")
    for unit in ("hour", "minute", "second"):
        if unit not in numbers:
            numbers[unit] = 0
        numbers[unit] = numbers[unit].fillna(0)
    ok = (numbers["hour"] < 24) & (numbers["minute"] < 60) & (numbers["second"] < 60)
    half = _afternoon(parts)  # 下午 2:30 / 2:30 PM is 14:30; 上午 12:10 / 12:10 AM is 00:10
    if half is not None:
        ok &= ~half.notna() | numbers["hour"].between(1, 12)
        numbers.loc[half.eq(True) & (numbers["hour"] < 12), "hour"] += 12
        numbers.loc[half.eq(False) & (numbers["hour"] == 12), "hour"] = 0
    stamps = pd.to_datetime(numbers[["year", "month", "day", "hour", "minute", "second"]],
                            errors="coerce")
    return stamps.where(ok)


def _afternoon(parts: pd.DataFrame):
    """True (下午, 晚上, PM), False (上午, AM) or NaN per row; None when no row says which."""
    words = [parts[c] for c in ("half", "ampm") if c in parts]
    if not words or all(w.isna().all() for w in words):
        return None
    said = words[0].copy() if len(words) == 1 else words[0].fillna(words[1])
    return said.map(lambda w: np.nan if not isinstance(w, str) else w in ("下午", "晚上") or
                    w.lower() == "pm")


def parse_date_text(values: pd.Series):
    """Parse date text in the forms listed in the module docstring.

    Returns ``(stamps, zoned)``: ``stamps`` a naive datetime64 Series (NaT for
    blanks and for text that is no date), ``zoned`` a bool array marking text
    that carries a UTC offset (``+08:00``, ``Z``): those are left NaT here,
    see :func:`parse_zoned_text`.
    """
    stamps = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    todo = values.notna().to_numpy()
    for fmt in _FAST_FORMATS:  # the common ISO forms first: fast, vectorised C parsing
        if not todo.any():
            break
        try:
            parsed = pd.to_datetime(values[todo], format=fmt, errors="coerce")
        except (ValueError, TypeError, OverflowError):  # odd objects: left to the slow path
            continue
        stamps[todo] = parsed.to_numpy(dtype="datetime64[ns]")
        todo = todo & stamps.isna().to_numpy()
    zoned = np.zeros(len(values), dtype=bool)
    if todo.any():
        rest = values[todo].astype(str).str.strip()
        zoned[todo] = rest.str.contains(_ZONED).to_numpy()
        for pattern in (_DATE, _COMPACT):
            parts = rest.str.extract(pattern)
            found = parts["year"].notna()
            if found.any():
                stamps[parts.index[found]] = _from_parts(parts[found]).to_numpy()
            rest = rest[~found]
    return stamps, zoned


def parse_zoned_text(values: pd.Series) -> pd.Series:
    """Text with a UTC offset, converted to Beijing time and made naive (NaT if unreadable)."""
    try:
        parsed = pd.to_datetime(values.astype(str), utc=True, format="mixed", errors="coerce")
    except (ValueError, TypeError):
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    return parsed.dt.tz_convert(LOCAL_TIMEZONE).dt.tz_localize(None)


def parse_date_numbers(values: pd.Series) -> pd.Series:
    """Eight-digit numbers (20250105) and Excel serials (45662) as dates; NaT otherwise."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    stamps = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    whole = numbers == np.floor(numbers)
    compact = whole & numbers.between(*_COMPACT_RANGE)
    if compact.any():
        text = numbers[compact].astype(np.int64).astype(str)
        stamps[compact] = pd.to_datetime(text, format="%Y%m%d", errors="coerce")
    serial = numbers.between(_EXCEL_FIRST, _EXCEL_LAST) & ~compact
    if serial.any():
        # round to the second: Excel stores times as binary fractions of a day
        seconds = (numbers[serial] * 86_400).round().astype(np.int64)
        stamps[serial] = EXCEL_ORIGIN + pd.to_timedelta(seconds, unit="s")
    return stamps


def number_date_hint(values: pd.Series) -> tuple[str, str]:
    """Say in which form a numeric column seems to hold dates, and how to convert it."""
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    if len(numbers) and numbers.between(*_COMPACT_RANGE).all():
        return ("看起来是 20250105 这样的八位数字日期，可以用 pd.to_datetime(列.astype(str), "
                "format='%Y%m%d') 转换，或用 ck.read_table 读文件",
                "it looks like eight-digit dates such as 20250105: convert with "
                "pd.to_datetime(col.astype(str), format='%Y%m%d') or read the file with ck.read_table")
    if len(numbers) and numbers.between(_EXCEL_FIRST, _EXCEL_LAST).all():
        return ("看起来是 Excel 的日期序列号（例如 45662 = 2025-01-05），可以用 "
                "pd.to_datetime(列, unit='D', origin='1899-12-30') 转换，或用 ck.read_table 读文件",
                "it looks like Excel serial dates (45662 = 2025-01-05): convert with "
                "pd.to_datetime(col, unit='D', origin='1899-12-30') or read the file with "
                "ck.read_table")
    return ("请先把它转换成日期", "convert it to dates first")


# ---------------------------------------------------------------------------
# amounts
# ---------------------------------------------------------------------------

def _one_amount(text: str) -> float:
    """One amount written as text; NaN when it is not a number."""
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("−", "-")
    negative = s.startswith("(") and s.endswith(")")
    if negative:
        s = s[1:-1]
    elif s.startswith("-") and _CURRENCY.match(s[1:]):  # -￥1,234.00, a zh-CN currency format
        negative, s = True, s[1:]
    signed = _CURRENCY.match(s) is not None
    s = _CURRENCY.sub("", s).strip()
    if signed and s == "-":  # Excel's 会计专用 format writes zero as ' ￥ -   '
        return 0.0
    scale = 1.0
    if s.endswith("万"):
        s, scale = s[:-1], 10_000.0
    elif s.endswith("亿"):
        s, scale = s[:-1], 100_000_000.0
    s = _CURRENCY.sub("", s).strip()
    if _GROUPED.match(s):
        s = s.replace(",", "")
    if not _NUMBER.match(s):
        return np.nan
    value = float(s) * scale
    return -value if negative else value


_GROUPED_AMOUNT = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def _common_amounts(texts: list) -> np.ndarray:
    """'￥1,234.50', '1,234.50元', '1234.5' as floats, NaN for any other form.

    One plain loop: strip the ￥/¥/元 signs, accept commas only as thousands
    separators (1,234,567.8), let ``float`` read the rest. On a million cells
    this is faster, and far lighter on memory, than vectorised string arrays.
    """
    out = np.empty(len(texts))
    grouped = _GROUPED_AMOUNT.fullmatch
    for i, text in enumerate(texts):
        number = (text if type(text) is str else str(text)).strip().strip("￥¥元 ")
        if "," in number:
            number = number.replace(",", "") if grouped(number) else "x"
        try:
            out[i] = float(number)
        except ValueError:
            out[i] = np.nan
    return out


_CHUNK = 100_000  # cells turned into a Python list at a time (a list of a million is 8 MB)


def parse_amount_text(values: pd.Series) -> pd.Series:
    """Amounts written as text (see the module docstring) as floats; NaN where not a number.

    The usual forms go through :func:`_common_amounts`; only what is left
    (万, RMB, accounting brackets) is read piece by piece.
    """
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype("float64")
    present = values.notna().to_numpy()
    texts = values.to_numpy(dtype=object)
    if present.all():  # no copies of a million cells just to leave out blanks
        numbers = np.concatenate([_common_amounts(texts[start:start + _CHUNK].tolist())
                                  for start in range(0, len(texts), _CHUNK)] or [np.empty(0)])
    else:
        numbers = np.full(len(values), np.nan)
        numbers[present] = _common_amounts(texts[present].tolist())
    todo = np.isnan(numbers) & present
    if todo.any():
        numbers[todo] = [_one_amount(str(v)) for v in texts[todo]]
    return pd.Series(numbers, index=values.index)


def looks_like_amount_text(values: pd.Series) -> bool:
    """True when text values would read as numbers once ¥, 元 and thousands separators are dropped."""
    present = values.dropna()
    if not len(present):
        return False
    sample = present.iloc[:200]
    return bool(parse_amount_text(sample.astype(str)).notna().all())


# ---------------------------------------------------------------------------
# ids
# ---------------------------------------------------------------------------

_HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20}


def half_width(text: str) -> str:
    """Full-width letters, digits and signs (Ｃ００１) as ASCII (C001); Chinese characters stay."""
    return text.translate(_HALF_WIDTH)


def id_to_text(value):
    """One id as text: numbers without a trailing .0, text stripped and half-width, blanks stay missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return str(value)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return half_width(str(value)).strip()
