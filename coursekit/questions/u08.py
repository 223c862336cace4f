"""Exercises of u08_crm.ipynb (单元8（上） 物流 CRM 和客户管理); 项目4 is u08b_service_plan."""
from functools import lru_cache

from . import choice, number, series, text

AS_OF = "2025-12-31"
FILE_CUSTOMER = "C0080"   # the customer whose complaints exercise 4 counts
CLV_INPUTS = dict(margin=20_000, retention=0.85, discount=0.08)
MANAGER = "黄晓琳"        # 小黄, the account manager of the case opening
VISIT_RETENTION, VISIT_DISCOUNT = 0.85, 0.08   # 「3.4 小黄先去拜访谁：用客户终身价值做决定」


@lru_cache(maxsize=1)
def _shipments():
    from ..data import load_dataset

    return load_dataset("shipments")


@lru_cache(maxsize=1)
def _complaints():
    from ..data import load_dataset

    return load_dataset("complaints")


@lru_cache(maxsize=1)
def _profit_2025():
    from ..value import customer_profitability

    shipments = _shipments()
    return customer_profitability(shipments[shipments["order_date"].dt.year == 2025])


def _complaints_of(customer, year=None):
    complaints = _complaints()
    mine = complaints["customer_id"] == customer
    if year is not None:
        mine &= complaints["received_at"].dt.year == year
    return int(mine.sum())


def _clv(**changes):
    from ..value import clv

    return clv(**{**CLV_INPUTS, **changes})


def _profit_by_hand(cost_factor=1.0):
    """2025 profit per customer: revenue summed minus cost summed (cost scaled for wrong answers)."""
    shipments = _shipments()
    by_customer = shipments[shipments["order_date"].dt.year == 2025].groupby("customer_id")
    return by_customer["revenue"].sum() - cost_factor * by_customer["cost"].sum()


@lru_cache(maxsize=1)
def _declining_clv():
    """CLV of the account manager's customers in 衰退期, from their 2025 profit (best first)."""
    from ..data import load_dataset
    from ..lifecycle import lifecycle_stage

    customers = load_dataset("customers")
    mine = customers.loc[customers["account_manager"] == MANAGER, "customer_id"]
    stages = lifecycle_stage(_shipments(), as_of=AS_OF).set_index("id")["stage"].astype(str)
    profit = _profit_2025().set_index("customer_id")["profit"]
    declining = [c for c in mine if stages.get(c) == "衰退期" and c in profit.index]
    value = profit[declining] * VISIT_RETENTION / (1 + VISIT_DISCOUNT - VISIT_RETENTION)
    return value.sort_values(ascending=False)


def _biggest_declining():
    """The declining customer of the manager with the most waybills in 2025 (the tempting answer)."""
    shipments = _shipments()
    counts = shipments[shipments["order_date"].dt.year == 2025]["customer_id"].value_counts()
    return str(counts.reindex(_declining_clv().index).idxmax())


QUESTIONS = [
    choice("u08.hardest_bond", "C",
           hint="重读「1.4 维系客户的三个层次」：比一比对手要学会每一层需要多少时间和投入，"
                "降价第二天就能跟上，哪一层要花很长时间才能搭起来？",
           wrong=["A", "B", "D"]),
    series("u08.profit_by_hand", _profit_by_hand, tolerance=0.01,
           hint="重读「2.3 客户盈利能力：每位客户赚多少钱」：只用 2025 年下单的运单（ships_2025），"
                "按 customer_id 分组，revenue 的和减去 cost 的和；结果是一列数据，行标签是客户编号。",
           wrong=[lambda: _profit_by_hand(0.0),
                  lambda: _shipments().groupby("customer_id")["revenue"].sum()
                  - _shipments().groupby("customer_id")["cost"].sum(),
                  lambda: _profit_by_hand() / 10_000],
           errors={"KeyError": "列名要写英文原名：\"revenue\"、\"cost\"、\"customer_id\"。"}),
    number("u08.clv_value", lambda: _clv(), tolerance=1,
           hint="重读「2.4 客户终身价值（CLV）」：用 ck.clv(每年利润, 留存率, 折现率)，"
                "利润写成元（20000，不是 2），留存率和折现率写成小数；不给 years 就是无限期。",
           wrong=[lambda: _clv(years=10), lambda: 20_000 / (1 + 0.08 - 0.85),
                  lambda: _clv() / 10_000, lambda: _clv(retention=0.8), 20_000 / 0.15]),
    choice("u08.not_in_tables", "BDF", options="ABCDEF",
           hint="重读「3.1 要收集哪些信息」：对照表格最后一列，看每项信息能不能在 customers、"
                "shipments、complaints 里找到或者算出来；能算出来的也算“有”。多选题要选全、不多选。",
           wrong=["BD", "BCDF", "ABDF", "DF"]),
    number("u08.file_complaints", lambda: _complaints_of(FILE_CUSTOMER, 2025),
           hint="重读「3.3 整理一位客户的档案」：两个条件要同时满足——customer_id 等于 "
                f"\"{FILE_CUSTOMER}\"，received_at 的年份是 2025；用 & 连接，再 .sum() 数个数。",
           wrong=[lambda: _complaints_of(FILE_CUSTOMER), lambda: _complaints_of(FILE_CUSTOMER, 2023),
                  lambda: _complaints_of("C0065", 2025)],
           errors={"TypeError": "两个条件用 & 连起来时，每个条件都要加括号："
                                "(complaints[\"customer_id\"] == \"C0080\") & (……== 2025)。"}),
    number("u08.visit_clv", lambda: float(_declining_clv().iloc[0]), tolerance=1,
           hint="重读「3.4 小黄先去拜访谁：用客户终身价值做决定」：只看 huang 里 stage 是“衰退期”的客户，CLV = 2025 年利润 × 0.85 ÷ "
                "(1 + 0.08 − 0.85)，取最大的那一个；利润用元，不要换成万元。",
           wrong=[lambda: float(_declining_clv()[_biggest_declining()]),
                  lambda: float(_declining_clv().iloc[1]),
                  lambda: float(_declining_clv().iloc[0]) / 10_000,
                  lambda: float(_declining_clv().iloc[0]) * (1 + 0.08 - 0.85) / 0.85]),
    text("u08.visit_first", lambda: str(_declining_clv().index[0]),
         hint="重读「3.4 小黄先去拜访谁：用客户终身价值做决定」：目标是保住将来最多的利润，看练习 6 第一步算出的客户终身价值，"
              "不是运单最多的客户；写客户编号，例如 \"C0001\"。",
         wrong=[_biggest_declining, lambda: str(_declining_clv().index[1]), "C0080"]),
]
