"""The README's `python3 course.py open` starts JupyterLab on the course, in Chinese."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "coursekit-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "course.py", "open", "--no-browser", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "COURSE_VENV": str(Path(sys.prefix))})
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 240  # a loaded machine starts JupyterLab slowly
    while time.time() < deadline:
        try:
            get_json(f"{base}/api/status?token={TOKEN}")
            break
        except OSError:
            time.sleep(0.5)
    else:
        os.killpg(process.pid, signal.SIGTERM)
        pytest.fail("JupyterLab did not start: " + process.stdout.read().decode(errors="replace"))
    yield base, process
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def test_opens_on_the_course_with_the_start_notebook(server):
    base, process = server
    model = get_json(f"{base}/api/contents/notebooks/00_start.ipynb?token={TOKEN}&content=0")
    assert model["name"] == "00_start.ipynb"


def test_chinese_interface_is_the_default(server):
    base, _ = server
    setting = get_json(f"{base}/lab/api/settings/@jupyterlab/translation-extension:plugin"
                       f"?token={TOKEN}")
    assert setting["schema"]["properties"]["locale"]["default"] == "zh_CN"
    packs = get_json(f"{base}/lab/api/translations/?token={TOKEN}")["data"]
    assert "zh_CN" in packs and "en" in packs  # a user can still switch back to English


def load_course_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("course", ROOT / "course.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("uid,expect_allow_root", [(0, True), (1000, False)])
def test_allow_root_only_as_root(monkeypatch, uid, expect_allow_root):
    course = load_course_module()
    launched = []
    monkeypatch.setattr(course, "ensure_environment", lambda extras="": None)
    monkeypatch.setattr(course.os, "geteuid", lambda: uid)
    monkeypatch.setattr(course.subprocess, "call", lambda command, cwd: launched.append(command) or 0)
    course.open_course(["--no-browser"])
    assert ("--allow-root" in launched[0]) is expect_allow_root
    assert "notebooks/00_start.ipynb" in launched[0]


def test_student_flag_opens_the_student_edition(monkeypatch):
    course = load_course_module()
    launched = []
    monkeypatch.setattr(course, "ensure_environment", lambda extras="": None)
    monkeypatch.setattr(course.subprocess, "call", lambda command, cwd: launched.append(command) or 0)
    course.open_course(["--student"])
    assert "student/00_start.ipynb" in launched[0] and "--student" not in launched[0]


def test_a_copy_without_the_instructor_edition_opens_the_student_one(monkeypatch, tmp_path):
    course = load_course_module()
    launched = []
    monkeypatch.setattr(course, "ROOT", tmp_path)  # a handed-out folder: student/ only
    monkeypatch.setattr(course, "ensure_environment", lambda extras="": None)
    monkeypatch.setattr(course.subprocess, "call", lambda command, cwd: launched.append(command) or 0)
    course.open_course([])
    assert "student/00_start.ipynb" in launched[0]
