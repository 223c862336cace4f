"""Exercises of u06_closing.ipynb (单元6 物流客户成交)."""
from functools import lru_cache

from . import choice, custom, items, letters_in_order, number

ANNUAL_RATE = 0.06
"""The notebook's assumed annual financing rate for payment terms (账期)."""


@lru_cache(maxsize=1)
def _leads():
    from ..data import load_dataset

    return load_dataset("leads")


NOT_DECIDERS = ("使用者", "影响者")
"""Exercise 2: contacts who cannot sign themselves (everyone but the 决策者)."""


def _win_after_talks(authorities=NOT_DECIDERS, column="win_rate", stages=("洽谈", "成交")):
    """Win rate of the leads that reached 洽谈 (furthest stage 洽谈 or 成交) with these contacts."""
    leads = _leads()
    reached = leads["furthest_stage"].astype(str).isin(stages)
    if authorities is not None:
        reached &= leads["decision_authority"].astype(str).isin(authorities)
    group = leads[reached]
    won = int((group["furthest_stage"].astype(str) == "成交").sum())
    if column == "decided_win_rate":
        return won / (won + int((group["stage"].astype(str) == "流失").sum()))
    return won / len(group)


def _unweighted_not_deciders():
    """The mean of the two groups' rates: what adding up stage_win_rates by authority gives."""
    return sum(_win_after_talks((who,)) for who in NOT_DECIDERS) / len(NOT_DECIDERS)


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
    choice("u06.signals", "ACEG", options="ABCDEFG",
           hint="重读「1.2 成交信号」：分清客户是在为“合作以后”做打算，还是只在客气、寒暄或拖延；"
                "一句好话要连同他的动作和神情一起看。",
           wrong=["ACE", "ACEFG", "ABCEG", "BDF"]),
    number("u06.win_not_decider", lambda: _win_after_talks(),
           hint="重读「1.3 从数据看成交」里对“拜访”的手算：先圈出到达过洽谈、联系人又不是决策者的线索"
                "（两个条件同时满足），再算其中最后成交的比例。",
           wrong=[lambda: _win_after_talks(authorities=None), lambda: _win_after_talks(("决策者",)),
                  lambda: _unweighted_not_deciders(),
                  lambda: _win_after_talks(column="decided_win_rate"),
                  lambda: _win_after_talks(stages=("拜访", "洽谈", "成交"))],
           tolerance=0.001,
           errors={"TypeError": "两个条件用 & 连起来时，每个条件都要加括号，否则 Python 会先算 &。"}),
    choice("u06.channel_call", "B", options="ABCD",
           hint="重读「1.3 从数据看成交」里渠道成交率那张表前后的说明：区间越宽，比例越说不准；"
                "比较两组时，先看它们的区间，再看每个选项的理由站不站得住。",
           wrong=["A", "C", "D"]),
    custom("u06.methods", METHODS_ANSWER,
           compare=letters_in_order("ABCDEFGHI", "一个方法代号（A–I）", "方法"),
           hint="重读「2.1 九种常用的成交方法」：对每句话问两个问题——业务员是直接提签约，"
                "还是先谈别的（一个细节、签约以后的安排、别的客户）？他拿什么促成"
                "（一个期限、一番归纳、一项承诺、几个选项、一个好处）？再对照表中“怎么做”一列。",
           wrong=["CEFBCHG", "CEFADHG", "CEFBDAG", "CEFBDH", 1]),
    number("u06.terms_cost_total", lambda: _terms_cost(),
           hint="重读「2.2 账期的成本」的公式和案例的算法：逐家客户算出资金成本再加起来；"
                "年利率写成小数，账期天数要除以一年的天数。",
           wrong=[lambda: _terms_cost() * 100, lambda: _terms_cost(year_days=1),
                  lambda: _terms_cost(year_days=360), lambda: _terms_cost(rate=0.03)],
           rel_tolerance=0.001),
    items("u06.risky_terms", lambda: _risky(),
          hint="重读「2.2 账期的成本」最后一段：信用等级和账期两个条件要同时满足，"
               "“不短于 45 天”包括 45 天本身；最后要的是客户编号。",
          wrong=[lambda: _risky(min_days=1), lambda: _risky(min_days=60),
                 lambda: _risky(ratings=("C", "B"))]),
    choice("u06.missing_clauses", "ABCF", options="ABCDEF",
           hint="重读「2.3 物流服务合同的主要条款」：先把草稿的四条对到表里的条款上"
                "（表里写了每一条包括哪些内容），再看每个选项落在哪一条里。",
           wrong=["ABC", "ABCDF", "ABCEF", "D"]),
]
