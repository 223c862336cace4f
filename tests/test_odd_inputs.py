"""Odd inputs for every public function: a clear bilingual error or a correct result.

The functions are found, not listed: every public function of every public
module of ``coursekit`` (the analysis library, charts, labels, statistics,
facts, the own-data report, the readers), except the few in ``NOT_COVERED``.
A function added tomorrow is covered tomorrow.

Valid calls come from the functions' own docstring examples: each example is
run with the function replaced by a recorder, so every call it makes is kept
with its arguments. Hypothesis then picks one recorded call, one argument and
one way to spoil it (a cell set to inf or a complex number, dates with a time
zone, ids mixing numbers and text, duplicated column names, ``pd.NA`` for a
choice, a polars-like frame, ...) and checks one of three promises:

* ``no_crash``: the call returns, or raises ``ValueError``/``TypeError`` whose
  message has a Chinese line followed by an English line. A pandas or numpy
  traceback, another exception type or a warning fails.
* ``clean``: as ``no_crash``, and a result may not hold NaN or inf where the
  result of the valid call had none (no silent NaN); a result column that
  only shows the spoiled input as it was (``ck.zh`` renaming a table) is
  an echo, not a computed NaN.
* ``same``: as ``no_crash``, and a result must equal the result of a twin
  call that holds the same information in a plain form (tz-aware dates vs.
  the same wall-clock times, categorical vs. text ids, mixed number/text ids
  vs. the same ids all written as text, 2025/1/5 vs. 2025-01-05).
* ``error``: the call must raise a bilingual error (a misspelled column name
  that would otherwise be ignored).

Two tests per function: a deterministic sweep of every spoil of every recorded
call (about 5,000 calls), and a hypothesis property test that draws the call,
the row and the spoil (``ODD_INPUTS_EXAMPLES`` per function, default 10;
derandomised in CI so every run is the same, ``ODD_INPUTS_RANDOM=1`` explores
new examples). The whole file takes about 40 s of CPU on one core.
"""
from __future__ import annotations

import copy
import dataclasses
import doctest
import importlib
import inspect
import math
import os
import pkgutil
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coursekit

NOT_COVERED = {"exercises", "widgets", "questions", "teacher"}
"""Left out on purpose: ``check`` never raises by design (a wrong answer is feedback),
demos build user interfaces, ``questions`` holds data, and the teacher's tools work
on folders of notebooks; each has its own tests."""

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$")
EXAMPLES = int(os.environ.get("ODD_INPUTS_EXAMPLES", "10"))
RANDOM = os.environ.get("ODD_INPUTS_RANDOM") == "1"


# ---------------------------------------------------------------------------
# discovery: public functions and the valid calls their examples make
# ---------------------------------------------------------------------------

def analysis_modules():
    for info in pkgutil.iter_modules(coursekit.__path__):
        if info.name.startswith("_") or info.name in NOT_COVERED or info.ispkg:
            continue
        yield importlib.import_module(f"coursekit.{info.name}")


def public_functions():
    found = []
    for module in analysis_modules():
        listed = getattr(module, "__all__", None)
        names = listed or [n for n in dir(module) if not n.startswith("_")]
        for name in names:
            obj = getattr(module, name, None)
            if not inspect.isfunction(obj):
                continue
            # its own functions, and those it re-exports from a private module (data.read_table)
            if obj.__module__ == module.__name__ or (listed and obj.__module__.startswith("coursekit._")):
                found.append((module, name))
    return sorted(found, key=lambda pair: (pair[0].__name__, pair[1]))


def recorded_calls(module, name):
    """Run the function's docstring examples and keep every direct call's arguments."""
    func = getattr(module, name)
    calls = []

    def recorder(*args, **kwargs):
        try:
            calls.append(copy.deepcopy((args, kwargs)))
        except Exception:  # an argument that cannot be copied (an Axes): leave the call out
            pass
        return func(*args, **kwargs)

    globs = dict(vars(module))
    globs[name] = recorder
    globs["ck"] = coursekit
    # examples may import the function themselves (from coursekit.plots import pareto_chart):
    # while they run, the module and the package hand out the recorder
    owners = [m for m in (module, coursekit) if getattr(m, name, None) is func]
    for owner in owners:
        setattr(owner, name, recorder)
    try:
        finder = doctest.DocTestFinder(recurse=False)
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        for test in finder.find(func, name, globs=globs):
            doctest.DocTestRunner(optionflags=flags).run(test, out=lambda _: None)
    finally:
        for owner in owners:
            setattr(owner, name, func)
    _close_figures()
    # examples that show an error on purpose are not valid calls
    return [(args, kwargs) for args, kwargs in calls
            if (args or kwargs) and run(func, *copy.deepcopy((args, kwargs))).error is None]


def _close_figures():
    import sys
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


# ---------------------------------------------------------------------------
# the ways to spoil an argument
# ---------------------------------------------------------------------------

@dataclasses.dataclass
class Spoil:
    """One spoiled argument: the new value, a twin for 'same', and the promise."""

    label: str
    value: object
    promise: str = "no_crash"   # no_crash | clean | same | error
    twin: object = None         # for 'same': the plain form to compare with


class PolarsLikeFrame:
    """Stands in for a polars DataFrame: another library's frame with ``to_pandas``."""

    def __init__(self, frame):
        self._frame = frame
        self.columns = list(frame.columns)
        self.shape = frame.shape

    def to_pandas(self):
        return self._frame.copy()

    def __len__(self):
        return len(self._frame)


PolarsLikeFrame.__name__ = "DataFrame"
PolarsLikeFrame.__qualname__ = "DataFrame"
PolarsLikeFrame.__module__ = "polars.dataframe.frame"


def is_number_column(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def is_date_column(values: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(values):
        return True
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        present = values.dropna()
        return len(present) > 0 and all(isinstance(v, str) and DATE_TEXT.match(v) for v in present)
    return False


def is_text_column(values: pd.Series) -> bool:
    if isinstance(values.dtype, pd.CategoricalDtype) or is_date_column(values):
        return False
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
        return False
    present = values.dropna()
    return len(present) > 0 and all(isinstance(v, str) for v in present)


def with_cell(values: pd.Series, row: int, cell) -> pd.Series:
    out = values.astype(object).copy()
    out.iloc[row % len(out)] = cell
    return out


def as_dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values) if not pd.api.types.is_datetime64_any_dtype(values) else values


def mixed_ids(values: pd.Series):
    """Half of the distinct ids become numbers; the twin writes those numbers as text."""
    distinct = sorted(pd.unique(values.dropna()))
    numbers = {v: 1000 + 7 * i for i, v in enumerate(distinct) if i % 2 == 0}
    spoiled = values.astype(object).map(lambda v: numbers.get(v, v))
    twin = values.astype(object).map(lambda v: str(numbers[v]) if v in numbers else v)
    return spoiled, twin.astype(values.dtype)


def is_id_name(name) -> bool:
    """Columns that name a customer, lead, waybill ...: their ids must behave as documented."""
    return isinstance(name, str) and (name == "id" or name.endswith("_id"))


def column_spoils(values: pd.Series, row: int):
    """Ways to spoil one column; each replaces the column in a copy of the frame.

    Mixed number/text and categorical ids must give the same result as plain
    text ids only in id columns; in other text columns (labels, categories)
    a clear error or any result will do.
    """
    id_like = is_id_name(values.name)
    if is_number_column(values):
        yield Spoil("inf", with_cell(values, row, np.inf).astype(float), "clean")
        yield Spoil("-inf", with_cell(values, row, -np.inf).astype(float), "clean")
        yield Spoil("nan", with_cell(values, row, np.nan).astype(float), "clean")
        yield Spoil("complex", values.astype(complex) + with_cell(values * 0, row, 1j).astype(complex),
                    "clean")
        yield Spoil("1e308", with_cell(values, row, 1e308).astype(float), "clean")
        yield Spoil("2**70", with_cell(values, row, 2 ** 70), "clean")
        yield Spoil("text amount", with_cell(values, row, "¥1,234.50"), "clean")
        yield Spoil("bool", values.astype(bool), "no_crash")
        yield Spoil("nullable", values.astype("Float64").mask(values.index == values.index[row % len(values)]),
                    "clean")
    if is_date_column(values):
        dates = as_dates(values)
        if dates.dt.tz is None:
            yield Spoil("tz-aware", dates.dt.tz_localize("Asia/Shanghai"), "same", values)
        text = dates.dt.strftime("%Y-%m-%d")
        if (dates == dates.dt.normalize()).all():
            slashed = dates.map(lambda d: f"{d.year}/{d.month}/{d.day}" if pd.notna(d) else None)
            mixed = text.where(np.arange(len(text)) % 2 == 0, slashed)
            yield Spoil("2025/1/5 mixed with ISO", mixed, "same", values)
            yield Spoil("20250105 numbers", dates.dt.strftime("%Y%m%d").astype(float), "no_crash")
            serial = (dates - pd.Timestamp("1899-12-30")).dt.days.astype(float)
            yield Spoil("Excel serials", serial, "no_crash")
        offsets = dates.dt.strftime("%Y-%m-%dT%H:%M:%S").astype(object)
        offsets = offsets + np.where(np.arange(len(offsets)) % 2 == 0, "+08:00", "+00:00")
        yield Spoil("mixed UTC offsets", offsets, "no_crash")
        yield Spoil("garbage date", with_cell(values, row, "2025-02-30"), "no_crash")
        yield Spoil("missing date", with_cell(values, row, None), "no_crash")
    if is_text_column(values):
        spoiled, twin = mixed_ids(values)
        yield Spoil("numbers mixed with text", spoiled, "same" if id_like else "no_crash", twin)
        categories = sorted(pd.unique(values.dropna()), reverse=True)
        yield Spoil("categorical (Z to A)", values.astype(pd.CategoricalDtype(categories)),
                    "same" if id_like else "no_crash", values)
        yield Spoil("missing text", with_cell(values, row, None), "no_crash")
        yield Spoil("number in text", with_cell(values, row, 3.5), "no_crash")
    yield Spoil("pd.NA cell", with_cell(values, row, pd.NA), "no_crash")


def frame_spoils(frame: pd.DataFrame, row: int):
    """(label, promise, spoiled frame, twin) for one DataFrame argument."""
    yield Spoil("polars-like frame", PolarsLikeFrame(frame), "error")
    yield Spoil("empty frame", frame.iloc[:0], "no_crash")
    if frame.shape[1] >= 2:
        names = list(frame.columns)
        dup = frame.copy()
        dup.columns = [names[0]] + names[:1] + names[2:] if len(names) > 2 else [names[0], names[0]]
        yield Spoil("duplicated column name", dup, "error")
    yield from tie_spoils(frame)
    for column in frame.columns:
        for spoil in column_spoils(frame[column], row):
            spoiled = frame.copy()
            spoiled[column] = spoil.value.to_numpy() if isinstance(spoil.value, pd.Series) and \
                not isinstance(spoil.value.dtype, (pd.CategoricalDtype, pd.DatetimeTZDtype)) \
                and spoil.value.dtype != "Float64" else spoil.value.set_axis(frame.index)
            twin = None
            if spoil.twin is not None:
                twin = frame.copy()
                twin[column] = spoil.twin.set_axis(frame.index)
            yield Spoil(f"{column}: {spoil.label}", spoiled, spoil.promise, twin)


def tie_spoils(frame: pd.DataFrame):
    """Every number equal, so ids decide the order: with mixed and with categorical ids."""
    ids = [c for c in frame.columns if is_id_name(c) and is_text_column(frame[c])]
    numbers = [c for c in frame.columns if is_number_column(frame[c])]
    if not ids or not numbers:
        return
    tied = frame.copy()
    for column in numbers:
        tied[column] = frame[column].iloc[0]
    for column in ids:
        spoiled, twin = mixed_ids(frame[column])
        yield Spoil(f"ties, {column}: numbers mixed with text", tied.assign(**{column: spoiled}),
                    "same", tied.assign(**{column: twin}))
        categories = sorted(pd.unique(frame[column].dropna()), reverse=True)
        as_category = frame[column].astype(pd.CategoricalDtype(categories))
        yield Spoil(f"ties, {column}: categorical (Z to A)", tied.assign(**{column: as_category}),
                    "same", tied)


def series_spoils(values: pd.Series, row: int):
    yield Spoil("list instead of Series", values.tolist(), "no_crash")
    for spoil in column_spoils(values, row):
        value = spoil.value.set_axis(values.index) if isinstance(spoil.value, pd.Series) else spoil.value
        twin = spoil.twin.set_axis(values.index) if isinstance(spoil.twin, pd.Series) else None
        yield Spoil(spoil.label, value, spoil.promise, twin)
    if len(values) >= 2:
        yield Spoil("duplicated index", values.set_axis([values.index[0]] * len(values)), "no_crash")


ODD_SCALARS = [pd.NA, np.nan, np.float32("nan"), math.inf, -math.inf, 10 ** 400, 2 ** 63,
               complex(1, 1), np.array([1, 2]), True, object()]


def label_of(value) -> str:
    text = repr(value)
    return text if len(text) < 40 else text[:30] + "..."


def is_date_text(value) -> bool:
    return isinstance(value, str) and bool(DATE_TEXT.match(value))


def scalar_spoils(value, frames, row: int):
    if isinstance(value, (bool, np.bool_)):
        for odd in (pd.NA, np.array([True, False]), "True", 2, None):
            yield Spoil(label_of(odd), odd)
        return
    if isinstance(value, (int, float, np.integer, np.floating)):
        for odd in ODD_SCALARS + ["1", None, -1]:
            yield Spoil(label_of(odd), odd, "clean")
        return
    if is_date_text(value):
        stamp = pd.Timestamp(value)
        clock = f" {stamp:%H:%M}" if len(value) > 10 else ""
        if not clock:
            yield Spoil("date as 20251231 number", int(stamp.strftime("%Y%m%d")), "same", value)
        yield Spoil("tz-aware date", stamp.tz_localize("Asia/Shanghai"), "same", value)
        yield Spoil("date as 2025/12/31", f"{stamp.year}/{stamp.month}/{stamp.day}{clock}", "same",
                    value)
        yield Spoil("date as 2025年12月31日", f"{stamp.year}年{stamp.month}月{stamp.day}日{clock}",
                    "same", value)
        for odd in (pd.NaT, np.datetime64("NaT"), "2025-02-30", 1e20, 19980631, pd.NA,
                    np.array(["2025-12-31"])):
            yield Spoil(label_of(odd), odd)
        return
    if isinstance(value, str):
        columns = {c for f in frames for c in f.columns}
        if value in columns:
            yield Spoil("misspelled column", value + "_x", "error")
        for odd in (pd.NA, np.array([value, value]), [value], 1, 1.5, "", np.nan):
            yield Spoil(label_of(odd), odd)
        return
    if isinstance(value, (tuple, list)) and value and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        for odd in (np.nan, math.inf, pd.NA, complex(1, 1), 10 ** 400):
            spoiled = list(value)
            spoiled[row % len(value)] = odd
            yield Spoil(f"element {label_of(odd)}", type(value)(spoiled), "clean")
        yield Spoil("ndarray", np.array(value), "no_crash")
        return
    if isinstance(value, dict) and value:
        key = list(value)[row % len(value)]
        for odd in (np.nan, math.inf, pd.NA, complex(1, 1), "1"):
            yield Spoil(f"[{key!r}] = {label_of(odd)}", {**value, key: odd}, "clean")
        return
    if isinstance(value, np.ndarray) and value.dtype.kind in "if":
        yield from series_spoils(pd.Series(value), row)


def spoils_of(value, frames, row: int):
    if isinstance(value, pd.DataFrame):
        yield from frame_spoils(value, row)
    elif isinstance(value, pd.Series):
        yield from series_spoils(value, row)
    else:
        yield from scalar_spoils(value, frames, row)


def all_spoils(call, row: int):
    """Every (argument key, Spoil) of a recorded call."""
    args, kwargs = call
    frames = [v for v in list(args) + list(kwargs.values()) if isinstance(v, pd.DataFrame)]
    keys = [(i, v) for i, v in enumerate(args)] + list(kwargs.items())
    for key, value in keys:
        for spoil in spoils_of(value, frames, row):
            yield key, spoil


def replaced(call, key, value):
    args, kwargs = copy.deepcopy(call)
    args = list(args)
    if isinstance(key, int):
        args[key] = value
    else:
        kwargs[key] = value
    return args, kwargs


# ---------------------------------------------------------------------------
# outcomes and the promises
# ---------------------------------------------------------------------------

@dataclasses.dataclass
class Outcome:
    result: object = None
    error: BaseException | None = None
    warned: list = dataclasses.field(default_factory=list)


def run(func, args, kwargs) -> Outcome:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = func(*args, **kwargs)
        except Exception as error:  # every kind is judged below
            outcome = Outcome(error=error)
        else:
            outcome = Outcome(result=result)
    _close_figures()
    outcome.warned = [w for w in caught if not issubclass(w.category, (DeprecationWarning,
                                                                       PendingDeprecationWarning))]
    return outcome


def is_bilingual(error: BaseException) -> bool:
    if type(error) is KeyError or not isinstance(error, (ValueError, TypeError)):
        return False
    lines = [line for line in str(error).splitlines() if line.strip()]
    if len(lines) < 2 or not CJK.search(lines[0]):
        return False
    # the English line may quote Chinese values (a category, a stage), but it reads as English
    return any(len(ENGLISH_WORD.findall(line)) >= 4 for line in lines[1:])


def nonfinite(result, path="result") -> set:
    """Paths (column names) of a result that hold NaN or inf."""
    found = set()
    if isinstance(result, pd.DataFrame):
        for i, column in enumerate(result.columns):
            found |= nonfinite(result.iloc[:, i], f"{path}[{column!r}]")
    elif isinstance(result, pd.Series):
        if is_number_column(result):
            numbers = result.astype("float64", errors="ignore") if result.dtype.kind != "c" else result
            if result.isna().any() or (result.dtype.kind in "fc" and
                                       not np.isfinite(np.asarray(numbers, dtype=complex)).all()):
                found.add(path)
    elif isinstance(result, (float, np.floating, complex, np.complexfloating)):
        if not np.isfinite(result):
            found.add(path)
    elif dataclasses.is_dataclass(result) and not isinstance(result, type):
        for field in dataclasses.fields(result):
            found |= nonfinite(getattr(result, field.name), f"{path}.{field.name}")
    elif isinstance(result, dict):
        for key, item in result.items():
            found |= nonfinite(item, f"{path}[{key!r}]")
    elif isinstance(result, (tuple, list)):
        for i, item in enumerate(result):
            found |= nonfinite(item, f"{path}[{i}]")
    return found


def echoes(result, spoiled) -> set:
    """Paths of result columns that are a spoiled input column shown unchanged."""
    if not isinstance(result, pd.DataFrame) or not isinstance(spoiled, pd.DataFrame):
        return set()
    found = set()
    for i, name in enumerate(result.columns):
        column = result.iloc[:, i]
        for j in range(spoiled.shape[1]):
            source = spoiled.iloc[:, j]
            real = [c.dtype.kind in "iuf" for c in (column, source)]
            if len(source) == len(column) and all(real) and np.array_equal(
                        column.to_numpy(dtype=float, na_value=np.nan),
                        source.to_numpy(dtype=float, na_value=np.nan), equal_nan=True):
                found.add(f"result[{name!r}]")
    return found


def plain(result):
    """A comparable form: categoricals and ids as text, no time zones."""
    if isinstance(result, pd.DataFrame):
        out = result.copy()
        for i in range(out.shape[1]):
            out.isetitem(i, plain(out.iloc[:, i]))
        out.index = plain_index(out.index)
        return out
    if isinstance(result, pd.Series):
        values = result
        if isinstance(values.dtype, pd.CategoricalDtype) or values.dtype == object or \
                pd.api.types.is_string_dtype(values):
            values = values.astype(object).map(lambda v: v if pd.isna(v) else str(v))
        return values.set_axis(plain_index(values.index))
    return result


def plain_index(index):
    if isinstance(index, pd.MultiIndex):
        return index
    if isinstance(index, pd.CategoricalIndex) or index.dtype == object or \
            pd.api.types.is_string_dtype(index):
        return pd.Index([v if pd.isna(v) else str(v) for v in index], dtype=object, name=index.name)
    return index


def same(a, b) -> bool:
    a, b = plain(a), plain(b)
    try:
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, check_dtype=False, check_index_type=False,
                                          check_column_type=False, rtol=1e-9)
        elif isinstance(a, pd.Series):
            pd.testing.assert_series_equal(a, b, check_dtype=False, check_index_type=False,
                                           rtol=1e-9)
        elif dataclasses.is_dataclass(a):
            return repr(a) == repr(b)
        elif isinstance(a, float) and isinstance(b, float):
            return math.isclose(a, b, rel_tol=1e-9) or (math.isnan(a) and math.isnan(b))
        else:
            return bool(np.all(a == b)) if not isinstance(a, str) else a == b
    except AssertionError:
        return False
    return True


def judge(func, call, key, spoil: Spoil, baseline: Outcome) -> str | None:
    """None when the promise holds, else a one-line description of what went wrong."""
    args, kwargs = replaced(call, key, spoil.value)
    got = run(func, args, kwargs)
    if got.error is not None and not is_bilingual(got.error):
        return f"raw {type(got.error).__name__}: {str(got.error)[:160]!r}"
    if got.warned:
        w = got.warned[0]
        return f"warning {w.category.__name__}: {str(w.message)[:120]!r}"
    if got.error is not None:
        if spoil.promise == "error" and isinstance(spoil.value, PolarsLikeFrame) and \
                "to_pandas" not in str(got.error):
            return "a polars-like frame's message does not say .to_pandas()"
        return None
    if spoil.promise == "error":
        return "accepted (expected a clear error)"
    if spoil.promise == "clean":
        new = nonfinite(got.result) - nonfinite(baseline.result) - echoes(got.result, spoil.value)
        if new:
            return f"silent NaN/inf in {sorted(new)[:3]}"
    if spoil.promise == "same":
        twin_args, twin_kwargs = replaced(call, key, spoil.twin)
        expected = run(func, twin_args, twin_kwargs)
        if expected.error is not None:
            return "accepted although the plain twin is an error: " + str(expected.error)[:100]
        if not same(got.result, expected.result):
            return "result differs from the plain twin"
    return None


# ---------------------------------------------------------------------------
# the test
# ---------------------------------------------------------------------------

FUNCTIONS = public_functions()
_CALLS: dict = {}


def calls_of(module, name):
    """The recorded calls; for a function whose every parameter has a default, also the
    call that spells the defaults out (so ``new_axes(figsize=(7, 4))`` is spoiled too)."""
    key = (module.__name__, name)
    if key not in _CALLS:
        calls = recorded_calls(module, name)
        parameters = inspect.signature(getattr(module, name)).parameters.values()
        defaults = {p.name: p.default for p in parameters
                    if p.default is not inspect.Parameter.empty and p.default is not None}
        if parameters and all(p.default is not inspect.Parameter.empty or
                              p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters) \
                and defaults and not any(kwargs == defaults for _, kwargs in calls):
            calls.append(((), defaults))
        _CALLS[key] = calls
    return _CALLS[key]


def test_every_public_function_is_found_and_has_an_example_call():
    names = {name for _, name in FUNCTIONS}
    assert {"abc_classify", "rfm_table", "lifecycle_stage", "service_kpis", "read_table",
            "pareto_chart", "zh", "rate_interval", "own_report"} <= names
    without = [f"{m.__name__}.{n}" for m, n in FUNCTIONS
               if inspect.signature(getattr(m, n)).parameters and not calls_of(m, n)]
    assert not without, f"public functions whose docstring example calls them with no arguments: {without}"


IDS = [f"{m.__name__[10:]}.{n}" for m, n in FUNCTIONS]


@pytest.mark.parametrize("module,name", FUNCTIONS, ids=IDS)
def test_every_spoil_of_every_example_call(module, name):
    """The whole battery, deterministically: each recorded call, each argument, each spoil."""
    func = getattr(module, name)
    problems = []
    for call in calls_of(module, name):
        base = run(func, *copy.deepcopy(call))
        for key, spoil in all_spoils(call, 0):
            problem = judge(func, call, key, spoil, base)
            if problem:
                problems.append(f"{name}({key!r} <- {spoil.label}): {problem}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("module,name", FUNCTIONS, ids=IDS)
def test_odd_inputs_give_a_clear_error_or_a_correct_result(module, name):
    func = getattr(module, name)
    calls = calls_of(module, name)
    if not calls:
        pytest.skip("takes no arguments")
    baselines = [run(func, *copy.deepcopy(call)) for call in calls]
    for call, base in zip(calls, baselines):
        assert base.error is None, f"the docstring call itself fails: {base.error!r}"

    options: dict = {}  # (call, row) -> every (argument, spoil): built once, drawn from often

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def check(data):
        which = data.draw(st.integers(0, len(calls) - 1), label="call")
        row = data.draw(st.integers(0, 2), label="row")
        if (which, row) not in options:
            options[which, row] = list(all_spoils(calls[which], row))
        if not options[which, row]:
            return
        key, spoil = data.draw(st.sampled_from(options[which, row]), label="spoil")
        problem = judge(func, calls[which], key, spoil, baselines[which])
        assert problem is None, f"{name}({key!r} <- {spoil.label}): {problem}"

    check()
