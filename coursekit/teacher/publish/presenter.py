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

import subprocess
import sys
import webbrowser
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


def presenter_command(notebook, port: int = 8866, open_browser: bool = False) -> list[str]:
    """The Voila command that serves ``notebook`` with code hidden, on 127.0.0.1 only.

    Examples
    --------
    >>> presenter_command("student/u01_customer_basics.ipynb", port=9000)[1:3]
    ['-m', 'voila']
    """
    if not isinstance(port, int) or not 0 < port < 65536:
        fail(f"端口 port 应该是 1–65535 之间的整数，现在是 {port!r}。",
             f"port must be an integer from 1 to 65535, got {port!r}.")
    return [sys.executable, "-m", "voila", str(notebook), f"--port={port}",
            "--Voila.ip=127.0.0.1", "--strip_sources=True", "--theme=light",
            "--VoilaConfiguration.show_tracebacks=True",
            "--Voila.open_browser=False", *([] if open_browser else ["--no-browser"])]


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
    process = subprocess.Popen(presenter_command(notebook, port), cwd=notebook.parent)
    if open_browser:
        webbrowser.open(url)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
