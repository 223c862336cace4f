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


def _distributed_by_group(config) -> bool:
    # xdist workers see dist="no" and a separate flag: test both, or the groups vanish on workers.
    return config.getoption("dist", "no") == "loadgroup" or bool(getattr(config.option, "loadgroup", False))


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Group, patience and order before every other plugin; then check xdist used the groups."""
    for item in items:
        if hasattr(item, "output_timeout"):          # an nbval cell
            item.output_timeout = NBVAL_OUTPUT_TIMEOUT
    if _distributed_by_group(config):
        for item in items:
            if item.get_closest_marker("xdist_group") is None:
                item.add_marker(pytest.mark.xdist_group(_file_of(item)))
    if os.environ.get("COURSEKIT_SUITE_ORDER") != "collection":   # benchmarks/bench_suite.py: old order
        items.sort(key=lambda item: _rank(_file_of(item)))   # stable: cells keep their order
    result = yield
    _refuse_untagged_groups(config, items)
    return result


def _refuse_untagged_groups(config, items) -> None:
    # If a pytest/xdist pairing stops honouring groups, a notebook's cells land on different
    # workers and fail with NameError far from the cause (seen with pytest 9.2): stop here.
    if not (hasattr(config, "workerinput") and _distributed_by_group(config)):
        return
    untagged = [item.nodeid for item in items if "@" not in item.nodeid]
    if untagged:
        raise pytest.UsageError(
            "pytest-xdist 没有按组分配测试，笔记本的单元格会被拆到不同进程。"
            "(xdist did not tag test ids with their group; check the pytest and pytest-xdist "
            f"pins in pyproject.toml.) First untagged test: {untagged[0]}")


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
