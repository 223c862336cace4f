"""Exercises of u03_identification.ipynb (单元3 识别物流客户)."""
from functools import lru_cache

from . import choice, items, number

WEAK_LEAD = "XS00006"
"""The lead whose weakest factor the students name."""

FACTOR_OPTIONS = {"A": "need_points", "B": "power_points", "C": "authority_points",
                  "D": "credit_points"}
"""Options of the weakest-factor question: A 需求 B 购买力 C 决策权 D 信用."""


@lru_cache(maxsize=1)
def _scores():
    from ..data import load_dataset
    from ..qualifying import qualify_leads

    return qualify_leads(load_dataset("leads"))


@lru_cache(maxsize=1)
def _raw():
    from ..data import load_dataset

    return load_dataset("prospect_list_raw").set_index("row_no")


@lru_cache(maxsize=4)
def _screen(current_ratio=None):
    from ..data import load_dataset
    from ..qualifying import screening_ratios

    marks = None if current_ratio is None else {"current_ratio": current_ratio}
    return screening_ratios(load_dataset("prospect_financials"), thresholds=marks)


def _grade_count(grade):
    return int((_scores()["grade"] == grade).sum())


def _factor_points():
    row = _scores().set_index("lead_id").loc[WEAK_LEAD]
    return {letter: float(row[column]) for letter, column in FACTOR_OPTIONS.items()}


def _weakest():
    points = _factor_points()
    return min(points, key=points.get)


def _not_weakest(k):
    return [letter for letter in FACTOR_OPTIONS if letter != _weakest()][k]


@lru_cache(maxsize=1)
def _cities():
    from ..cleaning import normalise_city, normalise_company, normalise_phone

    raw = _raw()
    return normalise_city(raw["city"], normalise_company(raw["company"]),
                          normalise_phone(raw["phone"]))


def _city_changes(kind=None):
    from ..cleaning import show_changes

    table = show_changes(_raw()["city"], _cities())
    if kind == "市":
        table = table[table["before"].astype(str).str.endswith("市")]
    return len(table)


def _companies_left():
    from ..cleaning import clean_prospect_list

    return len(clean_prospect_list(_raw()))


def _name_variants():
    from ..cleaning import normalise_company

    return int(normalise_company(_raw()["company"]).nunique())


def _low_current_ratio(current_ratio=None):
    table = _screen(current_ratio)
    return table.loc[table["current_ratio_flag"] == "关注", "prospect_id"].tolist()


def _watch_list():
    table = _screen()
    return table.loc[table["verdict"] == "关注", "prospect_id"].tolist()


QUESTIONS = [
    number("u03.n_priority", lambda: _grade_count("优先跟进"),
           hint="重读「1.2 把四个因素变成分数」：在 scores 表的 grade 列里数“优先跟进”有几条，"
                "比较得到真/假，再 .sum()；别数成了持续培育或暂缓。",
           wrong=[lambda: _grade_count("持续培育"), lambda: _grade_count("暂缓"),
                  lambda: len(_scores())]),
    choice("u03.weakest_factor", _weakest, options="ABCD",
           hint="重读「1.2 把四个因素变成分数」：找到这条线索那一行，比较 need_points、"
                "power_points、authority_points、credit_points 四个分数，最低的就是短板；"
                "不要看总分，也不要看权重。",
           wrong=[lambda: _not_weakest(0), lambda: _not_weakest(1), lambda: _not_weakest(2)]),
    number("u03.n_city_fixed", _city_changes,
           hint="重读「2.6 城市」：cleaning.count_changes(清洗前的列, 清洗后的列) 数出改动的格子；"
                "去掉“市”字、去掉空格、补上空白、改正写错的城市都算改动。",
           wrong=[lambda: _city_changes("市"), lambda: len(_raw()),
                  lambda: int(_raw()["city"].isna().sum())]),
    number("u03.n_companies", _companies_left,
           hint="重读「2.5 公司名称和重复的公司」和「2.8 合并重复行」：匹配键统一了写法、去掉了"
                "企业类型（有限公司/有限责任公司）的差别，数不同的键才对；只数原样的公司名，"
                "会把写法不同的同一家公司算成两家。",
           wrong=[lambda: len(_raw()), lambda: int(_raw()["company"].nunique()), _name_variants]),
    items("u03.low_current_ratio", _low_current_ratio,
          hint="重读「2.10 五项财务指标筛查」：只看 current_ratio_flag 这一列（流动资产率），"
               "把标为“关注”的候选编号取出来；verdict 是五项合起来的结论，会多出别的企业。",
          wrong=[_watch_list, lambda: _low_current_ratio(2.0), lambda: _low_current_ratio()[:-1]]),
    choice("u03.credit_terms", "B", options="ABCD",
           hint="重读「2.10 五项财务指标筛查」：流动资产率说的是短期内能拿出多少钱还账，"
                "它低于门槛时，要想一想账期和收款方式该怎么安排。",
           wrong=["A", "C", "D", "BD"]),
]
