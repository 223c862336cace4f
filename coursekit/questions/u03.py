"""Exercises of u03_identification.ipynb (单元3 识别物流客户)."""
from functools import lru_cache

from . import choice, items, number, series

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


def _points():
    return _scores().set_index("lead_id")[list(_WEIGHTS)]


_WEIGHTS = {"need_points": 0.3, "power_points": 0.3, "authority_points": 0.2, "credit_points": 0.2}


def _weighted(weights=None):
    """Total score per lead (index lead_id) for the given weights of the four point columns."""
    weights = weights or _WEIGHTS
    points = _points()
    return sum(w * points[column] for column, w in weights.items())


def _high_no_boss(score_line=70, either=False, authority_below=100):
    """Leads scoring ``score_line`` or more whose contact's authority points are below ``authority_below``."""
    score, points = _weighted(), _points()
    high, no_boss = score >= score_line, points["authority_points"] < authority_below
    return int((high | no_boss).sum() if either else (high & no_boss).sum())


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


STRICT_ROA = 0.08
"""Exercise 6 screens return on assets by hand at a stricter mark than the library's 5%."""


def _by_hand_below(numerator, denominator, line):
    """Prospects whose numerator / denominator is below ``line``, computed from the raw table."""
    from ..data import load_dataset

    fin = load_dataset("prospect_financials")
    return fin.loc[fin[numerator] / fin[denominator] < line, "prospect_id"].tolist()


def _watch_list():
    table = _screen()
    return table.loc[table["verdict"] == "关注", "prospect_id"].tolist()


QUESTIONS = [
    series("u03.my_score", _weighted, tolerance=1e-6,
           hint="重读「1.2 把四个因素变成分数」：总分 = 0.3 × 需求分 + 0.3 × 购买力分 + 0.2 × 决策权分 + 0.2 × 信用分，"
                "四列都来自 points 表；每个权重只乘它自己的那一列，结果按线索编号逐行对齐。",
           wrong=[lambda: _weighted({c: 0.25 for c in _WEIGHTS}),
                  lambda: _weighted({c: 1 for c in _WEIGHTS}),
                  lambda: _weighted({"need_points": 0.2, "power_points": 0.2,
                                     "authority_points": 0.3, "credit_points": 0.3})],
           errors={"KeyError": "points 表的四列叫 need_points、power_points、authority_points、credit_points；"
                               "先运行上面建 points 表的单元格。"}),
    number("u03.n_priority_no_boss", _high_no_boss,
           hint="重读「1.2 把四个因素变成分数」：两个条件要同时成立，(my_score >= 70) & (points[\"authority_points\"] < 100)，"
                "各加一对括号；70 分正好也算，使用者和影响者都不是决策者。",
           wrong=[lambda: int((_weighted() >= 70).sum()), lambda: _high_no_boss(either=True),
                  lambda: _high_no_boss(authority_below=60), lambda: _high_no_boss(score_line=45)],
           errors={"TypeError": "两个条件要各加一对括号再用 & 连起来："
                                "(my_score >= 70) & (points[\"authority_points\"] < 100)。",
                   "ValueError": "不加括号时 Python 会先算 70 & points[...]，再把比较连起来，于是报错；"
                                 "写成 (my_score >= 70) & (points[\"authority_points\"] < 100)。"}),
    choice("u03.weakest_factor", _weakest, options="ABCD",
           hint="重读「1.2 把四个因素变成分数」：找到这条线索那一行，比较 need_points、"
                "power_points、authority_points、credit_points 四个分数，最低的就是短板；"
                "不要看总分，也不要看权重。",
           wrong=[lambda: _not_weakest(0), lambda: _not_weakest(1), lambda: _not_weakest(2)]),
    number("u03.n_companies", _companies_left,
           hint="重读「2.5 公司名称和重复的公司」：匹配键统一了写法、去掉了企业类型（有限公司/有限责任公司）的差别，"
                "数不同的键才对；只数原样的公司名，会把写法不同的同一家公司算成两家。",
           wrong=[lambda: len(_raw()), lambda: int(_raw()["company"].nunique()), _name_variants]),
    number("u03.n_city_fixed", _city_changes,
           hint="重读「2.6 城市」：cleaning.count_changes(清洗前的列, 清洗后的列) 数出改动的格子；"
                "去掉“市”字、去掉空格、补上空白、改正写错的城市都算改动。",
           wrong=[lambda: _city_changes("市"), lambda: len(_raw()),
                  lambda: int(_raw()["city"].isna().sum())]),
    items("u03.low_roa", lambda: _by_hand_below("net_profit", "total_assets", STRICT_ROA),
          hint="重读「2.10 五项财务指标筛查」：资产回报率 = net_profit ÷ total_assets（不是 ÷ revenue，那是净利润率），"
               "这道题的门槛是 8%（0.08，不是本课程示例的 5%），取出“低于 8%”的企业编号。",
          wrong=[lambda: _by_hand_below("net_profit", "total_assets", 0.05), _watch_list,
                 lambda: _by_hand_below("net_profit", "revenue", STRICT_ROA),
                 lambda: _by_hand_below("net_profit", "total_assets", STRICT_ROA)[:-1]],
          errors={"KeyError": "fin 表的列名是 net_profit（净利润）和 total_assets（总资产），"
                              "编号在 prospect_id 列；列名是英文，区分大小写。"}),
    choice("u03.credit_terms", "B", options="ABCD",
           hint="重读「2.10 五项财务指标筛查」：流动资产率说的是短期内能拿出多少钱还账，"
                "它低于门槛时，要想一想账期和收款方式该怎么安排。",
           wrong=["A", "C", "D", "BD"]),
]
