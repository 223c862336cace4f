"""Exercises of u06_closing.ipynb (单元6 物流客户成交)."""
from functools import lru_cache

from . import choice, custom, items, letters_in_order, number

ANNUAL_RATE = 0.06
"""The notebook's assumed annual financing rate for payment terms (账期)."""


@lru_cache(maxsize=1)
def _leads():
    from ..data import load_dataset

    return load_dataset("leads")


def _win_after_talks(authority="决策者", column="win_rate", stages=("洽谈", "成交")):
    """Win rate of the leads that reached 洽谈 (furthest stage 洽谈 or 成交), one contact type."""
    leads = _leads()
    reached = leads["furthest_stage"].astype(str).isin(stages)
    if authority is not None:
        reached &= leads["decision_authority"].astype(str) == authority
    group = leads[reached]
    won = int((group["furthest_stage"].astype(str) == "成交").sum())
    if column == "decided_win_rate":
        return won / (won + int((group["stage"].astype(str) == "流失").sum()))
    return won / len(group)


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

METHODS_ANSWER = "CEFBDHG"
"""Exercise 4: 选择, 优惠, 保证, 假定, 小点, 总结利益, 从众 (codes of the table in 2.1)."""


QUESTIONS = [
    choice("u06.signals", "ACEF", options="ABCDEF",
           hint="重读「1.2 成交信号」：信号是客户开始把合作当真的表现——问细节、叫来相关的人、"
                "动手算账、神情放松；心不在焉或明确拒绝都不是。",
           wrong=["ACE", "ABCEF", "CEF", "D"]),
    number("u06.win_decider", lambda: _win_after_talks(),
           hint="重读「1.3 从数据看成交」：先留下 furthest_stage 是“洽谈”或“成交”、并且 decision_authority "
                "是“决策者”的线索（两个条件各加括号，用 & 连起来），再算其中 furthest_stage == \"成交\" 的比例（.mean()）。",
           wrong=[lambda: _win_after_talks(authority=None), lambda: _win_after_talks("使用者"),
                  lambda: _win_after_talks(column="decided_win_rate"),
                  lambda: _win_after_talks(stages=("拜访", "洽谈", "成交"))],
           tolerance=0.001,
           errors={"TypeError": "两个条件用 & 连起来时，每个条件都要加括号："
                                "(leads[\"furthest_stage\"].isin([...])) & (leads[\"decision_authority\"] == \"决策者\")。"}),
    choice("u06.channel_call", "B", options="ABCD",
           hint="重读「1.3 从数据看成交」最后的表：看“样本太少”一列和两个渠道的下限、上限——"
                "两个区间重叠得多吗？线索不到 30 条时，七个百分点的差别说明得了什么？",
           wrong=["A", "C", "D"]),
    custom("u06.methods", METHODS_ANSWER,
           compare=letters_in_order("ABCDEFGHI", "一个方法代号（A–I）", "方法"),
           hint="重读「2.1 九种常用的成交方法」：给两三个都算成交的选项是选择；拿有期限的好处促成是优惠；"
                "对客户担心的事做出承诺是保证；直接安排签约后的事是假定；只就一个细节征求同意是小点；"
                "先把客户认可的好处归纳一遍再提签约是总结利益；拿别的客户的选择来说服是从众。",
           wrong=["CEFBCHG", "CEFADHG", "CEFBDAG", "CEFBDH", 1]),
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
    choice("u06.missing_clauses", "ABCF", options="ABCDEF",
           hint="重读「2.3 物流服务合同的主要条款」：逐条对照表里的条款，看草稿已经有了哪几条；"
                "已经写进草稿的不算“缺”，公司内部的事也不是合同条款。",
           wrong=["ABC", "ABCDF", "ABCEF", "D"]),
]
