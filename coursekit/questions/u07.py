"""Exercises of u07_service.ipynb (单元7 物流客户服务认知)."""
from functools import lru_cache

from . import choice, custom, month_label, number, series


@lru_cache(maxsize=1)
def _shipments():
    from ..data import load_dataset

    return load_dataset("shipments")


@lru_cache(maxsize=1)
def _survey():
    from ..data import load_dataset

    return load_dataset("survey")


def _kpis_2025_by_service():
    from ..service import service_kpis

    shipments = _shipments()
    return service_kpis(shipments[shipments["order_date"].dt.year == 2025], by="service")


def _perfect_express_2025():
    return float(_kpis_2025_by_service().loc["快递", "perfect_order_rate"])


@lru_cache(maxsize=1)
def _monthly():
    from ..service import service_kpis

    return service_kpis(_shipments(), by="month")


def _worst_month(year="2025"):
    monthly = _monthly()
    return str(monthly.loc[monthly.index.str.startswith(year), "on_time_rate"].idxmin())


def _max_unhappy(customers=100):
    """Most unhappy customers out of 100 while good news still reaches at least as many people."""
    from ..value import word_of_mouth

    allowed = 0
    for unhappy in range(customers + 1):
        good, bad = word_of_mouth(customers - unhappy, unhappy)["people_reached"].tolist()
        if good >= bad:
            allowed = unhappy
    return allowed


def _mean_rank(column):
    return _survey().groupby("segment", observed=True)[column].mean()


QUESTIONS = [
    choice("u07.level", "C",
           hint="重读「1.2 服务的四个层次」：先问这件事是不是客户事先提出、合同里写明的；"
                "再问它有没有超出客户的期望，以及是不是在客户遇到难处的关键时刻。",
           wrong=["A", "B", "D"]),
    choice("u07.after_sale", "BDF", options="ABCDEF",
           hint="重读「2.2 交易前、交易中、交易后的服务要素」：以货物签收为界，"
                "签收之后才发生的事才算交易后；公布承诺、上门取件、在途通知都发生在签收之前。",
           wrong=["BD", "BDEF", "ABDF", "F"]),
    number("u07.perfect_express", _perfect_express_2025, tolerance=0.0005,
           hint="重读「2.3 用运单数据衡量服务」：先只留下 2025 年下单的运单，再按 service 分组；"
                "要的是 perfect_order_rate（四个比率相乘），不是 perfect_share，也不是三年合计的数。",
           wrong=[lambda: float(_kpis_2025_by_service().loc["快递", "perfect_share"]),
                  lambda: float(_kpis_2025_by_service().loc["快递", "on_time_rate"]),
                  0.8996, lambda: _perfect_express_2025() * 100]),
    custom("u07.worst_month", _worst_month, compare=month_label(),
         hint="重读「2.4 按月份看服务」：monthly 的行标签是“2025-01”这样的文字；先挑出 2025 年的行，"
              "再找 on_time_rate 最小的那一行的标签（idxmin），别看成最大的。",
         wrong=["2025-01", "2024-11", lambda: str(_monthly().loc[
             _monthly().index.str.startswith("2025"), "on_time_rate"].idxmax())]),
    number("u07.max_unhappy", _max_unhappy,
           hint="重读「3.1 口碑的账」：满意客户 = 100 - 不满意客户；每个满意客户告诉 3 人、"
                "不满意客户告诉 10 人。从 0 开始一个个试，找出好话人数仍不少于坏话人数的最大值。",
           wrong=[24, 77, 10, 30]),
    series("u07.safety_rank", lambda: _mean_rank("rank_safety"), tolerance=0.01,
           hint="重读「3.4 课堂活动：给六个要素排序」：按 segment 分组，取 rank_safety 列，求平均值（mean）；"
                "注意排名 1 是最重要，别用 sum 或 median。",
           wrong=[lambda: _mean_rank("rank_price"),
                  lambda: _survey().groupby("segment", observed=True)["rank_safety"].median(),
                  lambda: _survey().groupby("segment", observed=True)["rank_safety"].sum()]),
]
