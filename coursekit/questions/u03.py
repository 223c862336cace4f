"""Exercises of u03_identification.ipynb (单元3 识别物流客户)."""
from functools import lru_cache

from . import choice, items, number, series

WEAK_LEAD = "XS00183"
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


CASH_WEIGHTS = {"need_points": 0.2, "power_points": 0.3, "authority_points": 0.2,
                "credit_points": 0.3}
"""Exercise 2: the weights of a manager short of cash (credit up, need down)."""


def _moved(line=70, up=True, weights=None, either=False):
    """Leads below ``line`` with the default weights and at or above it with ``weights`` (or back)."""
    before, after = _weighted(), _weighted(weights or CASH_WEIGHTS)
    if either:
        return int(((after >= line) | (before < line)).sum())
    if up:
        return int(((after >= line) & (before < line)).sum())
    return int(((after < line) & (before >= line)).sum())


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


STRICT_ROA = 0.10
"""Exercise 6: the manager asks for a return on assets of at least 10% (the library's mark is 5%)."""


def _passed_but_below(column="roa", line=STRICT_ROA, passed_only=True):
    """Prospects (of those passing all five checks, if ``passed_only``) whose ``column`` is below ``line``."""
    table = _screen()
    chosen = table[column] < line
    if passed_only:
        chosen &= table["verdict"] == "通过"
    return table.loc[chosen, "prospect_id"].tolist()


def _city_spellings(cleaned=False, blanks=False):
    """Distinct values of the city column before (or after) cleaning."""
    values = _cities() if cleaned else _raw()["city"]
    return int(values.nunique(dropna=not blanks))


def _watch_list():
    table = _screen()
    return table.loc[table["verdict"] == "关注", "prospect_id"].tolist()


_POINTS_HINT = ("need_points、authority_points 这些名字在 points 表里是分数列，写 points[\"need_points\"]；"
                "单独写 need_points 指的是上面那个换算用的字典（“低”“中”“高”对应几分），不能拿来乘。")

QUESTIONS = [
    series("u03.my_score", _weighted, tolerance=1e-6,
           hint="重读「1.2 把四个因素变成分数」：总分 = 0.3 × 需求分 + 0.3 × 购买力分 + 0.2 × 决策权分 + 0.2 × 信用分，"
                "四列都来自 points 表，每个权重只乘它自己的那一列。结果的行标签要是线索编号，和 points 表一样"
                "（scores 表的行标签是 0、1、2……，对不上）。",
           wrong=[lambda: _weighted({c: 0.25 for c in _WEIGHTS}),
                  lambda: _weighted({c: 1 for c in _WEIGHTS}),
                  lambda: _weighted({"need_points": 0.2, "power_points": 0.2,
                                     "authority_points": 0.3, "credit_points": 0.3})],
           errors={"KeyError": "points 表的四列叫 need_points、power_points、authority_points、credit_points；"
                               "先运行上面建 points 表的单元格。",
                   "TypeError": _POINTS_HINT}),
    number("u03.n_moved_up", _moved,
           hint="重读「1.2 把四个因素变成分数」：先按新权重再算一遍总分，再数两个条件同时成立的线索："
                "新总分 70 分及以上，而且原来的总分 my_score 不到 70 分。两个总分要按线索编号对齐："
                "都用练习 1 里以 lead_id 为行标签的 Series（不要拿 scores 表里行号 0、1、2… 的列来比）。",
           wrong=[lambda: _moved(up=False), lambda: int((_weighted(CASH_WEIGHTS) >= 70).sum()),
                  lambda: int((_weighted() >= 70).sum()), lambda: _moved(either=True),
                  lambda: _moved(line=71)],
           errors={"TypeError": "两个条件要各加一对括号再用 & 连起来，例如 (新总分 >= 70) & (my_score < 70)；"
                                + _POINTS_HINT,
                   "ValueError": "连接两个条件要用 &，不能用 and；每个条件都加括号。"}),
    choice("u03.weakest_factor", _weakest, options="ABCD",
           hint="重读「1.2 把四个因素变成分数」：在 scores 表里挑出这条线索的那一行，比较需求分、购买力分、"
                "决策权分、信用分四个分数，最低的就是短板；不要看总分，也不要乘权重。",
           wrong=[lambda: _not_weakest(0), lambda: _not_weakest(1), lambda: _not_weakest(2)]),
    number("u03.n_companies", _companies_left,
           hint="重读「2.5 公司名称和重复的公司」：匹配键统一了写法、去掉了企业类型（有限公司/有限责任公司）的差别，"
                "数不同的键才对；只数原样的公司名，会把写法不同的同一家公司算成两家。",
           wrong=[lambda: len(_raw()), lambda: int(_raw()["company"].nunique()), _name_variants]),
    number("u03.n_city_extra", lambda: _city_spellings() - _city_spellings(cleaned=True),
           hint="重读「2.6 城市」：分别数清洗前 raw[\"city\"] 和清洗后 tidy[\"city\"] 各有多少种不同的值"
                "（.nunique() 不算空白），再相减；问的是写法的种数，不是改动的格子数。",
           wrong=[_city_spellings, lambda: _city_spellings(cleaned=True), _city_changes,
                  lambda: _city_spellings(blanks=True) - _city_spellings(cleaned=True),
                  lambda: _city_changes() - 4]),
    items("u03.strict_roa", _passed_but_below,
          hint="重读「2.10 五项财务指标筛查」：两个条件同时成立——原来的结论是“通过”，而且资产回报率（roa 列，"
               "不是净利润率 net_margin）低于 10%，也就是 0.10。",
          wrong=[lambda: _passed_but_below(passed_only=False), lambda: _passed_but_below(line=0.08),
                 lambda: _passed_but_below("net_margin"),
                 lambda: _screen().loc[_screen()["verdict"] == "通过", "prospect_id"].tolist()],
          errors={"KeyError": "screen 表的列名是 prospect_id（候选编号）、roa（资产回报率）和 verdict（结论）；"
                              "列名是英文，区分大小写，“通过”要加引号。",
                  "TypeError": "两个条件各加一对括号再用 & 连起来，写成 (条件一) & (条件二) 的样子；不加括号时，& 会先于 == 和 < 计算。"}),
    choice("u03.credit_terms", "B", options="ABCD",
           hint="重读「2.10 五项财务指标筛查」里回款周期那一行：一家企业自己收钱慢，会怎样影响它付给我们的钱？"
                "流动比率高，手里的流动资产也可能大多是还没收回来的应收账款。",
           wrong=["A", "C", "D", "BD"]),
]
