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


ABC_YEAR = 2024
"""Exercise 4 counts the A class of 2024 by hand; the notebook's worked example is 2025."""


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


def _cum_share(year=ABC_YEAR):
    """Cumulative revenue share of the customers, highest revenue first."""
    revenue = _ships(year).groupby("customer_id")["revenue"].sum().sort_values(ascending=False)
    return (revenue / revenue.sum()).cumsum()


def _below_line(line=0.8, year=ABC_YEAR) -> int:
    """Customers before the line, without the one that crosses it (the off-by-one slip)."""
    return int((_cum_share(year) < line).sum())


def _churn_rate(before=2024, after=2025) -> float:
    """Share of ``before``'s customers with no waybill in ``after``."""
    kept = set(_ships(after)["customer_id"])
    old = set(_ships(before)["customer_id"])
    return len(old - kept) / len(old)


BROKEN_VALUES = {"product": 66, "service": 70, "personnel": 60, "image": 42}
BROKEN_COSTS = {"money": 70, "time": 34, "search": 10, "convenience": 10, "psychological": 38}
"""Our offer after two broken next-day promises (exercise 6 of the notebook). The changed
scores are not multiples of 5, so the demo's sliders (steps of 5) cannot be set to them."""


def _our_value(values=None, costs=None):
    from ..value import delivered_value
    from ..widgets._u01 import OUR_COSTS, OUR_VALUES

    return delivered_value(values or OUR_VALUES, costs or OUR_COSTS)


QUESTIONS = [
    choice("u01.chain_roles", "BC", options="ABCD",
           hint="重读「1.2 外部客户、内部客户与供应链」：内部客户是接手你工作成果的下一道工序，"
                "每个选项先问：谁把工作交给谁？判断是不是客户，看的是付不付运费，还是会不会用到、体验到我们的服务？",
           wrong=["B", "C", "AC", "BD", "ABC", "BCD"]),
    choice("u01.liuzhou_type", "B", options="ABCD",
           hint="重读「1.3 给客户分类：成熟度、性质、时间」：按时间分类看的是最后一次下单离截至日有多久，"
                "本单元以 365 天为界；有过交易记录的客户不会变回潜在客户。",
           wrong=["A", "C", "D"]),
    number("u01.org_share", lambda: _org_share(), tolerance=0.0005,
           hint="重读「1.3 给客户分类：成熟度、性质、时间」：只用 2025 年的运单 ships_typed，"
                "组织客户的运费合计除以全部运费合计；答案是 0 到 1 之间的小数，"
                "不是客户家数的占比，也不是运单票数的占比。",
           errors={"KeyError": "ships_typed 的列名是 customer_type（客户性质）和 revenue（运费收入），"
                               "取值“组织”要加引号；先运行上面做 merge 的单元格。"},
           wrong=[lambda: _org_share(None), lambda: _org_share(by="waybills"),
                  _org_customer_share, lambda: 1 - _org_share(), lambda: 100 * _org_share()]),
    number("u01.n_a", lambda: _n_class("A类", ABC_YEAR),
           hint="重读「1.4 按重要程度分类：ABC 与二八法则」：这道题问的是 2024 年，先只留下 2024 年的运单，"
                "再按客户汇总、排序、算累计占比；“累计占比 < 0.8”数出的客户还不包括正好跨过 80% 的那一家，"
                "按规则它也算 A类。",
           wrong=[_below_line, lambda: _n_class("A类", 2025), lambda: _n_class("B类", ABC_YEAR),
                  lambda: len(_abc(ABC_YEAR)), lambda: _n_class("A类", None),
                  lambda: math.ceil(len(_abc(ABC_YEAR)) * 0.05)],
           errors={"AttributeError": "按日期挑年份要写 shipments[\"order_date\"].dt.year == 2024"
                                     "（中间有 .dt）；照着本单元开头挑 2025 年的那一行改。"}),
    choice("u01.ideas_match", "C", options="ABCD",
           hint="重读「2.1 三个服务理念」：以客为尊看的是态度，不论客户大小、当面背后都一样尊重；"
                "以客为友看的是主动关心客户生意上的变化；承诺是金看的是只答应做得到的事。"
                "每件事先问：这个人主要在做哪一件？",
           wrong=["A", "B", "D"]),
    number("u01.broken_value", lambda: _our_value(BROKEN_VALUES, BROKEN_COSTS).delivered_value,
           hint="重读「2.2 客户让渡价值：客户凭什么选我们」：让渡价值 = 总价值 − 总成本；"
                "四项价值里改了产品和形象，五项成本里改了时间和心理，其余各项照抄原来的打分。",
           wrong=[lambda: _our_value().delivered_value,
                  lambda: _our_value(BROKEN_VALUES, None).delivered_value,
                  lambda: _our_value(None, BROKEN_COSTS).delivered_value,
                  lambda: _our_value(BROKEN_VALUES, BROKEN_COSTS).ratio,
                  lambda: _our_value({**BROKEN_VALUES, "product": 65, "image": 45},
                                     {**BROKEN_COSTS, "time": 35, "psychological": 40}).delivered_value,
                  lambda: -_our_value(BROKEN_VALUES, BROKEN_COSTS).delivered_value]),
    number("u01.left_after_5", lambda: 100 * (1 - _churn_rate()) ** 5, tolerance=0.01,
           hint="重读「3.1 客户会流失：每年约三分之一」：剩下的客户是 100 乘以（1 减流失比例）的 5 次方；"
                "Python 里乘号写 *，几次方写 **。流失比例用本公司算出的变量 churn_rate，"
                "不是三分之一，也不要换成四舍五入后的 0.067。",
           wrong=[lambda: _left(5), lambda: 100 * (1 - round(_churn_rate(), 2)) ** 5,
                  lambda: 100 * (1 - round(_churn_rate(), 3)) ** 5,
                  lambda: 100 * (1 - 5 * _churn_rate()), lambda: 100 * (1 - _churn_rate()) ** 4,
                  lambda: 100 * _churn_rate() ** 5]),
    choice("u01.next_step", "C", options="ABCD",
           hint="重读「3.3 客户开发五步：寻找 → 识别 → 接近 → 洽谈 → 成交」：名单已经找到了，"
                "约见面、报价都是后面的步骤；紧接着“寻找”的那一步要回答什么问题？",
           wrong=["A", "B", "D"]),
]
