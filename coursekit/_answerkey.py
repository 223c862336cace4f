"""The answer key students receive: salted slow hashes instead of answers.

A handout (``python -m coursekit handout``) carries ``coursekit/answer_key.json``
instead of the question bank. For every question it holds the public part of
the question's spec (kind, tolerance as told, options, hint) and, for every
facet, the hashes of the accepted canonical texts::

    hash = PBKDF2-HMAC-SHA256(f"{id}␟{facet}␟{text}", salt, iterations)[:16 bytes]

The salt is drawn afresh for each handout, so hashes cannot be looked up in a
table made for another class. PBKDF2 is deliberately slow: one hash costs
about 25 ms on the course machine (``iterations`` is set per question so that
one check stays near that cost however many facets it hashes). A student can
still try answers one by one against it: that is what a check does, at the
same cost (see the teacher guide, 「学生还能做什么」).

Examples
--------
>>> from coursekit._judging import number_spec, text_spec
>>> key = build_key({"t.x": {**number_spec(12.5, tolerance=0.5), "hint": "重读「1」"},
...                  "t.city": {**text_spec("南宁"), "hint": "重读「2」"}}, iterations=10)
>>> "南宁" in json.dumps(key, ensure_ascii=False)
False
>>> judge_hashed(key, "t.x", 12.2), judge_hashed(key, "t.city", " 南宁 ")
((True, ''), (True, ''))
>>> judge_hashed(key, "t.x", 13.2)
(False, '你的结果是 13.2，和参考答案相差超过允许误差 ±0.5。')
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from ._judging import hashes_per_check, judge_spec

FORMAT = 1
BASE_ITERATIONS = 40_000     # about 25 ms for one hash on the course machine (2 cores, 2026)
MIN_ITERATIONS = 1_000
KEY_FILE = Path(__file__).with_name("answer_key.json")


@lru_cache(maxsize=4096)
def digest(salt: str, iterations: int, question_id: str, facet: str, text: str) -> str:
    """The salted slow hash of one canonical text (cached: a re-run check is instant)."""
    message = f"{question_id}\x1f{facet}\x1f{text}".encode("utf-8")
    return hashlib.pbkdf2_hmac("sha256", message, bytes.fromhex(salt), iterations, dklen=16).hex()


def iterations_for(spec: dict, base: int = BASE_ITERATIONS) -> int:
    """Hash cost for one question: ``base`` split over the hashes one check computes."""
    return max(min(base, MIN_ITERATIONS), base // hashes_per_check(spec))


def hashed_entry(question_id: str, spec: dict, salt: str, base: int, pool=None) -> dict:
    """The key's entry for one question: public parameters and hashed facets."""
    rounds = iterations_for(spec, base)
    mapper = pool.map if pool is not None else map
    facets = {name: sorted(mapper(lambda text, name=name: digest(salt, rounds, question_id,
                                                                  name, text), texts))
              for name, texts in spec["facets"].items()}
    entry = {"kind": spec["kind"], "params": spec["params"], "iterations": rounds,
             "facets": facets, "hint": spec.get("hint", "")}
    if spec.get("errors"):
        entry["errors"] = dict(spec["errors"])
    return entry


def build_key(specs: dict, iterations: int = BASE_ITERATIONS, salt: str | None = None,
              graded_only: dict | None = None) -> dict:
    """The whole key: ``{"format", "salt", "questions": {id: entry}}``.

    ``specs`` maps question ids to specs (with ``hint``, optionally ``errors``);
    ``graded_only`` maps the ids local checks must not judge to their hints.
    """
    from concurrent.futures import ThreadPoolExecutor

    salt = salt or os.urandom(16).hex()
    # PBKDF2 releases the GIL: hash on every core (a whole course key takes seconds, not minutes)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        questions = {qid: hashed_entry(qid, spec, salt, iterations, pool)
                     for qid, spec in specs.items()}
    for qid, hint in (graded_only or {}).items():
        questions[qid] = {"graded_only": True, "hint": hint}
    return {"format": FORMAT, "salt": salt, "questions": questions}


def write_key(key: dict, path: Path) -> Path:
    """Write the key as UTF-8 JSON, atomically."""
    path = Path(path)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(key, ensure_ascii=False, indent=1, sort_keys=True),
                    encoding="utf-8")
    os.replace(temp, path)
    return path


@lru_cache(maxsize=2)
def _load(path: str, stamp: float) -> dict | None:
    try:
        key = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return key if isinstance(key, dict) and key.get("format") == FORMAT else None


def load_key(path: Path = KEY_FILE) -> dict | None:
    """The handout's key, or None when this copy has none (the teacher's copy, a grading sandbox)."""
    try:
        stamp = Path(path).stat().st_mtime
    except OSError:
        return None
    return _load(str(path), stamp)


def hashed_matcher(key: dict, question_id: str):
    """The matcher of a handout: hash each candidate and look it up."""
    entry = key["questions"][question_id]
    accepted = {name: set(values) for name, values in entry["facets"].items()}
    salt, rounds = key["salt"], entry["iterations"]

    def match(facet, candidates):
        wanted = accepted.get(facet, ())
        return any(digest(salt, rounds, question_id, facet, c) in wanted for c in candidates)

    return match


def judge_hashed(key: dict, question_id: str, answer) -> tuple[bool, str]:
    """(ok, reason) for an answer, judged from the hashed key alone."""
    entry = key["questions"][question_id]
    return judge_spec(entry, answer, hashed_matcher(key, question_id))
