"""Exercises of case_cre.ipynb (案例分析：中铁快运)."""
from functools import lru_cache

from .. import transit
from . import choice, number

# The illustrative milk cargo of 「3.2 在途库存成本」; the notebook states the same
# assumptions in its own cell, and its checks prove the two agree.
CARGO_TONNES = 1_000
VALUE_PER_TONNE = 6_000          # 元/吨, an assumption, not a published price
HOLDING_RATE = 0.20              # annual holding cost rate, an assumption

# 「4.2 用数据做选择」: the candidate set and the classroom rule of thumb.
TOP_N = 20
FREIGHT_MIN_PER_WAYBILL = 500    # 元 per waybill and more: 大票货运型
DIFFERENT_NEEDS_RATIO = 3        # average revenue per waybill differs this many times or more
EACH_MIN_SHARE = 0.20            # 区别型 when every kind has at least this share
DOMINANT_SHARE = 0.80            # 聚焦型 when one kind has at least this share
# the options of exercise 7, as the notebook lists them
STRATEGY_LETTERS = {"统一化": "A", "区别型": "B", "聚焦型：货运": "C", "聚焦型：快递": "D"}


def _load(name):
    from ..data import load_dataset

    return load_dataset(name)


@lru_cache(maxsize=1)
def _facts():
    return _load("cre_facts")


def _value(metric):
    facts = _facts()
    return float(facts.loc[facts["metric"] == metric, "value"].iloc[0])


def _milk_hours():
    facts = _facts().set_index("metric")
    old, new = facts.loc["milk_transit_days_before"], facts.loc["milk_transit_hours_after"]
    return transit.to_hours(float(old["value"]), old["unit"]), transit.to_hours(float(new["value"]), new["unit"])


def _hours_saved():
    old, new = _milk_hours()
    return old - new


def _cost(hours, value=CARGO_TONNES * VALUE_PER_TONNE, rate=HOLDING_RATE):
    return value * rate * (hours / 24) / 365


def _cost_saved():
    old, new = _milk_hours()
    return _cost(old) - _cost(new)


# ---------------------------------------------------------------- 项目4: strategy

@lru_cache(maxsize=1)
def _top():
    shipments = _load("shipments")
    in_2025 = shipments[shipments["order_date"].dt.year == 2025]
    per = in_2025.groupby("customer_id").agg(waybills=("waybill_id", "size"),
                                             revenue=("revenue", "sum"))
    top = per.sort_values("revenue", ascending=False).head(TOP_N).copy()
    top["freight"] = top["revenue"] / top["waybills"] >= FREIGHT_MIN_PER_WAYBILL
    return top


def _freight_share(column="revenue", freight=True) -> float:
    top = _top()
    chosen = top["freight"] == freight
    return float(top.loc[chosen, column].sum() / top[column].sum())


def _strategy() -> str:
    """The classroom rule of 4.2 applied to the candidates."""
    top = _top()
    kinds = top.groupby("freight")[["revenue", "waybills"]].sum()
    per_waybill = kinds["revenue"] / kinds["waybills"]
    shares = kinds["revenue"] / kinds["revenue"].sum()
    if len(kinds) < 2 or per_waybill.max() / per_waybill.min() < DIFFERENT_NEEDS_RATIO:
        return STRATEGY_LETTERS["统一化"]
    if shares.min() >= EACH_MIN_SHARE:
        return STRATEGY_LETTERS["区别型"]
    if shares.max() >= DOMINANT_SHARE:
        return STRATEGY_LETTERS["聚焦型：货运" if shares.idxmax() else "聚焦型：快递"]
    return STRATEGY_LETTERS["区别型"]


QUESTIONS = [
    choice("case_cre.what_is_cre", "B",
           hint="重读「1.1 先分清名字：中铁快运不是中欧班列」：英文名相近的两样东西，一个是公司，一个是跨境货运班列；"
                "行邮专列和鲜奶班列各是谁开的，材料里怎么说？",
           wrong=["A", "C", "D", "AB"]),
    choice("case_cre.bond_of_friendship", "B", options="ABC",
           hint="重读「2.4 项目组与驻厂服务」最后一段：靠价格、靠人和人的交情、还是靠嵌进客户的流程？"
                "“人熟了”说的是哪一种？",
           wrong=["A", "C"]),
    choice("case_cre.weaknesses", "ACDF", options="ABCDEF",
           hint="重读「2.5 材料指出的四点不足」：一共四点；再对照「1.2 数字里的网络」和「2.4」想想，"
                "网点数量和信息系统是不是它的短板。",
           wrong=["ACD", "ABCDEF", "ACDEF", "BE"]),
    number("case_cre.hours_saved", _hours_saved, tolerance=0.5,
           hint="重读「3.1 省了多少小时」：15 天先乘以 24 换成小时，再减去 98 小时；"
                "答案的单位是小时而不是天，结果应是正数。",
           wrong=[lambda: -_hours_saved(), lambda: _value("milk_transit_days_before") * 24,
                  lambda: _hours_saved() / 24,
                  lambda: _value("milk_transit_hours_after") - _value("milk_transit_days_before")],
           errors={"KeyError": "by_metric 的行名是英文指标键，要加引号，例如 "
                               "by_metric.loc[\"milk_transit_days_before\", \"value\"]。"}),
    number("case_cre.cost_saved", _cost_saved, tolerance=1,
           hint="重读「3.2 在途库存成本」：两种方式各算一次在途成本再相减；公式里的时间先除以 24 "
                "换成天、再除以 365 换成年，持有成本率写成小数 0.2。",
           wrong=[lambda: _cost_saved() * 365,                  # forgot / 365
                  lambda: _cost_saved() * 24,                   # hours used as days
                  lambda: _cost_saved() * 100,                  # rate typed as 20
                  lambda: _cost(_milk_hours()[0])]),            # the old cost, not the saving
    number("case_cre.freight_share", _freight_share, tolerance=0.001,
           hint="重读「4.2 用数据做选择」：在 top20 里筛出 kind 为“大票货运型”的行，它们的 revenue 之和"
                "除以 20 个客户的 revenue 之和；是收入的占比，不是运单数（waybills）或客户数的占比；"
                "写成 0 到 1 之间的小数。",
           wrong=[lambda: _freight_share("waybills"), lambda: _freight_share(freight=False),
                  lambda: 100 * _freight_share(), lambda: float(_top()["freight"].mean())]),
    choice("case_cre.big_customer_strategy", _strategy,
           hint="重读「4.2 用数据做选择」的规则：先看两类客户的平均每票收入相差几倍，再看收入占比；"
                "按运单数看会得出相反的结论，规则用的是收入。",
           wrong=["A", "B", "D"]),
]
