"""Classroom demos of u07_service.ipynb: moving a control changes the readout."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import coursekit as ck  # noqa: E402
from coursekit.data import load_dataset  # noqa: E402
from coursekit.widgets._base import readout_text  # noqa: E402
from coursekit.widgets._u07 import service_demo, word_of_mouth_demo  # noqa: E402


@pytest.fixture(scope="module")
def shipments():
    return load_dataset("shipments")


@pytest.fixture(scope="module")
def demo(shipments):
    built = service_demo(shipments, load_dataset("customers"))
    yield built
    plt.close("all")


def percent(value):
    return f"{value:.1%}"


def test_default_is_2025_and_agrees_with_service_kpis(demo, shipments):
    kpis = ck.service_kpis(shipments[shipments["order_date"].dt.year == 2025]).iloc[0]
    text = readout_text(demo)
    assert "2025-01 至 2025-12" in text and "全部产品" in text and "全部行业" in text
    assert f"运单 {int(kpis['waybills']):,} 票" in text
    assert f"准时率 {percent(kpis['on_time_rate'])}" in text
    assert f"完美订单率 {percent(kpis['perfect_order_rate'])}" in text


def test_product_dropdown_changes_the_readout(demo, shipments):
    before = readout_text(demo)
    demo.controls["service"].value = "快递"
    after = readout_text(demo)
    assert after != before and "快递产品" in after
    ships = shipments[(shipments["order_date"].dt.year == 2025) & (shipments["service"] == "快递")]
    rate = ck.service_kpis(ships)["perfect_order_rate"].iloc[0]
    assert f"完美订单率 {percent(rate)}" in after
    demo.controls["service"].value = "全部"


def test_month_range_and_industry(demo, shipments):
    demo.controls["period"].value = ("2025-11", "2025-11")
    november = readout_text(demo)
    ships = shipments[shipments["order_date"].dt.strftime("%Y-%m") == "2025-11"]
    assert "2025-11 至 2025-11" in november
    assert f"准时率 {percent(ck.service_kpis(ships)['on_time_rate'].iloc[0])}" in november
    demo.controls["industry"].value = "医药"
    assert "医药行业" in readout_text(demo) and readout_text(demo) != november
    demo.controls["industry"].value = "全部"


def test_a_choice_without_waybills_says_so(demo):
    demo.controls["service"].value = "整车"
    demo.controls["industry"].value = "个人寄件"
    assert "没有运单" in readout_text(demo)
    demo.controls["service"].value = "全部"
    demo.controls["industry"].value = "全部"


def test_an_industry_left_out_is_not_offered(shipments):
    built = service_demo(shipments, load_dataset("customers"), industries=["电商", "食品"])
    assert list(built.controls["industry"].options) == ["全部", "电商", "食品"]
    built.controls["industry"].value = "食品"
    assert "食品行业" in readout_text(built)
    plt.close("all")


@pytest.mark.parametrize("bad", ["医药", ["医药", "航天"], []])
def test_industries_must_be_industries_of_the_data(shipments, bad):
    with pytest.raises((TypeError, ValueError), match="industries"):
        service_demo(shipments, load_dataset("customers"), industries=bad)


def test_word_of_mouth_demo_turns_at_77_satisfied():
    built = word_of_mouth_demo()
    text = readout_text(built)
    assert "270 人听到好话" in text and "100 人听到坏话" in text
    built.controls["satisfied"].value = 77          # 231 vs 230
    assert "好话传得更广" in readout_text(built)
    built.controls["satisfied"].value = 76          # 228 vs 240
    assert "坏话传得更广" in readout_text(built)
    built.controls["tells"].value = 1.0
    assert "76 人听到好话" in readout_text(built)
    plt.close("all")
