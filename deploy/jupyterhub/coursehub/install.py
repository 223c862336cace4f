"""Build what the hub and the students' servers run: standard library only.

This part runs first, with the server's own ``python3``, before any package
is installed. It makes, under ``runtime_dir`` (default ``/opt/coursehub``):

- ``venv/``: one Python environment for the hub and every student's server:
  the course's dependencies plus the ``hub`` extra of ``pyproject.toml``
  (jupyterhub, nativeauthenticator, idle-culler, systemdspawner, nbgitpuller),
  JupyterLab in Chinese by default. It is re-installed only when that list changes.
- ``course/``: what students may read: the student edition, the datasets and
  the ``coursekit`` package, without the instructor edition. Its path is put on
  the environment's ``sys.path`` (a ``.pth`` file), so ``import coursekit``
  finds it and ``coursekit`` finds ``datasets/`` beside itself.
- ``proxy/``: configurable-http-proxy from npm, which JupyterHub starts.
- bubblewrap (``bwrap``, from apt when missing): grading runs each submission in it.

- ``teacher/`` (made once the teacher's account exists; group-readable by the
  teacher only): the full ``coursekit`` with its answer bank, for grading, which
  runs as the teacher's account with this folder first on ``PYTHONPATH``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import venv
from pathlib import Path

from .errors import HubError
from .settings import Settings

PROXY_PACKAGE = "configurable-http-proxy@~5.3.0"
COURSE_PARTS = ("coursekit", "datasets", "student", "README.md", "pyproject.toml")
TEACHER_PARTS = ("coursekit", "datasets", "notebooks", "student")
LAB_OVERRIDES = {  # the same choices as course.py makes for a teacher's own JupyterLab
    "@jupyterlab/translation-extension:plugin": {"locale": "zh_CN"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def say(message: str) -> None:
    print(f"[coursehub] {message}", flush=True)


def requirements(repo: Path) -> list[str]:
    """The course's dependencies plus the ``hub`` extra, read from pyproject.toml."""
    text = (repo / "pyproject.toml").read_text(encoding="utf-8")
    base = _toml_list(text, r"^dependencies\s*=\s*\[")
    hub = _toml_list(text, r"^hub\s*=\s*\[")
    if not base or not hub:
        raise HubError("pyproject.toml 里找不到 dependencies 或 hub 依赖列表。",
                       "pyproject.toml has no dependencies or hub extra list.")
    return base + hub


def _toml_list(text: str, start: str) -> list[str]:
    # Python 3.10 has no tomllib; these two lists are plain string arrays.
    match = re.search(start + r"(.*?)^\]", text, re.MULTILINE | re.DOTALL)
    return re.findall(r'"([^"]+)"', match.group(1)) if match else []


def world_usable(path: Path) -> bool:
    """Whether every student can reach and run ``path`` (each folder above it has o+x)."""
    real = path.resolve()
    return all(p.stat().st_mode & stat.S_IXOTH for p in [real, *real.parents])


def base_python() -> str:
    """A Python installation students may run: this one, unless it sits in a private folder
    (pyenv under /root, or a venv made from one), else the system's ``/usr/bin/python3``."""
    for prefix in (sys.base_prefix, "/usr"):
        python = Path(prefix, "bin", "python3")
        if python.exists() and world_usable(python) and world_usable(Path(prefix, "lib")):
            return str(python)
    raise HubError("找不到学生账号也能运行的 python3（请安装 Debian 的 python3 和 python3-venv）。",
                   "No python3 that student accounts can run: apt-get install python3 python3-venv.")


def ensure_runtime_venv(settings: Settings) -> None:
    python = base_python()
    stamp = {"requirements": requirements(Path(settings.repo)), "python": python}
    stamp_file = settings.venv / "coursehub-installed.json"
    old = json.loads(stamp_file.read_text()) if stamp_file.exists() else {}
    if old == stamp:
        return
    if old.get("python") != python:  # new, half-made, or made from another Python: build anew
        shutil.rmtree(settings.venv, ignore_errors=True)
        say(f"创建运行环境 (creating the runtime environment) {settings.venv} ← {python}")
        subprocess.run([python, "-m", "venv", str(settings.venv)], check=True)
    say("安装 JupyterHub、JupyterLab 和课程依赖，第一次需要几分钟 (installing, a few minutes the first time)")
    subprocess.run([str(settings.python), "-m", "pip", "install", "--quiet", *stamp["requirements"]], check=True)
    stamp_file.write_text(json.dumps(stamp))


def select_chinese(settings: Settings) -> None:
    folder = settings.venv / "share" / "jupyter" / "lab" / "settings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "overrides.json").write_text(json.dumps(LAB_OVERRIDES, indent=2), encoding="utf-8")


def _replace_folder(target: Path, build, owner_group: int = 0, private: bool = False) -> None:
    """Build a folder beside ``target`` with ``build(path)``, fix its modes, then swap it in."""
    fresh = target.with_name(target.name + ".new")
    old = target.with_name(target.name + ".old")
    shutil.rmtree(fresh, ignore_errors=True)
    build(fresh)
    dir_mode, file_mode = (0o750, 0o640) if private else (0o755, 0o644)
    for path in [fresh, *fresh.rglob("*")]:
        os.chown(path, 0, owner_group, follow_symlinks=False)
        if not path.is_symlink():
            os.chmod(path, dir_mode if path.is_dir() else file_mode)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _copy_parts(repo: Path, parts, into: Path) -> None:
    into.mkdir(parents=True)
    for part in parts:
        source = repo / part
        if source.is_dir():
            shutil.copytree(source, into / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy2(source, into / part)


def build_course_folder(settings: Settings) -> None:
    """The students' part of the course in ``runtime/course``: no instructor edition."""
    repo = Path(settings.repo)

    def build(fresh: Path) -> None:
        if _has_handout_command(settings, repo):
            say("生成学生发放包（不含答案）(building the handout without the answer key)")
            subprocess.run([str(settings.python), "-m", "coursekit", "handout", str(fresh)],
                           cwd=repo, env=_with_repo_code(repo), check=True)
        else:
            say("注意：这个版本的课程还没有 `coursekit handout` 命令，学生环境里的 coursekit 带有题库 "
                "(note: no `coursekit handout` yet; the students' coursekit includes the question bank)")
            _copy_parts(repo, COURSE_PARTS, fresh)

    _replace_folder(settings.course_dir, build)
    _put_on_path(settings)


def build_teacher_folder(settings: Settings) -> None:
    """The full ``coursekit`` (answer bank included) for grading: the teacher's group only."""
    import grp

    gid = grp.getgrnam(settings.teacher).gr_gid
    build = lambda fresh: _copy_parts(Path(settings.repo), TEACHER_PARTS, fresh)  # noqa: E731
    _replace_folder(Path(settings.runtime_dir) / "teacher", build, owner_group=gid, private=True)


def _with_repo_code(repo: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(repo)}


def _has_handout_command(settings: Settings, repo: Path) -> bool:
    result = subprocess.run([str(settings.python), "-m", "coursekit", "handout", "--help"], cwd=repo,
                            env=_with_repo_code(repo), capture_output=True)
    return result.returncode == 0


def _put_on_path(settings: Settings) -> None:
    site = subprocess.run([str(settings.python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "coursehub-course.pth").write_text(str(settings.course_dir) + "\n", encoding="utf-8")


def ensure_proxy(settings: Settings) -> None:
    if settings.proxy_command.exists():
        return
    if shutil.which("npm") is None:
        _apt_install("nodejs", "npm")
    say("安装 configurable-http-proxy (npm)")
    prefix = settings.proxy_command.parents[2]
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix),
                    PROXY_PACKAGE], check=True)


def ensure_sandbox() -> None:
    """bubblewrap, which ``coursekit grade`` runs every submission in; it refuses to grade without it."""
    if shutil.which("bwrap") is None:
        _apt_install("bubblewrap")


def _apt_install(*packages: str) -> None:
    if shutil.which("apt-get") is None:
        raise HubError(f"缺少 {' '.join(packages)}，请用系统的包管理器安装。",
                       f"Missing {' '.join(packages)}: install them with the system's package manager.")
    say(f"apt-get install {' '.join(packages)}")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], check=True)


def protect_repo(settings: Settings) -> None:
    """The teacher's course folder (instructor edition, answer bank) is closed to other accounts."""
    repo = Path(settings.repo)
    mode = repo.stat().st_mode
    if mode & 0o007:
        say(f"关闭其他账号对教师课程文件夹的访问 (closing {repo} to other accounts): chmod o-rwx")
        os.chmod(repo, mode & ~0o007)


def install_all(settings: Settings) -> None:
    """Everything ``up`` installs, each step skipped when already current."""
    if sys.platform != "linux":
        raise HubError("课堂服务器只能装在 Linux 服务器上。", "The classroom server needs Linux.")
    if os.geteuid() != 0:
        raise HubError("请用 root 运行（sudo）：要建立学生账号和资源限制。",
                       "Run as root (sudo): it creates accounts and resource limits.")
    runtime = Path(settings.runtime_dir)
    runtime.mkdir(parents=True, exist_ok=True)
    os.chmod(runtime, 0o755)
    if not world_usable(runtime):
        raise HubError(f"{runtime} 所在的文件夹学生账号进不去，请换一个位置（--runtime-dir）。",
                       f"Student accounts cannot reach {runtime}: choose another --runtime-dir.")
    ensure_runtime_venv(settings)
    select_chinese(settings)
    build_course_folder(settings)
    ensure_proxy(settings)
    ensure_sandbox()
    protect_repo(settings)
