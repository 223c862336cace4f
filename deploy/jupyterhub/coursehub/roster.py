"""The class list a teacher already has: a 学号/姓名 spreadsheet, as .xlsx or .csv.

A CSV saved by Excel or WPS on a Chinese Windows is GBK; one saved elsewhere is
UTF-8, with or without BOM. Both are read. Each student becomes a Linux account
named ``s`` + 学号 (lower case), because a Linux user name must start with a
letter and may hold only ``a-z 0-9 _ -``.

>>> student = Student("2024001", "张三")
>>> student.username
's2024001'
>>> student.file_prefix
'2024001_张三'
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import HubError

ID_COLUMNS = ("学号", "student_id", "id")
NAME_COLUMNS = ("姓名", "name")
ID_PATTERN = re.compile(r"^[A-Za-z0-9-]{1,30}$")


@dataclass(frozen=True)
class Student:
    """One row of the class list."""

    student_id: str
    name: str

    @property
    def username(self) -> str:
        return "s" + self.student_id.lower()

    @property
    def file_prefix(self) -> str:
        """``学号_姓名``: how ``python -m coursekit grade`` reads a submission's name."""
        return f"{self.student_id}_{self.name}"


def read_class_list(path) -> list[Student]:
    """Read a 学号/姓名 class list (.xlsx, .csv in UTF-8 or GBK) and check every row.

    Other columns (班级, 性别, ...) are ignored. Blank rows are skipped.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "名单.csv")
    >>> _ = open(path, "w", encoding="gbk").write("学号,姓名,班级\\n2024001,张三,物流1班\\n")
    >>> read_class_list(path)
    [Student(student_id='2024001', name='张三')]
    """
    path = Path(path)
    if not path.is_file():
        raise HubError(f"找不到名单文件 {path}。", f"Class list {path} not found.")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix == ".csv":
        rows = _csv_rows(path)
    else:
        raise HubError(f"名单 {path.name} 应该是 .xlsx 或 .csv 文件（Excel/WPS 另存为 CSV 即可）。",
                       f"The class list {path.name} must be .xlsx or .csv.")
    return _students(rows, path.name)


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise HubError(f"打不开 Excel 名单 {path.name}：{error}",
                       f"Cannot open the Excel class list {path.name}: {error}") from error
    return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps 2024001 as 2024001.0
    return str(value).strip()


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise HubError(f"名单 {path.name} 的编码既不是 UTF-8 也不是 GBK。",
                       f"The class list {path.name} is neither UTF-8 nor GBK.")
    return [[cell.strip() for cell in row] for row in csv.reader(text.splitlines())]


def _column(header: list[str], names: tuple[str, ...], label: str, file_name: str) -> int:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name.lower() in lowered:
            return lowered.index(name.lower())
    raise HubError(f"名单 {file_name} 的第一行没有“{label}”列（现有：{'、'.join(header)}）。",
                   f"The first row of {file_name} has no '{label}' column (found: {', '.join(header)}).")


def _students(rows: list[list[str]], file_name: str) -> list[Student]:
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise HubError(f"名单 {file_name} 是空的。", f"The class list {file_name} is empty.")
    header, body = rows[0], rows[1:]
    id_at = _column(header, ID_COLUMNS, "学号", file_name)
    name_at = _column(header, NAME_COLUMNS, "姓名", file_name)
    students, seen = [], set()
    for line, row in enumerate(body, start=2):
        cells = row + [""] * (max(id_at, name_at) + 1 - len(row))
        student = Student(cells[id_at].strip(), cells[name_at].strip())
        _check_row(student, line, file_name)
        if student.username in seen:
            raise HubError(f"名单 {file_name} 第 {line} 行：学号 {student.student_id} 重复了。",
                           f"{file_name} line {line}: student id {student.student_id} appears twice.")
        seen.add(student.username)
        students.append(student)
    if not students:
        raise HubError(f"名单 {file_name} 只有表头，没有学生。",
                       f"The class list {file_name} has a header but no students.")
    return students


def _check_row(student: Student, line: int, file_name: str) -> None:
    if not ID_PATTERN.match(student.student_id):
        raise HubError(
            f"名单 {file_name} 第 {line} 行：学号“{student.student_id}”只能由字母、数字和 - 组成"
            "（不超过 30 个字符）。",
            f"{file_name} line {line}: student id '{student.student_id}' may hold only letters, "
            "digits and '-' (30 at most).")
    if not student.name or any(ch in student.name for ch in "_/\\:*?\"<>|"):
        raise HubError(
            f"名单 {file_name} 第 {line} 行：姓名“{student.name}”为空或含有 _ / \\ 等不能放进文件名的符号。",
            f"{file_name} line {line}: the name '{student.name}' is empty or holds a character "
            "that cannot go into a file name.")


def write_roster(students: list[Student], path: Path) -> None:
    """Store the class list as UTF-8 CSV (with BOM, so Excel/WPS open it)."""
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["学号", "姓名", "用户名"])
        for s in students:
            writer.writerow([s.student_id, s.name, s.username])
    tmp.replace(path)


def read_roster(path: Path) -> list[Student]:
    """The class list stored by :func:`write_roster` (empty when none yet)."""
    if not path.exists():
        return []
    return _students(_csv_rows(path), path.name)
