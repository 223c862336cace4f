"""Exercises of u05_negotiation.ipynb (单元5 物流客户洽谈)."""
from functools import lru_cache

from . import choice, custom, items, letters_in_order, number



@lru_cache(maxsize=1)
def _shipments_2025():
    """2025 waybills with the customer's industry and the cargo kind (轻泡货/重货)."""
    from ..data import load_dataset
    from ..negotiation import chargeable_weight

    shipments = load_dataset("shipments")
    customers = load_dataset("customers")[["customer_id", "industry"]]
    year = shipments[shipments["order_date"].dt.year == 2025]
    year = year.merge(customers, on="customer_id", how="left")
    detail = chargeable_weight(year["weight_kg"], volume_m3=year["volume_m3"], detail=True)
    return year.assign(cargo=detail["cargo"])


def _light(industry=None):
    data = _shipments_2025()
    light = data["cargo"] == "轻泡货"
    if industry is not None:
        light = light & (data["industry"] == industry)
    return int(light.sum())


@lru_cache(maxsize=1)
def _case_economics():
    """(monthly waybills, price per waybill, cost per waybill) of the case customer in 2025."""
    data = _shipments_2025()
    clothing = data[data["industry"] == "服装"]
    mine = data[data["customer_id"] == clothing["customer_id"].value_counts().idxmax()]
    n = len(mine)
    return n / 12, mine["revenue"].sum() / n, mine["cost"].sum() / n


def _extra(discount):
    from ..negotiation import breakeven_volume

    v0, price, cost = _case_economics()
    return breakeven_volume(v0, price, cost, discount) - v0


BOX = {"weight_kg": 5, "length_cm": 50, "width_cm": 40, "height_cm": 30}
"""The carton of exercise 4: 5 kg, 50 x 40 x 30 cm, a customer with 2,500 waybills a month."""


def _box_billed_kg():
    from ..negotiation import chargeable_weight

    return chargeable_weight(**BOX)


def _price(billed_kg, monthly_volume=2500):
    from ..negotiation import quote

    return float(quote(billed_kg, "快递", monthly_volume=monthly_volume)["price"].iloc[0])


# ----------------------------------------------------------------- FAB matching

FAB_ANSWER = "FBAFAB"


QUESTIONS = [
    custom("u05.fab_labels", FAB_ANSWER,
           compare=letters_in_order("FAB", "一个字母 F、A 或 B", "归类"),
           hint="重读「1.1 FAB：从“我们有什么”到“您能得到什么”」：特征说的是服务本身有什么，"
                "优势说的是这个特征能起什么作用，利益要落到这位客户的钱、时间或生意上。",
           wrong=["FABFAB", "FBFFAB", "FBABAB", "FBAF", 123]),
    items("u05.implication_questions", [3, 7],
          hint="重读「2.2 四类问题」：暗示问题顺着一个已知的难点往下追问它会造成什么后果、"
               "损失有多大；只问“有没有困难”的是难点问题，问“解决了有什么好处”的是利益问题。",
          wrong=[[3], [3, 6, 7], [4, 8], [2, 6]]),
    number("u05.n_light_clothing", lambda: _light("服装"),
           hint="重读「2.3 报价前先算计费重量」：同时满足两个条件——行业是服装、cargo 是“轻泡货”，"
                "两个条件用 & 连起来（每个条件加括号），再用 .sum() 数个数。",
           wrong=[lambda: int((_shipments_2025()["industry"] == "服装").sum()),
                  lambda: _light(), 0.742]),
    number("u05.price", lambda: _price(_box_billed_kg()),
           hint="重读「2.4 按运价表报价」：先用 ck.chargeable_weight 算出计费重量（先想清楚这箱货按实重还是按体积重计费），"
                "再把计费重量和月业务量一起交给 ck.quote，读 price 列；别忘了月业务量对应的折扣档。",
           wrong=[lambda: _price(BOX["weight_kg"]), lambda: _price(_box_billed_kg(), None),
                  lambda: _price(_box_billed_kg(), 800)],
           tolerance=0.01),
    number("u05.extra_waybills", lambda: _extra(0.10),
           hint="重读「2.5 让价要算账」：ck.breakeven_volume 给出的是打折后每月总共要发多少票，"
                "题目问的是比现在“多”发多少票，还要减去现在的月运单数 v0。",
           wrong=[lambda: _extra(0.10) + _case_economics()[0], lambda: _extra(0.05),
                  lambda: _case_economics()[0] / 0.9 - _case_economics()[0]],
           tolerance=1),
    choice("u05.best_reply", "C", options="ABCD",
           hint="重读「3.2 好说法与坏说法」：好的回答不贬低同行、不马上让价，"
                "而是把客户的注意力从“单价”引到“总成本”上，并用数字说话。",
           wrong=["A", "B", "D"]),
]
