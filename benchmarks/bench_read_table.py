"""Benchmark: ck.read_table on a big GBK export against plain pd.read_csv(encoding="gbk").

    python benchmarks/bench_read_table.py                 # 1,000,000 rows, both files
    python benchmarks/bench_read_table.py --rows 50000    # quick check

Two files of the same waybills are written in GBK with Chinese headers and a
title line above them, as Excel on a Chinese Windows machine exports them:

* ``plain``: ISO dates (2025-01-05) and plain numbers (1234.5);
* ``messy``: dates written four ways (2025/1/5, 2025-01-05, 2025年1月5日,
  20250105) and amounts with ￥, 元 and thousands separators.

For each file, in the same run:

* time: best of ``--repeat`` runs of ``pd.read_csv(path, encoding="gbk",
  skiprows=1)`` (the baseline: it returns text for dates and for the messy
  amounts, no checks) and of ``ck.read_table(path, "shipments")`` (typed,
  checked columns);
* memory: in a fresh child process per reader, the kernel's peak resident
  memory during the call (``VmHWM`` after resetting it through
  ``/proc/self/clear_refs``) minus the resident memory before it, compared
  with the size of the frame read_table returns
  (``memory_usage(deep=True)``).

Goal: time within 1.5x of the baseline, peak memory within 2x of the frame.
"""
from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HEADERS = ["运单号", "客户编号", "下单日期", "服务产品", "件数", "重量（kg）", "运费（元）", "成本（元）",
           "是否准时"]


def make_file(path: Path, rows: int, messy: bool, seed: int = 7) -> None:
    """Write ``rows`` waybills as a GBK CSV with a title line, Chinese headers and CRLF."""
    rng = np.random.default_rng(seed)
    day = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 730, rows), unit="D")
    revenue = np.round(rng.gamma(2.0, 300.0, rows), 2)
    frame = pd.DataFrame({
        "运单号": pd.Series(np.arange(rows)).map("YD{:09d}".format),
        "客户编号": pd.Series(rng.integers(0, 20_000, rows)).map("C{:05d}".format),
        "下单日期": day.strftime("%Y-%m-%d"),
        "服务产品": rng.choice(["快递", "零担", "整车", "仓配"], rows),
        "件数": rng.integers(1, 50, rows),
        "重量（kg）": np.round(rng.gamma(2.0, 40.0, rows), 1),
        "运费（元）": revenue,
        "成本（元）": np.round(revenue * rng.uniform(0.6, 0.95, rows), 2),
        "是否准时": rng.choice(["是", "否"], rows, p=[0.92, 0.08]),
    })
    if messy:
        forms = np.arange(rows) % 4
        text = frame["下单日期"].copy()
        text[forms == 0] = day[forms == 0].strftime("%Y/%-m/%-d")
        text[forms == 2] = day[forms == 2].strftime("%Y年%-m月%-d日")
        text[forms == 3] = day[forms == 3].strftime("%Y%m%d")
        frame["下单日期"] = text
        money = pd.Series(revenue).map("{:,.2f}".format)
        money[forms == 0] = "￥" + money[forms == 0]
        money[forms == 1] = money[forms == 1] + "元"
        frame["运费（元）"] = money
    with open(path, "w", encoding="gbk", newline="") as stream:
        stream.write("某物流公司运单明细（基准测试数据，纯属虚构）\r\n")
        frame.to_csv(stream, index=False, lineterminator="\r\n")


def baseline(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="gbk", skiprows=1)


def coursekit_reader(path: Path) -> pd.DataFrame:
    import coursekit as ck
    return ck.read_table(path, "shipments")


READERS = {"pandas": baseline, "coursekit": coursekit_reader}


def best_of(func, path: Path, repeat: int):
    """Best wall-clock and best CPU time of ``repeat`` runs, and the last result.

    CPU time is quoted too: on a shared machine other processes stretch the
    wall clock of both readers, but not the CPU each one used.
    """
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        result = None
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = func(path)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def _status(field: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(field)


def child(reader: str, path: Path) -> None:
    func = READERS[reader]
    small = path.with_name("warm.csv")
    make_file(small, 1000, messy=True)
    func(small)  # imports and first-use caches are not the reader's memory
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        method, before = "VmHWM", _status("VmRSS")
        frame = func(path)
        peak = _status("VmHWM") - before
    except OSError:
        import tracemalloc
        method = "tracemalloc"
        tracemalloc.start()
        frame = func(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    size = int(frame.memory_usage(deep=True).sum())
    print(json.dumps({"peak": peak, "frame": size, "method": method}))


def measure_memory(reader: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", reader, str(path)],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("READER", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    mib = 1024 * 1024
    print(f"rows: {args.rows:,}; pandas {pd.__version__}, numpy {np.__version__}")
    print("| file | read_csv (s) | read_table (s) | time ratio | CPU ratio | read_table peak | frame | "
          "peak / frame | read_csv peak / its frame |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for messy in (False, True):
            name = "messy" if messy else "plain"
            path = Path(folder) / f"{name}.csv"
            make_file(path, args.rows, messy)
            base_time, base_cpu, base_frame = best_of(baseline, path, args.repeat)
            ours_time, ours_cpu, ours_frame = best_of(coursekit_reader, path, args.repeat)
            assert len(ours_frame) == len(base_frame) == args.rows
            assert np.allclose(ours_frame["weight_kg"], base_frame["重量（kg）"])
            row = (f"| {name} ({path.stat().st_size / mib:.0f} MiB) | {base_time:.2f} | "
                   f"{ours_time:.2f} | {ours_time / base_time:.2f} | {ours_cpu / base_cpu:.2f} |")
            if args.no_memory:
                print(row + " - | - | - | - |")
                continue
            ours, theirs = measure_memory("coursekit", path), measure_memory("pandas", path)
            print(row + f" {ours['peak'] / mib:.0f} MiB | {ours['frame'] / mib:.0f} MiB | "
                  f"{ours['peak'] / ours['frame']:.2f} | {theirs['peak'] / theirs['frame']:.2f} |",
                  flush=True)


if __name__ == "__main__":
    main()
