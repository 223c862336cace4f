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


def _road_km_for_coverage(share: float = COVERAGE_TARGET, road_factor: float = ROAD_FACTOR) -> float:
    """The road distance within which ``share`` of the 2006 stores lie (straight line x factor)."""
    return float(_distances_2006().quantile(share) * road_factor)


HBR_DATA_YEAR = 1991   # HBR published in 1992: the last full year its authors could see

QUESTIONS = [
    choice("case_walmart.service_rules", "AD",
           hint="重读「1.2 日落原则与三米原则」：日落原则要的是当天给“答复”（可以是进展），还是当天“办完”？"
                "同事提出的请求算不算？",
           options="ABCD", wrong=["A", "D", "ABD", "ACD", "BC"]),
    items("case_walmart.early_states", lambda: _states_by(1969),
          hint="重读「3.1 数据：从阿肯色州出发」：先去掉配送中心，只留 1969 年底以前（含 1969 年）开业的门店，"
               "再看 state 列有哪几个不同的值。",
          wrong=[["AR"], lambda: _states_by(1970), lambda: _states_by(1979)],
          errors={"TypeError": "开业日期是日期，不能直接和数字 1969 比较；先用 stores[\"open_date\"].dt.year "
                               "取出年份，再写 <= 1969。"}),
    number("case_walmart.stores_per_dc_1991", lambda: _per_dc(HBR_DATA_YEAR),
           hint="重读「3.2 一个配送中心服务多少家店」：分子是到 1991 年底累计开业的门店数，"
                "分母是到 1991 年底累计的配送中心数（按数据原样，包括标为 1962 年的那一个）；"
                "年份用 stores[\"open_date\"].dt.year 取出，再写 <= 1991；两个都要累计，门店里不能算上配送中心。",
           wrong=[lambda: _opened_between(0, HBR_DATA_YEAR, _walmart())
                  / _opened_between(0, HBR_DATA_YEAR, _dcs()),
                  lambda: _opened_between(HBR_DATA_YEAR, HBR_DATA_YEAR)
                  / _opened_between(HBR_DATA_YEAR, HBR_DATA_YEAR, _dcs()),
                  lambda: _per_dc(HBR_DATA_YEAR, drop_1962_dc=True),
                  lambda: _per_dc(HBR_DATA_YEAR + 1),
                  lambda: round(_per_dc(HBR_DATA_YEAR), 1)],  # read off the by_year table shown later
           errors={"TypeError": "开业日期是日期，不能直接和数字 1991 比较；先用 stores[\"open_date\"].dt.year "
                                "取出年份，再写 <= 1991。配送中心用 dcs 表，做法一样。"},
           tolerance=0.01),
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
    number("case_walmart.share_day_drive_2006", lambda: _share_within(DAY_DRIVE_ROAD_KM),
           hint="重读「3.4 这张网络撑得起几天补一次货？」：km_2006 是直线距离，一天车程的上限却是公路距离，"
                "要先换成直线距离（除以 ROAD_FACTOR）再比较；满足条件的门店数 ÷ 门店总数，写成 0 到 1 之间的小数。",
           wrong=[lambda: _share_within(DAY_DRIVE_ROAD_KM, road_factor=1.0),
                  lambda: _share_within(DAILY_ROAD_KM),
                  lambda: 100 * _share_within(DAY_DRIVE_ROAD_KM)],
           tolerance=0.001),
    number("case_walmart.daily_road_km_needed", _road_km_for_coverage,
           hint="重读「3.4 这张网络撑得起几天补一次货？」：要让 95% 的门店都在门槛以内，门槛就是距离的 95% 分位数"
                "（Series 的 quantile 方法）；km_2006 是直线距离，答案要的是公路距离，别忘了乘 ROAD_FACTOR。",
           wrong=[lambda: _road_km_for_coverage(road_factor=1.0),
                  lambda: _road_km_for_coverage(0.9),
                  lambda: _road_km_for_coverage(0.5),
                  lambda: _road_km_for_coverage(road_factor=1 / ROAD_FACTOR)],
           tolerance=1.0),
    choice("case_walmart.network_promise", "B",
           hint="重读「3.4 这张网络撑得起几天补一次货？」：一张网络“撑得起”一级承诺，要至少 95% 的门店做得到，"
                "不是“大多数门店”，也不是“每一家”。拿练习 6 第一步的数和 DAILY_ROAD_KM 比：每天补货撑得起吗？"
                "再拿练习 5 的比例和 95% 比：每周两次呢？",
           options="ABC", wrong=["A", "C"]),
]
