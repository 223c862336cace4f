"""Write a whole output folder at once: a failed build leaves the old folder as it was.

Both builders write into a fresh sibling folder and swap it in only when the
build finished. A folder that is not empty and was not made by the same builder
(no marker file) is never replaced, so ``site ~/Documents`` cannot wipe a
teacher's files.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..._validate import fail


def _check_target(out_dir: Path, marker: str) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        fail(f"{out_dir} 是一个文件，不是文件夹。", f"{out_dir} is a file, not a folder.")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / marker).exists():
        fail(f"文件夹 {out_dir} 里已经有别的文件，为了不覆盖它们，请换一个空文件夹或新名字。",
             f"{out_dir} already holds other files; choose an empty or new folder so nothing is overwritten.")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def fresh_output(out_dir, marker: str):
    """Yield a temporary folder to build into; on success it becomes ``out_dir``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "site"
    >>> with fresh_output(target, ".made-by-test") as work:
    ...     _ = (work / "index.html").write_text("ok")
    >>> sorted(p.name for p in target.iterdir())
    ['.made-by-test', 'index.html']
    """
    out_dir = Path(out_dir).resolve()
    _check_target(out_dir, marker)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    work.chmod(0o777 & ~_umask())   # mkdtemp makes it private; a web server must read it
    try:
        yield work
        (work / marker).write_text("coursekit\n", encoding="utf-8")
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}-old-{work.name}")
            out_dir.rename(old)
        work.rename(out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
