"""Re-run the course notebooks and store their outputs (``python -m coursekit refresh``).

nbval compares each notebook with its stored outputs, so after changing a
notebook or the library an author runs this once: it executes every
instructor notebook in place, rebuilds the student edition in ``student/``
and executes that too. It also gives every cell its slide type from the
headings (:func:`~coursekit.teacher.publish.slide_metadata.add_slide_metadata`),
so the class decks read well. Run it twice and nothing may change: a notebook whose
outputs differ between runs has a determinism bug.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from .edition import (NOTEBOOKS_DIR, STUDENT_DIR, course_notebooks, student_notebook, unit_of,
                      write_notebook)
from .publish.slide_metadata import add_slide_metadata


# Widgets are named by uuid4 in the kernel; drawn from a seeded generator instead, a re-run
# stores the same names, so refreshing an unchanged notebook changes no byte of it.
_SAME_WIDGET_IDS = """
def _same_ids():
    import random, uuid
    draw = random.Random(0).getrandbits
    uuid.uuid4 = lambda: uuid.UUID(int=draw(128), version=4)
_same_ids()
del _same_ids
"""


def execute(path: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Execute one notebook in a fresh kernel, working directory = its folder."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})

    async def seed_widget_ids(notebook):
        # silent: no execution count, no output; the notebook's cells start at In [1]
        reply = await client.async_wait_for_reply(
            client.kc.execute(_SAME_WIDGET_IDS, silent=True, store_history=False))
        if reply is None or reply["content"]["status"] != "ok":
            raise RuntimeError(f"could not seed the widget ids: {reply}")

    client.on_notebook_start = seed_widget_ids
    client.execute()
    return notebook


def refresh(names: list[str] | None = None, source_dir=NOTEBOOKS_DIR,
            student_dir=STUDENT_DIR, log=print) -> None:
    """Execute the chosen (default: all) notebooks of both editions and store outputs.

    Only the chosen notebooks are touched, so two authors refreshing different
    notebooks at the same time do not overwrite each other's work.
    """
    wanted = set(names or [])
    for path in course_notebooks(source_dir):
        if wanted and path.name not in wanted and path.stem not in wanted:
            continue
        log(f"运行教师版 (running instructor edition) {path.name}")
        instructor = add_slide_metadata(execute(path))   # slide breaks from the headings
        write_notebook(instructor, path)
        student_path = Path(student_dir) / path.name
        write_notebook(student_notebook(nbformat.read(path, as_version=4), unit_of(path)),
                       student_path)
        log(f"运行学生版 (running student edition) {path.name}")
        write_notebook(execute(student_path), student_path)
