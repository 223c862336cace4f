"""Grade a folder of submitted notebooks: ``python -m coursekit grade DIR --out FILE``.

How a submission is graded
--------------------------
1. Every submission is first copied into a private staging folder, so one
   student's notebook cannot change or delete another's before it is graded.
2. Each notebook runs in a fresh kernel, in its own empty temporary folder, in
   a child process with a time limit; a notebook that loops forever is killed
   with its kernel. Printing more than a size limit stops it too.
3. A last cell, added by the grader, reads the answer variables (``n_a`` for
   question ``u01.n_a``) out of the kernel as plain JSON data: numbers, text,
   lists, Series, tables. The grader's own copy of the question bank judges
   them, so redefining ``check`` or pasting ✅ into a notebook gains nothing.
4. The gradebook (CSV in UTF-8 with BOM for Excel/WPS, and .xlsx) is written
   to temporary files and moved into place at the end: an interrupted run
   leaves the previous gradebook as it was.

File names follow ``学号_姓名_单元.ipynb``, e.g. ``2024001_张三_u01.ipynb``.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..._validate import fail
from ..edition import unit_of
from ...exercises import CORRECT, judge, questions_for

MARK = {"correct": "正确", "wrong": "错误", "unanswered": "未作答"}
CHILD = Path(__file__).with_name("_child.py")

def decode(item):
    """Turn the kernel's JSON back into Python values (the inverse of the encoder)."""
    kind = item["t"]
    if kind == "ellipsis":
        return ...
    if kind == "none":
        return None
    if kind in ("bool", "int", "str"):
        return item["v"]
    if kind == "float":
        return float(item["v"])
    if kind == "series":
        return pd.Series([decode(x) for x in item["v"]], index=item["index"], dtype=object) \
            .infer_objects()
    if kind == "list":
        return [decode(x) for x in item["v"]]
    if kind == "set":
        return {_hashable(decode(x)) for x in item["v"]}
    if kind == "dict":
        return {k: decode(x) for k, x in item["v"]}
    if kind == "frame":
        from io import StringIO

        return pd.read_json(StringIO(item["v"]), orient="split")
    return _Unsupported(item.get("type", "?"))


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class _Unsupported:
    """An answer the grader cannot read back; it is judged wrong."""

    type_name: str


# ------------------------------------------------------------------ the class

@dataclass
class Submission:
    path: Path
    student_id: str = ""
    name: str = ""
    unit: str = ""
    marks: dict = field(default_factory=dict)
    reasons: list = field(default_factory=list)
    graded: bool = False


def parse_name(path: Path) -> tuple[str, str, str, bool]:
    """``学号_姓名_单元.ipynb`` → (student id, name, unit, whether the pattern matched)."""
    parts = path.stem.split("_", 2)
    if len(parts) == 3 and parts[0] and parts[1]:
        return parts[0], parts[1], unit_of(parts[2] + ".ipynb"), True
    return path.stem, "", "", False


def notebook_unit(path: Path) -> str | None:
    """The unit stored in a student edition's metadata, if readable."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (ValueError, UnicodeDecodeError, OSError):
        return None
    return (meta.get("coursekit") or {}).get("unit")


def precheck(path: Path) -> str | None:
    """Why a file cannot be run at all (empty, not a notebook), or None."""
    import nbformat

    if path.stat().st_size == 0:
        return "空文件（empty file）"
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except Exception:
        return "不是有效的 Jupyter 笔记本（not a notebook）"
    if not any(c.cell_type == "code" and c.source.strip() for c in notebook.cells):
        return "笔记本里没有代码（empty notebook）"
    return None


def _snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def _run_child(path: Path, names: list[str], timeout: float, max_output: int) -> dict:
    # Run by path, not as coursekit.*: the child needs only nbclient, so it starts fast.
    command = [sys.executable, str(CHILD), str(path), json.dumps(names), str(timeout),
               str(max_output)]
    process = subprocess.Popen(command, cwd=path.parent, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, start_new_session=os.name != "nt")
    try:
        stdout, _ = process.communicate(timeout=timeout + 30)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        return {"answers": None, "problems": [f"运行超时（超过 {timeout:g} 秒）"]}
    try:
        return json.loads(stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"answers": None, "problems": ["评分进程没有返回结果（grader child failed）"]}


def _kill_group(process) -> None:
    try:
        if os.name == "nt":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)  # the kernel is in the same group
    except ProcessLookupError:
        pass
    process.wait()


def grade_one(sub: Submission, staged: Path, unit: str, timeout: float, max_output: int,
              watched: list[Path]) -> Submission:
    """Grade one staged copy; every problem becomes a reason, never an exception."""
    questions = questions_for(unit)
    problem = precheck(staged)
    stored_unit = notebook_unit(staged) if problem is None else None
    if problem is None and (stored_unit or sub.unit) and (stored_unit or sub.unit) != unit:
        problem = f"不是本单元（{unit}）的作业，而是 {stored_unit or sub.unit}"
    if problem:
        sub.reasons.append(problem)
        return sub
    with tempfile.TemporaryDirectory(prefix="coursekit-grade-") as workdir:
        notebook = Path(workdir) / "submission.ipynb"
        shutil.copy2(staged, notebook)
        before = [_snapshot(folder) for folder in watched]
        inside = _snapshot(Path(workdir))
        result = _run_child(notebook, [q.variable for q in questions], timeout, max_output)
        if _snapshot(Path(workdir)) != inside or [_snapshot(f) for f in watched] != before:
            sub.reasons.append("运行时写入或删除了文件（wrote or deleted files）")
    sub.reasons.extend(result["problems"])
    if result["answers"] is None:
        return sub
    for question in questions:
        raw = result["answers"].get(question.variable)
        answer = decode(raw) if raw is not None else None
        sub.marks[question.id] = MARK[judge(question.id, answer).status]
    sub.graded = True
    return sub


def gradebook_frame(subs: list[Submission], unit: str) -> pd.DataFrame:
    ids = [q.id for q in questions_for(unit)]
    rows = []
    for sub in sorted(subs, key=lambda s: (s.student_id, s.path.name)):
        total = sum(sub.marks.get(q) == MARK[CORRECT] for q in ids)
        row = {"student_id": sub.student_id, "name": sub.name, "file": sub.path.name}
        row.update({q: sub.marks.get(q, "") for q in ids})
        row.update({"total": total, "percent": round(100 * total / len(ids), 1) if ids else 0.0,
                    "problem": "；".join(sub.reasons)})
        rows.append(row)
    return pd.DataFrame(rows, columns=["student_id", "name", "file", *ids, "total", "percent",
                                       "problem"])


def write_gradebook(frame: pd.DataFrame, out: Path) -> tuple[Path, Path]:
    """CSV (UTF-8 with BOM) and .xlsx beside it, each moved into place only when complete."""
    out.parent.mkdir(parents=True, exist_ok=True)
    xlsx = out.with_suffix(".xlsx")
    temps = []
    try:
        for target, writer in ((out, lambda p: frame.to_csv(p, index=False, encoding="utf-8-sig")),
                               (xlsx, lambda p: frame.to_excel(p, index=False,
                                                               sheet_name="成绩"))):
            handle, temp = tempfile.mkstemp(dir=out.parent, suffix=target.suffix)
            os.close(handle)
            temps.append((Path(temp), target))
            writer(temp)
        for temp, target in temps:
            os.replace(temp, target)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
    return out, xlsx


def grade(submissions_dir, out, unit: str | None = None, timeout: float = 180,
          max_output_mb: float = 5, jobs: int = 2, progress: bool = True) -> pd.DataFrame:
    """Grade every ``*.ipynb`` in ``submissions_dir`` and write the gradebook to ``out``.

    Parameters
    ----------
    submissions_dir : path
        Folder of submitted notebooks named ``学号_姓名_单元.ipynb``.
    out : path
        Gradebook CSV path; an ``.xlsx`` with the same name is written beside it.
    unit : str, optional
        The unit being graded (``"u01"``). Default: the unit most files name.
    timeout : float
        Seconds a submission may run (per cell, and in all plus 30 s).
    max_output_mb : float
        A submission printing more than this is stopped.
    jobs : int
        Submissions graded at the same time.

    Returns
    -------
    DataFrame
        The gradebook: one row per file, one column per question (正确/错误/未作答),
        ``total``, ``percent`` and ``problem`` (why a notebook could not be fully graded).
    """
    folder = Path(submissions_dir)
    if not folder.is_dir():
        fail(f"找不到作业文件夹：{folder}", f"Submissions folder not found: {folder}")
    out = Path(out)
    out = out if out.suffix.lower() == ".csv" else out.with_suffix(".csv")
    paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".ipynb")
    if not paths:
        fail(f"文件夹 {folder} 里没有 .ipynb 作业。", f"No .ipynb submissions in {folder}.")
    subs = []
    for path in paths:
        student_id, name, file_unit, matched = parse_name(path)
        sub = Submission(path, student_id, name, file_unit)
        if not matched:
            sub.reasons.append("文件名不是「学号_姓名_单元.ipynb」格式")
        subs.append(sub)
    unit = unit or _common_unit(subs)
    if not questions_for(unit):
        fail(f"单元 {unit!r} 没有练习题，无法评分。", f"Unit {unit!r} has no exercises to grade.")
    with tempfile.TemporaryDirectory(prefix="coursekit-staging-") as staging:
        staged = []
        for index, sub in enumerate(subs):
            copy = Path(staging) / f"{index:04d}.ipynb"
            shutil.copy2(sub.path, copy)
            staged.append(copy)
        watched = [folder, out.parent.resolve()]
        bar = _progress(len(subs), progress)
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [pool.submit(grade_one, sub, copy, unit, timeout,
                                   int(max_output_mb * 1_000_000), watched)
                       for sub, copy in zip(subs, staged)]
            for future, sub in zip(futures, subs):
                bar.set_description(sub.path.name)
                future.result()
                bar.update(1)
        bar.close()
    frame = gradebook_frame(subs, unit)
    write_gradebook(frame, out)
    return frame


def _common_unit(subs: list[Submission]) -> str:
    units = Counter(notebook_unit(s.path) or s.unit for s in subs)
    units.pop("", None)
    units.pop(None, None)
    if not units:
        fail("无法从文件名或笔记本判断是哪个单元，请用 --unit 指定，例如 --unit u01。",
             "Cannot tell the unit from file names or notebooks; pass --unit, e.g. --unit u01.")
    return units.most_common(1)[0][0]


def _progress(total: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="份", disable=not enabled, file=sys.stderr)


