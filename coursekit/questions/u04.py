"""Exercises of u04_approach.ipynb (单元4 接近物流客户)."""
from functools import lru_cache

from . import choice, custom, items, letters_in_order, series

NEAR_WEIGHTS = {"score": 0.2, "value": 0.2, "distance": 0.6}
"""The weights of exercise 4: this week the salesperson cannot travel far."""


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


def _top5(weights=None) -> list:
    from ..approach import visit_priority

    return visit_priority(_to_visit(), weights)["lead_id"].head(5).tolist()


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
           hint="重读「1.2 判断客户类型」：按 relationship_type 分组，取 payment_terms_days 列，"
                "算平均值 .mean()（不是中位数，也不是按动机类型分组）；结果是一列三个数。",
           wrong=[lambda: _terms(how="median"), lambda: _terms("motive_type"),
                  lambda: _terms() + 1]),
    choice("u04.shop_motive", "D", options="ABCD",
           hint="重读「1.2 判断客户类型」：这位老板在意的是价格、企业的口碑、定制的服务，"
                "还是省事？抓住他话里最在乎的那个词。",
           wrong=["A", "B", "C"]),
    choice("u04.pharma_checklist", "ABD", options="ABCD",
           hint="重读「1.3 行业需求清单」：对照医药一行逐条核对；有一个选项是另一个行业客户的要求。",
           wrong=["AB", "ABCD", "ACD", "C"]),
    series("u04.my_priority", lambda: _by_hand_priority(), tolerance=0.1,
           hint="重读「1.4 先拜访谁：线索得分、价值和距离」：价值分 = 年物流支出 ÷ 20000，"
                "用 .clip(upper=100) 封顶；距离分 = 100 × (1 − 距离 ÷ 500)，用 .clip(lower=0) 保底；"
                "再算 0.5 × scores + 0.3 × 价值分 + 0.2 × 距离分。行标签要是线索编号（用 open_leads 和 scores）。",
           wrong=[lambda: _by_hand_priority(cap_value=False),
                  lambda: _by_hand_priority(weights=(0.3, 0.5, 0.2)),
                  lambda: _by_hand_priority(with_score=False)],
           errors={"ValueError": "对一整列数字不能用 min() 或 max()：封顶用 列.clip(upper=100)，"
                                 "保底用 列.clip(lower=0)。"}),
    items("u04.near_top5", lambda: _top5(NEAR_WEIGHTS),
          hint="重读「1.4 先拜访谁：线索得分、价值和距离」：用 approach.visit_priority(to_visit, weights) "
               "按题目给的三个权重重新排序，取前 5 行的 lead_id 列；不要直接抄默认权重的结果。",
          wrong=[lambda: _top5(), lambda: _top5({"score": 0, "value": 0, "distance": 1}),
                 lambda: _top5(NEAR_WEIGHTS)[:4]]),
    items("u04.left_out", lambda: _left_out(),
          hint="重读「1.5 排一周的拜访计划」：先取 ranked 的前 15 行，再留下 lead_id 不在 plan[\"lead_id\"] "
               "里的那些行：条件写成 ~前15名[\"lead_id\"].isin(plan[\"lead_id\"])，最后取 lead_id 列。",
          wrong=[lambda: _planned_low(), lambda: _left_out(top=10),
                 lambda: _left_out(home_city="南宁", home_visits=5)],
          errors={"TypeError": "isin 的括号里要放一列数据（或一个列表），例如 "
                               "~top15[\"lead_id\"].isin(plan[\"lead_id\"])。",
                  "ValueError": "“不在里面”要在条件前加 ~，不能用 not：~top15[\"lead_id\"].isin(plan[\"lead_id\"])。"}),
    custom("u04.opening_methods", OPENINGS_ANSWER,
           compare=letters_in_order("ABCDEFGHI", "一个方法代号（A–I）", "方法"),
           hint="重读「2.2 常用的接近方法」：先找每句话一开口靠的是什么——好处的数字、一件小礼物、"
                "一份有理由的问卷、向对方讨教、具体的称赞，还是一个戳中难处的问题。"
                "注意产品接近和馈赠接近、问题接近和调查接近的区别。",
           wrong=["CBIFED", "CHDFED", "CHIEFD", "CHIFE", 7]),
]
