"""Grading benchmark: seconds per submission for a class of 40 (goal: whole class < 3 min).

    .venv/bin/python benchmarks/bench_grading.py [--students 40] [--jobs 2]

The class is 40 copies of unit 1 (half the instructor edition, all answers
right; half the student edition, nothing answered). The baseline, measured in
the same run, is plain execution of the same notebook with nbclient, one at
a time: what any grader has to pay at least once per submission.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coursekit.teacher.edition import NOTEBOOKS_DIR, STUDENT_DIR  # noqa: E402
from coursekit.teacher.grading import grade  # noqa: E402
from coursekit.teacher.refresh import execute  # noqa: E402

NOTEBOOK = "u01_customer_basics.ipynb"


def baseline_seconds(repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        execute(NOTEBOOKS_DIR / NOTEBOOK)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def make_class(folder: Path, students: int) -> None:
    for i in range(students):
        source = NOTEBOOKS_DIR if i % 2 == 0 else STUDENT_DIR
        shutil.copy(source / NOTEBOOK, folder / f"2024{i:03d}_学生{i}_u01.ipynb")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    single = baseline_seconds()
    with tempfile.TemporaryDirectory() as work:
        inbox = Path(work) / "inbox"
        inbox.mkdir()
        make_class(inbox, args.students)
        start = time.perf_counter()
        book = grade(inbox, Path(work) / "book.csv", jobs=args.jobs, progress=False)
        total = time.perf_counter() - start
    assert (book["percent"] == 100.0).sum() == (args.students + 1) // 2
    per = total / args.students
    print(f"baseline: one nbclient run of {NOTEBOOK}   {single:6.2f} s")
    print(f"grading {args.students} submissions, jobs={args.jobs}  {total:6.1f} s in all "
          f"(goal 180 s), {per:.2f} s per submission, {per / single:.2f}x the baseline")


if __name__ == "__main__":
    main()
