"""Exercises of u08_crm.ipynb (单元8（上） 物流 CRM 和客户管理); 项目4 is u08b_service_plan."""
from functools import lru_cache

from . import choice, number, series, text

AS_OF = "2025-12-31"
FILE_CUSTOMER = "C0080"   # the customer whose complaints exercise 5 counts
MANAGER = "黄晓琳"        # 小黄, the account manager of the case opening

# 「练习 3」: a food customer, without and with a quarterly visit that costs money but keeps it longer.
VISIT_CASE = dict(margin=20_000, discount=0.08, retention=0.80, visit_cost=2_000,
                  retention_visited=0.88)

# 「3.4 要不要为留住一位客户让利」: the declining customer asks for a price cut.
OFFER = dict(cut=0.10, retention=0.60, retention_kept=0.90, discount=0.08)
SECOND_HALF_FROM = 7      # run rate = profit of July-December 2025 x 2


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


def _clv_gain(visit_cost=None, retention_visited=None, retention=None):
    """CLV with the quarterly visits minus CLV without them (visit cost taken off each year's profit)."""
    from ..value import clv

    case = VISIT_CASE
    cost = case["visit_cost"] if visit_cost is None else visit_cost
    kept = case["retention_visited"] if retention_visited is None else retention_visited
    base = case["retention"] if retention is None else retention
    return (clv(case["margin"] - cost, kept, case["discount"])
            - clv(case["margin"], base, case["discount"]))


def _per_waybill(year=2025, what="profit"):
    """Profit (or revenue) per waybill of each customer in one year, from the shipments."""
    shipments = _shipments()
    if year is not None:
        shipments = shipments[shipments["order_date"].dt.year == year]
    by_customer = shipments.groupby("customer_id")
    money = by_customer["revenue"].sum()
    if what == "profit":
        money = money - by_customer["cost"].sum()
    return money / by_customer.size()


@lru_cache(maxsize=1)
def _second_half():
    """The manager's customers in 衰退期 with their July-December 2025 revenue and profit, best first."""
    from ..data import load_dataset
    from ..lifecycle import lifecycle_stage
    from ..value import customer_profitability

    customers = load_dataset("customers")
    mine = customers.loc[customers["account_manager"] == MANAGER, "customer_id"]
    stages = lifecycle_stage(_shipments(), as_of=AS_OF).set_index("id")["stage"].astype(str)
    shipments = _shipments()
    half = shipments[(shipments["order_date"].dt.year == 2025)
                     & (shipments["order_date"].dt.month >= SECOND_HALF_FROM)]
    table = customer_profitability(half).set_index("customer_id")
    declining = [c for c in mine if stages.get(c) == "衰退期" and c in table.index]
    return table.loc[declining].sort_values("profit", ascending=False)


def _offer_gain(customer=None, yearly=2, retention_kept=None, full_year=False):
    """CLV if the customer gets the price cut and stays likelier, minus CLV without the cut."""
    from ..value import clv

    row = _second_half().iloc[0] if customer is None else _second_half().loc[customer]
    if full_year:
        year = _profit_2025().set_index("customer_id").loc[row.name]
        margin, revenue = float(year["profit"]), float(year["revenue"])
    else:
        margin, revenue = float(row["profit"]) * yearly, float(row["revenue"]) * yearly
    kept = OFFER["retention_kept"] if retention_kept is None else retention_kept
    with_cut = clv(margin - OFFER["cut"] * revenue, kept, OFFER["discount"])
    return with_cut - clv(margin, OFFER["retention"], OFFER["discount"])


def _keep_customer():
    return str(_second_half().index[0])


def _biggest_declining():
    """The declining customer of the manager with the most waybills in 2025 (the tempting answer)."""
    shipments = _shipments()
    counts = shipments[shipments["order_date"].dt.year == 2025]["customer_id"].value_counts()
    return str(counts.reindex(_second_half().index).idxmax())


def _accept():
    """A: accept the cut (it raises the CLV); B: refuse (it lowers the CLV)."""
    return "A" if _offer_gain() > 0 else "B"


QUESTIONS = [
    choice("u08.hardest_bond", "D",
           hint="重读「1.4 维系客户的三个层次」：先把四个做法各归到一层纽带（财务、社会还是结构），"
                "再想一想：对手要做出一模一样的东西，要花多少时间、要不要客户那边也跟着改变做事的方式？",
           wrong=["A", "B", "C"]),
    series("u08.profit_per_waybill", _per_waybill, tolerance=0.01,
           hint="重读「2.3 客户盈利能力：每位客户赚多少钱」：只用 2025 年下单的运单（ships_2025），按客户分组；"
                "先算每位客户的利润（收入之和减成本之和），再除以这位客户的运单数。结果是一列数据，行标签是客户编号。",
           wrong=[lambda: _per_waybill() * _shipments()[_shipments()["order_date"].dt.year == 2025]
                  .groupby("customer_id").size(),
                  lambda: _per_waybill(what="revenue"), lambda: _per_waybill(year=None),
                  lambda: _per_waybill() / 10_000],
           errors={"KeyError": "列名要写英文原名：\"revenue\"、\"cost\"、\"customer_id\"。",
                   "TypeError": "对整张表求和时，日期、文字列也会被加起来而出错；分组以后先选出要加的那几列，再求和。"}),
    number("u08.clv_gain", _clv_gain, tolerance=1,
           hint="重读「2.4 客户终身价值（CLV）」：算两次 ck.clv——不回访时用原来的利润和留存率；回访时每年利润要先减去回访的花费，"
                "留存率换成回访后的；两者相减。利润写成元，留存率和折现率写成小数。",
           wrong=[lambda: _clv_gain(visit_cost=0), lambda: -_clv_gain(),
                  lambda: _clv_gain(retention_visited=VISIT_CASE["retention"]),
                  lambda: _clv_gain() / 10_000]),
    choice("u08.not_in_tables", "BCF", options="ABCDEF",
           hint="重读「3.1 要收集哪些信息」和 3.3 节的字段表：想一想每一项能不能从 customers、shipments、complaints 的某一列"
                "直接查到，或者用几列算出来；能算出来的也算“有”。多选题要选全、不多选。",
           wrong=["BC", "BCDF", "ABCF", "CF", "BF"]),
    number("u08.file_complaints", lambda: _complaints_of(FILE_CUSTOMER, 2025),
           hint="重读「3.3 整理一位客户的档案」：两个条件要同时满足（是这位客户，并且是 2025 年受理的），"
                "两个条件用 & 连起来，再数一数有几个 True。",
           wrong=[lambda: _complaints_of(FILE_CUSTOMER), lambda: _complaints_of(FILE_CUSTOMER, 2023),
                  lambda: _complaints_of("C0065", 2025)],
           errors={"TypeError": "两个条件用 & 连起来时，& 比 == 先算：每个条件都要用括号括起来。"}),
    text("u08.visit_first", _keep_customer,
         hint="重读「3.4 要不要为留住一位客户让利：用客户终身价值做决定」：在 huang 里只看阶段是衰退期的客户，"
              "比的是下半年的利润，不是运单数；写客户编号，例如 \"C0001\"。",
         wrong=[_biggest_declining, lambda: str(_second_half().index[1]), "C0080"]),
    number("u08.offer_gain", _offer_gain, tolerance=1,
           hint="重读「3.4 要不要为留住一位客户让利：用客户终身价值做决定」：每年利润和每年收入都按下半年的数乘 2；"
                "让利后的每年利润 = 每年利润 − 让利比例 × 每年收入；两种情况各用自己的留存率算 ck.clv，再相减（让利的减不让利的）。",
           wrong=[lambda: _offer_gain(yearly=1), lambda: _offer_gain(full_year=True),
                  lambda: -_offer_gain(), lambda: _offer_gain(retention_kept=OFFER["retention"])]),
    choice("u08.accept_offer", _accept,
           hint="重读「3.4 要不要为留住一位客户让利：用客户终身价值做决定」：经理要的是保住将来的利润，"
                "比的是两种情况下的客户终身价值（第二步的结果），不是明年一年的利润。",
           wrong=[lambda: "B" if _accept() == "A" else "A", "C", "D"]),
]
