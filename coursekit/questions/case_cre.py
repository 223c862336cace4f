"""Exercises of case_cre.ipynb (案例分析：中铁快运)."""
from functools import lru_cache

import coursekit as ck

from .. import transit
from . import choice, number

# The illustrative milk cargo of 「3.2 在途库存成本」; the notebook states the same
# assumptions in its own cell, and its checks prove the two agree.
CARGO_TONNES = 1_000
VALUE_PER_TONNE = 6_000          # 元/吨, an assumption, not a published price
HOLDING_RATE = 0.20              # annual holding cost rate, an assumption


@lru_cache(maxsize=1)
def _facts():
    return ck.load_dataset("cre_facts")


def _row(metric, year=None):
    facts = _facts()
    rows = facts[facts["metric"] == metric]
    if year is not None:
        rows = rows[rows["year"] == year]
    return rows.iloc[0]


def _hours(metric):
    row = _row(metric)
    return transit.to_hours(float(row["value"]), row["unit"])


def _milk_hours():
    return _hours("milk_transit_days_before"), _hours("milk_transit_hours_after")


def _hours_saved():
    return transit.transit_comparison(*_milk_hours())["hours_saved"]


def _cost_saved():
    value = CARGO_TONNES * VALUE_PER_TONNE
    old, new = _milk_hours()
    return (transit.in_transit_cost(value, HOLDING_RATE, old)
            - transit.in_transit_cost(value, HOLDING_RATE, new))


def _n_unverified():
    return int((~_facts()["verified"]).sum())


def _hsr_growth():
    first = _row("hsr_express_launch_cities", 2014)["value"]
    later = _row("hsr_express_cities", 2016)["value"]
    return float(later / first)


QUESTIONS = [
    choice("case_cre.what_is_cre", "B",
           hint="重读「1.1 先分清名字：中铁快运不是中欧班列」：英文名相近的两样东西，"
                "一个是公司，一个是跨境货运班列，本案例讲的是哪一个？",
           wrong=["A", "C", "D", "AB"]),
    number("case_cre.n_unverified", _n_unverified,
           hint="重读「1.3 数字可信吗：出处与核实」：verified 列为 False 的行才是未核实的；"
                "取反用 ~，再求和。别把全部行数或已核实的行数当成答案。",
           wrong=[lambda: _n_unverified() + 1, lambda: len(_facts()) - _n_unverified(),
                  lambda: len(_facts())]),
    choice("case_cre.weaknesses", "ACDF", options="ABCDEF",
           hint="重读「2.5 资料指出的四点不足」：一共四点；再对照「1.2 数字里的网络」想想，"
                "网点数量和信息系统是不是它的短板。",
           wrong=["ACD", "ABCDEF", "ACDEF", "BE"]),
    number("case_cre.hours_saved", _hours_saved, tolerance=0.5,
           hint="重读「3.1 省了多少小时」：两个时间先换成同一个单位（小时），再用旧方式减去班列；"
                "答案的单位是小时而不是天，结果应是正数。",
           wrong=[lambda: -_hours_saved(), 83, 360, lambda: _hours_saved() / 24]),
    number("case_cre.cost_saved", _cost_saved, tolerance=1,
           hint="重读「3.2 在途库存成本」：两种方式各算一次在途成本再相减；公式里的时间先除以 24 "
                "换成天、再除以 365 换成年，持有成本率写成小数 0.2。",
           wrong=[lambda: _cost_saved() * 365,                  # forgot / 365
                  lambda: _cost_saved() * 24,                   # hours used as days
                  lambda: _cost_saved() * 100,                  # rate typed as 20
                  lambda: transit.in_transit_cost(CARGO_TONNES * VALUE_PER_TONNE,
                                                  HOLDING_RATE, _milk_hours()[0])]),
    number("case_cre.hsr_growth", _hsr_growth, tolerance=0.01,
           hint="重读「4.1 网络扩张」：倍数 = 后来的城市数 ÷ 起步时的城市数；起步是 2014 年 4 月，"
                "不是 2014 年底；要的是倍数，不是增加了多少个城市。",
           wrong=[lambda: _hsr_growth() - 1, 485, 505 / 151, 151 / 20]),
]
