"""Exercises of case_cre.ipynb (案例分析：中铁快运)."""
from functools import lru_cache

from .. import transit
from . import choice, number

# The illustrative milk cargo of 「3.2 在途库存成本」; the notebook states the same
# assumptions in its own cell, and its checks prove the two agree.
CARGO_TONNES = 1_000
VALUE_PER_TONNE = 6_000          # 元/吨, an assumption, not a published price
HOLDING_RATE = 0.18              # annual holding cost rate, an assumption (not on the demo's sliders)

# 「4.2 用数据做选择」: the candidate set and the classroom rule of thumb.
TOP_N = 20
FREIGHT_MIN_PER_WAYBILL = 500    # 元 per waybill and more: 大票货运型
DIFFERENT_NEEDS_RATIO = 3        # average revenue per waybill differs this many times or more
EACH_MIN_SHARE = 0.20            # 区别型 when every kind has at least this share
DOMINANT_SHARE = 0.80            # 聚焦型 when one kind has at least this share
# the options of the strategy exercise, as the notebook lists them
STRATEGY_LETTERS = {"统一化": "A", "区别型": "B", "聚焦型：货运": "C", "聚焦型：快递": "D"}


def _load(name):
    from ..data import load_dataset

    return load_dataset(name)


@lru_cache(maxsize=1)
def _facts():
    return _load("cre_facts")


def _milk_hours():
    facts = _facts().set_index("metric")
    old, new = facts.loc["milk_transit_days_before"], facts.loc["milk_transit_hours_after"]
    return transit.to_hours(float(old["value"]), old["unit"]), transit.to_hours(float(new["value"]), new["unit"])


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


def _per_waybill_ratio(pooled=True) -> float:
    """Freight over express revenue per waybill: pooled (total / total), or the mean of customers'."""
    top = _top()
    if pooled:
        kinds = top.groupby("freight")[["revenue", "waybills"]].sum()
        per_waybill = kinds["revenue"] / kinds["waybills"]
    else:
        per_waybill = (top["revenue"] / top["waybills"]).groupby(top["freight"]).mean()
    return float(per_waybill[True] / per_waybill[False])


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
    choice("case_cre.structural_bond", "C",
           hint="重读「2.4 项目组与驻厂服务」最后一段：财务纽带靠价格和优惠，社交纽带靠人和人的交情，"
                "结构纽带靠把服务嵌进客户的流程和系统。哪一条措施让客户换掉你的代价变高，"
                "而且换一个业务员也不会变？",
           options="ABCD", wrong=["A", "B", "D", "BC"]),
    number("case_cre.cost_saved", _cost_saved, tolerance=1,
           hint="重读「3.2 在途库存成本」：两种方式各算一次在途成本再相减；公式里的时间先除以 24 "
                "换成天、再除以 365 换成年，持有成本率写成小数 0.18；两种方式的小时数是 old_hours 和 train_hours。",
           wrong=[lambda: _cost_saved() * 365,                  # forgot / 365
                  lambda: _cost_saved() * 24,                   # hours used as days
                  lambda: _cost_saved() * 100,                  # rate typed as 18
                  lambda: _cost(_milk_hours()[0]),              # the old cost, not the saving
                  lambda: _cost_saved() * 0.20 / HOLDING_RATE],  # the demo's 20%, not this cell's 18%
           errors={"NameError": "先运行上面写假设的单元格（cargo_value、holding_rate），"
                                "以及 3.1 里算出 old_hours、train_hours 的单元格。"}),
    number("case_cre.freight_share", _freight_share, tolerance=0.001,
           hint="重读「4.2 用数据做选择」：在 top20 里筛出 kind 列为“大票货运型”的行，它们的 revenue 之和"
                "除以 20 个客户的 revenue 之和；是收入的占比，不是运单数（waybills）或客户数的占比；"
                "写成 0 到 1 之间的小数。",
           wrong=[lambda: _freight_share("waybills"), lambda: _freight_share(freight=False),
                  lambda: 100 * _freight_share(), lambda: float(_top()["freight"].mean())]),
    number("case_cre.per_waybill_ratio", _per_waybill_ratio, tolerance=0.1,
           hint="重读「4.2 用数据做选择」：每一类的平均每票收入 = 这一类的 revenue 之和 ÷ 这一类的 waybills 之和"
                "（不是把各客户的 revenue_per_waybill 再平均）；再用大票货运型的除以小件快递型的。",
           wrong=[lambda: _per_waybill_ratio(pooled=False), lambda: 1 / _per_waybill_ratio()],
           errors={"KeyError": "列名要和表里一致：top20 的列是 waybills、revenue、revenue_per_waybill、kind、industry；"
                               "类型的名字是 \"大票货运型\" 和 \"小件快递型\"。"}),
    choice("case_cre.big_customer_strategy", _strategy,
           hint="重读「4.2 用数据做选择」的规则：先看两类客户的平均每票收入相差几倍（你算的倍数），"
                "再看每一类占候选大客户收入的比例（你算的占比）；规则看的是收入，不是运单数。",
           wrong=["A", "B", "D"]),
]
