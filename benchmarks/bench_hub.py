"""Classroom server benchmark: server start time and memory per active student.

    sudo .venv/bin/python benchmarks/bench_hub.py [--students 10 20] [--unit u01]

For each class size N a real hub is set up with ``coursehub.py up`` (loopback
only) for N simulated students, each a real account. Every student logs in
through the log-in form, sets a password, and asks for a server, ``--start-together``
(default 5) at the same moment, the next as soon as one is up, as a class does
at the start of a lesson. Then every student opens
the unit notebook and runs it (four at a time), and memory is read while all N
kernels are alive with the notebook's data loaded.

Baseline, measured in the same run: the start time of one server alone on the
idle hub (the first student, before the class). Memory is reported three ways:

- ``machine``: (MemTotal - MemAvailable) with the class active, minus the same
  with the hub up and no server, divided by N. This is what a server must have.
- ``cgroup``: the memory cgroup charge of each student (rss + page cache).
- ``pss``: proportional set size of each student's processes (shared libraries
  split fairly between everyone who maps them).

Class size on a 24 GiB server = (24 GiB - 2 GiB for the system - hub) / machine-per-student.
Needs root and cgroup v1, like tests/test_hub.py; accounts and processes are removed at the end.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "deploy" / "jupyterhub" / "coursehub.py"
sys.path.insert(0, str(SCRIPT.parent))

from coursehub import limits  # noqa: E402
from coursehub.client import StudentClient  # noqa: E402

GIB = 2 ** 30
SERVER_GIB = 24
SYSTEM_RESERVE_GIB = 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def used_bytes() -> int:
    info = {line.split(":")[0]: int(line.split()[1]) * 1024
            for line in Path("/proc/meminfo").read_text().splitlines()}
    return info["MemTotal"] - info["MemAvailable"]


def pss_bytes(pids: set[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def cgroup_charge(group: limits.UserGroup) -> int:
    stat = dict(line.split() for line in (group.paths["memory"] / "memory.stat").read_text().splitlines())
    return int(stat["total_rss"]) + int(stat["total_cache"])


def cli(state: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, str(SCRIPT), "--state-dir", str(state), *args],
                            capture_output=True, text=True, timeout=3600)
    if result.returncode:
        raise RuntimeError(result.stdout[-2000:] + result.stderr[-2000:])
    return result.stdout


def slips(state: Path) -> dict[str, str]:
    rows = {}
    for path in sorted((state / "passwords").glob("*.csv")):
        rows.update({r["用户名"]: r["初始密码"] for r in csv.DictReader(path.open(encoding="utf-8-sig"))})
    return rows


def first_login(url: str, username: str, one_time: str) -> StudentClient:
    client = StudentClient(url, username)
    client.log_in(one_time)
    client.change_password(one_time, f"bench-{username}")
    client.log_in(f"bench-{username}")
    client.get_token()
    return client


def start_and_time(client: StudentClient) -> float:
    started = time.monotonic()
    client.start_server()
    client.wait_ready(timeout=900)
    return time.monotonic() - started


def measure(students: int, unit: str, runtime: str, mem_limit: str, start_together: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    os.chmod(work, 0o755)
    state = work / "state"
    class_list = work / "名单.csv"
    class_list.write_text("学号,姓名\n" + "".join(f"30990{i:02d},学生{i}\n" for i in range(students + 1)),
                          encoding="utf-8")
    port = free_port()
    try:
        cli(state, "up", "--class-list", str(class_list), "--teacher", "tbench", "--ip", "127.0.0.1",
            "--port", str(port), "--hub-port", str(free_port()), "--proxy-api-port", str(free_port()),
            "--runtime-dir", runtime, "--home-base", str(work / "home"), "--mem-limit", mem_limit)
        cli(state, "handout", unit)
        url = f"http://127.0.0.1:{port}"
        passwords = slips(state)
        names = [f"s30990{i:02d}" for i in range(students + 1)]
        time.sleep(5)
        idle_hub = used_bytes()
        clients = [first_login(url, name, passwords[name]) for name in names]
        alone = start_and_time(clients[0])          # baseline: one server on an idle hub
        clients[0].stop_server()
        time.sleep(3)
        class_clients = clients[1:]
        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=start_together) as pool:
            starts = list(pool.map(start_and_time, class_clients))
        whole_class = time.monotonic() - began
        notebook = next(p.name for p in (Path(runtime) / "course" / "student").glob(f"{unit}_*.ipynb"))
        with ThreadPoolExecutor(max_workers=4) as pool:
            runs = list(pool.map(lambda c: c.run_notebook(notebook, timeout=1800)[0], class_clients))
        time.sleep(5)
        active = used_bytes()
        groups = [limits.UserGroup(c.username) for c in class_clients]
        cgroup = [cgroup_charge(g) for g in groups]
        pss = [pss_bytes(g.pids()) for g in groups]
        per_student = (active - idle_hub) / students
        return {
            "load_average_1min": round(os.getloadavg()[0], 1),
            "students": students, "unit": notebook, "all_runs_ok": all(r.ok for r in runs),
            "start_alone_s": round(alone, 1), "asked_at_once": start_together,
            "start_median_s": round(statistics.median(starts), 1), "start_max_s": round(max(starts), 1),
            "start_ratio_vs_alone": round(statistics.median(starts) / alone, 2),
            "whole_class_ready_s": round(whole_class, 1),
            "notebook_run_median_s": round(statistics.median(r.seconds for r in runs), 1),
            "machine_per_student_mib": round(per_student / 2 ** 20),
            "cgroup_per_student_mib": round(statistics.mean(cgroup) / 2 ** 20),
            "cgroup_max_mib": round(max(cgroup) / 2 ** 20),
            "pss_per_student_mib": round(statistics.mean(pss) / 2 ** 20),
            "hub_idle_used_gib": round(idle_hub / GIB, 2),
            "class_size_24gib": int((SERVER_GIB - SYSTEM_RESERVE_GIB) * GIB // per_student),
        }
    finally:
        if (state / "hub.log").exists():  # for reading after a failed run
            (ROOT / "benchmarks" / "results").mkdir(exist_ok=True)
            subprocess.run(["cp", str(state / "hub.log"), str(ROOT / "benchmarks" / "results" / f"hub_{students}.log")])
        if (state / "settings.json").exists():
            for args in (["stop"], ["remove-class", "--yes", "--with-teacher"]):
                subprocess.run([sys.executable, str(SCRIPT), "--state-dir", str(state), *args],
                               capture_output=True, timeout=600)
        subprocess.run(["rm", "-rf", str(work)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, nargs="+", default=[10, 20])
    parser.add_argument("--unit", default="u01")
    parser.add_argument("--mem-limit", default="1G")
    parser.add_argument("--runtime-dir", default="/var/tmp/coursehub-test-runtime")
    parser.add_argument("--start-together", type=int, default=5,
                        help="students asking for their server at the same moment (the rest queue)")
    args = parser.parse_args()
    results = [measure(n, args.unit, args.runtime_dir, args.mem_limit, args.start_together)
               for n in args.students]
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_hub.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    for r in results:
        print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
