"""Classroom demo of u05_negotiation.ipynb: moving a slider changes the break-even readout."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from coursekit.negotiation import breakeven_volume  # noqa: E402
from coursekit.widgets import readout_text  # noqa: E402
from coursekit.widgets._u05 import breakeven_demo, case_customer  # noqa: E402


@pytest.fixture()
def demo():
    # round numbers: 20 元 price, 14 元 cost, 1000 waybills a month
    built = breakeven_demo(price=20, unit_cost=14, monthly_volume=1000)
    yield built
    plt.close("all")


def test_default_readout_shows_the_break_even_volume(demo):
    text = readout_text(demo)
    # 10% off: margin 6 -> 4, so 1000 x 6 / 4 = 1500 waybills, 500 more (50%)
    assert "降价 10%" in text and "1,500 票/月" in text and "多发 500 票" in text and "50%" in text


def test_moving_the_discount_changes_the_readout(demo):
    before = readout_text(demo)
    demo.controls["discount"].value = 0.20
    after = readout_text(demo)
    assert after != before
    assert "3,000 票/月" in after                    # 1000 x 6 / (16 - 14)


def test_moving_the_volume_scales_the_extra_waybills(demo):
    demo.controls["volume"].value = 2000
    text = readout_text(demo)
    assert "3,000 票/月" in text and "多发 1,000 票" in text and "50%" in text


def test_a_discount_below_cost_is_explained_not_raised(demo):
    demo.controls["discount"].value = 0.30                # 14 元 after discount = the cost
    text = readout_text(demo)
    assert "不高于成本" in text and "补不回来" in text


def test_default_demo_uses_the_case_customer():
    from coursekit.data import load_dataset

    shipments, customers = load_dataset("shipments"), load_dataset("customers")
    case_id = case_customer(shipments, customers)
    assert customers.set_index("customer_id").loc[case_id, "industry"] == "服装"
    mine = shipments[(shipments["customer_id"] == case_id)
                     & (shipments["order_date"].dt.year == 2025)]
    price, cost, volume = mine["revenue"].mean(), mine["cost"].mean(), len(mine) / 12
    built = breakeven_demo()
    expected = breakeven_volume(round(volume), price, cost, 0.10)
    assert f"{expected:,.0f} 票/月" in readout_text(built)
    plt.close("all")
