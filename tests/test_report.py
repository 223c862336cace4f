"""coursekit.report: which analyses a file allows, and the saved Chinese report."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import coursekit as ck
from coursekit import report

EXAMPLES = Path(__file__).resolve().parent.parent / "datasets" / "examples"
AS_OF = "2025-12-31"


@pytest.fixture(scope="module")
def tables():
    ships = ck.read_table(EXAMPLES / "company_waybills_gbk.csv", "shipments",
                          columns={"结算金额": "revenue"})
    complaints = ck.read_table(EXAMPLES / "company_complaints_gbk.csv", "complaints")
    return ships, complaints


def test_what_can_run_names_the_missing_columns(tables):
    ships, complaints = tables
    plan = report.what_can_run(ships[["customer_id", "order_date", "revenue"]])
    assert plan.set_index("analysis")["possible"].to_dict() == {
        "ABC 分类与帕累托分析": "是", "RFM 分析与客户群": "是", "生命周期与同期群留存": "是",
        "客户盈利与历史价值（CLV）": "否", "服务质量指标（KPI）": "否", "投诉处理指标": "否",
        "投诉类别帕累托": "否"}
    missing = plan.set_index("analysis")["missing"]
    assert missing["客户盈利与历史价值（CLV）"] == "成本（元）（cost）"
    assert "准时（on_time）" in missing["服务质量指标（KPI）"]
    assert missing["投诉处理指标"] == "没有投诉表（complaints）"
    assert report.what_can_run(ships, complaints)["possible"].eq("是").all()


def test_the_report_holds_what_the_data_allows_and_lists_the_rest(tables):
    ships, _ = tables
    partial = report.own_report(ships[["customer_id", "order_date", "revenue"]], as_of=AS_OF,
                                company="甲公司")
    assert [s.key for s in partial.sections] == ["overview", "abc", "rfm", "lifecycle"]
    assert len(partial.skipped) == 4
    assert "甲公司" in partial.title


def test_the_numbers_in_the_sentences_are_those_of_the_analyses(tables):
    ships, complaints = tables
    full = report.own_report(ships, complaints, as_of=AS_OF, company="乙公司")
    text = {s.key: " ".join(s.sentences) for s in full.sections}
    summary = ck.pareto_summary(ck.abc_classify(ships)).set_index("abc_class")
    assert f"A 类客户 {summary.loc['A类', 'customers']} 家" in text["abc"]
    assert f"{summary.loc['A类', 'value_share']:.1%}" in text["abc"]
    losing = (ck.customer_profitability(ships)["profit"] < 0).sum()
    assert f"共有 {losing} 家客户在亏钱" in text["value"]
    on_time = ck.service_kpis(ships)["on_time_rate"].iloc[0]
    assert f"准时率 {on_time:.1%}" in text["service"]
    assert "延误" in text["complaint_pareto"]


def test_save_writes_html_xlsx_and_charts_and_nothing_half_written(tables, tmp_path):
    ships, complaints = tables
    full = report.own_report(ships, complaints, as_of=AS_OF, company="乙公司")
    written = full.save(tmp_path / "out")
    assert written[:2] == ["report.html", "report.xlsx"]
    assert all((tmp_path / "out" / name).stat().st_size > 1000 for name in written)
    assert not list((tmp_path / "out").rglob("*.part"))
    assert all(not Path(name).is_absolute() for name in written)
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "乙公司客户数据分析报告" in page and page.count("data:image/png;base64,") == 6
    assert str(tmp_path) not in page                      # no machine path in the report
    assert not re.search(r"<th>[a-z]+(_[a-z]+)+</th>", page)  # Chinese headers only
    sheets = pd.read_excel(tmp_path / "out" / "report.xlsx", sheet_name=None)
    assert len(sheets) == sum(len(s.tables) for s in full.sections)
    assert any("ABC 类别" in sheet.columns.tolist() or "ABC 类别" in str(sheet.iloc[:, 0].name)
               for sheet in sheets.values())


def test_the_same_data_gives_the_same_report(tables, tmp_path):
    ships, complaints = tables
    first = report.own_report(ships, complaints, as_of=AS_OF).html()
    again = report.own_report(ships, complaints, as_of=AS_OF).html()
    assert first == again


@pytest.mark.parametrize("call, kind, word", [
    (lambda s: report.own_report(s, as_of=None), TypeError, "as_of"),
    (lambda s: report.own_report(s.to_dict(), as_of=AS_OF), TypeError, "shipments"),
    (lambda s: report.own_report(s, as_of=AS_OF, company=3), TypeError, "company"),
    (lambda s: report.own_report(s, as_of=AS_OF).save(""), TypeError, "folder"),
    (lambda s: report.what_can_run(s, complaints=[1, 2]), TypeError, "complaints"),
])
def test_bad_arguments_are_explained(tables, call, kind, word):
    with pytest.raises(kind, match=word):
        call(tables[0][["customer_id", "order_date", "revenue"]])


# ---------------------------------------------------------------------------
# Real-data review 1 (tests/realdata_make_files.py writes the reviewer's files)
# ---------------------------------------------------------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    folder = tmp_path_factory.mktemp("realdata")
    subprocess.run([sys.executable, str(Path(__file__).parent / "realdata_make_files.py"), str(folder)],
                   check=True, capture_output=True)
    ships = ck.read_table(folder / "ships_nosign_gbk.csv", "shipments")
    complaints = ck.read_table(folder / "complaints_nosign_gbk.csv", "complaints")
    return ships, complaints


def test_review_another_companys_complaints_are_not_mixed_in(review, tables):
    ships, own_complaints = review
    example_complaints = tables[1]
    plan = report.what_can_run(ships, example_complaints).set_index("analysis")
    assert plan.loc["投诉处理指标", "possible"] == "否"
    assert "0/32" in plan.loc["投诉处理指标", "missing"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = report.own_report(ships, example_complaints, as_of="2025-12-31")
    assert not {"complaints", "complaint_pareto"} & {s.key for s in result.sections}
    assert "投诉处理指标" in result.skipped["analysis"].tolist()
    ok = report.what_can_run(ships, own_complaints).set_index("analysis")["possible"]
    assert ok["投诉处理指标"] == "是" and ok["投诉类别帕累托"] == "是"


def test_review_complaints_without_satisfaction_still_get_kpis_and_pareto(review):
    ships, complaints = review
    result = report.own_report(ships, complaints.drop(columns="satisfied"), as_of="2025-12-31")
    sections = {s.key: s for s in result.sections}
    kpis = sections["complaints"].tables[0][1]
    assert pd.isna(kpis["satisfied_rate"].iloc[0])
    assert kpis["first_contact_resolution_rate"].iloc[0] == pytest.approx(0.65)
    assert "满意率空着" in " ".join(sections["complaints"].sentences)
    direct = ck.complaint_kpis(complaints.drop(columns="satisfied"), ships)
    assert pd.isna(direct["satisfied_rate"].iloc[0])
    assert direct.drop(columns="satisfied_rate").equals(
        ck.complaint_kpis(complaints, ships).drop(columns="satisfied_rate"))
    only_category = report.own_report(ships, complaints[["complaint_id", "category"]], as_of="2025-12-31")
    assert "complaint_pareto" in {s.key for s in only_category.sections}


def test_review_as_of_before_the_last_order_cuts_every_analysis(review):
    ships, complaints = review
    with pytest.warns(UserWarning, match="早于最后一张运单"):
        early = report.own_report(ships, complaints, as_of="2025-06-30")
    before = ships[ships["order_date"] <= "2025-06-30"].reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # as_of after the last order: no warning
        cut = report.own_report(before, complaints[complaints["received_at"] < "2025-07-01"],
                                as_of="2025-06-30")
    assert "之后的" in early.intro and "张运单" in early.intro
    for mine, theirs in zip(early.sections[1:], cut.sections[1:]):  # every analysis equals the cut data's
        assert mine.key == theirs.key
        assert all(a[1].equals(b[1]) for a, b in zip(mine.tables, theirs.tables)), mine.key
    abc_total = early.sections[1].tables[0][1]["revenue"].sum()
    assert abc_total == pytest.approx(before["revenue"].sum())
    with pytest.warns(UserWarning, match="早于最后一张运单"):
        report.what_can_run(ships, as_of="2025-06-30")


def test_review_as_of_long_after_the_last_order_is_questioned(review):
    ships, _ = review
    with pytest.warns(UserWarning, match="晚 .* 天"):
        late = report.own_report(ships, as_of="2026-11-30")
    assert "最后一张运单的日期" in late.intro
    with pytest.raises(ValueError, match="早于第一张运单"):
        report.own_report(ships, as_of="2023-01-01")
    assert report.as_of_notes(ships, ships["order_date"].max()) == []


# ---------------------------------------------------------------------------
# own_data.ipynb run on the reviewer's files, changing only the settings cell
# ---------------------------------------------------------------------------

import json  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "own_data.ipynb"


def _code_cells() -> list:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def test_own_data_names_every_file_once_in_its_settings_cell():
    cells = _code_cells()
    settings = [i for i, code in enumerate(cells) if code.startswith("waybills_file =")]
    assert len(settings) == 1
    assert all("datasets/examples" not in code for code in cells[settings[0] + 1:])
    assert all(name in cells[settings[0]] for name in ("complaints_file", "excel_copy_file", "None"))
    assert "import coursekit.exercises" in cells[0]
    assert all("open(" not in code for code in cells)  # the preview works for any encoding and .xlsx
    page = NOTEBOOK.read_text(encoding="utf-8")
    assert 'r\\"C:\\\\' in page and "示例文件的对应关系" in page


def _run_own_data(folder, tmp_path, monkeypatch, complaints_file):
    """Every code cell of own_data.ipynb, with the settings a teacher would write."""
    monkeypatch.chdir(tmp_path)
    settings = (f"waybills_file = r'{folder / 'ships_gbk.csv'}'\n"
                f"complaints_file = {complaints_file!r}\n"
                "excel_copy_file = None\nas_of = '2025-12-31'\ncompany = '南宁某物流'\n")
    space = {"display": lambda *args, **kwargs: None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for code in _code_cells():
            code = settings if code.startswith("waybills_file =") else code
            code = code.replace('columns = {"结算金额": "revenue"}', "columns = {}")
            exec(compile(code, "<own_data cell>", "exec"), space)  # noqa: S102 - our own notebook
    return space


@pytest.fixture(scope="module")
def review_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("realdata_nb")
    subprocess.run([sys.executable, str(Path(__file__).parent / "realdata_make_files.py"), str(folder)],
                   check=True, capture_output=True)
    return folder


def test_own_data_with_a_teachers_waybills_and_no_complaints(review_folder, tmp_path, monkeypatch):
    space = _run_own_data(review_folder, tmp_path, monkeypatch, None)
    assert space["complaints"] is None and len(space["shipments"]) == 420
    keys = {s.key for s in space["result"].sections}
    assert not {"complaints", "complaint_pareto"} & keys and "abc" in keys
    assert (tmp_path / "my_report" / "report.html").exists()


def test_own_data_with_a_teachers_complaints(review_folder, tmp_path, monkeypatch):
    space = _run_own_data(review_folder, tmp_path, monkeypatch,
                          str(review_folder / "complaints_gbk.csv"))
    assert len(space["complaints"]) == 40
    overview = space["result"].sections[0].tables[0][1]["value"]
    assert overview["投诉数"] == "40"
    assert {"complaints", "complaint_pareto"} <= {s.key for s in space["result"].sections}


def test_review_own_report_passes_holidays_to_the_complaint_deadline(review):
    ships, complaints = review
    holidays = pd.date_range("2024-01-01", "2025-12-31", freq="D")[::3]  # many days off
    plain = report.own_report(ships, complaints, as_of="2025-12-31")
    off = report.own_report(ships, complaints, as_of="2025-12-31", holidays=list(holidays))
    within = [next(s for s in r.sections if s.key == "complaints").tables[0][1]["within_deadline_rate"].iloc[0]
              for r in (plain, off)]
    expected = ck.complaint_kpis(complaints, ships, holidays=list(holidays))["within_deadline_rate"].iloc[0]
    assert within[1] == pytest.approx(expected) and within[1] > within[0]
