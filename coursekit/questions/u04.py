"""Exercises of u04_approach.ipynb (单元4 接近物流客户)."""
from functools import lru_cache

from . import choice, items, number, series

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


def _visits(visits_per_day: int) -> int:
    from ..approach import visit_priority, week_plan

    return len(week_plan(visit_priority(_to_visit()), visits_per_day=visits_per_day))


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
    items("u04.near_top5", lambda: _top5(NEAR_WEIGHTS),
          hint="重读「1.4 先拜访谁：线索得分、价值和距离」：用 approach.visit_priority(to_visit, weights) "
               "按题目给的三个权重重新排序，取前 5 行的 lead_id 列；不要直接抄默认权重的结果。",
          wrong=[lambda: _top5(), lambda: _top5({"score": 0, "value": 0, "distance": 1}),
                 lambda: _top5(NEAR_WEIGHTS)[:4]]),
    number("u04.n_visits_4", lambda: _visits(4),
           hint="重读「1.5 排一周的拜访计划」：用 approach.week_plan(ranked, visits_per_day=4) 排一遍，"
                "数一数计划表有几行；有的城市凑不满一天的拜访，所以不一定是 4 × 5。",
           wrong=[20, lambda: _visits(3), 15, lambda: _visits(5)]),
    choice("u04.opening_method", "C", options="ABCD",
           hint="重读「2.2 常用的接近方法」：这句开场白一开口先讲的是什么？是身份、样品、好处，还是夸奖？",
           wrong=["A", "B", "D"]),
]
