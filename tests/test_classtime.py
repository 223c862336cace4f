"""The class-time model (coursekit.teacher.classtime) counts what a student sees, and homework apart."""
import nbformat
import pytest

from coursekit.teacher import classtime


def _notebook(*cells):
    book = nbformat.v4.new_notebook()
    book.cells = list(cells)
    return book


def _chart_cell(source="plot()"):
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBOR"})]
    return cell


def test_counts_reading_cells_charts_and_exercises():
    book = _notebook(nbformat.v4.new_markdown_cell("# 单元\n客户分析"),
                     _chart_cell(),
                     nbformat.v4.new_code_cell('n = ...\ncheck("u01.n_a", n)'),
                     nbformat.v4.new_markdown_cell("**思考题** 为什么？"))
    in_class, after = classtime.estimate(book, kinds={"u01.n_a": "number"})
    assert (in_class.characters, in_class.code_cells, in_class.charts) == (13, 2, 1)
    assert in_class.exercises == {"number": 1} and in_class.thinking == 1
    assert after.minutes() == 0
    expected = 13 / 300 + 2 * 0.5 + 1 + 4 + 5
    assert classtime.class_minutes(book, kinds={}) == pytest.approx(classtime.FIXED_MINUTES + expected)


def test_after_class_section_ends_at_the_next_heading_of_its_level():
    deliverable = nbformat.v4.new_markdown_cell("报价方案：……")
    deliverable.metadata["tags"] = ["deliverable"]
    book = _notebook(nbformat.v4.new_markdown_cell("## 课后练习\n下次课前交"),
                     deliverable,
                     nbformat.v4.new_markdown_cell("### 小节\n还是课后"),
                     nbformat.v4.new_code_cell('check("u05.x", x)'),
                     nbformat.v4.new_markdown_cell("## 小结\n回到课上"),
                     nbformat.v4.new_code_cell("1 + 1"))
    in_class, after = classtime.estimate(book, kinds={"u05.x": "choice"})
    assert after.deliverables == 1 and after.exercises == {"choice": 1}
    assert in_class.deliverables == 0 and in_class.code_cells == 1
    assert in_class.characters == classtime.reading_units("## 小结\n回到课上")


def test_widgets_count_apart_from_charts():
    cell = nbformat.v4.new_code_cell("demo()")
    cell.outputs = [nbformat.v4.new_output(
        "display_data", data={classtime._WIDGET: {"model_id": "x"}, "image/png": "iVBOR"})]
    in_class, _ = classtime.estimate(_notebook(cell), kinds={})
    assert (in_class.widgets, in_class.charts) == (1, 0)


def test_report_marks_notebooks_over_one_class(tmp_path, capsys):
    long = _notebook(nbformat.v4.new_markdown_cell("字" * 300 * 100))   # 100 minutes of reading
    nbformat.write(long, tmp_path / "u01_long.ipynb")
    nbformat.write(_notebook(nbformat.v4.new_markdown_cell("短")), tmp_path / "u02_short.ipynb")
    assert classtime.print_report(tmp_path) == 1
    shown = capsys.readouterr().out
    assert "u01_long | 30000" in shown and "超过一次课" in shown and "u02_short" not in shown.split("超过")[1]


def _course_notebooks():
    from coursekit.teacher.edition import STUDENT_DIR, course_notebooks

    return course_notebooks(STUDENT_DIR)


@pytest.mark.parametrize("path", _course_notebooks(), ids=lambda p: p.stem)
def test_every_notebook_fits_one_90_minute_class(path):
    """The student edition's class part, priced by the model, is at most one class."""
    minutes = classtime.class_minutes(path)
    assert minutes <= classtime.CLASS_MINUTES, (
        f"{path.name}: about {minutes:.0f} minutes in class; move work under a 课后 heading or cut")


def test_command_line_reads_a_folder_and_a_reading_speed(tmp_path, capsys):
    from coursekit.__main__ import main

    nbformat.write(_notebook(nbformat.v4.new_markdown_cell("字" * 300 * 60)), tmp_path / "u01_x.ipynb")
    assert main(["classtime", str(tmp_path)]) == 0                    # 5 + 60 minutes
    assert main(["classtime", str(tmp_path), "--speed", "150"]) == 1  # 5 + 120 minutes
    assert "超过一次课" in capsys.readouterr().out
