"""Step 2a of grading: a sandbox per submission, without Docker.

Linux with bubblewrap (``apt-get install bubblewrap``; Flatpak's sandbox)
---------------------------------------------------------------------------
Each kernel starts inside ``bwrap`` with:

* new PID, network, IPC and UTS namespaces: no network at all, and when the
  sandbox's first process dies every process in it dies, however it was
  started (``setsid``, double fork); ``--die-with-parent`` ends it with the
  grader;
* a file system made of read-only system folders (``/usr``, ``/etc`` …),
  the Python installation, the datasets, and the *handout* copy of
  ``coursekit`` (no question bank) mounted over the package; the course
  folder, the instructor edition, the bank, the class folder, the staging
  folder, the gradebook and every home folder are simply not there;
* a fresh size-limited ``/tmp`` holding its own empty HOME, IPYTHONDIR,
  MPLCONFIGDIR and working folder (gone with the sandbox);
* when the grader runs as root, a uid of its own with no account (1990000 +
  the job slot), so one submission's processes never count against another's
  process limit, and no file of the machine belongs to it;
* limits on address space, processes, CPU seconds and file size (rlimits).

The grader talks to the kernel over Unix sockets that the kernel creates in
``/tmp/run``, inside the sandbox's own size-limited tmpfs; the grader reaches
them through ``/proc/<sandbox pid>/root`` (bwrap's ``--info-fd`` names the
pid). Nothing the kernel writes lands on the grader's disk, whether or not
the grader is root.

Without bubblewrap (only when asked: ``--no-sandbox``)
------------------------------------------------------
Where bubblewrap is missing or Python does not start inside it, :func:`prepare`
stops the run with the cause; it never falls back on its own.

* Linux: the kernel runs in its own session with the same rlimits, its own
  HOME/IPYTHONDIR/TMPDIR, under an unprivileged uid when the grader is root and
  Python is readable by other users; the grader is a child subreaper
  (``prctl(PR_SET_CHILD_SUBREAPER)``), so processes that double-fork or
  ``setsid`` away are adopted by it and killed after each submission. The file
  system and the network are not hidden.
* Windows and macOS: own HOME/IPYTHONDIR/TMPDIR and working folder, the time
  and output limits, and the kernel's whole process tree is killed (psutil)
  at the end; nothing is hidden. The teacher guide says so.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..._validate import fail

NOBODY = 65534
RUN_PREFIX = "coursekit-grading-"  # the run's private temp folder, removed at the end
SANDBOX_UID_BASE = 1_990_000   # uids with no account; each concurrent sandbox gets its own
SYSTEM_DIRS = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
INSIDE_TMP = "/tmp"
INSIDE_HOME = "/tmp/home"
INSIDE_RUN = "/tmp/run"


@dataclass
class Limits:
    """What one submission may use."""

    memory_mb: int = 3072          # address space of each process (RLIMIT_AS), and the resident
                                   # memory of all of them together (bubblewrap: a watchdog)
    processes: int = 64            # processes and threads of the user (RLIMIT_NPROC)
    cpu_seconds: int = 240         # CPU time of each process (RLIMIT_CPU)
    file_mb: int = 64              # size of any one file written (RLIMIT_FSIZE)
    tmp_mb: int = 256              # the sandbox's own /tmp (bubblewrap only)

    def rlimits(self) -> dict:
        return {"RLIMIT_AS": self.memory_mb * 2 ** 20, "RLIMIT_NPROC": self.processes,
                "RLIMIT_CPU": self.cpu_seconds, "RLIMIT_FSIZE": self.file_mb * 2 ** 20,
                "RLIMIT_CORE": 0}


# Runs first inside the sandbox (or the child process): limits, then the user, then the kernel.
LAUNCHER = r"""
import os, sys, json
limits = json.loads(sys.argv[1])
try:
    import resource
    for name, value in limits.items():
        resource.setrlimit(getattr(resource, name), (value, value))
except ImportError:
    pass
if hasattr(os, "getuid") and os.getuid() == 0 and sys.argv[2] != "keep":
    os.setgroups([])
    os.setgid(int(sys.argv[2]))
    os.setuid(int(sys.argv[2]))
os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *sys.argv[3:]])
"""

KERNEL_ARGS = ["--HistoryManager.enabled=False", "--IPKernelApp.matplotlib=None"]


@dataclass
class Isolation:
    """How kernels are isolated in this run (decided once, by :func:`prepare`)."""

    mode: str                      # "bwrap", "reaper" or "plain"
    package_copy: Path | None      # the handout copy of coursekit the kernel sees
    package_dir: Path              # where coursekit lives on this machine
    datasets_dir: Path
    exposed: list = field(default_factory=list)
    drop_user: bool = False
    fontlist: Path | None = None
    note: str = ""

    @property
    def transport(self) -> str:
        return "ipc" if self.mode == "bwrap" else "tcp"


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def python_paths() -> list[Path]:
    """Folders a kernel needs to start Python with this installation's packages."""
    import site

    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
             Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
             Path(os.path.realpath(sys.executable)).parent}
    user_site = site.getusersitepackages() if site.ENABLE_USER_SITE else None
    if user_site and user_site in sys.path:
        paths.add(Path(user_site))
    kept = sorted(p for p in paths if p.exists() and not _under_system(p))
    return [p for p in kept if not any(q != p and q in p.parents for q in kept)]


def _under_system(path: Path) -> bool:
    """True for a path the sandbox already shows read-only (``/usr/...``, ``/etc/...``)."""
    real = os.path.realpath(path)
    return any(real == d or real.startswith(d + "/") for d in map(os.path.realpath, SYSTEM_DIRS))


def _fontlist() -> Path | None:
    """Matplotlib's font cache, so each kernel need not rebuild it (a second or two each)."""
    cache = os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "matplotlib")
    found = sorted(Path(cache).glob("fontlist-v*.json")) if Path(cache).is_dir() else []
    return found[-1] if found else None


NO_SANDBOX = ("reaper", "none")   # values of ``prefer`` that ask for no sandbox on purpose


def prepare(work: Path, package_copy: Path | None, prefer: str | None = None) -> Isolation:
    """Choose the isolation for this run and check that it really starts Python.

    Fails closed: without ``prefer="none"`` (``--no-sandbox``), a machine where
    the sandbox cannot run is an error that names the cause, never a silent
    run without isolation.
    """
    import coursekit
    from coursekit.data import _data_dir

    package_dir = Path(coursekit.__file__).resolve().parent
    isolation = Isolation("plain", package_copy, package_dir, _data_dir().resolve(),
                          exposed=python_paths(), fontlist=_fontlist())
    if prefer in NO_SANDBOX:
        return _without_sandbox(isolation)
    if not sys.platform.startswith("linux"):
        fail(f"{sys.platform} 上没有沙箱，作业的代码能读写你的文件。确实要这样批改，请加 --no-sandbox。",
             f"There is no sandbox on {sys.platform}; pass --no-sandbox to grade without one.")
    if not shutil.which("bwrap"):
        fail("未安装 bubblewrap，不能在沙箱里批改（apt-get install bubblewrap）。"
             "确实要在没有隔离的情况下批改，请加 --no-sandbox。",
             "bubblewrap is not installed (apt-get install bubblewrap); "
             "pass --no-sandbox to grade without a sandbox.")
    works, why = _bwrap_works(isolation, work)
    if not works:
        fail(f"已安装 bubblewrap，但沙箱里的 Python 启动失败，没有批改：{why}",
             f"bubblewrap is installed but Python does not start in the sandbox; "
             f"nothing was graded: {why}")
    isolation.mode, isolation.drop_user = "bwrap", _is_root()
    return isolation


def _without_sandbox(isolation: Isolation) -> Isolation:
    """``--no-sandbox``: the fallback, with a note that goes into every gradebook row."""
    if not sys.platform.startswith("linux"):
        isolation.note = f"没有沙箱（--no-sandbox，{sys.platform}）：只限制时间、输出和进程树"
        return isolation
    isolation.mode = "reaper"
    isolation.drop_user = _is_root() and _nobody_can_run_python(isolation)
    missing = "未安装 bubblewrap；" if not shutil.which("bwrap") else ""
    isolation.note = (f"没有沙箱（--no-sandbox）：{missing}内核没有隔离文件系统和网络"
                      + ("" if isolation.drop_user or not _is_root() else "，并以 root 身份运行"))
    return isolation


def uid_range(pid: int | None = None) -> range:
    """The uids the sandboxes of one grader process may use (two graders never share one)."""
    start = SANDBOX_UID_BASE + ((os.getpid() if pid is None else pid) % 100_000) * 64
    return range(start, start + 64)


def free_uids(count: int) -> list[int]:
    """``count`` uids of this grader's range that no account on this machine uses."""
    import pwd

    found, uid = [], uid_range().start
    while len(found) < count and uid < uid_range().stop:
        try:
            pwd.getpwuid(uid)
        except KeyError:
            found.append(uid)
        uid += 1
    return found


def bwrap_command(isolation: Isolation, kernel_file: Path | None, limits: Limits,
                  argv: list[str], uid: int = NOBODY, info_fd: int | None = None) -> list:
    """The bubblewrap command line that runs ``python -c LAUNCHER argv`` in a fresh sandbox.

    Everything the kernel can write is a size-limited tmpfs (``/tmp``, which holds
    ``/tmp/run`` for its sockets, and ``/dev/shm``), never the grader's disk;
    the connection file is bound read-only. ``info_fd`` receives bwrap's JSON
    with the sandbox's ``child-pid``, through which the grader reaches the sockets.
    """
    command = ["bwrap", "--die-with-parent", "--new-session", "--unshare-pid",
               "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    if _is_root():
        command += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        command += ["--unshare-user"]
    for system in SYSTEM_DIRS:
        command += ["--ro-bind-try", system, system]
    # the kernel's own /tmp and HOME; writable by it whichever user it runs as
    command += ["--proc", "/proc", "--dev", "/dev",
                "--perms", "1777", "--size", str(16 * 2 ** 20), "--tmpfs", "/dev/shm",
                "--perms", "1777", "--size", str(limits.tmp_mb * 2 ** 20), "--tmpfs", INSIDE_TMP,
                "--perms", "0777", "--dir", INSIDE_HOME,
                "--perms", "0777", "--dir", f"{INSIDE_HOME}/.mpl",
                "--perms", "0777", "--dir", INSIDE_RUN]
    command += _read_only_mounts(isolation)
    if isolation.fontlist is not None:
        command += ["--ro-bind", str(isolation.fontlist),
                    f"{INSIDE_HOME}/.mpl/{isolation.fontlist.name}"]
    if kernel_file is not None:
        command += ["--ro-bind", str(kernel_file), f"{INSIDE_RUN}/kernel.json"]
    if info_fd is not None:
        command += ["--info-fd", str(info_fd)]
    # the sandbox's own root (a tmpfs holding the mount points) becomes read-only too
    command += ["--remount-ro", "/", "--clearenv"]
    # the handout copy is found by path, however the grader found its own coursekit
    inside = {**kernel_environment(INSIDE_HOME, INSIDE_TMP),
              "PYTHONPATH": str(isolation.package_dir.parent),
              "COURSEKIT_DATA": str(isolation.datasets_dir)}
    for name, value in inside.items():
        command += ["--setenv", name, value]
    command += ["--chdir", INSIDE_HOME, "--", sys.executable, "-c", LAUNCHER,
                json.dumps(limits.rlimits()), str(uid) if isolation.drop_user else "keep", *argv]
    return command


def _read_only_mounts(isolation: Isolation) -> list:
    """Python, the datasets and the handout copy of coursekit, read-only, with their parents."""
    mounts = [(p, p) for p in isolation.exposed] + [(isolation.datasets_dir,
                                                     isolation.datasets_dir)]
    if isolation.package_copy is not None:
        mounts.append((isolation.package_copy, isolation.package_dir))
    made, args = set(), []
    for source, target in sorted(mounts, key=lambda m: len(m[1].parts)):
        for parent in reversed(target.parents):
            if str(parent) != "/" and parent not in made and not _under_system(parent):
                args += ["--perms", "0755", "--dir", str(parent)]  # else bwrap makes it 0700
                made.add(parent)
        args += ["--ro-bind", str(source), str(target)]
        made.add(target)
    return args


def kernel_environment(home: str, tmp: str) -> dict:
    """A clean environment: own HOME, IPython and Jupyter folders, no user site, one thread."""
    path = os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin",
                            "/bin"])
    env = {"HOME": home, "USERPROFILE": home, "IPYTHONDIR": f"{home}/.ipython",
           "JUPYTER_CONFIG_DIR": f"{home}/.jupyter", "JUPYTER_DATA_DIR": f"{home}/.jupyter-data",
           "JUPYTER_RUNTIME_DIR": f"{home}/.jupyter-runtime", "MPLCONFIGDIR": f"{home}/.mpl",
           "MPLBACKEND": "agg", "TMPDIR": tmp, "TEMP": tmp, "TMP": tmp, "PATH": path,
           "LANG": "C.UTF-8", "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONIOENCODING": "utf-8", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2", "JUPYTER_PLATFORM_DIRS": "1",
           "COURSEKIT_GRADER_PID": str(os.getpid())}
    for name in ("SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT"):  # Windows needs these to start
        if name in os.environ:
            env[name] = os.environ[name]
    return env


_PROBED: dict = {}


def _bwrap_works(isolation: Isolation, work: Path) -> tuple[bool, str]:
    """Does Python start in the sandbox here, and if not, why? (Asked once per setup.)"""
    key = (tuple(isolation.exposed), isolation.package_dir, isolation.datasets_dir)
    if key not in _PROBED:
        _PROBED[key] = _probe_bwrap(isolation, work)
    return _PROBED[key]


def _probe_bwrap(isolation: Isolation, work: Path) -> tuple[bool, str]:
    command = bwrap_command(isolation, None, Limits(), [])
    command[command.index("-c") + 1] = (  # starts Python, no kernel
        "import sys, coursekit, pandas\n"
        f"sys.exit(0 if coursekit.__file__.startswith({str(isolation.package_dir)!r}) "
        "else 'coursekit found outside the handout copy: ' + coursekit.__file__)")
    del command[command.index("-c") + 2:]
    try:
        done = subprocess.run(command, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return False, f"{type(error).__name__}: {error}"
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return done.returncode == 0, (lines[-1] if lines else f"exit status {done.returncode}")


def _nobody_can_run_python(isolation: Isolation) -> bool:
    try:
        done = subprocess.run([sys.executable, "-c", "import pandas"], capture_output=True,
                              timeout=60, preexec_fn=_drop_to_nobody)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _drop_to_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


# ------------------------------------------------------------------ one sandbox

class Sandbox:
    """One submission's kernel: started with :meth:`start`, ended with :meth:`close`."""

    def __init__(self, isolation: Isolation, folder: Path, limits: Limits, uid: int = NOBODY):
        self.isolation, self.folder, self.limits, self.uid = isolation, folder, limits, uid
        self.run_dir = folder / "run"
        self.process: subprocess.Popen | None = None
        self.connection: dict = {}
        self.child: int | None = None     # bubblewrap: the sandbox's first process
        self.next_memory_check = 0.0

    def start(self) -> dict:
        """Start the kernel; return the connection info the grader connects with."""
        from jupyter_client.connect import write_connection_file

        self.run_dir.mkdir(parents=True)
        inside = self.isolation.mode == "bwrap"
        kernel_file = self.run_dir / "kernel.json"
        if self.isolation.transport == "ipc":
            info = {"transport": "ipc", "ip": f"{INSIDE_RUN}/k", "shell_port": 1,
                    "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                    "key": os.urandom(16).hex(), "signature_scheme": "hmac-sha256"}
            kernel_file.write_text(json.dumps(info), encoding="utf-8")
            self.connection = dict(info)
        else:
            write_connection_file(str(kernel_file), ip="127.0.0.1", transport="tcp")
            self.connection = json.loads(kernel_file.read_text(encoding="utf-8"))
        kernel_file.chmod(0o644)
        argv = ["-f", f"{INSIDE_RUN}/kernel.json" if inside else str(kernel_file), *KERNEL_ARGS]
        if not inside:
            command, options = self._plain_command(argv)
            self._launch(command, options)
            return self.connection
        read_end, write_end = os.pipe()
        try:
            command = bwrap_command(self.isolation, kernel_file, self.limits, argv, self.uid,
                                    info_fd=write_end)
            self._launch(command, {"pass_fds": (write_end,)})
            os.close(write_end)
            write_end = None
            child = self.child = _child_pid(read_end)
        finally:
            os.close(read_end)
            if write_end is not None:
                os.close(write_end)
        # the sockets live in the sandbox's own tmpfs; the grader reaches them through /proc
        self.connection["ip"] = f"/proc/{child}/root{INSIDE_RUN}/k"
        return self.connection

    def _launch(self, command, options) -> None:
        with REAPER.lock:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                            close_fds=True, **options)
            REAPER.live.add(self.process.pid)

    def _plain_command(self, argv):
        home = self.folder / "home"
        (home / ".mpl").mkdir(parents=True)
        if self.isolation.fontlist is not None:
            shutil.copy(self.isolation.fontlist, home / ".mpl" / self.isolation.fontlist.name)
        env = kernel_environment(str(home), str(home))
        env["COURSEKIT_DATA"] = str(self.isolation.datasets_dir)
        drop = self.isolation.drop_user
        if drop:
            os.chmod(self.folder.parent, 0o711)  # nobody may pass through to its own folder
            for path in [self.folder, *self.folder.rglob("*")]:
                os.chown(path, self.uid, self.uid)
        options = {"cwd": str(home), "env": env}
        if os.name == "nt":  # no rlimits, and os.execv would detach the kernel from us
            options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
            return [sys.executable, "-m", "ipykernel_launcher", *argv], options
        options["start_new_session"] = True
        return [sys.executable, "-c", LAUNCHER, json.dumps(self.limits.rlimits()),
                str(self.uid) if drop else "keep", *argv], options

    def over_memory(self) -> bool:
        """Whether all processes of the sandbox together hold more than ``memory_mb``.

        RLIMIT_AS is per process; forks could add up far beyond it. Checked at
        most every quarter second, so a burst can overshoot for that long.
        """
        now = time.monotonic()
        if self.child is None or now < self.next_memory_check:
            return False
        self.next_memory_check = now + 0.25
        return resident_mb(self.child) > self.limits.memory_mb

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def close(self) -> None:
        """End the kernel and everything it started; never raises."""
        process = self.process
        if process is None:
            return
        try:
            if self.isolation.mode == "bwrap":
                process.kill()          # the namespace's init dies, and with it every process
            elif os.name == "nt" or sys.platform == "darwin":
                _kill_tree(process.pid)
            else:
                _kill_group(process.pid)
            process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            pass
        with REAPER.lock:
            REAPER.live.discard(process.pid)
        if self.isolation.mode == "reaper":
            REAPER.reap()


def resident_mb(root: int) -> float:
    """Resident memory (MB) of process ``root`` and all its descendants.

    In a PID namespace, orphans (``setsid``, double fork) are adopted by its first
    process, so the descendants of the sandbox's first process are all of it.
    Pages shared after a fork count once per process (an overestimate).
    """
    pages, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen or pid <= 0:
            continue
        seen.add(pid)
        try:
            pages += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return pages * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


def _child_pid(read_end: int) -> int:
    """The sandbox's first process, from the JSON bwrap writes to its ``--info-fd``."""
    text = b""
    while not text.rstrip().endswith(b"}"):
        chunk = os.read(read_end, 4096)  # bwrap writes it at once, or exits and closes the pipe
        if not chunk:
            break
        text += chunk
    try:
        return int(json.loads(text)["child-pid"])
    except (ValueError, KeyError, TypeError):
        return -1  # bwrap failed to start: the kernel never comes up, which run.py reports


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _kill_tree(pid: int) -> None:
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            parent = psutil.Process(pid)
            for child in parent.children(recursive=True):
                child.kill()
            parent.kill()
        except psutil.Error:
            pass
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        pass


class _Reaper:
    """Without bubblewrap on Linux: adopt orphaned processes and kill them."""

    def __init__(self):
        self.lock = threading.Lock()
        self.live: set[int] = set()
        self.enabled = False

    def enable(self) -> None:
        if self.enabled or not sys.platform.startswith("linux"):
            return
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        self.enabled = libc.prctl(36, 1, 0, 0, 0) == 0   # PR_SET_CHILD_SUBREAPER

    def children(self) -> set[int]:
        found = set()
        for task in Path("/proc/self/task").iterdir():
            try:
                found |= {int(p) for p in (task / "children").read_text().split()}
            except OSError:
                pass
        return found

    def reap(self) -> None:
        """Kill every adopted child that is not a running kernel of this run."""
        if not self.enabled:
            return
        with self.lock:
            for pid in self.children() - self.live:
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, os.WNOHANG)
                except (OSError, ChildProcessError):
                    pass


REAPER = _Reaper()


def make_work_dir() -> Path:
    """The run's private temp folder (0700): staging, sandboxes, the handout package copy.

    A run killed outright (``kill -9``, a power cut) cannot clean up after itself; the
    next run removes such folders, recognised by the process id they record.
    """
    remove_stale_work_dirs()
    work = Path(tempfile.mkdtemp(prefix=RUN_PREFIX))
    (work / "owner.pid").write_text(str(os.getpid()), encoding="ascii")
    return work


def remove_tree(path: Path) -> None:
    """Delete a folder even where a submission played with permissions (mode 000 folders).

    ``shutil.rmtree`` cannot list a folder it may not read; each folder is made
    ``rwx`` for its owner before it is entered (top-down walk). Never follows links.
    """
    path = Path(path)
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
        return
    _owner_rwx(path)
    for top, folders, _ in os.walk(path):
        for name in folders:
            _owner_rwx(Path(top) / name)
    shutil.rmtree(path, ignore_errors=True)


def _owner_rwx(folder: Path) -> None:
    try:
        if not folder.is_symlink():
            os.chmod(folder, 0o700)
    except OSError:
        pass  # not ours (a root-run sandbox's uid): root needs no permission anyway


def remove_work_dir(work: Path) -> list[Path]:
    """Delete the run's temp folder; ``owner.pid`` goes last, so leftovers stay recognisable.

    Returns what could not be removed (the next run tries again, see
    :func:`remove_stale_work_dirs`).
    """
    for entry in list(Path(work).iterdir()):
        if entry.name != "owner.pid":
            remove_tree(entry)
    left = [entry for entry in Path(work).iterdir() if entry.name != "owner.pid"]
    if not left:
        remove_tree(work)
    return left


def remove_stale_work_dirs() -> list[Path]:
    """Delete the temp folders of grading runs whose process is gone."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(RUN_PREFIX + "*"):
        try:
            owner = int((folder / "owner.pid").read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue  # not ours, or being created right now
        if not _process_exists(owner) and not remove_work_dir(folder):
            removed.append(folder)
    return removed


def _process_exists(pid: int) -> bool:
    if os.name == "nt":
        try:
            import psutil
        except ImportError:
            return True
        return psutil.pid_exists(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
