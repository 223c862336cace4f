"""Exercises of u04_approach.ipynb (单元4 接近物流客户)."""
from functools import lru_cache

from . import choice, custom, items, letters_in_order, number, series

NEAR_WEIGHTS = {"score": 0.2, "value": 0.2, "distance": 0.6}
"""The weights of exercise 5: this week the salesperson cannot travel far."""


@lru_cache(maxsize=1)
def _customers():
    from ..data import load_dataset

    return load_dataset("customers")


@lru_cache(maxsize=1)
def _to_visit():
    """Leads not visited yet (stage 线索 or 合格), as in the notebook."""
    from ..data import load_dataset

    leads = load_dataset("leads")
    return leads[leads["stage"].isin(["线索", "合格"])]


def _mean_km(weights=None, top=15) -> float:
    """Mean distance of the ``top`` leads when ranked with ``weights`` (exercise 5)."""
    from ..approach import visit_priority

    return float(visit_priority(_to_visit(), weights)["distance_km"].head(top).mean())


def _library_priority():
    """visit_priority's own column (rounded to 0.1): what exercise 4 must not accept."""
    from ..approach import visit_priority

    return visit_priority(_to_visit()).set_index("lead_id")["priority"]


def _by_hand_priority(weights=(0.5, 0.3, 0.2), cap_value=True, with_score=True):
    """Priority per lead id the way exercise 4 computes it, without the library's rounding."""
    from ..qualifying import qualify_leads

    leads = _to_visit().set_index("lead_id")
    score = qualify_leads(_to_visit()).set_index("lead_id")["score"]
    value = leads["annual_logistics_spend"] / 20_000
    if cap_value:
        value = value.clip(upper=100)
    distance = (100 * (1 - leads["distance_km"] / 500)).clip(lower=0)
    w_score, w_value, w_distance = weights
    return (w_score * score if with_score else 0) + w_value * value + w_distance * distance


def _left_out(visits_per_day=3, top=15, **home) -> list:
    """Lead ids among the ``top`` ranked that the week plan does not visit."""
    from ..approach import visit_priority, week_plan

    ranked = visit_priority(_to_visit())
    plan = week_plan(ranked, visits_per_day=visits_per_day, days=5, **home)
    best = ranked.head(top)
    return best.loc[~best["lead_id"].isin(plan["lead_id"]), "lead_id"].tolist()


def _planned_low(top=15) -> list:
    """Lead ids the plan visits although they rank below ``top`` (the opposite set)."""
    from ..approach import visit_priority, week_plan

    ranked = visit_priority(_to_visit())
    plan = week_plan(ranked, visits_per_day=3, days=5)
    return plan.loc[plan["rank"] > top, "lead_id"].tolist()


OPENINGS_ANSWER = "CHIFED"
"""Exercise 7: 利益, 馈赠, 调查, 请教, 赞美, 问题 (codes of the table in 2.2)."""


def _terms(by="relationship_type", how="mean"):
    grouped = _customers().groupby(by, observed=True)["payment_terms_days"]
    return getattr(grouped, how)()


QUESTIONS = [
    series("u04.terms_by_relation", lambda: _terms(), tolerance=0.01,
           hint="重读「1.2 判断客户类型」：这是“分组、再求平均”——行标签应当是三种关系类型，"
                "平均的是账期那一列；单元2 按渠道分组时用过同样的写法。",
           wrong=[lambda: _terms(how="median"), lambda: _terms("motive_type"),
                  lambda: _terms() + 1]),
    choice("u04.shop_motive", "C", options="ABCD",
           hint="重读「1.2 判断客户类型」的动机类型表：客户一段话里常常碰到好几样东西，"
                "要分清哪一样是他顺口一提，哪一样是他真正在乎、非要不可的。",
           wrong=["A", "B", "D"]),
    choice("u04.pharma_checklist", "ABD", options="ABCDE",
           hint="重读「1.3 行业需求清单」，再逐句读经理的话：清单上有、可他已经解决了的事，不必准备；"
                "他提出的要求，哪怕清单把它写在别的行业里，也要准备。",
           wrong=["ABDE", "ADE", "AD", "ABCD", "ABE"]),
    series("u04.my_priority", lambda: _by_hand_priority(), tolerance=0.01,
           hint="重读「1.4 先拜访谁：线索得分、价值和距离」的表和上面对第一条线索的手算："
                "三部分各自怎样封顶、保底，再按权重相加；对整列数字要换一种封顶、保底的办法，"
                "结果不要四舍五入。行标签应当是线索编号。",
           wrong=[lambda: _by_hand_priority(cap_value=False),
                  lambda: _by_hand_priority(weights=(0.3, 0.5, 0.2)),
                  lambda: _by_hand_priority(with_score=False),
                  lambda: _library_priority()],
           errors={"ValueError": "对一整列数字不能用 min() 或 max()：它们只能处理单独一个数。"
                                 "回到练习 4 的题目，看对一整列怎样封顶、保底。"}),
    number("u04.near_km", lambda: _mean_km(NEAR_WEIGHTS), tolerance=0.1,
           hint="重读「1.4 先拜访谁」里 approach.visit_priority 的用法和练习 5 的题目："
                "权重字典的三个键都要写上（只写一个键时，另外两个仍按默认权重）；"
                "想清楚“前 15 名”是排好序以后的哪几行，平均的是哪一列。",
           wrong=[lambda: _mean_km(), lambda: _mean_km({"distance": 0.6}),
                  lambda: _mean_km(NEAR_WEIGHTS, top=5)],
           errors={"NameError": "权重要自己写成一个字典，三个键是 \"score\"、\"value\"、\"distance\"，"
                                "值是题目给的三个权重；没有定义过的变量名不能直接用。"}),
    items("u04.left_out", lambda: _left_out(),
          hint="重读「1.5 排一周的拜访计划」：先想清楚“前 15 名”是哪张表的哪几行，"
               "再对每一行问“它的线索编号在不在计划里”，留下不在的那些。",
          wrong=[lambda: _planned_low(), lambda: _left_out(top=10),
                 lambda: _left_out(home_city="南宁", home_visits=5)],
          errors={"TypeError": "isin 的括号里要放一列数据或一个列表，不能放一个单独的值或整张表。",
                  "ValueError": "“不在里面”不能用 not 表示：对一整列真假值取反，要用 ~ 号。"}),
    custom("u04.opening_methods", OPENINGS_ANSWER,
           compare=letters_in_order("ABCDEFGHI", "一个方法代号（A–I）", "方法"),
           hint="重读「2.2 常用的接近方法」：对每句话问一问，客户听完以后，注意力是被什么抓住的？"
                "再对照表里“怎样做”一列；表下面讲了两对容易混淆的方法，逐句核对时想着它们。",
           wrong=["CBIFED", "CHDFED", "CHIEFD", "CHIFE", 7]),
]
