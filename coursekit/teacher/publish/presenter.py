"""Presenter mode: a notebook's live demos on the projector, code hidden (Voila).

``python3 course.py present u01`` (or ``python -m coursekit present u01``)
runs the unit's notebook in a fresh kernel and shows it as a web page: text,
tables, charts and working sliders, no code cells. Moving a slider recomputes
the demo in the kernel, exactly as in JupyterLab.

RISE (slides inside JupyterLab) is not used: its slideshow does not draw
ipywidgets. Voila serves only on this computer (127.0.0.1); everything it
loads comes from the installed packages, so it works without internet.

By default the **student** edition is shown: exercises show ⏳, so no reference
answer appears on the projector. ``--teacher`` shows the instructor edition.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import socket
import tempfile
import time
import webbrowser
from contextlib import contextmanager
from pathlib import Path

from ..._validate import fail
from ..edition import NOTEBOOKS_DIR, STUDENT_DIR, course_notebooks, unit_of


def find_notebook(name: str, folder=STUDENT_DIR) -> Path:
    """The notebook ``name`` means: a unit (``u01``), a stem, a file name or a path.

    Examples
    --------
    >>> find_notebook("u01").name
    'u01_customer_basics.ipynb'
    >>> find_notebook("case_dhl.ipynb").name
    'case_dhl.ipynb'
    """
    path = Path(name)
    if path.suffix == ".ipynb" and path.exists():
        return path.resolve()
    notebooks = course_notebooks(folder)
    for notebook in notebooks:
        if name in (notebook.name, notebook.stem, unit_of(notebook)):
            return notebook
    names = ", ".join(unit_of(p) for p in notebooks) or "（没有笔记本）"
    fail(f"找不到笔记本 {name}。可以用单元名，例如：{names}",
         f"No notebook called {name}. Use a unit name, one of: {names}")


TEMPLATE = "coursekit-offline"


@contextmanager
def offline_template():
    """Yield a ``JUPYTER_PATH`` folder holding Voila's ``lab`` template minus its CDN links.

    Voila 0.5's page links two Font Awesome style sheets from a public CDN
    (its own bundle already carries the icons). On a school network that
    drops such requests the page stays blank until the browser gives up, so
    the presenter uses a copy of the installed template without those lines,
    made fresh each time so it always matches the installed Voila.
    """
    from jupyter_core.paths import jupyter_path

    sources = [Path(p) / "lab" / "index.html.j2" for p in jupyter_path("voila", "templates")]
    source = next((p for p in sources if p.exists()), None)
    if source is None:
        fail("找不到 Voila 的 lab 模板，请重新安装：pip install -e \".[publish]\"。",
             "Voila's lab template is missing; reinstall with pip install -e \".[publish]\".",
             RuntimeError)
    kept = [line for line in source.read_text(encoding="utf-8").splitlines(keepends=True)
            if "://" not in line or "<link" not in line]
    with tempfile.TemporaryDirectory(prefix="coursekit-voila-") as root:
        folder = Path(root) / "voila" / "templates" / TEMPLATE
        folder.mkdir(parents=True)
        (folder / "conf.json").write_text(json.dumps({"base_template": "lab"}), encoding="utf-8")
        (folder / "index.html.j2").write_text("".join(kept), encoding="utf-8")
        yield Path(root)


def presenter_command(notebook, port: int = 8866) -> list[str]:
    """The Voila command that serves ``notebook`` with code hidden, on 127.0.0.1 only.

    Run it with the environment :func:`presenter_env` gives (the offline template).

    Examples
    --------
    >>> presenter_command("student/u01_customer_basics.ipynb", port=9000)[1:3]
    ['-m', 'voila']
    """
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        fail(f"端口 port 应该是 1–65535 之间的整数，现在是 {port!r}。",
             f"port must be an integer from 1 to 65535, got {port!r}.")
    return [sys.executable, "-m", "voila", str(notebook), f"--port={port}",
            "--Voila.ip=127.0.0.1", "--strip_sources=True", "--theme=light",
            f"--template={TEMPLATE}", "--VoilaConfiguration.show_tracebacks=True",
            "--no-browser"]


def presenter_env(template_root) -> dict:
    """The environment for :func:`presenter_command`: the offline template on JUPYTER_PATH."""
    paths = [str(template_root), os.environ.get("JUPYTER_PATH", "")]
    return {**os.environ, "JUPYTER_PATH": os.pathsep.join(p for p in paths if p)}


def wait_until_serving(port: int, timeout: float = 120) -> bool:
    """Wait until something listens on 127.0.0.1:``port`` (True) or ``timeout`` passes (False).

    Only the port is tried: each request for the page itself runs the notebook.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def present(name: str, port: int = 8866, open_browser: bool = True, teacher: bool = False) -> int:
    """Serve one notebook in presenter mode until Ctrl+C; returns Voila's exit code."""
    import importlib.util

    if importlib.util.find_spec("voila") is None:
        fail("演示模式需要 Voila：请先运行 pip install -e \".[publish]\"。",
             "Presenter mode needs Voila: pip install -e \".[publish]\" first.", RuntimeError)
    folder = NOTEBOOKS_DIR if teacher else STUDENT_DIR
    notebook = find_notebook(name, folder)
    url = f"http://127.0.0.1:{port}/"
    print(f"演示模式 (presenter mode): {notebook.name} → {url}  按 Ctrl+C 结束 (Ctrl+C to stop)")
    with offline_template() as root:
        process = subprocess.Popen(presenter_command(notebook, port), cwd=notebook.parent,
                                   env=presenter_env(root))
        try:
            if open_browser and wait_until_serving(port, timeout=60):
                webbrowser.open(url)
            return process.wait()
        except KeyboardInterrupt:
            process.terminate()
            return process.wait()
