"""Every case figure a student sees names its source and date; `verified` means checked.

Rules (issue 13):

* no fact row cites the course's seed documents ("种子文档", seed ids): a student
  cannot look those up;
* ``verified = True`` only for a figure whose source is on the team's checked
  source list (shared/cases/README.md, transcribed in :data:`CHECKED_SOURCES`);
* a fact row shown in a case notebook (a table output of the student edition)
  names a source a student can look up (not "原始出处未找到") and, when it is
  marked verified, a dated one; an unverified row is shown with the word
  未核实 in the same table;
* prose that cites a fact id of an unverified figure says so (未核实) in that cell;
* a table of fact rows shows its sources in full, not cut short with "…" (pandas does
  that to long cells unless the notebook sets ``display.max_colwidth`` to None).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

CASES = Path(__file__).resolve().parents[1] / "datasets" / "cases"
STUDENT = Path(__file__).resolve().parents[1] / "student"
FACT_TABLES = ["walmart_facts", "dhl_facts", "cre_facts", "express_kpis"]
CASE_NOTEBOOKS = ["case_walmart.ipynb", "case_dhl.ipynb", "case_cre.ipynb"]

# The named sources of shared/cases/README.md, the team's checked list:
# (text the `source` column contains, text its `source_date` contains or None).
CHECKED_SOURCES = [
    ("Holmes", "2011"), ("沃尔玛中国官网", None), ("PBS", "2004"), ("Supermarket News", "2012"),
    ("TIME", "2012"), ("Harvard Business Review", "1992"), ("Simchi-Levi", "2003"),
    ("Associated Press", "1993-08-15"), ("Walmart Annual Report FY2000", "2000"),
    ("Walmart 10-K", None), ("Walmart 公司官网", "2023"),
    ("Deutsche Post DHL Annual Report 2012", "2012"), ("新华社", "2023-10-18"),
    ("South China Morning Post", "2007"), ("DHL 集团官方资料", None),
    ("China Daily", "2021-03-16"), ("央视", "2024-04"),
    ("国家邮政局", None), ("GB/T 19680", None), ("APQC", None),
]
SEED = re.compile(r"种子|seed|\b00\d_", re.I)
NOT_NAMED = ("原始出处未找到", "未找到任何出处", "原始出处未记录")
YEAR = re.compile(r"(19|20)\d\d")
FACT_ID = re.compile(r"\b(?:WM|DH|CR|KP)\d\d\b")


def _facts() -> pd.DataFrame:
    tables = [pd.read_csv(CASES / f"{name}.csv", encoding="utf-8-sig") for name in FACT_TABLES]
    return pd.concat(tables, ignore_index=True).set_index("fact_id")


def on_checked_list(source: str, source_date: str) -> bool:
    return any(name in source and (date is None or date in source_date)
               for name, date in CHECKED_SOURCES)


def named(source: str) -> bool:
    return not any(text in source for text in NOT_NAMED) and not SEED.search(source)


# ---------------------------------------------------------------- the tables

def test_no_fact_cites_a_seed_document():
    facts = _facts()
    bad = facts.index[facts["source"].str.contains(SEED) | facts["note"].str.contains(SEED)]
    assert bad.empty, list(bad)


def test_verified_means_a_source_on_the_checked_list():
    facts = _facts()
    bad = [fid for fid, row in facts[facts["verified"]].iterrows()
           if not (on_checked_list(row["source"], row["source_date"]) and named(row["source"]))]
    assert not bad, f"verified but not on shared/cases/README.md's source list: {bad}"


def test_unnamed_sources_are_never_verified():
    facts = _facts()
    unnamed = facts[~facts["source"].map(named)]
    assert len(unnamed) > 0                      # the rule below has rows to bite on
    assert not unnamed["verified"].any()


def test_the_checks_reject_what_they_should():
    assert not on_checked_list("Deutsche Welle（DW）报道", "2003-10-28")
    assert not on_checked_list("China Daily 报道", "1989-07-28")   # not the 2021 article
    assert on_checked_list("China Daily", "2021-03-16")
    assert not named("二手资料（原始出处未找到）") and not named("课程资料（种子文档 004）")


# ---------------------------------------------------------------- the notebooks

def _cells(name: str):
    return json.loads((STUDENT / name).read_text(encoding="utf-8"))["cells"]


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else (value or "")


def shown_tables(name: str):
    """(cell index, table text, fact ids in it) of every stored table output."""
    for index, cell in enumerate(_cells(name)):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = _text(data.get("text/html")) or _text(data.get("text/plain"))
            ids = set(FACT_ID.findall(text))
            if ids:
                yield index, text, ids


def problems(name: str) -> list[str]:
    facts, found = _facts(), []
    for index, text, ids in shown_tables(name):
        for fid in sorted(ids):
            row = facts.loc[fid]
            if not named(row["source"]):
                found.append(f"cell {index}: {fid} shown without a source a student can look up")
            elif row["verified"] and not YEAR.search(str(row["source_date"])):
                found.append(f"cell {index}: {fid} is verified but its source has no date")
            elif not row["verified"] and "未核实" not in text:
                found.append(f"cell {index}: {fid} is unverified but the table does not say so")
        if "..." in text or "…" in text:
            found.append(f"cell {index}: a source title is cut short (…): a student cannot look it up")
    for index, cell in enumerate(_cells(name)):
        if cell["cell_type"] != "markdown":
            continue
        source = _text(cell["source"])
        if SEED.search(source):
            found.append(f"cell {index}: cites a seed document")
        unverified = [f for f in set(FACT_ID.findall(source)) if not facts.loc[f, "verified"]]
        if unverified and "未核实" not in source:
            found.append(f"cell {index}: cites unverified {sorted(unverified)} without saying so")
    return found


@pytest.mark.parametrize("name", CASE_NOTEBOOKS)
def test_every_case_figure_shown_is_sourced_and_dated(name):
    found = problems(name)
    assert not found, f"{name}:\n" + "\n".join(found)


def test_the_notebook_check_finds_an_unsourced_row(tmp_path, monkeypatch):
    cell = {"cell_type": "code", "source": "", "metadata": {},
            "outputs": [{"output_type": "execute_result", "metadata": {},
                         "data": {"text/plain": "DH01  1980  DHL 进入中国的年份"}}]}
    (tmp_path / "x.ipynb").write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "STUDENT", tmp_path)
    assert problems("x.ipynb") == ["cell 0: DH01 shown without a source a student can look up"]


def test_the_notebook_check_finds_a_title_cut_short(tmp_path, monkeypatch):
    cell = {"cell_type": "code", "source": "", "metadata": {},
            "outputs": [{"output_type": "execute_result", "metadata": {},
                         "data": {"text/plain": "DH07  2003  份额  37  %  德国之声（Deutsche Welle，DW）报道“DHL to...  未核实"}}]}
    (tmp_path / "x.ipynb").write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "STUDENT", tmp_path)
    assert problems("x.ipynb") == ["cell 0: a source title is cut short (…): a student cannot look it up"]
