"""The course's reading order: which part each notebook belongs to, and in what order.

The order comes from the file names, by one rule, so a new notebook lands in its
place without anyone editing a list:

* ``00_*`` → 开始 (start);
* ``uNN*`` → 开发篇 for units 1–6, 服务篇 for units 7 and later, ordered by unit number,
  then by the rest of the name (``u08_crm`` before ``u08b_service_plan``);
* ``case_*`` → 案例, in the order the textbook uses the cases (Walmart, DHL,
  China Railway Express), any other case after them by name;
* ``own_data`` → 用自己的数据;
* anything else → 其他, by name.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..._validate import fail

START, DEVELOP, SERVICE, CASES, OWN_DATA, OTHER = "开始", "开发篇", "服务篇", "案例", "用自己的数据", "其他"
PARTS = (START, DEVELOP, SERVICE, CASES, OWN_DATA, OTHER)
# The textbook's order of its three cases; a case not listed here follows them by name.
CASE_ORDER = ("case_walmart", "case_dhl", "case_cre")
_UNIT = re.compile(r"^u(\d+)([a-z]?)(?:_|$)")


def part_of(path) -> str:
    """The part of the course a notebook belongs to.

    Examples
    --------
    >>> part_of("u03_identification.ipynb"), part_of("u08b_service_plan.ipynb")
    ('开发篇', '服务篇')
    >>> part_of("case_dhl.ipynb"), part_of("00_start.ipynb"), part_of("own_data.ipynb")
    ('案例', '开始', '用自己的数据')
    """
    stem = Path(path).stem
    if stem.startswith("00_"):
        return START
    if (unit := _UNIT.match(stem)) is not None:
        return DEVELOP if int(unit.group(1)) <= 6 else SERVICE
    if stem.startswith("case_"):
        return CASES
    if stem == "own_data":
        return OWN_DATA
    return OTHER


def sort_key(path) -> tuple:
    """Sort key putting notebooks in course order (see the module docstring).

    Examples
    --------
    >>> names = ["case_cre", "u08b_service_plan", "own_data", "u10_extra", "u08_crm",
    ...          "00_start", "case_walmart", "u01_customer_basics", "case_dhl"]
    >>> sorted(names, key=sort_key)  # doctest: +NORMALIZE_WHITESPACE
    ['00_start', 'u01_customer_basics', 'u08_crm', 'u08b_service_plan', 'u10_extra',
     'case_walmart', 'case_dhl', 'case_cre', 'own_data']
    """
    stem = Path(path).stem
    part = PARTS.index(part_of(path))
    if (unit := _UNIT.match(stem)) is not None:
        return (part, int(unit.group(1)), unit.group(2), stem)
    if stem in CASE_ORDER:
        return (part, CASE_ORDER.index(stem), "", stem)
    return (part, len(CASE_ORDER), "", stem)


def course_parts(paths) -> list[tuple[str, list[Path]]]:
    """Group notebooks into the course's parts, both in course order.

    Parameters
    ----------
    paths : iterable of path
        Notebook files (``.ipynb``).

    Returns
    -------
    list of (str, list of Path)
        ``(part caption, notebooks)`` for every part that has a notebook.

    Examples
    --------
    >>> [(part, [p.stem for p in notebooks]) for part, notebooks in
    ...  course_parts(["u07_service.ipynb", "00_start.ipynb", "u01_customer_basics.ipynb"])]
    [('开始', ['00_start']), ('开发篇', ['u01_customer_basics']), ('服务篇', ['u07_service'])]
    """
    paths = [Path(p) for p in paths]
    if not paths:
        fail("没有找到任何笔记本，无法排出课程目录。", "No notebooks were given, so there is no table of contents.")
    wrong = [p.name for p in paths if p.suffix != ".ipynb"]
    if wrong:
        fail(f"这些文件不是 .ipynb 笔记本：{', '.join(wrong)}", f"Not .ipynb notebooks: {', '.join(wrong)}")
    groups: dict[str, list[Path]] = {}
    for path in sorted(paths, key=sort_key):
        groups.setdefault(part_of(path), []).append(path)
    return [(part, groups[part]) for part in PARTS if part in groups]


def notebook_title(notebook) -> str:
    """The title of a notebook: its first Markdown heading, without the ``#`` marks.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 单元1 物流客户认知\\n\\n正文")])
    >>> notebook_title(nb)
    '单元1 物流客户认知'
    """
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return ""
