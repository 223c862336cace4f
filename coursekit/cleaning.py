"""Unit 3: tidy a messy prospect list (物流客户资料整理).

A list of prospects typed by several people, copied from trade-fair
catalogues and the yellow pages, is never clean: the same company appears
twice with a slightly different name, phones are written in five ways, some
digits are full width (全角), cities carry a stray 市 or are plainly wrong.
Each function here fixes one kind of problem, so a notebook can show the list
before and after every step and count what the step changed:

* :func:`to_halfwidth` turns full-width letters, digits and signs into normal ones;
* :func:`strip_spaces` removes every space, including the full-width one;
* :func:`normalise_company`, :func:`company_key`, :func:`find_duplicates` and
  :func:`merge_duplicates` spot and merge the same company written twice;
* :func:`normalise_phone` writes landlines as ``0771-5123456`` and mobiles as 11 digits;
* :func:`normalise_city` drops the 市, and repairs blank or wrong cities from
  the company name or the area code;
* :func:`normalise_industry` maps other spellings to the dataset's industry names;
* :func:`parse_shipments` reads "约100票", "５０" or "120-180" as a number;
* :func:`show_changes` and :func:`count_changes` show and count what a step
  changed; :func:`clean_prospect_list` runs every step in order.

The functions take a column (a pandas Series; a list works too) and return a
new Series with the same index; a single string in gives a single value back.
Blank cells stay blank: a cleaning step never invents data.
"""
from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from ._validate import fail, require_columns, require_frame

__all__ = ["to_halfwidth", "strip_spaces", "normalise_company", "company_key",
           "normalise_phone", "normalise_city", "normalise_industry", "parse_shipments",
           "find_duplicates", "merge_duplicates", "show_changes", "count_changes",
           "clean_prospect_list",
           "GUANGXI_CITIES", "AREA_CODES", "INDUSTRY_ALIASES"]

GUANGXI_CITIES = ("南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林",
                  "百色", "贺州", "河池", "来宾", "崇左")
"""The 14 prefecture-level cities of Guangxi, the company's home market."""

AREA_CODES = {"0771": ("南宁", "崇左"), "0772": ("柳州", "来宾"), "0773": ("桂林",),
              "0774": ("梧州", "贺州"), "0775": ("玉林", "贵港"), "0776": ("百色",),
              "0777": ("钦州",), "0778": ("河池",), "0779": ("北海",), "0770": ("防城港",)}
"""Landline area codes (区号) of Guangxi. Some codes serve two cities, so a code
only decides the city when it serves one."""

INDUSTRY_ALIASES = {"电子商务": "电商", "IT通信": "IT/通信", "通信": "IT/通信",
                    "医药行业": "医药", "汽配": "汽车配件", "日化": "日用品"}
"""Other ways people write an industry, mapped to the dataset's industry names."""

LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
"""Legal-form endings (企业类型) that people mix up when they type a name."""

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # the full-width space
_DASHES = "—–－‐‑−"  # em dash, en dash, full-width and other hyphens people type
_FILLER_WORDS = ("大约", "约", "左右", "票/月", "票每月", "每月", "票", "/月", "月")
_UNKNOWN_WORDS = ("不详", "未知", "不清楚", "?", "？")


# ---------------------------------------------------------------------------
# input checks shared by the column functions
# ---------------------------------------------------------------------------

def _column(values, arg: str, numbers_hint: str = ""):
    """Return (Series of text or NaN, was_scalar); reject tables, numbers and odd cells."""
    if isinstance(values, str):
        return pd.Series([values], dtype=object), True
    if values is None or (isinstance(values, float) and np.isnan(values)):
        return pd.Series([np.nan], dtype=object), True
    if isinstance(values, pd.DataFrame):
        fail(f"参数 {arg} 应该是表格中的一列（例如 raw['{arg}']），现在是整张表 DataFrame。",
             f"Argument {arg} must be one column (e.g. raw['{arg}']), got a whole DataFrame.",
             TypeError)
    if isinstance(values, (list, tuple, pd.Index, np.ndarray)):
        values = pd.Series(list(values), dtype=object)
    if not isinstance(values, pd.Series):
        fail(f"参数 {arg} 应该是一列文字（pandas Series 或列表），现在是 {type(values).__name__}。",
             f"Argument {arg} must be a column of text (a pandas Series or a list), "
             f"got {type(values).__name__}.", TypeError)
    if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        if not values.isna().all():
            fail(f"参数 {arg} 应该是文字，现在是数字类型 {values.dtype}。{numbers_hint}",
                 f"Argument {arg} must hold text, got numeric dtype {values.dtype}.",
                 TypeError)
    odd = values.map(lambda v: not (isinstance(v, str) or _is_blank(v)))
    if odd.any():
        example = values[odd].iloc[0]
        fail(f"参数 {arg} 里有 {int(odd.sum())} 个不是文字的值，例如 {example!r}；"
             "请先用 .astype(str) 转成文字。",
             f"Argument {arg} has {int(odd.sum())} values that are not text, e.g. "
             f"{example!r}; convert them with .astype(str) first.", TypeError)
    return values, False


def _is_blank(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _apply(values, arg: str, rule, numbers_hint: str = ""):
    """Apply ``rule`` to each non-blank text; blanks stay NaN; keep the index."""
    series, scalar = _column(values, arg, numbers_hint)
    out = [np.nan if _is_blank(v) else rule(v) for v in series]
    if scalar:
        return out[0]
    return pd.Series(out, index=series.index, name=series.name, dtype=object).infer_objects()


def _blank_to_nan(text: str):
    return text if text else np.nan


# ---------------------------------------------------------------------------
# characters and spaces
# ---------------------------------------------------------------------------

def _halfwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


def to_halfwidth(values):
    """Turn full-width (全角) letters, digits, signs and spaces into half-width ones.

    Rule: every character from U+FF01 to U+FF5E becomes the ASCII character
    0xFEE0 below it (``Ａ`` → ``A``, ``１`` → ``1``, ``－`` → ``-``, ``（`` → ``(``),
    and the full-width space U+3000 becomes a normal space. Chinese characters
    are left alone.

    Parameters
    ----------
    values : str, pandas.Series or list of str
        Text; blank cells (NaN/None) stay blank.

    Returns
    -------
    str or pandas.Series
        Same shape as the input.

    Examples
    --------
    >>> to_halfwidth("０７７１－２７２３６５７")
    '0771-2723657'
    >>> to_halfwidth(["桂林ＪＸ祥凯", None]).tolist()
    ['桂林JX祥凯', nan]
    """
    return _apply(values, "values", _halfwidth)


def _no_spaces(text: str) -> str:
    return "".join(_halfwidth(text).split())


def strip_spaces(values):
    """Remove every space in the text: leading, trailing, inside, and full width.

    Chinese names and company names never contain spaces, so any space there
    is a typing slip. A text that is nothing but spaces becomes blank (NaN).

    Parameters
    ----------
    values : str, pandas.Series or list of str

    Returns
    -------
    str or pandas.Series

    Examples
    --------
    >>> strip_spaces(["韦\\u3000杰倩", " 桂林", "汽车配件 ", "  "]).tolist()
    ['韦杰倩', '桂林', '汽车配件', nan]
    """
    return _apply(values, "values", lambda t: _blank_to_nan(_no_spaces(t)))


# ---------------------------------------------------------------------------
# company names and duplicates
# ---------------------------------------------------------------------------

def _company(text: str):
    text = _no_spaces(text)
    return _blank_to_nan(text.replace("(", "（").replace(")", "）"))


def normalise_company(names):
    """Write company names one way: half-width letters, no spaces, full-width brackets.

    Rule (the list's house style): full-width letters and digits become
    half-width, every space is removed, and brackets are the Chinese full-width
    ``（）``. The legal form (有限公司 / 有限责任公司) is kept as written; use
    :func:`company_key` to compare names.

    Parameters
    ----------
    names : str, pandas.Series or list of str

    Returns
    -------
    str or pandas.Series

    Examples
    --------
    >>> normalise_company(["翔佳日用品(南宁)有限公司", "贵港 耀旭图书有限责任公司 ",
    ...                    "澄茂日用品（南宁ＨＴ）有限公司"]).tolist()
    ['翔佳日用品（南宁）有限公司', '贵港耀旭图书有限责任公司', '澄茂日用品（南宁HT）有限公司']
    """
    return _apply(names, "names", _company)


def _key(text: str):
    name = _company(text)
    if not isinstance(name, str):
        return np.nan
    for form in LEGAL_FORMS:
        if name.endswith(form) and len(name) > len(form):
            return name[: -len(form)]
    return name


def company_key(names):
    """Matching key for a company name: the normalised name without its legal form.

    key = :func:`normalise_company` (name) with a final 股份有限公司, 有限责任公司 or
    有限公司 removed. Two rows with the same key are very likely the same
    company typed twice (check the phone or the contact before merging).

    Parameters
    ----------
    names : str, pandas.Series or list of str

    Returns
    -------
    str or pandas.Series

    Examples
    --------
    >>> company_key(["钦州恒景食品有限责任公司", "钦州恒景食品有限公司", "钦州 恒景食品"]).tolist()
    ['钦州恒景食品', '钦州恒景食品', '钦州恒景食品']
    """
    return _apply(names, "names", _key)


def find_duplicates(data, *, company="company"):
    """Mark the rows that repeat a company already listed higher up.

    Rule: rows with the same :func:`company_key` are one company; the first
    such row (top of the list) is the original, each later one gets
    ``duplicate_of`` = the original's index label. Rows with a blank company
    name are never duplicates. Use the original row numbers as the index
    (``raw.set_index("row_no")``) to get row numbers back.

    Parameters
    ----------
    data : pandas.DataFrame
        The list, one row per entry.
    company : str
        Column with the company names.

    Returns
    -------
    pandas.DataFrame
        A copy of ``data`` with ``company_key`` and ``duplicate_of`` (the
        original's index label, empty for originals) added at the end.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"row_no": [1, 2, 3],
    ...                     "company": ["南宁澜邕图书有限公司", "柳州荣臻食品有限公司",
    ...                                 "南宁 澜邕图书有限责任公司"]}).set_index("row_no")
    >>> find_duplicates(raw)["duplicate_of"].tolist()
    [<NA>, <NA>, 1]
    """
    frame = require_frame(data, "data")
    require_columns(frame, [company], "data")
    keys = company_key(frame[company])
    first_label = {}
    duplicate_of = []
    for key, label in zip(keys, frame.index):
        if _is_blank(key):
            duplicate_of.append(pd.NA)
        elif key in first_label:
            duplicate_of.append(first_label[key])
        else:
            first_label[key] = label
            duplicate_of.append(pd.NA)
    result = frame.copy()
    result["company_key"] = keys.to_numpy()
    dtype = "Int64" if pd.api.types.is_integer_dtype(frame.index.dtype) else object
    result["duplicate_of"] = pd.array(duplicate_of, dtype=dtype)
    return result


def merge_duplicates(data, *, company="company"):
    """Keep one row per company; fill its blank cells from the company's other rows.

    Rule: rows are grouped by :func:`company_key`; each column takes the first
    non-blank value in list order (so the original row wins, and a contact or
    phone missing there is taken from a duplicate). Each company keeps the
    index label and the position of its first row. Rows without a company
    name are kept as they are.

    Parameters
    ----------
    data : pandas.DataFrame
    company : str
        Column with the company names.

    Returns
    -------
    pandas.DataFrame
        One row per company, same columns as ``data``.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"company": ["榕沐网络科技（南宁）有限公司", "柳州荣臻食品有限公司",
    ...                                 "榕沐网络科技(南宁)有限公司"],
    ...                     "contact": [None, "张军红", "谢兰"]}, index=[14, 15, 56])
    >>> merged = merge_duplicates(raw)
    >>> merged.index.tolist(), merged["contact"].tolist()
    ([14, 15], ['谢兰', '张军红'])
    """
    frame = require_frame(data, "data")
    require_columns(frame, [company], "data")
    keys = company_key(frame[company]).to_numpy(dtype=object)
    # a blank name gets a key of its own, so it is neither merged nor dropped
    keys = np.array([f"\x00{i}" if _is_blank(k) else k for i, k in enumerate(keys)], dtype=object)
    plain = frame.reset_index(drop=True)
    merged = plain.groupby(keys, sort=False).first()
    first = pd.Series(np.arange(len(plain))).groupby(keys, sort=False).first()
    merged = merged.loc[first.index]
    merged.index = frame.index[first.to_numpy()]
    return merged[list(frame.columns)]


# ---------------------------------------------------------------------------
# phones, cities, industries, volumes
# ---------------------------------------------------------------------------

def _phone(text: str):
    text = _halfwidth(text).strip()
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    digits = re.sub(r"[\s()\-" + _DASHES + "]", "", text)
    if not digits.isdigit():
        return None
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return digits
    if digits.startswith("0"):
        area = 3 if digits[1] in "12" else 4  # 010 and 02x are the three-digit codes
        number = digits[area:]
        if len(number) in (7, 8):
            return f"{digits[:area]}-{number}"
    return None


def normalise_phone(phones):
    """Write phone numbers one way: landline ``0771-5123456``, mobile 11 digits.

    Rules: full-width digits become half-width; a leading ``+86`` or ``0086``
    is dropped; spaces, brackets and dashes (including the Chinese ——) are
    removed. Then 11 digits starting with 1 are a mobile; digits starting with
    0 are a landline: area code (3 digits for 010 and 02x, otherwise 4) + ``-``
    + the 7- or 8-digit number. Anything else cannot be recognised: it becomes
    blank and a warning names it, so a person can look it up.

    Parameters
    ----------
    phones : str, pandas.Series or list of str
        Phone numbers as text (read the column as text, or the leading 0 is lost).

    Returns
    -------
    str or pandas.Series

    Examples
    --------
    >>> normalise_phone(["0771—4201224", "(0772)6884599", "+86 15268888997",
    ...                  "156 3977 4125", "１８３１８９０１１４４"]).tolist()
    ['0771-4201224', '0772-6884599', '15268888997', '15639774125', '18318901144']
    """
    hint = "电话要按文字读入，否则开头的 0 会丢掉（例如 0771 变成 771）。"
    series, scalar = _column(phones, "phones", hint)
    out = [np.nan if _is_blank(v) else _phone(v) for v in series]
    bad = [raw for raw, new in zip(series, out) if new is None]
    if bad:
        warnings.warn(f"有 {len(bad)} 个电话号码无法识别（例如 {bad[0]!r}），已记为空值，请人工核对。\n"
                      f"{len(bad)} phone numbers could not be recognised (e.g. {bad[0]!r}); they "
                      "are left blank for a person to check.", UserWarning, stacklevel=2)
    out = [np.nan if v is None else v for v in out]
    if scalar:
        return out[0]
    return pd.Series(out, index=series.index, name=series.name, dtype=object).infer_objects()


def _city_in_name(name, cities) -> str | None:
    """The city a company name starts with or mentions first, e.g. 翔佳日用品（南宁）→ 南宁."""
    if not isinstance(name, str):
        return None
    found = [(name.find(city), city) for city in cities if city in name]
    return min(found)[1] if found else None


def _city_from_phone(phone) -> str | None:
    if not isinstance(phone, str):
        return None
    number = _phone(phone)
    if number is None or "-" not in number:
        return None
    cities = AREA_CODES.get(number.split("-")[0], ())
    return cities[0] if len(cities) == 1 else None


def normalise_city(cities, companies=None, phones=None, *, known=GUANGXI_CITIES):
    """Clean the city column and repair blank or wrong cities.

    Rules, in order:

    1. remove spaces, and a final 市 (``梧州市`` → ``梧州``);
    2. if a company name is given and mentions a known city (``南宁涵汇医疗器械``,
       ``翔佳日用品（南宁）``), that city wins: a wrong entry such as 南京 for a
       Nanning company is corrected, a blank one filled in;
    3. a city still blank or not in ``known`` is taken from the landline's
       area code when that code serves one city only (0773 → 桂林; 0771 serves
       南宁 and 崇左, so it decides nothing).

    A city that none of these can settle stays as written: check it by phone.

    Parameters
    ----------
    cities : pandas.Series or list of str
        The city column; blanks allowed.
    companies, phones : pandas.Series or list of str, optional
        The company names and phones of the same rows (same length).
    known : sequence of str
        Cities the list should contain, by default :data:`GUANGXI_CITIES`.

    Returns
    -------
    pandas.Series

    Examples
    --------
    >>> normalise_city(["梧州市", " 桂林", "南京", None, None],
    ...                companies=["梧州市榕宸糖业", "桂林湘铭电子", "南宁涵汇医疗器械",
    ...                           "翔佳日用品（南宁）有限公司", "顺达货运"],
    ...                phones=[None, None, None, None, "0773-5237965"]).tolist()
    ['梧州', '桂林', '南宁', '南宁', '桂林']
    """
    series, _ = _column(cities, "cities")
    extra = {}
    for arg, other in (("companies", companies), ("phones", phones)):
        if other is None:
            extra[arg] = [None] * len(series)
            continue
        column, _ = _column(other, arg)
        if len(column) != len(series):
            fail(f"参数 {arg} 有 {len(column)} 个值，而 cities 有 {len(series)} 个，长度必须相同。",
                 f"Argument {arg} has {len(column)} values but cities has {len(series)}; "
                 "lengths must match.")
        extra[arg] = list(column)
    known = tuple(known)
    out = []
    for city, name, phone in zip(series, extra["companies"], extra["phones"]):
        text = np.nan if _is_blank(city) else _no_spaces(city)
        if isinstance(text, str) and len(text) > 2 and text.endswith("市"):
            text = text[:-1]
        text = _blank_to_nan(text) if isinstance(text, str) else text
        named = _city_in_name(name, known)
        if named is not None:
            text = named
        elif _is_blank(text) or text not in known:
            text = _city_from_phone(phone) or text
        out.append(text)
    return pd.Series(out, index=series.index, name=series.name, dtype=object).infer_objects()


def normalise_industry(industries, aliases=None):
    """Write industries with the dataset's names: strip spaces, map other spellings.

    Rule: spaces are removed and full-width letters made half-width, then a
    spelling found in ``aliases`` is replaced (``电子商务`` → ``电商``,
    ``IT通信`` → ``IT/通信``). Blank cells stay blank.

    Parameters
    ----------
    industries : str, pandas.Series or list of str
    aliases : dict, optional
        Other spelling → dataset name; :data:`INDUSTRY_ALIASES` by default.

    Returns
    -------
    str or pandas.Series

    Examples
    --------
    >>> normalise_industry(["电子商务", "IT通信", "汽车配件 ", None]).tolist()
    ['电商', 'IT/通信', '汽车配件', nan]
    """
    table = INDUSTRY_ALIASES if aliases is None else aliases
    if not isinstance(table, dict):
        fail(f"参数 aliases 应该是字典，例如 {{'电子商务': '电商'}}，现在是 {type(table).__name__}。",
             "Argument aliases must be a dict such as {'电子商务': '电商'}, got "
             f"{type(table).__name__}.", TypeError)

    def rule(text):
        text = _no_spaces(text)
        return _blank_to_nan(table.get(text, text))

    return _apply(industries, "industries", rule)


_NUMBER = r"\d+(?:\.\d+)?"


def _shipments(text: str):
    text = _no_spaces(text).replace(",", "")
    for word in _FILLER_WORDS:
        text = text.replace(word, "")
    if not text or text in _UNKNOWN_WORDS:
        return np.nan
    if re.fullmatch(_NUMBER, text):
        return float(text)
    span = re.fullmatch(rf"({_NUMBER})(?:-|~|至|到)({_NUMBER})", text)
    if span:
        return (float(span.group(1)) + float(span.group(2))) / 2
    return None


def parse_shipments(values):
    """Read a monthly shipment count written as text, e.g. "约100票", "５０", "120-180".

    Rules: full-width digits become half-width; spaces, thousands commas and
    the words 约, 大约, 左右, 票, 票/月, 每月 are dropped; what remains must be a
    number, or a range ``a-b`` (also ``a~b``, ``a至b``) whose midpoint
    (a + b) / 2 is taken. "不详", "未知" and blanks are missing (NaN): a
    cleaning step must not guess them. Anything else is missing too, with a
    warning that names it.

    Parameters
    ----------
    values : str, pandas.Series or list of str

    Returns
    -------
    float or pandas.Series of float

    Examples
    --------
    >>> parse_shipments(["约100票", "５０", "150票/月", "30左右", "120-180", "不详", None]).tolist()
    [100.0, 50.0, 150.0, 30.0, 150.0, nan, nan]
    """
    series, scalar = _column(values, "values")
    out = [np.nan if _is_blank(v) else _shipments(v) for v in series]
    bad = [raw for raw, new in zip(series, out) if new is None]
    if bad:
        warnings.warn(f"有 {len(bad)} 个发货量无法识别（例如 {bad[0]!r}），已记为空值，请人工核对。\n"
                      f"{len(bad)} shipment counts could not be read (e.g. {bad[0]!r}); they are "
                      "left blank for a person to check.", UserWarning, stacklevel=2)
    out = [np.nan if v is None else v for v in out]
    if scalar:
        return out[0]
    return pd.Series(out, index=series.index, name=series.name, dtype=float)


# ---------------------------------------------------------------------------
# counting and the whole pipeline
# ---------------------------------------------------------------------------

def _as_text(value):
    if _is_blank(value):
        return None
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _same_column(before, after):
    if isinstance(before, (str, pd.DataFrame)) or isinstance(after, (str, pd.DataFrame)):
        fail("参数 before 和 after 应该是同一列清洗前后的值（Series 或列表）。",
             "Arguments before and after must be the same column before and after a step "
             "(a Series or a list).", TypeError)
    left = before if isinstance(before, pd.Series) else pd.Series(list(before), dtype=object)
    right = after if isinstance(after, pd.Series) else pd.Series(list(after), dtype=object)
    if len(left) != len(right):
        fail(f"before 有 {len(left)} 个值，after 有 {len(right)} 个，长度必须相同"
             "（去重会改变行数，请在去重前比较）。",
             f"before has {len(left)} values and after has {len(right)}; lengths must match "
             "(de-duplication changes the row count: compare before it).")
    return left, right


def show_changes(before, after):
    """The cells a cleaning step changed, side by side.

    A cell counts as changed when its text differs before and after (numbers
    compare as written: 300.0 is the same as "300"), or when it went from blank
    to filled or back. Blank before and after is no change.

    Parameters
    ----------
    before, after : pandas.Series or list
        The same column before and after the step, same length and order.

    Returns
    -------
    pandas.DataFrame
        Columns ``before`` and ``after``, one row per changed cell, with the
        index of ``before``.

    Examples
    --------
    >>> print(show_changes(["梧州市", "桂林", None], ["梧州", "桂林", "南宁"]))
      before after
    0    梧州市    梧州
    2    NaN    南宁
    """
    left, right = _same_column(before, after)
    changed = [_as_text(a) != _as_text(b) for a, b in zip(left.tolist(), right.tolist())]
    table = pd.DataFrame({"before": left.to_numpy(dtype=object),
                          "after": right.to_numpy(dtype=object)}, index=left.index)
    return table[changed]


def count_changes(before, after) -> int:
    """Count the cells a cleaning step changed (the rows of :func:`show_changes`).

    Parameters
    ----------
    before, after : pandas.Series or list
        The same column before and after the step, same length.

    Returns
    -------
    int

    Examples
    --------
    >>> count_changes(["梧州市", "桂林", None, "300"], ["梧州", "桂林", "南宁", 300.0])
    2
    """
    return len(show_changes(before, after))


def clean_prospect_list(raw, *, company="company", contact="contact", phone="phone",
                        city="city", industry="industry", shipments="monthly_shipments"):
    """Run every cleaning step on a prospect list and keep one row per company.

    Steps, in the order the unit teaches them: company names
    (:func:`normalise_company`), contacts (:func:`strip_spaces`), phones
    (:func:`normalise_phone`), cities (:func:`normalise_city` with the company
    names and phones), industries (:func:`normalise_industry`), monthly
    shipments (:func:`parse_shipments`, a number), and last
    :func:`merge_duplicates`. Other columns are kept as they are.

    Parameters
    ----------
    raw : pandas.DataFrame
        The list as typed, e.g. ``load_dataset("prospect_list_raw")``.
    company, contact, phone, city, industry, shipments : str
        Column names (defaults are the dataset's).

    Returns
    -------
    pandas.DataFrame
        One row per company, same columns, ``shipments`` as float; each
        company keeps the index label of its first row.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"company": ["南宁澜邕图书有限公司", "南宁 澜邕图书有限公司"],
    ...                     "contact": ["汪宏颖", None], "phone": ["07715901195", None],
    ...                     "city": ["南宁市", "南宁"], "industry": ["图书 ", "图书"],
    ...                     "monthly_shipments": ["约300票", "300"]})
    >>> clean = clean_prospect_list(raw)
    >>> len(clean), clean.loc[0, "phone"], clean.loc[0, "city"], float(clean.loc[0, "monthly_shipments"])
    (1, '0771-5901195', '南宁', 300.0)
    """
    frame = require_frame(raw, "raw")
    require_columns(frame, [company, contact, phone, city, industry, shipments], "raw")
    clean = frame.copy()
    clean[company] = normalise_company(frame[company])
    clean[contact] = strip_spaces(frame[contact])
    clean[phone] = normalise_phone(frame[phone])
    clean[city] = normalise_city(frame[city], clean[company], clean[phone])
    clean[industry] = normalise_industry(frame[industry])
    clean[shipments] = parse_shipments(frame[shipments])
    return merge_duplicates(clean, company=company)
