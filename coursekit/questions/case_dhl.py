"""Exercises of case_dhl.ipynb (案例分析：中外运敦豪——基于 IT 和 CRM 的优质客户服务)."""
from functools import lru_cache

from . import choice, number

KEY_SEGMENT = "重要价值客户"
# the what-if of exercise 6, as the notebook states it
COVERAGE, ALERT_SHARE, AVOID_RATE = 0.95, 0.9, 0.5
# the worked example of 3.3 uses these; reusing them is a typical slip
EXAMPLE_COVERAGE, EXAMPLE_ALERT_SHARE = 0.8, 0.6


def _load(name):
    from ..data import load_dataset

    return load_dataset(name)


@lru_cache(maxsize=1)
def _facts():
    """value by fact_id of dhl_facts."""
    return _load("dhl_facts").set_index("fact_id")["value"]


# ---------------------------------------------------------------- 项目1: network

def _hub_factor() -> float:
    return float(_facts()["DH33"] / _facts()["DH12"])


# ---------------------------------------------------------------- 项目2: NPS

@lru_cache(maxsize=1)
def _food_scores():
    survey = _load("survey")
    return survey.loc[survey["segment"] == "食品", "recommend_score"]


def _nps_food(promoter_min=9, detractor_max=6) -> float:
    scores = _food_scores()
    return float(100 * ((scores >= promoter_min).mean() - (scores <= detractor_max).mean()))


# ---------------------------------------------------------------- 项目3: key accounts

@lru_cache(maxsize=1)
def _rfm():
    """RFM segments as of the course date, F and M over the last 365 days (the year 2025)."""
    from .. import AS_OF
    from ..classify import rfm_score, rfm_segment, rfm_table

    rfm = rfm_table(_load("shipments"), as_of=AS_OF, window_days=365)
    return rfm_segment(rfm_score(rfm))


def _segments():
    return _rfm().set_index("customer_id")["segment"]


def _key_revenue_share(prefix=KEY_SEGMENT) -> float:
    rfm = _rfm()
    chosen = rfm["segment"].astype(str).str.startswith(prefix)
    return float(rfm.loc[chosen, "monetary"].sum() / rfm["monetary"].sum())


def _key_waybill_share() -> float:
    rfm = _rfm()
    return float(rfm.loc[rfm["segment"] == KEY_SEGMENT, "frequency"].sum() / rfm["frequency"].sum())


def _key_customer_share() -> float:
    return float((_rfm()["segment"] == KEY_SEGMENT).mean())


@lru_cache(maxsize=1)
def _exposure():
    from ..tracking import delay_exposure

    shipments = _load("shipments")
    waybills = shipments[shipments["order_date"].dt.year == 2025].copy()
    waybills["segment"] = waybills["customer_id"].map(_segments())
    return delay_exposure(waybills, _load("complaints"), by="segment")


def _avoided(coverage=COVERAGE, alert_share=ALERT_SHARE, avoid_rate=AVOID_RATE,
             segment=KEY_SEGMENT) -> float:
    from ..tracking import alert_scenario

    table = alert_scenario(_exposure(), coverage=coverage, alert_share=alert_share,
                           avoid_rate=avoid_rate)
    if segment is None:
        return float(table["avoided_complaints"].sum())
    return float(table.loc[segment, "avoided_complaints"])


QUESTIONS = [
    number("case_dhl.hub_factor", _hub_factor,
           hint="重读「1.3 网络和设施」：用 2012 年北亚枢纽的处理能力（DH33）除以 2000 年浦东口岸的"
                "处理能力（DH12）。问的是“是原来的几倍”，不是“多了几倍”，也不是相差多少件。",
           wrong=[lambda: _hub_factor() - 1, lambda: 1 / _hub_factor(),
                  lambda: float(_facts()["DH33"] - _facts()["DH12"])],
           tolerance=0.01),
    choice("case_dhl.it_practices", "AB",
           hint="重读「2.1 IT：每一票优质快件都有人盯着」和「2.2 人：电话那头是真人」："
                "哪些做法靠的是信息系统和数据，哪些靠的是接电话、受过训练的人？",
           options="ABCD", wrong=["A", "ABC", "ABCD", "CD"]),
    choice("case_dhl.nps_meaning", "B",
           hint="重读「2.3 “疯狂地以客户为中心”与净推荐值（NPS）」：NPS 不是平均分，"
                "它把 0-10 分的回答分成三组，再用两组的百分比相减。",
           options="ABCD", wrong=["A", "C", "D"]),
    number("case_dhl.nps_food", _nps_food,
           hint="重读「2.4 动手算 NPS」：先只留下 segment 为“食品”的受访者；推荐者是 9-10 分，"
                "贬损者是 0-6 分（6 分也算贬损者），NPS = 100 ×（推荐者占比 − 贬损者占比），"
                "结果是 -100 到 100 之间的分数，不是 0-1 之间的小数。",
           wrong=[lambda: _nps_food() / 100, lambda: _nps_food(detractor_max=5),
                  lambda: _nps_food(promoter_min=8), lambda: float(_food_scores().mean()),
                  lambda: -40.208333],
           tolerance=0.1),
    number("case_dhl.key_revenue_share", _key_revenue_share,
           hint="重读「3.1 RFM 分群」：rfm 表的 monetary 列就是每个客户 2025 年的收入；"
                "用重要价值客户的 monetary 之和除以所有客户的 monetary 之和。"
                "不是客户数的占比，也不是运单数（frequency）的占比；结果写成 0 到 1 之间的小数。",
           wrong=[_key_waybill_share, _key_customer_share, lambda: _key_revenue_share("重要"),
                  lambda: 100 * _key_revenue_share()],
           tolerance=0.001),
    number("case_dhl.avoided_key", _avoided,
           hint="重读「3.3 如果每一票延误都被及时发现」：用 tracking.alert_scenario，发现率 0.95、"
                "告知率 0.9、告知后不投诉的比例 0.5，然后只取“重要价值客户”这一行的 avoided_complaints，"
                "不要把所有分群加起来，也不要忘了乘告知后不投诉的比例。",
           wrong=[lambda: _avoided(segment=None), lambda: _avoided(avoid_rate=1.0),
                  lambda: _avoided(EXAMPLE_COVERAGE, EXAMPLE_ALERT_SHARE),
                  lambda: float(_exposure().loc[KEY_SEGMENT, "delay_complaints"])],
           tolerance=0.5),
]
