"""Exercises of 00_start.ipynb (the start notebook)."""
from . import number

QUESTIONS = [
    number("u00.first_sum", 12,
           hint="重读「2. 第一次作答」：把三票运单的件数 3、4、5 加起来。",
           wrong=[11, 12.5, "12"]),
]
