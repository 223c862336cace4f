"""Hand out a unit: copy its student edition into every student's home.

A notebook already in a home is the student's work and is never touched: the
copy is created with ``O_CREAT | O_EXCL | O_NOFOLLOW``, which fails if any file
or link of that name is there, so a file a student made a moment ago survives
and a planted symbolic link cannot turn root's copy into a write elsewhere.
Which units were handed out is remembered, so students added later get them too.
"""
from __future__ import annotations

import json
import os
import pwd
from dataclasses import dataclass, field
from pathlib import Path

from .errors import HubError
from .settings import Settings


def unit_of(path) -> str:
    """``u01_x.ipynb`` → ``u01``; ``00_start`` → ``u00``; ``case_dhl`` → ``case_dhl``
    (the same rule as ``coursekit.teacher.edition.unit_of``).

    >>> unit_of("u08b_service_plan.ipynb"), unit_of("00_start.ipynb"), unit_of("case_dhl.ipynb")
    ('u08b', 'u00', 'case_dhl')
    """
    stem = Path(path).stem
    if stem.startswith("case_"):
        return stem
    if stem.startswith("00_"):
        return "u00"
    return stem.split("_")[0]


def notebook_for(settings: Settings, unit: str) -> Path:
    """The student-edition file of ``unit`` (``u01``, ``00_start`` or a file name)."""
    folder = settings.course_dir / "student"
    notebooks = sorted(folder.glob("*.ipynb"))
    wanted = unit.removesuffix(".ipynb")
    for path in notebooks:
        if wanted in (path.stem, unit_of(path)):
            return path
    units = "、".join(unit_of(p) for p in notebooks)
    raise HubError(f"课程里没有单元“{unit}”。可以发放的单元：{units}",
                   f"No unit '{unit}' in the course. Units: {', '.join(unit_of(p) for p in notebooks)}")


@dataclass
class HandoutResult:
    notebook: str
    given: list = field(default_factory=list)
    kept: list = field(default_factory=list)   # the student already had a file of that name


def handout(settings: Settings, unit: str, usernames: list[str]) -> HandoutResult:
    source = notebook_for(settings, unit)
    data = source.read_bytes()
    result = HandoutResult(source.name)
    for username in usernames:
        if _copy_new(data, settings.home_of(username) / source.name, username):
            result.given.append(username)
        else:
            result.kept.append(username)
    _remember(settings, source.name)
    return result


def _copy_new(data: bytes, target: Path, username: str) -> bool:
    account = pwd.getpwnam(username)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        return False
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fchown(fd, account.pw_uid, account.pw_gid)
    finally:
        os.close(fd)
    return True


def _remember(settings: Settings, name: str) -> None:
    names = published(settings)
    if name not in names:
        names.append(name)
        tmp = settings.published_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
        tmp.replace(settings.published_file)


def published(settings: Settings) -> list[str]:
    """File names of every unit handed out so far, in order."""
    if not settings.published_file.exists():
        return []
    return json.loads(settings.published_file.read_text(encoding="utf-8"))
