"""Load the course datasets with the types written in the data dictionary.

Two groups of tables live under ``datasets/``: the fictional company's tables
(``datasets/dictionary.csv``) and the real case tables
(``datasets/cases/dictionary.csv``). Every table is checked against its
dictionary when it is read: the columns must match exactly (names and order),
dates must be dates, category values must be among the listed ones. A problem
raises a ``ValueError`` in Chinese and English that names the dataset, the file
and the column; a half-loaded table is never returned.

The folder is found next to the package, so loading works from any working
directory; the environment variable ``COURSEKIT_DATA`` points it elsewhere.

Examples
--------
>>> from coursekit.data import list_datasets, load_dataset, describe_dataset
>>> "customers" in list_datasets()
True
>>> customers = load_dataset("customers")
>>> customers.shape[1]
14
>>> str(customers["industry"].dtype), customers["first_order_date"].dtype.kind  # M = datetime64
('category', 'M')
>>> describe_dataset("customers").columns.tolist()
['column', 'dtype', 'unit', 'zh']
"""
from __future__ import annotations

import difflib
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ._validate import fail

__all__ = ["list_datasets", "load_dataset", "describe_dataset", "read_table", "match_columns", "preview_file",
           "ReadTableError", "SYNONYMS"]

ENV_VAR = "COURSEKIT_DATA"
DTYPES = ("string", "int", "float", "bool", "date", "datetime", "category", "ordered")
_DICTIONARY_COLUMNS = ["dataset", "column", "dtype", "unit", "zh", "categories"]
_DATE_FORMATS = {"date": "%Y-%m-%d", "datetime": "%Y-%m-%d %H:%M"}
_TRUE, _FALSE = {"True", "true", "TRUE", "1"}, {"False", "false", "FALSE", "0"}
# what read_csv parses each dictionary type into before the checks
_READ_AS = {"string": "str", "int": "Int64", "float": "float64", "bool": "boolean", "date": "str",
            "datetime": "str", "category": "category", "ordered": "category"}
_READ_ERRORS = (OSError, EOFError, zlib.error, UnicodeDecodeError, pd.errors.ParserError,
                pd.errors.EmptyDataError)
_CACHE: dict[tuple, pd.DataFrame] = {}


@dataclass(frozen=True)
class _Entry:
    """One dataset: where its file should be and its part of the dictionary."""

    name: str
    folder: Path
    dictionary: Path
    schema: pd.DataFrame  # column, dtype, unit, zh, categories, nullable (None = infer)


def _data_dir(data_dir=None) -> Path:
    """The datasets folder: an explicit argument, else $COURSEKIT_DATA, else next to the package."""
    if data_dir is not None:
        return Path(data_dir)
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "datasets"


def _read_dictionary(path: Path) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except _READ_ERRORS as error:
        fail(f"数据字典 {path} 无法读取（{type(error).__name__}），文件可能已损坏。",
             f"The data dictionary {path} cannot be read ({type(error).__name__}); it may be damaged.")
    missing = [c for c in _DICTIONARY_COLUMNS if c not in table.columns]
    if missing:
        fail(f"数据字典 {path} 缺少列：{', '.join(missing)}。",
             f"The data dictionary {path} lacks the columns: {', '.join(missing)}.")
    bad = table[~table["dtype"].isin(DTYPES)]
    if len(bad):
        row = bad.iloc[0]
        fail(f"数据字典 {path} 中 {row['dataset']}.{row['column']} 的类型 '{row['dtype']}' 不认识，"
             f"只能是 {', '.join(DTYPES)}。",
             f"In the data dictionary {path}, {row['dataset']}.{row['column']} has unknown dtype "
             f"'{row['dtype']}'; allowed: {', '.join(DTYPES)}.")
    needs = table["dtype"].isin(["category", "ordered"]) & (table["categories"].str.strip() == "")
    if needs.any():
        row = table[needs].iloc[0]
        fail(f"数据字典 {path} 中 {row['dataset']}.{row['column']} 是分类列，但没有列出取值（categories）。",
             f"In the data dictionary {path}, {row['dataset']}.{row['column']} is categorical but lists "
             "no categories.")
    if "nullable" in table.columns:
        flags = {"True": True, "False": False}
        table["nullable"] = pd.Series([flags.get(v.strip()) for v in table["nullable"]], dtype=object)
    else:  # a dictionary without the column: decide from the data
        table["nullable"] = None
    return table


def _catalog(data_dir=None) -> dict[str, _Entry]:
    """Every dataset the dictionaries declare, company tables first, then case tables."""
    root = _data_dir(data_dir)
    entries: dict[str, _Entry] = {}
    for folder, required in ((root, True), (root / "cases", False)):
        path = folder / "dictionary.csv"
        if not path.is_file():
            if required:
                fail(f"找不到数据字典 {path}。请确认 datasets 文件夹完整，或检查环境变量 {ENV_VAR}。",
                     f"The data dictionary {path} is missing. Check that the datasets folder is complete "
                     f"or check the environment variable {ENV_VAR}.")
            continue
        table = _read_dictionary(path)
        for name, schema in table.groupby("dataset", sort=False):
            if name not in entries:  # a company table wins over a case table of the same name
                entries[name] = _Entry(name, folder, path, schema.reset_index(drop=True))
    return entries


def _file_of(entry: _Entry) -> Path | None:
    for suffix in (".csv", ".csv.gz"):
        path = entry.folder / f"{entry.name}{suffix}"
        if path.is_file():
            return path
    return None


def _entry(name, data_dir=None) -> _Entry:
    if not isinstance(name, str):
        fail(f"数据集名字应该是文本，例如 'shipments'，现在是 {type(name).__name__}。",
             f"The dataset name must be a string such as 'shipments', got {type(name).__name__}.",
             TypeError)
    catalog = _catalog(data_dir)
    if name in catalog:
        return catalog[name]
    available = [n for n, e in catalog.items() if _file_of(e) is not None] or list(catalog)
    close = difflib.get_close_matches(name.strip().lower(), available, n=1, cutoff=0.5)
    hint_zh = f"你是不是想写 '{close[0]}'？" if close else ""
    hint_en = f"Did you mean '{close[0]}'? " if close else ""
    fail(f"没有名为 '{name}' 的数据集。{hint_zh}现有的数据集：{', '.join(available)}。",
         f"There is no dataset named '{name}'. {hint_en}Available datasets: {', '.join(available)}.")


def list_datasets() -> list[str]:
    """List the names of the datasets that can be loaded.

    Company tables come first (in the order of ``datasets/dictionary.csv``),
    then the case tables (``datasets/cases/dictionary.csv``). A dataset is
    listed when its dictionary entry and its file both exist.

    Returns
    -------
    list of str
        Names to pass to :func:`load_dataset` and :func:`describe_dataset`.

    Examples
    --------
    >>> names = list_datasets()
    >>> names[:3]
    ['customers', 'shipments', 'complaints']
    """
    return [name for name, entry in _catalog().items() if _file_of(entry) is not None]


def describe_dataset(name: str) -> pd.DataFrame:
    """Describe a dataset's columns: type, unit and Chinese meaning (中文含义).

    Parameters
    ----------
    name : str
        A dataset name from :func:`list_datasets`, e.g. ``"shipments"``.

    Returns
    -------
    pandas.DataFrame
        One row per column, with the columns ``column``, ``dtype`` (one of
        string, int, float, bool, date, datetime, category, ordered), ``unit``
        and ``zh``.

    Examples
    --------
    >>> info = describe_dataset("shipments")
    >>> info.loc[info["column"] == "weight_kg", ["dtype", "unit", "zh"]].values.tolist()
    [['float', '千克', '实际重量']]
    """
    entry = _entry(name)
    return entry.schema[["column", "dtype", "unit", "zh"]].copy().reset_index(drop=True)


def load_dataset(name: str) -> pd.DataFrame:
    """Load a dataset as a DataFrame with the dictionary's types, checked column by column.

    Dates become ``datetime64``; ``int`` columns become ``int64`` (``Int64``
    where blanks are allowed); ``bool`` columns become ``bool`` (``boolean``
    where blanks are allowed); ``category`` columns become a Categorical with
    the listed categories and ``ordered`` ones an ordered Categorical in the
    listed order; text stays ``str``. Each call returns a fresh copy, so
    changing it never changes what the next call returns.

    Parameters
    ----------
    name : str
        A dataset name from :func:`list_datasets`, e.g. ``"customers"``.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        Unknown name (with the nearest name suggested), missing or damaged
        file, columns that differ from the dictionary, or values that do not fit
        their column.

    Examples
    --------
    >>> leads = load_dataset("leads")
    >>> leads["stage"].cat.categories.tolist()
    ['线索', '合格', '拜访', '洽谈', '成交', '流失']
    >>> bool(leads["stage"].cat.ordered)
    True
    >>> load_dataset("customer")
    Traceback (most recent call last):
    ...
    ValueError: 没有名为 'customer' 的数据集。你是不是想写 'customers'？...
    """
    return _load(name)


def _load(name, data_dir=None) -> pd.DataFrame:
    entry = _entry(name, data_dir)
    path = _file_of(entry)
    if path is None:
        fail(f"数据集 '{name}' 的文件不存在：在 {entry.folder} 里找不到 {name}.csv 或 {name}.csv.gz。",
             f"The file of dataset '{name}' is missing: neither {name}.csv nor {name}.csv.gz is in "
             f"{entry.folder}.")
    stat = path.stat()
    dstat = entry.dictionary.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, str(entry.dictionary), dstat.st_mtime_ns, dstat.st_size)
    if key not in _CACHE:
        _CACHE[key] = _read_checked(entry, path)
    return _CACHE[key].copy()


def _problem(entry: _Entry, path: Path, zh: str, en: str):
    fail(f"数据集 '{entry.name}'（文件 {path.name}）{zh}", f"Dataset '{entry.name}' (file {path.name}): {en}")


def _read_checked(entry: _Entry, path: Path) -> pd.DataFrame:
    schema = entry.schema
    expected = schema["column"].tolist()
    try:
        header = pd.read_csv(path, encoding="utf-8-sig", nrows=0).columns.tolist()
    except _READ_ERRORS as error:
        _problem(entry, path, f"无法读取，文件可能已损坏或不完整（{type(error).__name__}）。",
                 f"cannot be read; the file may be damaged or truncated ({type(error).__name__}: {error}).")
    if header != expected:
        _column_mismatch(entry, path, header, expected)
    dtypes = {row.column: _READ_AS[row.dtype] for row in schema.itertuples()}
    try:
        frame = pd.read_csv(path, encoding="utf-8-sig", dtype=dtypes)
    except _READ_ERRORS as error:
        _problem(entry, path, f"无法读取，文件可能已损坏或不完整（{type(error).__name__}）。",
                 f"cannot be read; the file may be damaged or truncated ({type(error).__name__}: {error}).")
    except (ValueError, TypeError):
        # a value that does not fit its column: read everything as text to say which one
        frame = _read_as_text(entry, path)
    return pd.DataFrame({row.column: _convert(entry, path, row, frame[row.column]) for row in schema.itertuples()})


def _read_as_text(entry: _Entry, path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    except _READ_ERRORS as error:
        _problem(entry, path, f"无法读取，文件可能已损坏或不完整（{type(error).__name__}）。",
                 f"cannot be read; the file may be damaged or truncated ({type(error).__name__}: {error}).")


def _column_mismatch(entry: _Entry, path: Path, header: list, expected: list):
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    if missing or extra:
        _problem(entry, path,
                 f"的列与数据字典不一致：缺少 {missing or '无'}，多出 {extra or '无'}。",
                 f"columns differ from the data dictionary: missing {missing or 'none'}, "
                 f"unexpected {extra or 'none'}.")
    _problem(entry, path, f"的列顺序与数据字典不一致：文件是 {header}，字典是 {expected}。",
             f"columns are in a different order than the data dictionary: file {header}, "
             f"dictionary {expected}.")


def _bad_values(entry, path, column: str, kind_zh: str, kind_en: str, values: pd.Series):
    examples = ", ".join(repr(v) for v in pd.unique(values)[:3])
    _problem(entry, path, f"的列 '{column}' 有 {len(values)} 个值不是{kind_zh}，例如 {examples}。",
             f"column '{column}' has {len(values)} value(s) that are not {kind_en}, e.g. {examples}.")


def _convert(entry: _Entry, path: Path, row, values: pd.Series) -> pd.Series:
    """Turn one column into its dictionary type, or raise naming the column."""
    column, dtype = row.column, row.dtype
    blank = values.isna()
    if row.nullable is False and blank.any():
        _problem(entry, path, f"的列 '{column}' 不允许为空，但有 {int(blank.sum())} 个空值。",
                 f"column '{column}' must not be blank, but {int(blank.sum())} cell(s) are empty.")
    nullable = bool(row.nullable) if row.nullable is not None else bool(blank.any())
    if dtype == "string":
        return values.astype("str") if values.dtype != "str" else values
    if dtype == "float":
        if not pd.api.types.is_float_dtype(values):
            numbers = pd.to_numeric(values, errors="coerce")
            bad = numbers.isna() & ~blank
            if bad.any():
                _bad_values(entry, path, column, "数字", "numbers", values[bad])
            values = numbers.astype("float64")
        return values
    if dtype == "int":
        if not isinstance(values.dtype, pd.Int64Dtype):
            numbers = pd.to_numeric(values, errors="coerce")
            bad = (numbers.isna() & ~blank) | (numbers.notna() & (numbers % 1 != 0))
            if bad.any():
                _bad_values(entry, path, column, "整数", "whole numbers", values[bad])
            values = numbers.astype("Int64")
        return values if nullable else values.astype("int64")
    if dtype == "bool":
        if not isinstance(values.dtype, pd.BooleanDtype):
            text = values.astype("str").str.strip()
            bad = ~text.isin(_TRUE | _FALSE) & ~blank
            if bad.any():
                _bad_values(entry, path, column, "是/否（True/False）", "booleans (True/False)", values[bad])
            values = pd.array(text.isin(_TRUE).to_numpy(), dtype="boolean")
            values = pd.Series(values, index=text.index)
            values[blank] = pd.NA
        return values if nullable else values.astype("bool")
    if dtype in _DATE_FORMATS:
        parsed = pd.to_datetime(values, format=_DATE_FORMATS[dtype], errors="coerce")
        bad = parsed.isna() & ~blank
        if bad.any():
            shape = "YYYY-MM-DD" if dtype == "date" else "YYYY-MM-DD HH:MM"
            _bad_values(entry, path, column, f" {shape} 格式的日期", f"dates written {shape}", values[bad])
        return parsed
    allowed = row.categories.split("|")
    present = values.cat.categories if isinstance(values.dtype, pd.CategoricalDtype) else pd.unique(values[~blank])
    unknown = [v for v in present if v not in allowed]
    if unknown:
        _problem(entry, path, f"的列 '{column}' 出现了数据字典没有列出的取值 {unknown[:5]}；允许的取值：{allowed}。",
                 f"column '{column}' holds values outside the dictionary's categories: {unknown[:5]}; "
                 f"allowed: {allowed}.")
    # astype() would keep the file's order: an unordered dtype compares equal whatever its order
    codes = pd.Categorical(values, categories=allowed, ordered=dtype == "ordered")
    return pd.Series(codes, index=values.index, name=column)


# A user's own file: the reader lives in _read.py and uses _entry above, hence the late import.
from ._read import (SYNONYMS, ReadTableError, match_columns, preview_file,  # noqa: E402
                    read_table)
