"""Exercises of case_walmart.ipynb (案例分析：沃尔玛)."""
from functools import lru_cache

import numpy as np

from . import choice, items, number

# The promise ladder of 「3.4 这张网络撑得起几天补一次货？」: assumptions the notebook
# states in its own cell; the checks below use the same values.
ROAD_FACTOR = 1.25
DAILY_ROAD_KM = 250
DAY_DRIVE_ROAD_KM = 500
COVERAGE_TARGET = 0.95
EARTH_RADIUS_KM = 6371.0


@lru_cache(maxsize=1)
def _walmart():
    """The openings data, loaded once; callers must not modify it."""
    from ..data import load_dataset

    return load_dataset("walmart_stores")


def _stores():
    data = _walmart()
    return data[~data["is_dc"]]


def _dcs():
    data = _walmart()
    return data[data["is_dc"]]


def _years(frame):
    return frame["open_date"].dt.year


# ---------------------------------------------------------------- 3.1-3.2: expansion

def _states_by(year: int) -> list[str]:
    stores = _stores()
    return sorted(stores.loc[_years(stores) <= year, "state"].unique())


def _opened_between(first: int, last: int, frame=None) -> int:
    frame = _stores() if frame is None else frame
    return int(_years(frame).between(first, last).sum())


def _per_dc(year: int, drop_1962_dc: bool = False) -> float:
    dcs = _dcs()
    dcs = dcs[_years(dcs) >= 1970] if drop_1962_dc else dcs
    return _opened_between(0, year) / _opened_between(0, year, dcs)


# ---------------------------------------------------------------- 3.3: distance by hand

def _texas_pair():
    dc = _walmart().iloc[0]
    stores = _stores()
    return dc, stores[stores["state"] == "TX"].iloc[0]


def _haversine(radius=EARTH_RADIUS_KM, radians=True, factor=2.0) -> float:
    """The exercise's distance; the keywords reproduce the usual slips."""
    dc, store = _texas_pair()
    convert = np.radians if radians else (lambda x: x)
    lat1, lon1 = convert(dc["latitude"]), convert(dc["longitude"])
    lat2, lon2 = convert(store["latitude"]), convert(store["longitude"])
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return float(factor * radius * np.arcsin(np.sqrt(a)))


# ---------------------------------------------------------------- 3.3-3.4: the network

@lru_cache(maxsize=1)
def _distances_2006():
    from ..geo import nearest_distance_km

    return nearest_distance_km(_stores(), _dcs())


def _share_within(road_km: float, road_factor: float = ROAD_FACTOR) -> float:
    return float((_distances_2006() <= road_km / road_factor).mean())


def _promise_2006() -> str:
    """The highest promise at least COVERAGE_TARGET of the stores can get."""
    if _share_within(DAILY_ROAD_KM) >= COVERAGE_TARGET:
        return "A"
    if _share_within(DAY_DRIVE_ROAD_KM) >= COVERAGE_TARGET:
        return "B"
    return "C"


QUESTIONS = [
    choice("case_walmart.service_rules", "AB",
           hint="重读「1.2 日落原则与三米原则」：日落原则要求的是“答复”还是“办完”？"
                "三米是和顾客保持的距离，还是顾客走近时该做什么？",
           options="ABCD", wrong=["A", "B", "ABC", "ABD"]),
    choice("case_walmart.edlp_levers", "ABD",
           hint="重读「2.1 天天低价与低成本运营」：哪些做法让货物更快、更省地到达门店？"
                "哪一种会让每家店和供应商之间的往来变多，哪一种正是天天低价要避免的？",
           options="ABCDE", wrong=["AB", "ABCD", "ABDE", "C"]),
    items("case_walmart.early_states", lambda: _states_by(1969),
          hint="重读「3.1 数据：从阿肯色州出发」：先去掉配送中心，只留 1969 年底以前（含 1969 年）开业的门店，"
               "再看 state 列有哪几个不同的值。",
          wrong=[["AR"], lambda: _states_by(1970), lambda: _states_by(1979)]),
    number("case_walmart.stores_per_dc_1989", lambda: _per_dc(1989),
           hint="重读「3.2 一个配送中心服务多少家店」：分子是到 1989 年底累计开业的门店数，"
                "分母是到 1989 年底累计的配送中心数（按数据原样，包括标为 1962 年的那一个）；"
                "两个都要累计，而且门店里不能算上配送中心。",
           wrong=[lambda: _opened_between(0, 1989, _walmart()) / _opened_between(0, 1989, _dcs()),
                  lambda: _opened_between(1989, 1989) / _opened_between(1989, 1989, _dcs()),
                  lambda: _per_dc(1989, drop_1962_dc=True)],
           tolerance=0.1),
    number("case_walmart.km_to_texas", _haversine,
           hint="重读「3.3 怎样量两点之间的距离」：四个经纬度都要先用 np.radians 换成弧度；"
                "a 里两项相加，距离是 2 × 6371 × arcsin(√a)，别漏了前面的 2。",
           wrong=[lambda: _haversine(factor=1.0),
                  lambda: _haversine() / 1.609344,
                  lambda: _haversine(radius=EARTH_RADIUS_KM * 2),
                  lambda: _haversine(radians=False)],
           errors={"NameError": "先运行上面导入 numpy 的那一行（import numpy as np），"
                                "以及定义 dc 和 tx_store 的两行。"},
           tolerance=0.5),
    number("case_walmart.p90_km_2006", lambda: float(_distances_2006().quantile(0.9)),
           hint="重读「3.3 怎样量两点之间的距离」最后一段：km_2006 是每家门店到最近配送中心的距离（千米），"
                "90% 分位数用 quantile(0.9)，不是中位数 median()，也不是 quantile(0.1)。",
           wrong=[lambda: float(_distances_2006().median()),
                  lambda: float(_distances_2006().quantile(0.1)),
                  lambda: float(_distances_2006().quantile(0.9)) / 1.609344],
           tolerance=0.5),
    number("case_walmart.share_day_drive_2006", lambda: _share_within(DAY_DRIVE_ROAD_KM),
           hint="重读「3.4 这张网络撑得起几天补一次货？」：一天车程的直线距离是 DAY_DRIVE_KM"
                "（公路 500 千米 ÷ 1.25）；(km_2006 <= DAY_DRIVE_KM).mean() 就是比例，写成 0 到 1 之间的小数。",
           wrong=[lambda: _share_within(DAY_DRIVE_ROAD_KM, road_factor=1.0),
                  lambda: _share_within(DAILY_ROAD_KM),
                  lambda: 100 * _share_within(DAY_DRIVE_ROAD_KM)],
           tolerance=0.001),
    choice("case_walmart.promise_2006", _promise_2006,
           hint="重读「3.4 这张网络撑得起几天补一次货？」：分别算出当天往返（直线 200 千米）和一天车程"
                "（直线 400 千米）以内的门店比例，和 95% 比；选做得到的最高一级。"
                "看中位数会高估，看最远的一家会低估。",
           options="ABCD", wrong=["A", "C", "D"]),
]
