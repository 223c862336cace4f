"""Units 1-3: each tolerance matches what its prompt says (issue 12 review).

A prompt that allows rounding ("保留三位小数", "精确到元", "用表里三位小数的转化率算也可以")
must accept the rounded answer; a prompt that forbids a shortcut ("不要换成四舍五入后的
0.067") must reject it.
"""
import pytest

from coursekit.questions import QUESTIONS
from coursekit.questions import u02 as q02


def accepts(qid, answer) -> bool:
    return QUESTIONS[qid].accepts(answer)[0]


def expected(qid):
    return QUESTIONS[qid].expected_value()


@pytest.mark.parametrize("qid, digits", [
    ("u01.org_share", 3),          # 保留三位小数
    ("u01.left_after_5", 2),       # 保留两位小数
    ("u02.won_better_visits", 1),  # 保留一位小数
    ("u02.won_for_budget", 1),     # 保留一位小数
    ("u02.median_margin", 0),      # 误差 ±1 元
])
def test_a_number_rounded_as_the_prompt_allows_passes(qid, digits):
    assert accepts(qid, round(expected(qid), digits))


@pytest.mark.parametrize("qid, digits", [("u02.win_rate", 3), ("u02.cost_with_followup", 0)])
def test_a_series_rounded_as_the_prompt_allows_passes(qid, digits):
    assert accepts(qid, expected(qid).round(digits))


def test_funnel_what_if_passes_with_the_rounded_step_conversions_of_the_table():
    # the table shows 0.451, 0.563, 0.599, 0.583: both ways of using them pass
    assert accepts("u02.won_better_visits", 1150 * 0.451 * 0.70 * 0.599 * 0.583)
    assert accepts("u02.won_better_visits", 102 * 0.70 / 0.563)


def test_budget_passes_with_the_rounded_values_of_the_channels_table():
    ceiling = q02._referral_ceiling()
    assert ceiling == 23
    assert accepts("u02.won_for_budget", ceiling * 0.357 + (50_000 - ceiling * 332.2) / 1343.1)


def test_churn_answer_with_the_rounded_rate_is_rejected_as_the_prompt_says():
    from coursekit.questions.u01 import _churn_rate

    assert not accepts("u01.left_after_5", 100 * (1 - round(_churn_rate(), 3)) ** 5)
    assert accepts("u01.left_after_5", 100 * (1 - _churn_rate()) ** 5)


def test_exercise_scores_cannot_be_set_on_the_delivered_value_demo():
    # the demo's sliders move in steps of 5; exercise 6 changes four scores to other values
    from coursekit.questions.u01 import BROKEN_COSTS, BROKEN_VALUES
    from coursekit.widgets._u01 import OUR_COSTS, OUR_VALUES

    changed = {k: v for k, v in {**BROKEN_VALUES, **BROKEN_COSTS}.items()
               if v != {**OUR_VALUES, **OUR_COSTS}[k]}
    assert changed and all(v % 5 for v in changed.values())
