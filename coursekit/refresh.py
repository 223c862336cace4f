"""Re-run the course notebooks and store their outputs (``python -m coursekit refresh``).

nbval compares each notebook with its stored outputs, so after changing a
notebook or the library an author runs this once: it executes every
instructor notebook in place, rebuilds the student edition in ``student/``
and executes that too. Run it twice and nothing may change: a notebook whose
outputs differ between runs has a determinism bug.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from .edition import (NOTEBOOKS_DIR, STUDENT_DIR, build_student_edition, course_notebooks,
                      write_notebook)


def execute(path: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Execute one notebook in a fresh kernel, working directory = its folder."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def refresh(names: list[str] | None = None, source_dir=NOTEBOOKS_DIR,
            student_dir=STUDENT_DIR, log=print) -> None:
    """Execute the chosen (default: all) notebooks of both editions and store outputs."""
    wanted = set(names or [])
    build_student_edition(student_dir, source_dir)
    for folder in (Path(source_dir), Path(student_dir)):
        for path in course_notebooks(folder):
            if wanted and path.name not in wanted and path.stem not in wanted:
                continue
            log(f"运行 (running) {path.relative_to(folder.parent)}")
            write_notebook(execute(path), path)
