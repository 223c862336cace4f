"""Classroom demo of case_cre.ipynb: what a faster milk train is worth in yuan and shelf life."""
from __future__ import annotations

from ._base import classroom_demo

SHELF_LIFE_OPTIONS = [("常温奶（UHT），保质期按 180 天假设", 180),
                      ("巴氏鲜奶，保质期按 7 天假设", 7)]
"""Assumed shelf lives (typical orders of magnitude, not figures from the case)."""

_COLOURS = ["#C44E52", "#4C72B0", "#55A868"]


def _case_hours():
    """Old way and milk train transit times in hours, from the case table (CR21, CR22)."""
    from ..data import load_dataset
    from ..transit import to_hours

    facts = load_dataset("cre_facts").set_index("metric")
    old = facts.loc["milk_transit_days_before"]
    new = facts.loc["milk_transit_hours_after"]
    return to_hours(float(old["value"]), old["unit"]), to_hours(float(new["value"]), new["unit"])


def milk_train_demo(old_hours: float | None = None, train_hours: float | None = None):
    """Sliders for transit hours, goods value and holding rate; cost and shelf life per option.

    The chart compares three trips of the same cargo: the old way (15 days in
    the course material), the milk train (98 hours) and the trip set on the
    slider. Defaults read the two case figures from ``cre_facts``.
    """
    import ipywidgets as w

    from ..transit import in_transit_cost, shelf_life_used

    if old_hours is None or train_hours is None:
        old_hours, train_hours = _case_hours()
    style = {"description_width": "initial"}
    layout = w.Layout(width="480px")
    controls = {
        "hours": w.IntSlider(value=48, min=12, max=400, step=2, description="你的方案：在途小时数",
                             style=style, layout=layout),
        # coarse steps on purpose: the notebook's exercise uses other values (holding rate 18%),
        # so no slider setting reproduces its answer
        "value_wan": w.IntSlider(value=600, min=100, max=2000, step=100,
                                 description="这批货的货值（万元）", style=style, layout=layout),
        "rate": w.FloatSlider(value=0.20, min=0.05, max=0.40, step=0.05, readout_format=".0%",
                              description="年持有成本率", style=style, layout=layout),
        "shelf_days": w.Dropdown(options=SHELF_LIFE_OPTIONS, value=180, description="产品",
                                 style=style, layout=layout),
    }

    def trips(hours):
        return {"旧方式": old_hours, "鲜奶班列": train_hours, "你的方案": float(hours)}

    def readout(hours, value_wan, rate, shelf_days):
        value = value_wan * 10_000
        mine = in_transit_cost(value, rate, hours)
        used = shelf_life_used(hours, shelf_days)
        warning = "，货没到就过期了！" if used > 1 else ""
        # the saving against the old way is left out: students work it out in the notebook (3.2)
        return (f"你的方案在途 {hours} 小时（{hours / 24:.1f} 天）：在途库存成本 {mine:,.0f} 元；\n"
                f"用掉保质期的 {used:.1%}{warning}")

    def draw(hours, value_wan, rate, shelf_days):
        import matplotlib.pyplot as plt

        options = trips(hours)
        labels = [f"{name}\n{h:.0f} 小时" for name, h in options.items()]
        costs = [in_transit_cost(value_wan * 10_000, rate, h) / 10_000 for h in options.values()]
        used = [shelf_life_used(h, shelf_days) * 100 for h in options.values()]
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
        for ax, values, title, unit in [(left, costs, "在途库存成本", "万元"),
                                        (right, used, "用掉的保质期", "%")]:
            bars = ax.bar(labels, values, color=_COLOURS)
            ax.bar_label(bars, fmt="%.1f", padding=2)
            ax.set_title(title)
            ax.set_ylabel(f"{title}（{unit}）")
            ax.set_ylim(0, max(max(values) * 1.2, 1))
        right.axhline(100, color="grey", linestyle="--", linewidth=1)
        fig.suptitle("同一批货，三种走法（旧方式与班列用时来自课程资料，未经其他来源核实）",
                     fontsize=10)

    return classroom_demo(controls, readout, draw, title="课堂演示：在途时间值多少钱")
