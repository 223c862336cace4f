"""Step 4 of grading: the gradebook, saved as results come in.

* ``--out`` is checked before anything runs: a folder that cannot be written
  is an error at once, not after an hour of grading.
* Each finished submission is appended to a journal beside the gradebook
  (``<name>.journal.jsonl``, flushed to disk). A run that is interrupted
  (Ctrl+C, the machine shut down) resumes from it: the same command grades
  only what is missing. The journal is deleted when a run completes.
* The gradebook is a CSV in UTF-8 with BOM (Excel and WPS show Chinese) and an
  .xlsx beside it, each written to a temporary file and moved into place.
  A run stopped by Ctrl+C still writes one, with every unfinished row saying so.
* Written deliverables (markdown cells tagged ``deliverable``) go to a second
  sheet 「书面作业」 and to ``<name>_deliverables.csv``, one row per student and
  deliverable with an empty 「得分」 column for the teacher.
* Any text cell starting with ``= + - @`` (or a tab or carriage return) gets a
  leading apostrophe, so a file named ``=1+2_张三_u01.ipynb`` stays text; control
  characters that Excel files cannot hold become ``�`` in every cell.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from ..._validate import fail
from .judge import CORRECT

HEADERS = {"student_id": "学号", "name": "姓名", "file": "文件", "total": "得分",
           "out_of": "满分", "percent": "百分比", "problem": "问题", "review": "需复核",
           "isolation": "没有沙箱"}
DELIVERABLE_HEADERS = {"student_id": "学号", "name": "姓名", "file": "文件",
                       "deliverable": "书面作业", "text": "学生写的内容", "score": "得分"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl's ILLEGAL_CHARACTERS_RE
INTERRUPTED = "批改被中断，这份还没有批改（interrupted）：再运行同一条命令会接着批改"


def check_out(out, submissions: Path) -> Path:
    """The gradebook path (``.csv``), after making sure it can be written."""
    out = Path(out)
    out = out if out.suffix.lower() == ".csv" else out.with_name(out.name + ".csv")
    if out.is_dir():
        fail(f"--out 应该是一个文件名（例如 成绩/u01成绩.csv），{out} 是文件夹。",
             f"--out must be a file name such as grades/u01.csv; {out} is a folder.")
    folder = submissions.resolve()
    if folder == out.parent.resolve() or folder in out.parent.resolve().parents:
        fail("成绩单不能放在作业文件夹里，请换一个位置。",
             "The gradebook must not be written into the submissions folder.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=out.parent, prefix=".coursekit-probe-")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        fail(f"成绩单的位置 {out.parent} 不能写入（{error.strerror}），还没有开始批改。",
             f"Cannot write the gradebook to {out.parent} ({error.strerror}); nothing was graded.")
    for path in (out, out.with_suffix(".xlsx")):
        if path.exists() and not os.access(path, os.W_OK):
            fail(f"{path} 是只读文件，不能覆盖，还没有开始批改。",
                 f"{path} is read-only and cannot be replaced; nothing was graded.")
    return out


def escape(value):
    """A text cell made safe: no control characters, no leading formula character.

    openpyxl refuses the control characters ``\\x00-\\x08 \\x0b \\x0c \\x0e-\\x1f``
    in a cell; one of them in a student's file name, exception name or written
    deliverable would lose the whole class's gradebook, so each becomes ``�``.
    A cell that a spreadsheet would read as a formula gets a leading apostrophe.

    >>> escape("=1+2_张三"), escape("-3"), escape(-3), escape("张三"), escape("作业\\x0b完成")
    ("'=1+2_张三", "'-3", -3, '张三', '作业�完成')
    """
    if not isinstance(value, str):
        return value
    value = CONTROL_CHARACTERS.sub("\ufffd", value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _escaped(frame: pd.DataFrame) -> pd.DataFrame:
    copy = frame.copy()
    for column in copy.columns:
        if copy[column].dtype == object or pd.api.types.is_string_dtype(copy[column]):
            copy[column] = copy[column].map(escape).astype(object)
    copy.columns = [escape(str(c)) for c in copy.columns]
    return copy


def gradebook_frame(subs: list, question_ids: list[str], partial: bool = False,
                    isolation: str = "") -> pd.DataFrame:
    """One row per entry of the class folder (English column names; files get Chinese ones).

    ``isolation`` is the note of a run without a sandbox (``--no-sandbox``): it
    becomes a last column, filled on every row, so no copy of the gradebook
    hides how it was graded.
    """
    rows = []
    for sub in sorted(subs, key=lambda s: (s.student_id, s.file)):
        total = sum(sub.marks.get(q) == CORRECT for q in question_ids)
        reasons = list(sub.reasons)
        if partial and not sub.graded and not sub.skipped:
            reasons.append(INTERRUPTED)
        row = {"student_id": sub.student_id, "name": sub.name, "file": sub.file}
        row.update({q: sub.marks.get(q, "") for q in question_ids})
        row.update({"total": total, "out_of": len(question_ids),
                    "percent": round(100 * total / len(question_ids), 1) if question_ids else 0.0,
                    "problem": "；".join(reasons), "review": "；".join(sub.review)})
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["student_id", "name", "file", *question_ids, "total",
                                        "out_of", "percent", "problem", "review"])
    if isolation:
        frame["isolation"] = isolation
    return frame


def deliverables_frame(subs: list) -> pd.DataFrame:
    rows = [{"student_id": s.student_id, "name": s.name, "file": s.file, "deliverable": ident,
             "text": text, "score": ""}
            for s in sorted(subs, key=lambda s: (s.student_id, s.file))
            for ident, text in s.deliverables]
    return pd.DataFrame(rows, columns=list(DELIVERABLE_HEADERS))


def for_people(frame: pd.DataFrame, headers: dict) -> pd.DataFrame:
    """Chinese headers and escaped cells: what the teacher opens in Excel or WPS."""
    return _escaped(frame.rename(columns=headers))


def deliverables_path(out: Path) -> Path:
    return out.with_name(out.stem + "_deliverables.csv")


def write_gradebook(frame: pd.DataFrame, out: Path, deliverables: pd.DataFrame | None = None,
                    partial: bool = False) -> list[Path]:
    """Write the CSV, the .xlsx (and the deliverables CSV), each moved into place when complete."""
    out = Path(out)
    book = for_people(frame, HEADERS)
    sheets = {"成绩（未完成）" if partial else "成绩": book}
    targets = [(out, lambda p: book.to_csv(p, index=False, encoding="utf-8-sig"))]
    if deliverables is not None and len(deliverables):
        written = for_people(deliverables, DELIVERABLE_HEADERS)
        sheets["书面作业"] = written
        targets.append((deliverables_path(out),
                        lambda p: written.to_csv(p, index=False, encoding="utf-8-sig")))

    def excel(path):
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, sheet in sheets.items():
                sheet.to_excel(writer, index=False, sheet_name=name)

    targets.append((out.with_suffix(".xlsx"), excel))
    temps = []
    try:
        for target, writer in targets:
            handle, temp = tempfile.mkstemp(dir=out.parent, prefix=".coursekit-",
                                            suffix=target.suffix)
            os.close(handle)
            temps.append((Path(temp), target))
            writer(temp)
        for temp, target in temps:
            os.replace(temp, target)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
    return [target for _, target in temps]


# ------------------------------------------------------------------ the journal

class Journal:
    """Results saved as they come: one JSON line per graded submission, flushed to disk."""

    def __init__(self, out: Path):
        self.path = out.with_name(out.stem + ".journal.jsonl")
        self.done: dict = {}
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    entry = json.loads(line)
                    self.done[self._key(entry["file"], entry["digest"], entry["names"])] = entry
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a crash
        self._stream = None

    @staticmethod
    def _key(file, digest, names):
        return (file, digest, tuple(sorted(names)))

    def lookup(self, sub, names):
        return self.done.get(self._key(sub.file, sub.digest, names))

    def record(self, sub, names, report, problems, isolation: str = "") -> None:
        """Save one result; ``isolation`` is the note of a run without a sandbox."""
        if self._stream is None:
            self._stream = open(self.path, "a", encoding="utf-8")
        entry = {"file": sub.file, "digest": sub.digest, "names": sorted(names),
                 "report": report, "problems": problems, "isolation": isolation}
        self._stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._stream.flush()
        os.fsync(self._stream.fileno())

    def close(self, finished: bool) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        if finished:
            self.path.unlink(missing_ok=True)
