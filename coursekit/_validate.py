"""Input checks shared by every public coursekit function.

Every error a student can trigger is raised here, so the wording stays the
same everywhere: Chinese first, then English, naming the argument or column
and what was expected.
"""
from __future__ import annotations

import difflib
import math
import warnings
from numbers import Real

import numpy as np
import pandas as pd


def bilingual(zh: str, en: str) -> str:
    """Join a Chinese and an English message the way every error shows them."""
    return f"{zh}\n{en}"


def fail(zh: str, en: str, kind: type[Exception] = ValueError):
    """Raise ``kind`` with a Chinese-then-English message."""
    raise kind(bilingual(zh, en))


def require_frame(data, arg: str = "data") -> pd.DataFrame:
    """Check that ``data`` is a non-empty DataFrame and return it."""
    if not isinstance(data, pd.DataFrame):
        fail(f"参数 {arg} 应该是一个 pandas DataFrame（表格），现在是 {type(data).__name__}。",
             f"Argument {arg} must be a pandas DataFrame, got {type(data).__name__}.",
             TypeError)
    if data.empty:
        fail(f"参数 {arg} 是空表，没有可以计算的行。",
             f"Argument {arg} is an empty DataFrame; there are no rows to compute on.")
    return data


def require_columns(data: pd.DataFrame, columns, arg: str = "data") -> None:
    """Check that every column exists; suggest the nearest name for a typo."""
    for column in columns:
        if column in data.columns:
            continue
        names = [str(c) for c in data.columns]
        close = difflib.get_close_matches(str(column), names, n=1, cutoff=0.6)
        hint_zh = f"你是不是想写 '{close[0]}'？" if close else f"现有的列：{', '.join(names[:12])}。"
        hint_en = f"Did you mean '{close[0]}'?" if close else f"Available columns: {', '.join(names[:12])}."
        fail(f"{arg} 中没有列 '{column}'。{hint_zh}",
             f"Column '{column}' is missing from {arg}. {hint_en}")


def require_numeric(data: pd.DataFrame, column: str, arg: str = "data",
                    allow_negative: bool = False, allow_nan: bool = False) -> pd.Series:
    """Check that a column holds numbers (no text), optionally no NaN and no negatives."""
    values = data[column]
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        fail(f"{arg} 的列 '{column}' 应该是数字，现在的类型是 {values.dtype}（可能混入了文字）。",
             f"Column '{column}' of {arg} must be numeric, got dtype {values.dtype} "
             "(text mixed in?).", TypeError)
    if not allow_nan and values.isna().any():
        n = int(values.isna().sum())
        fail(f"{arg} 的列 '{column}' 有 {n} 个空值（NaN），请先补全或删除这些行。",
             f"Column '{column}' of {arg} has {n} missing values (NaN); fill or drop them first.")
    if not allow_negative and (values < 0).any():
        n = int((values < 0).sum())
        fail(f"{arg} 的列 '{column}' 有 {n} 个负数，这里只接受 0 或正数。",
             f"Column '{column}' of {arg} has {n} negative values; only zero or positive "
             "values are allowed.")
    return values


def require_dates(data: pd.DataFrame, column: str, arg: str = "data",
                  allow_missing: bool = False) -> pd.Series:
    """Return the column as datetimes; text that is not a date is an error."""
    values = data[column]
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = values
    elif pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        fail(f"{arg} 的列 '{column}' 应该是日期，现在是数字类型 {values.dtype}。",
             f"Column '{column}' of {arg} must hold dates, got numeric dtype {values.dtype}.",
             TypeError)
    else:
        with warnings.catch_warnings():  # our own message below is the one a student should see
            warnings.simplefilter("ignore", UserWarning)
            parsed = pd.to_datetime(values, errors="coerce")
        bad = parsed.isna() & values.notna()
        if bad.any():
            example = values[bad].iloc[0]
            fail(f"{arg} 的列 '{column}' 有 {int(bad.sum())} 个值无法识别为日期，例如 '{example}'。",
                 f"Column '{column}' of {arg} has {int(bad.sum())} values that are not dates, "
                 f"e.g. '{example}'.", TypeError)
    if not allow_missing and parsed.isna().any():
        fail(f"{arg} 的列 '{column}' 有 {int(parsed.isna().sum())} 个空日期。",
             f"Column '{column}' of {arg} has {int(parsed.isna().sum())} missing dates.")
    return parsed


def require_unique(data: pd.DataFrame, column: str, arg: str = "data") -> None:
    """Check that an id column has no duplicates."""
    dupes = data[column][data[column].duplicated()]
    if len(dupes):
        fail(f"{arg} 的列 '{column}' 应该每行唯一，但 '{dupes.iloc[0]}' 等 {len(dupes)} 个值重复了。",
             f"Column '{column}' of {arg} must be unique, but {len(dupes)} values repeat, "
             f"e.g. '{dupes.iloc[0]}'.")


def require_timestamp(value, arg: str = "as_of") -> pd.Timestamp:
    """Parse a date argument such as ``as_of``; an unreadable date is an error."""
    if value is None:
        fail(f"参数 {arg} 必须给出一个日期，例如 '2025-12-31'。",
             f"Argument {arg} is required: give a date such as '2025-12-31'.", TypeError)
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        fail(f"参数 {arg} 无法识别为日期：{value!r}，请写成 '2025-12-31' 这样的格式。",
             f"Argument {arg} is not a date: {value!r}; write it like '2025-12-31'.", TypeError)
    if pd.isna(stamp):
        fail(f"参数 {arg} 不能是空日期。", f"Argument {arg} must not be a missing date.")
    return stamp


def require_number(value, arg: str, low=None, high=None, low_open: bool = False,
                   high_open: bool = False, integer: bool = False):
    """Check a scalar parameter: a real number within [low, high] (or open bounds)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.integer, np.floating)):
        fail(f"参数 {arg} 应该是一个数字，现在是 {type(value).__name__}：{value!r}。",
             f"Argument {arg} must be a number, got {type(value).__name__}: {value!r}.",
             TypeError)
    if isinstance(value, float) and math.isnan(value):
        fail(f"参数 {arg} 不能是 NaN。", f"Argument {arg} must not be NaN.")
    if integer and int(value) != value:
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


def require_choice(value, arg: str, choices) -> None:
    """Check that a parameter is one of the allowed choices."""
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        fail(f"参数 {arg} 只能取 {listed} 之一，现在是 {value!r}。",
             f"Argument {arg} must be one of {listed}, got {value!r}.")


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
        _require_number_array(series, name, positive)
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


def _require_number_array(series: pd.Series, name: str, positive: bool) -> None:
    if len(series) == 0:
        fail(f"参数 {name} 是空的，没有可以计算的数。",
             f"Argument {name} is empty; there is nothing to compute.")
    if pd.api.types.is_bool_dtype(series.dtype) or not pd.api.types.is_numeric_dtype(series.dtype):
        fail(f"参数 {name} 应该全是数字，现在的类型是 {series.dtype}（可能混入了文字）。",
             f"Argument {name} must hold numbers only, got dtype {series.dtype} "
             "(text mixed in?).", TypeError)
    if series.isna().any():
        fail(f"参数 {name} 有 {int(series.isna().sum())} 个空值（NaN），请先补全。",
             f"Argument {name} has {int(series.isna().sum())} missing values (NaN); "
             "fill them first.")
    if positive and (series <= 0).any():
        fail(f"参数 {name} 有 {int((series <= 0).sum())} 个值小于或等于 0，这里只接受正数。",
             f"Argument {name} has {int((series <= 0).sum())} values of zero or "
             "below; only positive values are allowed.")
    if not positive and (series < 0).any():
        fail(f"参数 {name} 有 {int((series < 0).sum())} 个负数，这里只接受 0 或正数。",
             f"Argument {name} has {int((series < 0).sum())} negative values; only zero "
             "or positive values are allowed.")


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
