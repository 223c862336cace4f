"""Grade a folder of submitted notebooks: ``python -m coursekit grade DIR --out FILE``.

One module per step (as otter-grader has one per verb):

1. :mod:`.stage` lists the class folder: every file gets a row or a reason;
   notebooks are read with nbformat (v3 upgraded) and their code is staged in
   the run's private temp folder;
2. :mod:`.sandbox` and :mod:`.run` run each notebook in a fresh kernel inside
   a sandbox (bubblewrap on Linux: no network, no course files, no question
   bank, an unprivileged user, limits; the whole process tree ends with it)
   and read the answers back over the kernel's shell channel;
3. :mod:`.judge` judges them with the teacher's question bank (plus any
   graded-only questions from ``--questions FILE``);
4. :mod:`.gradebook` saves each result as it comes (a journal, so a stopped
   run resumes), and writes the CSV (UTF-8 with BOM) and .xlsx, with the
   written deliverables on a second sheet.

Nothing a submission does can stop the run: every failure is a row with a
reason in Chinese. Ctrl+C (or SIGTERM) stops at once, still writes a
gradebook marked unfinished, and leaves nothing in the temp folder.

File names follow ``学号_姓名_单元.ipynb``, e.g. ``2024001_张三_u01.ipynb``.
"""
from __future__ import annotations

import itertools
import os
import queue
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path

from ..._validate import fail
from . import gradebook as _book
from . import judge as _judge
from . import stage as _stage
from .gradebook import INTERRUPTED, check_out, write_gradebook
from .judge import CORRECT, UNANSWERED, WRONG, load_questions
from .stage import Submission, parse_name

MARK = {"correct": CORRECT, "wrong": WRONG, "unanswered": UNANSWERED}

__all__ = ["grade", "Submission", "parse_name", "check_out", "write_gradebook", "load_questions",
           "INTERRUPTED", "MARK"]


def grade(submissions_dir, out, unit: str | None = None, timeout: float = 180,
          max_output_mb: float = 5, jobs: int = 2, progress: bool = True, questions=None,
          memory_mb: int = 3072, isolation: str | None = None):
    """Grade every notebook in ``submissions_dir`` and write the gradebook to ``out``.

    Parameters
    ----------
    submissions_dir : path
        Folder of submitted notebooks named ``学号_姓名_单元.ipynb``.
    out : path
        Gradebook CSV path; an ``.xlsx`` with the same name is written beside it
        (and ``<name>_deliverables.csv`` when notebooks hold written deliverables).
    unit : str, optional
        The unit being graded (``"u01"``). Default: the unit most notebooks name.
    timeout : float
        Seconds one notebook may run (after its kernel has started).
    max_output_mb : float
        A notebook printing more than this is stopped.
    jobs : int
        Notebooks graded at the same time.
    questions : path or list, optional
        Graded-only questions (a ``.py`` file defining ``QUESTIONS``, or a list).
    memory_mb : int
        Address-space limit of each process of a submission.
    isolation : {"none"}, optional
        ``"none"`` (``--no-sandbox``): grade without a sandbox, on purpose; every row
        of the gradebook then says so. Default: bubblewrap, and an error naming the
        cause when it is missing or does not start (never a silent downgrade).

    Returns
    -------
    DataFrame
        The gradebook: one row per entry of the folder, one column per question
        (正确/错误/未作答), ``total``, ``out_of``, ``percent``, ``problem`` (why a
        file was not, or not fully, graded) and ``review`` (code a teacher should
        look at). The files written use Chinese headers (学号, 姓名 …).
    """
    folder = Path(submissions_dir)
    if not folder.is_dir():
        fail(f"找不到作业文件夹：{folder}", f"Submissions folder not found: {folder}")
    if isolation not in (None, "none", "reaper"):
        fail(f"isolation 只能是 None 或 'none'，不是 {isolation!r}",
             f"isolation must be None or 'none', not {isolation!r}")
    out = check_out(out, folder)
    extra = load_questions(questions) if isinstance(questions, (str, os.PathLike)) else \
        list(questions or [])
    subs = _stage.inventory(folder)
    if not subs:
        fail(f"文件夹 {folder} 是空的，没有作业。", f"The folder {folder} is empty.")
    for sub in subs:
        if not sub.skipped:
            _stage.read_notebook(sub)
    unit = _stage.choose_unit(subs, unit)
    if unit is None:
        fail("无法从文件名或笔记本判断是哪个单元，请用 --unit 指定，例如 --unit u01。",
             "Cannot tell the unit from file names or notebooks; pass --unit, e.g. --unit u01.")
    chosen = _judge.questions_for(unit, extra)
    if not chosen:
        fail(f"单元 {unit!r} 没有练习题，无法评分。", f"Unit {unit!r} has no exercises to grade.")
    _stage.mark_other_units(subs, unit)
    _stage.mark_duplicates(subs)
    run = _Run(subs, chosen, out, timeout, int(max_output_mb * 1_000_000), jobs, progress,
               memory_mb, isolation, folder)
    finished = run.execute()
    ids = [q.id for q in chosen]
    frame = _book.gradebook_frame(subs, ids, partial=not finished, isolation=run.note)
    frame.attrs["isolation"] = run.note
    write_gradebook(frame, out, _book.deliverables_frame(subs), partial=not finished)
    run.journal.close(finished=finished)
    if not finished:
        raise KeyboardInterrupt(f"批改被中断；已批改的结果写进了 {out}（未完成）")
    return frame


class _Run:
    """One grading run: the private temp folder, the sandboxes, the worker threads."""

    def __init__(self, subs, questions, out, timeout, max_output, jobs, progress, memory_mb,
                 isolation, folder):
        self.subs, self.questions, self.out, self.folder = subs, questions, out, folder
        self.names = sorted({q.variable for q in questions})
        self.timeout, self.max_output, self.jobs = timeout, max_output, max(1, int(jobs))
        self.progress, self.prefer = progress, isolation
        self.limits_mb = memory_mb
        self.journal = _book.Journal(out)
        self.cancel = threading.Event()
        self.uids = queue.Queue()  # one uid per job slot: limits are per uid
        self.note = ""
        self.lock, self.active, self.shared = threading.Lock(), set(), set()
        self.folders = itertools.count()  # one new folder per attempt

    def execute(self) -> bool:
        """Grade what the journal does not have yet; False when interrupted."""
        todo = [s for s in self.subs if not s.skipped and not self._from_journal(s)]
        if not todo:
            return True
        from .sandbox import REAPER, make_work_dir

        work = make_work_dir()
        try:
            with _interrupt_on_sigterm():
                return self._grade_all(todo, work)
        except KeyboardInterrupt:
            self.cancel.set()
            return False
        finally:
            self.cancel.set()
            REAPER.reap()
            _remove_work_dir(work)

    def _from_journal(self, sub) -> bool:
        entry = self.journal.lookup(sub, self.names)
        if entry is None:
            return False
        self._judge(sub, entry.get("report"), list(entry.get("problems") or []))
        if entry.get("isolation"):  # resumed from a run without a sandbox: the book says so
            self.note = str(entry["isolation"])
        return True

    def _grade_all(self, todo, work: Path) -> bool:
        from ..handout import copy_package
        from .sandbox import REAPER, Limits, free_uids, prepare

        staging = work / "staging"
        staging.mkdir(mode=0o700)
        staged = {id(s): _stage.stage(s, staging, i) for i, s in enumerate(todo)}
        for sub in todo:
            sub.cells = []  # staged on disk: the grader keeps no copy of every notebook in memory
        isolation = prepare(work, copy_package(work / "coursekit", key=None, bytecode=True),
                            self.prefer)
        self.note = isolation.note or self.note
        if isolation.mode == "reaper":
            REAPER.enable()
        limits = Limits(memory_mb=self.limits_mb, cpu_seconds=int(self.timeout) + 60)
        for uid in free_uids(self.jobs) if hasattr(os, "getuid") else [None] * self.jobs:
            self.uids.put(uid)
        self.setup = {"isolation": isolation, "limits": limits, "staged": staged, "work": work}
        bar = _progress(len(todo), self.progress)
        try:
            later = self._in_parallel(todo, bar)
            # A timeout next to another notebook may be that notebook's doing (it can take
            # the CPU): such a submission is graded again, alone, before a timeout counts.
            for sub in later:
                self._grade_one(sub, alone=True)
                bar.update(1)
        finally:
            bar.close()
        return True

    def _in_parallel(self, todo, bar) -> list:
        """Grade ``todo`` in ``jobs`` threads; return the submissions to grade again alone."""
        later = []
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            futures = {pool.submit(self._grade_one, sub): sub for sub in todo}
            try:
                for future in as_completed(futures):
                    if future.result():
                        bar.set_description(futures[future].file)
                        bar.update(1)
                    elif not self.cancel.is_set():
                        later.append(futures[future])
            except BaseException:
                self.cancel.set()
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        return sorted(later, key=todo.index)

    def _grade_one(self, sub, alone: bool = False) -> bool:
        """Run and record one submission; False when it timed out beside another one."""
        import json

        from .run import run_notebook
        from .sandbox import Sandbox, remove_tree

        if self.cancel.is_set():
            return True
        setup = self.setup
        cells = json.loads(setup["staged"][id(sub)].read_text(encoding="utf-8"))["cells"]
        folder = setup["work"] / f"{next(self.folders):04d}"
        folder.mkdir()
        watched = _watch(setup["isolation"], self.folder)
        before = [_snapshot(p) for p in watched]
        uid = self.uids.get()
        self._started(sub)
        try:
            result = run_notebook(Sandbox(setup["isolation"], folder, setup["limits"], uid or 0),
                                  cells, self.names, self.timeout, self.max_output,
                                  cancelled=self.cancel.is_set)
        finally:
            shared = self._ended(sub)
            self.uids.put(uid)
            remove_tree(folder)
        if self.cancel.is_set():
            return True  # an interrupted run is not a result: the next run grades it again
        if result.timed_out and shared and not alone:
            return False
        problems = list(result.problems)
        if [_snapshot(p) for p in watched] != before:
            problems.append("运行时改动了课程或作业文件夹里的文件（changed files outside its folder）")
        self.journal.record(sub, self.names, result.report, problems, self.note)
        self._judge(sub, result.report, problems)
        return True

    def _started(self, sub) -> None:
        with self.lock:
            self.active.add(id(sub))
            if len(self.active) > 1:
                self.shared |= self.active

    def _ended(self, sub) -> bool:
        """Whether another submission ran at some time during this one."""
        with self.lock:
            self.active.discard(id(sub))
            return id(sub) in self.shared

    def _judge(self, sub, report, problems) -> None:
        from .run import decode_report

        sub.reasons.extend(problems)
        answers = decode_report(report)
        if answers is not None:
            sub.marks = _judge.mark_all(self.questions, answers)
        sub.graded = True


def _remove_work_dir(work: Path) -> None:
    from .sandbox import remove_work_dir

    left = remove_work_dir(work)
    if left:
        print(f"注意 (note): 临时文件夹 {work} 没能全部删除，下次批改时会再删一次"
              f"（could not remove everything in {work}; the next run retries）", file=sys.stderr)


def _watch(isolation, folder: Path) -> list[Path]:
    """Folders to compare before and after a run where no sandbox hides them."""
    if isolation.mode == "bwrap":
        return []
    return [isolation.package_dir, folder]


def _snapshot(folder: Path) -> dict:
    try:
        return {str(p): (p.stat().st_size, p.stat().st_mtime_ns)
                for p in folder.rglob("*") if p.is_file()}
    except OSError:
        return {}


@contextmanager
def _interrupt_on_sigterm():
    """SIGTERM stops the run like Ctrl+C: partial gradebook, clean temp folder."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _progress(total: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="份", disable=not enabled, file=sys.stderr)
