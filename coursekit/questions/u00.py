"""Exercises of 00_start.ipynb (the start notebook)."""
from functools import lru_cache

from . import choice, number


@lru_cache(maxsize=1)
def _customers():
    from ..data import load_dataset

    return load_dataset("customers")


def _count(**conditions) -> int:
    """Customers matching every ``column=value`` condition."""
    customers = _customers()
    chosen = True
    for column, value in conditions.items():
        chosen = chosen & (customers[column] == value)
    return int(chosen.sum())


def _count_either(city, industry) -> int:
    """The ``|`` mistake: customers in the city or in the industry."""
    customers = _customers()
    return int(((customers["city"] == city) | (customers["industry"] == industry)).sum())


QUESTIONS = [
    number("u00.first_sum", 12,
           hint="重读「2. 第一次作答」：把三张运单的件数 3、4、5 加起来，结果是一个整数。",
           wrong=[11, 12.5, "12"]),
    choice("u00.hourglass", "C", options="ABCD",
           hint="重读「2. 第一次作答」：三个符号 ✅、❌、⏳ 各代表一种情况。",
           wrong=["A", "B", "D"]),
    number("u00.n_nanning", lambda: _count(city="南宁"),
           hint="重读「3. 看一眼数据」：用 customers[\"city\"] == \"南宁\" 得到一列真/假，"
                "再用 .sum() 数出“真”的个数。",
           wrong=[lambda: len(_customers()), lambda: _count(city="南宁") + 1]),
    number("u00.n_nanning_ecom", lambda: _count(city="南宁", industry="电商"),
           hint="重读「两个条件同时成立：& 和括号」：城市是南宁、行业是电商，两个条件各加一对括号，"
                "用 & 连起来，再 .sum()；只满足其中一个条件的客户不算。",
           wrong=[lambda: _count(city="南宁"), lambda: _count(industry="电商"),
                  lambda: _count(city="南宁", industry="食品"), lambda: _count_either("南宁", "电商")],
           errors={"TypeError": "这道题的两个条件是 (customers[\"city\"] == \"南宁\") 和 "
                                "(customers[\"industry\"] == \"电商\")：各加一对括号，中间用 &。",
                   "ValueError": "连接两个条件要用 &，不能用 and；每个条件都加括号。"}),
]
