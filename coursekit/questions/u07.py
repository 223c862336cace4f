"""Exercises of u07_service.ipynb (单元7 物流客户服务认知)."""
from functools import lru_cache

from . import choice, number

YEAR = 2025
INDUSTRY = "医药"   # the customer of the case opening; exercises 3 and 4 look at its industry

# 「2.6 预算先花在哪里：用完美订单率比较改进方案」: option → (rate it improves, share of that rate's failures it removes).
PLANS = {"A": ("on_time", 0.20), "B": ("documents_correct", 0.60),
         "C": ("damage_free", 0.50), "D": ("complete", 0.80)}


@lru_cache(maxsize=1)
def _medical_rates():
    """The four rates of the perfect order, for the industry's waybills ordered in YEAR."""
    from ..data import load_dataset

    shipments, customers = load_dataset("shipments"), load_dataset("customers")
    ids = customers.loc[customers["industry"] == INDUSTRY, "customer_id"]
    mine = shipments[(shipments["order_date"].dt.year == YEAR)
                     & shipments["customer_id"].isin(ids)]
    return {"on_time": float(mine["on_time"].mean()),
            "complete": float(mine["complete"].mean()),
            "damage_free": float((~mine["damaged"] & ~mine["lost"]).mean()),
            "documents_correct": float(mine["documents_correct"].mean()),
            "not_damaged": float((~mine["damaged"]).mean())}


def _perfect(rates, leave_out=None):
    """Product of the four rates (perfect order rate); ``leave_out`` drops one of them."""
    value = 1.0
    for name in ("on_time", "complete", "damage_free", "documents_correct"):
        if name != leave_out:
            value *= rates[name]
    return value


def _perfect_medical():
    return _perfect(_medical_rates())


def _after(plan):
    """Perfect order rate after one plan removes its share of one rate's failures."""
    rate, cut = PLANS[plan]
    rates = dict(_medical_rates())
    rates[rate] = 1 - (1 - rates[rate]) * (1 - cut)
    return _perfect(rates)


def _ranked_plans():
    return sorted(PLANS, key=_after, reverse=True)


def _max_unhappy(customers=100):
    """Most unhappy customers out of 100 while good news still reaches at least as many people."""
    from ..value import word_of_mouth

    allowed = 0
    for unhappy in range(customers + 1):
        good, bad = word_of_mouth(customers - unhappy, unhappy)["people_reached"].tolist()
        if good >= bad:
            allowed = unhappy
    return allowed


QUESTIONS = [
    choice("u07.level", "C",
           hint="重读「1.2 服务的四个层次」：先问这件事是不是客户事先提出、合同里写明的；"
                "再问它有没有超出客户的期望，以及是不是在客户遇到难处的关键时刻。",
           wrong=["A", "B", "D"]),
    choice("u07.after_sale", "BDF", options="ABCDEF",
           hint="重读「2.2 交易前、交易中、交易后的服务要素」：以货物签收为界，"
                "签收之后才发生的事才算交易后；公布承诺、上门取件、在途通知都发生在签收之前。",
           wrong=["BD", "BDEF", "ABDF", "F"]),
    number("u07.perfect_medical", _perfect_medical, tolerance=0.0005,
           hint="重读「2.3 用运单数据衡量服务」：四个比率都用 med 算（每个都是一列 True/False 的 .mean()），"
                "完好率是“没破损并且没丢失”：(~med[\"damaged\"] & ~med[\"lost\"]).mean()；"
                "最后把四个比率乘起来，写成小数（0.9，不是 90）。",
           wrong=[lambda: _medical_rates()["on_time"],
                  lambda: _perfect(_medical_rates(), leave_out="documents_correct"),
                  lambda: _perfect({**_medical_rates(),
                                    "damage_free": _medical_rates()["not_damaged"]}),
                  lambda: _perfect_medical() * 100, 0.9079],
           errors={"TypeError": "mean 后面要加括号：med[\"on_time\"].mean()。不加括号得到的是函数本身，"
                                "两个函数不能相乘。"}),
    number("u07.best_perfect", lambda: _after(_ranked_plans()[0]), tolerance=0.0005,
           hint="重读「2.6 预算先花在哪里：用完美订单率比较改进方案」：每个方案只改一个比率，新比率 = 1 − (1 − 原比率) × (1 − 减少的比例)，"
                "其余三个不变，再用 .prod() 乘起来；四个方案都算完，取最大的那个。",
           wrong=[lambda: _after("A"), lambda: _after(_ranked_plans()[-1]), _perfect_medical,
                  lambda: _after(_ranked_plans()[0]) * 100]),
    choice("u07.best_fix", lambda: _ranked_plans()[0],
           hint="重读「2.6 预算先花在哪里：用完美订单率比较改进方案」：比的是四个方案实施之后的完美订单率（练习 4 第一步算出的数），"
                "不是哪个比率最低，也不是“减少的比例”哪个最大。",
           wrong=[lambda: _ranked_plans()[1], lambda: _ranked_plans()[2],
                  lambda: _ranked_plans()[3]]),
    number("u07.max_unhappy", _max_unhappy,
           hint="重读「3.1 口碑的账」：满意客户 = 100 - 不满意客户；每个满意客户告诉 3 人、"
                "不满意客户告诉 10 人。从 0 开始一个个试，找出好话人数仍不少于坏话人数的最大值。",
           wrong=[24, 77, 10, 30]),
    choice("u07.too_few_to_tell", "B",
           hint="重读「3.2 用公司自己的数据检验：准时率、投诉和流失」：先看两组的 95% 区间是不是大部分重叠；"
                "“每组超过 30 家”只说明可以算区间，不说明任何差别都看得出来。",
           wrong=["A", "C", "D"]),
]
