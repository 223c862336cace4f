"""Scale benchmark of the heavy coursekit functions against plain pandas baselines.

    python benchmarks/bench_library.py                                  # 1M customers, 10M waybills
    python benchmarks/bench_library.py --customers 2000 --shipments 20000   # quick check

For rfm_table, abc_classify, cohort_retention, lifecycle_stage and
service_kpis (when coursekit.service exists) it times coursekit and a
straightforward pandas implementation of the same result (groupby/agg, the
code a competent analyst would write), in the same run, best of 3, after
asserting that both give the same answer. Goal: coursekit <= 1.2x the
baseline's time.

Peak memory is measured in a fresh subprocess per function and
implementation: the child builds the same seeded data, resets the kernel's
peak-RSS counter (``echo 5 > /proc/self/clear_refs``), runs the function once
and reports ``VmHWM - VmRSS before the call``, i.e. the extra resident memory
at the worst moment of the call. That counts every allocator (numpy, pandas,
Python objects) which tracemalloc would not. It is compared with the size of
the input frame, ``df.memory_usage(deep=True).sum()``. Goal: <= 2x. Where
/proc/self/clear_refs cannot be written, tracemalloc's peak is reported instead.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coursekit.classify import abc_classify, rfm_table  # noqa: E402
from coursekit.lifecycle import _show_ratio, cohort_retention, lifecycle_stage  # noqa: E402

try:
    from coursekit.service import service_kpis
except ImportError:  # another part of the course; the benchmark runs without it
    service_kpis = None

AS_OF = pd.Timestamp("2025-12-31")
START = np.datetime64("2023-01-01")
END = np.datetime64("2025-12-31")


# ---------------------------------------------------------------------------
# synthetic data (seeded, numpy only)
# ---------------------------------------------------------------------------

def make_ledger(customers: int, shipments: int, seed: int = 20261123) -> pd.DataFrame:
    """A shipments ledger: a few customers send most waybills, each customer is
    active for its own stretch of 2023-2025, so every lifecycle stage occurs."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"C{i:07d}" for i in range(customers)], dtype=object)
    who = np.minimum((customers * rng.random(shipments) ** 2.5).astype(np.int64), customers - 1)
    span = int((END - START).astype(int)) + 1
    begin = rng.integers(0, span, customers)
    end = np.minimum(begin + rng.integers(30, 2 * span, customers), span - 1)
    offset = begin[who] + (rng.random(shipments) * (end[who] - begin[who] + 1)).astype(np.int64)
    revenue = np.round(rng.lognormal(4.0, 0.8, shipments), 2)
    return pd.DataFrame({
        "customer_id": pd.array(ids[who], dtype="str"),
        "order_date": (START + offset).astype("datetime64[us]"),
        "revenue": revenue,
        "cost": np.round(revenue * rng.uniform(0.6, 1.1, shipments), 2),
    })


def make_service_frame(shipments: int, seed: int = 20261124) -> pd.DataFrame:
    """The columns service_kpis reads, one row per waybill."""
    rng = np.random.default_rng(seed)
    span = int((END - START).astype(int)) + 1
    ordered = START + rng.integers(0, span, shipments)
    lost = rng.random(shipments) < 0.002
    delivered = (ordered + rng.integers(1, 6, shipments)).astype("datetime64[us]")
    delivered[lost] = np.datetime64("NaT")
    return pd.DataFrame({
        "order_date": ordered.astype("datetime64[us]"),
        "delivered_date": delivered,
        "on_time": rng.random(shipments) < 0.93,
        "complete": rng.random(shipments) < 0.98,
        "damaged": rng.random(shipments) < 0.01,
        "lost": lost,
        "documents_correct": rng.random(shipments) < 0.97,
    })


# ---------------------------------------------------------------------------
# baselines: what an analyst would write with groupby/agg
# ---------------------------------------------------------------------------

def base_rfm(df):
    rows = df[df["order_date"] < AS_OF + pd.Timedelta(days=1)]
    out = rows.groupby("customer_id").agg(last_order=("order_date", "max"),
                                          frequency=("order_date", "size"),
                                          monetary=("revenue", "sum")).reset_index()
    out["recency"] = (AS_OF - out["last_order"].dt.normalize()).dt.days
    return out[["customer_id", "last_order", "recency", "frequency", "monetary"]]


def base_abc(df):
    value = df.groupby("customer_id")["revenue"].sum()
    # coursekit's documented rule: sums are rounded to 12 significant digits of the
    # largest, so that float noise never decides the order of two equal totals
    value = value.round(12 - int(np.ceil(np.log10(value.abs().max()))))
    value = value.sort_values(ascending=False, kind="stable")
    total = value.sum()
    cum = value.cumsum()
    before = cum.shift(fill_value=0) / total
    out = pd.DataFrame({"customer_id": value.index, "value": value.to_numpy(),
                        "share": (value / total).to_numpy(), "cum_share": (cum / total).to_numpy(),
                        "rank": np.arange(1, len(value) + 1)})
    out["abc_class"] = np.select([before.to_numpy() < 0.80, before.to_numpy() < 0.95],
                                 ["A类", "B类"], "C类")
    return out


def base_cohort(df):
    month = df["order_date"].dt.year * 12 + df["order_date"].dt.month - 1
    first = month.groupby(df["customer_id"]).transform("min")
    active = pd.DataFrame({"customer_id": df["customer_id"], "cohort": first,
                           "k": month - first}).drop_duplicates()
    counts = active.groupby(["cohort", "k"]).size().unstack(fill_value=0)
    width = int(month.max() - month.min() + 1)
    counts = counts.reindex(columns=range(width), fill_value=0)
    shares = counts.div(counts[0], axis=0)
    last = month.max()
    unseen = np.arange(width)[None, :] > (last - counts.index.to_numpy())[:, None]
    shares = shares.mask(unseen)
    shares.index = pd.PeriodIndex.from_ordinals(shares.index - 1970 * 12, freq="M")
    return shares


def base_lifecycle(df, with_reason=True):
    rows = df[df["order_date"] < AS_OF + pd.Timedelta(days=1)]
    recent_from = pd.Timestamp("2025-07-01")
    previous_from, previous_to = pd.Timestamp("2024-07-01"), pd.Timestamp("2024-12-31")
    rows = rows.assign(recent=rows["order_date"] >= recent_from,
                       previous=rows["order_date"].between(previous_from,
                                                           previous_to + pd.Timedelta("23:59:59")))
    out = rows.groupby("customer_id").agg(first_order=("order_date", "min"),
                                          last_order=("order_date", "max"),
                                          recent=("recent", "sum"),
                                          previous=("previous", "sum")).reset_index()
    ratio = out["recent"] / out["previous"]
    ended = out["last_order"] < pd.Timestamp("2025-10-01")
    is_new = out["first_order"] > AS_OF - pd.DateOffset(months=12)
    grows, shrinks = ratio >= 1.2, ratio <= 0.8
    out["stage"] = np.select([ended, is_new, grows, shrinks],
                             ["终止期", "成长期", "成长期", "衰退期"], "成熟期")
    out["ratio"] = ratio
    out = out.rename(columns={"customer_id": "id"})
    if not with_reason:
        return out
    first = out["first_order"]
    out["reason"] = np.select(
        [ended, is_new, grows & (out["previous"] == 0), grows, shrinks],
        ["近3个月没有下单（最后一次下单：" + out["last_order"].dt.strftime("%Y-%m-%d") + "）",
         "首次下单在 " + first.dt.strftime("%Y-%m-%d") + "，距 2025-12-31 不满12个月",
         "去年同期没有运单，近6个月有" + out["recent"].astype(str) + "单",
         "近6个月运单量是去年同期的" + ratio.map(lambda r: _show_ratio(r, lambda x: x >= 1.2))
         + "倍（≥1.2）",
         "近6个月运单量是去年同期的" + ratio.map(lambda r: _show_ratio(r, lambda x: x <= 0.8))
         + "倍（≤0.8）"],
        "近6个月运单量是去年同期的"
        + ratio.map(lambda r: _show_ratio(r, lambda x: 0.8 < x < 1.2)) + "倍（介于0.8和1.2之间）")
    return out


def base_service(df):
    month = df["order_date"].dt.to_period("M")
    damage_free = ~df["damaged"] & ~df["lost"]
    flags = pd.DataFrame({"on_time_rate": df["on_time"], "complete_rate": df["complete"],
                          "damage_free_rate": damage_free, "loss_rate": df["lost"],
                          "documents_correct_rate": df["documents_correct"],
                          "perfect_share": df["on_time"] & df["complete"] & damage_free
                          & df["documents_correct"]})
    grouped = flags.groupby(month)
    out = grouped.mean()
    out.insert(0, "waybills", grouped.size())
    cycle = ((df["delivered_date"] - df["order_date"]).dt.days.astype(float)
             .where(~df["lost"]).groupby(month))
    out["cycle_days_mean"] = cycle.mean()
    out["cycle_days_median"] = cycle.median()
    out["cycle_days_p90"] = cycle.quantile(0.9)
    out["perfect_order_rate"] = (out["on_time_rate"] * out["complete_rate"]
                                 * out["damage_free_rate"] * out["documents_correct_rate"])
    out.index = out.index.astype(str)
    return out


# ---------------------------------------------------------------------------
# the cases: (name, data maker, coursekit call, baseline call, equality check)
# ---------------------------------------------------------------------------

def same_frames(ours, theirs, columns=None):
    columns = columns or list(theirs.columns)
    left = ours[columns].reset_index(drop=True)
    right = theirs[columns].reset_index(drop=True)
    for column in columns:
        a, b = left[column], right[column]
        if pd.api.types.is_float_dtype(a) or pd.api.types.is_float_dtype(b):
            assert np.allclose(a.to_numpy(float), b.to_numpy(float), rtol=1e-9,
                               equal_nan=True), column
        else:
            assert (a.astype(str).to_numpy() == b.astype(str).to_numpy()).all(), column


def check_cohort(ours, theirs):
    assert list(ours.index.astype(str)) == list(theirs.index.astype(str))
    assert np.allclose(ours.to_numpy(float), theirs.to_numpy(float), equal_nan=True)


def check_service(ours, theirs):
    assert list(ours.index) == list(theirs.index)
    assert np.allclose(ours[theirs.columns].to_numpy(float), theirs.to_numpy(float),
                       equal_nan=True)


LIFECYCLE_COLUMNS = ["id", "stage", "first_order", "last_order", "recent", "previous", "ratio"]

CASES = {
    "rfm_table": ("ledger", lambda d: rfm_table(d, as_of=AS_OF), base_rfm, same_frames),
    "abc_classify": ("ledger", abc_classify, base_abc, same_frames),
    "cohort_retention": ("ledger", cohort_retention, base_cohort, check_cohort),
    "lifecycle_stage": ("ledger", lambda d: lifecycle_stage(d, as_of=AS_OF), base_lifecycle,
                        same_frames),
    "lifecycle_stage (baseline without reason text)": (
        "ledger", lambda d: lifecycle_stage(d, as_of=AS_OF),
        lambda d: base_lifecycle(d, with_reason=False),
        lambda a, b: same_frames(a, b, LIFECYCLE_COLUMNS)),
}
if service_kpis is not None:
    CASES["service_kpis"] = ("service", lambda d: service_kpis(d, by="month", waybill=None),
                             base_service, check_service)


def build(kind: str, customers: int, shipments: int) -> pd.DataFrame:
    return make_ledger(customers, shipments) if kind == "ledger" else make_service_frame(shipments)


# ---------------------------------------------------------------------------
# memory: one child process per measurement
# ---------------------------------------------------------------------------

def _status(field: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(field)


def child(name: str, impl: str, customers: int, shipments: int) -> None:
    kind, ours, theirs, _ = CASES[name]
    func = ours if impl == "coursekit" else theirs
    data = build(kind, customers, shipments)
    size = int(data.memory_usage(deep=True).sum())
    func(data.iloc[:1000].copy())  # first-use imports and caches are not the function's memory
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        method = "VmHWM"
        before = _status("VmRSS")
        func(data)
        peak = _status("VmHWM") - before
    except OSError:
        import tracemalloc
        method = "tracemalloc"
        tracemalloc.start()
        func(data)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(json.dumps({"peak": peak, "input": size, "method": method}))


def measure_memory(name, impl, customers, shipments):
    result = subprocess.run([sys.executable, __file__, "--child", name, impl,
                             "--customers", str(customers), "--shipments", str(shipments)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------

def best_of(func, data, repeat):
    times = []
    result = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = func(data)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--shipments", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true", help="skip the memory subprocesses")
    parser.add_argument("--only", action="append", help="run only this function (repeatable)")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "IMPL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.customers, args.shipments)
        return

    print(f"coursekit library benchmark: {args.customers:,} customers, "
          f"{args.shipments:,} waybills, best of {args.repeat}")
    print(f"python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}, "
          f"{os.cpu_count()} cores")
    if service_kpis is None:
        print("service_kpis: coursekit.service is not importable, skipped")
    names = [n for n in CASES if not args.only or n in args.only]
    data = {}
    rows = []
    for name in names:
        kind, ours, theirs, check = CASES[name]
        if kind not in data:
            start = time.perf_counter()
            data[kind] = build(kind, args.customers, args.shipments)
            print(f"built {kind} frame in {time.perf_counter() - start:.1f} s "
                  f"({data[kind].memory_usage(deep=True).sum() / 2**20:,.0f} MiB)")
        frame = data[kind]
        before = frame.copy(deep=False), frame.columns.tolist()
        t_ours, r_ours = best_of(ours, frame, args.repeat)
        t_base, r_base = best_of(theirs, frame, args.repeat)
        check(r_ours, r_base)
        assert frame.columns.tolist() == before[1], "coursekit changed the input frame"
        row = {"function": name, "coursekit_s": t_ours, "baseline_s": t_base,
               "ratio": t_ours / t_base}
        if not args.no_memory:
            for impl in ("coursekit", "baseline"):
                mem = measure_memory(name, impl, args.customers, args.shipments)
                row[f"{impl}_peak_MiB"] = mem["peak"] / 2**20
                row[f"{impl}_peak_x_input"] = mem["peak"] / mem["input"]
                row["input_MiB"] = mem["input"] / 2**20
                row["memory_method"] = mem["method"]
        rows.append(row)
        print(f"  {name}: coursekit {t_ours:.3f} s, baseline {t_base:.3f} s, "
              f"ratio {t_ours / t_base:.2f}", flush=True)

    table = pd.DataFrame(rows).set_index("function")
    with pd.option_context("display.width", 200, "display.max_columns", 20,
                           "display.float_format", "{:.2f}".format):
        print()
        print(table)
    slow = table.index[table["ratio"] > 1.2].tolist()
    heavy = ([] if args.no_memory else
             table.index[table["coursekit_peak_x_input"] > 2].tolist())
    print(f"\ngoal: ratio <= 1.2 -> {'met' if not slow else 'NOT met for ' + ', '.join(slow)}")
    if not args.no_memory:
        print(f"goal: peak <= 2x input -> {'met' if not heavy else 'NOT met for ' + ', '.join(heavy)}")


if __name__ == "__main__":
    main()
