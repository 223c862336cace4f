"""Exercises of case_dhl.ipynb (案例分析：中外运敦豪——基于 IT 和 CRM 的优质客户服务)."""
from functools import lru_cache

from . import choice, number, text

KEY_SEGMENT = "重要价值客户"
BUSINESS_EXCLUDED = "个人/学生寄件"   # exercise 4: the five business segments together
# exercise 5 compares these two survey segments
FOOD, CLOTHING = "食品", "服装"
# exercise 2: 200 scores by group, as the notebook lists them (score band -> respondents)
HAND_SCORES = {"9-10": 46, "7-8": 80, "6": 30, "0-5": 44}


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


def _hand_nps(six_is_detractor=True, passives_counted=True, scale=100) -> float:
    """NPS of exercise 2's 200 scores; the keywords reproduce the usual slips."""
    promoters = HAND_SCORES["9-10"]
    detractors = HAND_SCORES["0-5"] + (HAND_SCORES["6"] if six_is_detractor else 0)
    total = sum(HAND_SCORES.values())
    if not passives_counted:
        total = promoters + detractors
    return scale * (promoters - detractors) / total


def _nps_verdict() -> str:
    """C (too few to tell) when the two detractor-share intervals overlap, else A."""
    from ..stats import rate_interval
    from ..tracking import net_promoter_score

    table = net_promoter_score(_survey(), by="segment")
    ranges = rate_interval(table["detractors"], table["respondents"])
    food, clothing = ranges.loc[FOOD], ranges.loc[CLOTHING]
    overlap = food["low"] <= clothing["high"] and clothing["low"] <= food["high"]
    return "C" if overlap else "A"


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
    """The segment whose delay complaints are the most: the team avoids the most complaints there.

    The scenario of 3.3 scales every segment's delay complaints by the same factor, so the
    segment with the most delay complaints gives the most avoided complaints in total.
    """
    return str(_exposure()["delay_complaints"].idxmax())


QUESTIONS = [
    choice("case_dhl.share_reading", "BE",
           hint="重读「1.2 市场份额：三个说法，三家媒体」：三个数字出自三家媒体，中间的年份没有数字，"
                "报道也没说按什么算份额，更没有竞争对手的份额；这样的数字能说明“每年都在涨”、"
                "“涨了几个百分点”或“一直是第一”吗？",
           options="ABCDE", wrong=["B", "E", "BD", "BCE", "ABE", "D"]),
    number("case_dhl.nps_by_hand", _hand_nps,
           hint="重读「2.3 “疯狂地以客户为中心”与净推荐值（NPS）」：推荐者是 9–10 分，贬损者是 0–6 分"
                "（6 分也算）；被动者不加分也不扣分，但要算在总人数里；"
                "NPS = 推荐者占比（%）− 贬损者占比（%），可以是负数。",
           wrong=[lambda: _hand_nps(six_is_detractor=False), lambda: _hand_nps(passives_counted=False),
                  lambda: _hand_nps(scale=1), lambda: -_hand_nps()],
           tolerance=0.1),
    number("case_dhl.nps_business", lambda: _nps(_business_scores()),
           hint="重读「2.4 动手算 NPS：课程问卷」：先用 != 去掉“个人/学生寄件”的受访者，再只取 recommend_score 这一列；"
                "推荐者是 9-10 分，贬损者是 0-6 分（6 分也算），NPS = 100 ×（推荐者占比 − 贬损者占比），"
                "结果是 -100 到 100 之间的分数，不是 0-1 之间的小数。",
           wrong=[lambda: _nps(_survey()["recommend_score"]),
                  lambda: _nps(_business_scores()) / 100,
                  lambda: _nps(_business_scores(), detractor_max=5),
                  lambda: _nps(_survey().loc[_survey()["segment"] == BUSINESS_EXCLUDED,
                                             "recommend_score"])],
           errors={"KeyError": "列名要加引号，写成 survey[\"segment\"]；类别的名字也要和表里一字不差，"
                               "例如 \"个人/学生寄件\"。",
                   "TypeError": "比较分数之前，先只取出打分那一列：survey.loc[条件, \"recommend_score\"]。"
                                "整张表里还有文字列（如 segment），文字不能和数字 9 比大小。"},
           tolerance=0.1),
    choice("case_dhl.nps_verdict", _nps_verdict,
           hint="重读「2.5 人少的时候：差别是真的吗？」：两类受访者的贬损者占比区间有没有重叠？"
                "人数一样多、分数是负数，都不是判断差别真假的依据。",
           options="ABCD", wrong=["A", "B", "D"]),
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
    text("case_dhl.team_segment", _team_choice,
         hint="重读「3.3 如果每一票延误都被及时发现」：模型对每个分群按同样的比例减少延误投诉，"
              "小组盯哪一类，一共能少收的投诉最多？再看「3.2 关键客户得到更好的服务了吗？」的区间："
              "只有几个客户的分群，投诉率可信吗？分群名称要和表里一字不差。",
         wrong=["重要挽留客户", "一般挽留客户", "一般发展客户", "全部客户"]),
]
