"""Classroom demo of the Walmart case: the year slider changes readout and chart."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit.widgets._base import readout_text  # noqa: E402
from coursekit.widgets._case_walmart import walmart_expansion_demo  # noqa: E402


@pytest.fixture(scope="module")
def demo():
    built = walmart_expansion_demo()
    yield built
    plt.close("all")


def test_readout_matches_the_published_counts(demo):
    demo.controls["year"].value = 1989
    text = readout_text(demo)
    assert "截至 1989 年" in text
    assert "门店 1,340 家" in text and "配送中心 10 个" in text
    assert "平均每个配送中心 134.0 家店" in text


def test_moving_the_slider_changes_the_readout(demo):
    demo.controls["year"].value = 1979
    before = readout_text(demo)
    demo.controls["year"].value = 2006
    after = readout_text(demo)
    assert before != after
    assert "门店 258 家" in before and "门店 3,173 家" in after and "配送中心 78 个" in after


def test_early_years_warn_about_the_1962_dc(demo):
    demo.controls["year"].value = 1965
    assert "1970" in readout_text(demo)
    demo.controls["year"].value = 1975
    assert "1962" not in readout_text(demo)


def test_slider_covers_1962_to_2006(demo):
    slider = demo.controls["year"]
    assert (slider.min, slider.max) == (1962, 2006)
    assert slider.description == "年份"


def test_the_chart_is_redrawn_with_the_year_in_its_title(demo):
    plt.close("all")
    demo.controls["year"].value = 1990
    titles = [ax.get_title() for num in plt.get_fignums() for ax in plt.figure(num).axes]
    assert any("1990" in t for t in titles)


def test_small_frame_without_dcs_does_not_divide_by_zero():
    stores = pd.DataFrame({"open_date": pd.to_datetime(["1970-01-01"]), "longitude": [-94.0],
                           "latitude": [36.0], "is_dc": [False]})
    demo = walmart_expansion_demo(stores)
    assert "配送中心 0 个" in readout_text(demo) and "—" in readout_text(demo)
    plt.close("all")


def test_missing_column_is_explained():
    with pytest.raises(ValueError, match="is_dc"):
        walmart_expansion_demo(pd.DataFrame({"open_date": ["1970-01-01"], "longitude": [-94.0],
                                             "latitude": [36.0]}))
