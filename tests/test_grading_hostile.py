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
    # Without bubblewrap the grader adopts and kills what a notebook leaves behind.
    folder, out = tmp_path / "作业", tmp_path / "book.csv"
    folder.mkdir()
    hostile = klass.hostile_notebooks(out, folder)
    klass.write(folder, "1_runaway_t99.ipynb", hostile["runaway"])
    klass.write(folder, "2_stdout_t99.ipynb", hostile["stdout"])
    klass.write(folder, "3_honest_t99.ipynb", klass.notebook(klass.RIGHT))
    book = grading.grade(folder, out, timeout=20, progress=False, isolation="reaper",
                         questions=klass.test_questions()).set_index("file")
    assert marks(book, "3_honest_t99.ipynb") == klass.ALL_RIGHT
    assert marks(book, "1_runaway_t99.ipynb") == marks(book, "2_stdout_t99.ipynb") == \
        klass.ALL_WRONG
    assert "bubblewrap" in book.attrs["isolation"]
    time.sleep(1)
    assert klass.run_processes() == []


def test_launcher_limits_are_applied():
    limits = sandbox.Limits(memory_mb=512, processes=64).rlimits()
    assert limits["RLIMIT_AS"] == 512 * 2 ** 20 and limits["RLIMIT_NPROC"] == 64
