"""Classroom demo of case_cre.ipynb: moving a control changes the readout."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from coursekit.widgets import readout_text  # noqa: E402
from coursekit.widgets._case_cre import milk_train_demo  # noqa: E402


@pytest.fixture()
def demo():
    built = milk_train_demo()
    yield built
    plt.close("all")


def test_default_readout_uses_the_case_figures(demo):
    text = readout_text(demo)
    # 48 h of 6,000,000 yuan at 20%: 6e6 x 0.2 x 2 / 365 = 6,575 yuan; 2 of 180 days = 1.1%
    assert "48 小时" in text and "6,575 元" in text
    assert "1.1%" in text and "过期" not in text


def test_moving_the_hours_slider_changes_the_readout(demo):
    before = readout_text(demo)
    demo.controls["hours"].value = 98
    after = readout_text(demo)
    assert after != before
    assert "98 小时" in after and "13,425 元" in after      # the milk train's own cost


def test_value_and_rate_change_the_cost(demo):
    demo.controls["value_wan"].value = 1200                  # twice the value: twice the cost
    assert "13,151 元" in readout_text(demo)
    demo.controls["rate"].value = 0.10                       # half the rate: back to the default
    assert "6,575 元" in readout_text(demo)


def test_no_setting_shows_the_exercise_answer(demo):
    """The notebook's cost exercise (600 万元, 18%, 360 h vs 98 h) saves 32,301 yuan a trip.

    The readout shows one trip's cost only (no saving), and the sliders cannot make
    value x rate x hours equal the exercise's: the answer is not on the projector.
    """
    from coursekit.questions.case_cre import QUESTIONS

    answer = next(q for q in QUESTIONS if q.id == "case_cre.cost_saved").expected_value()
    value, rate, hours = demo.controls["value_wan"], demo.controls["rate"], demo.controls["hours"]
    assert "比旧方式少" not in readout_text(demo)
    for v in range(value.min, value.max + 1, value.step):
        for r in range(round(rate.min / rate.step), round(rate.max / rate.step) + 1):
            for h in range(hours.min, hours.max + 1, hours.step):
                cost = v * 10_000 * (r * rate.step) * h / 24 / 365
                assert abs(cost - answer) > 1


def test_short_shelf_life_warns_that_goods_expire(demo):
    demo.controls["shelf_days"].value = 7
    demo.controls["hours"].value = 200
    text = readout_text(demo)
    assert "119.0%" in text and "过期" in text


def test_demo_accepts_explicit_hours_without_data():
    plt.close("all")
    built = milk_train_demo(old_hours=120, train_hours=33)
    built.controls["hours"].value = 120
    assert "120 小时" in readout_text(built)
    labels = [t.get_text() for num in plt.get_fignums() for ax in plt.figure(num).axes
              for t in ax.get_xticklabels()]
    assert any("33 小时" in t for t in labels)               # the given train time is drawn
    plt.close("all")
