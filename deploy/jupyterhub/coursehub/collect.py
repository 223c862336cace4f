"""Collect a unit from every student and grade it.

For each student on the class list, ``~/<unit notebook>`` is copied to
``<out>/<学号>_<姓名>_<unit>.ipynb``, the name ``python -m coursekit grade``
reads. Only the class list's students are collected, only that one file each,
and only if it is a regular file the student owns, of at most 20 MB: a
symbolic link to a classmate's notebook (or to a system file) is refused and
reported, never followed. The folder is rebuilt whole each time, beside the
old one, and swapped in, so it always holds exactly one collection.

A report ``<out>的收集情况.csv`` beside the folder lists every student:
已收 (collected), 未找到 (missing) or why it was refused.

Grading runs as the teacher's account, not as root, since a submitted notebook
is code written by a student.
"""
from __future__ import annotations

import csv
import os
import pwd
import shutil
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .errors import HubError
from .handout import notebook_for, unit_of
from .roster import Student
from .settings import Settings

MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Collection:
    folder: Path
    collected: list = field(default_factory=list)    # file names written
    problems: dict = field(default_factory=dict)     # 学号 → reason

    @property
    def report(self) -> Path:
        return self.folder.with_name(self.folder.name + "的收集情况.csv")


def default_folder(settings: Settings, unit: str) -> Path:
    return settings.home_of(settings.teacher) / "作业" / unit


def collect(settings: Settings, unit: str, students: list[Student], out: Path | None = None) -> Collection:
    source = notebook_for(settings, unit)
    unit_id = unit_of(source)
    out = Path(out or default_folder(settings, unit_id))
    fresh = out.with_name(out.name + ".collecting")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True, mode=0o700)
    result = Collection(out)
    for student in students:
        name = f"{student.file_prefix}_{unit_id}.ipynb"
        reason = _copy_submission(settings.home_of(student.username) / source.name, student.username,
                                  fresh / name)
        if reason:
            result.problems[student.student_id] = reason
        else:
            result.collected.append(name)
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    fresh.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    _write_report(result, students)
    _give_to_teacher(settings, out)
    return result


def _copy_submission(path: Path, username: str, target: Path) -> str | None:
    """Copy one student's file; the reason it was refused, or None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return "未找到（not found）"
    except OSError:  # ELOOP: a symbolic link
        return "是符号链接，未收（symbolic link, refused）"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return "不是普通文件（not a regular file）"
        if info.st_uid != pwd.getpwnam(username).pw_uid:
            return "文件不属于这位学生（not the student's own file）"
        if info.st_size > MAX_BYTES:
            return f"文件超过 {MAX_BYTES // 2**20} MB（too large）"
        with open(fd, "rb", closefd=False) as source, open(target, "xb") as copy:
            shutil.copyfileobj(source, copy)
    finally:
        os.close(fd)
    return None


def _write_report(result: Collection, students: list[Student]) -> None:
    with open(result.report, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["学号", "姓名", "情况"])
        for s in students:
            writer.writerow([s.student_id, s.name, result.problems.get(s.student_id, "已收")])


def _give_to_teacher(settings: Settings, out: Path) -> None:
    teacher_home = settings.home_of(settings.teacher)
    if teacher_home not in out.parents:
        return
    account = pwd.getpwnam(settings.teacher)
    for path in [out.parent, out, out.with_name(out.name + "的收集情况.csv"), *out.iterdir()]:
        os.chown(path, account.pw_uid, account.pw_gid)


def default_gradebook(settings: Settings, unit: str) -> Path:
    return settings.home_of(settings.teacher) / "成绩" / f"{unit}成绩.csv"


def grade(settings: Settings, folder: Path, gradebook: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    """``python -m coursekit grade`` on the collected folder, as the teacher's account."""
    gradebook.parent.mkdir(parents=True, exist_ok=True)
    account = pwd.getpwnam(settings.teacher)
    os.chown(gradebook.parent, account.pw_uid, account.pw_gid)
    teacher_code = Path(settings.runtime_dir) / "teacher"
    command = ["runuser", "-u", settings.teacher, "--", "env", f"PYTHONPATH={teacher_code}",
               f"HOME={settings.home_of(settings.teacher)}", "LANG=C.UTF-8",
               str(settings.python), "-m", "coursekit", "grade", str(folder), "--out", str(gradebook),
               "--timeout", str(timeout)]
    result = subprocess.run(command, cwd=settings.home_of(settings.teacher), capture_output=True, text=True)
    if result.returncode != 0:
        raise HubError(f"批改失败：\n{result.stderr.strip()[-2000:]}",
                       "Grading failed; the grader's message is above.")
    return result
