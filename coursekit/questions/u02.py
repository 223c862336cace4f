"""Exercises of u02_prospecting.ipynb (单元2 寻找物流客户)."""
from functools import lru_cache

from . import choice, number, series

WORST_OPTIONS = {"A": "广告", "B": "电话", "C": "信函", "D": "竞争对手客户"}
"""Options of the worst-converting channel question, as written in the notebook."""

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


def _worst_letter():
    rates = {letter: _summary().loc[name, "win_rate"] for letter, name in WORST_OPTIONS.items()}
    return min(rates, key=rates.get)


def _not_worst():
    return [letter for letter in WORST_OPTIONS if letter != _worst_letter()]


def _leads_2025(data):
    return data[data["created_date"].dt.year == 2025].groupby("channel").size()


QUESTIONS = [
    choice("u02.principle_breach", "AC", options="ABCD",
           hint="重读「1.2 寻找客户的五条原则」：逐条对照“目标明确”和“合法合规”，"
                "想一想哪些做法偏离了公司的服务范围，哪些用了来路不明的个人信息。",
           wrong=["A", "C", "ABC", "ACD", "BD"]),
    number("u02.n_negotiation", lambda: _reached("洽谈"),
           hint="重读「1.4 销售漏斗」：“走到过洽谈”包括现在停在洽谈、后来成交、"
                "以及洽谈之后流失的线索；只数 stage == \"洽谈\" 会漏掉大部分。",
           wrong=[lambda: int((_leads()["stage"] == "洽谈").sum()),
                  lambda: int((_leads()["furthest_stage"] == "洽谈").sum()),
                  lambda: _reached("成交")]),
    choice("u02.worst_channel", _worst_letter, options="ABCD",
           hint="重读「2.2 各渠道的线索量和成本」：比较 channel_summary 表里的 win_rate 列"
                "（成交率），找最小的那一个，不是看线索数量或单条线索成本。",
           wrong=[lambda: _not_worst()[0], lambda: _not_worst()[1], lambda: _not_worst()[2]]),
    number("u02.referral_cost_per_won", lambda: float(_summary().loc["转介绍", "cost_per_won"]),
           tolerance=1,
           hint="重读「2.2 各渠道的线索量和成本」：每个成交客户的成本 = 渠道总花费 ÷ 成交客户数，"
                "对应 cost_per_won 列；cost_per_lead 是每条线索的成本。",
           wrong=[lambda: float(_summary().loc["转介绍", "cost_per_lead"]),
                  lambda: float(_summary().loc["转介绍", "cost_total"]),
                  lambda: float(_summary().loc["转介绍", "cost_per_lead"]
                                * _summary().loc["转介绍", "win_rate"])]),
    series("u02.leads_2025", lambda: _leads_2025(_leads()), tolerance=0,
           hint="重读「2.5 自己动手分组统计」：先用 .dt.year 从获得日期里取出年份，只留下 2025 年的行，"
                "再按渠道分组、用 .size() 数行数；别忘了筛选，也别筛成别的年份。",
           wrong=[lambda: _leads().groupby("channel").size(),
                  lambda: _leads()[_leads()["created_date"].dt.year == 2024].groupby("channel").size()]),
    number("u02.won_for_budget",
           lambda: BUDGET / float(_summary().loc[BUDGET_CHANNEL, "cost_per_won"]), tolerance=0.1,
           hint="重读「课堂演示：固定预算投给哪个渠道？」里的说明：预计成交客户数 = 预算 ÷ 单条线索成本 × 成交率"
                "（也就是预算 ÷ 每个成交客户的成本）；只除以单条线索成本得到的是线索数。",
           wrong=[lambda: BUDGET / float(_summary().loc[BUDGET_CHANNEL, "cost_per_lead"]),
                  lambda: BUDGET * float(_summary().loc[BUDGET_CHANNEL, "win_rate"]),
                  lambda: BUDGET / float(_summary().loc["转介绍", "cost_per_won"])]),
]
