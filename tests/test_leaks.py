"""No exercise's answer is on a student's screen before they work it out.

For every question of every notebook, ``tests/leakscan.py`` looks through the
committed student edition (prose, code, stored outputs, saved widget state):

* a number answer leaks when a number within its tolerance is shown
  (58.3%, 0.583 and 58.3 all count for 0.583; whole numbers below 10 are too
  common to scan);
* a set answer leaks when one output lists all of its members;
* a text answer that is data (2025-03) leaks when an output shows it.

Choice answers cannot be found this way: reviewers read for them.
"""
import json
import sys
from pathlib import Path

import pytest

from coursekit.exercises import questions_for
from coursekit.questions import number
from coursekit.teacher.edition import STUDENT_DIR, course_notebooks, unit_of

sys.path.insert(0, str(Path(__file__).parent))
from leakscan import leaks  # noqa: E402

STUDENT_NOTEBOOKS = course_notebooks(STUDENT_DIR)

# Coincidences a reader checked: (question id, number shown) → why it is not the answer.
ALLOWED: dict[tuple[str, str], str] = {
    ("u00.first_sum", "12"): "00_start: row number 12 of the describe_dataset table, not a sum of pieces",
    ("u07.best_perfect", "90.909"): "u07: 90.909 complaints per 1,000 waybills (customer C0231), not a rate",
    ("case_walmart.stores_per_dc_1991", "120.0"): "case_walmart 3.5: median distance (km) at opening of "
                                                  "the 2000s stores, not a stores-per-DC ratio",
}

def _leaks_of(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [leak for leak in leaks(notebook, questions_for(unit_of(path)))
            if (leak.question, leak.shown) not in ALLOWED]


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=lambda p: p.name)
def test_no_answer_is_visible_in_the_student_edition(path):
    found = _leaks_of(path)
    assert not found, "answers on screen:\n" + "\n".join(map(str, found))


def test_allowed_coincidences_are_explained():
    assert all(reason.strip() for reason in ALLOWED.values())


# ------------------------------------------------------------ the scanner itself

def _notebook(*texts):
    return {"cells": [{"cell_type": "markdown", "source": t, "metadata": {}} for t in texts],
            "metadata": {}}


def _share_question():
    return number("u01.share_demo", 0.583, hint="", wrong=[0.5], tolerance=0.005)


@pytest.mark.parametrize("shown", ["成交率 58.3%", "0.583", "约 0.58", "| 58.3 |", "0.5834"])
def test_the_scanner_finds_an_answer_however_it_is_printed(shown):
    assert leaks(_notebook(shown), [_share_question()])


@pytest.mark.parametrize("shown", ["约 0.6", "60%", "客户 C0583", "2025-05-83", "IPY_MODEL_0583ab", "0583fe21"])
def test_the_scanner_ignores_other_numbers(shown):
    assert not leaks(_notebook(shown), [_share_question()])


def test_the_scanner_reads_thousands_separators_and_wan():
    money = number("u01.money_demo", 125_000, hint="", wrong=[1], tolerance=0.5)
    assert leaks(_notebook("收入 125,000 元"), [money])
    assert leaks(_notebook("约 12.5万 元"), [money])
    assert not leaks(_notebook("收入 125 元"), [money])


def test_the_scanner_skips_pictures_in_saved_widget_state():
    answer = number("u01.count_demo", 58, hint="", wrong=[1])
    picture = {"output_type": "display_data", "data": {"image/png": "iVBOR+58/xyz", "text/plain": "图"}}
    notebook = {"cells": [], "metadata": {"widgets": {"state": {"m": {"outputs": [picture]}}}}}
    assert not leaks(notebook, [answer])
    picture["data"]["text/plain"] = "共 58 家"
    assert leaks(notebook, [answer])


def test_the_scanner_skips_widget_model_ids():
    answer = number("u01.id_demo", 0.32, hint="", wrong=[1], tolerance=0.005)
    state = {"state": {"32b5eed0840542e780526f66a44045e4": {"children": ["IPY_MODEL_"
                                                                        "32aaeed0840542e780526f66a44045e4"]}}}
    assert not leaks({"cells": [], "metadata": {"widgets": state}}, [answer])
    state["state"]["x"] = {"value": "多出 32%"}
    assert leaks({"cells": [], "metadata": {"widgets": state}}, [answer])
