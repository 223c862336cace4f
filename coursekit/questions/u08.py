"""Exercises of u08_crm.ipynb (单元8 物流 CRM 和客户管理)."""
from functools import lru_cache

from . import choice, items, number

AS_OF = "2025-12-31"
FILE_CUSTOMER = "C0080"   # the customer whose complaints exercise 4 counts
CLV_INPUTS = dict(margin=20_000, retention=0.85, discount=0.08)


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


@lru_cache(maxsize=4)
def _rfm_segments(reference, window_days):
    from ..classify import rfm_score, rfm_segment, rfm_table

    table = rfm_table(_shipments(), as_of=AS_OF, window_days=window_days)
    return rfm_segment(rfm_score(table), reference=reference)


def _n_important(reference="median", window_days=365):
    return int((_rfm_segments(reference, window_days)["segment"] == "重要价值客户").sum())


@lru_cache(maxsize=1)
def _pyramid():
    from ..classify import value_pyramid

    return value_pyramid(_profit_2025())


def _platinum_share():
    pyramid = _pyramid()
    return float(pyramid.loc[pyramid["tier"] == "铂金客户", "profit"].sum() / pyramid["profit"].sum())


def _big_ids(year):
    from ..classify import big_customers

    return big_customers(_shipments(), year=year)["customer_id"].tolist()


@lru_cache(maxsize=1)
def _plan():
    from ..lifecycle import lifecycle_stage
    from ..segments import service_plan, service_tiers

    stages = lifecycle_stage(_shipments(), as_of=AS_OF).rename(columns={"id": "customer_id"})
    profile = _profit_2025().merge(stages[["customer_id", "stage", "ratio"]], on="customer_id",
                                   how="left")
    return service_plan(service_tiers(profile))


def _visits(tiers=None):
    plan = _plan()
    if tiers is not None:
        plan = plan[plan["tier"].isin(tiers)]
    return int((plan["customers"] * plan["visits_per_year"]).sum())


QUESTIONS = [
    choice("u08.hardest_bond", "C",
           hint="重读「1.4 维系客户的三个层次」：比一比对手要学会每一层需要多少时间和投入，"
                "降价第二天就能跟上，哪一层要花很长时间才能搭起来？",
           wrong=["A", "B", "D"]),
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
                  lambda: _complaints_of("C0065", 2025)]),
    number("u08.n_value_median", _n_important,
           hint="重读「4.1 RFM 分析」：先用 ck.rfm_segment(scored, reference=\"median\") 改成中位数作参照，"
                "再数 segment 列等于 \"重要价值客户\" 的行；scored 要用近 12 个月（window_days=365）的那张表。",
           wrong=[lambda: _n_important("mean"), lambda: _n_important("median", None), 28, 282]),
    number("u08.platinum_share", _platinum_share, tolerance=0.001,
           hint="重读「4.2 客户价值金字塔：铂金、黄金、铁质、铅质」：分子是铂金客户 2025 年利润之和，分母是全部客户利润之和；"
                "要的是利润占比（小数，例如 0.3），不是客户数占比，也不是百分数。",
           wrong=[lambda: float((_pyramid()["tier"] == "铂金客户").mean()), 0.05, lambda: _platinum_share() * 100,
                  lambda: float(_pyramid().loc[_pyramid()["tier"] == "黄金客户", "profit"].sum()
                                / _pyramid()["profit"].sum())]),
    items("u08.big_2024", lambda: _big_ids(2024),
          hint="重读「4.3 大客户：一年超过 5,000 票」：ck.big_customers 的参数 year 决定看哪一年，默认是 2025；"
               "要的是客户编号（customer_id 那一列），不是整张表。",
          wrong=[lambda: _big_ids(2025), lambda: _big_ids(2024)[:-1]]),
    number("u08.visits", _visits,
           hint="重读「4.5 差异化服务方案」：每个等级的拜访次数 = 客户数 customers × 每位客户每年的拜访次数 "
                "visits_per_year，再把四个等级加起来；别只加 visits_per_year 一列。",
           wrong=[40, lambda: _visits(["战略客户", "重点客户"]), lambda: _visits() / 12]),
]
