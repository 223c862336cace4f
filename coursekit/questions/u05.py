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


def _margin_drop(discount=0.10, how="drop"):
    """Share of today's monthly margin a discount takes away (exercise 5); it is q*."""
    if how == "kept":
        return _margin(discount) / _margin(0.0)
    if how == "yuan":
        return _margin(0.0) - _margin(discount)
    return 1 - _margin(discount) / _margin(0.0)


BOX = {"weight_kg": 5, "length_cm": 50, "width_cm": 40, "height_cm": 30}
"""The carton of exercise 4: 5 kg, 50 x 40 x 30 cm, a customer with 2,500 waybills a month."""


def _box_billed_kg():
    from ..negotiation import chargeable_weight

    return chargeable_weight(**BOX)


def _price(billed_kg, monthly_volume=2500):
    from ..negotiation import quote

    return float(quote(billed_kg, "快递", monthly_volume=monthly_volume)["price"].iloc[0])


# ----------------------------------------------------------------- FAB matching

FAB_ANSWER = "FABFBA"
"""Exercise 1 (南宁—柳州零担专线 for a car-parts plant): 定位设备 F, 随时查得到 A,
少备库存 B, 固定发车 F, 少停线 B, 到货时间天天一样 A."""
OBJECTIONS_ANSWER = "AFBCE"
"""Exercise 7: 价格, 权力, 需求, 服务, 时间 (type codes of the table in 2.6)."""


QUESTIONS = [
    custom("u05.fab_labels", FAB_ANSWER,
           compare=letters_in_order("FAB", "一个字母 F、A 或 B", "归类"),
           hint="重读「1.1 FAB：从“我们有什么”到“您能得到什么”」：特征说的是服务本身有什么，"
                "优势说的是这个特征能起什么作用，利益要落到这位客户的钱、时间或生意上。",
           wrong=["FABFAB", "FBAFBA", "FAAFBA", "FABF", 123]),
    choice("u05.implication_questions", "CG", options="ABCDEFGH",
           hint="重读「2.2 四类问题」：暗示问题顺着一个已知的难点往下追问它会造成什么后果、"
                "损失有多大；只问“有没有困难”的是难点问题，问“解决了有什么好处”的是利益问题。",
           wrong=["C", "CFG", "DH", "BF"]),
    number("u05.extra_weight_share", lambda: _extra_weight(),
           hint="重读「2.3 报价前先算计费重量」：体积要先从立方米换成立方厘米，再除以本课程的系数；"
                "计费重量是每一票取两个重量中较大的那个；最后比的是两个合计，问的是“多出”百分之几。",
           wrong=[lambda: _extra_weight(how="ratio"), lambda: _extra_weight(5000),
                  lambda: _extra_weight(how="volumetric")],
           tolerance=0.005,
           errors={"ValueError": "对一整列数据不能用 max()：逐行取两列中较大的值，用 np.maximum(列1, 列2)。"}),
    number("u05.price", lambda: _price(_box_billed_kg()),
           hint="重读「2.3 报价前先算计费重量」和「2.4 按运价表报价」：这箱货的尺寸是厘米，"
                "厘米的长宽高和立方米的体积在函数里写法不同；先想清楚它按实重还是按体积重计费，"
                "再看每月 2,500 票落在哪一档折扣。",
           wrong=[lambda: _price(BOX["weight_kg"]), lambda: _price(_box_billed_kg(), None),
                  lambda: _price(_box_billed_kg(), 800)],
           tolerance=0.01),
    number("u05.margin_drop_10", lambda: _margin_drop(),
           hint="重读「2.5 让价要算账」的三种结局：降价降的是每票收入，成本不变；"
                "先算出降 10% 以后的月毛利，再看它比现在的月毛利少了现在的几成（写成小数，不是元）。",
           wrong=[lambda: 0.10, lambda: _margin_drop(how="kept"), lambda: _margin_drop(0.20),
                  lambda: _margin_drop(how="yuan")],
           tolerance=0.005),
    choice("u05.price_decision", "B", options="ABCD",
           hint="重读「2.5 让价要算账」里 q* 的意思：把她估计的可能性和降 10% 的分界点比一比；"
                "再逐个核对每个选项给出的理由，是不是和你算出的数对得上。",
           wrong=["A", "C", "D"]),
    custom("u05.objection_types", OBJECTIONS_ANSWER,
           compare=letters_in_order("ABCDEFG", "一个类型代号（A–G）", "类型"),
           hint="重读「2.6 处理客户异议」的类型表：对每句话问一问，客户挑剔的究竟是什么，"
                "是钱、是需不需要、是服务本身、是你们公司、是时机，还是由谁来定？"
                "别被句子里顺带提到的东西带偏，再对照“客户常这样说”一列找同类的话。",
           wrong=["AEBCE", "AFCCE", "AFBCF", "AFBC", 5]),
    choice("u05.best_reply", "C", options="ABCD",
           hint="重读「2.6 处理客户异议」的五个步骤和「3.2 好说法与坏说法」：拿五个步骤逐一检查每个回答，"
                "再看它有没有犯 3.2 表里“容易脱口而出”的毛病；让步换回了什么，客户的问题解决了没有。",
           wrong=["A", "B", "D"]),
]
