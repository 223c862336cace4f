"""Classroom demo of the DHL-Sinotrans case: which customers' waybills to watch and warn about.

The data are the course's fictional Nanning company, not DHL's: the demo shows
how a CRM segment (RFM) and IT tracking together change the number of delay
complaints, under assumptions the class sets with the sliders.
"""
from __future__ import annotations

import pandas as pd

from .._validate import fail, require_columns, require_dates, require_frame
from ._base import classroom_demo, given_or_loaded

ALL = "全部客户"
DAYS_PER_YEAR = 365


def _segmented_waybills(shipments, as_of):
    """Waybills of the year before ``as_of`` (365 days), each with its customer's RFM segment."""
    from ..classify import rfm_score, rfm_segment, rfm_table

    require_frame(shipments, "shipments")
    require_columns(shipments, ["customer_id", "order_date"], "shipments")
    rfm = rfm_segment(rfm_score(rfm_table(shipments, as_of=as_of, window_days=DAYS_PER_YEAR)))
    ordered = require_dates(shipments, "order_date", "shipments")
    end = pd.Timestamp(as_of).normalize()
    start = end - pd.Timedelta(days=DAYS_PER_YEAR - 1)  # the same 365 days as rfm_table's window
    day = ordered.dt.normalize()
    inside = (day >= start) & (day <= end)
    waybills = shipments[inside.to_numpy()].copy()
    if waybills.empty:
        fail(f"截至 {as_of} 的最近 {DAYS_PER_YEAR} 天里没有运单，无法演示。",
             f"No waybills in the {DAYS_PER_YEAR} days up to {as_of}; nothing to show.")
    waybills["segment"] = waybills["customer_id"].map(rfm.set_index("customer_id")["segment"])
    return waybills


def tracking_alert_demo(shipments=None, complaints=None, as_of=None):
    """Dropdown of the RFM segment to watch, sliders of tracking coverage, alert share, effect.

    Expected delay complaints avoided = delay complaints x coverage x alert share
    x avoid rate (:func:`coursekit.tracking.alert_scenario`), for the waybills
    of the last 365 days up to ``as_of``. The chart shows every segment's delay
    complaints, split into avoided and remaining for the watched segment.

    Parameters
    ----------
    shipments, complaints : DataFrame, optional
        The course datasets (default: loaded from the course data).
    as_of : date-like, optional
        The reference day (default: the course's ``AS_OF``, 2025-12-31).
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from .. import AS_OF
    from ..tracking import alert_scenario, delay_exposure

    shipments = given_or_loaded(shipments, "shipments")
    complaints = given_or_loaded(complaints, "complaints")
    as_of = AS_OF if as_of is None else as_of
    exposure = delay_exposure(_segmented_waybills(shipments, as_of), complaints, by="segment")
    exposure.index = exposure.index.astype(str)
    total = exposure.sum().to_frame(ALL).T
    segments = list(exposure.index)
    style = {"description_width": "initial"}
    layout = w.Layout(width="460px")

    def slider(value, description):
        return w.FloatSlider(value=value, min=0.0, max=1.0, step=0.05, description=description,
                             readout_format=".0%", style=style, layout=layout,
                             continuous_update=False)

    controls = {
        "segment": w.Dropdown(options=[ALL] + segments,
                              value=ALL,
                              description="盯哪一类客户的运单", style=style),
        "coverage": slider(0.8, "跟踪发现率（延误运单中提前发现的比例）"),
        "alert_share": slider(0.6, "及时告知率（发现后及时通知客户的比例）"),
        "avoid_rate": slider(0.5, "假设：告知后不再投诉的比例"),
    }

    def watched(segment, coverage, alert_share, avoid_rate):
        rows = total if segment == ALL else exposure.loc[[segment]]
        return alert_scenario(rows, coverage=coverage, alert_share=alert_share,
                              avoid_rate=avoid_rate).iloc[0]

    def readout(segment, coverage, alert_share, avoid_rate):
        row = watched(segment, coverage, alert_share, avoid_rate)
        # No share of the company's delay complaints here: the notebook asks students to
        # compute one segment's share themselves (3.3), so the demo must not print it.
        share = row["waybills"] / int(total["waybills"].iloc[0])
        return (f"盯住「{segment}」：一年运单 {int(row['waybills']):,} 票（占全部运单的 {share:.1%}），"
                f"其中延误 {int(row['late_waybills']):,} 票，引来延误投诉 {int(row['delay_complaints'])} 件。\n"
                f"跟踪提前发现 {row['caught_waybills']:,.0f} 票，及时通知客户 {row['warned_waybills']:,.0f} 票"
                f"（平均每天约 {row['warned_waybills'] / DAYS_PER_YEAR:.1f} 个预警电话）。\n"
                f"预计少收延误投诉 {row['avoided_complaints']:.1f} 件，每万票的延误投诉从 "
                f"{row['delay_per_10k_before']:.1f} 件降到 {row['delay_per_10k_after']:.1f} 件。")

    def draw(segment, coverage, alert_share, avoid_rate):
        table = alert_scenario(exposure, coverage=coverage, alert_share=alert_share,
                               avoid_rate=avoid_rate)
        picked = [True] * len(table) if segment == ALL else list(table.index == segment)
        avoided = table["avoided_complaints"].where(picked, 0.0)
        remaining = table["delay_complaints"] - avoided
        _, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
        ax.barh(table.index, remaining, color="#4C72B0", label="仍会收到的延误投诉")
        ax.barh(table.index, avoided, left=remaining, color="#55A868", hatch="//",
                label="预计避免的延误投诉")
        ax.invert_yaxis()
        ax.set_xlim(0, max(float(table["delay_complaints"].max()), 1.0) * 1.1)
        ax.set(title=f"盯住「{segment}」的运单：各分群的延误投诉（虚构公司数据，示例）",
               xlabel="延误投诉（件/年）")
        ax.legend(loc="lower right", fontsize=8)
        return ax

    return classroom_demo(controls, readout, draw,
                          title="课堂演示：IT 跟踪 + 主动告知，能少收多少延误投诉？")
