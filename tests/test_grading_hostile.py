"""The class of tests/grading_class.py graded in one run: honest marks stand, attacks gain nothing.

Done-when of issue 11: every hostile submission earns no more than its own
answers would, or is flagged; the honest students' marks equal what they get
when graded alone; nothing outside the run's temp folder changes; no process
of the run is alive after it.
"""
import site
import sys
import time
from pathlib import Path

import IPython.paths
import nbformat
import pandas as pd
import pytest

import coursekit
from coursekit.teacher import grading
from coursekit.teacher.grading import sandbox

import grading_class as klass

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the hostile class needs Linux /proc to watch processes")

PACKAGE = Path(coursekit.__file__).resolve().parent
STARTUP = Path(IPython.paths.get_ipython_dir()) / "profile_default" / "startup"


def watched_places():
    return {"package": klass.snapshot(PACKAGE),
            "site": sorted(p.name for d in site.getsitepackages() for p in Path(d).iterdir()),
            "startup": klass.snapshot(STARTUP)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder, out = root / "作业", root / "成绩" / "book.csv"
    expected = klass.build_class(folder, out)
    before_class, before_places = klass.snapshot(folder), watched_places()
    temps_before = klass.grader_temp_dirs()
    book = grading.grade(folder, out, timeout=10, max_output_mb=1, jobs=2, progress=False,
                         questions=klass.test_questions())
    written = klass.snapshot(out.parent)
    time.sleep(5)  # detached attackers would strike now
    return {"book": book.set_index("file"), "expected": expected, "out": out, "root": root,
            "class_changed": klass.snapshot(folder) != before_class,
            "places_changed": watched_places() != before_places,
            "book_changed": klass.snapshot(out.parent) != written,
            "left_temps": klass.grader_temp_dirs() - temps_before,
            "alive": klass.run_processes(), "folder": folder}


def marks(book, file):
    return [book.loc[file, q] for q in klass.IDS]


def test_every_file_has_a_row(graded):
    assert sorted(graded["book"].index) == sorted(graded["expected"]), graded["book"].index


def test_marks_are_what_each_notebook_earns_by_itself(graded):
    book = graded["book"]
    for file, expected in graded["expected"].items():
        got = marks(book, file)
        if expected is None:
            assert got == [""] * 4 and book.loc[file, "total"] == 0, file
        else:
            assert got == expected, file


def test_each_problem_has_its_reason(graded):
    book = graded["book"]
    for file, reason in klass.REASONS.items():
        file = file if file in book.index else next(f for f in book.index if f"_{file}_" in f)
        assert reason in book.loc[file, "problem"], (file, book.loc[file, "problem"])
    for file in ("2024001_甲_t99.ipynb", "4001_typed_t99.ipynb", "4002_v3_t99.ipynb"):
        assert book.loc[file, "problem"] == "", file


def test_attacks_on_the_grader_are_flagged(graded):
    book = graded["book"]
    for kind, flag in klass.REVIEWED.items():
        file = next(f for f in book.index if f"_{kind}_" in f)
        assert flag in book.loc[file, "review"], (kind, book.loc[file, "review"])
    assert book.loc["2024001_甲_t99.ipynb", "review"] == ""


def test_honest_marks_equal_marks_graded_alone(graded, tmp_path):
    for file in ("2024001_甲_t99.ipynb", "2024002_乙_t99.ipynb"):
        alone = tmp_path / file
        alone.mkdir()
        (alone / file).write_bytes((graded["folder"] / file).read_bytes())
        book = grading.grade(alone, tmp_path / f"{file}.csv", timeout=20, progress=False,
                             questions=klass.test_questions()).set_index("file")
        assert marks(book, file) == marks(graded["book"], file) == graded["expected"][file]


def test_nothing_outside_the_run_changed(graded):
    assert not graded["class_changed"], "a submission changed the class folder"
    assert not graded["places_changed"], "a submission changed coursekit, site-packages or IPython"
    assert not graded["book_changed"], "the gradebook changed after the run"
    assert graded["left_temps"] == set()
    assert sorted(p.name for p in graded["out"].parent.iterdir()) == ["book.csv", "book.xlsx"]


def test_no_process_of_the_run_is_alive(graded):
    assert graded["alive"] == []


def test_spreadsheet_cells_that_look_like_formulas_are_escaped(graded):
    csv = pd.read_csv(graded["out"], encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert "'=1+2_公式_t99.ipynb" in set(csv["文件"])
    assert "'=1+2" in set(csv["学号"])
    sheet = pd.read_excel(graded["out"].with_suffix(".xlsx"), dtype=str)
    assert "'=1+2_公式_t99.ipynb" in set(sheet["文件"])


def test_sandbox_in_use_is_the_strongest_available(graded):
    import shutil

    if shutil.which("bwrap"):
        assert graded["book"].attrs.get("isolation", "") == ""


def test_fallback_reaper_ends_runaway_processes(tmp_path):
    # Without bubblewrap (--no-sandbox) the grader adopts and kills what a notebook leaves behind.
    folder, out = tmp_path / "作业", tmp_path / "book.csv"
    folder.mkdir()
    hostile = klass.hostile_notebooks(out, folder)
    klass.write(folder, "1_runaway_t99.ipynb", hostile["runaway"])
    klass.write(folder, "2_stdout_t99.ipynb", hostile["stdout"])
    klass.write(folder, "3_honest_t99.ipynb", klass.notebook(klass.RIGHT))
    book = grading.grade(folder, out, timeout=20, progress=False, isolation="none",
                         questions=klass.test_questions()).set_index("file")
    assert marks(book, "3_honest_t99.ipynb") == klass.ALL_RIGHT
    assert marks(book, "1_runaway_t99.ipynb") == marks(book, "2_stdout_t99.ipynb") == \
        klass.ALL_WRONG
    assert "--no-sandbox" in book.attrs["isolation"]
    time.sleep(1)
    assert klass.run_processes() == []
    # every row of the files says it was graded without a sandbox
    csv = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert (csv["没有沙箱"] == book.attrs["isolation"]).all() and len(csv) == 3


def test_no_sandbox_note_names_bubblewrap_only_when_it_is_missing(tmp_path, monkeypatch):
    import shutil

    which = shutil.which
    if which("bwrap"):
        assert "未安装" not in sandbox.prepare(tmp_path, None, "none").note
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "bwrap"
                        else which(name, *a, **k))
    assert "未安装 bubblewrap" in sandbox.prepare(tmp_path, None, "none").note
    with pytest.raises(ValueError, match="未安装 bubblewrap.*--no-sandbox"):
        sandbox.prepare(tmp_path, None)


@pytest.mark.skipif(not __import__("shutil").which("bwrap"), reason="needs bubblewrap")
def test_a_sandbox_that_does_not_start_stops_grading(tmp_path, monkeypatch):
    # Fail closed: bubblewrap is there but Python cannot start inside (here: not mounted).
    folder, out = tmp_path / "作业", tmp_path / "out" / "book.csv"
    folder.mkdir()
    klass.write(folder, "1_甲_t99.ipynb", klass.notebook(klass.RIGHT))
    monkeypatch.setattr(sandbox, "python_paths", lambda: [])
    with pytest.raises(ValueError, match="沙箱里的 Python 启动失败.*\\S") as error:
        grading.grade(folder, out, progress=False, questions=klass.test_questions())
    assert "Python does not start in the sandbox" in str(error.value)
    assert not out.exists()


@pytest.mark.skipif(not __import__("shutil").which("bwrap"), reason="needs bubblewrap")
def test_grader_found_by_pythonpath_only_still_sandboxes(tmp_path):
    # Review W1: the grader's coursekit comes from PYTHONPATH (as on the classroom server), the
    # interpreter's own sys.path leads elsewhere. The sandbox must still start, and a notebook
    # reading a file next to the grader's package must not find it.
    import os
    import shutil
    import subprocess

    course = tmp_path / "course"
    shutil.copytree(PACKAGE, course / "coursekit", ignore=shutil.ignore_patterns("__pycache__"))
    (course / "datasets").symlink_to(PACKAGE.parent / "datasets")
    secret = course / "secret.py"
    secret.write_text(f"{klass.RIGHT}", encoding="utf-8")
    peek = (f"try:\n    globals().update({{k: eval(v) for k, v in eval(open({str(secret)!r})"
            f".read()).items()}})\nexcept OSError:\n    pass")
    folder, out = tmp_path / "作业", tmp_path / "out" / "book.csv"
    folder.mkdir()
    klass.write(folder, "1_偷看_t99.ipynb", klass.notebook(klass.WRONG, [peek]))
    klass.write(folder, "2_乙_t99.ipynb", klass.notebook(klass.RIGHT))
    questions = tmp_path / "q.py"
    questions.write_text(klass.QUESTIONS_SOURCE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(course)}
    done = subprocess.run([sys.executable, "-m", "coursekit", "grade", str(folder), "--out",
                           str(out), "--questions", str(questions), "--jobs", "1",
                           "--timeout", "60"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    csv = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    csv = csv.set_index("文件")
    assert "没有沙箱" not in csv.columns and "注意" not in done.stderr
    assert [csv.loc["1_偷看_t99.ipynb", q] for q in klass.IDS] == klass.ALL_WRONG
    assert [csv.loc["2_乙_t99.ipynb", q] for q in klass.IDS] == klass.ALL_RIGHT


def test_control_characters_cannot_lose_the_gradebook(tmp_path):
    # Review W2: openpyxl refuses control characters; a deliverable, an exception name or a
    # file name holding one used to stop the whole class's gradebook from being written.
    folder, out = tmp_path / "作业", tmp_path / "out" / "book.csv"
    folder.mkdir()
    written = klass.notebook(klass.RIGHT)
    written.cells.append(nbformat.v4.new_markdown_cell(
        "我的作业\x0b完成", metadata={"tags": ["deliverable"], "coursekit": {"deliverable": "t99.plan"}}))
    klass.write(folder, "1_控制符_t99.ipynb", written)
    klass.write(folder, "2_异常名_t99.ipynb", klass.notebook(
        klass.WRONG, ['raise type("Oops\\x07", (Exception,), {})()']))
    klass.write(folder, "3\x01_名_t99.ipynb", klass.notebook(klass.RIGHT))
    book = grading.grade(folder, out, timeout=60, progress=False,
                         questions=klass.test_questions()).set_index("file")
    assert marks(book, "1_控制符_t99.ipynb") == marks(book, "3\x01_名_t99.ipynb") == klass.ALL_RIGHT
    sheet = pd.read_excel(out.with_suffix(".xlsx"), sheet_name=None, dtype=str,
                          keep_default_na=False)
    rows = sheet["成绩"].set_index("文件")
    assert "Oops\ufffd" in rows.loc["2_异常名_t99.ipynb", "问题"]
    assert "3\ufffd_名_t99.ipynb" in rows.index
    assert list(sheet["书面作业"]["学生写的内容"]) == ["我的作业\ufffd完成"]
    assert (out.parent / "book_deliverables.csv").exists() and out.exists()


@pytest.mark.parametrize("root", [True, False])
def test_everything_a_kernel_can_write_is_a_sized_tmpfs(root, monkeypatch, tmp_path):
    # Review W3: a read-write bind of the grader's disk let a non-root run fill it.
    monkeypatch.setattr(sandbox, "_is_root", lambda: root)
    isolation = sandbox.Isolation("bwrap", None, PACKAGE, PACKAGE.parent / "datasets")
    kernel_file = tmp_path / "kernel.json"
    command = sandbox.bwrap_command(isolation, kernel_file, sandbox.Limits(), ["-f", "x"])
    command = command[:command.index("--")]
    assert not {"--bind", "--bind-try", "--dev-bind", "--bind-data"} & set(command)
    tmpfs = [i for i, arg in enumerate(command) if arg == "--tmpfs"]
    assert tmpfs and all(command[i - 2] == "--size" for i in tmpfs)
    assert command[command.index(str(kernel_file)) - 1] == "--ro-bind"


@pytest.mark.skipif(not __import__("shutil").which("bwrap"), reason="needs bubblewrap")
def test_writing_in_the_socket_folder_stops_at_the_tmpfs_size(tmp_path, monkeypatch):
    # Review W3 cell: big files and a mode-000 trap in /tmp/run. Writing must end with "disk
    # full" at the sandbox's /tmp size; the notebook answers right only if it did.
    import functools

    monkeypatch.setattr(sandbox, "Limits", functools.partial(sandbox.Limits, tmp_mb=24))
    fill = """import errno, os
total = 11
os.makedirs("/tmp/run/trap/deeper", exist_ok=True)
written, stop = 0, None
try:
    with open("/tmp/run/trap/deeper/f0", "wb") as f:
        for _ in range(48):
            f.write(b"x" * 2 ** 20)
            f.flush()
            written += 1
except OSError as error:
    stop = error.errno
os.chmod("/tmp/run/trap/deeper", 0o000)
os.chmod("/tmp/run/trap", 0o500)
total = 12 if stop == errno.ENOSPC and written <= 24 else 11"""
    folder, out = tmp_path / "作业", tmp_path / "out" / "book.csv"
    folder.mkdir()
    klass.write(folder, "1_陷阱_t99.ipynb", klass.notebook(klass.RIGHT, [fill]))
    before = klass.grader_temp_dirs()
    book = grading.grade(folder, out, timeout=60, progress=False,
                         questions=klass.test_questions()).set_index("file")
    assert marks(book, "1_陷阱_t99.ipynb") == klass.ALL_RIGHT, book.loc["1_陷阱_t99.ipynb"]
    assert klass.grader_temp_dirs() - before == set()


def test_clean_up_removes_folders_locked_by_a_submission():
    # Review W3: rmtree(ignore_errors=True) left a mode-000 folder (and its data) for good.
    import os
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="coursekit-test-locked-"))
    (work / "owner.pid").write_text("1")
    deeper = work / "0000" / "run" / "trap" / "deeper"
    deeper.mkdir(parents=True)
    (deeper / "f0").write_bytes(b"x" * 1000)
    uid = 65534 if os.geteuid() == 0 else os.geteuid()
    for path in [work, *work.rglob("*")]:
        os.chown(path, uid, uid)
    deeper.chmod(0o000)
    deeper.parent.chmod(0o500)
    pid = os.fork()
    if pid == 0:  # the clean-up runs as an ordinary user, for whom permissions count
        try:
            if os.geteuid() == 0:
                os.setgid(uid)
                os.setuid(uid)
            os._exit(0 if sandbox.remove_work_dir(work) == [] else 3)
        except BaseException:
            os._exit(4)
    status = os.waitpid(pid, 0)[1]
    try:
        assert os.waitstatus_to_exitcode(status) == 0 and not work.exists()
    finally:
        sandbox.remove_tree(work)


HOG = """import os, time
time.sleep(1)                      # let the classmate's kernel start, then take the CPU
for _ in range(24):
    if os.fork() == 0:
        os.setsid()                # each in its own session: its own scheduler group
        while True:
            pass
while True:
    pass"""
HEAVY = "work = sum(i * i for i in range(4 * 10 ** 6))"  # honest work: about a CPU-second


def test_a_classmate_starving_the_cpu_does_not_cost_a_timeout(tmp_path):
    # Review W4: busy loops in one sandbox made the notebook graded beside it time out.
    # A timeout beside another notebook is graded again alone before it counts.
    folder, out = tmp_path / "作业", tmp_path / "out" / "book.csv"
    folder.mkdir()
    klass.write(folder, "1_占满_t99.ipynb", klass.notebook(klass.WRONG, [HOG], unit="t99"))
    klass.write(folder, "2_乙_t99.ipynb", klass.notebook(klass.RIGHT, [HEAVY] * 6))
    book = grading.grade(folder, out, timeout=15, jobs=2, progress=False,
                         questions=klass.test_questions()).set_index("file")
    assert marks(book, "2_乙_t99.ipynb") == klass.ALL_RIGHT, book.loc["2_乙_t99.ipynb", "problem"]
    assert book.loc["2_乙_t99.ipynb", "problem"] == ""
    assert "运行超时" in book.loc["1_占满_t99.ipynb", "problem"]


@pytest.mark.skipif(not __import__("shutil").which("bwrap"), reason="needs bubblewrap")
def test_memory_is_limited_for_the_whole_submission(tmp_path):
    # Review W5: RLIMIT_AS is per process; four children each under it held far more in total.
    forks = """import os, time
o = __import__("o" + "s")
spawn = getattr(o, "fo" + "rk")
for _ in range(4):
    if spawn() == 0:
        block = bytearray(350 * 2 ** 20)      # under the per-process limit
        for i in range(0, len(block), 4096):
            block[i] = 1                       # touch every page: real memory
        time.sleep(20)
        o._exit(0)
time.sleep(12)"""
    folder, out = tmp_path / "作业", tmp_path / "out" / "book.csv"
    folder.mkdir()
    klass.write(folder, "1_内存_t99.ipynb", klass.notebook(klass.WRONG, [forks]))
    klass.write(folder, "2_乙_t99.ipynb", klass.notebook(klass.RIGHT))
    book = grading.grade(folder, out, timeout=40, jobs=2, memory_mb=1024, progress=False,
                         questions=klass.test_questions()).set_index("file")
    assert "整份作业占用的内存超过 1024 MB" in book.loc["1_内存_t99.ipynb", "problem"]
    assert marks(book, "2_乙_t99.ipynb") == klass.ALL_RIGHT
    assert book.loc["2_乙_t99.ipynb", "problem"] == ""


EVASIONS = {  # review W6: code that got past the 需复核 column
    "read the instructor edition": 'cells = json.load(open("/opt/coursehub/teacher/notebooks/'
                                   'u01_customer_basics.ipynb"))["cells"]',
    "chmod trap": 'os.chmod("/tmp/run/trap", 0o000)',
    "string-built fork": 'spawn = getattr(__import__("o" + "s"), "fo" + "rk")',
    "shell escape": "x = 1\n!sleep 1000 &",
    "system call": "get_ipython().system('ls')",
    "bash cell": "%%bash\nls",
    "sh cell": "%%sh\nls",
}


@pytest.mark.parametrize("kind", sorted(EVASIONS))
def test_review_flags_catch_the_reviews_evasions(kind):
    from coursekit.teacher.grading import stage

    assert stage.review_flags(["import pandas as pd", EVASIONS[kind]]) != [], kind


def test_honest_notebooks_raise_no_review_flag():
    from coursekit.teacher.grading import stage

    for edition in (PACKAGE.parent / "student", PACKAGE.parent / "notebooks"):
        for path in sorted(edition.glob("*.ipynb")):
            cells = [c.source for c in nbformat.read(path, 4).cells if c.cell_type == "code"]
            assert stage.review_flags(cells) == [], path.name


def test_symbolic_links_in_the_class_folder_are_refused(tmp_path):
    # Review W8: a link to the instructor edition (here: a right notebook elsewhere) was graded
    # as its target.
    folder, out, elsewhere = tmp_path / "作业", tmp_path / "out" / "book.csv", tmp_path / "别处"
    folder.mkdir()
    elsewhere.mkdir()
    target = klass.write(elsewhere, "answers_t99.ipynb", klass.notebook(klass.RIGHT))
    (folder / "1_抄_t99.ipynb").symlink_to(target)
    (folder / "2_目录_t99").symlink_to(elsewhere)
    klass.write(folder, "3_乙_t99.ipynb", klass.notebook(klass.RIGHT))
    book = grading.grade(folder, out, timeout=60, progress=False,
                         questions=klass.test_questions()).set_index("file")
    for link in ("1_抄_t99.ipynb", "2_目录_t99"):
        assert "符号链接" in book.loc[link, "problem"], book.loc[link]
        assert book.loc[link, "total"] == 0 and marks(book, link) == [""] * 4
    assert marks(book, "3_乙_t99.ipynb") == klass.ALL_RIGHT


def test_results_resumed_from_a_run_without_sandbox_still_say_so(tmp_path):
    # A --no-sandbox run stopped half-way and resumed normally: its rows came from no sandbox.
    import hashlib
    import json

    folder, out = tmp_path / "作业", tmp_path / "out" / "book.csv"
    folder.mkdir()
    path = klass.write(folder, "1_甲_t99.ipynb", klass.notebook(klass.RIGHT))
    note = "没有沙箱（--no-sandbox）：内核没有隔离文件系统和网络"
    entry = {"file": path.name, "digest": hashlib.sha256(path.read_bytes()).hexdigest(),
             "names": ["ids", "letter", "share", "total"], "report": None, "problems": [],
             "isolation": note}
    out.parent.mkdir()
    out.with_name("book.journal.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    book = grading.grade(folder, out, progress=False, questions=klass.test_questions())
    assert list(book["isolation"]) == [note]
    csv = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(csv["没有沙箱"]) == [note]


def test_launcher_limits_are_applied():
    limits = sandbox.Limits(memory_mb=512, processes=64).rlimits()
    assert limits["RLIMIT_AS"] == 512 * 2 ** 20 and limits["RLIMIT_NPROC"] == 64
