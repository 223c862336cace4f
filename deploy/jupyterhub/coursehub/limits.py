"""Per-student limits with cgroup v1: memory, CPU time and number of processes.

Used where PID 1 is not systemd (containers, CI, this project's machines); a
server that runs systemd gets the same limits from SystemdSpawner instead
(MemoryMax, CPUQuota, TasksMax). Each student's server and every kernel it
starts live in ``<controller>/coursehub/<username>``; a child process inherits
its parent's groups, and a student cannot leave them (the files are root's).

When the memory of the group passes the limit, the kernel's OOM killer ends the
largest process in that group only, which is the notebook that allocated: its
kernel dies and restarts, the student's server and everyone else carry on.

    cpu.cfs_quota_us = cpu_limit × cpu.cfs_period_us   (1.0 = one full core)

>>> parse_bytes("1G"), parse_bytes("512M"), parse_bytes(1000)
(1073741824, 536870912, 1000)
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from .errors import HubError

ROOT = Path("/sys/fs/cgroup")
CONTROLLERS = ("memory", "cpu", "pids")
PARENT = "coursehub"
UNITS = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}


def parse_bytes(value) -> int:
    """``"1G"`` → 1073741824; a plain number is bytes."""
    if isinstance(value, (int, float)):
        return int(value)
    text = str(value).strip().upper().removesuffix("B")
    if text and text[-1] in UNITS:
        return int(float(text[:-1]) * UNITS[text[-1]])
    return int(text)


def available(root: Path = ROOT) -> bool:
    """Whether the cgroup v1 controllers we need are mounted and writable."""
    return all((root / c / "cgroup.procs").exists() and os.access(root / c, os.W_OK)
               for c in CONTROLLERS)


def require(root: Path = ROOT) -> None:
    if not available(root):
        raise HubError(
            f"这台机器没有可写的 cgroup v1 控制器（{', '.join(CONTROLLERS)}，在 {root} 下），"
            "无法限制每个学生的内存和 CPU。在运行 systemd 的服务器上请用 SystemdSpawner（spawner=systemd）。",
            f"No writable cgroup v1 controllers ({', '.join(CONTROLLERS)}) under {root}: per-student "
            "limits are impossible here. On a server that runs systemd use SystemdSpawner.")


class UserGroup:
    """The cgroups of one student: create with limits, add a process, end all, remove."""

    def __init__(self, username: str, root: Path = ROOT):
        self.username = username
        self.paths = {c: root / c / PARENT / username for c in CONTROLLERS}

    def create(self, mem_limit, cpu_limit: float, pids_limit: int) -> None:
        require(next(iter(self.paths.values())).parents[2])
        for path in self.paths.values():
            path.mkdir(parents=True, exist_ok=True)
        memory = self.paths["memory"]
        limit = parse_bytes(mem_limit)
        _write(memory / "memory.limit_in_bytes", limit)
        if (memory / "memory.memsw.limit_in_bytes").exists():  # swap accounting on: no escape via swap
            _write(memory / "memory.memsw.limit_in_bytes", limit)
        if cpu_limit:
            period = int(_read(self.paths["cpu"] / "cpu.cfs_period_us") or 100000)
            _write(self.paths["cpu"] / "cpu.cfs_quota_us", int(cpu_limit * period))
        _write(self.paths["pids"] / "pids.max", pids_limit)

    def procs_files(self) -> list[str]:
        """The files to write a pid into; computed before fork, used in the child."""
        return [str(p / "cgroup.procs") for p in self.paths.values()]

    def pids(self) -> set[int]:
        found = set()
        for path in self.paths.values():
            text = _read(path / "cgroup.procs")
            found |= {int(p) for p in text.split()} if text else set()
        return found

    def memory_bytes(self) -> int:
        """Memory the student's processes use now (resident + page cache they caused)."""
        return int(_read(self.paths["memory"] / "memory.usage_in_bytes") or 0)

    def oom_kills(self) -> int:
        text = _read(self.paths["memory"] / "memory.oom_control")
        for line in text.splitlines():
            if line.startswith("oom_kill "):
                return int(line.split()[1])
        return 0

    def kill_all(self, timeout: float = 10) -> None:
        """End every process left in the group (kernels orphaned by a killed server too)."""
        deadline = time.monotonic() + timeout
        while self.pids() and time.monotonic() < deadline:
            for pid in self.pids():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)

    def remove(self) -> None:
        self.kill_all()
        for path in self.paths.values():
            try:
                path.rmdir()
            except FileNotFoundError:
                pass


def add_self(procs_files: list[str]) -> None:
    """Move the calling process into the groups (run after fork, before setuid)."""
    pid = str(os.getpid())
    for name in procs_files:
        fd = os.open(name, os.O_WRONLY)
        try:
            os.write(fd, pid.encode())
        finally:
            os.close(fd)


def _write(path: Path, value) -> None:
    path.write_text(str(value))


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""
