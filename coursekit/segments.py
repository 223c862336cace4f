"""Service tiers, retention bonds and the differentiated service plan (unit 8).

Unit 8 ends with one question: now that the customers are classified, who
gets which service? This module answers it in three steps, each a table a
student can read:

1. :func:`service_tiers` puts every customer in one of four service tiers,
   from 战略客户 (strategic) down to 常规客户 (regular) (seed 001), from its value (e.g.
   2025 profit) and its growth (e.g. the lifecycle ratio of
   :func:`coursekit.lifecycle_stage`), with a written-down rule. Customers who
   have already left (终止期) are set aside as 流失客户: no visits, one win-back call.
2. :func:`retention_bonds` says which of the three levels of retention bonds
   (财务性 / 社会性 / 结构性联系, seed 003) each tier is tied with;
   :func:`bond_levels` describes the three levels.
3. :func:`service_plan` lays out the differentiated service plan per tier:
   who serves the customer, how often, through which channels, at what price.

:func:`stage_examples` picks a few typical customers per lifecycle stage for
the lifecycle charts of the unit.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import (fail, require_columns, require_dates, require_frame, require_number,
                        require_numeric, require_optional_column, require_unique)
from .classify import _group_codes, _order_desc_then_id

TIER_LABELS = (
    "战略客户",  # 价值最高的一小批
    "重点客户",  # 价值较高
    "潜力客户",  # 价值还不高，但增长快
    "常规客户",  # 其余
    "流失客户",  # 已进入终止期：不列入分级服务，只做一次流失回访
)
"""Service tiers, most important first (seed 001), and the customers who have left."""

LOST = TIER_LABELS[-1]
"""The tier of customers in 终止期: set aside before the others are ranked."""

STRATEGIC_SHARE = 0.05
"""Share of customers (by value) that are 战略客户: the same top 5% as 铂金客户 and A类."""

KEY_SHARE = 0.20
"""Customers in the top 20% by value and not 战略客户 are 重点客户 (the 80/20 idea)."""

GROWTH_MIN = 1.2
"""Growth ratio from which a smaller customer counts as 潜力客户: the lifecycle rule's 成长期 limit."""

DECLINE_VISITS = 4
"""Visits a year, at least, for a customer in 衰退期 whatever its tier: the plan's lifecycle trigger.

The back-test of u08b (half of the customers in 衰退期 at the end of 2024 had
stopped by the end of 2025) is why a declining 常规客户 cannot be left to
self-service; four visits is the 潜力客户 rhythm, one a quarter."""

BOND_COLUMNS = ("financial", "social", "structural")
"""Column names of the three retention bonds, from the easiest to copy to the hardest."""

_BONDS = pd.DataFrame({
    "level": ["第一层", "第二层", "第三层"],
    "bond": ["财务性联系", "社会性联系", "结构性联系"],
    "column": list(BOND_COLUMNS),
    "means": ["价格优惠、折扣、返利、积分等经济上的好处",
              "了解每位客户、常联系，把服务做得个性化、有人情味",
              "用技术和流程把双方的业务连在一起，帮客户提高效率"],
    "logistics_example": ["按货量给阶梯折扣；年底返利；积分换运费",
                          "固定的客户经理；定期拜访和回访；节日问候；记住客户的特殊要求",
                          "系统对接自动下单和回传轨迹；为客户设计仓配一体方案；驻场服务"],
    "copy_difficulty": ["容易：对手降价就能学", "中等：要靠人和时间积累", "很难：对手要花很长时间才能搭起来"],
})

_TIER_BONDS = dict(zip(TIER_LABELS, [  # financial, social, structural
    (True, True, True),
    (True, True, False),
    (True, True, False),
    (True, False, False),
    (False, False, False),
]))

_PLAN = pd.DataFrame({
    "tier": list(TIER_LABELS),
    "rule": ["在仍在下单的客户里，价值排在最前面的 5%", "在仍在下单的客户里，价值排在前 5%—20%",
             "价值不在前 20%，但增长快（同比 ≥ 1.2 倍或新客户）", "其余仍在下单的客户",
             "已进入终止期（近几个月没有下单）"],
    "team": ["专属服务小组：客户经理 + 调度 + 客服，公司领导定期参与",
             "固定的客户经理一对一负责", "客户经理跟进，业务员协助", "客服中心和线上自助",
             "客服中心做一次流失回访，有挽回希望的转给原客户经理"],
    "visits_per_year": [24, 12, 4, 0, 0],
    "channels": ["专属经理电话和微信群、系统对接、季度经营分析会",
                 "客户经理电话和微信、每月对账时面谈", "电话回访、微信、线上平台",
                 "客服热线、微信小程序、网站自助下单和查询", "电话回访"],
    "services": ["定制物流方案；旺季优先保运力；7×24 小时异常响应；每月数据报告",
                 "异常优先处理；每月服务报告；旺季提前预订运力",
                 "上门诊断物流需求；试用新线路或增值服务", "标准产品；自助查询轨迹；按承诺时效送达",
                 "问清离开的原因；结清账款和回单；把教训反馈给服务部门"],
    "pricing": ["年度框架合同，按量阶梯价，较长账期", "按量折扣，合同约定账期",
                "阶段性优惠（试用价、首年折扣）", "标准价目表，积分和满减活动",
                "按原合同结清；挽回时可给一次性优惠"],
    "goal": ["深度合作，成为客户供应链的一部分", "扩大我们在客户货量里的份额，争取升为战略客户",
             "挖掘需求、培养成重点客户", "高效、低成本地服务好，发现潜力及时升级",
             "弄清为什么走，能挽回的争取回来"],
})


def _tier_labels(tiers, tier: str, arg: str) -> pd.Series:
    """Read tier labels from a DataFrame column or a Series and check every one."""
    if isinstance(tiers, pd.Series):
        labels = tiers
    elif isinstance(tiers, pd.DataFrame):
        require_frame(tiers, arg)
        require_columns(tiers, [tier], arg)
        labels = tiers[tier]
    else:
        fail(f"参数 {arg} 应该是 DataFrame（含列 '{tier}'）或 Series，现在是 {type(tiers).__name__}。",
             f"Argument {arg} must be a DataFrame with column '{tier}' or a Series, "
             f"got {type(tiers).__name__}.", TypeError)
    if labels.isna().any():
        fail(f"参数 {arg} 的服务等级有 {int(labels.isna().sum())} 个空值。",
             f"The tiers in argument {arg} have {int(labels.isna().sum())} missing values.")
    text = labels.astype(str)
    unknown = ~text.isin(TIER_LABELS)
    if unknown.any():
        fail(f"参数 {arg} 有无法识别的服务等级 {text[unknown].iloc[0]!r}，只能是：{'、'.join(TIER_LABELS)}。",
             f"Argument {arg} holds an unknown tier {text[unknown].iloc[0]!r}; "
             f"allowed: {', '.join(TIER_LABELS)}.")
    return text


def service_tiers(profile, value="profit", growth="ratio", stage="stage", customer="customer_id",
                  strategic_share=STRATEGIC_SHARE, key_share=KEY_SHARE, growth_min=GROWTH_MIN):
    """Sort customers into 战略 / 重点 / 潜力 / 常规 service tiers by value and growth.

    Customers in 终止期 have stopped ordering: they are set aside first as
    流失客户 (no visits in the plan, one win-back call), so that a customer who
    has left never takes a place, or a visit, meant for an active one.

    The other customers are ranked by value, highest first (equal values by
    id); with ``n`` of them, the customer at rank ``k`` starts at the share
    ``p = (k - 1) / n`` of the list (the rule of the value pyramid). The
    first rule that applies wins::

        流失客户  if stage == 终止期            (set aside before ranking)
        战略客户  if p < strategic_share and value > 0    (赚钱的前 5%)
        重点客户  if p < key_share       and value > 0    (赚钱的前 5%—20%)
        潜力客户  if growth >= growth_min               (增长快)
        常规客户  otherwise

    A missing growth is not growth. Give ``stage=None`` to leave the stage
    out; then nobody is 流失客户.

    Without 流失客户 (e.g. ``stage=None``) the 战略 and 重点 customers are the 铂金
    and 黄金 customers of :func:`coursekit.value_pyramid`, and 潜力客户 are the
    smaller customers that grow as fast as the 成长期 rule of
    :func:`coursekit.lifecycle_stage` asks (a ratio of infinity, a customer
    without orders a year ago, counts as growth). A customer that loses
    money is never 战略 or 重点.

    Parameters
    ----------
    profile : DataFrame
        One row per customer with an id, a value and a growth column, e.g.
        ``customer_profitability`` merged with the ``ratio`` of
        ``lifecycle_stage``.
    value : str, default "profit"
        Column to rank by (negative values allowed).
    growth : str, default "ratio"
        Growth ratio column (recent / same months a year earlier); zero or
        more, infinity allowed, missing allowed.
    stage : str or None, default "stage"
        Column with the lifecycle stage (``lifecycle_stage``); ``None`` if
        the profile has none.
    customer : str, default "customer_id"
        Column with the customer id (unique).
    strategic_share, key_share : float, default 0.05 and 0.20
        Cumulative shares of customers of 战略 and of 战略 + 重点,
        ``0 < strategic_share < key_share <= 1``.
    growth_min : float, default 1.2
        Growth ratio from which a customer counts as growing, more than 0.

    Returns
    -------
    DataFrame
        A copy of ``profile``: the ranked customers best first, then the
        流失客户 (highest value first), plus ``rank`` (1 = highest value among
        the ranked customers; empty for 流失客户, a nullable integer), ``tier``
        (ordered Categorical in the order of ``TIER_LABELS``, most important
        first) and ``reason`` (which rule decided).

    Examples
    --------
    >>> profile = pd.DataFrame({"customer_id": [f"c{i}" for i in range(10)],
    ...     "profit": [900, 500, 300, 200, 150, 120, 100, 80, 30, -40],
    ...     "ratio": [1.0, 0.9, 1.1, 1.5, 0.7, float("inf"), 1.0, None, 2.0, 1.3],
    ...     "stage": ["成熟期"] * 8 + ["终止期", "成长期"]})
    >>> tiers = service_tiers(profile, strategic_share=0.1, key_share=0.3)
    >>> tiers["tier"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['战略客户', '重点客户', '重点客户', '潜力客户', '常规客户', '潜力客户',
     '常规客户', '常规客户', '潜力客户', '流失客户']
    >>> tiers["reason"].tolist()[3]
    '价值排第4名（不在前30%），增长1.50倍（≥1.2）'
    >>> tiers["customer_id"].tolist()[-1], tiers["reason"].tolist()[-1]
    ('c8', '已进入终止期：不参加排名，先做一次流失回访')
    """
    require_frame(profile, "profile")
    require_columns(profile, [customer, value, growth] + ([stage] if stage else []), "profile")
    values = require_numeric(profile, value, "profile", allow_negative=True)
    ratios = require_numeric(profile, growth, "profile", allow_nan=True, allow_inf=True)
    require_unique(profile, customer, "profile")
    require_number(strategic_share, "strategic_share", low=0, high=1, low_open=True)
    require_number(key_share, "key_share", low=0, high=1, low_open=True)
    if not strategic_share < key_share:
        fail(f"参数 strategic_share（{strategic_share}）必须小于 key_share（{key_share}）。",
             f"Argument strategic_share ({strategic_share}) must be smaller than key_share "
             f"({key_share}).")
    require_number(growth_min, "growth_min", low=0, low_open=True)
    if np.isinf(values.to_numpy(dtype=np.float64)).any():
        fail(f"profile 的列 '{value}' 有无穷大的值，价值必须是有限的数字。",
             f"Column '{value}' of profile holds infinite values; values must be finite.")

    _, ids = _group_codes(profile, customer, "profile", sort=False)
    amounts = values.to_numpy(dtype=np.float64)
    ended = np.zeros(len(profile), dtype=bool) if not stage else \
        (profile[stage].astype("str") == "终止期").to_numpy()
    active, lost = np.flatnonzero(~ended), np.flatnonzero(ended)
    order = np.concatenate([active[_order_desc_then_id(amounts[active], ids.take(active))],
                            lost[_order_desc_then_id(amounts[lost], ids.take(lost))]])
    out = profile.iloc[order].reset_index(drop=True)
    n = len(active)
    amount = amounts[order[:n]]
    ratio = ratios.to_numpy(dtype=np.float64)[order[:n]]
    start = np.arange(n) / max(n, 1)
    gains = amount > 0
    strategic = (start < strategic_share - 1e-9) & gains
    key = (start < key_share - 1e-9) & gains & ~strategic
    grows = ~strategic & ~key & (ratio >= growth_min)  # NaN >= x is False
    code = np.concatenate([np.select([strategic, key, grows], [0, 1, 2], default=3),
                           np.full(len(lost), TIER_LABELS.index(LOST))])

    def reason(k: int, rank: int, r: float) -> str:
        top = f"（前{strategic_share:.0%}）" if k == 0 else f"（前{key_share:.0%}）"
        if k < 2:
            return f"价值排第{rank}名{top}"
        where = f"价值排第{rank}名" + ("（亏损）" if amount[rank - 1] <= 0
                                       else f"（不在前{key_share:.0%}）")
        if np.isnan(r):
            return f"{where}，没有增长数据"
        if np.isinf(r):
            return f"{where}，去年同期没有运单（新客户）"
        sign = "≥" if r >= growth_min else "<"
        return f"{where}，增长{r:.2f}倍（{sign}{growth_min:g}）"

    out["rank"] = pd.array(list(range(1, n + 1)) + [pd.NA] * len(lost), dtype="Int64")
    out["tier"] = pd.Categorical.from_codes(code, categories=list(TIER_LABELS), ordered=True)
    out["reason"] = [reason(int(k), i + 1, float(r)) for i, (k, r) in enumerate(zip(code, ratio))] \
        + ["已进入终止期：不参加排名，先做一次流失回访"] * len(lost)
    return out


_TRIGGERS = pd.DataFrame({
    "stage": ["衰退期", "终止期"],
    "trigger": ["近 6 个月运单 ≤ 去年同期的 0.8 倍", "近 3 个月没有下单"],
    "action": ["客户经理一个月内上门一次，问清货量为什么下降（服务出了问题、价格、还是客户自己的生意），"
               "之后每季度一次，直到货量回到成熟期",
               "客服做一次流失回访，问清离开的原因；有挽回希望的转给原客户经理"],
    "team": ["原客户经理（常规客户没有固定经理的，由片区客户经理接手）", "客服中心"],
    "min_visits_per_year": [DECLINE_VISITS, 0],
})


def lifecycle_triggers():
    """Actions the plan adds by lifecycle stage, whatever the customer's tier.

    A tier says how much attention a customer gets in a normal year; a
    trigger says what must happen when the customer starts to leave. A
    customer in 衰退期 gets at least ``min_visits_per_year`` visits: a
    declining 常规客户 (0 visits in its tier) gets :data:`DECLINE_VISITS`,
    a declining 重点客户 keeps its 12.

    Returns
    -------
    DataFrame
        ``stage``, ``trigger``, ``action``, ``team``, ``min_visits_per_year``.

    Examples
    --------
    >>> lifecycle_triggers().set_index("stage")["min_visits_per_year"].to_dict()
    {'衰退期': 4, '终止期': 0}
    """
    return _TRIGGERS.copy()


def bond_levels():
    """The three levels of retention bonds, from the easiest to copy to the hardest (seed 003).

    Returns
    -------
    DataFrame
        Three rows (第一层 财务性联系, 第二层 社会性联系, 第三层 结构性联系) with
        ``level``, ``bond``, ``column`` (the column name :func:`retention_bonds`
        uses), ``means``, ``logistics_example`` and ``copy_difficulty``.

    Examples
    --------
    >>> bond_levels()["bond"].tolist()
    ['财务性联系', '社会性联系', '结构性联系']
    """
    return _BONDS.copy()


def retention_bonds(tiers=None, tier="tier"):
    """Which retention bonds each service tier is tied with.

    Every active tier gets the financial bond; the social bond is added for
    战略, 重点 and 潜力 customers; the structural bond, the hardest for a
    competitor to copy and the most expensive to build, is kept for 战略客户.
    流失客户 have left: no bond is kept up (无) until a win-back call succeeds::

        战略客户: 财务 + 社会 + 结构
        重点客户: 财务 + 社会
        潜力客户: 财务 + 社会
        常规客户: 财务
        流失客户: 无

    Parameters
    ----------
    tiers : DataFrame or Series, optional
        Customers with a ``tier`` column (the result of :func:`service_tiers`)
        or a Series of tier labels. ``None`` returns the rule itself, one row
        per tier.
    tier : str, default "tier"
        Column with the tier labels when ``tiers`` is a DataFrame.

    Returns
    -------
    DataFrame
        A copy of ``tiers`` (a Series becomes a column ``tier``) plus the
        booleans ``financial``, ``social``, ``structural`` and the text
        ``bonds`` (e.g. "财务 + 社会", "无" for none); for ``None`` one row per tier.

    Examples
    --------
    >>> retention_bonds()[["tier", "bonds"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['战略客户', '财务 + 社会 + 结构'], ['重点客户', '财务 + 社会'],
     ['潜力客户', '财务 + 社会'], ['常规客户', '财务'], ['流失客户', '无']]
    >>> retention_bonds(pd.Series(["常规客户", "战略客户"]))["structural"].tolist()
    [False, True]
    """
    if tiers is None:
        out = pd.DataFrame({"tier": list(TIER_LABELS)})
        labels = out["tier"]
    else:
        labels = _tier_labels(tiers, tier, "tiers")
        out = tiers.to_frame(name="tier") if isinstance(tiers, pd.Series) else tiers.copy()
    flags = np.array([_TIER_BONDS[label] for label in labels], dtype=bool).reshape(-1, 3)
    short = np.array(["财务", "社会", "结构"])
    for i, column in enumerate(BOND_COLUMNS):
        out[column] = flags[:, i]
    out["bonds"] = [" + ".join(short[row]) or "无" for row in flags]
    return out


def service_plan(tiers=None, tier="tier", value="profit"):
    """The differentiated service plan: who serves each tier, how often, how, at what price.

    One row per tier, from 战略客户 down to 常规客户, then 流失客户. Given customers
    with tiers, the plan also counts them and, when the ``value`` column is
    there, gives each tier's share of the total value::

        value_share = sum of value in the tier / sum of value of all customers

    ``visits_per_year`` is the number of visits the plan asks for per
    customer, so ``customers * visits_per_year`` is the tier's yearly visits.

    Parameters
    ----------
    tiers : DataFrame, optional
        The result of :func:`service_tiers` (or any table with a ``tier``
        column). ``None`` gives the plan without counts.
    tier : str, default "tier"
        Column with the tier labels.
    value : str or None, default "profit"
        Column whose share per tier is shown; ignored when missing or None.

    Returns
    -------
    DataFrame
        ``tier``, (``customers``, ``value_share``,) ``rule``, ``team``,
        ``visits_per_year``, ``channels``, ``services``, ``pricing``,
        ``bonds`` (from :func:`retention_bonds`) and ``goal``.

    Examples
    --------
    >>> customers = pd.DataFrame({"tier": ["战略客户", "常规客户", "常规客户"],
    ...                           "profit": [600.0, 300.0, 100.0]})
    >>> plan = service_plan(customers)
    >>> plan["tier"].tolist()[0], plan["tier"].tolist()[-1]
    ('战略客户', '流失客户')
    >>> plan[["customers", "value_share", "visits_per_year"]].values.tolist()
    [[1.0, 0.6, 24.0], [0.0, 0.0, 12.0], [0.0, 0.0, 4.0], [2.0, 0.4, 0.0], [0.0, 0.0, 0.0]]
    >>> int((plan["customers"] * plan["visits_per_year"]).sum())
    24
    """
    plan = _PLAN.copy()
    plan["bonds"] = retention_bonds()["bonds"].to_numpy()
    if tiers is None:
        return plan
    require_frame(tiers, "tiers")
    labels = _tier_labels(tiers, tier, "tiers")
    counts = labels.value_counts().reindex(TIER_LABELS, fill_value=0)
    columns = ["tier", "customers"]
    plan["customers"] = counts.to_numpy(dtype=np.int64)
    if require_optional_column(tiers, value, "profit", "tiers"):
        amounts = require_numeric(tiers, value, "tiers", allow_negative=True)
        total = float(amounts.sum())
        if total == 0:
            fail(f"tiers 的列 '{value}' 合计为 0，无法计算各等级的占比。",
                 f"Column '{value}' of tiers sums to 0, so no tier has a share.")
        by_tier = amounts.groupby(labels.to_numpy()).sum().reindex(TIER_LABELS, fill_value=0.0)
        plan["value_share"] = by_tier.to_numpy(dtype=np.float64) / total
        columns.append("value_share")
    rest = [c for c in plan.columns if c not in columns]
    return plan[columns + rest]


def monthly_waybills(shipments, customer="customer_id", date="order_date"):
    """Count waybills per customer and calendar month: the data behind a lifecycle chart.

    ``waybills[c, m]`` = number of rows of customer ``c`` whose order date
    falls in month ``m``; months without orders inside the data's range are 0.

    Parameters
    ----------
    shipments : DataFrame
        One row per waybill.
    customer, date : str
        Column names.

    Returns
    -------
    DataFrame
        One row per customer (index sorted by id), one column per month
        (monthly Periods, first to last month of the data, none skipped).

    Examples
    --------
    >>> ships = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                       "order_date": ["2025-01-05", "2025-03-09", "2025-01-20"]})
    >>> table = monthly_waybills(ships)
    >>> [str(m) for m in table.columns], table.values.tolist()
    (['2025-01', '2025-02', '2025-03'], [[1, 0, 1], [1, 0, 0]])
    """
    require_frame(shipments, "shipments")
    require_columns(shipments, [customer, date], "shipments")
    codes, ids = _group_codes(shipments, customer, "shipments", sort=True)
    dates = require_dates(shipments, date, "shipments")
    month = (dates.dt.year * 12 + dates.dt.month - 1).to_numpy(dtype=np.int64)  # months since year 0
    slot = month - month.min()
    span = pd.period_range(pd.Period(dates.min(), "M"), periods=int(slot.max()) + 1, freq="M")
    table = np.zeros((len(ids), len(span)), dtype=np.int64)
    np.add.at(table, (codes, slot), 1)
    return pd.DataFrame(table, index=pd.Index(ids, name=customer), columns=span)


def stage_examples(stages, monthly, n=3, start=0, min_waybills=200):
    """Pick ``n`` typical customers per lifecycle stage for a chart.

    Typical means: among the customers of the stage with at least
    ``min_waybills`` waybills in ``monthly`` (so the line is not just noise),
    the ones whose total is closest to the stage's median total (equal
    distances by id). ``start`` skips that many, so ``start=n`` gives the next
    group. Stages with no waybills (潜在期) are left out.

    Parameters
    ----------
    stages : DataFrame
        The result of :func:`coursekit.lifecycle_stage` (columns ``id``, ``stage``).
    monthly : DataFrame
        Waybills per customer (index = customer id) and month (columns).
    n : int, default 3
    start : int, default 0
    min_waybills : int, default 200

    Returns
    -------
    DataFrame
        The chosen rows of ``stages`` plus ``waybills`` (total in ``monthly``),
        in stage order, most typical first.

    Examples
    --------
    >>> stages = pd.DataFrame({"id": list("abcde"),
    ...                        "stage": ["成熟期", "成熟期", "成熟期", "衰退期", "衰退期"]})
    >>> monthly = pd.DataFrame({"2025-01": [100, 300, 500, 400, 50]}, index=list("abcde"))
    >>> stage_examples(stages, monthly, n=1, min_waybills=60)[["id", "waybills"]].values.tolist()
    [['b', 300], ['d', 400]]
    """
    require_frame(stages, "stages")
    require_columns(stages, ["id", "stage"], "stages")
    require_frame(monthly, "monthly")
    require_number(n, "n", low=1, integer=True)
    require_number(start, "start", low=0, integer=True)
    require_number(min_waybills, "min_waybills", low=0)
    for column in monthly.columns:  # waybill counts: whole, finite, not negative
        require_numeric(monthly, column, "monthly")
    totals = monthly.sum(axis=1)
    rows = stages[stages["id"].isin(totals.index)].copy()
    rows["waybills"] = totals.reindex(rows["id"]).to_numpy().astype(np.int64)
    rows = rows[rows["waybills"] >= min_waybills]
    picked = []
    for _, group in rows.groupby("stage", observed=True, sort=True):
        distance = (group["waybills"] - group["waybills"].median()).abs()
        ordered = group.assign(_d=distance).sort_values(["_d", "id"], kind="stable")
        picked.append(ordered.iloc[int(start):int(start) + int(n)].drop(columns="_d"))
    if not picked:
        return rows.iloc[:0]
    return pd.concat(picked, ignore_index=True)
