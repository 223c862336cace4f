"""Classroom demos of u03_identification.ipynb: weigh the four identification factors; screen big prospects."""
from __future__ import annotations

from ._base import classroom_demo, given_or_loaded

FACTORS = {"need": "需求", "power": "购买力", "authority": "决策权", "credit": "信用"}
"""The four factors of :func:`coursekit.qualify_leads`, with their Chinese names."""

_GRADE_COLOURS = {"优先跟进": "#55A868", "持续培育": "#DD8452", "暂缓": "#B0B7C3"}
_PASS, _WATCH = "#55A868", "#C44E52"


def lead_score_demo(leads=None):
    """Four weight sliders and a cutoff slider; readout of grade shares and their past win rate.

    The score is :func:`coursekit.qualify_leads` with the chosen weights (they
    are normalised to sum to 1). The readout also shows how many of the
    优先跟进 leads were in fact won later: a scoring rule is good when the
    leads it puts first are the ones that sign. Shares rather than counts are
    shown, so the saved readout does not answer the notebook's counting
    exercise; the win rate carries its 95% interval and an in-sample warning.
    """
    import ipywidgets as w
    import numpy as np

    from ..qualifying import DEFAULT_WEIGHTS, GRADE_CUTOFFS, qualify_leads
    from ..stats import rate_interval

    data = given_or_loaded(leads, "leads")
    won = (data["furthest_stage"].astype(str) == "成交").to_numpy()
    base_rate = won.mean()
    style = {"description_width": "initial"}
    layout = w.Layout(width="420px")
    controls = {key: w.FloatSlider(value=DEFAULT_WEIGHTS[key], min=0, max=1, step=0.05,
                                   description=f"{label}的权重", style=style, layout=layout)
                for key, label in FACTORS.items()}
    controls["high"] = w.IntSlider(value=GRADE_CUTOFFS[0], min=50, max=90, step=5,
                                   description="优先跟进的分数线", style=style, layout=layout)
    low = GRADE_CUTOFFS[1]

    def scored(need, power, authority, credit, high):
        weights = {"need": need, "power": power, "authority": authority, "credit": credit}
        if sum(weights.values()) <= 0:
            return None
        return qualify_leads(data, weights=weights, cutoffs=(high, min(low, high)))

    def readout(**values):
        result = scored(**values)
        if result is None:
            return "四个权重不能全是 0：至少给一个因素分量。"
        shares = result["grade"].value_counts(normalize=True)
        first = (result["grade"] == "优先跟进").to_numpy()
        total = sum(values[k] for k in FACTORS)
        weights = "、".join(f"{FACTORS[k]} {values[k] / total:.0%}" for k in FACTORS)
        lines = [f"权重（换算成合计 100%）：{weights}",
                 f"优先跟进占 {shares.get('优先跟进', 0):.1%}、持续培育占 {shares.get('持续培育', 0):.1%}、"
                 f"暂缓占 {shares.get('暂缓', 0):.1%}（共 {len(result)} 条线索）；"]
        if first.any():
            band = rate_interval(int(won[first].sum()), int(first.sum())).iloc[0]
            lines.append(f"优先跟进的线索里后来成交的占 {band['rate']:.1%}"
                         f"（95% 区间 {band['low']:.1%}—{band['high']:.1%}；全部线索平均 {base_rate:.1%}）")
        else:
            lines.append(f"没有线索达到优先跟进的分数线（全部线索平均成交 {base_rate:.1%}）")
        lines.append("在同一批线索上调出来的“最好”权重，换一批新线索时效果多半会打折扣。")
        return "\n".join(lines)

    def draw(**values):
        import matplotlib.pyplot as plt

        result = scored(**values)
        _, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
        if result is None:
            ax.set_axis_off()
            return
        bins = np.arange(0, 105, 5)
        for grade, colour in _GRADE_COLOURS.items():
            scores = result.loc[result["grade"] == grade, "score"]
            ax.hist(scores, bins=bins, color=colour, label=f"{grade}（{len(scores) / len(result):.0%}）")
        for cut in sorted({values["high"], min(low, values["high"])}):
            ax.axvline(cut, color="black", linestyle="--", linewidth=1)
        ax.set_xlim(0, 100)
        ax.set_xlabel("线索得分（0-100 分）")
        ax.set_ylabel("线索数（条）")
        ax.set_title("1150 条线索的得分分布（虚构公司的数据）" if len(result) == 1150
                     else f"{len(result)} 条线索的得分分布")
        ax.legend(fontsize=8, loc="upper left")

    return classroom_demo(controls, readout, draw, title="课堂演示：四个识别因素各占多少分量？")


def screening_demo(financials=None):
    """A slider for the current-ratio pass mark; readout of who passes; bars of every prospect.

    Only the current ratio (流动比率) moves; the other four checks keep the
    defaults of :func:`coursekit.screening_ratios`.
    """
    import ipywidgets as w

    from ..qualifying import screening_ratios

    data = given_or_loaded(financials, "prospect_financials")
    base = screening_ratios(data)
    ids = base.iloc[:, 0].astype(str)
    order = base["current_ratio"].sort_values(kind="stable").index
    controls = {"mark": w.FloatSlider(value=1.5, min=0.8, max=2.5, step=0.1, readout_format=".1f",
                                      description="流动比率下限", style={"description_width": "initial"},
                                      layout=w.Layout(width="420px"))}

    def readout(mark):
        result = screening_ratios(data, thresholds={"current_ratio": mark})
        low = ids[result["current_ratio_flag"] == "关注"].tolist()
        passed = int((result["verdict"] == "通过").sum())
        listed = "、".join(low) if low else "无"
        return (f"流动比率下限 {mark:.1f}：{len(data)} 家中有 {len(low)} 家不达标（{listed}）；\n"
                f"五项指标全部通过、可以优先接触的大客户候选：{passed} 家")

    def draw(mark):
        import matplotlib.pyplot as plt

        ratios = base.loc[order, "current_ratio"]
        colours = [_PASS if r >= mark else _WATCH for r in ratios]
        _, ax = plt.subplots(figsize=(8, 3.4), layout="constrained")
        ax.bar(ids[order], ratios, color=colours)
        ax.axhline(mark, color="black", linestyle="--", linewidth=1, label=f"下限 {mark:.1f}")
        ax.legend(loc="upper left", fontsize=9)
        ax.set_ylabel("流动比率（倍）")
        ax.set_title("大客户候选的流动比率：绿色达标，红色需关注")
        ax.tick_params(axis="x", labelsize=8, rotation=90)

    return classroom_demo(controls, readout, draw, title="课堂演示：流动比率的门槛定多高？")
