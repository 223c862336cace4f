"""Private helpers shared by the table calculations (service, complaints, prospecting …).

``by=`` handling, month/quarter/year keys computed from a date, a fast
uniqueness check for long id columns and checks of True/False columns.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import fail, require_columns, require_number, require_unique

ALL_LABEL = "全部"
"""Index label of the single row returned when ``by=None``."""

TIME_KEYS = {"month": "M", "quarter": "Q", "year": "Y"}
"""Grouping names computed from a date column when the table has no such column."""


# ---------------------------------------------------------------------------
# Grouping and flag checks
# ---------------------------------------------------------------------------

def by_list(by, arg: str = "by") -> list:
    """Normalise a ``by`` argument to a list of column names."""
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    if isinstance(by, (list, tuple)) and by and all(isinstance(b, str) for b in by):
        if len(set(by)) != len(by):
            fail(f"参数 {arg} 里有重复的列名：{list(by)}。",
                 f"Argument {arg} repeats a column name: {list(by)}.")
        return list(by)
    fail(f"参数 {arg} 应该是列名（文字）或列名的列表，现在是 {by!r}。",
         f"Argument {arg} must be a column name or a list of column names, got {by!r}.",
         TypeError)


def group_keys(data: pd.DataFrame, names: list, arg: str, dates=None) -> list:
    """Key Series for ``groupby``: real columns, or month/quarter/year from ``dates``."""
    keys = []
    for name in names:
        if name in data.columns:
            values = data[name]
            if values.isna().any():
                fail(f"{arg} 的分组列 '{name}' 有 {int(values.isna().sum())} 个空值，"
                     "请先补全，否则这些行会被悄悄丢掉。",
                     f"Grouping column '{name}' of {arg} has {int(values.isna().sum())} "
                     "missing values; fill them first or those rows would be dropped silently.")
            keys.append(values.rename(name))
        elif name in TIME_KEYS and dates is not None:
            keys.append(dates.dt.to_period(TIME_KEYS[name]).rename(name))
        else:
            require_columns(data, [name], arg)
    return keys


def fast_require_unique(data: pd.DataFrame, column: str, arg: str) -> None:
    """``require_unique`` with a quick pass for ids already sorted, as in the datasets.

    Hashing ten million text ids takes seconds; checking that they are strictly
    increasing takes a tenth of that and proves they are unique.
    """
    values = data[column].to_numpy()
    if len(values) > 1:
        try:
            if bool((values[1:] > values[:-1]).all()):
                return
        except TypeError:  # mixed types cannot be ordered: use the general check
            pass
    require_unique(data, column, arg)


def label_time_keys(result: pd.DataFrame) -> pd.DataFrame:
    """Turn Period index levels (months, quarters) into readable text labels."""
    index = result.index
    if isinstance(index, pd.MultiIndex):
        levels = [level.astype(str) if isinstance(level, pd.PeriodIndex) else level
                  for level in index.levels]
        result.index = index.set_levels(levels)
    elif isinstance(index, pd.PeriodIndex):
        result.index = index.astype(str)
    return result


def require_flags(data: pd.DataFrame, column: str, arg: str,
                  allow_missing: bool = False) -> pd.Series:
    """Read a True/False column (1/0 and 'true'/'false' text accepted).

    Returns a bool Series, or a float Series (1.0/0.0/NaN) when ``allow_missing``.
    """
    values = data[column]
    missing = values.isna()
    has_missing = bool(missing.any())
    if has_missing and not allow_missing:
        fail(f"{arg} 的列 '{column}' 有 {int(missing.sum())} 个空值，这一列只能是 True 或 False。",
             f"Column '{column}' of {arg} has {int(missing.sum())} missing values; it must "
             "hold True or False only.")
    if pd.api.types.is_bool_dtype(values.dtype) and not has_missing:
        return values.astype(bool)
    present = values[~missing]
    converted = None
    if pd.api.types.is_bool_dtype(values.dtype) or (
            values.dtype == object and pd.api.types.infer_dtype(present, skipna=True) == "boolean"):
        converted = present.astype(bool)
    elif pd.api.types.is_numeric_dtype(values.dtype) and present.isin([0, 1]).all():
        converted = present.astype(bool)
    elif pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
        text = present.astype(str).str.strip().str.lower()
        if text.isin(["true", "false"]).all():
            converted = text.eq("true")
    if converted is None:
        bad = present.iloc[0] if len(present) else None
        fail(f"{arg} 的列 '{column}' 应该是 True/False（是/否），现在的类型是 {values.dtype}，"
             f"例如 {bad!r}。",
             f"Column '{column}' of {arg} must hold True/False, got dtype {values.dtype}, "
             f"e.g. {bad!r}.", TypeError)
    if not allow_missing:
        return converted
    result = pd.Series(np.nan, index=values.index)
    result[~missing] = converted.astype(float)
    return result


def row_name(data: pd.DataFrame, mask: np.ndarray, id_column) -> str:
    """Describe the first flagged row by its id (or position) for an error message."""
    position = int(np.flatnonzero(mask)[0])
    if id_column is not None and id_column in data.columns:
        return f"{id_column} = '{data[id_column].iloc[position]}'"
    return f"第 {position + 1} 行 (row {position + 1})"


# ---------------------------------------------------------------------------
# Step tables: (lower bound, value) rows, as in rate cards and score bands
# ---------------------------------------------------------------------------

def step_table(bands, arg: str, value_name: str, high=None, high_open=False,
               example=((0, 20), (100_000, 40))) -> list:
    """Check a table of (lower bound, value) steps: starts at 0, strictly rising."""
    try:
        rows = [tuple(row) for row in bands]
    except TypeError:
        rows = None
    if not rows or any(len(row) != 2 for row in rows):
        fail(f"参数 {arg} 应该是 (下限, {value_name}) 的列表，例如 {tuple(example)}。",
             f"Argument {arg} must be a list of (lower bound, {value_name}) pairs, "
             f"e.g. {tuple(example)}.", TypeError)
    for i, (bound, value) in enumerate(rows):
        require_number(bound, f"{arg}[{i}][0]", low=0)
        require_number(value, f"{arg}[{i}][1]", low=0, high=high, high_open=high_open)
    if rows[0][0] != 0:
        fail(f"参数 {arg} 的第一个下限必须是 0，现在是 {rows[0][0]}。",
             f"The first lower bound of argument {arg} must be 0, got {rows[0][0]}.")
    if any(b <= a for (a, _), (b, _) in zip(rows, rows[1:])):
        fail(f"参数 {arg} 的下限必须从小到大排列且不重复。",
             f"The lower bounds of argument {arg} must rise strictly.")
    return rows


def step_value(values: pd.Series, bands: list) -> pd.Series:
    """Value of the band each number falls in (the last band whose lower bound <= it)."""
    bounds = np.array([bound for bound, _ in bands], dtype=float)
    steps = np.array([value for _, value in bands], dtype=float)
    position = np.searchsorted(bounds, values.to_numpy(dtype=float), side="right") - 1
    return pd.Series(steps[position], index=values.index)
