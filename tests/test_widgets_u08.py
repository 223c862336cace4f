"""Classroom demos of u08_crm.ipynb: moving a control changes the readout (and the chart)."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import coursekit as ck  # noqa: E402
from coursekit.segments import monthly_waybills  # noqa: E402
from coursekit.widgets import readout_text  # noqa: E402
from coursekit.widgets._u08 import clv_demo, lifecycle_demo, rfm_demo  # noqa: E402


@pytest.fixture(scope="module")
def shipments():
    return ck.load_dataset("shipments")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def important_count(shipments, reference, window_days):
    table = ck.rfm_score(ck.rfm_table(shipments, as_of=ck.AS_OF, window_days=window_days))
    return int((ck.rfm_segment(table, reference=reference)["segment"] == "重要价值客户").sum())


def test_rfm_demo_readout_follows_reference_window_and_bins(shipments):
    demo = rfm_demo(shipments)
    first = readout_text(demo)
    assert f"重要价值客户 {important_count(shipments, 'mean', 365)} 家" in first
    assert "近 12 个月" in first and "最高分（5 分）" in first
    assert "收入" not in first, "the revenue share is u08b exercise 2's answer"
    assert plt.get_fignums(), "the demo draws its heatmap when it is built"

    demo.controls["reference"].value = "median"
    second = readout_text(demo)
    assert second != first and "中位数" in second
    assert f"重要价值客户 {important_count(shipments, 'median', 365)} 家" in second

    demo.controls["window"].value = 0
    assert f"重要价值客户 {important_count(shipments, 'median', None)} 家" in readout_text(demo)
    assert "全部三年" in readout_text(demo)

    demo.controls["bins"].value = 3
    assert "最高分（3 分）" in readout_text(demo)


def test_lifecycle_demo_changes_with_stage_and_group(shipments):
    stages = ck.lifecycle_stage(shipments, as_of=ck.AS_OF)
    demo = lifecycle_demo(stages=stages, monthly=monthly_waybills(shipments))
    n_decline = int((stages["stage"] == "衰退期").sum())
    first = readout_text(demo)
    assert f"衰退期客户共 {n_decline} 家" in first and "第 1 组例子" in first

    demo.controls["group"].value = 2
    second = readout_text(demo)
    assert second != first and "第 2 组例子" in second

    demo.controls["stage"].value = "终止期"
    third = readout_text(demo)
    assert "终止期客户共" in third and "近3个月没有下单" in third
    for group in (1, 2, 3):  # every group of every stage has examples in the course data
        for stage in ("成长期", "成熟期", "衰退期", "终止期"):
            demo.controls["stage"].value = stage
            demo.controls["group"].value = group
            assert "没有更多例子" not in readout_text(demo)


def test_lifecycle_demo_says_when_a_stage_runs_out_of_examples(shipments):
    small = shipments[shipments["customer_id"].isin(["C0065", "C0003", "C0044"])]
    demo = lifecycle_demo(shipments=small, leads=ck.load_dataset("leads"))
    demo.controls["stage"].value = "成长期"   # none of the three is growing
    assert "没有更多例子" in readout_text(demo)


def test_clv_demo_readout_is_the_formula():
    demo = clv_demo()
    # 5 x 0.9 / (1 + 0.1 - 0.9) = 22.5 (万元); average tenure 1 / (1 - 0.9) = 10 years
    first = readout_text(demo)
    assert "= 22.50 万元" in first and "约 10.0 年" in first

    demo.controls["retention"].value = 0.8
    assert "= 13.33 万元" in readout_text(demo)    # 5 x 0.8 / 0.3

    demo.controls["horizon"].value = 5
    # sum over t = 1..5 of 5 x (0.8 / 1.1) ** t = 3.64 + 2.64 + 1.92 + 1.40 + 1.02 = 10.62
    assert "只算前 5 年：CLV = 10.62 万元" in readout_text(demo)

    demo.controls["margin"].value = -2.0
    assert "= -5.33 万元" in readout_text(demo)    # a loss-making customer: the longer, the worse
