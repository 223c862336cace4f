"""Exercises of case_dhl.ipynb (案例分析：中外运敦豪——基于 IT 和 CRM 的优质客户服务)."""
from functools import lru_cache

from . import choice, number

KEY_SEGMENT = "重要价值客户"
BUSINESS_EXCLUDED = "个人/学生寄件"   # exercise 4: the five business segments together
# exercise 5 compares these two survey segments
FOOD, CLOTHING = "食品", "服装"
# exercise 8: the options, in letter order, as the notebook lists them
TEAM_OPTIONS = {"A": "重要价值客户", "B": "重要挽留客户", "C": "一般挽留客户", "D": "一般发展客户"}
MIN_CUSTOMERS = 30   # a segment with fewer customers is too small to be the team's first target


def _load(name):
    from ..data import load_dataset

    return load_dataset(name)


# ---------------------------------------------------------------- 项目2: NPS

@lru_cache(maxsize=1)
def _survey():
    return _load("survey")


def _nps(scores, promoter_min=9, detractor_max=6) -> float:
    return float(100 * ((scores >= promoter_min).mean() - (scores <= detractor_max).mean()))


def _business_scores(exclude=BUSINESS_EXCLUDED):
    survey = _survey()
    return survey.loc[survey["segment"] != exclude, "recommend_score"]


def _nps_verdict() -> str:
    """B (too few to tell) when the two detractor-share intervals overlap, else A."""
    from ..stats import rate_interval
    from ..tracking import net_promoter_score

    table = net_promoter_score(_survey(), by="segment")
    ranges = rate_interval(table["detractors"], table["respondents"])
    food, clothing = ranges.loc[FOOD], ranges.loc[CLOTHING]
    overlap = food["low"] <= clothing["high"] and clothing["low"] <= food["high"]
    return "B" if overlap else "A"


# ---------------------------------------------------------------- 项目3: key accounts

@lru_cache(maxsize=1)
def _rfm():
    """RFM segments as of the course date, F and M over the last 365 days (the year 2025)."""
    from .. import AS_OF
    from ..classify import rfm_score, rfm_segment, rfm_table

    rfm = rfm_table(_load("shipments"), as_of=AS_OF, window_days=365)
    return rfm_segment(rfm_score(rfm))


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
    waybills["segment"] = waybills["customer_id"].map(_rfm().set_index("customer_id")["segment"])
    return delay_exposure(waybills, _load("complaints"), by="segment")


def _delay_share(segment=KEY_SEGMENT, column="delay_complaints") -> float:
    table = _exposure()
    return float(table.loc[segment, column] / table[column].sum())


def _team_choice() -> str:
    """The option whose segment brings the most delay complaints, among segments big enough."""
    customers = _rfm()["segment"].value_counts()
    big_enough = {letter: name for letter, name in TEAM_OPTIONS.items()
                  if customers.get(name, 0) >= MIN_CUSTOMERS or name == KEY_SEGMENT}
    return max(big_enough, key=lambda letter: _exposure().loc[big_enough[letter], "delay_complaints"])


QUESTIONS = [
    choice("case_dhl.share_reading", "BD",
           hint="重读「1.2 市场份额」：三个数字出自三家媒体，中间的年份没有数字，报道也没说按什么算份额；"
                "这样的数字能说明“每年都在涨”或“涨了几个百分点”吗？",
           options="ABCD", wrong=["B", "D", "BCD", "ABD", "C"]),
    choice("case_dhl.it_practices", "AB",
           hint="重读「2.1 IT：每一票优质快件都有人盯着」和「2.2 人：电话那头是真人」："
                "哪些做法靠的是信息系统和数据，哪些靠的是接电话、受过训练的人？",
           options="ABCD", wrong=["A", "ABC", "ABCD", "CD"]),
    choice("case_dhl.nps_meaning", "B",
           hint="重读「2.3 “疯狂地以客户为中心”与净推荐值（NPS）」：NPS 不是平均分；"
                "0–6 分都算贬损者（6 分也算）；被动者不加分也不扣分，但要算在总人数里。",
           options="ABCD", wrong=["A", "C", "D"]),
    number("case_dhl.nps_business", lambda: _nps(_business_scores()),
           hint="重读「2.4 动手算 NPS：课程问卷」：先用 != 去掉“个人/学生寄件”的受访者；推荐者是 9-10 分，"
                "贬损者是 0-6 分（6 分也算），NPS = 100 ×（推荐者占比 − 贬损者占比），"
                "结果是 -100 到 100 之间的分数，不是 0-1 之间的小数。",
           wrong=[lambda: _nps(_survey()["recommend_score"]),
                  lambda: _nps(_business_scores()) / 100,
                  lambda: _nps(_business_scores(), detractor_max=5),
                  lambda: _nps(_survey().loc[_survey()["segment"] == BUSINESS_EXCLUDED,
                                             "recommend_score"])],
           errors={"KeyError": "列名要加引号，写成 survey[\"segment\"]；类别的名字也要和表里一字不差，"
                               "例如 \"个人/学生寄件\"。"},
           tolerance=0.1),
    choice("case_dhl.nps_verdict", _nps_verdict,
           hint="重读「2.5 人少的时候：差别是真的吗？」：先看两类受访者的贬损者占比区间有没有重叠；"
                "重叠就按“分不出高下”规则处理。",
           options="ABCD", wrong=["A", "C", "D"]),
    number("case_dhl.key_revenue_share", _key_revenue_share,
           hint="重读「3.1 RFM 分群」：rfm 表的 monetary 列就是每个客户 2025 年的收入；"
                "用重要价值客户的 monetary 之和除以所有客户的 monetary 之和。"
                "不是客户数的占比，也不是运单数（frequency）的占比；结果写成 0 到 1 之间的小数。",
           wrong=[_key_waybill_share, _key_customer_share, lambda: _key_revenue_share("重要"),
                  lambda: 100 * _key_revenue_share()],
           tolerance=0.001),
    number("case_dhl.delay_share_key", _delay_share,
           hint="重读「3.3 如果每一票延误都被及时发现」：用 exposure 表的 delay_complaints 列，"
                "重要价值客户那一行除以这一列的合计；不是延误运单（late_waybills）的占比，"
                "也不是运单数（waybills）的占比；结果写成 0 到 1 之间的小数。",
           wrong=[lambda: _delay_share(column="late_waybills"), lambda: _delay_share(column="waybills"),
                  lambda: 100 * _delay_share()],
           tolerance=0.001),
    choice("case_dhl.team_segment", _team_choice,
           hint="重读「3.2 关键客户得到更好的服务了吗？」和「3.3」：看延误投诉和收入集中在哪一类，"
                "再看每一类背后有几个客户；只有几个客户的分群，投诉率的区间很宽，分不出真假。",
           options="ABCD", wrong=["B", "C", "D"]),
]
