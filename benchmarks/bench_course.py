"""Course-level benchmark: import cost, per-notebook run time, whole test suite.

    .venv/bin/python benchmarks/bench_course.py            # import + notebooks
    .venv/bin/python benchmarks/bench_course.py --suite    # also time `python3 course.py test`

Goals (issue: foundation): ``import coursekit`` adds <= 0.15 s over pandas
(baseline measured in the same run), each notebook runs in <= 5 s, the whole
test command takes <= 60 s warm on a 2-core machine.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed_python(code: str, repeat: int = 7) -> float:
    """Median wall time of a fresh interpreter running ``code``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_cost() -> None:
    baseline = timed_python("import pandas")
    course = timed_python("import pandas, coursekit")
    print(f"import pandas             {baseline:6.3f} s  (baseline)")
    print(f"import pandas, coursekit  {course:6.3f} s  (+{course - baseline:.3f} s, "
          f"ratio {course / baseline:.2f}x; goal +0.150 s)")


def dataset_load() -> None:
    """load_dataset('shipments') (checks + dtypes) against a bare pd.read_csv of the same file."""
    import pandas as pd

    from coursekit import data

    path = data._data_dir() / "shipments.csv.gz"
    timings = {}
    for label, load in (("pd.read_csv (baseline)", lambda: pd.read_csv(path, encoding="utf-8-sig")),
                        ("ck.load_dataset", lambda: (data._CACHE.clear(),
                                                     data.load_dataset("shipments")))):
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            load()
            runs.append(time.perf_counter() - start)
        timings[label] = min(runs)
    base, ours = timings.values()
    print(f"load shipments: read_csv {base:.2f} s, load_dataset {ours:.2f} s "
          f"(ratio {ours / base:.2f}x)")


def notebook_times() -> None:
    from coursekit.teacher.edition import NOTEBOOKS_DIR, STUDENT_DIR, course_notebooks
    from coursekit.teacher.refresh import execute

    for folder in (NOTEBOOKS_DIR, STUDENT_DIR):
        for path in course_notebooks(folder):
            start = time.perf_counter()
            execute(path)
            print(f"{folder.name}/{path.name:<32} {time.perf_counter() - start:6.2f} s "
                  "(kernel start included; goal 5 s)")


def suite_time() -> None:
    start = time.perf_counter()
    subprocess.run(["python3", "course.py", "test", "-q"], cwd=ROOT)
    print(f"python3 course.py test    {time.perf_counter() - start:6.1f} s (goal 60 s warm)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--suite", action="store_true", help="also time the whole test command")
    args = parser.parse_args()
    import_cost()
    dataset_load()
    notebook_times()
    if args.suite:
        suite_time()
