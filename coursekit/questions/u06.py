"""Exercises of u06_closing.ipynb (单元6 物流客户成交)."""
from functools import lru_cache

from . import choice, custom, items, letters_in_order, number

ANNUAL_RATE = 0.06
"""The notebook's assumed annual financing rate for payment terms (账期)."""


@lru_cache(maxsize=1)
def _leads():
    from ..data import load_dataset

    return load_dataset("leads")


def _win_rate(stage="洽谈", column="win_rate"):
    from ..closing import stage_win_rates

    rates = stage_win_rates(_leads())
    return float(rates.loc[rates["stage"] == stage, column].iloc[0])


def _close_days(column="median_days", start="negotiation_date"):
    from ..closing import time_to_close

    return float(time_to_close(_leads(), start=start)[column].iloc[0])


@lru_cache(maxsize=1)
def _terms():
    """Customers with their 2025 revenue (0 when none) and payment terms."""
    from ..data import load_dataset

    shipments = load_dataset("shipments")
    customers = load_dataset("customers")
    revenue = (shipments[shipments["order_date"].dt.year == 2025]
               .groupby("customer_id")["revenue"].sum().rename("revenue_2025").reset_index())
    table = customers.merge(revenue, on="customer_id", how="left")
    return table.fillna({"revenue_2025": 0.0})


def _terms_cost(rate=ANNUAL_RATE, year_days=365):
    from ..closing import payment_terms_cost

    terms = _terms()
    return float(payment_terms_cost(terms["revenue_2025"], terms["payment_terms_days"], rate,
                                    year_days=year_days).sum())


def _risky(min_days=45, ratings=("C",)):
    terms = _terms()
    mask = terms["credit_rating"].astype(str).isin(ratings) & (terms["payment_terms_days"] >= min_days)
    return sorted(terms.loc[mask, "customer_id"])


# ------------------------------------------------------------ method matching

METHODS_ANSWER = "CDEB"


QUESTIONS = [
    choice("u06.signals", "ACEF", options="ABCDEF",
           hint="重读「1.2 成交信号」：信号是客户开始把合作当真的表现——问细节、叫来相关的人、"
                "动手算账、神情放松；心不在焉或明确拒绝都不是。",
           wrong=["ACE", "ABCEF", "CEF", "D"]),
    number("u06.win_from_talks", lambda: _win_rate("洽谈"),
           hint="重读「1.3 从数据看成交」：在 closing.stage_win_rates(leads) 的结果里找 stage 为“洽谈”"
                "的那一行，读 win_rate 列；别和 ck.funnel 里“进入下一步”的转化率混淆。",
           wrong=[lambda: _win_rate("线索"), lambda: _win_rate("洽谈", "decided_win_rate"),
                  lambda: _win_rate("拜访")],
           tolerance=0.001),
    number("u06.talks_to_won_days", lambda: _close_days(),
           hint="重读「1.4 成交要多久」：起算日期要换成开始洽谈的日期 start=\"negotiation_date\"，"
                "题目问的是中位数 median_days，不是平均数。",
           wrong=[lambda: _close_days(start="created_date"), lambda: _close_days("mean_days"),
                  lambda: _close_days("p90_days")],
           tolerance=0.5),
    custom("u06.methods", METHODS_ANSWER,
           compare=letters_in_order("ABCDEF", "一个方法代号（A–F）", "方法"),
           hint="重读「2.1 六种常用的成交方法」：给两三个都算成交的选项是选择成交；"
                "拿有期限的好处促成是优惠成交；对客户担心的事做出承诺是保证成交；"
                "不问要不要、直接安排签约后的事是假定成交。",
           wrong=["CDEA", "CDBE", "ADEB", "CDE", 1]),
    number("u06.terms_cost_total", lambda: _terms_cost(),
           hint="重读「2.2 账期的成本」：年利率写成小数 0.06，不是 6；公式里要除以 365；"
                "先逐个客户算，再对 financing_cost 列求和。",
           wrong=[lambda: _terms_cost() * 100, lambda: _terms_cost(year_days=1),
                  lambda: _terms_cost(year_days=360), lambda: _terms_cost(rate=0.03)],
           rel_tolerance=0.001),
    items("u06.risky_terms", lambda: _risky(),
          hint="重读「2.2 账期的成本」最后一段：信用等级和账期两个条件要同时满足，"
               "“不短于 45 天”包括 45 天本身；两个条件各加括号、用 & 连起来，最后取 customer_id 列。",
          wrong=[lambda: _risky(min_days=1), lambda: _risky(min_days=60),
                 lambda: _risky(ratings=("C", "B"))]),
]
