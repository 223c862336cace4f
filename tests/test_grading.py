"""Grading a class: marks are right, bad submissions are recorded, others still graded."""
import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from coursekit.teacher import grading
from coursekit.teacher.edition import NOTEBOOKS_DIR, student_notebook
from coursekit.questions import QUESTIONS, choice, items, number

UNIT = "t99"
TEST_QUESTIONS = [
    number("t99.total", 12, hint="重读「测试」", wrong=[11]),
    choice("t99.letter", "B", hint="重读「测试」"),
    items("t99.ids", ["C1", "C2"], hint="重读「测试」", wrong=[["C1"]]),
]
RIGHT = {"total": "3 + 4 + 5", "letter": '"B"', "ids": '["C2", "C1"]'}
WRONG = {"total": "11", "letter": '"A"', "ids": '["C1"]'}


@pytest.fixture(autouse=True)
def test_unit(monkeypatch):
    for question in TEST_QUESTIONS:
        monkeypatch.setitem(QUESTIONS, question.id, question)


def notebook(answers: dict, extra_cells=(), unit=UNIT) -> nbformat.NotebookNode:
    # The test unit t99 exists only in this process, so the cells do not call check().
    cells = []
    for name in ("total", "letter", "ids"):
        value = answers.get(name, "...")
        cells.append(nbformat.v4.new_code_cell(f"{name} = {value}"))
    cells.extend(nbformat.v4.new_code_cell(c) for c in extra_cells)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["coursekit"] = {"edition": "student", "unit": unit}
    return nb


def write(folder, name, nb):
    nbformat.write(nb, str(folder / name))


def marks_of(book, file):
    row = book.set_index("file").loc[file]
    return [row["t99.total"], row["t99.letter"], row["t99.ids"]], row["total"], row["problem"]


def test_a_class_of_30_gets_known_marks(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    expected = {}
    for i in range(30):
        # Student i answers question q right if bit q of i is set, wrong if i % 5 == q, else blank.
        answers, marks = {}, []
        for q, name in enumerate(("total", "letter", "ids")):
            if (i >> q) & 1:
                answers[name], mark = RIGHT[name], "正确"
            elif i % 5 == q:
                answers[name], mark = WRONG[name], "错误"
            else:
                mark = "未作答"
            marks.append(mark)
        file = f"2024{i:03d}_学生{i}_t99.ipynb"
        write(subs, file, notebook(answers))
        expected[file] = marks
    book = grading.grade(subs, tmp_path / "out" / "成绩单.csv", progress=False)
    assert len(book) == 30
    for file, marks in expected.items():
        got, total, problem = marks_of(book, file)
        assert got == marks, file
        assert total == marks.count("正确") and problem == ""
    row = book.iloc[0]
    assert row["student_id"] == "2024000" and row["name"] == "学生0"
    assert book["percent"].max() == 100.0
    csv = (tmp_path / "out" / "成绩单.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf")  # BOM: Excel and WPS show Chinese
    assert pd.read_excel(tmp_path / "out" / "成绩单.xlsx").shape == book.shape


BAD = {
    "raises": (notebook(RIGHT, ["1 / 0"]), "ZeroDivisionError", True),
    "loops": (notebook(RIGHT, ["while True:\n    pass"]), "超时", False),
    "prints": (notebook(RIGHT, ["for _ in range(400):\n    print('x' * 10000)"]), "输出太多", False),
    "writes": (notebook(RIGHT, ["open('junk.txt', 'w').write('x')"]), "写入或删除", True),
    "other_unit": (notebook(RIGHT, unit="u01"), "不是本单元", False),
}


@pytest.fixture(scope="module")
def bad_class(tmp_path_factory):
    subs = tmp_path_factory.mktemp("bad")
    for key, (nb, _, _) in BAD.items():
        write(subs, f"1_{key}_t99.ipynb", nb)
    (subs / "1_notjson_t99.ipynb").write_text("这不是笔记本", encoding="utf-8")
    (subs / "1_empty_t99.ipynb").write_bytes(b"")
    write(subs, "1_good_t99.ipynb", notebook(RIGHT))
    write(subs, "badname.ipynb", notebook(RIGHT))
    return subs


@pytest.fixture(scope="module")
def bad_book(bad_class, tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        for question in TEST_QUESTIONS:
            mp.setitem(QUESTIONS, question.id, question)
        out = tmp_path_factory.mktemp("out") / "book.csv"
        return grading.grade(bad_class, out, unit=UNIT, timeout=6, max_output_mb=1, jobs=2,
                             progress=False)


@pytest.mark.parametrize("key", sorted(BAD))
def test_each_bad_submission_is_recorded(bad_book, key):
    _, reason, still_graded = BAD[key]
    marks, total, problem = marks_of(bad_book, f"1_{key}_t99.ipynb")
    assert reason in problem
    assert bool(total == 3) == still_graded


@pytest.mark.parametrize("file,reason", [("1_notjson_t99.ipynb", "不是有效的"),
                                         ("1_empty_t99.ipynb", "空文件"),
                                         ("badname.ipynb", "文件名")])
def test_unreadable_and_misnamed_files(bad_book, file, reason):
    assert reason in marks_of(bad_book, file)[2]


def test_good_submission_beside_bad_ones_is_graded(bad_book):
    assert marks_of(bad_book, "1_good_t99.ipynb")[1:] == (3, "")


def test_redefining_check_or_pasting_ticks_gains_nothing(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    cheat = notebook(WRONG, ["def check(*a):\n    return '✅ 正确！'", "print('✅ ✅ ✅')"])
    cheat.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="✅ 正确！")]
    write(subs, "9_cheat_t99.ipynb", cheat)
    book = grading.grade(subs, tmp_path / "b.csv", progress=False)
    assert marks_of(book, "9_cheat_t99.ipynb")[:2] == (["错误", "错误", "错误"], 0)


def test_interrupted_run_keeps_the_previous_gradebook(tmp_path, monkeypatch):
    out = tmp_path / "book.csv"
    out.write_text("old", encoding="utf-8")
    frame = pd.DataFrame({"student_id": ["1"], "total": [1]})

    def broken_excel(self, *args, **kwargs):
        raise KeyboardInterrupt  # the teacher pressed Ctrl+C while the xlsx was written

    monkeypatch.setattr(pd.DataFrame, "to_excel", broken_excel)
    with pytest.raises(KeyboardInterrupt):
        grading.write_gradebook(frame, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.csv"]


def test_cli_reports_a_missing_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "coursekit", "grade", str(tmp_path / "none"),
                             "--out", str(tmp_path / "b.csv")], capture_output=True, text=True)
    assert result.returncode == 2 and "找不到作业文件夹" in result.stderr


def test_real_start_notebook_reference_and_blank(tmp_path):
    source = nbformat.read(NOTEBOOKS_DIR / "00_start.ipynb", as_version=4)
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(source, str(subs / "1_教师_u00.ipynb"))
    nbformat.write(student_notebook(source, "u00"), str(subs / "2_学生_u00.ipynb"))
    result = subprocess.run([sys.executable, "-m", "coursekit", "grade", str(subs),
                             "--out", str(tmp_path / "book.csv")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    book = pd.read_csv(tmp_path / "book.csv", encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)
    every_u00 = sum(q.unit == "u00" for q in QUESTIONS.values())
    assert book.set_index("file").loc["1_教师_u00.ipynb", "total"] == str(every_u00)
    blank = book.set_index("file").loc["2_学生_u00.ipynb"]
    assert blank["total"] == "0" and blank["u00.first_sum"] == "未作答"
