"""Classroom demo of the DHL case: segment and sliders change the readout and the chart."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit.widgets._base import readout_text  # noqa: E402
from coursekit.widgets._case_dhl import tracking_alert_demo  # noqa: E402


@pytest.fixture(scope="module")
def demo():
    built = tracking_alert_demo()
    yield built
    plt.close("all")


def set_values(demo, **values):
    for name, value in values.items():
        demo.controls[name].value = value
    return readout_text(demo)


def test_default_watches_all_customers_not_one_segment():
    # a fresh demo: the default must not be the segment the decision exercise asks for
    built = tracking_alert_demo()
    assert built.controls["segment"].value == "全部客户"
    assert "盯住「全部客户」" in readout_text(built)
    plt.close("all")


def test_the_key_accounts_of_2025(demo):
    text = set_values(demo, segment="重要价值客户", coverage=0.8, alert_share=0.6, avoid_rate=0.5)
    assert "盯住「重要价值客户」" in text
    assert "一年运单 63,086 票" in text and "延误投诉 243 件" in text
    assert "少收延误投诉 58.3 件" in text          # 243 x 0.8 x 0.6 x 0.5 = 58.32
    # the per-10,000 rate counts delay complaints only, and says so (was confused with all complaints)
    assert "每万票的延误投诉从 38.5 件降到 29.3 件" in text


def test_readout_never_gives_a_segments_share_of_delay_complaints(demo):
    """The notebook asks students for that share (3.3): 243 / 342 = 71.1% must not be printed."""
    for coverage in (0.8, 1.0):
        text = set_values(demo, segment="重要价值客户", coverage=coverage, alert_share=1.0, avoid_rate=1.0)
        assert "71.1%" not in text and "342" not in text and "全公司" not in text


def test_moving_a_slider_changes_the_readout(demo):
    before = set_values(demo, segment="重要价值客户", coverage=0.8, alert_share=0.6, avoid_rate=0.5)
    after = set_values(demo, coverage=0.95, alert_share=0.9)
    assert before != after
    assert "少收延误投诉 103.9 件" in after          # 243 x 0.95 x 0.9 x 0.5 = 103.88


def test_all_customers_sum_every_segment(demo):
    text = set_values(demo, segment="全部客户", coverage=1.0, alert_share=1.0, avoid_rate=1.0)
    assert "一年运单 87,608 票（占全部运单的 100.0%）" in text
    assert "少收延误投诉 342.0 件" in text and "降到 0.0 件" in text


def test_zero_coverage_avoids_nothing(demo):
    text = set_values(demo, segment="一般发展客户", coverage=0.0)
    assert "少收延误投诉 0.0 件" in text
    assert "0.0 个预警电话" in text


def test_controls_are_labelled_in_chinese(demo):
    assert demo.controls["segment"].options[0] == "全部客户"
    assert "重要价值客户" in demo.controls["segment"].options
    for name in ("coverage", "alert_share", "avoid_rate"):
        slider = demo.controls[name]
        assert (slider.min, slider.max) == (0.0, 1.0)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in slider.description)


def test_the_chart_names_the_watched_segment(demo):
    plt.close("all")
    set_values(demo, segment="一般挽留客户", coverage=0.9)
    titles = [ax.get_title() for num in plt.get_fignums() for ax in plt.figure(num).axes]
    assert any("一般挽留客户" in t for t in titles)


def small_tables():
    shipments = pd.DataFrame({
        "waybill_id": ["W1", "W2", "W3", "W4"],
        "customer_id": ["K1", "K1", "K1", "K2"],
        "order_date": pd.to_datetime(["2025-03-01", "2025-06-01", "2025-12-20", "2025-02-01"]),
        "revenue": [900.0, 800.0, 950.0, 10.0],
        "on_time": [False, True, False, False],
        "lost": [False, False, False, False]})
    complaints = pd.DataFrame({"waybill_id": ["W1", "W4"], "category": ["延误", "延误"]})
    return shipments, complaints


def test_small_tables_work():
    shipments, complaints = small_tables()
    demo = tracking_alert_demo(shipments, complaints, as_of="2025-12-31")
    text = set_values(demo, segment="全部客户", coverage=1.0, alert_share=1.0, avoid_rate=0.5)
    assert "一年运单 4 票" in text and "延误投诉 2 件" in text and "少收延误投诉 1.0 件" in text
    plt.close("all")


def test_missing_column_is_explained():
    shipments, complaints = small_tables()
    with pytest.raises(ValueError, match="on_time"):
        tracking_alert_demo(shipments.drop(columns="on_time"), complaints, as_of="2025-12-31")


def test_no_waybill_in_the_year_is_explained():
    shipments, complaints = small_tables()
    with pytest.raises(ValueError, match="365"):
        tracking_alert_demo(shipments, complaints, as_of="2027-06-30")
