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


def _cum_share(year=2025):
    """Cumulative revenue share of the customers, highest revenue first."""
    revenue = _ships(year).groupby("customer_id")["revenue"].sum().sort_values(ascending=False)
    return (revenue / revenue.sum()).cumsum()


def _below_line(line=0.8) -> int:
    """Customers before the line, without the one that crosses it (the off-by-one slip)."""
    return int((_cum_share() < line).sum())


def _churn_rate(before=2024, after=2025) -> float:
    """Share of ``before``'s customers with no waybill in ``after``."""
    kept = set(_ships(after)["customer_id"])
    old = set(_ships(before)["customer_id"])
    return len(old - kept) / len(old)


BROKEN_VALUES = {"product": 65, "service": 70, "personnel": 60, "image": 45}
BROKEN_COSTS = {"money": 70, "time": 35, "search": 10, "convenience": 10, "psychological": 40}
"""Our offer after two broken next-day promises (exercise 6 of the notebook)."""


def _our_value(values=None, costs=None):
    from ..value import delivered_value
    from ..widgets._u01 import OUR_COSTS, OUR_VALUES

    return delivered_value(values or OUR_VALUES, costs or OUR_COSTS)


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
           hint="重读「1.4 按重要程度分类：ABC 与二八法则」：cum_share < 0.8 数出的是累计占比还没到 80% 的客户，"
                "按规则，正好跨过 80% 的那一家也算 A类；不要用 5% × 客户数去估算。",
           wrong=[_below_line, lambda: _top_customers(0.05), lambda: _n_class("B类"),
                  lambda: len(_abc()), lambda: _n_class("A类", None)]),
    choice("u01.ideas_match", "B", options="ABCD",
           hint="重读「2.1 三个服务理念」：以客为尊讲的是态度（当面背后一个样），以客为友讲的是主动关心客户的变化和新需求，"
                "承诺是金讲的是说到做到、做不到就不答应。",
           wrong=["A", "C", "D"]),
    number("u01.broken_value", lambda: _our_value(BROKEN_VALUES, BROKEN_COSTS).delivered_value,
           hint="重读「2.2 客户让渡价值：客户凭什么选我们」：让渡价值 = 总价值 − 总成本；"
                "四项价值里改了产品和形象，五项成本里改了时间和心理，其余各项照抄原来的打分。",
           wrong=[lambda: _our_value().delivered_value,
                  lambda: _our_value(BROKEN_VALUES, None).delivered_value,
                  lambda: _our_value(None, BROKEN_COSTS).delivered_value,
                  lambda: _our_value(BROKEN_VALUES, BROKEN_COSTS).ratio,
                  lambda: -_our_value(BROKEN_VALUES, BROKEN_COSTS).delivered_value]),
    number("u01.left_after_5", lambda: 100 * (1 - _churn_rate()) ** 5, tolerance=0.1,
           hint="重读「3.1 客户会流失：每年约三分之一」的公式：第 t 年末剩下 N × (1 − c)^t；"
                "这里 c 是本公司算出的 churn_rate（不是三分之一，也不要先四舍五入），t = 5。",
           wrong=[lambda: _left(5), lambda: 100 * (1 - round(_churn_rate(), 2)) ** 5,
                  lambda: 100 * (1 - 5 * _churn_rate()), lambda: 100 * (1 - _churn_rate()) ** 4,
                  lambda: 100 * _churn_rate() ** 5]),
    choice("u01.next_step", "B", options="ABCD",
           hint="重读「3.3 客户开发五步：寻找 → 识别 → 接近 → 洽谈 → 成交」：名单已经找到了，"
                "想一想紧接着“寻找”的是哪一步、它要做什么。",
           wrong=["A", "C", "D"]),
]
