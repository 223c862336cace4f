"""The folder students receive: ``python -m coursekit handout OUT_DIR``.

A handout is the course as a student needs it, with nothing that holds or
computes a reference answer:

=====================  ====================================================
in the handout         why
=====================  ====================================================
``student/``           the student edition (answers replaced by ``...``)
``datasets/``          the data every notebook reads
``coursekit/``         the library, **without** ``coursekit/questions/``
                       (the bank, whose functions compute the answers), plus
                       ``coursekit/answer_key.json``: salted slow hashes that
                       let ``check()`` say ✅/❌ without knowing the answer
``course.py`` …        ``README.md``, ``pyproject.toml`` (its package list
                       without the bank), ``environment.yml``
=====================  ====================================================

Left out: ``notebooks/`` (the instructor edition), ``tests/`` and
``benchmarks/`` (they hold reference answers), ``docs/`` (the teacher guide).
Questions built with ``graded_only=True`` are in the key only as "judged when
the teacher grades".

The folder is built beside ``OUT_DIR`` and moved into place when complete.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from .._validate import fail
from .edition import NOTEBOOKS_DIR, ROOT, STUDENT_DIR, course_notebooks, student_notebook, \
    unit_of, write_notebook

KEY_NAME = "answer_key.json"
TOP_FILES = ("course.py", "README.md", "pyproject.toml", "environment.yml", "LICENSE")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints")


def answer_key(iterations: int | None = None, questions: dict | None = None) -> dict:
    """The hashed key of every question in the bank (graded-only ones only by name)."""
    from .. import _answerkey
    from ..questions import QUESTIONS

    questions = QUESTIONS if questions is None else questions
    specs = {qid: q.spec() for qid, q in questions.items() if not q.graded_only}
    hidden = {qid: q.hint for qid, q in questions.items() if q.graded_only}
    return _answerkey.build_key(specs, iterations or _answerkey.BASE_ITERATIONS,
                                graded_only=hidden)


def handout_pyproject(text: str) -> str:
    """The course's pyproject.toml without the bank's package, with the key as package data."""
    text = re.sub(r'"coursekit\.questions[\w.]*",\s*', "", text)
    if "[tool.setuptools.package-data]" not in text:
        text = text.replace("[tool.setuptools]\n", "[tool.setuptools.package-data]\n"
                            f'coursekit = ["{KEY_NAME}"]\n\n[tool.setuptools]\n', 1)
    return text


def copy_package(target: Path, key: dict | None, bytecode: bool = False) -> Path:
    """Copy ``coursekit`` without its question bank, and write ``key`` into it (if given).

    ``bytecode`` keeps the compiled ``__pycache__`` files (the grader's read-only copy,
    so that each sandboxed kernel need not compile the package again).
    """
    from .. import _answerkey

    package = Path(__file__).resolve().parents[1]
    skipped = ["questions", KEY_NAME, ".ipynb_checkpoints"]
    if not bytecode:
        skipped += ["__pycache__", "*.pyc"]
    shutil.copytree(package, target, ignore=shutil.ignore_patterns(*skipped))
    if key is not None:
        _answerkey.write_key(key, target / KEY_NAME)
    return target


def _student_notebooks(target: Path, source_dir: Path) -> list[Path]:
    """The student edition: the stored, executed copy when it is current, else a fresh one."""
    import nbformat

    written = []
    for path in course_notebooks(source_dir):
        fresh = student_notebook(nbformat.read(path, as_version=4), unit_of(path))
        stored = STUDENT_DIR / path.name
        if stored.exists() and _same_sources(nbformat.read(stored, as_version=4), fresh):
            shutil.copy2(stored, target / path.name)
        else:  # outputs of the instructor run could show an answer: drop them all
            for cell in fresh.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            write_notebook(fresh, target / path.name)
        written.append(target / path.name)
    return written


def _same_sources(first, second) -> bool:
    def sources(nb):
        return [(c.cell_type, c.source) for c in nb.cells]

    return sources(first) == sources(second)


def build_handout(out_dir, iterations: int | None = None, source_root: Path = ROOT) -> Path:
    """Build the student handout folder (see the module docstring).

    Parameters
    ----------
    out_dir : path
        New folder to create; it must not exist yet (or be empty).
    iterations : int, optional
        PBKDF2 rounds of the answer key (default: the measured
        ``coursekit._answerkey.BASE_ITERATIONS``); tests pass a small number.

    Returns
    -------
    Path
        The handout folder.
    """
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        fail(f"{out} 已经存在且不是空文件夹；请换一个新的文件夹名。",
             f"{out} exists and is not an empty folder; choose a new folder.")
    if out.resolve() == source_root.resolve() or source_root.resolve() in out.resolve().parents:
        fail("讲义不能建在课程文件夹里面。", "The handout must not be built inside the course folder.")
    out.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".handout-", dir=out.parent))
    try:
        for name in TOP_FILES:
            if (source_root / name).exists():
                shutil.copy2(source_root / name, building / name)
        pyproject = building / "pyproject.toml"
        if pyproject.exists():
            pyproject.write_text(handout_pyproject(pyproject.read_text(encoding="utf-8")),
                                 encoding="utf-8")
        shutil.copytree(source_root / "datasets", building / "datasets", ignore=SKIP)
        copy_package(building / "coursekit", answer_key(iterations))
        (building / "student").mkdir()
        _student_notebooks(building / "student", NOTEBOOKS_DIR)
        leaks = find_leaks(building)
        if leaks:
            fail(f"讲义里仍有参考答案：{leaks[:5]}", f"The handout still holds answers: {leaks[:5]}")
        if out.exists():
            out.rmdir()
        os.replace(building, out)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return out


def find_leaks(folder: Path) -> list[str]:
    """Paths in a handout that hold or compute reference answers (should be none)."""
    folder = Path(folder)
    leaks = [str(p.relative_to(folder)) for p in folder.rglob("*")
             if p.name in ("questions", "notebooks", "tests") and p.is_dir()]
    for path in folder.rglob("*.ipynb"):
        if "BEGIN SOLUTION" in path.read_text(encoding="utf-8", errors="replace"):
            leaks.append(str(path.relative_to(folder)))
    return leaks
