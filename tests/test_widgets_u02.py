"""Classroom demo of u02_prospecting.ipynb: moving a control changes the readout."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit.widgets import readout_text  # noqa: E402
from coursekit.widgets._u02 import channel_budget_demo, expected_from_budget  # noqa: E402


@pytest.fixture()
def demo():
    built = channel_budget_demo()
    yield built
    plt.close("all")


def test_default_readout_names_the_channel_and_the_best_one(demo):
    text = readout_text(demo)
    # 广告 in the company data: 57.90 元 a lead, 1.7% won; 50,000 元 buys ~863 leads, ~14.4 customers
    assert "50,000 元" in text and "「广告」" in text
    assert "863 条线索" in text and "14.4 个客户" in text
    assert "「转介绍」成交最多" in text and "53.7 个客户" in text


def test_changing_channel_and_budget_changes_the_readout(demo):
    before = readout_text(demo)
    demo.controls["channel"].value = "转介绍"
    after = readout_text(demo)
    assert after != before and "这是成交客户最多的渠道" in after
    demo.controls["budget"].value = 100_000
    assert "107.3 个客户" in readout_text(demo)          # twice the money, twice the customers


def test_expected_from_budget_uses_cost_per_lead_and_win_rate():
    table = pd.DataFrame({"win_rate": [0.5, 0.1], "cost_per_lead": [100.0, 20.0]},
                         index=["转介绍", "广告"])
    leads, won = expected_from_budget(table, 1000)
    assert leads.tolist() == [10.0, 50.0]
    assert won.tolist() == [5.0, 5.0]


def test_demo_runs_on_a_small_lead_table():
    leads = pd.DataFrame({"channel": ["展会", "展会", "电话", "电话"],
                          "stage": ["成交", "流失", "成交", "流失"],
                          "furthest_stage": ["成交", "合格", "成交", "线索"],
                          "channel_cost": [500.0, 500.0, 50.0, 50.0]})
    built = channel_budget_demo(leads)
    text = readout_text(built)       # no 广告 in this table: the first channel is shown
    assert "「展会」" in text and "100 条线索" in text and "50.0 个客户" in text
    assert "「电话」成交最多" in text
    plt.close("all")
