"""Suite-wide settings: patient on a loaded machine, slow work scheduled first, one publish build.

``python3 course.py test`` runs two pytest-xdist workers with ``--dist loadgroup``:

* Every test is grouped by its file (what ``loadfile`` did: a notebook's cells
  share one kernel and must stay on one worker), except the tests that need
  the built site and decks, which share the group ``publish`` so the site and
  the decks are built once per run, not once per worker.
* Groups are handed out slowest first (longest-processing-time-first
  scheduling), so no worker sits idle at the end while the other one is still
  grading a class. The order is a fixed ranking below, not a timing.
* nbval waits up to 5 s for a cell's output messages after the cell finished
  and 60 s for a kernel to start; on a machine busy with other work both were
  seen to run out. Here they are 120 s and (in course.py) 300 s: a slow machine
  passes, a real hang still fails.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PUBLISH_GROUP = "publish"
NBVAL_OUTPUT_TIMEOUT = 120
# Test files that start many kernels, servers or builds: scheduled first, in this order.
SLOW_FIRST = ("tests/test_grading.py", "tests/test_teacher_guide.py", "tests/test_site.py",
              "tests/test_slides.py", "tests/test_publish_browser.py", "tests/test_presenter.py",
              "tests/test_browser.py", "tests/test_course_cli.py", "tests/test_datasets.py")


def _file_of(item) -> str:
    path = Path(str(item.fspath)).resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()


def _rank(path: str) -> tuple:
    """Sort key: the named slow files, then notebooks (biggest first), then the rest."""
    if path in SLOW_FIRST:
        return (0, SLOW_FIRST.index(path), "")
    if path.endswith(".ipynb"):
        size = (ROOT / path).stat().st_size if (ROOT / path).exists() else 0
        return (1, -size, path)
    return (2, 0, path)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if hasattr(item, "output_timeout"):          # an nbval cell
            item.output_timeout = NBVAL_OUTPUT_TIMEOUT
    if config.getoption("dist", "no") == "loadgroup":
        for item in items:
            if item.get_closest_marker("xdist_group") is None:
                item.add_marker(pytest.mark.xdist_group(_file_of(item)))
    if os.environ.get("COURSEKIT_SUITE_ORDER") != "collection":   # benchmarks/bench_suite.py: old order
        items.sort(key=lambda item: _rank(_file_of(item)))   # stable: cells keep their order


def coursekit_cli(args, cwd=ROOT, timeout=900):
    """Run ``python -m coursekit ARGS`` and return the finished process."""
    return subprocess.run([sys.executable, "-m", "coursekit", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The course website, built once per run by the real command: ``python -m coursekit site``."""
    out = tmp_path_factory.mktemp("published") / "site"
    result = coursekit_cli(["site", out])
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def built_slides(tmp_path_factory):
    """Every deck with speaker notes, built once per run by the real command
    (``python -m coursekit slides OUT --notes``)."""
    out = tmp_path_factory.mktemp("published") / "slides"
    result = coursekit_cli(["slides", out, "--notes"])
    assert result.returncode == 0, result.stdout + result.stderr
    return out
