"""Exercises of u02_prospecting.ipynb (单元2 寻找物流客户)."""
from functools import lru_cache

from . import choice, number, series

BUDGET, REFERRAL, REST_CHANNEL = 50_000, "转介绍", "网络平台"
"""Exercise 8: referrals up to their half-year ceiling, the rest of 50,000 元 on online platforms."""

BETTER_VISIT_RATE = 0.70
"""Exercise 2: the share of qualified leads that get a visit, raised to 70%."""

FOLLOW_UP_COST = 80
"""Exercise 5: assumed follow-up labour per lead (元), not in channel_cost."""

MATURE_BEFORE = 2025
"""Exercise 4: win rates of the leads created before 2025 (their outcome is mostly known)."""


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


def _won_better_visits(rate=BETTER_VISIT_RATE):
    """Won leads when the 合格 → 拜访 step converts at ``rate`` and the other steps stay."""
    return _reached("成交") * rate / (_reached("拜访") / _reached("合格"))


def _win_rate(before=MATURE_BEFORE, after=None):
    """Win rate per channel of the leads created before ``before`` (or from ``after`` on)."""
    leads = _leads()
    year = leads["created_date"].dt.year
    chosen = leads[year < before] if after is None else leads[year >= after]
    won = chosen["furthest_stage"].astype(str) == "成交"
    rate = won.groupby(chosen["channel"].astype(str)).mean()
    return rate.rename("win_rate")


def _with_follow_up(per_lead=FOLLOW_UP_COST, per="won"):
    """Cost per won customer with ``per_lead`` 元 of follow-up added for every lead."""
    total = _column("cost_total") + per_lead * _column("leads")
    return total / _column(per)


def _referral_ceiling() -> int:
    """Most referral leads the company ever got in a first half-year (January-June)."""
    leads = _leads()
    referral = leads[leads["channel"].astype(str) == REFERRAL]
    first_half = referral[referral["created_date"].dt.month <= 6]
    return int(first_half.groupby(first_half["created_date"].dt.year).size().max())


def _budget_won(ceiling=None, budget=BUDGET, subtract=True):
    """Customers won: referrals up to the ceiling, the rest of the budget on online platforms."""
    ceiling = _referral_ceiling() if ceiling is None else ceiling
    summary = _summary()
    spent = ceiling * float(summary.loc[REFERRAL, "cost_per_lead"])
    won_referral = ceiling * float(summary.loc[REFERRAL, "win_rate"])
    rest = budget - spent if subtract else budget
    return won_referral + rest / float(summary.loc[REST_CHANNEL, "cost_per_won"])


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
           hint="重读「1.2 寻找客户的五条原则」的“含义”一列，逐个选项问自己：信息的来源正当吗？"
                "对客户说的话做得到吗？有没有算投入和产出？",
           wrong=["A", "C", "ABC", "ACD", "BD", "CD"]),
    number("u02.won_better_visits", _won_better_visits, tolerance=0.2,
           hint="重读「1.4 销售漏斗」的“怎么读这张表”：最后的成交数等于线索数依次乘上每一步的步转化率；"
                "只把“拜访”这一步换成 70%，其余几步照旧。",
           wrong=[lambda: 1150 * BETTER_VISIT_RATE, lambda: _reached("合格") * BETTER_VISIT_RATE,
                  lambda: _reached("合格") * BETTER_VISIT_RATE * _reached("洽谈") / _reached("拜访"),
                  lambda: _reached("线索") * BETTER_VISIT_RATE * _reached("成交") / _reached("拜访"),
                  lambda: _reached("成交") * BETTER_VISIT_RATE, lambda: _reached("成交")]),
    choice("u02.method_center", "C", options="ABCD",
           hint="重读「2.1 寻找客户的方法」：这些商户是被谁带来的？是一个客户介绍下一个、一环扣一环，"
                "还是一位在圈子里说话有分量的人带动了一批？聚餐只是他说话的场合。",
           wrong=["A", "B", "D"]),
    series("u02.win_rate", _win_rate, tolerance=0.0005,
           hint="重读「2.3 各渠道的成交率和获客成本：先自己算」：先用 created_date 的年份挑出 2025 年以前建立的线索，"
                "再按渠道分组算成交的比例；分母是这个渠道在这两年的全部线索，行标签是渠道。",
           wrong=[lambda: _column("win_rate"), lambda: _win_rate(after=MATURE_BEFORE),
                  lambda: _win_rate(before=MATURE_BEFORE - 1),
                  lambda: _win_rate() * 100],
           errors={"KeyError": "列名是英文、区分大小写：created_date（建立日期）、channel（渠道）、won（成交了没有）；"
                               "won 列是上面建 counts 表的单元格加上的，先运行它。",
                   "AttributeError": "按年份挑线索要写 leads[\"created_date\"].dt.year（中间有 .dt）。"}),
    series("u02.cost_with_followup", _with_follow_up, tolerance=0.5,
           hint="重读「2.3 各渠道的成交率和获客成本：先自己算」：工时是每条线索都要花的（80 元一条），"
                "一个渠道有几条线索就有几份工时；想一想工时加在哪里、最后除以什么；行标签是渠道。",
           wrong=[lambda: _column("cost_per_won"), lambda: _column("cost_per_won") + FOLLOW_UP_COST,
                  lambda: _with_follow_up(per="leads"),
                  lambda: (_column("cost_total") + FOLLOW_UP_COST * _column("won")) / _column("won")],
           errors={"KeyError": _GROUP_HINT}),
    choice("u02.agent_vs_online", "B", options="ABCD",
           hint="重读「2.4 成交率的差别靠得住吗？」的规则：先看两个渠道的 95% 区间有没有重叠；"
                "再逐个核对每个选项的理由：本节“样本太少”的规则数的是什么？挪预算时，除了成交率还该比什么？",
           wrong=["A", "C", "D"]),
    number("u02.median_margin", lambda: _margin("median"), tolerance=1,
           hint="重读「2.7 一个成交客户值多少钱：获客成本和第一年毛利」：只留已经合作满一年的客户（full_year 为 True 的行），"
                "看的是中位数，不是平均数。",
           wrong=[lambda: _margin("mean"), lambda: _margin("median", full_year_only=False),
                  lambda: _margin("mean", full_year_only=False)],
           errors={"KeyError": "margins 表的列名是 gross_margin（毛利）和 full_year（已满一年），"
                               "先运行上面算 margins 的单元格。"}),
    number("u02.won_for_budget", _budget_won, tolerance=0.1,
           hint="重读「课堂演示：固定预算投给哪个渠道？」后面的半年线索表：转介绍只能买到上限那么多条线索，"
                "先算这部分花掉多少钱、带来几个客户；剩下的钱再按网络平台每个成交客户的成本算，两部分加起来。",
           wrong=[lambda: BUDGET / float(_summary().loc[REST_CHANNEL, "cost_per_won"]),
                  lambda: BUDGET / float(_summary().loc[REFERRAL, "cost_per_won"]),
                  lambda: _budget_won(subtract=False),
                  lambda: _budget_won(ceiling=round(_referral_ceiling() * 0.85)),
                  lambda: _budget_won() - _referral_ceiling() * float(_summary().loc[REFERRAL, "win_rate"])]),
]
