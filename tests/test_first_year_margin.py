"""coursekit.first_year_margin (unit 2: what a won customer brings in its first year) and
the shared scale of plots.funnel_chart, on small hand-made frames."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit import first_year_margin  # noqa: E402
from coursekit.plots import funnel_chart  # noqa: E402


def leads():
    return pd.DataFrame({"lead_id": ["L1", "L2", "L3"], "channel": ["展会", "广告", "广告"],
                         "won_date": pd.to_datetime(["2024-01-10", "2025-06-01", None]),
                         "customer_id": ["C1", "C2", None]})


def ships():
    # C1: two waybills inside its first 365 days (2024-01-10 .. 2025-01-08; 2024 is a leap
    # year), one on day 366, one before it was won
    return pd.DataFrame({"customer_id": ["C1", "C1", "C1", "C1", "C2"],
                         "order_date": pd.to_datetime(["2024-02-01", "2025-01-08", "2025-01-09",
                                                       "2023-12-31", "2025-07-01"]),
                         "revenue": [100.0, 50.0, 80.0, 999.0, 30.0],
                         "cost": [70.0, 40.0, 60.0, 1.0, 45.0]})


def test_first_year_is_won_date_plus_365_days():
    table = first_year_margin(leads(), ships(), as_of="2025-12-31").set_index("lead_id")
    assert list(table.index) == ["L1", "L2"]                 # L3 was never won
    assert table.loc["L1", "revenue"] == 150.0                # 100 + 50; 80 is on day 366
    assert table.loc["L1", "gross_margin"] == 40.0                  # (100 - 70) + (50 - 40)
    assert table.loc["L2", "gross_margin"] == -15.0                 # 30 - 45: a loss is kept
    assert table["full_year"].tolist() == [True, False]       # L2's year ends 2026-05-31


def test_a_year_ending_on_as_of_is_full_and_no_waybill_counts_zero():
    won = leads().iloc[:1].assign(won_date=pd.to_datetime(["2025-01-01"]), customer_id="C9")
    table = first_year_margin(won, ships(), as_of="2025-12-31")
    assert table["full_year"].item() and table["gross_margin"].item() == 0.0
    assert not first_year_margin(won, ships(), as_of="2025-12-30")["full_year"].item()


def test_bad_inputs_are_named():
    with pytest.raises(TypeError, match="as_of"):
        first_year_margin(leads(), ships(), as_of=None)
    with pytest.raises(ValueError, match="won_date"):
        first_year_margin(leads().drop(columns="won_date"), ships(), as_of="2025-12-31")
    with pytest.raises(ValueError, match="L2"):
        first_year_margin(leads().assign(customer_id=["C1", None, None]), ships(),
                          as_of="2025-12-31")
    with pytest.raises(TypeError, match="revenue"):
        first_year_margin(leads(), ships().assign(revenue="很多"), as_of="2025-12-31")
    with pytest.raises(ValueError, match="days"):
        first_year_margin(leads(), ships(), as_of="2025-12-31", days=0)


def test_funnels_side_by_side_share_a_scale():
    small = pd.DataFrame({"stage": ["线索", "成交"], "leads": [115, 41]})
    big = pd.DataFrame({"stage": ["线索", "成交"], "leads": [300, 5]})
    _, (left, right) = plt.subplots(1, 2)
    funnel_chart(small, ax=left, scale=300)
    funnel_chart(big, ax=right, scale=300)
    widths = [bar.get_width() for bar in left.patches]
    assert left.get_xlim() == right.get_xlim() == (0, 300)
    assert widths == [115, 41] and left.patches[0].get_x() == (300 - 115) / 2
    with pytest.raises(ValueError, match="scale"):
        funnel_chart(big, scale=200)                     # narrower than the widest bar
    plt.close("all")
