"""Read a company's own export (CSV or Excel) as a course table (private; see ``read_table``).

Four steps, each in its own function:

1. :func:`_open_source` finds the encoding (UTF-8, UTF-8 with BOM, GBK/GB18030)
   and the header row (an export often starts with a title line), and reads
   the cells as they are;
2. :func:`_match_headers` pairs the file's headers with the course columns of
   the chosen table: by English name, by the dictionary's Chinese header
   (``label``) and description (``zh``), by common names (:data:`SYNONYMS`), or
   as the caller says in ``columns``;
3. :func:`_convert` turns each column into the dictionary's type, writing down
   every cell that does not fit instead of stopping at the first;
4. :func:`read_table` returns the whole table, or raises :class:`ReadTableError`
   listing every problem (row, column, value, what is wrong). Nothing half-read
   is ever returned.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import functools
import itertools
import operator
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from ._parse import (LOCAL_TIMEZONE, half_width, id_to_text, parse_amount_text,
                     parse_date_numbers, parse_date_text, parse_zoned_text)
from ._units import scale_for
from ._validate import MAX_MAGNITUDE, bilingual, fail, require_frame
from .data import _entry

__all__ = ["read_table", "match_columns", "preview_file", "ReadTableError", "SYNONYMS"]

SYNONYMS = {
    "customer_id": ["客户编号", "客户ID", "客户代码", "客户号", "客户编码", "客户代号", "客户账号",
                    "会员编号", "货主编号", "发货人编号", "客户", "cust_id", "customer"],
    "waybill_id": ["运单号", "运单编号", "单号", "快递单号", "物流单号", "运单", "托运单号",
                   "tracking_no", "waybill"],
    "order_date": ["下单日期", "订单日期", "日期", "下单时间", "开单日期", "开单时间", "托运日期",
                   "寄件日期", "业务日期", "date"],
    "ship_date": ["发运日期", "发货日期", "发车日期", "揽收日期", "揽件日期", "出库日期"],
    "promised_date": ["承诺送达日期", "承诺送达", "承诺日期", "应到日期", "预计送达日期", "要求到达日期"],
    "delivered_date": ["实际送达日期", "送达日期", "签收日期", "签收时间", "到达日期"],
    "origin": ["始发城市", "始发地", "发货城市", "起运地", "发站", "发货地"],
    "destination": ["目的城市", "目的地", "到达城市", "收货城市", "到站", "收货地"],
    "service": ["服务产品", "产品类型", "业务类型", "服务类型", "产品"],
    "pieces": ["件数", "包裹数", "箱数"],
    "weight_kg": ["重量", "实际重量", "毛重", "实重", "weight"],
    "volume_m3": ["体积", "方数", "volume"],
    "revenue": ["运费收入", "金额", "收入", "运费", "总运费", "应收金额", "实收金额", "收费",
                "营业额", "amount", "sales"],
    "cost": ["成本", "服务成本", "运输成本", "成本金额"],
    "on_time": ["准时", "是否准时", "按时送达", "是否按时"],
    "complete": ["件数齐全", "是否齐全", "齐全"],
    "damaged": ["破损", "是否破损"],
    "lost": ["丢失", "是否丢失", "遗失"],
    "documents_correct": ["单证无误", "单证正确", "回单正确"],
    "complaint_id": ["投诉编号", "投诉单号", "工单号", "投诉ID"],
    "received_at": ["受理时间", "投诉时间", "登记时间", "投诉日期", "受理日期"],
    "intake_channel": ["投诉渠道", "渠道", "来源"],
    "category": ["投诉类别", "投诉类型", "类别", "问题类型"],
    "severity": ["严重程度", "级别", "等级"],
    "first_response_at": ["首次响应时间", "响应时间", "首次回复时间", "首次回复", "首次联系时间"],
    "resolved_at": ["完结时间", "处理完结时间", "结案时间", "解决时间", "关闭时间", "办结时间", "办结日期",
                    "结案日期", "处理完成时间", "完成时间"],
    "first_contact_resolved": ["一次解决", "是否一次解决", "首次解决"],
    "compensation": ["赔偿金额", "赔偿", "赔付金额", "赔款"],
    "satisfied": ["处理后满意", "是否满意", "满意", "客户满意", "客户是否满意", "满意度", "客户满意度",
                  "回访满意"],
    "name": ["客户名称", "公司名称", "名称", "单位名称"],
    "industry": ["行业", "所属行业"],
    "city": ["城市", "所在城市"],
    "province": ["省份", "所在省份"],
    "first_order_date": ["首次下单日期", "首单日期", "合作开始日期"],
    "lead_id": ["线索编号", "线索ID"],
    "company": ["公司名称", "企业名称", "公司"],
    "stage": ["当前状态", "阶段", "状态"],
    "created_date": ["获得线索日期", "创建日期", "登记日期"],
}
"""Common names of course columns in real exports (Chinese first); used only within one table."""

_HOW = {"columns": "columns= 指定", "english": "英文列名", "label": "中文表头",
        "zh": "字典说明", "synonym": "常用叫法", None: "没有对上（不读）"}
_TRUE = {"true", "1", "1.0", "是", "y", "yes", "对", "√", "✓", "有", "t"}
_FALSE = {"false", "0", "0.0", "否", "n", "no", "错", "×", "✗", "无", "f"}
_TOTAL = re.compile(r"^(本页|本月|本期|本年|全部|总|累计)?(合计|总计|小计|总额|汇总)(?![\u4e00-\u9fff]{2})")
_FOOTER = re.compile(r"制表|审核|复核|审批|经办|签字|签名|打印|负责人|财务主管|^注[:：]|^说明[:：]")
# yes/no words the C reader may turn into bool by itself (no digits: 1/0 could be a count)
_C_TRUE = ["是", "对", "Y", "y", "Yes", "yes", "TRUE", "True", "true", "√"]
_C_FALSE = ["否", "错", "N", "n", "No", "no", "FALSE", "False", "false", "×"]
_MAX_LISTED = 200  # problems kept per column; the count says how many there were
_SNIFF_BYTES = 1 << 16
_HEADER_ROWS = 20


class ReadTableError(ValueError):
    """A file that cannot be read as a course table, with every problem found.

    ``problems`` is a DataFrame with one row per problem: ``row`` (the row
    number as a spreadsheet shows it, the header row counted; empty for a
    problem of a whole column), ``header`` (the file's header), ``column``
    (the course column), ``value`` (the cell as written) and ``problem``
    (what is wrong, in Chinese). ``ck.zh(error.problems)`` shows it with
    Chinese headers.
    """

    def __init__(self, source_name: str, problems: pd.DataFrame, total: int):
        self.problems = problems
        self.total = total
        lines = [_line(row) for row in problems.head(12).itertuples()]
        more = "\n  ……（只列出前 12 个，全部见 error.problems）" if total > 12 else ""
        table = "\n".join(lines) + more
        zh = (f"读取 {source_name} 时发现 {total} 个问题，没有返回任何数据。请按下面的清单修改文件，"
              f"或用 columns= 指定列的对应关系（行号｜表头 → 课程列｜值｜问题）：\n{table}")
        en = (f"Reading {source_name} found {total} problem(s); nothing was returned. The list "
              "above gives row, header, course column, value and problem; error.problems "
              "holds all of them as a table.")
        super().__init__(bilingual(zh, en))


def _line(row) -> str:
    where = f"第 {row.row} 行" if not pd.isna(row.row) else "表头"
    column = f" → {row.column}" if row.column and row.column != row.header else ""
    value = f"｜'{row.value}'" if row.value else ""
    return f"  {where}｜{row.header}{column}{value}｜{row.problem}"


ReadTableError.__module__ = "coursekit"  # tracebacks say coursekit.ReadTableError


# ---------------------------------------------------------------------------
# 1. open the source
# ---------------------------------------------------------------------------

@dataclass
class _Source:
    """A table's name, its header row and how to read the cells of chosen columns."""

    name: str                 # how messages name the source
    headers: list             # the header row, as written
    first_row: int            # spreadsheet row number of the first row under the header
    read: Callable            # (positions, text positions) -> DataFrame keyed by position


def _encoding_of(head: bytes) -> str:
    """UTF-8 with or without BOM, else GB18030 (a superset of GBK and GB2312)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _header_score(cells, targets: dict) -> int:
    return sum(1 for cell in cells if _norm(cell) in targets)


def _pick_header(lines: list, targets: dict) -> int:
    """The row (0-based) among the first ones that matches the most course columns."""
    scores = [_header_score(line, targets) for line in lines[:_HEADER_ROWS]]
    best = max(scores, default=0)
    return scores.index(best) if best > 0 else 0


def _open_source(source, targets: dict, sheet) -> _Source:
    if hasattr(source, "to_pandas") and not isinstance(source, pd.DataFrame):
        require_frame(source, "source")  # says which library's table it is and how to convert
    if isinstance(source, pd.DataFrame):
        frame = source.reset_index(drop=True)
        return _Source("传入的表（DataFrame）", [_header_text(h) for h in frame.columns], 2,
                       lambda positions, _: frame.iloc[:, positions].set_axis(positions, axis=1))
    path = _checked_path(source)
    container = _container_of(path)
    if container == "xlsx":
        return _open_excel(path, targets, sheet)
    return _open_csv(path, targets)


_SUFFIXES = (".csv", ".txt", ".tsv", ".xls", ".xlsx", ".xlsm")


def _checked_path(source) -> Path:
    """The path of an existing, readable file, or a bilingual error that says what to do."""
    if not isinstance(source, (str, os.PathLike)):
        fail(f"参数 source 应该是文件路径（例如 'data/运单.csv'）或 DataFrame，现在是 {type(source).__name__}。",
             f"Argument source must be a file path (e.g. 'data/waybills.csv') or a DataFrame, "
             f"got {type(source).__name__}.", TypeError)
    text = os.fspath(source)
    if isinstance(text, str) and len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        fail(f"路径 {text} 的两头带着引号。从资源管理器复制路径时会带上引号，请把两头的引号去掉。",
             f"The path {text} starts and ends with quotes (copied from Explorer); remove them.",
             FileNotFoundError)
    path = Path(text)
    if path.name.startswith("~$"):
        real = path.name[2:]
        fail(f"{path.name} 是 Excel/WPS 打开文件时临时生成的锁文件，不是数据。请读真正的文件"
             f"（文件名不带 ~$，大概是 {real}），并先在 Excel/WPS 里关闭它。",
             f"{path.name} is the lock file Excel or WPS writes while a workbook is open, not data. "
             f"Read the real file (without ~$, probably {real}) and close it in Excel/WPS first.",
             FileNotFoundError)
    if path.is_dir():
        fail(f"{path} 是一个文件夹，不是文件。请在路径最后写上文件名，例如 {path / '运单.csv'}。",
             f"{path} is a folder, not a file. Add the file name at the end of the path.",
             IsADirectoryError)
    if not path.is_file():
        fail(f"找不到文件 {path}。请检查路径和文件名（包括扩展名 .csv / .xlsx）。",
             f"File {path} does not exist. Check the path and the file name (with .csv / .xlsx).",
             FileNotFoundError)
    if path.suffix.lower() not in _SUFFIXES:
        fail(f"{path.name} 不是 CSV 或 Excel（.xlsx）文件，read_table 读不了。",
             f"{path.name} is neither a CSV nor an Excel (.xlsx) file; read_table cannot read it.")
    return path


def _first_bytes(path: Path, size: int) -> bytes:
    """The start of a file; a file held open by Excel on Windows gets a message that says so."""
    try:
        with open(path, "rb") as stream:
            return stream.read(size)
    except PermissionError:
        _locked(path)


def _locked(path: Path):
    fail(f"没有权限打开 {path.name}：文件可能正在被 Excel 或 WPS 打开。请先在 Excel/WPS 里关闭它，再运行这一格。",
         f"Permission denied for {path.name}: the file may be open in Excel or WPS. Close it there "
         "and run the cell again.", PermissionError)


def _container_of(path: Path) -> str:
    """What the bytes are, whatever the name says: 'xlsx' or 'text'; old .xls and HTML are refused."""
    head = _first_bytes(path, 512)
    if head.startswith(b"PK"):
        return "xlsx"
    if head.startswith(bytes.fromhex("D0CF11E0")):  # OLE2, the container of old .xls
        fail(f"{path.name} 是旧版 Excel（.xls）。请在 Excel 或 WPS 里另存为 .xlsx 或 CSV 再读。",
             f"{path.name} is an old Excel file (.xls). Save it as .xlsx or CSV in Excel or WPS first.")
    start = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    if start.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<meta", b"<head")):
        fail(f"{path.name} 名字像 Excel，内容其实是网页（HTML）表格，很多系统的“导出Excel”按钮就是这样写的。"
             "请用 Excel 或 WPS 打开它，另存为 .xlsx 或 CSV 再读。",
             f"{path.name} looks like Excel by its name but holds a web page (HTML) table. Open it in "
             "Excel or WPS and save it as .xlsx or CSV first.")
    return "text"


def preview_file(source, lines: int = 4) -> str:
    """The first lines of a file as a person sees them, whatever its encoding or format.

    A CSV (UTF-8, UTF-8 with BOM or GBK) gives its first ``lines`` lines as
    written; an Excel file gives its first rows with the cells separated by
    " | ". Use it to look at a file before reading it with :func:`read_table`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_bytes("客户代码,金额\\n1001,5\\n".encode("gbk"))
    >>> print(preview_file(folder / "a.csv"))
    客户代码,金额
    1001,5
    """
    path = _checked_path(source)
    if _container_of(path) == "xlsx":
        try:
            grid = pd.read_excel(path, header=None, nrows=lines, dtype=object)
        except (ValueError, KeyError, OSError) as error:
            _excel_failed(path, error)
        return "\n".join(" | ".join("" if pd.isna(v) else str(v) for v in row)
                         for row in grid.itertuples(index=False))
    head = _first_bytes(path, _SNIFF_BYTES)
    return "\n".join(head.decode(_encoding_of(head), errors="replace").splitlines()[:lines])


def _excel_failed(path: Path, error: Exception):
    if isinstance(error, PermissionError):
        _locked(path)
    fail(f"{path.name} 无法按 Excel 读取（{type(error).__name__}: {error}）。请在 Excel 或 WPS 里打开它，"
         "另存为 .xlsx 或 CSV 再读。",
         f"{path.name} cannot be read as an Excel file ({type(error).__name__}: {error}). Open it "
         "in Excel or WPS and save it as .xlsx or CSV.")


def _open_csv(path: Path, targets: dict) -> _Source:
    head = _first_bytes(path, _SNIFF_BYTES)
    if not head.strip():
        fail(f"文件 {path.name} 是空的。", f"The file {path.name} is empty.")
    encoding = _encoding_of(head)
    lines = head.decode(encoding, errors="replace").splitlines()
    if len(head) == _SNIFF_BYTES:
        lines = lines[:-1]  # the last line may be cut in the middle
    sample = "\n".join(lines[:_HEADER_ROWS])
    delimiter = "\t" if path.suffix.lower() == ".tsv" or sample.count("\t") > sample.count(",") else ","
    parsed = list(csv.reader(lines[:_HEADER_ROWS], delimiter=delimiter))
    skip = _pick_header(parsed, targets)
    headers = [h.strip() for h in parsed[skip]] if skip < len(parsed) else []

    def read(positions: list, text: list) -> pd.DataFrame:
        # text columns stay text (ids keep leading zeros); numbers and 是/否 are parsed by the
        # C reader (a column it cannot parse comes back as text and is read cell by cell)
        options = dict(header=None, skiprows=skip + 1, names=range(len(headers)),
                       usecols=positions, dtype={p: str for p in text}, sep=delimiter,
                       skip_blank_lines=False, keep_default_na=False, na_values=[""],
                       true_values=_C_TRUE, false_values=_C_FALSE)
        try:
            try:
                return pd.read_csv(path, encoding=encoding, **options)
            except UnicodeDecodeError:  # plain ASCII at the start, GBK further down
                return pd.read_csv(path, encoding="gb18030", **options)
        except PermissionError:
            _locked(path)
        except (pd.errors.ParserError, ValueError) as error:
            fail(f"{path.name} 无法按 CSV 读取：有的行比表头的 {len(headers)} 列多（{error}）。"
                 "请在 Excel/WPS 里检查多出来的逗号。",
                 f"{path.name} cannot be read as CSV: some rows have more fields than the "
                 f"{len(headers)} headers ({error}). Look for extra commas in Excel/WPS.")

    return _Source(f"'{path.name}'", headers, skip + 2, read)


def _open_excel(path: Path, targets: dict, sheet) -> _Source:
    try:
        book = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object)
    except (ValueError, KeyError, IndexError) as error:
        if sheet is not None and "not found" in str(error):
            names = pd.ExcelFile(path).sheet_names
            fail(f"{path.name} 里没有叫 {sheet!r} 的工作表；有的工作表是：{'、'.join(names)}。",
                 f"{path.name} has no sheet {sheet!r}; its sheets are: {', '.join(names)}.")
        _excel_failed(path, error)
    except OSError as error:
        _excel_failed(path, error)
    if isinstance(book, dict):  # no sheet named: the sheet whose header matches best
        def score(grid):
            rows = grid.head(_HEADER_ROWS).itertuples(index=False)
            return max((_header_score(row, targets) for row in rows), default=0)
        book = book[max(book, key=lambda name: score(book[name]))]
    grid = book.dropna(how="all", axis=1)
    if grid.empty:
        fail(f"{path.name} 的工作表是空的。", f"The sheet of {path.name} is empty.")
    skip = _pick_header([list(r) for r in grid.head(_HEADER_ROWS).itertuples(index=False)],
                        targets)
    headers = [_header_text(h) for h in grid.iloc[skip]]
    cells = grid.iloc[skip + 1:].reset_index(drop=True).set_axis(range(grid.shape[1]), axis=1)
    first = int(grid.index[skip]) + 2  # pandas row 0 is spreadsheet row 1
    return _Source(f"'{path.name}'", headers, first, lambda positions, _: cells[positions])


def _header_text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return id_to_text(value) if not isinstance(value, str) else value.strip()


# ---------------------------------------------------------------------------
# 2. match the headers
# ---------------------------------------------------------------------------

_UNIT = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]\s*$")


def _norm(header) -> str:
    """A header reduced for comparing: half-width, no spaces, no unit in brackets, lower case."""
    if header is None or (not isinstance(header, str) and pd.isna(header)):
        return ""
    text = unicodedata.normalize("NFKC", str(header)).strip().lower()
    text = re.sub(r"[\s*＊:：]+", "", text)
    text = _UNIT.sub("", text) or text
    return text.replace("-", "_")


def _targets(schema: pd.DataFrame) -> dict:
    """Normalised name → [(priority, how, course column)] for one table."""
    found: dict = {}

    def add(name, how, column, rank):
        key = _norm(name)
        if key:
            found.setdefault(key, [])
            if all(c != column for _, _, c in found[key]):
                found[key].append((rank, how, column))

    for row in schema.itertuples():
        add(row.column, "english", row.column, 0)
        add(row.column.replace("_", ""), "english", row.column, 0)
        label = getattr(row, "label", "")
        if isinstance(label, str) and label:
            add(label, "label", row.column, 1)
        zh = row.zh if isinstance(row.zh, str) else ""
        for part in {zh, re.split(r"[（(：:]", zh)[0]}:
            add(part, "zh", row.column, 2)
        for name in SYNONYMS.get(row.column, []):
            add(name, "synonym", row.column, 3)
    for key in found:
        found[key].sort()
    return found


def _header_targets(targets: dict, columns: dict | None) -> dict:
    """What a header row is recognised by: the course's names and the keys of ``columns=``."""
    targets = dict(targets)
    for header in columns or {}:
        targets.setdefault(_norm(header), [])
    return targets


def _match_headers(headers: list, schema: pd.DataFrame, targets: dict, columns: dict | None,
                   kind: str):
    """Pair headers with course columns: (matches {position: (column, how)}, problems).

    ``targets`` is :func:`_targets` of ``schema``.
    """
    course = schema["column"].tolist()
    problems = []
    given = dict(columns or {})
    matches: dict[int, tuple[str, str]] = {}
    for header, column in given.items():
        if column not in course and header in course:
            problems.append(_problem(None, header, column, "",
                                     f"columns= 的写法是 {{文件中的表头: 课程列名}}，这里好像写反了，"
                                     f"应为 {{'{column}': '{header}'}}"))
            continue
        if column not in course:
            close = difflib.get_close_matches(str(column), course, n=1, cutoff=0.5)
            hint = f"，你是不是想写 '{close[0]}'？" if close else f"；{kind} 的列有：{', '.join(course)}"
            problems.append(_problem(None, header, column, "", f"columns= 里的 '{column}' 不是 {kind} 表的列{hint}"))
            continue
        where = [i for i, h in enumerate(headers) if h == header or _norm(h) == _norm(header)]
        if not where:
            reversed_ = column in headers or _norm(column) in map(_norm, headers)
            close = difflib.get_close_matches(str(header), headers, n=1, cutoff=0.4)
            hint = ("；columns= 的写法是 {文件中的表头: 课程列名}" if reversed_ else
                    f"，你是不是想写 '{close[0]}'？" if close else f"；文件的表头有：{', '.join(headers[:15])}")
            problems.append(_problem(None, header, column, "", f"文件里没有表头 '{header}'{hint}"))
            continue
        matches[where[0]] = (column, "columns")
    taken = {column for column, _ in matches.values()}
    candidates: dict[str, list] = {}
    for position, header in enumerate(headers):
        if position in matches:
            continue
        options = [o for o in targets.get(_norm(header), []) if o[2] not in taken]
        if not options:
            continue
        best = [o for o in options if o[0] == options[0][0]]
        if len(best) > 1:
            listed = "、".join(o[2] for o in best)
            problems.append(_problem(None, header, listed, "",
                                     f"表头 '{header}' 可以是 {listed} 中的任何一个，请用 columns= 指定"))
            continue
        candidates.setdefault(best[0][2], []).append((best[0][0], position, best[0][1]))
    for column, options in candidates.items():
        options.sort()
        top = [o for o in options if o[0] == options[0][0]]
        if len(top) > 1 and len({headers[o[1]] for o in top}) == 1:
            continue  # the same header twice: the repeated-header problem below says to rename
        if len(top) > 1:
            listed = "、".join(f"'{headers[o[1]]}'" for o in top)
            problems.append(_problem(None, listed, column, "",
                                     f"{listed} 都像是 {column}，请用 columns= 指定用哪一列"))
            continue
        matches[top[0][1]] = (column, top[0][2])
    repeated = {h for h in headers if h and headers.count(h) > 1}
    for header in sorted(repeated):
        positions = [i for i, h in enumerate(headers) if h == header]
        if any(p in matches for p in positions) or targets.get(_norm(header)):
            problems.append(_problem(None, header, "", "",
                                     f"文件里有 {len(positions)} 列都叫 '{header}'，columns= 分不出是哪一列："
                                     "请在 Excel/WPS 里把其中一列的表头改个名字（例如加上 2），或删掉多余的一列"))
    if not matches and not problems:
        problems.append(_problem(None, "、".join(headers[:10]), "", "",
                                 f"没有一个表头能对上 {kind} 表的列（{', '.join(course[:8])} …），"
                                 "请用 columns= 指定，例如 columns={'客户': 'customer_id'}"
                                 "（表头上面有标题行也没关系：程序会找含有这些表头名的那一行）"))
    return matches, problems


def _overrides(headers: list, matches: dict, targets: dict) -> dict:
    """{position: note} for columns= entries that take a column another header matched by itself.

    Swapping 运费 and 成本 in columns= turns every profit around; saying so
    lets the teacher see it in match_columns (and in ``table.attrs["notes"]``).
    """
    notes = {}
    for position, (column, how) in matches.items():
        if how != "columns":
            continue
        others = [headers[p] for p, h in enumerate(headers) if p != position and h
                  and any(c == column for _, _, c in targets.get(_norm(h), []))]
        if others:
            notes[position] = f"（覆盖了自动对上的 {'、'.join(others)}）"
    return notes


def _problem(row, header, column, value, text) -> dict:
    shown = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    return {"row": row, "header": str(header), "column": str(column), "value": shown[:40],
            "problem": text}


# ---------------------------------------------------------------------------
# 3. convert the columns
# ---------------------------------------------------------------------------
# Text cells are factorised first: a million dates are a few hundred distinct
# texts, so every text operation runs on the distinct values and is spread to
# the rows through the codes. Blank cells get code -1; appending one "missing"
# value to the converted distinct values makes index -1 land on it.

@dataclass
class _Column:
    """One column of cells: the values as read and, for text, codes into distinct values."""

    values: pd.Series
    codes: np.ndarray | None = None     # int32, -1 = blank
    uniques: np.ndarray | None = None   # distinct cells, objects
    stripped: np.ndarray | None = None  # the same, text without surrounding spaces (``uniques``
                                        # itself when no cell had any)
    spaces: bool = False                # some cells held only spaces (now blank)
    all_text: bool = False              # every distinct cell is a str
    identity: bool = False              # codes are 0, 1, 2 … (every cell its own value, none blank)

    @functools.cached_property
    def blob(self) -> str:
        """The distinct stripped cells joined by NUL, for C-speed "is there any ...?" tests.

        Only meaningful when ``all_text``; a million ids join in a few hundredths of a second.
        """
        return "\x00".join(self.stripped) if self.all_text else ""

    @functools.cached_property
    def blank(self) -> np.ndarray:
        if self.codes is None:
            return self.values.isna().to_numpy()
        return self.codes < 0

    def spread(self, converted: np.ndarray, missing) -> np.ndarray:
        """Values per row from values per distinct cell (``missing`` for blanks)."""
        if self.identity:
            return converted
        return np.append(converted, np.array([missing], dtype=converted.dtype))[self.codes]

    def rows(self, keep: np.ndarray) -> "_Column":
        if keep.all():
            return self
        values = self.values[keep].reset_index(drop=True)
        codes = None if self.codes is None else self.codes[keep]
        return _Column(values, codes, self.uniques, self.stripped, self.spaces, self.all_text)


def _column(values: pd.Series, distinct: bool = False) -> _Column:
    """Prepare one column; ``distinct`` skips hashing (ids: nearly every cell differs).

    Text is factorised so that slow work (parsing a date) is done once per
    distinct text; where most cells differ anyway hashing costs more than it
    saves, and each cell is its own "distinct value". A million cells make a
    million-long array of codes and of distinct values, so both are kept small:
    int32 codes, and no second array when stripping changes nothing.
    """
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
        return _Column(values)
    if distinct or len(pd.unique(values.iloc[:5000])) > 2500:
        uniques = np.asarray(values.array, dtype=object)  # no copy for text read from a file
        codes = np.arange(len(uniques), dtype=np.int32)
        try:  # the usual export: every cell is text, none blank (a blank is NaN: no .strip)
            stripped = list(map(str.strip, uniques))
            all_text = True
        except TypeError:
            missing = values.isna().to_numpy()
            uniques = np.where(missing, None, uniques)
            codes[missing] = -1
            all_text = all(map(str.__instancecheck__, uniques))   # C-level: no loop per cell
            stripped = None
    else:
        codes, uniques = pd.factorize(values)   # blanks get code -1, not a distinct value
        codes, uniques = codes.astype(np.int32), np.asarray(uniques, dtype=object)
        all_text = all(map(str.__instancecheck__, uniques))
        stripped = list(map(str.strip, uniques)) if all_text else None
    if stripped is None:
        stripped = np.array([u.strip() if type(u) is str else u for u in uniques], dtype=object)
    elif any(map(operator.is_not, stripped, uniques)):
        stripped = np.array(stripped, dtype=object)
    else:
        stripped = uniques  # nothing to strip: share the array
    spaces = stripped == ""
    if spaces.any():  # a cell of spaces is a blank cell
        codes = np.where(np.append(spaces, False)[codes], -1, codes).astype(np.int32)
    # every cell its own distinct value, none blank: spreading values to rows is a no-op
    identity = len(codes) == len(uniques) and bool((codes >= 0).all())
    return _Column(values, codes, uniques, stripped, bool(spaces.any()), all_text, identity)


def _convert(cells: _Column, spec, words: dict | None = None):
    """(converted Series, mask of bad cells, what is wrong) for one column.

    ``words`` maps a company's own words to the dictionary's values of a
    category column (read_table's ``values=``), e.g. ``{"400热线": "电话"}``.
    """
    dtype = spec.dtype
    if dtype == "string":
        return _as_text(cells, spec.column.endswith("_id")), None, ""
    if dtype in ("float", "int"):
        numbers = _as_numbers(cells)
        # written without np.abs: no float copy of a million cells just to compare them
        bad = (np.isnan(numbers) & ~cells.blank) | (numbers > MAX_MAGNITUDE) | (numbers < -MAX_MAGNITUDE)
        if dtype == "int":
            bad |= ~np.isnan(numbers) & (numbers % 1 != 0)
            return pd.Series(numbers), bad, "不是整数"
        money = str(getattr(spec, "unit", "")) in ("元", "万元")
        return pd.Series(numbers), bad, ("不是数字（可以带千位分隔符、¥ 或 元）" if money else
                                         "不是数字（可以带千位分隔符；单位请写在表头的括号里，例如 重量（吨））")
    if dtype == "bool":
        flags = _as_flags(cells)
        return flags, flags.isna().to_numpy() & ~cells.blank, \
            "不是是/否（可以写 是/否、Y/N、True/False、1/0）"
    if dtype in ("date", "datetime"):
        stamps = _as_dates(cells, day_only=dtype == "date")
        return stamps, stamps.isna().to_numpy() & ~cells.blank, \
            "不是日期（可以写 2025-01-05、2025/1/5、2025年1月5日、20250105）"
    allowed = spec.categories.split("|")
    if cells.codes is None:
        cells = _column(cells.values.astype(object))
    position = {name: i for i, name in enumerate(allowed)}
    words = words or {}
    found = np.array([position.get(words.get(text, text), -1) for text in
                      (_plain_text(u, False) for u in cells.uniques)], dtype=np.int64)
    codes = cells.spread(found, -1)
    bad = (codes < 0) & ~cells.blank
    categorical = pd.Categorical.from_codes(np.where(bad, -1, codes), categories=allowed,
                                            ordered=dtype == "ordered")
    return pd.Series(categorical), bad, (
        f"不在允许的取值里（{'、'.join(allowed)}）；公司自己的叫法可以用 "
        f"values={{'{spec.column}': {{'你们的写法': '{allowed[0]}'}}}} 对应过来")


def _plain_text(value, is_id: bool):
    """A cell as text: stripped; numbers as whole-number text (1001.0 → '1001')."""
    if not isinstance(value, str):
        return id_to_text(value)
    text = value.strip()
    if is_id and _DOT_ZERO.match(text):  # '1001.0' written by another tool: the id 1001
        return text.split(".")[0]
    return half_width(text) if is_id and not text.isascii() else text


_DOT_ZERO = re.compile(r"^\d+\.0+$")


def _any_dot_zero(texts) -> bool:
    """Is any id written like 1001.0? The regex runs only on the few texts holding a dot."""
    dotted = itertools.compress(texts, map(operator.contains, texts, itertools.repeat(".")))
    return any(map(_DOT_ZERO.match, dotted))


def _as_text(cells: _Column, is_id: bool) -> pd.Series:
    """Text cells stripped; ids also lose full-width letters and digits (Ｋ-１００３ → K-1003).

    Other text keeps them, so a name such as 莫宇宇（个人） stays as written.
    """
    if cells.codes is None:  # numbers read as a number column: ids typed as numbers
        cells = _column(cells.values.astype(object))
    # C-level map() passes: a million ids are checked without a Python loop per cell
    clean = cells.all_text and cells.stripped is cells.uniques  # _column shares it when nothing was stripped
    if clean and is_id:
        blob = cells.blob
        clean = blob.isascii() and not ("." in blob and _any_dot_zero(cells.stripped))
    if clean and cells.values.dtype == "str" and not cells.spaces:
        return cells.values  # nothing to clean: no copy of a million strings
    cleaned = np.array([_plain_text(u, is_id) for u in cells.uniques], dtype=object)
    return pd.Series(cells.spread(cleaned, None), dtype="str")


def _as_numbers(cells: _Column) -> np.ndarray:
    if cells.codes is None:
        if pd.api.types.is_bool_dtype(cells.values):
            return np.full(len(cells.values), np.nan)
        return cells.values.to_numpy(dtype=np.float64, na_value=np.nan)
    return cells.spread(parse_amount_text(pd.Series(cells.uniques, dtype=object)).to_numpy(), np.nan)


def _one_flag(value) -> float:
    if isinstance(value, (bool, np.bool_)):
        return float(value)
    key = _plain_text(value, True)
    key = key.lower() if isinstance(key, str) else key
    return 1.0 if key in _TRUE else 0.0 if key in _FALSE else np.nan


def _as_flags(cells: _Column) -> pd.Series:
    """1.0 / 0.0 per row, NaN for blanks and for cells that are no yes/no."""
    if cells.values.dtype == bool:
        return cells.values.astype(float)
    if cells.codes is None:
        cells = _column(cells.values.astype(object))
    flags = np.array([_one_flag(u) for u in cells.uniques], dtype=np.float64)
    return pd.Series(cells.spread(flags, np.nan))


def _as_dates(cells: _Column, day_only: bool) -> pd.Series:
    """Dates from Excel date cells, text in the common Chinese forms, 20250105 and Excel serials.

    ``day_only`` keeps the day and drops the time (a ``date`` column). The
    result has the resolution load_dataset gives (microseconds).
    """
    values = cells.values
    if pd.api.types.is_datetime64_any_dtype(values):
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            values = values.dt.tz_convert(LOCAL_TIMEZONE).dt.tz_localize(None)
        stamps = values.reset_index(drop=True)
    elif cells.codes is None:  # a number column: 20250105 or Excel serials
        stamps = parse_date_numbers(values.where(~pd.Series(cells.blank, index=values.index)))
    else:  # text: parse each distinct cell once, then spread to the rows
        distinct = _dates_of_cells(pd.Series(cells.uniques, dtype=object))
        if day_only:
            distinct = distinct.dt.normalize()
        distinct = distinct.to_numpy(dtype="datetime64[us]")
        return pd.Series(cells.spread(distinct, np.datetime64("NaT", "us")))
    if day_only:
        stamps = stamps.dt.normalize()
    return stamps.astype("datetime64[us]")


def _dates_of_cells(cells: pd.Series) -> pd.Series:
    """Dates of distinct cells that may be date objects, numbers or text."""
    out = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[ns]")
    kinds = cells.map(type)
    objects = kinds.isin([pd.Timestamp, dt.datetime, dt.date]).to_numpy()
    if objects.any():
        stamps = [pd.Timestamp(v) for v in cells[objects]]
        out[objects] = [(s.tz_convert(LOCAL_TIMEZONE).tz_localize(None) if s.tz else s)
                        .to_datetime64() for s in stamps]
    numbers = kinds.isin([int, float, np.int64, np.float64]).to_numpy()
    if numbers.any():
        out[numbers] = parse_date_numbers(cells[numbers].astype(float)).to_numpy()
    text = ~objects & ~numbers
    if text.any():
        written = cells[text].astype(str)
        parsed, zoned = parse_date_text(written)
        if zoned.any():
            parsed[zoned] = parse_zoned_text(written[zoned]).to_numpy()
        left = parsed.isna().to_numpy() & ~zoned
        digits = written[left].str.strip()
        numeric = digits.str.fullmatch(r"\d+(\.\d+)?").fillna(False).astype(bool)
        if numeric.any():  # '45662' or '20250105' written as text
            parsed[digits.index[numeric]] = parse_date_numbers(digits[numeric]).to_numpy()
        out[text] = parsed.to_numpy()
    return out


# ---------------------------------------------------------------------------
# 4. read_table
# ---------------------------------------------------------------------------

def _schema_of(kind):
    if kind is None:  # a default, so that forgetting it gets this message, not Python's English one
        fail("请写出这是哪一种表，例如 ck.read_table(path, \"shipments\")（运单）或 \"complaints\"（投诉）。",
             "Say which course table the file is, e.g. ck.read_table(path, \"shipments\") or "
             "\"complaints\".", TypeError)
    entry = _entry(kind)
    schema = entry.schema
    if "label" not in schema.columns:
        schema = schema.assign(label="")
    return schema


def _check_columns_argument(columns):
    if columns is None:
        return None
    if isinstance(columns, pd.Series):
        columns = columns.to_dict()
    if not isinstance(columns, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in columns.items()):
        fail("参数 columns 应该是 {文件中的表头: 课程列名} 的字典，例如 {'结算金额': 'revenue'}。",
             "Argument columns must be a dict {header in the file: course column}, e.g. "
             "{'结算金额': 'revenue'}.", TypeError)
    return columns


def _cell_text(cells: "_Column", row: int):
    if cells.codes is None or cells.codes[row] < 0:
        return None
    text = cells.stripped[cells.codes[row]]
    return text if isinstance(text, str) else None


def _is_total(text) -> bool:
    """合计, 合　计, 合 计, 本页合计, 总计：… (spaces of any width are dropped first)."""
    return isinstance(text, str) and bool(_TOTAL.match(re.sub(r"\s+", "", text)))


def _rows_to_skip(columns: list, labels: list, required: list):
    """(rows to leave out, {row: why}) for empty rows, total lines and footer lines.

    A total line (合计, 总计, 本页合计 …) leaves cells empty (no waybill number,
    no date), so only rows with an empty cell are searched for the words, which
    keeps a million full rows fast. The words are looked for in the read
    columns and in ``labels``, the file's first columns, where exports put
    them even when those columns are not read (序号). A footer is a row at the
    very end, after the data, that leaves a required column empty and either
    holds a signature word (制表人, 审核 …) or fills at most two cells and at most a third
    of the columns read (a short real row with a blank stays a problem).
    """
    empty = np.ones(len(columns[0].values), dtype=bool)
    gaps = np.zeros(len(empty), dtype=bool)
    for cells in columns:
        empty &= cells.blank
    for cells in required:
        gaps |= cells.blank
    why = {}
    for row in np.flatnonzero(gaps & ~empty):
        texts = [_cell_text(cells, row) for cells in columns + labels]
        if any(_is_total(t) for t in texts):
            why[int(row)] = "合计行"
    for row in range(len(empty) - 1, -1, -1):  # footer lines: from the end up to the data
        if empty[row] or row in why:
            continue
        if not gaps[row]:
            break
        texts = [t for t in (_cell_text(cells, row) for cells in columns + labels) if t]
        filled = sum(1 for cells in columns if not cells.blank[row])
        if not (any(_FOOTER.search(t) for t in texts) or filled <= min(2, len(columns) // 3)):
            break
        why[int(row)] = "表尾的签名或说明"
    skip = empty.copy()
    skip[list(why)] = True
    return skip, why


def _looks_merged(cells: "_Column") -> bool:
    """Blanks under a filled first cell, many of them: a report exported with merged cells."""
    blank = cells.blank
    return len(blank) > 2 and not blank[0] and blank.sum() >= max(2, 0.1 * len(blank))


def _filled_down(cells: "_Column") -> "_Column":
    """Each blank cell takes the value above it (what 取消合并 → 向下填充 does in Excel)."""
    if cells.codes is None:
        return _Column(cells.values.ffill())
    index = np.where(cells.codes >= 0, np.arange(len(cells.codes)), 0)
    codes = cells.codes[np.maximum.accumulate(index)]
    return _Column(cells.values, codes, cells.uniques, cells.stripped, cells.spaces, cells.all_text)


def _check_fill_down(fill_down, headers: list, matches: dict) -> set:
    """Positions of the columns named in ``fill_down`` (file headers or course column names)."""
    if fill_down is None:
        return set()
    if isinstance(fill_down, str):
        fill_down = [fill_down]
    if not isinstance(fill_down, (list, tuple, set)) or not all(isinstance(n, str) for n in fill_down):
        fail("参数 fill_down 应该是要向下填充的表头列表，例如 fill_down=['客户编码']。",
             "Argument fill_down must be a list of headers to fill down, e.g. fill_down=['客户编码'].",
             TypeError)
    positions = set()
    for name in fill_down:
        found = [p for p, (column, _) in matches.items()
                 if name in (column, headers[p]) or _norm(name) == _norm(headers[p])]
        if not found:
            fail(f"fill_down 里的 '{name}' 不是读入的列；读入的表头有：{'、'.join(headers[p] for p in matches)}。",
                 f"'{name}' in fill_down is not a column that is read; the headers read are: "
                 f"{', '.join(headers[p] for p in matches)}.")
        positions.update(found)
    return positions


def _check_values(values, headers: list, matches: dict, specs: dict) -> dict:
    """{position: {word: dictionary value}} from read_table's ``values=``, every entry checked."""
    if values is None:
        return {}
    example = "values={'intake_channel': {'400热线': '电话'}}"
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        fail(f"参数 values 应该是“列 → {{文件里的写法: 课程的取值}}”的字典，例如 {example}。",
             f"Argument values must map a column to {{word in the file: course value}}, e.g. {example}.",
             TypeError)
    words = {}
    for name, mapping in values.items():
        found = [p for p, (column, _) in matches.items() if name in (column, headers[p])]
        if not found:
            fail(f"values 里的 '{name}' 不是读入的列；读入的列有：{'、'.join(c for c, _ in matches.values())}。",
                 f"'{name}' in values is not a column that is read; the columns read are: "
                 f"{', '.join(c for c, _ in matches.values())}.")
        spec = specs[matches[found[0]][0]]
        allowed = str(spec.categories).split("|") if isinstance(spec.categories, str) else []
        if spec.dtype not in ("category", "ordered") or not allowed:
            fail(f"values 只用于有固定取值的列，'{name}'（{spec.column}）不是。",
                 f"values is only for columns with fixed values; '{name}' ({spec.column}) is not one.")
        wrong = [v for v in mapping.values() if v not in allowed]
        if wrong:
            fail(f"values 里 '{name}' 要对应到的 {wrong} 不是 {spec.column} 的取值（{'、'.join(allowed)}）。",
                 f"In values, {wrong} for '{name}' are not values of {spec.column} "
                 f"({', '.join(allowed)}).")
        words[found[0]] = {str(k).strip(): v for k, v in mapping.items()}
    return words


def _opening(source, kind, columns, sheet):
    """What both readers do first: the dictionary's columns, the file opened, headers paired.

    Also the notes on columns= entries that override a header matched by itself
    (:func:`_overrides`), so the course's names are gathered only once.
    """
    schema = _schema_of(kind)
    columns = _check_columns_argument(columns)
    targets = _targets(schema)
    opened = _open_source(source, _header_targets(targets, columns), sheet)
    matches, problems = _match_headers(opened.headers, schema, targets, columns, kind)
    specs = {row.column: row for row in schema.itertuples()}
    scales = _unit_scales(opened.headers, matches, specs, problems)
    overrides = _overrides(opened.headers, matches, targets)
    return schema, columns, opened, matches, problems, specs, scales, overrides


def match_columns(source, kind=None, columns=None, *, sheet=None) -> pd.DataFrame:
    """Show how the headers of a file pair with the course columns, before reading it.

    Parameters
    ----------
    source, kind, columns, sheet
        As for :func:`read_table`.

    Returns
    -------
    DataFrame
        One row per header in the file: ``header`` (as written), ``column``
        (the course column, empty when none), ``column_label`` (its Chinese header)
        and ``how`` (英文列名 / 中文表头 / 字典说明 / 常用叫法 / columns= 指定 /
        没有对上（不读）).

    Raises
    ------
    ReadTableError
        Header problems that :func:`read_table` would report too: two headers
        for one column, a repeated header, a ``columns`` entry that does not fit.

    Examples
    --------
    >>> export = pd.DataFrame({"客户代码": ["K1"], "日期": ["2025/1/5"], "备注": ["-"]})
    >>> match_columns(export, "shipments")[["header", "column", "how"]].values.tolist()
    [['客户代码', 'customer_id', '常用叫法'], ['日期', 'order_date', '常用叫法'], ['备注', '', '没有对上（不读）']]
    """
    schema, columns, opened, matches, problems, specs, scales, overrides = _opening(
        source, kind, columns, sheet)
    if problems:
        _raise(opened.name, problems, len(problems))
    labels = dict(zip(schema["column"], schema["label"]))
    rows = []
    for position, header in enumerate(opened.headers):
        column, how = matches.get(position, ("", None))
        factor, unit = scales.get(position, (1.0, ""))
        converted = f"（{unit}→{specs[column].unit}，×{factor:g}）" if unit else ""
        rows.append({"header": header, "column": column, "column_label": labels.get(column, ""),
                     "how": _HOW[how] + converted + overrides.get(position, "")})
    return pd.DataFrame(rows, columns=["header", "column", "column_label", "how"])


def read_table(source, kind=None, columns=None, *, sheet=None, fill_down=None,
               values=None) -> pd.DataFrame:
    """Read a company's own export (CSV or Excel) as a course table with the course's types.

    What it does, in order:

    * **Encoding**: UTF-8, UTF-8 with BOM (what the course files use) and GBK /
      GB18030 (what Excel on a Chinese Windows machine writes) are told apart
      from the bytes.
    * **Header row**: the row among the first 20 whose cells match the most
      course columns or keys of ``columns`` (an export often starts with a
      title line; headers the course does not know are found through
      ``columns=``, so no row number has to be given).
    * **Headers**: matched to the columns of ``kind`` in the data dictionary by
      English name (``customer_id``), Chinese header (客户编号), description and
      common names (客户ID, 客户代码, 下单日期, 日期, 金额, 运费 …, see
      ``SYNONYMS``). A unit in brackets is read: the dictionary's unit
      (金额（元）, 重量（公斤）) changes nothing, 万元/千元 are multiplied into 元
      and 吨/克 into 千克 (with a ``UserWarning`` and a line in
      ``table.attrs["notes"]``), a foreign currency (美元, 港币 …) is a problem,
      because no exchange rate is known. ``columns`` says
      it directly, ``{header in the file: course column}``, and wins. Headers
      that match nothing are not read; :func:`match_columns` shows the pairing.
    * **Rows**: empty rows, total lines (a cell starting with 合计, 合　计,
      本页合计, 总计, 小计, 总额, 汇总 in a row with an empty required cell) and
      footer lines after the data (制表人、审核 …) are left out; each one left
      out (not the empty rows) is listed in ``table.attrs["notes"]`` and, when
      the file has problems, in the problem table as 已忽略.
    * **Merged cells**: a column left blank under a filled cell (a report
      exported "grouped by customer") is one problem that names the fix;
      ``fill_down=['客户编码']`` fills each blank with the value above it.
    * **Keys**: a repeated ``waybill_id`` (shipments) or ``complaint_id``
      (complaints) is a problem, and so is an id in Excel's scientific
      notation (1.23457E+15: the digits are lost).
    * **Values** become the dictionary's types:

      - ids and text: stripped, full-width letters and digits made half-width,
        numbers as whole-number text (ids typed partly as numbers in Excel, 1001
        and 'K-1002', all become text: '1001', 'K-1002'; the text '1001.0'
        becomes '1001' too);
      - amounts: '1,234.50', '¥1,234.50', '29.33元', '1.2万' (12,000),
        '(5.00)' (−5, accounting style), full-width digits;
      - dates: Excel date cells, '2025-01-05', '2025/1/5', '2025.1.5',
        '2025年1月5日', 20250105 and Excel serial numbers (45662 =
        2025-01-05), each with or without a time; a date column keeps the
        day only. Time zones: times written with an offset ('+08:00', 'Z')
        are converted to Beijing time (UTC+8) and the offset dropped, because
        the course counts in local Beijing time without zones;
      - yes/no: 是/否, Y/N, True/False, 1/0, √/×, 有/无;
      - categories: must be one of the dictionary's values; a company's own
        words are mapped with ``values=`` (``{"intake_channel": {"400热线": "电话"}}``).

    Every cell that does not fit, every blank in a column that must be filled
    and every header problem is collected; if there is any, a
    :class:`ReadTableError` lists them all (row, header, column, value,
    problem) and nothing is returned.

    Parameters
    ----------
    source : str, path or DataFrame
        A .csv (also .txt/.tsv) or .xlsx file, or a table already read with
        pandas (e.g. ``pd.read_excel(path, dtype=object)``). The bytes decide
        the format, not the name: an .xls that is really an xlsx or
        tab-separated text is read; a real old .xls, an HTML page, Excel's lock
        file (~$name.xlsx), a folder or a file held open by Excel on Windows
        get a message that says what to do. On Windows write paths as
        ``r"C:\\数据\\运单.csv"`` or with forward slashes.
    kind : str
        The course table it corresponds to: ``"shipments"``, ``"customers"``,
        ``"complaints"``, ``"leads"`` … (see ``ck.list_datasets()``).
    columns : dict, optional
        ``{header in the file: course column}`` for headers that are not
        recognised, e.g. ``{"结算金额": "revenue"}``.
    sheet : str or int, optional
        The Excel sheet; by default the sheet whose headers match best.
    fill_down : str or list of str, optional
        Headers (or course column names) whose blank cells take the value of
        the cell above, for files exported with merged cells.
    values : dict, optional
        ``{course column or header: {word in the file: dictionary value}}`` for
        category columns whose file uses other words, e.g.
        ``values={"intake_channel": {"400热线": "电话", "微信公众号": "微信"}}``.

    Returns
    -------
    DataFrame
        The course columns found in the file, in the dictionary's order, with
        the dictionary's types (as :func:`coursekit.load_dataset`); int and
        bool columns with blanks become nullable ``Int64`` / ``boolean``.

    Raises
    ------
    ReadTableError
        Any cell, header or row that does not fit (a ``ValueError``).

    Examples
    --------
    >>> export = pd.DataFrame({"客户代码": [1001, "K-1002"], "日期": ["2025/1/5", "2025年1月6日"],
    ...                        "运费（元）": ["¥1,234.50", "29.33元"]})
    >>> table = read_table(export, "shipments")
    >>> table.values.tolist()
    [['1001', Timestamp('2025-01-05 00:00:00'), 1234.5], ['K-1002', Timestamp('2025-01-06 00:00:00'), 29.33]]
    >>> read_table(export.assign(日期=["2025/1/5", "下周"]), "shipments")
    Traceback (most recent call last):
    ...
    coursekit.ReadTableError: 读取 传入的表（DataFrame） 时发现 1 个问题，没有返回任何数据。...
    """
    schema, columns, opened, matches, problems, specs, scales, overrides = _opening(
        source, kind, columns, sheet)
    fill = _check_fill_down(fill_down, opened.headers, matches)
    words = _check_values(values, opened.headers, matches, specs)
    order = schema["column"].tolist()
    positions = sorted(matches, key=lambda p: order.index(matches[p][0]))
    text = [p for p in positions if specs[matches[p][0]].dtype not in ("float", "int", "bool")]
    first = [p for p in range(4) if p < len(opened.headers) and p not in positions]
    out, total, notes = {}, len(problems), []
    if positions:
        raw = opened.read(sorted(positions + first), text + first)
        cells = {p: _column(raw[p], distinct=specs[matches[p][0]].dtype == "string")
                 for p in positions}
        labels = {p: _column(raw[p].astype(object)) for p in first}
        del raw  # from here on each column is freed once converted
        required = [cells[p] for p in positions if specs[matches[p][0]].nullable is False]
        skip, ignored = _rows_to_skip(list(cells.values()), list(labels.values()), required)
        del required  # it held every required column's cells: each must go once converted
        keep = ~skip
        rows = opened.first_row + np.flatnonzero(keep)
        notes += [_problem(opened.first_row + r, "", "", _row_text(cells, labels, r),
                           f"已忽略：{why}，不是数据") for r, why in sorted(ignored.items())]
        del labels
        if not keep.any():
            problems.append(_problem(None, "", "", "", "文件里只有表头，没有数据行"))
            total += 1
        listed = {}
        # numbers written as text first: their million strings go before other columns grow
        for position in sorted(positions, key=lambda p: not _numbers_as_text(cells[p], specs[matches[p][0]])):
            column, header = matches[position][0], opened.headers[position]
            kept = cells.pop(position).rows(keep)
            if position in fill:
                kept = _filled_down(kept)
            merged = column != _KEYS.get(kind) and specs[column].dtype not in ("float", "int", "bool")
            converted, found = _checked_column(kept, specs[column], header, merged, words.get(position))
            if found:
                total += len(found)
                listed[position] = [_problem(int(rows[i]) if i is not None else None, header, column,
                                             kept.values.iloc[i] if i is not None else "", why)
                                    for i, why in found[:_MAX_LISTED]]
            elif not problems and not listed:  # once anything is wrong nothing is returned
                factor, unit = scales.get(position, (1.0, ""))
                out[column] = _final_dtype(converted * factor if factor != 1 else converted,
                                           specs[column], kept.blank.any())
            del kept, converted  # the cells as read go now, not one column later
        problems += [problem for position in positions for problem in listed.get(position, [])]
        out = {matches[p][0]: out[matches[p][0]] for p in positions if matches[p][0] in out}
    key = _KEYS.get(kind)
    if not problems and key in out:
        found = _duplicates(out[key], rows)
        problems += [_problem(r, _header_of(opened.headers, matches, key), key, v, why)
                     for r, v, why in found[:_MAX_LISTED]]
        total += len(found)
    _warn_few_matched(opened.name, opened.headers, matches, kind, columns)
    if problems:
        _raise(opened.name, problems + notes, total)
    table = pd.DataFrame(out, copy=False)  # no copy of a million rows into one 2-D block
    units = [f"{opened.headers[p]}：单位 {u} 已换算成 {specs[matches[p][0]].unit}（× {f:g}）"
             for p, (f, u) in scales.items()]
    table.attrs["notes"] = [f"第 {n['row']} 行{n['problem']}（{n['value']}）" for n in notes] + units + \
        [f"{opened.headers[p]} → {matches[p][0]}：columns= 指定{note}"
         for p, note in overrides.items()]
    _warn_units(opened.name, units)
    return table


def _warn_few_matched(name: str, headers: list, matches: dict, kind: str, columns):
    """A file of another kind (complaints read as shipments) matches only a couple of ids."""
    filled = [h for h in headers if h]
    if columns or not matches or len(filled) < 6 or len(matches) * 4 > len(filled):
        return
    found = "、".join(column for column, _ in matches.values())
    warnings.warn(f"读取 {name} 时只对上了 {len(matches)}/{len(filled)} 列（{found}）。这个文件真的是 "
                  f"{kind} 表吗？可以用 ck.match_columns 看看每个表头对上了什么。\nOnly "
                  f"{len(matches)} of {len(filled)} headers of {name} matched a {kind} column; is "
                  "kind right? ck.match_columns shows the pairing.", UserWarning, stacklevel=3)


def _row_text(cells: dict, labels: dict, row: int) -> str:
    """The filled cells of one row, left to right."""
    every = {**cells, **labels}
    texts = [_cell_text(every[p], row) for p in sorted(every)]
    return " ".join(t for t in texts if t)


def _header_of(headers: list, matches: dict, column: str) -> str:
    return next(headers[p] for p, (c, _) in matches.items() if c == column)


_KEYS = {"shipments": "waybill_id", "complaints": "complaint_id"}  # 主键 in the dictionary


def _numbers_as_text(cells: "_Column", spec) -> bool:
    """A number column whose cells came as text (￥1,234.50): the costliest column to hold."""
    return spec.dtype in ("float", "int") and cells.codes is not None


def _checked_column(kept: "_Column", spec, header: str, may_be_merged: bool, words=None):
    """(converted values, [(row index or None, problem)]) for one column.

    Blanks in a column that may come from merged cells (text or dates, not the
    table's key: every waybill has its own number) are summed up in one problem that says
    how to fill them down, instead of one "不能为空" per row.
    """
    converted, bad, what = _convert(kept, spec, words)
    found = [] if bad is None else [(i, what) for i in np.flatnonzero(bad)]
    if spec.dtype == "string" and spec.column.endswith("_id"):
        found += [(i, _SCIENTIFIC_PROBLEM) for i in np.flatnonzero(_scientific(kept))]
    if spec.nullable is False and kept.blank.any():
        if may_be_merged and _looks_merged(kept):
            found.append((None, f"有 {int(kept.blank.sum())} 个空格，都在有值的格子下面，像是按合并单元格导出的：请加上 "
                                f"fill_down=['{header}'] 向下填充，或在 Excel 里取消合并后用“定位条件→空值”填上"))
        else:
            hint = f"（如果是合并单元格，可加上 fill_down=['{header}'] 向下填充）" if may_be_merged else ""
            found += [(i, "不能为空" + (hint if i > 0 and not kept.blank[i - 1] else ""))
                      for i in np.flatnonzero(kept.blank)]
    found.sort(key=lambda item: -1 if item[0] is None else item[0])
    return converted, found


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
_SCIENTIFIC_PROBLEM = ("Excel 已把长编号显示成科学计数法，后面的位数已经丢了：请在 Excel 里把这一列设成“文本”，"
                       "从业务系统重新导出")


def _scientific(cells: "_Column") -> np.ndarray:
    """Ids such as 1.23457E+15: Excel's display of a long number, digits lost."""
    if cells.codes is None:
        return np.zeros(len(cells.values), dtype=bool)
    if cells.all_text and "+" not in cells.blob:   # a million ids without '+': one C-level search
        return np.zeros(len(cells.codes), dtype=bool)
    flags = np.array([isinstance(u, str) and bool(_SCIENTIFIC.match(u)) for u in cells.stripped] + [False])
    return flags[cells.codes]


def _duplicates(ids: pd.Series, rows: np.ndarray) -> list:
    """(row, id, problem) for each repeat of a key that must be unique."""
    repeated = ids.duplicated(keep="first").to_numpy()
    if not repeated.any():
        return []
    first_row = dict(zip(ids[~repeated].tolist(), rows[~repeated].tolist()))
    return [(int(rows[i]), ids.iloc[i], f"编号重复（和第 {first_row[ids.iloc[i]]} 行相同），每一行应该是不同的编号")
            for i in np.flatnonzero(repeated)]


def _unit_scales(headers: list, matches: dict, specs: dict, problems: list) -> dict:
    """{position: (factor, unit)} for headers whose unit differs from the dictionary's."""
    scales = {}
    for position, (column, _) in matches.items():
        if specs[column].dtype not in ("float", "int"):
            continue
        scale = scale_for(headers[position], specs[column].unit)
        if isinstance(scale, str):
            problems.append(_problem(None, headers[position], column, "", scale))
        elif scale[0] != 1:
            scales[position] = scale
    return scales


def _warn_units(name: str, notes: list):
    """Say it out loud when numbers were scaled: 万元 read as 元 would be 10,000 times wrong."""
    if notes:
        listed = "\n".join(f"  {n}" for n in notes)
        warnings.warn(f"读取 {name} 时按表头里的单位换算了：\n{listed}\nWhile reading {name}, columns "
                      "were converted by the unit in their header as listed above (also in "
                      "table.attrs['notes']).", UserWarning, stacklevel=3)


def _raise(name: str, problems: list, total: int):
    table = pd.DataFrame(problems, columns=["row", "header", "column", "value", "problem"])
    table["row"] = table["row"].astype("Int64")
    table = table.sort_values("row", na_position="first", kind="stable").reset_index(drop=True)
    raise ReadTableError(name, table, total)


def _final_dtype(values: pd.Series, spec, has_blanks: bool) -> pd.Series:
    """The dtype load_dataset gives: int64/bool unless blanks force Int64/boolean."""
    if spec.dtype == "int":
        return values.astype("Int64") if has_blanks else values.astype("int64")
    if spec.dtype == "bool":
        return pd.Series(pd.array(values, dtype="boolean")) if has_blanks else values.astype(bool)
    if spec.dtype == "float":
        return values.astype("float64")
    return values
