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


WORD_OF_MOUTH_CUSTOMERS = 250   # 「练习 5」: more customers than the demo's 100, so its readout cannot answer


def _max_unhappy(customers=WORD_OF_MOUTH_CUSTOMERS):
    """Most unhappy customers while good news still reaches at least as many people."""
    from ..value import word_of_mouth

    allowed = 0
    for unhappy in range(customers + 1):
        good, bad = word_of_mouth(customers - unhappy, unhappy)["people_reached"].tolist()
        if good >= bad:
            allowed = unhappy
    return allowed


QUESTIONS = [
    choice("u07.level", "A",
           hint="重读「1.2 服务的四个层次」：层次按“做到了什么”来分，不按客户夸没夸来分；"
                "先想一想这件事在客户期望线的哪一边。",
           wrong=["B", "C", "D"]),
    choice("u07.after_sale", "ADF", options="ABCDEF",
           hint="重读「2.2 交易前、交易中、交易后的服务要素」：以客户签收货物为界，"
                "把每件事放到签收之前、运输途中或签收之后。多选题要选全、不多选。",
           wrong=["AF", "ACDF", "DF", "BDF", "ADEF"]),
    number("u07.perfect_medical", _perfect_medical, tolerance=0.0005,
           hint="重读「2.3 用运单数据衡量服务」：四个比率都从 med 算，写法和上面算 2025 年全部运单的那两行一样；"
                "完好率要同时排除破损和丢失；最后把四个比率乘起来，写成小数（0.9，不是 90）。",
           wrong=[lambda: _medical_rates()["on_time"],
                  lambda: _perfect(_medical_rates(), leave_out="documents_correct"),
                  lambda: _perfect({**_medical_rates(),
                                    "damage_free": _medical_rates()["not_damaged"]}),
                  lambda: _perfect_medical() * 100, 0.9079],
           errors={"TypeError": "mean 后面要加括号 ()：不加括号得到的是函数本身，两个函数不能相乘。"}),
    number("u07.best_perfect", lambda: _after(_ranked_plans()[0]), tolerance=0.0005,
           hint="重读「2.6 预算先花在哪里：用完美订单率比较改进方案」：每个方案只改它动到的那一个比率（公式在表格下面），"
                "其余三个不变，再把四个比率乘起来；四个方案都算一遍，取最大的那个。",
           wrong=[lambda: _after("A"), lambda: _after(_ranked_plans()[-1]), _perfect_medical,
                  lambda: _after(_ranked_plans()[0]) * 100]),
    choice("u07.best_fix", lambda: _ranked_plans()[0],
           hint="重读「2.6 预算先花在哪里：用完美订单率比较改进方案」：经理要的是医药客户的完美订单率提得最高，"
                "拿第一步算出的四个结果来比。",
           wrong=[lambda: _ranked_plans()[1], lambda: _ranked_plans()[2],
                  lambda: _ranked_plans()[3]]),
    number("u07.max_unhappy", _max_unhappy,
           hint="重读「3.1 口碑的账」：满意的客户 = 客户总数 − 不满意的客户；两边各乘上每人告诉几个人，"
                "要求好话的人数不少于坏话的人数。可以一个个 n 试，也可以列不等式；答案是整数。",
           wrong=[23, 58, 77, 192, 25]),
    choice("u07.too_few_to_tell", "C",
           hint="重读「3.2 用公司自己的数据检验：准时率、投诉和流失」：比的是两组，就把这两组的 95% 区间放在一起看；"
                "再想想每组只有几家客户流失，多走一家比例会变多少。",
           wrong=["A", "B", "D"]),
]
