"""Input checks shared by every public coursekit function.

Every error a student can trigger is raised here, so the wording stays the
same everywhere: Chinese first, then English, naming the argument or column
and what was expected.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import math
from numbers import Real

import numpy as np
import pandas as pd

from ._parse import (LOCAL_TIMEZONE, id_to_text, looks_like_amount_text, number_date_hint,
                     parse_date_text)

MAX_MAGNITUDE = 1e15
"""Largest absolute number an argument or a column may hold.

A thousand trillion yuan, kilograms or days is no real figure: such a number
is a typing or unit error, and larger ones overflow sums into inf."""

_TZ_FIX = ("data['{column}'] = data['{column}'].dt.tz_convert('Asia/Shanghai')"
           ".dt.tz_localize(None)")


def bilingual(zh: str, en: str) -> str:
    """Join a Chinese and an English message the way every error shows them."""
    return f"{zh}\n{en}"


def fail(zh: str, en: str, kind: type[Exception] = ValueError):
    """Raise ``kind`` with a Chinese-then-English message."""
    raise kind(bilingual(zh, en))


def _type_name(value) -> str:
    """``polars.DataFrame`` rather than the bare ``DataFrame`` for another library's type."""
    kind = type(value)
    module = kind.__module__.split(".")[0]
    return kind.__name__ if module == "builtins" else f"{module}.{kind.__name__}"


def require_frame(data, arg: str = "data") -> pd.DataFrame:
    """Check that ``data`` is a non-empty pandas DataFrame with unique column names; return it.

    Another library's table (polars, pyarrow) is named with its module, with the
    one call that converts it (``.to_pandas()``).
    """
    if not isinstance(data, pd.DataFrame):
        name = _type_name(data)
        if hasattr(data, "to_pandas"):
            fail(f"参数 {arg} 是 {name}，不是 pandas DataFrame。请先转换：{arg} = {arg}.to_pandas()。",
                 f"Argument {arg} is a {name}, not a pandas DataFrame. Convert it first: "
                 f"{arg} = {arg}.to_pandas().", TypeError)
        if isinstance(data, pd.Series):
            fail(f"参数 {arg} 是一列（pandas Series），这里需要整张表（DataFrame），"
                 f"可以用 {arg}.to_frame() 或传入原来的表。",
                 f"Argument {arg} is a single column (pandas Series); a whole table (DataFrame) "
                 f"is needed: use {arg}.to_frame() or pass the original table.", TypeError)
        fail(f"参数 {arg} 应该是一个 pandas DataFrame（表格），现在是 {name}。",
             f"Argument {arg} must be a pandas DataFrame, got {name}.", TypeError)
    if data.columns.has_duplicates:
        repeated = list(dict.fromkeys(data.columns[data.columns.duplicated()]))
        fail(f"参数 {arg} 有重名的列 {repeated}：每一列的名字必须不同，请先改名或删掉多余的列。",
             f"Argument {arg} has repeated column names {repeated}: every column needs its own "
             "name; rename or drop the extra ones first.")
    if data.empty:
        fail(f"参数 {arg} 是空表，没有可以计算的行。",
             f"Argument {arg} is an empty DataFrame; there are no rows to compute on.")
    return data


def require_columns(data: pd.DataFrame, columns, arg: str = "data") -> None:
    """Check that every column exists; suggest the nearest name for a typo."""
    for column in columns:
        try:
            present = column in data.columns
        except (TypeError, ValueError):  # a list, an array or pd.NA as a column name
            present = False
        if present and isinstance(column, (str, int, np.integer)):
            continue
        if not isinstance(column, str):
            fail(f"{arg} 的列名参数应该是文字（列名），现在是 {_type_name(column)}：{_short(column)}。",
                 f"A column name for {arg} must be text (the column's name), got "
                 f"{_type_name(column)}: {_short(column)}.", TypeError)
        names = [str(c) for c in data.columns]
        close = difflib.get_close_matches(str(column), names, n=1, cutoff=0.6)
        labels = _course_labels()
        if close and close[0] in labels and column in labels:
            # resolved_at and received_at look alike but are two columns: no "did you mean"
            hint_zh = (f"'{column}' 是{labels[column]}，和已有的 '{close[0]}'（{labels[close[0]]}）不是同一列。"
                       f"请在表里加上这一列；用 ck.read_table 读文件时可以写 columns={{'你的表头': '{column}'}}。")
            hint_en = (f"'{column}' is not the same column as '{close[0]}'. Add it to the table; "
                       f"with ck.read_table, map your header: columns={{'your header': '{column}'}}.")
        elif close:
            hint_zh, hint_en = f"你是不是想写 '{close[0]}'？", f"Did you mean '{close[0]}'?"
        else:
            hint_zh = f"现有的列：{', '.join(names[:12])}。"
            hint_en = f"Available columns: {', '.join(names[:12])}."
        fail(f"{arg} 中没有列 '{column}'。{hint_zh}",
             f"Column '{column}' is missing from {arg}. {hint_en}")


def _course_labels() -> dict:
    """{course column: its Chinese header} from the data dictionary (empty when it is missing)."""
    from .labels import _dictionary_labels  # imported here: labels imports this module

    return {column: label for (_, column), label in _dictionary_labels()["dataset"].items()}


def require_optional_column(data: pd.DataFrame, column, default, arg: str = "data") -> bool:
    """Whether an optional column is there; a name the caller chose must exist.

    An optional column left at its default name may be absent (the step that
    uses it is skipped); a name the caller wrote on purpose that is not in the
    table is a typo, reported with the nearest name instead of being ignored.
    """
    if column is None:
        return False
    if column != default:
        require_columns(data, [column], arg)
        return True
    try:
        return column in data.columns
    except (TypeError, ValueError):
        return False


def _short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _first_label(values: pd.Series, mask) -> str:
    """The index label of the first flagged row, for a message."""
    return str(values.index[np.flatnonzero(np.asarray(mask))[0]])


def require_numeric(data: pd.DataFrame, column: str, arg: str = "data",
                    allow_negative: bool = False, allow_nan: bool = False,
                    allow_inf: bool = False) -> pd.Series:
    """Check that a column holds real, finite numbers (no text, no inf), optionally no NaN or negatives.

    Text amounts such as '¥1,234.50' are named with an example and the way to
    convert them; numbers beyond ±``MAX_MAGNITUDE`` are rejected as typing errors.
    ``allow_inf`` is for computed columns where inf has a documented meaning
    (a growth ratio against a year with no waybills).
    """
    values = data[column]
    if pd.api.types.is_bool_dtype(values):
        fail(f"{arg} 的列 '{column}' 应该是数字，现在是真/假（bool）。",
             f"Column '{column}' of {arg} must be numeric, got booleans (dtype {values.dtype}).",
             TypeError)
    if pd.api.types.is_complex_dtype(values):
        fail(f"{arg} 的列 '{column}' 是复数（complex），这里只接受实数。",
             f"Column '{column}' of {arg} holds complex numbers; only real numbers are allowed.",
             TypeError)
    if not pd.api.types.is_numeric_dtype(values):
        _not_numbers(values, column, arg)
    numbers = values.to_numpy(dtype=np.float64, na_value=np.nan)
    missing = np.isnan(numbers)
    if not allow_nan and missing.any():
        n = int(missing.sum())
        fail(f"{arg} 的列 '{column}' 有 {n} 个空值（NaN），请先补全或删除这些行。",
             f"Column '{column}' of {arg} has {n} missing values (NaN); fill or drop them first.")
    infinite = np.isinf(numbers)
    if allow_inf:
        numbers = np.where(infinite, np.sign(numbers), numbers)  # keep the sign for the check below
    elif infinite.any():
        n = int(infinite.sum())
        label = _first_label(values, infinite)
        fail(f"{arg} 的列 '{column}' 有 {n} 个无穷大（inf），例如索引 {label} 的那一行；请改成真实的数。",
             f"Column '{column}' of {arg} has {n} infinite values (inf), e.g. at index {label}; "
             "replace them with real figures.")
    huge = np.abs(np.where(missing, 0.0, numbers)) > MAX_MAGNITUDE
    if huge.any():
        label = _first_label(values, huge)
        fail(f"{arg} 的列 '{column}' 有 {int(huge.sum())} 个数大得不真实（超过 10^15），例如索引 {label} "
             "的那一行，可能是录入错误。",
             f"Column '{column}' of {arg} has {int(huge.sum())} numbers too large to be real "
             f"(beyond 10^15), e.g. at index {label}; probably a typing error.")
    if not allow_negative and (numbers < 0).any():
        n = int((numbers < 0).sum())
        fail(f"{arg} 的列 '{column}' 有 {n} 个负数，这里只接受 0 或正数。",
             f"Column '{column}' of {arg} has {n} negative values; only zero or positive "
             "values are allowed.")
    return values


def _not_numbers(values: pd.Series, column: str, arg: str):
    """Say why a column is not numeric, with an example value and how to convert it."""
    present = values.dropna()
    numbers = pd.to_numeric(present, errors="coerce")
    odd = present[numbers.isna()] if len(present) else present
    example = odd.iloc[0] if len(odd) else (present.iloc[0] if len(present) else None)
    if len(odd) and looks_like_amount_text(odd.astype(str)):
        fail(f"{arg} 的列 '{column}' 里的数字写成了文字，例如 {_short(example)}（带千位分隔符或货币符号）。"
             f"请先转换成数字：ck.read_table 读文件时会自动转换，或者用 "
             f"pd.to_numeric({arg}['{column}'].str.replace(r'[¥￥,元\\s]', '', regex=True))。",
             f"Column '{column}' of {arg} holds numbers written as text, e.g. {_short(example)} "
             "(thousands separators or currency signs). Convert them first: ck.read_table does it "
             f"when reading a file, or use pd.to_numeric({arg}['{column}'].str.replace(r'[¥￥,元\\s]', "
             "'', regex=True)).", TypeError)
    fail(f"{arg} 的列 '{column}' 应该是数字，现在的类型是 {values.dtype}，例如 {_short(example)}（混入了文字？）。",
         f"Column '{column}' of {arg} must be numeric, got dtype {values.dtype}, e.g. "
         f"{_short(example)} (text mixed in?).", TypeError)


def require_dates(data: pd.DataFrame, column: str, arg: str = "data",
                  allow_missing: bool = False) -> pd.Series:
    """Return the column as naive datetimes; text that is not a date is an error.

    Text may mix the forms 2025-01-05, 2025/1/5, 2025.1.5, 2025年1月5日 and
    20250105 (with an optional time). Numbers are not read as dates here
    (20250105 or an Excel serial could be anything): the message says how to
    convert them. Time zones: coursekit counts in local (Beijing) time without
    a zone. Dates that carry a zone, or text with a UTC offset such as
    '+08:00', are rejected with the line that converts them, never shifted
    silently.
    """
    values = data[column]
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(values.cat.categories.dtype)
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        _zoned(column, arg, str(values.dtype.tz))
    if isinstance(values.dtype, pd.ArrowDtype) and values.dtype.kind == "M":
        if getattr(values.dtype.pyarrow_dtype, "tz", None):
            _zoned(column, arg, str(values.dtype.pyarrow_dtype.tz))
        values = pd.Series(values.to_numpy(dtype="datetime64[ns]", na_value=np.datetime64("NaT")),
                           index=values.index, name=values.name)
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = values
    elif pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        hint_zh, hint_en = number_date_hint(values)
        fail(f"{arg} 的列 '{column}' 应该是日期，现在是数字类型 {values.dtype}，{hint_zh}。",
             f"Column '{column}' of {arg} must hold dates, got numeric dtype {values.dtype}; "
             f"{hint_en}.", TypeError)
    else:
        parsed = _dates_from_objects(values, column, arg)
    if not allow_missing and parsed.isna().any():
        fail(f"{arg} 的列 '{column}' 有 {int(parsed.isna().sum())} 个空日期。",
             f"Column '{column}' of {arg} has {int(parsed.isna().sum())} missing dates.")
    return parsed


def _dates_from_objects(values: pd.Series, column: str, arg: str) -> pd.Series:
    """Dates held as text or as Python date objects."""
    is_stamp = np.zeros(len(values), dtype=bool)
    stamps = None
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) != "string":
        stamps = values.map(_stamp_or_none, na_action="ignore")
        is_stamp = stamps.notna().to_numpy()
        zones = {str(s.tz) for s in stamps[is_stamp] if s.tz is not None}
        if zones:
            _zoned(column, arg, ", ".join(sorted(zones)))
    parsed, zoned = parse_date_text(values.where(~is_stamp) if is_stamp.any() else values)
    if zoned.any():
        example = values[zoned].iloc[0]
        fail(f"{arg} 的列 '{column}' 有 {int(zoned.sum())} 个时间带时区偏移，例如 '{example}'。"
             "coursekit 按不带时区的北京时间计算，不会替你换算；请先统一换成北京时间："
             f"pd.to_datetime({arg}['{column}'], utc=True).dt.tz_convert('Asia/Shanghai')"
             ".dt.tz_localize(None)，或用 ck.read_table 读文件（它会换算成北京时间）。",
             f"Column '{column}' of {arg} has {int(zoned.sum())} times with a UTC offset, e.g. "
             f"'{example}'. coursekit counts in Beijing time without a zone and does not convert "
             f"silently: convert first with pd.to_datetime({arg}['{column}'], utc=True)"
             ".dt.tz_convert('Asia/Shanghai').dt.tz_localize(None), or read the file with "
             "ck.read_table (it converts to Beijing time).", ValueError)
    if is_stamp.any():
        parsed[is_stamp] = [s.to_datetime64() for s in stamps[is_stamp]]
    bad = parsed.isna().to_numpy() & values.notna().to_numpy()
    if bad.any():
        example = values[bad].iloc[0]
        fail(f"{arg} 的列 '{column}' 有 {int(bad.sum())} 个值无法识别为日期，例如 '{example}'"
             "（日期可以写成 2025-01-05、2025/1/5 或 2025年1月5日）。",
             f"Column '{column}' of {arg} has {int(bad.sum())} values that are not dates, "
             f"e.g. '{example}' (write dates like 2025-01-05, 2025/1/5 or 2025年1月5日).", TypeError)
    return parsed


def _stamp_or_none(value):
    """A Timestamp for a date/datetime object in an object column, else None (text is parsed later)."""
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date, np.datetime64)):
        try:
            return pd.Timestamp(value)
        except (ValueError, OverflowError):
            return None
    return None


def _zoned(column: str, arg: str, zone: str):
    fix = _TZ_FIX.format(column=column).replace("data[", f"{arg}[")
    fail(f"{arg} 的列 '{column}' 带有时区（{zone}）。coursekit 按不带时区的本地（北京）时间计算，"
         f"不会替你换算时区；请先明确换算：{fix}",
         f"Column '{column}' of {arg} carries a time zone ({zone}). coursekit counts in local "
         f"(Beijing) time without a zone and never shifts times silently; convert explicitly: {fix}",
         ValueError)


def require_unique(data: pd.DataFrame, column: str, arg: str = "data") -> None:
    """Check that an id column has no duplicates."""
    dupes = data[column][data[column].duplicated()]
    if len(dupes):
        fail(f"{arg} 的列 '{column}' 应该每行唯一，但 '{dupes.iloc[0]}' 等 {len(dupes)} 个值重复了。",
             f"Column '{column}' of {arg} must be unique, but {len(dupes)} values repeat, "
             f"e.g. '{dupes.iloc[0]}'.")


def require_timestamp(value, arg: str = "as_of") -> pd.Timestamp:
    """Parse a date argument such as ``as_of``; an unreadable date is an error.

    Accepted: text in the forms of :func:`require_dates` ('2025-12-31',
    '2025/12/31', '2025年12月31日'), an eight-digit number read as
    YYYYMMDD (``20251231``), and date objects (``pd.Timestamp``,
    ``datetime.date``, ``numpy.datetime64``). A date with a time zone is an
    error, as for columns.
    """
    if value is None:
        fail(f"参数 {arg} 必须给出一个日期，例如 '2025-12-31'。",
             f"Argument {arg} is required: give a date such as '2025-12-31'.", TypeError)
    stamp = None
    if isinstance(value, str):
        parsed, zoned = parse_date_text(pd.Series([value], dtype=object))
        if zoned[0]:
            fail(f"参数 {arg}（{value!r}）带时区偏移。coursekit 按不带时区的北京时间计算，请写成 '2025-12-31'。",
                 f"Argument {arg} ({value!r}) carries a UTC offset. coursekit counts in Beijing "
                 "time without a zone: write it like '2025-12-31'.")
        stamp = parsed.iloc[0]
    elif isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        if 10_000_000 <= value <= 99_991_231:
            stamp = pd.to_datetime(str(int(value)), format="%Y%m%d", errors="coerce")
    elif isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date, np.datetime64)):
        stamp = _stamp_or_none(value)
    if stamp is None or pd.isna(stamp):
        if value is pd.NaT or (isinstance(value, np.datetime64) and np.isnat(value)):
            fail(f"参数 {arg} 不能是空日期。", f"Argument {arg} must not be a missing date.")
        fail(f"参数 {arg} 无法识别为日期：{_short(value)}，请写成 '2025-12-31' 这样的格式。",
             f"Argument {arg} is not a date: {_short(value)}; write it like '2025-12-31'.",
             TypeError)
    if stamp.tz is not None:
        fail(f"参数 {arg}（{stamp}）带有时区。coursekit 按不带时区的本地（北京）时间计算；"
             f"请写成 '2025-12-31'，或用 {arg}.tz_convert('Asia/Shanghai').tz_localize(None) 换算。",
             f"Argument {arg} ({stamp}) carries a time zone. coursekit counts in local (Beijing) "
             f"time without a zone: write '2025-12-31' or convert with "
             f"{arg}.tz_convert('Asia/Shanghai').tz_localize(None).")
    return stamp


def require_number(value, arg: str, low=None, high=None, low_open: bool = False,
                   high_open: bool = False, integer: bool = False):
    """Check a scalar parameter: a real, finite number within [low, high] (or open bounds).

    NaN, inf and numbers beyond ±``MAX_MAGNITUDE`` are errors whatever the bounds.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.integer, np.floating)):
        fail(f"参数 {arg} 应该是一个数字，现在是 {_type_name(value)}：{_short(value)}。",
             f"Argument {arg} must be a number, got {_type_name(value)}: {_short(value)}.",
             TypeError)
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if math.isnan(number):
        fail(f"参数 {arg} 不能是 NaN。", f"Argument {arg} must not be NaN.")
    if math.isinf(number) or abs(number) > MAX_MAGNITUDE:
        fail(f"参数 {arg} 应该是一个有限的、不超过 10^15 的数，现在是 {_short(value)}。",
             f"Argument {arg} must be a finite number no larger than 10^15, got {_short(value)}.")
    if integer and not number.is_integer():
        fail(f"参数 {arg} 应该是整数，现在是 {value}。",
             f"Argument {arg} must be a whole number, got {value}.", TypeError)
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        span = f"{left}{'-∞' if low is None else low}, {'∞' if high is None else high}{right}"
        fail(f"参数 {arg} 应该在 {span} 范围内，现在是 {value}。",
             f"Argument {arg} must lie in {span}, got {value}.")
    return value


def require_flag(value, arg: str) -> bool:
    """Check a True/False switch (``pd.NA``, an array or 'yes' is not one); return it as bool."""
    if not isinstance(value, (bool, np.bool_)):
        fail(f"参数 {arg} 应该是 True 或 False，现在是 {_short(value)}。",
             f"Argument {arg} must be True or False, got {_short(value)}.", TypeError)
    return bool(value)


def require_choice(value, arg: str, choices) -> None:
    """Check that a parameter is one of the allowed choices (an array or pd.NA never is)."""
    if not _one_of(value, choices):
        listed = ", ".join(repr(c) for c in choices)
        fail(f"参数 {arg} 只能取 {listed} 之一，现在是 {_short(value)}。",
             f"Argument {arg} must be one of {listed}, got {_short(value)}.")


def _one_of(value, choices) -> bool:
    for choice in choices:
        same_kind = isinstance(value, type(choice)) or (
            isinstance(value, Real) and isinstance(choice, Real)
            and not isinstance(value, (bool, np.bool_)))
        if not same_kind:
            continue
        try:
            if bool(value == choice):
                return True
        except (TypeError, ValueError):
            return False
    return False


def require_ids(data: pd.DataFrame, column: str, arg: str = "data") -> pd.Series:
    """An id column in one consistent form; a missing id is an error.

    * numbers only (``int64`` or ``float64``): kept as they are;
    * text only: kept as it is;
    * numbers mixed with text (as ``pd.read_excel`` gives for a column where
      some ids are typed as numbers): every id becomes text, numbers written
      without a trailing '.0' (1001 and 1001.0 both become '1001');
    * a Categorical: its values (category order plays no part, so equal values
      are broken by id A to Z like any other id).
    """
    values = data[column]
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(values.cat.categories.dtype)
    missing = values.isna()
    if missing.any():
        n = int(missing.sum())
        fail(f"{arg} 的列 '{column}' 有 {n} 个空值，每一行都需要一个编号。",
             f"Column '{column}' of {arg} has {n} missing values; every row needs an id.")
    if values.dtype == object:
        kind = pd.api.types.infer_dtype(values, skipna=False)
        if kind not in ("string", "integer", "floating", "empty"):
            values = values.map(id_to_text).astype("str")
    return values


def id_union(first: pd.Index, second: pd.Index) -> tuple[pd.Index, pd.Index]:
    """Two sets of ids ready to stand in one column: as they are, or both as text.

    Ids of the same kind (numbers and numbers, text and text) keep their type;
    numbers beside text become text (written as by :func:`require_ids`).
    """
    def kind(index):
        return "number" if pd.api.types.is_numeric_dtype(index) else "text"
    if len(first) == 0 or len(second) == 0 or kind(first) == kind(second):
        return first, second
    return (pd.Index([id_to_text(v) for v in first], dtype="str"),
            pd.Index([id_to_text(v) for v in second], dtype="str"))


def require_number_inputs(inputs: dict, positive: bool = False):
    """Check scalar-or-array arguments of a formula; return float values and a result index.

    Each value is a number or an array (list, tuple, ndarray, Series, Index) of
    numbers: none missing, none negative (none zero either when ``positive``),
    all arrays equally long. Returns ``(values, index)``: values as floats or
    float numpy arrays, and the index of the first array (``None`` when every
    argument is a plain number, so the caller returns a plain number too).
    """
    values, index, length, first = {}, None, None, None
    for name, value in inputs.items():
        if not isinstance(value, (pd.Series, np.ndarray, list, tuple, pd.Index)):
            require_number(value, name, low=0, low_open=positive)
            values[name] = float(value)
            continue
        series = value if isinstance(value, pd.Series) else pd.Series(list(value))
        require_number_array(series, name, positive)
        if length is None:
            length, first = len(series), name
        elif len(series) != length:
            fail(f"参数 {name} 有 {len(series)} 个值，而 {first} 有 {length} 个，长度必须相同。",
                 f"Argument {name} has {len(series)} values but {first} has {length}; "
                 "lengths must match.")
        if index is None:
            index = series.index if isinstance(value, pd.Series) else pd.RangeIndex(len(series))
        values[name] = series.to_numpy(dtype=float)
    return values, index


def require_number_array(series: pd.Series, name: str, positive: bool = False,
                         allow_negative: bool = False) -> np.ndarray:
    """Check a column of real numbers (none missing, finite, within 10^15) and return them as floats.

    Zero and positive values pass; ``positive`` refuses zero too, ``allow_negative``
    lets losses and other signed amounts through.
    """
    if len(series) == 0:
        fail(f"参数 {name} 是空的，没有可以计算的数。",
             f"Argument {name} is empty; there is nothing to compute.")
    if pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_complex_dtype(series.dtype) \
            or not pd.api.types.is_numeric_dtype(series.dtype):
        fail(f"参数 {name} 应该全是数字（实数），现在的类型是 {series.dtype}（可能混入了文字或复数）。",
             f"Argument {name} must hold real numbers only, got dtype {series.dtype} "
             "(text or complex numbers mixed in?).", TypeError)
    numbers = series.to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isnan(numbers).any():
        fail(f"参数 {name} 有 {int(np.isnan(numbers).sum())} 个空值（NaN），请先补全。",
             f"Argument {name} has {int(np.isnan(numbers).sum())} missing values (NaN); "
             "fill them first.")
    if (~np.isfinite(numbers) | (np.abs(numbers) > MAX_MAGNITUDE)).any():
        fail(f"参数 {name} 有无穷大（inf）或大得不真实（超过 10^15）的数。",
             f"Argument {name} holds infinite values or numbers beyond 10^15.")
    if positive and (numbers <= 0).any():
        fail(f"参数 {name} 有 {int((numbers <= 0).sum())} 个值小于或等于 0，这里只接受正数。",
             f"Argument {name} has {int((numbers <= 0).sum())} values of zero or "
             "below; only positive values are allowed.")
    if not positive and not allow_negative and (numbers < 0).any():
        fail(f"参数 {name} 有 {int((numbers < 0).sum())} 个负数，这里只接受 0 或正数。",
             f"Argument {name} has {int((numbers < 0).sum())} negative values; only zero "
             "or positive values are allowed.")
    return numbers


def normalised_weights(weights, defaults: dict, arg: str = "weights") -> dict:
    """Merge user weights into ``defaults``, check them and scale them to sum to 1.

    Keys left out keep their default; unknown keys, negative or non-numeric
    weights and an all-zero set are errors.
    """
    if weights is None:
        merged = dict(defaults)
    else:
        if not isinstance(weights, dict):
            fail(f"参数 {arg} 应该是字典，例如 {defaults}，现在是 {type(weights).__name__}。",
                 f"Argument {arg} must be a dict such as {defaults}, "
                 f"got {type(weights).__name__}.", TypeError)
        unknown = [key for key in weights if key not in defaults]
        if unknown:
            fail(f"参数 {arg} 里有不认识的项 {unknown}，只能用 {list(defaults)}。",
                 f"Argument {arg} has unknown keys {unknown}; use only {list(defaults)}.")
        merged = {**defaults, **weights}
    for key, value in merged.items():
        require_number(value, f"{arg}['{key}']", low=0)
    total = sum(merged.values())
    if total <= 0:
        fail(f"参数 {arg} 的权重之和必须大于 0：至少要有一项不是 0。",
             f"Argument {arg} must not sum to zero: at least one weight must be positive.")
    return {key: value / total for key, value in merged.items()}


def require_labels(data: pd.DataFrame, column: str, arg: str, allowed) -> pd.Series:
    """Check that a category column only holds the allowed labels; return it as text."""
    values = data[column]
    missing = values.isna()
    if missing.any():
        fail(f"{arg} 的列 '{column}' 有 {int(missing.sum())} 个空值，"
             f"只能取 {'/'.join(allowed)}。",
             f"Column '{column}' of {arg} has {int(missing.sum())} missing values; "
             f"allowed values are {'/'.join(allowed)}.")
    text = values.astype(str).str.strip()
    bad = ~text.isin(list(allowed))
    if bad.any():
        example = values[bad].iloc[0]
        fail(f"{arg} 的列 '{column}' 有 {int(bad.sum())} 个值不认识，例如 {example!r}；"
             f"只能取 {'/'.join(allowed)}。",
             f"Column '{column}' of {arg} has {int(bad.sum())} unknown values, e.g. "
             f"{example!r}; allowed values are {'/'.join(allowed)}.")
    return text
