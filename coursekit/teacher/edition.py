"""Instructor and student editions of the course notebooks.

Each notebook is written once, as the instructor edition in ``notebooks/``.
A reference answer sits between two marker lines::

    ### BEGIN SOLUTION
    n_a = (abc["abc_class"] == "A类").sum()
    ### END SOLUTION
    check("u01.n_a", n_a)

The student edition replaces the block with a placeholder that keeps the
answer's variable name, ``n_a = ...  # 在这里作答``, and clears that cell's
outputs. Run ``python -m coursekit student-edition OUT_DIR`` to build it.
"""
from __future__ import annotations

import ast
import os
import re
import tempfile
from pathlib import Path

from .._validate import fail

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"
STUDENT_DIR = ROOT / "student"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
PLACEHOLDER = "{name} = ...  # 在这里作答"
_BLOCK = re.compile(r"^([ \t]*)### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION[^\n]*(\n|$)",
                    re.MULTILINE | re.DOTALL)


def unit_of(path) -> str:
    """The exercise unit of a notebook file: ``u01_x.ipynb`` → ``u01``, ``00_start`` → ``u00``."""
    stem = Path(path).stem
    if stem.startswith("case_"):
        return stem
    if stem.startswith("00_"):
        return "u00"
    return stem.split("_")[0]


def assigned_names(code: str) -> list[str]:
    """Names bound at the top level of ``code``, in order of first binding."""
    names: list[str] = []
    for node in ast.parse(code).body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        else:
            continue
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name) and sub.id not in names:
                    names.append(sub.id)
    return names


def _placeholder(match: re.Match, rest_of_cell: str) -> str:
    indent, body = match.group(1), match.group(2)
    try:
        names = assigned_names(_dedent(body, indent))
    except SyntaxError as error:
        fail(f"答案块不是完整的 Python 代码：{error}", f"A solution block is not valid Python: {error}")
    if not names:
        fail("答案块里没有给任何变量赋值，学生版无法保留答案变量名。",
             "A solution block assigns no variable, so the student edition has no placeholder name.")
    used = [n for n in names if re.search(rf"\b{re.escape(n)}\b", rest_of_cell)]
    return "".join(indent + PLACEHOLDER.format(name=n) + "\n" for n in (used or names))


def _dedent(body: str, indent: str) -> str:
    return "\n".join(line[len(indent):] if line.startswith(indent) else line
                     for line in body.splitlines())


def strip_solutions(source: str) -> str:
    """Replace every solution block in a cell's source by its placeholder lines."""
    if BEGIN in source and not _BLOCK.search(source):
        fail("找到了 BEGIN SOLUTION 却没有配对的 END SOLUTION。",
             "Found BEGIN SOLUTION without a matching END SOLUTION.")
    while (match := _BLOCK.search(source)) is not None:
        rest = source[:match.start()] + source[match.end():]
        source = source[:match.start()] + _placeholder(match, rest) + source[match.end():]
    return source.rstrip("\n")


def is_instructor_only(cell) -> bool:
    """A markdown cell for teachers only: its first line names 参考要点 or 评分要点 and 教师版.

    Examples
    --------
    >>> is_instructor_only({"cell_type": "markdown", "source": "**参考要点（教师版）** 价格、服务"})
    True
    >>> is_instructor_only({"cell_type": "markdown", "source": "**思考题**：参考要点在哪里？"})
    False
    """
    if cell["cell_type"] != "markdown":
        return False
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    first_line = source.strip().split("\n", 1)[0]
    return "教师版" in first_line and ("参考要点" in first_line or "评分要点" in first_line)


def student_notebook(notebook, unit: str):
    """A student copy of one notebook: solutions replaced, their outputs cleared,
    instructor-only cells (:func:`is_instructor_only`) dropped."""
    import nbformat  # imported here: it takes most of a second and `import coursekit` stays fast

    student = nbformat.from_dict(notebook)
    student.cells = [cell for cell in student.cells if not is_instructor_only(cell)]
    for cell in student.cells:
        if cell.cell_type == "code" and BEGIN in cell.source:
            cell.source = strip_solutions(cell.source)
            cell.outputs = []
            cell.execution_count = None
    student.metadata["coursekit"] = {"edition": "student", "unit": unit}
    return student


def write_notebook(notebook, path: Path) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    import nbformat

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            nbformat.write(notebook, stream)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def course_notebooks(source_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The course notebooks in course order (start, units, cases)."""
    return sorted(Path(source_dir).glob("*.ipynb"))


def build_student_edition(out_dir, source_dir=NOTEBOOKS_DIR) -> list[Path]:
    """Write the student edition of every course notebook into ``out_dir``.

    Parameters
    ----------
    out_dir : path
        Folder for the student notebooks (created if missing; same file names).
    source_dir : path
        Folder of the instructor edition, ``notebooks/`` by default.

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> from coursekit.teacher.edition import build_student_edition
    >>> written = build_student_edition(tempfile.mkdtemp())
    >>> written[0].name
    '00_start.ipynb'
    """
    import nbformat

    source_dir, out_dir = Path(source_dir), Path(out_dir)
    sources = course_notebooks(source_dir)
    if not sources:
        fail(f"文件夹 {source_dir} 里没有 .ipynb 笔记本。", f"No .ipynb notebooks in {source_dir}.")
    if out_dir.resolve() == source_dir.resolve():
        fail("学生版不能写进教师版所在的文件夹，否则会覆盖参考答案。",
             "The student edition must not be written over the instructor edition.")
    written = []
    for path in sources:
        notebook = nbformat.read(path, as_version=4)
        write_notebook(student_notebook(notebook, unit_of(path)), out_dir / path.name)
        written.append(out_dir / path.name)
    return written


def reset_notebook(path) -> Path:
    """Give a student a fresh copy of one notebook; the old one is kept as ``*.bak.ipynb``.

    The fresh copy is the student edition of the course notebook with the same
    file name, so answers and outputs are gone and every exercise shows ⏳.
    """
    import nbformat

    path = Path(path)
    source = NOTEBOOKS_DIR / path.name
    if not source.exists():
        names = ", ".join(p.name for p in course_notebooks())
        fail(f"课程里没有叫 {path.name} 的笔记本。现有：{names}",
             f"The course has no notebook named {path.name}. Available: {names}")
    if path.exists():
        backup = path.with_name(path.stem + ".bak.ipynb")
        path.replace(backup)
    notebook = student_notebook(nbformat.read(source, as_version=4), unit_of(source))
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    write_notebook(notebook, path)
    return path
