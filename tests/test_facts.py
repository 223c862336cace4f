"""coursekit.facts.cite: a case figure with its source, date and check status."""
import pandas as pd
import pytest

import coursekit as ck
from coursekit.facts import cite


@pytest.fixture(scope="module")
def facts():
    return ck.load_dataset("dhl_facts")


def test_cite_shows_source_date_and_status_in_order(facts):
    shown = cite(facts, "DH31", "DH07")
    assert list(shown.index) == ["DH31", "DH07"] and shown.index.name == "编号"
    assert list(shown.columns) == ["年份", "指标", "数值", "单位", "出处", "出处日期", "核实情况"]
    assert shown.loc["DH31", "核实情况"] == "已核实" and shown.loc["DH07", "核实情况"] == "未核实"
    assert shown.loc["DH31", "数值"] == "88,000" and shown.loc["DH31", "出处日期"] == "2012"


def test_cite_prints_years_without_separator_and_blank_unknown_year():
    facts = ck.load_dataset("walmart_facts")
    shown = cite(facts, "WM29", "WM30")
    assert shown.loc["WM29", "数值"] == "1985"
    assert shown.loc["WM30", "年份"] == ""


def test_cite_rejects_unknown_ids_and_no_ids(facts):
    with pytest.raises(ValueError, match="DH99"):
        cite(facts, "DH31", "DH99")
    with pytest.raises(TypeError, match="至少要给一个编号"):
        cite(facts)


def test_cite_rejects_what_is_not_a_fact_table():
    with pytest.raises(TypeError, match="DataFrame"):
        cite([1, 2], "DH31")
    with pytest.raises(ValueError, match="没有列 .year."):
        cite(pd.DataFrame({"fact_id": ["X01"], "value": [1.0]}), "X01")
