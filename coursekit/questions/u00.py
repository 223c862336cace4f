"""Exercises of 00_start.ipynb (the start notebook)."""
from functools import lru_cache

from . import choice, number


@lru_cache(maxsize=1)
def _customers():
    from ..data import load_dataset

    return load_dataset("customers")


QUESTIONS = [
    number("u00.first_sum", 12,
           hint="重读「2. 第一次作答」：把三张运单的件数 3、4、5 加起来，结果是一个整数。",
           wrong=[11, 12.5, "12"]),
    choice("u00.hourglass", "C", options="ABCD",
           hint="重读「2. 第一次作答」：三个符号 ✅、❌、⏳ 各代表一种情况。",
           wrong=["A", "B", "D"]),
    number("u00.n_nanning", lambda: int((_customers()["city"] == "南宁").sum()),
           hint="重读「3. 看一眼数据」：用 customers[\"city\"] == \"南宁\" 得到一列真/假，"
                "再用 .sum() 数出“真”的个数。",
           wrong=[lambda: len(_customers()), lambda: int((_customers()["city"] == "南宁").sum()) + 1]),
]
