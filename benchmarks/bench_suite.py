"""How long the test command takes, before and after the suite's speed-ups, in one run.

    .venv/bin/python benchmarks/bench_suite.py --probe          # per-process cost only (a minute)
    .venv/bin/python benchmarks/bench_suite.py --suite          # + the whole suite, old vs new settings
    .venv/bin/python benchmarks/bench_suite.py --suite --repeat 2

The machine is shared, so every figure is measured against a baseline taken in
the same run, alternating old and new, and CPU seconds are reported beside
wall seconds: CPU time barely moves when other jobs load the machine, wall
time does.

* ``probe``: a fresh interpreter importing what every notebook's first cell
  imports, and a kernel running that cell, with PYTHONDONTWRITEBYTECODE=1 (as
  on CI) and coursekit either not compiled (old: every process compiles it
  from source) or compiled once by ``compileall`` (new: what ``course.py
  test`` now does before pytest).
* ``suite``: pytest over the same tests with the old settings (``--dist
  loadfile``, xdist's reorder by test count, collection order, coursekit not
  compiled) and with the new ones from course.py (``--dist loadgroup``, slowest
  groups first, compiled coursekit, patient nbval timeouts).
"""
from __future__ import annotations

import argparse
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
FIRST_CELL = ("import pandas as pd\nimport matplotlib.pyplot as plt\nimport coursekit as ck\n"
              "from coursekit import plots, widgets\nfrom coursekit.exercises import check")
OLD_ARGS = ["-n", "2", "--dist", "loadfile", "--nbval", "--nbval-current-env",
            "--nbval-sanitize-with", "tests/sanitize.cfg", "-p", "no:cacheprovider",
            "tests", "coursekit", "notebooks", "student"]


RESULTS = ROOT / "benchmarks" / "results"


def timed(command, env=None, cwd=ROOT, log=None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the command and its children), exit code.

    The command's output goes to ``log`` (a path) when given, else nowhere.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(log or os.devnull, "w", encoding="utf-8") as stream:
        code = subprocess.call(command, env=env, cwd=cwd, stdout=stream, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, code


def drop_bytecode(folder: Path) -> None:
    for cache in folder.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)


def coursekit_copies(temp: Path) -> dict[str, Path]:
    """Two copies of coursekit on their own PYTHONPATH: without and with compiled bytecode."""
    copies = {}
    for label in ("old: source only", "new: compileall"):
        target = temp / label.split(":")[0] / "coursekit"
        shutil.copytree(ROOT / "coursekit", target, ignore=shutil.ignore_patterns("__pycache__"))
        copies[label] = target.parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(copies["new: compileall"])],
                   check=True, stdout=subprocess.DEVNULL)
    return copies


def probe(repeat: int = 5) -> None:
    kernel_script = (
        "import sys, nbformat; from nbclient import NotebookClient;"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(sys.argv[1])]);"
        "NotebookClient(nb, kernel_name='python3').execute()")
    with tempfile.TemporaryDirectory() as temp:
        copies = coursekit_copies(Path(temp))
        for what, command in (("import of the first cell", [sys.executable, "-c", FIRST_CELL]),
                              ("kernel + first cell", [sys.executable, "-c", kernel_script, FIRST_CELL])):
            results = {label: [] for label in copies}
            for _ in range(repeat):                 # alternate, so load hits both alike
                for label, path in copies.items():
                    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(path)}
                    wall, cpu, code = timed(command, env=env)
                    assert code == 0, f"{what} failed ({label})"
                    results[label].append((wall, cpu))
            line = []
            for label, runs in results.items():
                wall = statistics.median(w for w, _ in runs)
                cpu = statistics.median(c for _, c in runs)
                line.append((label, wall, cpu))
                print(f"{what:<26} {label:<18} wall {wall:6.2f} s  cpu {cpu:6.2f} s  (median of {repeat})")
            (_, old_wall, old_cpu), (_, new_wall, new_cpu) = line
            print(f"{what:<26} new/old: wall {new_wall / old_wall:.2f}x, cpu {new_cpu / old_cpu:.2f}x")


def suite(repeat: int = 1) -> None:
    course = {"__file__": str(ROOT / "course.py"), "__name__": "course"}
    exec(compile((ROOT / "course.py").read_text(encoding="utf-8"), "course.py", "exec"), course)
    new_args = course["PYTEST_ARGS"]
    python = sys.executable
    for run in range(repeat):
        for label in ("old", "new"):
            env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
            drop_bytecode(ROOT / "coursekit")
            if label == "old":
                env["COURSEKIT_SUITE_ORDER"] = "collection"      # tests/conftest.py: no ranking
                command = [python, "-m", "pytest", "-q", "-rf", *OLD_ARGS]
            else:
                subprocess.run([python, "-m", "compileall", "-q", "coursekit"], cwd=ROOT,
                               check=True, stdout=subprocess.DEVNULL)
                command = [python, "-m", "pytest", "-q", "-rf", *new_args]
            load = os.getloadavg()[0]
            RESULTS.mkdir(exist_ok=True)
            log = RESULTS / f"suite_{run + 1}_{label}.log"
            wall, cpu, code = timed(command, env=env, log=log)
            print(f"suite run {run + 1} {label}: wall {wall:6.1f} s  cpu {cpu:6.1f} s  "
                  f"exit {code}  (load average at start {load:.1f}; output: {log})", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", action="store_true", help="per-process import and kernel cost")
    parser.add_argument("--suite", action="store_true", help="the whole suite, old vs new settings")
    parser.add_argument("--repeat", type=int, default=1, help="suite runs per setting")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if args.probe or not args.suite:
        probe()
    if args.suite:
        suite(args.repeat)
