"""Grading benchmarks: a class of 60 in the sandbox, the grader's memory under floods, the key.

    .venv/bin/python benchmarks/bench_grading.py            # all three parts
    .venv/bin/python benchmarks/bench_grading.py class [--students 60] [--jobs 2]
    .venv/bin/python benchmarks/bench_grading.py flood
    .venv/bin/python benchmarks/bench_grading.py key

class   60 copies of unit 1 (half the instructor edition, all answers right; half the
        student edition, nothing answered), graded with the best sandbox available
        (bubblewrap on Linux). Goal: under 4 minutes. Baseline, in the same run: one
        plain nbclient execution of the same notebook, what any grader pays per notebook.
flood   a class of six notebooks that print without end, print one 200 MB string,
        flood with many small messages and with display data, write 1 GB into their
        /tmp, and two honest ones; each part runs in a fresh process and reports the
        grader's peak resident memory (ru_maxrss of the grader process: the kernels run
        in their own sandboxes and are not the grader). Goal: under 500 MB.
key     the answer key of the handout: the cost of one hash, the latency of one check()
        per question kind (cold cache), and what brute force costs a student.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

NOTEBOOK = "u01_customer_basics.ipynb"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------ a class of 60

def _cpu_seconds() -> float:
    """CPU time of this process and every finished descendant (kernels included).

    Unlike wall time it hardly depends on what else the machine is running: on a
    machine shared with busy processes, CPU seconds / cores is the time the run needs.
    """
    me, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


BASELINE_CPU = [0.0]


class _CpuMeter:
    """CPU seconds of this process and everything it starts, sandboxes included.

    Killed sandbox processes are not always reaped by someone who passes their times
    up, so where possible (root, cgroup v1 cpuacct mounted) the run is put in its own
    cpuacct group, which counts every process in it; else rusage is used.
    """

    ROOT = Path("/sys/fs/cgroup/cpuacct")

    def __enter__(self):
        self.group = self.ROOT / f"coursekit-bench-{os.getpid()}"
        try:
            self.group.mkdir()
            (self.group / "cgroup.procs").write_text(str(os.getpid()))
            self.method = "cgroup cpuacct"
        except OSError:
            self.group, self.method = None, "rusage"
            self.start = _cpu_seconds()
        return self

    def __exit__(self, *exc):
        if self.group is None:
            self.seconds = _cpu_seconds() - self.start
            return False
        self.seconds = int((self.group / "cpuacct.usage").read_text()) / 1e9
        (self.ROOT / "cgroup.procs").write_text(str(os.getpid()))
        time.sleep(0.5)
        try:
            self.group.rmdir()
        except OSError:
            pass
        return False


def baseline_seconds(repeat: int = 3) -> float:
    from coursekit.teacher.edition import NOTEBOOKS_DIR
    from coursekit.teacher.refresh import execute

    times, cpu = [], []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), _cpu_seconds()
        execute(NOTEBOOKS_DIR / NOTEBOOK)
        times.append(time.perf_counter() - start)
        cpu.append(_cpu_seconds() - cpu_start)
    BASELINE_CPU[0] = statistics.median(cpu)
    return statistics.median(times)


def bench_class(students: int, jobs: int) -> dict:
    from coursekit.teacher.edition import NOTEBOOKS_DIR, STUDENT_DIR
    from coursekit.teacher.grading import grade

    single = baseline_seconds()
    with tempfile.TemporaryDirectory() as work:
        inbox = Path(work) / "inbox"
        inbox.mkdir()
        for i in range(students):
            source = NOTEBOOKS_DIR if i % 2 == 0 else STUDENT_DIR
            shutil.copy(source / NOTEBOOK, inbox / f"2024{i:03d}_学生{i}_u01.ipynb")
        with _CpuMeter() as meter:
            start = time.perf_counter()
            book = grade(inbox, Path(work) / "book.csv", jobs=jobs, progress=False)
            total = time.perf_counter() - start
        cpu = meter.seconds
    assert (book["percent"] == 100.0).sum() == (students + 1) // 2, book
    assert (book["problem"] == "").all(), book["problem"]
    return {"students": students, "jobs": jobs, "seconds": round(total, 1),
            "per_notebook": round(total / students, 2), "baseline": round(single, 2),
            "cpu_seconds": round(cpu, 1), "cpu_per_notebook": round(cpu / students, 2),
            "baseline_cpu": round(BASELINE_CPU[0], 2), "cpu_measured_by": meter.method,
            "isolation": book.attrs.get("isolation") or "bubblewrap",
            "grader_peak_mb": round(_peak_mb())}


# ------------------------------------------------------------------ floods

FLOODS = {
    "endless": "while True:\n    print('x' * 100000)",
    "one_huge": "print('y' * 200_000_000)",
    "small_many": "for i in range(10 ** 7):\n    print(i)",
    "display": "from IPython.display import display, HTML\nwhile True:\n"
               "    display(HTML('<b>' + 'z' * 500000 + '</b>'))",
    "disk": "data = b'd' * 2 ** 20\nwith open('/tmp/big', 'wb') as f:\n"
            "    for _ in range(1024):\n        f.write(data)",
    "stderr": "import sys\nwhile True:\n    sys.stderr.write('e' * 100000)",
}


def bench_flood() -> dict:
    import grading_class as klass
    from coursekit.teacher.grading import grade

    with tempfile.TemporaryDirectory() as work:
        inbox = Path(work) / "inbox"
        inbox.mkdir()
        for number, (name, code) in enumerate(FLOODS.items(), start=10):
            klass.write(inbox, f"{number}_{name}_t99.ipynb", klass.notebook(klass.WRONG, [code]))
        klass.write(inbox, "2_honest_t99.ipynb", klass.notebook(klass.RIGHT))
        klass.write(inbox, "3_honest_t99.ipynb", klass.notebook(klass.RIGHT))
        before = _peak_mb()
        start = time.perf_counter()
        book = grade(inbox, Path(work) / "book.csv", timeout=60, jobs=2, progress=False,
                     questions=klass.test_questions()).set_index("file")
        seconds = time.perf_counter() - start
    reasons = {name: book.loc[f"{number}_{name}_t99.ipynb", "problem"]
               for number, name in enumerate(FLOODS, start=10)}
    assert book.loc["2_honest_t99.ipynb", "percent"] == 100.0
    return {"seconds": round(seconds, 1), "peak_before_mb": round(before),
            "grader_peak_mb": round(_peak_mb()), "reasons": reasons}


# ------------------------------------------------------------------ the key

def bench_key() -> dict:
    import hashlib

    from coursekit import _answerkey
    from coursekit.questions import QUESTIONS

    rounds = _answerkey.BASE_ITERATIONS
    started = time.perf_counter()
    for i in range(20):
        hashlib.pbkdf2_hmac("sha256", b"x%d" % i, b"s" * 16, rounds, dklen=16)
    one_hash = (time.perf_counter() - started) / 20
    specs = {qid: q.spec() for qid, q in QUESTIONS.items() if not q.graded_only}
    started = time.perf_counter()
    key = _answerkey.build_key(specs)
    build = time.perf_counter() - started
    latency: dict = {}
    for qid, question in QUESTIONS.items():
        if qid not in specs:
            continue
        _answerkey.digest.cache_clear()
        started = time.perf_counter()
        assert _answerkey.judge_hashed(key, qid, question.expected_value())[0], qid
        latency.setdefault(specs[qid]["kind"], []).append(time.perf_counter() - started)
    return {"iterations": rounds, "one_hash_s": round(one_hash, 4),
            "build_s": round(build, 1), "key_kb": round(len(json.dumps(key)) / 1024),
            "check_latency_s": {kind: {"median": round(statistics.median(v), 3),
                                       "max": round(max(v), 3), "questions": len(v)}
                                for kind, v in sorted(latency.items())},
            "brute_force_s": {"choice_of_4_all_subsets": round(15 * one_hash, 2),
                              "choice_of_6_all_subsets": round(63 * one_hash, 2),
                              "integer_0_to_1000": round(1001 * one_hash, 1),
                              "3_decimals_in_0_1": round(1001 * one_hash, 1)}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("part", nargs="?", choices=["class", "flood", "key"])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.part is None:  # each part in a fresh process: memory peaks are its own
        for part in ("key", "flood", "class"):
            subprocess.run([sys.executable, __file__, part, "--students", str(args.students),
                            "--jobs", str(args.jobs)], check=True)
        return
    result = {"class": lambda: bench_class(args.students, args.jobs), "flood": bench_flood,
              "key": bench_key}[args.part]()
    print(json.dumps({args.part: result}, ensure_ascii=False, indent=1), flush=True)


if __name__ == "__main__":
    main()
