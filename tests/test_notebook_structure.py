"""Every unit and case ends in work a student hands in, and every 思考题 has teacher notes.

Conventions (README, "写课程的约定"):

* a written deliverable (书面作业) is a markdown cell tagged ``deliverable`` with
  ``metadata.coursekit.deliverable = "<unit>.<name>"``; a cell above it shows
  the rubric (评分标准); a ``评分要点（教师版）`` cell holds the model answer;
* every 思考题 block is followed, before the next heading, by a
  ``参考要点（教师版）`` cell (dropped from the student edition).
"""
import re

import nbformat
import pytest

from coursekit.teacher.edition import NOTEBOOKS_DIR, course_notebooks, is_instructor_only, unit_of

HEADING = re.compile(r"^(#{1,6})\s", re.M)
NO_DELIVERABLE = {"00_start.ipynb"}  # the start notebook teaches the mechanics only


def _notebooks():
    return [p for p in course_notebooks(NOTEBOOKS_DIR)]


def deliverables(notebook) -> list:
    return [c for c in notebook.cells if c.cell_type == "markdown"
            and "deliverable" in c.metadata.get("tags", [])]


def problems(path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    unit, found = unit_of(path), []
    cells = notebook.cells
    marked = deliverables(notebook)
    if path.name not in NO_DELIVERABLE and not marked:
        found.append("no written deliverable (markdown cell tagged 'deliverable')")
    for cell in marked:
        name = (cell.metadata.get("coursekit") or {}).get("deliverable", "")
        if not name.startswith(f"{unit}."):
            found.append(f"deliverable id {name!r} should start with '{unit}.'")
        position = cells.index(cell)
        if not any("评分标准" in c.source for c in cells[:position] if c.cell_type == "markdown"):
            found.append(f"{name}: no 评分标准 (rubric) above it")
        if not any(is_instructor_only(c) and "评分要点" in c.source for c in cells):
            found.append(f"{name}: no 评分要点（教师版） cell")
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown" and "思考题" in cell.source.split("\n", 1)[0] \
                and not is_instructor_only(cell):
            if not _followed_by_reference_points(cells, index):
                found.append(f"cell {index}: 思考题 without 参考要点（教师版）")
    return found


def _followed_by_reference_points(cells, index: int) -> bool:
    for cell in cells[index + 1:]:
        if is_instructor_only(cell) and "参考要点" in cell.source:
            return True
        if cell.cell_type == "markdown" and HEADING.match(cell.source):
            return False
    return False


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_each_notebook_has_a_deliverable_and_teacher_notes(path):
    found = problems(path)
    assert not found, f"{path.name}:\n" + "\n".join(found)


def test_the_checker_sees_a_missing_reference_point():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("## 小结"),
                      nbformat.v4.new_markdown_cell("**思考题**\n1. 为什么？"),
                      nbformat.v4.new_markdown_cell("## 下一节")]
    assert not _followed_by_reference_points(notebook.cells, 1)
    notebook.cells.insert(2, nbformat.v4.new_markdown_cell("**参考要点（教师版）**\n- 因为……"))
    assert _followed_by_reference_points(notebook.cells, 1)
