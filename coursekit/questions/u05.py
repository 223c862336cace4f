"""Exercises of u05_negotiation.ipynb (单元5 物流客户洽谈)."""
from functools import lru_cache

from . import choice, custom, letters_in_order, number


@lru_cache(maxsize=1)
def _shipments_2025():
    """2025 waybills with the customer's industry, as ``ship25`` in the notebook."""
    from ..data import load_dataset

    shipments = load_dataset("shipments")
    customers = load_dataset("customers")[["customer_id", "industry"]]
    year = shipments[shipments["order_date"].dt.year == 2025]
    return year.merge(customers, on="customer_id", how="left")


def _case_waybills():
    data = _shipments_2025()
    clothing = data[data["industry"] == "服装"]
    return data[data["customer_id"] == clothing["customer_id"].value_counts().idxmax()]


def _extra_weight(divisor=6000, how="chargeable"):
    """How much more the case customer's chargeable kilos are than its actual kilos (a share)."""
    case = _case_waybills()
    volumetric = case["volume_m3"] * 1_000_000 / divisor
    chargeable = volumetric.where(volumetric > case["weight_kg"], case["weight_kg"])
    if how == "volumetric":
        return float(volumetric.sum() / case["weight_kg"].sum() - 1)
    if how == "ratio":
        return float(chargeable.sum() / case["weight_kg"].sum())
    return float(chargeable.sum() / case["weight_kg"].sum() - 1)


@lru_cache(maxsize=1)
def _case_economics():
    """(monthly waybills, price per waybill, cost per waybill) of the case customer in 2025."""
    mine = _case_waybills()
    n = len(mine)
    return n / 12, mine["revenue"].sum() / n, mine["cost"].sum() / n


def _margin(discount):
    """Monthly margin of the case customer at a discount, same waybills."""
    v0, price, cost = _case_economics()
    return v0 * (price * (1 - discount) - cost)


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
OBJECTIONS_ANSWER = "AFBCE"
"""Exercise 7: 价格, 权力, 需求, 服务, 时间 (type codes of the table in 2.6)."""


QUESTIONS = [
    custom("u05.fab_labels", FAB_ANSWER,
           compare=letters_in_order("FAB", "一个字母 F、A 或 B", "归类"),
           hint="重读「1.1 FAB：从“我们有什么”到“您能得到什么”」：特征说的是服务本身有什么，"
                "优势说的是这个特征能起什么作用，利益要落到这位客户的钱、时间或生意上。",
           wrong=["FABFAB", "FBFFAB", "FBABAB", "FBAF", 123]),
    choice("u05.implication_questions", "CG", options="ABCDEFGH",
           hint="重读「2.2 四类问题」：暗示问题顺着一个已知的难点往下追问它会造成什么后果、"
                "损失有多大；只问“有没有困难”的是难点问题，问“解决了有什么好处”的是利益问题。",
           wrong=["C", "CFG", "DH", "BF"]),
    number("u05.extra_weight_share", lambda: _extra_weight(),
           hint="重读「2.3 报价前先算计费重量」：体积重量 = case[\"volume_m3\"] * 1_000_000 / 6000；"
                "计费重量 = np.maximum(实际重量列, 体积重量列)；两列各自求和，"
                "计费重量合计 ÷ 实际重量合计 − 1（别忘了减 1，系数用 6000 不是 5000）。",
           wrong=[lambda: _extra_weight(how="ratio"), lambda: _extra_weight(5000),
                  lambda: _extra_weight(how="volumetric")],
           tolerance=0.005,
           errors={"ValueError": "对一整列数据不能用 max()：逐行取两列中较大的值，用 np.maximum(列1, 列2)。"}),
    number("u05.price", lambda: _price(_box_billed_kg()),
           hint="重读「2.4 按运价表报价」：先用 ck.chargeable_weight 算出计费重量（先想清楚这箱货按实重还是按体积重计费），"
                "再把计费重量和月业务量一起交给 ck.quote，读 price 列；别忘了月业务量对应的折扣档。",
           wrong=[lambda: _price(BOX["weight_kg"]), lambda: _price(_box_billed_kg(), None),
                  lambda: _price(_box_billed_kg(), 800)],
           tolerance=0.01),
    number("u05.margin_10", lambda: _margin(0.10),
           hint="重读「2.5 让价要算账」：降价只降收入，不降成本：每票毛利 = p × (1 − 0.1) − c，"
                "再乘每月票数 v0；不是把现在的月毛利打九折，也不是一年的毛利。",
           wrong=[lambda: _margin(0.0) * 0.9, lambda: _margin(0.10) * 12, lambda: _margin(0.20)],
           tolerance=5),
    choice("u05.price_decision", "B", options="ABCD",
           hint="重读「2.5 让价要算账」：不降价时平均每月毛利 = (1 − 客户真走的可能性) × 现在的月毛利；"
                "拿它和你算出的 margin_10 比一比，哪个大？",
           wrong=["A", "C", "D"]),
    custom("u05.objection_types", OBJECTIONS_ANSWER,
           compare=letters_in_order("ABCDEFG", "一个类型代号（A–G）", "类型"),
           hint="重读「2.6 处理客户异议」：看客户挑剔的是什么——价钱、要不要、服务好不好、"
                "什么时候、谁说了算；“我说了不算、要上面批”说的是谁拍板，不是时间；“犯不着”说的是要不要。",
           wrong=["AEBCE", "AFCCE", "AFBCF", "AFBC", 5]),
    choice("u05.best_reply", "C", options="ABCD",
           hint="重读「2.6 处理客户异议」和「3.2 好说法与坏说法」：好的回答不贬低同行、不拍胸脯、"
                "不随便让价，而是承认确实存在的不足，问清情况，再用别的长处和具体的办法弥补（补偿法）。",
           wrong=["A", "B", "D"]),
]
