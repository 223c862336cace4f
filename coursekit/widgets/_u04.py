"""Classroom demo of u04_approach.ipynb (单元4 接近物流客户).

:func:`priority_demo` - three weight sliders (lead score, value, distance);
the readout lists the five leads to visit first and the chart shows how each
part adds up to the priority of the top ten.
"""
from __future__ import annotations

from ._base import classroom_demo

NOT_VISITED = ("线索", "合格")
"""Lead stages not visited yet: the leads a salesperson prepares to approach."""

_PART_COLOURS = {"score": "#4C72B0", "value": "#55A868", "distance": "#DD8452"}
_PART_NAMES = {"score": "线索得分", "value": "价值分", "distance": "距离分"}
_POINTS = {"score": "score", "value": "value_points", "distance": "distance_points"}


def _leads_to_visit(leads=None):
    if leads is None:
        from ..data import load_dataset

        leads = load_dataset("leads")
    if "stage" in leads.columns:
        leads = leads[leads["stage"].isin(NOT_VISITED)]
    return leads


def priority_demo(leads=None, top: int = 10):
    """Weight sliders for lead score, value and distance; readout of the top five leads.

    ``leads`` defaults to the course's leads not visited yet (stage 线索 or 合格).
    Weights are whole numbers 0-10 and are normalised, so 5/3/2 are the
    defaults of :func:`coursekit.approach.visit_priority`.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from ..approach import visit_priority

    candidates = _leads_to_visit(leads)
    style = {"description_width": "initial"}
    layout = w.Layout(width="420px")
    controls = {
        "score": w.IntSlider(value=5, min=0, max=10, description="线索得分的权重", style=style,
                             layout=layout),
        "value": w.IntSlider(value=3, min=0, max=10, description="价值（年物流支出）的权重",
                             style=style, layout=layout),
        "distance": w.IntSlider(value=2, min=0, max=10, description="距离（越近越好）的权重",
                                style=style, layout=layout),
    }

    def ranked(score, value, distance):
        if score + value + distance == 0:
            return None
        return visit_priority(candidates, {"score": score, "value": value, "distance": distance})

    def readout(score, value, distance):
        table = ranked(score, value, distance)
        if table is None:
            return "三个权重不能都是 0：至少把一个滑块往右拖。"
        total = score + value + distance
        lines = [f"权重：线索得分 {score / total:.0%}，价值 {value / total:.0%}，"
                 f"距离 {distance / total:.0%}。先拜访这 5 家："]
        for row in table.head(5).itertuples():
            name = getattr(row, "company", row.lead_id)
            city = getattr(row, "city", "")
            lines.append(f"{row.rank}. {name}（{city}，{row.distance_km:.0f} 公里，"
                         f"优先分 {row.priority:.1f}）")
        return "\n".join(lines)

    def draw(score, value, distance):
        table = ranked(score, value, distance)
        _, ax = plt.subplots(figsize=(8, 4.2), layout="constrained")
        if table is None:
            ax.set_axis_off()
            ax.set_title("三个权重都是 0，无法排序")
            return
        shown = table.head(top).iloc[::-1]
        total = score + value + distance
        labels = [f"{getattr(r, 'company', r.lead_id)}（{getattr(r, 'city', '')}）"
                  for r in shown.itertuples()]
        left = 0.0
        for part, weight in (("score", score), ("value", value), ("distance", distance)):
            width = weight / total * shown[_POINTS[part]].to_numpy()
            ax.barh(labels, width, left=left, color=_PART_COLOURS[part],
                    label=f"{_PART_NAMES[part]} × {weight / total:.0%}")
            left = left + width
        ax.set(xlim=(0, 100), xlabel="优先分（三部分加权之和，满分 100）",
               title=f"优先分最高的 {min(top, len(table))} 条线索")
        ax.tick_params(axis="y", labelsize=8)
        ax.legend(loc="lower right", fontsize=8)

    return classroom_demo(controls, readout, draw, title="课堂演示：先拜访谁？调一调权重")
