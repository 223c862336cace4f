"""Set up and open the course, or set up and test it, with one command each.

    python3 course.py open          # 创建环境、安装依赖、打开 JupyterLab（落在开始笔记本）
    python3 course.py test          # 创建/更新同一个环境，运行全部测试
    python3 course.py present u01   # 演示模式：隐藏代码、控件可用（Voila），Ctrl+C 结束

Only the Python standard library is used here, so this runs on a fresh
machine with Python 3.10+ and nothing else. The isolated environment is
``.venv`` beside this file (set COURSE_VENV to put it elsewhere). It is
re-installed only when pyproject.toml changes.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("COURSE_VENV", ROOT / ".venv"))
WINDOWS = os.name == "nt"
BIN = VENV / ("Scripts" if WINDOWS else "bin")
PYTHON = BIN / ("python.exe" if WINDOWS else "python")
STAMP = VENV / "coursekit-installed.json"
PYTEST_ARGS = [
    # Two workers; a file's tests (a notebook's cells) stay on one worker, the tests that
    # share the built site and decks form one group, and the slowest groups start first
    # (tests/conftest.py ranks them; --no-loadscope-reorder keeps that order).
    "-n", "2", "--dist", "loadgroup", "--no-loadscope-reorder",
    "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/sanitize.cfg",
    "--nbval-kernel-startup-timeout", "300",  # a loaded machine once took over 60 s
    "-p", "no:cacheprovider",
    "tests", "coursekit", "notebooks", "student",
]


def say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def wanted_stamp(extras: str) -> dict:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return {"pyproject": digest, "extras": extras}


def ensure_environment(extras: str = "") -> None:
    """Create .venv if missing and install the course into it if out of date."""
    if sys.version_info < (3, 10):
        sys.exit("需要 Python 3.10 或更新版本 (Python 3.10+ is required).")
    if not PYTHON.exists():
        say(f"创建隔离环境 (creating the environment) {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = wanted_stamp(extras)
    current = json.loads(STAMP.read_text()) if STAMP.exists() else {}
    have_extras = set(filter(None, current.get("extras", "").split(",")))
    if current.get("pyproject") == stamp["pyproject"] and set(filter(None, extras.split(","))) <= have_extras:
        return
    target = f".[{extras}]" if extras else "."
    say("安装课程和依赖，第一次大约需要一两分钟 (installing, a minute or two the first time)")
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", target],
                   cwd=ROOT, check=True)
    stamp["extras"] = ",".join(sorted(have_extras | set(filter(None, extras.split(",")))))
    STAMP.write_text(json.dumps(stamp))
    select_chinese_interface()


def select_chinese_interface() -> None:
    """Make zh-CN JupyterLab's default language; a user can still switch back in 设置 → 语言."""
    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    overrides = {
        "@jupyterlab/translation-extension:plugin": {"locale": "zh_CN"},
        # Classrooms are often offline: don't ask about, or fetch, Jupyter news.
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                         "checkForUpdates": False},
    }
    (settings / "overrides.json").write_text(json.dumps(overrides, indent=2), encoding="utf-8")


def open_course(extra_args: list[str]) -> int:
    ensure_environment()
    student = "--student" in extra_args or not (ROOT / "notebooks").is_dir()  # a handed-out copy
    start = "student/00_start.ipynb" if student else "notebooks/00_start.ipynb"
    args = [a for a in extra_args if a != "--student"]
    if not WINDOWS and os.geteuid() == 0:
        args.append("--allow-root")  # JupyterLab refuses to start as root otherwise
    say(f"打开 JupyterLab (starting JupyterLab) → {start}；按 Ctrl+C 两次退出 (Ctrl+C twice to stop)")
    command = [str(PYTHON), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}", start, *args]
    return subprocess.call(command, cwd=ROOT)


def run_tests(extra_args: list[str]) -> int:
    ensure_environment("test")
    # Every kernel, grading run and CLI test imports coursekit. With PYTHONDONTWRITEBYTECODE
    # set (as on CI) Python would compile it from source in each of those processes.
    subprocess.call([str(PYTHON), "-m", "compileall", "-q", "coursekit"], cwd=ROOT,
                    stdout=subprocess.DEVNULL)
    say("运行全部测试 (running every test)")
    return subprocess.call([str(PYTHON), "-m", "pytest", *PYTEST_ARGS, *extra_args], cwd=ROOT)


def present(extra_args: list[str]) -> int:
    """Presenter mode: one notebook with code hidden and live widgets (Voila)."""
    ensure_environment("publish")
    if not extra_args:
        say("请写出要演示的单元，例如 python3 course.py present u01 (name a unit, e.g. u01)")
        return 2
    return subprocess.call([str(PYTHON), "-m", "coursekit", "present", *extra_args], cwd=ROOT)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"open", "test", "setup", "present"}:
        print(__doc__)
        return 2
    if argv[0] == "open":
        return open_course(argv[1:])
    if argv[0] == "test":
        return run_tests(argv[1:])
    if argv[0] == "present":
        return present(argv[1:])
    ensure_environment("test")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
