"""Classroom demo of u04_approach.ipynb: moving a weight slider changes the readout."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit.widgets._base import readout_text  # noqa: E402
from coursekit.widgets._u04 import priority_demo  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def small_leads():
    return pd.DataFrame({
        "lead_id": ["L1", "L2", "L3", "L9"],
        "company": ["近而小", "远而大", "近而弱", "已拜访"],
        "city": ["南宁", "柳州", "南宁", "南宁"],
        "distance_km": [10.0, 250.0, 20.0, 5.0],
        "need_level": ["高", "高", "低", "高"],
        "annual_logistics_spend": [300_000.0, 1_500_000.0, 60_000.0, 2_000_000.0],
        "decision_authority": ["决策者", "决策者", "使用者", "决策者"],
        "credit_rating": ["AA", "AA", "B", "AAA"],
        "stage": ["线索", "合格", "线索", "拜访"],
    })


def test_default_weights_rank_the_bigger_prize_first():
    demo = priority_demo(small_leads())
    text = readout_text(demo)
    assert "线索得分 50%，价值 30%，距离 20%" in text
    # 远而大: 0.5*95 + 0.3*75 + 0.2*50 = 80.0; 近而小: 65.6; the visited lead is left out
    assert "1. 远而大（柳州，250 公里，优先分 80.0）" in text
    assert "2. 近而小（南宁，10 公里，优先分 65.6）" in text
    assert "已拜访" not in text


def test_distance_slider_brings_the_near_lead_forward():
    demo = priority_demo(small_leads())
    before = readout_text(demo)
    demo.controls["distance"].value = 10
    after = readout_text(demo)
    assert after != before
    # weights 5:3:10 -> 近而小 = (5*83 + 3*15 + 10*98) / 18 = 80.0
    assert "1. 近而小（南宁，10 公里，优先分 80.0）" in after


def test_all_weights_zero_is_explained():
    demo = priority_demo(small_leads())
    for name in ("score", "value", "distance"):
        demo.controls[name].value = 0
    assert "不能都是 0" in readout_text(demo)
    demo.controls["value"].value = 1
    assert "1. 远而大" in readout_text(demo)   # value only: 75 points beats 15


def test_demo_on_the_course_leads():
    demo = priority_demo()
    text = readout_text(demo)
    assert text.count("优先分") == 5
    demo.controls["score"].value = 10
    assert readout_text(demo) != text
