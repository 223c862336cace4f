"""Exercises of u01_customer_basics.ipynb (单元1 物流客户认知)."""
import math
from functools import lru_cache

from . import choice, number

AS_OF = "2025-12-31"


@lru_cache(maxsize=1)
def _shipments():
    """The waybills, loaded once; callers must not modify the frame."""
    from ..data import load_dataset

    return load_dataset("shipments")


@lru_cache(maxsize=1)
def _customers():
    from ..data import load_dataset

    return load_dataset("customers")


def _ships(year=None):
    data = _shipments()
    return data if year is None else data[data["order_date"].dt.year == year]


@lru_cache(maxsize=4)
def _abc(year=2025):
    from ..classify import abc_classify

    return abc_classify(_ships(year))


def _n_class(label="A类", year=2025) -> int:
    return int((_abc(year)["abc_class"] == label).sum())


def _top_customers(share: float) -> int:
    """How many customers the top ``share`` of 2025's customers are (rounded up)."""
    return math.ceil(len(_abc()) * share)


def _org_share(year=2025, by="revenue") -> float:
    typed = _ships(year).merge(_customers()[["customer_id", "customer_type"]], on="customer_id")
    if by == "waybills":
        return float((typed["customer_type"] == "组织").mean())
    return float(typed.loc[typed["customer_type"] == "组织", "revenue"].sum()
                 / typed["revenue"].sum())


def _org_customer_share() -> float:
    customers = _customers()
    return float((customers["customer_type"] == "组织").mean())


def _left(years: int, churn: float = 1 / 3) -> float:
    from ..value import retention_projection

    table = retention_projection(100, churn_rate=churn, years=years)
    return float(table["customers_left"].iloc[-1])


def _rival_value(money: float) -> float:
    from ..value import delivered_value
    from ..widgets._u01 import RIVAL_COSTS, RIVAL_VALUES

    return delivered_value(RIVAL_VALUES, {**RIVAL_COSTS, "money": money}).delivered_value


QUESTIONS = [
    choice("u01.chain_roles", "AC", options="ABCD",
           hint="重读「1.2 外部客户、内部客户与供应链」：客户不只是付钱的那一方，"
                "公司里接手你工作的下一道工序、供应链上收货的一方，也在享受你的服务。",
           wrong=["A", "C", "ACD", "ABC", "ABCD"]),
    choice("u01.liuzhou_type", "B", options="ABCD",
           hint="重读「1.3 给客户分类：成熟度、性质、时间」：按时间分类看的是最后一次下单离截至日有多久，"
                "本单元以 365 天为界；有过交易记录的客户不会变回潜在客户。",
           wrong=["A", "C", "D"]),
    number("u01.org_share", lambda: _org_share(), tolerance=0.0005,
           hint="重读「1.3 给客户分类：成熟度、性质、时间」：只用 2025 年的运单 ships_typed，"
                "先筛出 customer_type 为“组织”的行，把它们的 revenue 加起来，再除以全部 revenue 之和；"
                "答案是 0 到 1 之间的小数，不是客户家数的占比，也不是运单票数的占比。",
           wrong=[lambda: _org_share(None), lambda: _org_share(by="waybills"),
                  _org_customer_share, lambda: 1 - _org_share(), lambda: 100 * _org_share()]),
    number("u01.n_a", lambda: _n_class("A类"),
           hint="重读「1.4 按重要程度分类：ABC 与二八法则」：abc 表里一行是一家客户，"
                "数一数 abc_class 等于 \"A类\" 的行有多少；不要用 5% × 客户数去估算。",
           wrong=[lambda: _top_customers(0.05), lambda: _n_class("B类"),
                  lambda: len(_abc()), lambda: _n_class("A类", None)]),
    number("u01.rival_value", lambda: _rival_value(30),
           hint="重读「2.2 客户让渡价值：客户凭什么选我们」：用 ck.delivered_value 算竞争对手的方案，"
                "总价值不变，总成本里只把货币成本换成 30，其余四项成本照旧。",
           wrong=[lambda: _rival_value(50), 140, 10, 170 / 120]),
    number("u01.left_after_5", lambda: _left(5), tolerance=0.1,
           hint="重读「3.1 客户会流失：每年约三分之一」：每年留下的是上一年的三分之二，"
                "所以要连乘 5 次 2/3，而不是每年减去同样的 33 家。",
           wrong=[lambda: 100 * (1 / 3) ** 5, lambda: _left(4), lambda: _left(6),
                  lambda: 100 - _left(5), 0]),
    choice("u01.next_step", "B", options="ABCD",
           hint="重读「3.3 客户开发五步：寻找 → 识别 → 接近 → 洽谈 → 成交」：名单已经找到了，"
                "想一想紧接着“寻找”的是哪一步、它要做什么。",
           wrong=["A", "C", "D"]),
]
