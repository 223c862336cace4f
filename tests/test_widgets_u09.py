"""Classroom demos of u09_complaints.ipynb: moving a control changes the readout."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import coursekit as ck  # noqa: E402
from coursekit.data import load_dataset  # noqa: E402
from coursekit.widgets._base import readout_text  # noqa: E402
from coursekit.widgets._u09 import complaint_pareto_demo, deadline_demo  # noqa: E402


@pytest.fixture(scope="module")
def complaints():
    return load_dataset("complaints")


@pytest.fixture(scope="module")
def demo(complaints):
    built = deadline_demo(complaints, load_dataset("shipments"))
    yield built
    plt.close("all")


def rate(complaints, **options):
    return ck.complaint_kpis(complaints, 1, **options)["within_deadline_rate"]


def test_default_is_seven_working_days_and_agrees_with_complaint_kpis(demo, complaints):
    text = readout_text(demo)
    expected = f"{rate(complaints).iloc[0]:.1%}"
    assert "期限 7 个工作日" in text and f"按时办结 {expected}" in text
    assert "《邮政业消费者申诉处理办法》" in text and "规章" not in text
    assert "公司目标" in text and "答复" in text, "closing in 7 days is the company's target, not the rule"


def test_slider_and_day_count_change_the_readout(demo, complaints):
    demo.controls["days"].value = 3
    three = readout_text(demo)
    assert f"按时办结 {rate(complaints, deadline_days=3).iloc[0]:.1%}" in three
    demo.controls["mode"].value = "日历日"
    calendar = readout_text(demo)
    assert calendar != three and "3 个日历日" in calendar
    assert f"{rate(complaints, deadline_days=3, working_days=False).iloc[0]:.1%}" in calendar
    demo.controls["mode"].value = "工作日（不含周六、周日）"
    demo.controls["days"].value = 7


def test_category_dropdown(demo, complaints):
    demo.controls["category"].value = "丢失"
    text = readout_text(demo)
    lost = rate(complaints, by="category").loc["丢失"]
    assert text.startswith("丢失投诉") and f"{lost:.1%}" in text
    demo.controls["category"].value = "全部"


def test_pareto_demo_lists_the_vital_few(complaints):
    built = complaint_pareto_demo(complaints)
    table = ck.complaint_pareto(complaints)
    few = "、".join(table.loc[table["vital_few"], "category"])
    assert few in readout_text(built)
    built.controls["measure"].value = "赔偿金额"
    money = ck.complaint_pareto(complaints, value="compensation")
    assert "按赔偿金额" in readout_text(built)
    assert "、".join(money.loc[money["vital_few"], "category"]) in readout_text(built)
    before = readout_text(built)
    built.controls["cutoff"].value = 0.95
    assert readout_text(built) != before
    built.controls["year"].value = 2024
    assert readout_text(built).startswith("2024，")
    built.controls["year"].value = 2025
    built.controls["measure"].value = "投诉条数"
    built.controls["cutoff"].value = 0.8
    recent = ck.complaint_pareto(complaints[complaints["received_at"].dt.year == 2025])
    share = recent.loc[recent["vital_few"], "share"].sum()
    assert f"{share:.1%}" not in readout_text(built), "the 2025 share is exercise 4's answer"
    plt.close("all")
