"""Every command in docs/teacher_guide.md is run here or by the test named for it."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from coursekit.teacher.edition import NOTEBOOKS_DIR, STUDENT_DIR

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "teacher_guide.md").read_text(encoding="utf-8")
COMMANDS = [line.strip() for block in re.findall(r"```bash\n(.*?)```", GUIDE, re.DOTALL)
            for line in block.splitlines() if line.strip()]
PYTHON = ".venv/bin/python -m coursekit"

# Commands a unit test cannot run in place (they start servers, run the suite or need conda),
# with the test that covers each.
COVERED_ELSEWHERE = {
    "python3 course.py open": "tests/test_course_cli.py starts it and checks the Chinese UI",
    "python3 course.py test": ".ci/run runs exactly this command",
    "conda env create -f environment.yml": "tests/test_environment.py checks the file",
    "conda activate logistics-crm-course": "tests/test_environment.py checks the name",
    "jupyter lab notebooks/00_start.ipynb": "tests/test_course_cli.py starts the same command",
    f"{PYTHON} site 课程网站": "tests/test_site.py builds the site with this command (conftest built_site)",
    ".venv/bin/python -m http.server --directory 课程网站 8000":
        "tests/test_publish_browser.py serves the built site with Python's http.server",
    f"{PYTHON} slides 幻灯片": "tests/test_slides.py builds every deck with this command (conftest built_slides)",
    f"{PYTHON} slides 幻灯片 --notes": "tests/test_slides.py: speaker notes with and without --notes",
    "python3 course.py present u01": "tests/test_presenter.py checks the command and serves a notebook "
                                     "with the same Voila command and moves a slider",
    f"{PYTHON} handout 讲义": "tests/test_grading_handout.py runs exactly this command",
}
RUN_HERE = {f"{PYTHON} refresh", f"{PYTHON} student-edition 学生版",
            f"{PYTHON} grade 作业/u01 --out 成绩/u01成绩.csv",
            f"{PYTHON} reset student/u01_customer_basics.ipynb"}


def coursekit_cli(args, cwd):
    return subprocess.run([sys.executable, "-m", "coursekit", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_every_command_in_the_guide_is_tested():
    assert COMMANDS, "the guide lost its commands"
    for command in COMMANDS:
        assert command in COVERED_ELSEWHERE or command in RUN_HERE, f"untested command: {command}"
    assert RUN_HERE <= set(COMMANDS)


def test_guide_lists_every_notebook():
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        assert f"`{path.name}`" in GUIDE, path.name


def test_student_edition_command(tmp_path):
    result = coursekit_cli(["student-edition", "学生版"], tmp_path)
    assert result.returncode == 0, result.stderr
    built = sorted(p.name for p in (tmp_path / "学生版").glob("*.ipynb"))
    assert built == sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))


def test_reset_command(tmp_path):
    student = tmp_path / "student"
    student.mkdir()
    target = student / "u01_customer_basics.ipynb"
    shutil.copy(STUDENT_DIR / target.name, target)
    broken = nbformat.read(target, as_version=4)
    broken.cells[0].source = "被学生改乱了"
    nbformat.write(broken, str(target))
    result = coursekit_cli(["reset", "student/u01_customer_basics.ipynb"], tmp_path)
    assert result.returncode == 0, result.stderr
    fresh = nbformat.read(target, as_version=4)
    assert fresh.cells[0].source != "被学生改乱了"
    assert all(not c.get("outputs") for c in fresh.cells if c.cell_type == "code")
    assert (student / "u01_customer_basics.bak.ipynb").exists()


def test_reset_rejects_an_unknown_notebook(tmp_path):
    result = coursekit_cli(["reset", "u99_nothing.ipynb"], tmp_path)
    assert result.returncode == 2 and "课程里没有" in result.stderr


def test_grade_command(tmp_path):
    inbox = tmp_path / "作业" / "u01"
    inbox.mkdir(parents=True)
    shutil.copy(NOTEBOOKS_DIR / "u01_customer_basics.ipynb", inbox / "2024001_张三_u01.ipynb")
    shutil.copy(STUDENT_DIR / "u01_customer_basics.ipynb", inbox / "2024002_李四_u01.ipynb")
    result = coursekit_cli(["grade", "作业/u01", "--out", "成绩/u01成绩.csv"], tmp_path)
    assert result.returncode == 0, result.stderr
    import pandas as pd

    book = pd.read_csv(tmp_path / "成绩" / "u01成绩.csv", encoding="utf-8-sig").set_index("姓名")
    assert book.loc["张三", "百分比"] == 100.0
    assert book.loc["李四", "得分"] == 0
    assert (tmp_path / "成绩" / "u01成绩.xlsx").exists()


def test_refresh_command(tmp_path, monkeypatch):
    # The guide's refresh runs every notebook; here the same code runs on one copy.
    from coursekit.teacher import refresh

    source, student = tmp_path / "notebooks", tmp_path / "student"
    source.mkdir()
    shutil.copy(NOTEBOOKS_DIR / "00_start.ipynb", source / "00_start.ipynb")
    refresh.refresh(source_dir=source, student_dir=student, log=lambda _: None)
    executed = nbformat.read(student / "00_start.ipynb", as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert any("⏳" in str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    # refresh also stores the slide breaks derived from the headings (for the class decks)
    refreshed = nbformat.read(source / "00_start.ipynb", as_version=4)
    first = refreshed.cells[0]
    assert first.source.startswith("# ") and first.metadata["slideshow"]["slide_type"] == "slide"
    assert first.metadata["coursekit"]["slides"] == "auto"
    # widgets get the same names as in the stored notebooks: an unchanged notebook refreshes to
    # the same bytes, so a diff of the notebooks shows only what really changed
    for edition, folder in (("instructor", NOTEBOOKS_DIR), ("student", NOTEBOOKS_DIR.parent / "student")):
        fresh = source if edition == "instructor" else student
        assert _widget_ids(fresh / "00_start.ipynb"), "the start notebook shows a widget"
        assert _widget_ids(fresh / "00_start.ipynb") == _widget_ids(folder / "00_start.ipynb"), edition


def _widget_ids(path) -> list:
    return re.findall(r'"model_id": "([0-9a-f]{32})"', path.read_text(encoding="utf-8"))
