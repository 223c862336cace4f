"""Classroom demo of the Walmart case: the year slider changes readout and chart."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit.data import load_dataset  # noqa: E402
from coursekit.widgets._base import readout_text  # noqa: E402
from coursekit.widgets._case_walmart import walmart_expansion_demo  # noqa: E402


@pytest.fixture(scope="module")
def demo():
    built = walmart_expansion_demo()
    yield built
    plt.close("all")


def test_readout_counts_dcs_and_that_years_new_stores(demo):
    demo.controls["year"].value = 1989
    text = readout_text(demo)
    assert "截至 1989 年" in text
    # 10 DCs by the end of 1989 (WM10); 1,340 - 1,209 = 131 stores opened in 1989
    assert "配送中心 10 个" in text and "新开门店 131 家" in text


def test_readout_never_shows_the_running_total_or_the_ratio(demo):
    """The notebook asks students for stores per DC (3.2): no year of the demo may show it."""
    data = load_dataset("walmart_stores")
    year = data["open_date"].dt.year
    for shown in range(1962, 2007):
        demo.controls["year"].value = shown
        plt.close("all")   # each year draws a new chart; 45 open figures would only waste memory
        text = readout_text(demo)
        stores = int(((year <= shown) & ~data["is_dc"]).sum())
        opened = int(((year == shown) & ~data["is_dc"]).sum())
        dcs = int(((year <= shown) & data["is_dc"]).sum())
        if stores != opened:                       # 1962: the total is that year's openings
            assert f"{stores:,} 家" not in text
        assert f"{stores / dcs:.1f}" not in text and "平均每个配送中心" not in text


def test_moving_the_slider_changes_the_readout(demo):
    demo.controls["year"].value = 1979
    before = readout_text(demo)
    demo.controls["year"].value = 2006
    after = readout_text(demo)
    assert before != after
    # 258 - 215 = 43 stores opened in 1979; 3,173 - 3,136 = 37 in 2006 (data end in August)
    assert "新开门店 43 家" in before and "新开门店 37 家" in after and "配送中心 78 个" in after


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


def test_small_frame_without_dcs_works():
    stores = pd.DataFrame({"open_date": pd.to_datetime(["1970-01-01"]), "longitude": [-94.0],
                           "latitude": [36.0], "is_dc": [False]})
    demo = walmart_expansion_demo(stores)
    assert "配送中心 0 个" in readout_text(demo) and "新开门店 0 家" in readout_text(demo)
    plt.close("all")


def test_missing_column_is_explained():
    with pytest.raises(ValueError, match="is_dc"):
        walmart_expansion_demo(pd.DataFrame({"open_date": ["1970-01-01"], "longitude": [-94.0],
                                             "latitude": [36.0]}))
