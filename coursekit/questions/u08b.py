"""Exercises of u08b_service_plan.ipynb (单元8（下） 客户分类管理与差异化服务方案)."""
from functools import lru_cache

import pandas as pd

from . import items, number, series

AS_OF = "2025-12-31"
BACKTEST_AS_OF = "2024-12-31"   # 「4.5 回头检验」 pretends it is this day
TEAM_PLACES = 3                  # 「4.6 大客户服务小组先接谁」: places left after the 战略客户


@lru_cache(maxsize=1)
def _shipments():
    from ..data import load_dataset

    return load_dataset("shipments")


def _recency(as_of=AS_OF, column="order_date"):
    last = _shipments().groupby("customer_id")[column].max()
    return (pd.Timestamp(as_of) - last).dt.days


@lru_cache(maxsize=1)
def _scored():
    from ..classify import rfm_score, rfm_table

    return rfm_score(rfm_table(_shipments(), as_of=AS_OF, window_days=365))


def _value_share(reference="median", segment="重要价值客户"):
    from ..classify import rfm_segment

    table = rfm_segment(_scored(), reference=reference)
    best = table["segment"] == segment
    return float(table.loc[best, "monetary"].sum() / table["monetary"].sum())


@lru_cache(maxsize=1)
def _profit_2025():
    from ..value import customer_profitability

    shipments = _shipments()
    return customer_profitability(shipments[shipments["order_date"].dt.year == 2025])


@lru_cache(maxsize=1)
def _pyramid():
    from ..classify import value_pyramid

    return value_pyramid(_profit_2025())


def _tier_share(tier="铂金客户"):
    pyramid = _pyramid()
    return float(pyramid.loc[pyramid["tier"] == tier, "profit"].sum() / pyramid["profit"].sum())


@lru_cache(maxsize=2)
def _stages(as_of):
    from ..lifecycle import lifecycle_stage

    return lifecycle_stage(_shipments(), as_of=as_of)[["id", "stage"]]


@lru_cache(maxsize=1)
def _stop_rates():
    """Per stage at BACKTEST_AS_OF: share of customers in 终止期 at AS_OF (all rows, as the exercise)."""
    both = _stages(BACKTEST_AS_OF).merge(_stages(AS_OF), on="id", suffixes=("_then", "_now"))
    stopped = both["stage_now"] == "终止期"
    return stopped.groupby(both["stage_then"].astype(str)).mean()


def _risk_ratio(high="衰退期", low="成熟期"):
    rates = _stop_rates()
    return float(rates[high] / rates[low])


@lru_cache(maxsize=1)
def _tiers():
    from ..lifecycle import lifecycle_stage
    from ..segments import service_tiers

    stages = lifecycle_stage(_shipments(), as_of=AS_OF).rename(columns={"id": "customer_id"})
    profile = _profit_2025().merge(stages[["customer_id", "stage", "ratio"]], on="customer_id",
                                   how="left")
    return service_tiers(profile)


def _key_risk(by="risk"):
    """重点客户 with their profit at risk (profit x stop rate of their stage), best first by ``by``."""
    key = _tiers()[_tiers()["tier"] == "重点客户"][["customer_id", "profit", "stage"]].copy()
    key["risk"] = key["profit"] * key["stage"].astype(str).map(_stop_rates())
    return key.sort_values(by, ascending=False)


def _team(by="risk"):
    return _key_risk(by)["customer_id"].head(TEAM_PLACES).tolist()


def _risk_sum(by="risk"):
    return float(_key_risk(by)["risk"].head(TEAM_PLACES).sum())


def _visits(tiers=None, include_lost=True, trigger=True, declining_extra=False):
    """Visits a year of the plan: each customer's tier visits, raised to DECLINE_VISITS in 衰退期.

    ``trigger=False`` is the plan without the lifecycle trigger; ``declining_extra``
    adds the trigger's visits on top of the tier's instead of taking the larger.
    """
    from ..segments import DECLINE_VISITS, service_plan

    customers = _tiers() if include_lost else _tiers()[_tiers()["tier"] != "流失客户"]
    if tiers is not None:
        customers = customers[customers["tier"].isin(tiers)]
    per_tier = service_plan(customers).set_index("tier")["visits_per_year"]
    visits = customers["tier"].astype(str).map(per_tier)
    declining = customers["stage"].astype(str) == "衰退期"
    if trigger:
        raised = visits + DECLINE_VISITS if declining_extra else visits.clip(lower=DECLINE_VISITS)
        visits = visits.where(~declining, raised)
    return int(visits.sum())


def _visits_lost_as_key():
    """The old plan's count: customers who left kept their profit rank (here: as 重点客户)."""
    from ..segments import service_plan

    tiers = _tiers()
    lost = int((tiers["tier"] == "流失客户").sum())
    plan = service_plan(tiers)
    return _visits(trigger=False) + lost * int(plan.set_index("tier").loc["重点客户", "visits_per_year"])


QUESTIONS = [
    series("u08b.recency_by_hand", _recency, tolerance=0.1,   # whole days; no "1e-10" width in the key
           hint="重读「4.1 RFM 分析」：近度是“截至日离最后一次下单过了几天”——用的是最后一次下单（last_order），"
                "谁减谁决定了天数是正是负；相减得到的是时间差，还要把它换成天数（整数）。",
           wrong=[lambda: -_recency(), lambda: _recency("2026-01-01"),
                  lambda: (pd.Timestamp(AS_OF) - _shipments().groupby("customer_id")["order_date"]
                           .min()).dt.days],
           errors={"AttributeError": "一整列时间差要先经过 .dt 才能取天数（单个时间差才直接写 .days）；"
                                     "再看看练习说明里 .dt.days 是接在哪一个结果后面的。",
                   "TypeError": "截至日要先变成日期：文字 \"2025-12-31\" 不能和日期相减，说明里给了把它变成日期的写法。"}),
    number("u08b.value_share_median", _value_share, tolerance=0.001,
           hint="重读「4.1 RFM 分析」：先 ck.rfm_segment(scored, reference=\"median\")，挑出 segment 等于 \"重要价值客户\" 的行，"
                "它们的 monetary 之和 ÷ 全部客户的 monetary 之和；要的是收入占比，不是客户数。",
           wrong=[lambda: _value_share("mean"), lambda: _value_share("median", "重要发展客户"),
                  lambda: _value_share() * 100, 61]),
    number("u08b.platinum_share", _tier_share, tolerance=0.001,
           hint="重读「4.2 客户价值金字塔：铂金、黄金、铁质、铅质」：分子是铂金客户 2025 年利润之和，分母是全部客户利润之和；"
                "要的是利润占比（小数，例如 0.3），不是客户数占比，也不是百分数。",
           wrong=[lambda: float((_pyramid()["tier"] == "铂金客户").mean()), 0.05,
                  lambda: _tier_share() * 100, lambda: _tier_share("黄金客户")]),
    number("u08b.decline_risk_ratio", _risk_ratio, tolerance=0.1,
           hint="重读「4.5 回头检验：规则对过去一年猜得准吗？」：先算 2024 年底衰退期客户里 2025 年底进入终止期的比例，"
                "再算成熟期的同一个比例，前者除以后者；比例的分母是这一行的客户总数。",
           wrong=[lambda: _risk_ratio("成熟期", "衰退期"), lambda: _risk_ratio("衰退期", "成长期"),
                  lambda: float(_stop_rates()["衰退期"])]),
    number("u08b.risk_extra", _risk_sum, tolerance=1,
           hint="重读「4.6 大客户服务小组先接谁」：每家重点客户的“可能丢掉的利润” = profit × 它所在阶段的停止下单比例"
                "（stop_rate）；按这一列取最大的 3 家，把这三个数加起来。",
           wrong=[lambda: _risk_sum("profit"), lambda: float(_key_risk()["risk"].iloc[0]),
                  lambda: float(_key_risk()["profit"].head(TEAM_PLACES).sum())]),
    items("u08b.team_extra", _team,
          hint="重读「4.6 大客户服务小组先接谁」：经理的目标是明年少丢利润，按练习 5 第一步算出的“可能丢掉的利润”选，"
               "不是按 2025 年利润选，也不是只看阶段；答案是 3 个客户编号组成的列表。",
          wrong=[lambda: _team("profit"), lambda: _team()[:2],
                 lambda: _team()[:2] + [str(_key_risk("profit")["customer_id"].iloc[0])],
                 lambda: _key_risk()["customer_id"].iloc[1:4].tolist()]),
    number("u08b.visits", _visits,
           hint="重读「4.7 差异化服务方案」：先按等级算（客户数 × 每年拜访次数，五级加起来），"
                "再看生命周期触发：衰退期客户每年至少 4 次——本来就不少于 4 次的等级不用再加，"
                "本来少于 4 次的要补到 4 次；各等级里有几家衰退期客户，tiers 的 tier 和 stage 两列能数出来。",
           wrong=[40, lambda: _visits(trigger=False), lambda: _visits(declining_extra=True),
                  lambda: _visits(["战略客户", "重点客户"]), _visits_lost_as_key,
                  lambda: _visits() / 12]),
]
