"""Classroom demo of u06_closing.ipynb: moving a slider changes the payment-terms readout."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from coursekit.widgets import readout_text  # noqa: E402
from coursekit.widgets._u06 import payment_terms_demo  # noqa: E402


@pytest.fixture()
def demo():
    built = payment_terms_demo()
    yield built
    plt.close("all")


def test_default_readout_prices_sixty_days(demo):
    text = readout_text(demo)
    # 1,200,000 x 60 / 365 = 197,260 元 tied up; x 6% = 11,836 元; 6% x 60 / 365 = 0.99%
    assert "120 万元" in text and "60 天" in text
    assert "19.7 万元" in text and "11,836 元" in text and "0.99%" in text


def test_moving_the_terms_changes_the_readout(demo):
    before = readout_text(demo)
    demo.controls["days"].value = 90
    after = readout_text(demo)
    assert after != before
    assert "17,753 元" in after and "1.48%" in after          # 1.2e6 x 0.06 x 90 / 365


def test_rate_and_revenue_scale_the_cost(demo):
    demo.controls["annual_rate"].value = 0.03                  # half the rate: half the cost
    assert "5,918 元" in readout_text(demo)
    demo.controls["revenue_wan"].value = 240                   # twice the revenue: back again
    assert "11,836 元" in readout_text(demo)


def test_cash_terms_cost_nothing(demo):
    demo.controls["days"].value = 0
    text = readout_text(demo)
    assert "现结" in text and "0 元" in text
