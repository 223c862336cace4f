"""Exercises of case_walmart.ipynb (案例分析：沃尔玛)."""
from functools import lru_cache

from . import choice, items, number


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


# ---------------------------------------------------------------- 项目2: expansion

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


# ---------------------------------------------------------------- 项目3: distance

@lru_cache(maxsize=1)
def _distances_2006():
    from ..geo import nearest_distance_km

    return nearest_distance_km(_stores(), _dcs())


def _median_km_including_dcs() -> float:
    # the common slip: measure from every row, so each DC adds a distance of 0
    from ..geo import nearest_distance_km

    return float(nearest_distance_km(_walmart(), _dcs()).median())


QUESTIONS = [
    choice("case_walmart.service_rules", "AB",
           hint="重读「1.2 日落原则与三米原则」：想一想“日落”和“三米”各指什么。",
           options="ABCD", wrong=["A", "B", "ABC", "ABD"]),
    choice("case_walmart.edlp_levers", "ABD",
           hint="重读「2.1 天天低价与低成本运营」：哪些做法让货物更快、更省地到达门店，"
                "哪一种反而会让每家店和供应商之间的往来变多？",
           options="ABCD", wrong=["AB", "ABCD", "C"]),
    items("case_walmart.early_states", lambda: _states_by(1969),
          hint="重读「2.2 从阿肯色州出发」：先去掉配送中心，只留 1969 年底以前（含 1969 年）开业的门店，"
               "再看 state 列有哪几个不同的值。",
          wrong=[["AR"], lambda: _states_by(1970), lambda: _states_by(1979)]),
    number("case_walmart.n_opened_1980s", lambda: _opened_between(1980, 1989),
           hint="重读「2.2 从阿肯色州出发」：1980 年代是 1980—1989 年；只数门店（is_dc 为 False），"
                "而且是这十年里新开的，不是到 1989 年底的累计数。",
           wrong=[lambda: _opened_between(1980, 1989, _walmart()),
                  lambda: _opened_between(0, 1989),
                  lambda: _opened_between(1980, 1990)]),
    number("case_walmart.stores_per_dc_1989", lambda: _per_dc(1989),
           hint="重读「2.3 一个配送中心服务多少家店」：分子是到 1989 年底累计开业的门店数，"
                "分母是到 1989 年底累计的配送中心数（按数据原样，包括标为 1962 年的那一个）；"
                "两个都要累计，而且门店里不能算上配送中心。",
           wrong=[lambda: _opened_between(0, 1989, _walmart()) / _opened_between(0, 1989, _dcs()),
                  lambda: _opened_between(1989, 1989) / _opened_between(1989, 1989, _dcs()),
                  lambda: _per_dc(1989, drop_1962_dc=True)],
           tolerance=0.1),
    number("case_walmart.median_km_2006", lambda: float(_distances_2006().median()),
           hint="重读「3.2 2006 年：离最近的配送中心有多远」：用 geo.nearest_distance_km 算每家门店"
                "（不含配送中心本身）到最近配送中心的距离，单位是千米，再取中位数 median()，不是平均数。",
           wrong=[lambda: float(_distances_2006().mean()),
                  lambda: float(_distances_2006().median()) / 1.609344,
                  _median_km_including_dcs],
           tolerance=0.5),
]
