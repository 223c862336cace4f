"""Classroom demos of u03_identification.ipynb: moving a control changes the readout."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit.widgets import readout_text  # noqa: E402
from coursekit.widgets._u03 import lead_score_demo, screening_demo  # noqa: E402


@pytest.fixture()
def score_demo():
    built = lead_score_demo()
    yield built
    plt.close("all")


@pytest.fixture()
def screen_demo():
    built = screening_demo()
    yield built
    plt.close("all")


def test_lead_score_default_matches_qualify_leads(score_demo):
    text = readout_text(score_demo)
    # qualify_leads with its default weights on the company data
    assert "需求 30%、购买力 30%、决策权 20%、信用 20%" in text
    # 237, 619 and 294 of 1150 leads; 42 of the 237 were won (Wilson 95%: 13.4%-23.1%)
    assert "优先跟进占 20.6%、持续培育占 53.8%、暂缓占 25.6%（共 1150 条线索）" in text
    assert "17.7%（95% 区间 13.4%—23.1%；全部线索平均 8.9%）" in text
    assert "237" not in text and "换一批新线索" in text


def test_weights_change_the_grades(score_demo):
    before = readout_text(score_demo)
    for key in ("power", "authority", "credit"):
        score_demo.controls[key].value = 0
    score_demo.controls["need"].value = 1
    after = readout_text(score_demo)
    assert after != before
    assert "需求 100%" in after and "优先跟进占 23.2%" in after   # the 267 leads whose need is 高


def test_a_higher_cutoff_leaves_fewer_priority_leads(score_demo):
    score_demo.controls["high"].value = 80
    text = readout_text(score_demo)
    assert "优先跟进占 8.7%" in text and "暂缓占 25.6%" in text      # 100 and 294 of 1150


def test_all_weights_zero_is_explained_not_raised(score_demo):
    for key in ("need", "power", "authority", "credit"):
        score_demo.controls[key].value = 0
    assert "不能全是 0" in readout_text(score_demo)


def test_screening_default_lists_the_low_current_ratios(screen_demo):
    text = readout_text(screen_demo)
    assert "下限 1.5" in text and "24 家中有 5 家不达标（P03、P13、P15、P17、P21）" in text
    assert "9 家" in text


def test_moving_the_current_ratio_mark(screen_demo):
    screen_demo.controls["mark"].value = 2.0
    text = readout_text(screen_demo)
    assert "8 家不达标" in text and "P01" in text and "8 家" in text.split("\n")[-1]
    screen_demo.controls["mark"].value = 1.0
    assert "1 家不达标（P13）" in readout_text(screen_demo)


def test_demos_accept_small_tables():
    leads = pd.DataFrame({"lead_id": ["L1", "L2"], "need_level": ["高", "低"],
                          "annual_logistics_spend": [1_200_000, 50_000],
                          "decision_authority": ["决策者", "使用者"], "credit_rating": ["AA", "B"],
                          "furthest_stage": ["成交", "线索"]})
    assert "优先跟进占 50.0%" in readout_text(lead_score_demo(leads))
    financials = pd.DataFrame({"prospect_id": ["P1", "P2"], "current_assets": [300.0, 120.0],
                               "current_liabilities": [150.0, 100.0], "net_profit": [80.0, 10.0],
                               "revenue": [1000.0, 500.0], "total_assets": [800.0, 400.0],
                               "receivable_days": [45.0, 120.0], "inventory_days": [30.0, 60.0]})
    text = readout_text(screening_demo(financials))
    assert "2 家中有 1 家不达标（P2）" in text and "1 家" in text
    plt.close("all")


def test_no_priority_lead_is_said_plainly():
    leads = pd.DataFrame({"lead_id": ["L1"], "need_level": ["低"], "annual_logistics_spend": [50_000],
                          "decision_authority": ["使用者"], "credit_rating": ["B"],
                          "furthest_stage": ["线索"]})
    text = readout_text(lead_score_demo(leads))
    assert "没有线索达到优先跟进的分数线" in text and "优先跟进占 0.0%" in text
    plt.close("all")
