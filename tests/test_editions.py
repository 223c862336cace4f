"""Student edition: solutions removed, placeholders kept, committed copy current."""
import re

import nbformat
import pytest

from coursekit.teacher.edition import (BEGIN, END, NOTEBOOKS_DIR, STUDENT_DIR,
                                       build_student_edition, course_notebooks,
                                       is_instructor_only, strip_solutions, student_notebook,
                                       unit_of)
from coursekit.exercises import questions_for
from coursekit.questions import QUESTIONS

NOTEBOOKS = course_notebooks()
# Applied notebooks run on whatever file a student brings, so no answer can be fixed in
# advance: they have no checked exercises and are assessed by their written deliverable.
APPLIED = {"own"}
CHECK_CALL = re.compile(r"check\(\s*[\"']([\w.]+)[\"']\s*,\s*(\w+)\s*\)")


def solution_lines(notebook):
    """Lines inside solution blocks that appear nowhere else in the notebook."""
    inside, outside = set(), set()
    for cell in notebook.cells:
        in_block = False
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped.startswith(BEGIN):
                in_block = True
            elif stripped.startswith(END):
                in_block = False
            elif stripped:
                (inside if in_block else outside).add(stripped)
    return {line for line in inside - outside if len(line) >= 6}


def test_placeholder_keeps_the_answer_variable():
    source = "x = 1\n### BEGIN SOLUTION\nn_a = (df.a > x).sum()\n### END SOLUTION\ncheck('u01.n_a', n_a)"
    assert strip_solutions(source) == "x = 1\nn_a = ...  # 在这里作答\ncheck('u01.n_a', n_a)"


def test_only_the_checked_variable_gets_a_placeholder():
    source = ("### BEGIN SOLUTION\ntmp = df[df.a > 1]\nshare = len(tmp) / len(df)\n"
              "### END SOLUTION\ncheck('u01.share', share)")
    assert strip_solutions(source) == "share = ...  # 在这里作答\ncheck('u01.share', share)"


def test_indented_block_and_several_blocks():
    source = ("def f():\n    ### BEGIN SOLUTION\n    y = 2\n    ### END SOLUTION\n    return y\n"
              "### BEGIN SOLUTION\nz = 3\n### END SOLUTION")
    assert strip_solutions(source) == ("def f():\n    y = ...  # 在这里作答\n    return y\n"
                                       "z = ...  # 在这里作答")


def test_unclosed_block_is_an_error():
    with pytest.raises(ValueError, match="END SOLUTION"):
        strip_solutions("### BEGIN SOLUTION\nx = 1\n")


def test_block_without_assignment_is_an_error():
    with pytest.raises(ValueError, match="placeholder"):
        strip_solutions("### BEGIN SOLUTION\nprint(1)\n### END SOLUTION")


def test_cannot_overwrite_the_instructor_edition():
    with pytest.raises(ValueError, match="instructor"):
        build_student_edition(NOTEBOOKS_DIR)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    build_student_edition(out)
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_solution_text_survives(path, built):
    instructor = nbformat.read(path, as_version=4)
    student_text = (built / path.name).read_text(encoding="utf-8")
    assert BEGIN not in student_text and END not in student_text
    for line in solution_lines(instructor):
        assert line not in student_text, f"{path.name}: solution line leaked: {line}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_student_edition_is_current(path, built):
    fresh = nbformat.read(built / path.name, as_version=4)
    committed_path = STUDENT_DIR / path.name
    assert committed_path.exists(), f"run: python -m coursekit refresh ({path.name} missing)"
    committed = nbformat.read(committed_path, as_version=4)
    assert [(c.cell_type, c.source) for c in committed.cells] == \
        [(c.cell_type, c.source) for c in fresh.cells], "run: python -m coursekit refresh"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_checks_match_the_question_bank(path):
    notebook = nbformat.read(path, as_version=4)
    source = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    called = CHECK_CALL.findall(source)
    unit = unit_of(path)
    for qid, variable in called:
        assert qid in QUESTIONS, f"{path.name} checks unknown question {qid}"
        assert qid == f"{unit}.{variable}", f"{qid} must be checked with the variable {variable}"
    asked = {qid for qid, _ in called}
    bank = {q.id for q in questions_for(unit)}
    assert asked == bank, f"{path.name}: notebook and bank differ: {asked ^ bank}"
    assert len(bank) >= (3 if unit == "u00" else 0 if unit in APPLIED else 4)


def _markdown(source):
    return {"cell_type": "markdown", "source": source, "metadata": {}}


def test_instructor_only_cells_are_dropped_and_nothing_else():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("### 思考题\n1. 为什么？"),
                      nbformat.v4.new_markdown_cell("**参考要点（教师版）**\n- 价格不是唯一原因"),
                      nbformat.v4.new_markdown_cell("评分要点（教师版）：满分 10 分"),
                      nbformat.v4.new_markdown_cell("参考要点：学生也能看到的提示"),
                      nbformat.v4.new_code_cell("# 参考要点（教师版）\nx = 1")]
    student = student_notebook(notebook, "u01")
    sources = [c.source for c in student.cells]
    assert sources == ["### 思考题\n1. 为什么？", "参考要点：学生也能看到的提示",
                       "# 参考要点（教师版）\nx = 1"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_instructor_only_text_reaches_students(path, built):
    instructor = nbformat.read(path, as_version=4)
    student_text = (built / path.name).read_text(encoding="utf-8")
    for cell in instructor.cells:
        if is_instructor_only(cell):
            body = cell.source.strip().split("\n", 1)[-1].strip()
            assert body not in student_text, f"{path.name}: instructor-only text leaked"
    assert "教师版" not in student_text
