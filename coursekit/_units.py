"""Units written in a header's brackets (运费（万元）, 重量（吨）), for read_table (private).

A company export often says the unit in the header instead of in each cell.
When the unit is of the same kind as the dictionary's unit (万元 and 元, 吨 and
千克) the cells are scaled to the dictionary's unit; a foreign currency cannot
be converted without an exchange rate, so it is refused rather than read as
yuan.
"""
from __future__ import annotations

import re
import unicodedata

# unit as written (lower case, half-width) -> (kind, size in the kind's base unit)
_SIZES = {
    "元": ("money", 1), "人民币": ("money", 1), "人民币元": ("money", 1), "rmb": ("money", 1),
    "cny": ("money", 1), "¥": ("money", 1), "千元": ("money", 1e3), "万元": ("money", 1e4),
    "百万元": ("money", 1e6), "亿元": ("money", 1e8),
    "千克": ("weight", 1), "公斤": ("weight", 1), "kg": ("weight", 1), "吨": ("weight", 1e3),
    "t": ("weight", 1e3), "克": ("weight", 1e-3), "g": ("weight", 1e-3),
    "立方米": ("volume", 1), "方": ("volume", 1), "立方": ("volume", 1), "m3": ("volume", 1),
    "升": ("volume", 1e-3), "l": ("volume", 1e-3),
    "千米": ("distance", 1), "公里": ("distance", 1), "km": ("distance", 1), "米": ("distance", 1e-3),
}
_FOREIGN = ("美元", "美金", "usd", "us$", "$", "港币", "港元", "hkd", "欧元", "eur", "€", "日元", "jpy",
            "英镑", "gbp", "£", "澳元", "aud", "韩元", "krw", "新台币", "twd", "卢布", "泰铢")
_BRACKET = re.compile(r"[(\[（【]([^)\]）】]*)[)\]）】]\s*$")


def header_unit(header: str) -> str:
    """The unit in a header's closing brackets, normalised ('' when there is none).

    >>> header_unit("运费（万元）"), header_unit("重量(KG)"), header_unit("客户编码")
    ('万元', 'kg', '')
    """
    found = _BRACKET.search(unicodedata.normalize("NFKC", str(header)))
    return re.sub(r"\s+", "", found.group(1)).lower().replace("³", "3") if found else ""


def scale_for(header: str, dictionary_unit: str):
    """(factor, unit) turning a column's cells into the dictionary's unit, or an error text.

    Returns ``(1.0, "")`` when the header says no unit, or one the course does
    not know (含税 is no unit), or the same unit; ``(10000.0, "万元")`` for 万元
    into 元; a Chinese sentence (str) when the unit is a foreign currency.

    >>> scale_for("运费（万元）", "元"), scale_for("重量(吨)", "千克"), scale_for("成本", "元")
    ((10000.0, '万元'), (1000.0, '吨'), (1.0, ''))
    >>> scale_for("运费(美元)", "元")[:12]
    '表头写的单位是美元，课程'
    """
    unit = header_unit(header)
    target = _SIZES.get(str(dictionary_unit or "").lower())
    if not unit or target is None:
        return 1.0, ""
    if target[0] == "money" and unit in _FOREIGN:
        return (f"表头写的单位是{unit}，课程按人民币元计算，read_table 没有汇率，不能换算："
                "请先在表格里换算成元再读（如果其实就是元，请把表头里的单位改成“元”）")
    given = _SIZES.get(unit)
    if given is None or given[0] != target[0] or given[1] == target[1]:
        return 1.0, ""
    return given[1] / target[1], unit
