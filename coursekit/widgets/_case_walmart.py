"""Classroom demo of the Walmart case: drag the year, watch stores and DCs spread."""
from __future__ import annotations

import numpy as np

from .._validate import require_columns, require_dates, require_frame
from ._base import classroom_demo

FIRST_YEAR, LAST_YEAR = 1962, 2006
# the data date the Bentonville DC 1962; published histories say 1970
FIRST_DC_YEAR_IN_HISTORY = 1970
# lower 48 states; fixed so the map does not jump while the slider moves
MAP_LIMITS = {"xlim": (-125.0, -66.0), "ylim": (24.0, 50.0)}
MAP_ASPECT = 1 / np.cos(np.radians(38.0))  # one degree of longitude is shorter than one of latitude


def _prepare(stores):
    """Arrays of opening year, coordinates and DC flag, computed once per demo."""
    require_frame(stores, "stores")
    require_columns(stores, ["open_date", "longitude", "latitude", "is_dc"], "stores")
    years = require_dates(stores, "open_date", "stores").dt.year.to_numpy()
    return (years, stores["longitude"].to_numpy(dtype=float),
            stores["latitude"].to_numpy(dtype=float), stores["is_dc"].to_numpy(dtype=bool))


def walmart_expansion_demo(stores=None):
    """Year slider 1962-2006: map of the stores and DCs open by that year, with a readout.

    The readout gives the DCs open by that year and the stores opened in that
    year only (not the running total), so it cannot stand in for the notebook's
    stores-per-DC exercise.

    Parameters
    ----------
    stores : DataFrame, optional
        The ``walmart_stores`` dataset (default: loaded from the course data).
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    if stores is None:
        from ..data import load_dataset

        stores = load_dataset("walmart_stores")
    years, lon, lat, is_dc = _prepare(stores)
    slider = w.IntSlider(value=1980, min=FIRST_YEAR, max=LAST_YEAR, step=1, description="年份",
                         continuous_update=False)

    def readout(year):
        # No cumulative store count and no stores-per-DC ratio here: students compute
        # that ratio themselves in the notebook (exercise of 3.2), so the demo must not show it.
        n_dcs = int(((years <= year) & is_dc).sum())
        n_new = int(((years == year) & ~is_dc).sum())
        text = f"截至 {year} 年：配送中心 {n_dcs} 个；{year} 年这一年新开门店 {n_new} 家"
        if year < FIRST_DC_YEAR_IN_HISTORY:
            text += "\n注意：数据把本顿维尔配送中心记为 1962 年，史料记载的第一个配送中心是 1970 年才建成的。"
        return text

    def draw(year):
        _, ax = plt.subplots(figsize=(8, 5.2), layout="constrained")
        open_by = years <= year
        new = years == year
        ax.scatter(lon, lat, s=2, color="#e6e6e6", label="2006 年时的全部网点")
        shops = open_by & ~is_dc & ~new
        ax.scatter(lon[shops], lat[shops], s=5, color="#4C72B0", label="已开业门店")
        ax.scatter(lon[new & ~is_dc], lat[new & ~is_dc], s=12, color="#DD8452",
                   label=f"{year} 年新开门店")
        dcs = open_by & is_dc
        ax.scatter(lon[dcs], lat[dcs], s=60, marker="^", color="black", edgecolor="white",
                   linewidth=0.5, label="配送中心")
        ax.set(title=f"沃尔玛门店与配送中心（截至 {year} 年）", xlabel="经度", ylabel="纬度",
               **MAP_LIMITS)
        ax.set_aspect(MAP_ASPECT)
        ax.legend(loc="lower right", fontsize=8)
        return ax

    return classroom_demo({"year": slider}, readout, draw,
                          title="课堂演示：沃尔玛从阿肯色州向外扩张")
