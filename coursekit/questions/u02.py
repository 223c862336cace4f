"""Exercises of u02_prospecting.ipynb (单元2 寻找物流客户)."""
from functools import lru_cache

from . import choice, number, series

BUDGET, BUDGET_CHANNEL = 30_000, "网络平台"
"""The budget question: 30,000 元 spent on online platforms."""


@lru_cache(maxsize=1)
def _leads():
    from ..data import load_dataset

    return load_dataset("leads")


@lru_cache(maxsize=1)
def _summary():
    from ..prospecting import channel_summary

    summary = channel_summary(_leads())
    summary.index = summary.index.astype(str)
    return summary


def _reached(stage):
    from ..prospecting import funnel

    table = funnel(_leads())
    return int(table.loc[table["stage"] == stage, "leads"].iloc[0])


def _column(name):
    return _summary()[name]


@lru_cache(maxsize=1)
def _margins():
    from ..data import load_dataset
    from ..prospecting import first_year_margin

    return first_year_margin(_leads(), load_dataset("shipments"), as_of="2025-12-31")


def _margin(how="median", full_year_only=True):
    table = _margins()
    values = table.loc[table["full_year"], "gross_margin"] if full_year_only else table["gross_margin"]
    return float(getattr(values, how)())


_GROUP_HINT = ("先运行上面建表的单元格，再用 counts 表的列名（leads、won、cost_total）；"
               "列名是英文，区分大小写。")

QUESTIONS = [
    choice("u02.principle_breach", "AC", options="ABCD",
           hint="重读「1.2 寻找客户的五条原则」：逐条对照“目标明确”和“合法合规”，"
                "想一想哪些做法偏离了公司的服务范围，哪些用了来路不明的个人信息。",
           wrong=["A", "C", "ABC", "ACD", "BD"]),
    number("u02.won_of_qualified", lambda: _reached("成交") / _reached("合格"), tolerance=0.001,
           hint="重读「1.4 销售漏斗」：分母是走到过“合格”的线索数（不是全部线索），分子是走到过“成交”的线索数；"
                "答案是 0 到 1 之间的小数。",
           wrong=[lambda: _reached("成交") / _reached("线索"),
                  lambda: _reached("成交") / _reached("洽谈"),
                  lambda: _reached("合格") / _reached("线索"),
                  lambda: 100 * _reached("成交") / _reached("合格")]),
    choice("u02.method_center", "B", options="ABCD",
           hint="重读「2.1 寻找客户的方法」：连锁介绍法是一个客户介绍下一个、一环扣一环；"
                "先赢得一位圈子里说话有分量的人，再由他带动一批企业，是另一种方法。",
           wrong=["A", "C", "D"]),
    series("u02.win_rate", lambda: _column("win_rate"), tolerance=1e-9,
           hint="重读「2.3 各渠道的成交率和获客成本：先自己算」：成交率 = 成交数 ÷ 线索数，"
                "分母是这个渠道的全部线索（不是全部 1150 条，也不是只算已经流失的）；行标签是渠道。",
           wrong=[lambda: _column("won"), lambda: _column("won") / len(_leads()),
                  lambda: _column("won") / (_column("won") + _column("lost"))],
           errors={"KeyError": _GROUP_HINT}),
    series("u02.cost_per_won", lambda: _column("cost_per_won"), tolerance=0.01,
           hint="重读「2.3 各渠道的成交率和获客成本：先自己算」：每个成交客户的成本 = 渠道总花费 ÷ 成交数；"
                "总花费 ÷ 线索数得到的是单条线索成本。",
           wrong=[lambda: _column("cost_per_lead"),
                  lambda: _column("cost_total") / (_column("won") + _column("lost")),
                  lambda: _column("cost_per_lead") * _column("win_rate")],
           errors={"KeyError": _GROUP_HINT}),
    choice("u02.fair_vs_agent", "B", options="ABCD",
           hint="重读「2.4 成交率的差别靠得住吗？」：先看两个渠道的 95% 区间重叠了多少，"
                "再核对“少于 30 条”说的是哪个数。",
           wrong=["A", "C", "D"]),
    number("u02.median_margin", lambda: _margin("median"), tolerance=1,
           hint="重读「2.7 一个成交客户值多少钱：获客成本和第一年毛利」：只留 full_year 为 True 的行，"
                "对 gross_margin 列求中位数（.median()），不是平均数（.mean()）。",
           wrong=[lambda: _margin("mean"), lambda: _margin("median", full_year_only=False),
                  lambda: _margin("mean", full_year_only=False)],
           errors={"KeyError": "margins 表的列名是 gross_margin（毛利）和 full_year（已满一年），"
                               "先运行上面算 margins 的单元格。"}),
    number("u02.won_for_budget",
           lambda: BUDGET / float(_summary().loc[BUDGET_CHANNEL, "cost_per_won"]), tolerance=0.1,
           hint="重读「课堂演示：固定预算投给哪个渠道？」里的说明：预计成交客户数 = 预算 ÷ 单条线索成本 × 成交率"
                "（也就是预算 ÷ 每个成交客户的成本）；只除以单条线索成本得到的是线索数。",
           wrong=[lambda: BUDGET / float(_summary().loc[BUDGET_CHANNEL, "cost_per_lead"]),
                  lambda: BUDGET * float(_summary().loc[BUDGET_CHANNEL, "win_rate"]),
                  lambda: BUDGET / float(_summary().loc["转介绍", "cost_per_won"])]),
]
