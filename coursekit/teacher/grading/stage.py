"""Step 1 of grading: list the class folder, read each notebook, stage what will run.

Every entry in the folder ends up as a :class:`Submission`: a notebook to
grade, or a row that says why it is not graded (another file type, a
sub-folder, a file that is not a notebook, another unit). Nothing is dropped
silently. Notebooks are read with nbformat (version 3 files are upgraded) and
only their code cells are staged, as JSON in the run's private folder, which
no sandbox can see.

File names follow ``学号_姓名_单元.ipynb``, e.g. ``2024001_张三_u01.ipynb``
(any letter case of ``.ipynb``).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..edition import unit_of

MAX_NOTEBOOK_BYTES = 20 * 2 ** 20

# Code that deserves a human look (the 「需复核」 column): it can reach around the grader.
REVIEW_PATTERNS = [
    (r"\.events\b|pre_run_cell|post_run_cell|pre_execute|post_execute", "IPython 事件钩子"),
    (r"/proc\b", "读写 /proc"),
    (r"\bfork\s*\(|forkpty|\bsetsid\b|daemon", "os.fork/setsid 后台进程"),
    (r"\bkill(pg)?\s*\(|signal\.", "os.kill 或信号"),
    (r"\bctypes\b|\bcffi\b", "ctypes"),
    (r"coursekit\s*\.\s*questions|\bquestions\s+import|import\s+questions|answer_key|"
     r"_answerkey|\bQUESTIONS\b|_judging", "题库或答案密钥"),
    (r"\bsubprocess\b|os\.system|os\.popen|os\.exec|os\.spawn|pty\.", "启动其他程序"),
    (r"user_expressions|display_formatter|\.kernel\b|\.run_cell\b|\bsys\.modules\b|"
     r"\bbuiltins\b|__builtins__", "改动内核或模块"),
    (r"(?m)^\s*!|%%(bash|sh|script)\b|%sx\b|%system\b|\.system\s*\(|\bgetoutput\b",
     "运行系统命令（! 或 %%bash）"),
    (r"__import__|\bimportlib\b|\bgetattr\s*\(|\beval\s*\(|\bexec\s*\(",
     "拼字符串导入或取属性（__import__、getattr、eval）"),
    (r"\.ipynb\b|\bnotebooks\b|\bopen\s*\(\s*[rbfuRBFU]*[\"']/", "按路径读取笔记本或文件"),
    (r"\bchmod\b", "改动文件权限"),
]


@dataclass
class Submission:
    """One entry of the class folder and what became of it."""

    path: Path
    student_id: str = ""
    name: str = ""
    file_unit: str = ""
    unit: str = ""
    digest: str = ""
    cells: list = field(default_factory=list)
    deliverables: list = field(default_factory=list)
    review: list = field(default_factory=list)
    reasons: list = field(default_factory=list)
    skipped: bool = False           # never run: not a notebook, another unit …
    marks: dict = field(default_factory=dict)
    graded: bool = False

    @property
    def file(self) -> str:
        return self.path.name


def parse_name(path: Path) -> tuple[str, str, str, bool]:
    """``学号_姓名_单元.ipynb`` → (student id, name, unit, whether the pattern matched).

    >>> parse_name(Path("2024001_张三_u08b_service_plan.IPYNB"))
    ('2024001', '张三', 'u08b', True)
    """
    parts = path.stem.split("_", 2)
    if len(parts) == 3 and parts[0] and parts[1]:
        return parts[0], parts[1], unit_of(parts[2] + ".ipynb"), True
    return path.stem, "", "", False


def inventory(folder: Path) -> list[Submission]:
    """One :class:`Submission` per entry of ``folder``, in name order."""
    subs = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        sub = Submission(path)
        if path.is_symlink():  # a link would be graded as its target (the instructor edition …)
            sub.skipped = True
            sub.reasons.append("这是符号链接，没有批改（symbolic link, not graded）")
        elif path.is_dir():
            sub.skipped = True
            sub.reasons.append("这是子文件夹，里面的文件没有批改（sub-folder, not graded）")
        elif path.suffix.lower() != ".ipynb":
            sub.skipped = True
            kind = path.suffix or "无扩展名"
            sub.reasons.append(f"不是 .ipynb 笔记本（{kind}），没有批改")
        sub.student_id, sub.name, sub.file_unit, matched = parse_name(path)
        if not matched and not sub.skipped:
            sub.reasons.append("文件名不是「学号_姓名_单元.ipynb」格式")
        subs.append(sub)
    return subs


def read_notebook(sub: Submission) -> None:
    """Read the notebook (v3 upgraded): code cells, deliverables, unit, review flags."""
    import nbformat

    try:
        size, raw = _read_no_follow(sub.path)
    except OSError:
        return _skip(sub, "文件读不出来（cannot be read）")
    if size == 0:
        return _skip(sub, "空文件（empty file）")
    if size > MAX_NOTEBOOK_BYTES:
        return _skip(sub, f"文件太大（超过 {MAX_NOTEBOOK_BYTES // 2 ** 20} MB）")
    sub.digest = hashlib.sha256(raw).hexdigest()
    try:
        notebook = nbformat.reads(raw.decode("utf-8-sig"), as_version=4)
        nbformat.validate(notebook)
        cells = [c for c in notebook.cells if isinstance(c, dict)]
        sub.cells = [str(c.source) for c in cells if c.get("cell_type") == "code"]
    except Exception:  # anything that is not a well-formed notebook is one reason, not a crash
        return _skip(sub, "不是有效的 Jupyter 笔记本（not a notebook）")
    if not any(source.strip() for source in sub.cells):
        return _skip(sub, "笔记本里没有代码（empty notebook）")
    sub.unit = stored_unit(notebook) or sub.file_unit
    sub.deliverables = deliverables(cells)
    sub.review = review_flags(sub.cells)


def _read_no_follow(path: Path) -> tuple[int, bytes]:
    """(size, bytes) of a regular file; a link put in place after the listing is refused."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"not a regular file: {path}")
        if info.st_size > MAX_NOTEBOOK_BYTES:
            return info.st_size, b""
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return info.st_size, stream.read(MAX_NOTEBOOK_BYTES + 1)
    finally:
        os.close(handle)


def _skip(sub: Submission, reason: str) -> None:
    sub.skipped = True
    sub.reasons.append(reason)


def stored_unit(notebook) -> str | None:
    """The unit a student edition records in ``metadata.coursekit.unit`` (if well-formed)."""
    meta = notebook.get("metadata")
    meta = meta.get("coursekit") if isinstance(meta, dict) else None
    unit = meta.get("unit") if isinstance(meta, dict) else None
    return unit if isinstance(unit, str) and re.fullmatch(r"[A-Za-z0-9_]{1,40}", unit) else None


def deliverables(cells) -> list[tuple[str, str]]:
    """(deliverable id, text) of the markdown cells tagged ``deliverable``."""
    found = []
    for cell in cells:
        meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
        if cell.get("cell_type") != "markdown" or "deliverable" not in tags:
            continue
        info = meta.get("coursekit") if isinstance(meta.get("coursekit"), dict) else {}
        ident = info.get("deliverable") if isinstance(info.get("deliverable"), str) else ""
        found.append((ident or f"第 {len(found) + 1} 份", str(cell.get("source", ""))[:20000]))
    return found


def review_flags(sources: list[str]) -> list[str]:
    """Why a human should look at this code (see ``REVIEW_PATTERNS``).

    >>> review_flags(["ip = get_ipython()\\nip.events.register('pre_run_cell', f)"])
    ['IPython 事件钩子']
    >>> review_flags(["get_ipython().user_expressions = fake"])
    ['改动内核或模块']
    >>> review_flags(["!sleep 1000 &"]), review_flags(["%%bash\\nls"])
    (['运行系统命令（! 或 %%bash）'], ['运行系统命令（! 或 %%bash）'])
    >>> review_flags(["spawn = getattr(__import__('o' + 's'), 'fo' + 'rk')"])
    ['拼字符串导入或取属性（__import__、getattr、eval）']
    >>> review_flags(["cells = json.load(open('/opt/course/u01_customer_basics.ipynb'))"])
    ['按路径读取笔记本或文件']

    The patterns are a heuristic: code written to hide can always slip past them.
    """
    code = "\n".join(sources)
    return [label for pattern, label in REVIEW_PATTERNS if re.search(pattern, code)]


def choose_unit(subs: list[Submission], unit: str | None) -> str | None:
    """The unit to grade: the one given, else the one most readable notebooks name."""
    if unit:
        return unit
    units = Counter(s.unit for s in subs if not s.skipped and s.unit)
    return units.most_common(1)[0][0] if units else None


def mark_other_units(subs: list[Submission], unit: str) -> None:
    for sub in subs:
        if not sub.skipped and sub.unit and sub.unit != unit:
            _skip(sub, f"不是本单元（{unit}）的作业，而是 {sub.unit}")


def mark_duplicates(subs: list[Submission]) -> None:
    """A student id with more than one graded file: every copy says so (all are graded)."""
    by_id: dict[str, list[Submission]] = {}
    for sub in subs:
        if not sub.skipped and sub.name:
            by_id.setdefault(sub.student_id, []).append(sub)
    for copies in by_id.values():
        if len(copies) > 1:
            names = "、".join(c.file for c in copies)
            for sub in copies:
                sub.reasons.append(f"学号 {sub.student_id} 交了 {len(copies)} 份：{names}，请核对")


def stage(sub: Submission, folder: Path, index: int) -> Path:
    """Write the code cells to the run's private folder; the runner reads only this."""
    staged = folder / f"{index:04d}.json"
    staged.write_text(json.dumps({"file": sub.file, "cells": sub.cells}, ensure_ascii=False),
                      encoding="utf-8")
    return staged
