"""Grading a class: known marks, the gradebook files, interruption and resume, the CLI."""
import json
import os
import signal
import subprocess
import sys
import time

import nbformat
import pandas as pd
import pytest

import grading_class as klass
from coursekit.teacher import grading
from coursekit.teacher.edition import STUDENT_DIR
from coursekit.questions import custom
from coursekit.teacher.grading import gradebook, sandbox, stage


def test_a_class_gets_known_marks(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    expected = {}
    for i in range(6):
        # Student i answers question q right if bit q of i is set, wrong if i % 4 == q, else blank.
        answers, marks = {}, []
        for q, name in enumerate(("total", "letter", "ids", "share")):
            if (i >> q) & 1:
                answers[name], mark = klass.RIGHT[name], "正确"
            elif i % 4 == q:
                answers[name], mark = klass.WRONG[name], "错误"
            else:
                mark = "未作答"
            marks.append(mark)
        file = f"2024{i:03d}_学生{i}_t99.ipynb"
        klass.write(subs, file, klass.notebook(answers))
        expected[file] = marks
    out = tmp_path / "out" / "成绩单.csv"
    book = grading.grade(subs, out, progress=False, questions=klass.test_questions())
    assert len(book) == 6
    indexed = book.set_index("file")
    for file, marks in expected.items():
        assert [indexed.loc[file, q] for q in klass.IDS] == marks, file
        assert indexed.loc[file, "total"] == marks.count("正确")
        assert indexed.loc[file, "problem"] == "" and indexed.loc[file, "out_of"] == 4
    assert book.iloc[0]["student_id"] == "2024000" and book.iloc[0]["name"] == "学生0"
    csv = out.read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf")  # BOM: Excel and WPS show Chinese
    written = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(written.columns[:3]) == ["学号", "姓名", "文件"]
    assert {"得分", "满分", "百分比", "问题", "需复核"} <= set(written.columns)
    assert pd.read_excel(out.with_suffix(".xlsx"), sheet_name="成绩").shape == book.shape
    assert not (tmp_path / "out" / "成绩单.journal.jsonl").exists()


def test_graded_only_questions_from_a_file(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    klass.write(subs, "1_甲_t99.ipynb", klass.notebook(klass.RIGHT))
    questions = tmp_path / "hidden.py"
    questions.write_text(klass.QUESTIONS_SOURCE, encoding="utf-8")
    book = grading.grade(subs, tmp_path / "b.csv", progress=False, questions=questions)
    assert book.iloc[0]["total"] == 4
    free = [custom("t99.ids", ["C1", "C2"], hint="重读「测试」", wrong=[["C1"]],
                   compare=lambda answer, expected: (sorted(answer) == expected, ""))]
    book = grading.grade(subs, tmp_path / "free.csv", progress=False, questions=free)
    assert book.iloc[0]["t99.ids"] == "正确"  # a free compare gets a plain list back
    broken = tmp_path / "broken.py"
    broken.write_text("QUESTIONS = 3", encoding="utf-8")
    with pytest.raises(ValueError, match="QUESTIONS"):
        grading.grade(subs, tmp_path / "c.csv", progress=False, questions=broken)


def test_written_deliverables_are_collected(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    nb = klass.notebook(klass.RIGHT)
    cell = nbformat.v4.new_markdown_cell("**我的方案**：先给 A 类客户打电话。")
    cell.metadata = {"tags": ["deliverable"], "coursekit": {"deliverable": "t99.plan"}}
    nb.cells.append(cell)
    nb.cells.append(nbformat.v4.new_markdown_cell("=HYPERLINK(\"x\")"))
    klass.write(subs, "2024001_张三_t99.ipynb", nb)
    out = tmp_path / "book.csv"
    grading.grade(subs, out, progress=False, questions=klass.test_questions())
    sheet = pd.read_excel(out.with_suffix(".xlsx"), sheet_name="书面作业", dtype=str,
                          keep_default_na=False)
    assert sheet.to_dict("records") == [{"学号": "2024001", "姓名": "张三",
                                         "文件": "2024001_张三_t99.ipynb",
                                         "书面作业": "t99.plan",
                                         "学生写的内容": "**我的方案**：先给 A 类客户打电话。",
                                         "得分": ""}]
    csv = pd.read_csv(tmp_path / "book_deliverables.csv", encoding="utf-8-sig", dtype=str)
    assert csv.loc[0, "书面作业"] == "t99.plan"


def test_unwritable_out_is_an_error_before_anything_runs(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    klass.write(subs, "1_甲_t99.ipynb", klass.notebook(klass.RIGHT))
    (tmp_path / "a_file").write_text("x", encoding="utf-8")

    def must_not_run(*args, **kwargs):
        raise AssertionError("grading started although --out cannot be written")

    monkeypatch.setattr(stage, "read_notebook", must_not_run)
    with pytest.raises(ValueError, match="不能写入"):
        grading.grade(subs, tmp_path / "a_file" / "book.csv", progress=False,
                      questions=klass.test_questions())
    with pytest.raises(ValueError, match="作业文件夹里"):
        grading.grade(subs, subs / "book.csv", progress=False, questions=klass.test_questions())


def test_a_failed_write_keeps_the_previous_gradebook(tmp_path, monkeypatch):
    out = tmp_path / "book.csv"
    out.write_text("old", encoding="utf-8")
    frame = pd.DataFrame({"student_id": ["1"], "total": [1]})

    def broken_excel(*args, **kwargs):
        raise KeyboardInterrupt  # the teacher pressed Ctrl+C while the xlsx was written

    monkeypatch.setattr(pd.ExcelWriter, "__init__", broken_excel)
    with pytest.raises(KeyboardInterrupt):
        gradebook.write_gradebook(frame, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.csv"]


def test_notebooks_are_read_with_nbformat():
    sub = stage.Submission(STUDENT_DIR / "00_start.ipynb")
    stage.read_notebook(sub)
    assert sub.unit == "u00" and sub.cells and not sub.reasons and not sub.skipped


def test_review_flags_name_what_to_look_at():
    assert stage.review_flags(["import ctypes", "open('/proc/1/environ')"]) == \
        ["读写 /proc", "ctypes", "按路径读取笔记本或文件"]
    assert stage.review_flags(["x = 1"]) == []


# ------------------------------------------------------------------ interruption and resume

def _cli(folder, out, questions, *extra):
    return subprocess.Popen([sys.executable, "-m", "coursekit", "grade", str(folder), "--out",
                             str(out), "--questions", str(questions), "--jobs", "1",
                             "--timeout", "120", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_journal(journal, process, lines=1, limit=240):
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if journal.exists() and len(journal.read_text(encoding="utf-8").splitlines()) >= lines:
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.2)
    raise AssertionError("the grader saved no result in time")


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])  # Ctrl+C and kill
def test_stopping_the_grader_keeps_finished_work_and_resumes(tmp_path, stop):
    folder, out = tmp_path / "作业", tmp_path / "成绩" / "book.csv"
    folder.mkdir()
    questions = tmp_path / "q.py"
    questions.write_text(klass.QUESTIONS_SOURCE, encoding="utf-8")
    klass.write(folder, "1_快_t99.ipynb", klass.notebook(klass.WRONG))
    klass.write(folder, "2_慢_t99.ipynb", klass.notebook(klass.RIGHT, [
        "import time\ntime.sleep(300)"]))
    process = _cli(folder, out, questions)
    journal = out.with_name("book.journal.jsonl")
    _wait_for_journal(journal, process)
    time.sleep(1)  # the slow notebook is running now
    process.send_signal(stop)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    book = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    book = book.set_index("文件")
    assert book.loc["1_快_t99.ipynb", "t99.total"] == "错误"
    assert "批改被中断" in book.loc["2_慢_t99.ipynb", "问题"]
    assert pd.ExcelFile(out.with_suffix(".xlsx")).sheet_names == ["成绩（未完成）"]
    assert klass.grader_temp_dirs(process.pid) == set()
    assert klass.run_processes(process.pid) == []
    if stop != signal.SIGINT:
        return
    # Resume: the finished notebook comes from the journal. To prove it, the journal's
    # answers for it are swapped for right ones; a re-run would have found them wrong.
    entry = json.loads(journal.read_text(encoding="utf-8").splitlines()[0])
    entry["report"] = json.dumps({"total": {"t": "int", "v": "12"}})
    journal.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    klass.write(folder, "2_慢_t99.ipynb", klass.notebook(klass.RIGHT))
    process = _cli(folder, out, questions)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    book = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    book = book.set_index("文件")
    assert book.loc["1_快_t99.ipynb", "t99.total"] == "正确"   # from the journal
    assert book.loc["2_慢_t99.ipynb", "得分"] == "4"
    assert not journal.exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_killing_the_grader_outright_leaves_no_process_and_the_next_run_cleans_up(tmp_path):
    folder, out = tmp_path / "作业", tmp_path / "成绩" / "book.csv"
    folder.mkdir()
    questions = tmp_path / "q.py"
    questions.write_text(klass.QUESTIONS_SOURCE, encoding="utf-8")
    klass.write(folder, "1_快_t99.ipynb", klass.notebook(klass.RIGHT))
    klass.write(folder, "2_慢_t99.ipynb", klass.notebook(klass.RIGHT, [
        "import time\ntime.sleep(300)"]))
    process = _cli(folder, out, questions)
    _wait_for_journal(out.with_name("book.journal.jsonl"), process)
    time.sleep(1)
    process.kill()  # SIGKILL: no handler runs
    process.wait(timeout=30)
    time.sleep(1)
    assert klass.run_processes(process.pid) == []  # every sandbox died with its grader
    assert klass.grader_temp_dirs(process.pid)      # ... but its temp folder was left
    sandbox.remove_stale_work_dirs()                # the next run does this first
    assert klass.grader_temp_dirs(process.pid) == set()


# ------------------------------------------------------------------ the command line

def test_cli_reports_a_missing_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "coursekit", "grade", str(tmp_path / "none"),
                             "--out", str(tmp_path / "b.csv")], capture_output=True, text=True)
    assert result.returncode == 2 and "找不到作业文件夹" in result.stderr


def test_sandbox_environment_is_clean():
    env = sandbox.kernel_environment("/h", "/t")
    assert env["HOME"] == env["USERPROFILE"] == "/h" and env["IPYTHONDIR"] == "/h/.ipython"
    assert env["TMPDIR"] == "/t" and env["PYTHONNOUSERSITE"] == "1"
    assert not {"SSH_AUTH_SOCK", "JUPYTER_TOKEN"} & set(env)
