"""coursekit.read_table: a company's messy export reads into the same frame as the clean original.

Two sources of "clean originals": the fictional example company of
``datasets/examples`` (its generator gives the clean table) and samples of the
course datasets written back out the way Excel and WPS export them. For each,
every messy form must read into exactly the clean frame, and the unit analyses
on it must equal those on the clean data.
"""
from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import coursekit as ck
from coursekit import ReadTableError, match_columns, read_table
from coursekit.labels import label_of

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "datasets" / "examples"
CJK = re.compile(r"[\u4e00-\u9fff]")
AS_OF = "2025-12-31"
MAPPING = {"结算金额": "revenue"}


def _generator():
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_examples"] = module
    spec.loader.exec_module(module)
    return module


GEN = _generator()


@pytest.fixture(scope="module")
def clean():
    """The example waybills as the generator made them, in the types read_table returns."""
    _, ships, _ = GEN.build()
    out = ships.copy()
    for column in ("order_date", "promised_date", "delivered_date"):
        out[column] = out[column].astype("datetime64[us]")
    out["service"] = pd.Categorical(out["service"].astype(str), categories=["快递", "零担", "整车", "仓配"])
    return out


@pytest.fixture(scope="module")
def forms():
    return {
        "clean csv": read_table(EXAMPLES / "company_waybills_clean.csv", "shipments"),
        "gbk csv": read_table(EXAMPLES / "company_waybills_gbk.csv", "shipments", columns=MAPPING),
        "xlsx": read_table(EXAMPLES / "company_waybills.xlsx", "shipments", columns=MAPPING),
    }


# ---------------------------------------------------------------------------
# the shipped example: every form equals the clean original
# ---------------------------------------------------------------------------

def test_the_shipped_files_are_what_the_generator_writes(tmp_path):
    GEN.main(["--out", str(tmp_path)])
    for name in ("company_waybills_clean.csv", "company_waybills_gbk.csv",
                 "company_complaints_gbk.csv"):
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes(), name
    fresh = pd.read_excel(tmp_path / "company_waybills.xlsx", header=None, dtype=object)
    shipped = pd.read_excel(EXAMPLES / "company_waybills.xlsx", header=None, dtype=object)
    pd.testing.assert_frame_equal(fresh, shipped)


def test_the_messy_files_really_are_messy():
    raw = (EXAMPLES / "company_waybills_gbk.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("gbk")
    lines = text.splitlines()
    assert "虚构" in lines[0] and "运单号" in lines[1]                      # a title line first
    for form in ("2024/1/", "2024年1月", "￥", "元", "合计"):
        assert form in text, form
    assert re.search(r",2024\d{4},", text)                                 # 20240105 dates
    grid = pd.read_excel(EXAMPLES / "company_waybills.xlsx", header=None, dtype=object)
    codes = grid.iloc[2:-1, 1]
    assert {type(v) for v in codes} >= {int, str}                          # mixed id types
    days = grid.iloc[2:-1, 3]
    assert {type(v).__name__ for v in days} >= {"datetime", "int", "str"}  # three date forms


@pytest.mark.parametrize("form", ["clean csv", "gbk csv", "xlsx"])
def test_each_form_reads_into_the_clean_original(forms, clean, form):
    pd.testing.assert_frame_equal(forms[form], clean)


def test_mixed_codes_become_text_ids():
    table = read_table(EXAMPLES / "company_waybills.xlsx", "shipments", columns=MAPPING)
    assert {"10001", "KH-0301"} <= set(table["customer_id"])
    assert table["customer_id"].map(type).eq(str).all()


ANALYSES = {
    "abc": lambda s, c: ck.abc_classify(s),
    "pareto": lambda s, c: ck.pareto_summary(ck.abc_classify(s)),
    "rfm": lambda s, c: ck.rfm_segment(ck.rfm_score(ck.rfm_table(s, as_of=AS_OF))),
    "lifecycle": lambda s, c: ck.lifecycle_stage(s, as_of=AS_OF),
    "cohorts": lambda s, c: ck.cohort_retention(s, period="Q"),
    "historical clv": lambda s, c: ck.historical_clv(s, as_of=AS_OF),
    "profitability": lambda s, c: ck.customer_profitability(s),
    "pyramid": lambda s, c: ck.value_pyramid(ck.customer_profitability(s), value="profit"),
    "status": lambda s, c: ck.customer_status(s, as_of=AS_OF),
    "service": lambda s, c: ck.service_kpis(s, by="service"),
    "complaints": lambda s, c: ck.complaint_kpis(c, s, by="category"),
    "complaint pareto": lambda s, c: ck.complaint_pareto(c),
}


@pytest.mark.parametrize("analysis", sorted(ANALYSES))
@pytest.mark.parametrize("form", ["gbk csv", "xlsx"])
def test_unit_analyses_on_a_messy_form_equal_those_on_the_clean_data(forms, analysis, form):
    complaints = read_table(EXAMPLES / "company_complaints_gbk.csv", "complaints")
    expected = ANALYSES[analysis](forms["clean csv"], complaints)
    got = ANALYSES[analysis](forms[form], complaints)
    pd.testing.assert_frame_equal(got, expected)


def test_example_complaints_read_with_every_column():
    table = read_table(EXAMPLES / "company_complaints_gbk.csv", "complaints")
    _, _, clean = GEN.build()
    assert list(table.columns) == list(clean.columns)
    assert table["compensation"].tolist() == clean["compensation"].tolist()
    pd.testing.assert_series_equal(table["received_at"], clean["received_at"].astype("datetime64[us]"))
    assert table["satisfied"].isna().sum() == clean["satisfied"].isna().sum() > 0


# ---------------------------------------------------------------------------
# the course datasets written out the way Excel does, read back
# ---------------------------------------------------------------------------

def course_sample(name: str, n: int = 300) -> pd.DataFrame:
    table = ck.load_dataset(name)
    return table.iloc[np.linspace(0, len(table) - 1, n).astype(int)].reset_index(drop=True)


def excel_like(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Chinese headers, 是/否 flags, '2025/1/5' dates, '1,234.50' amounts, as text cells."""
    out = pd.DataFrame(index=table.index)
    for column in table.columns:
        values = table[column]
        if pd.api.types.is_bool_dtype(values):
            text = values.map(lambda v: "" if pd.isna(v) else ("是" if v else "否"))
        elif pd.api.types.is_datetime64_any_dtype(values):
            text = values.map(lambda d: "" if pd.isna(d) else
                              f"{d.year}/{d.month}/{d.day}" + (f" {d:%H:%M}" if d.hour or d.minute else ""))
        elif pd.api.types.is_float_dtype(values):
            text = values.map(lambda v: "" if pd.isna(v) else f"{v:,.2f}" if v == round(v, 2) else repr(v))
        else:
            text = values.astype(object).map(lambda v: "" if pd.isna(v) else str(v))
        out[label_of(column, dataset=name)] = text
    return out


@pytest.mark.parametrize("name", ["shipments", "customers", "complaints", "leads"])
@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_course_tables_round_trip_through_an_excel_like_csv(tmp_path, name, encoding):
    original = course_sample(name)
    path = tmp_path / f"{name}.csv"
    with open(path, "w", encoding=encoding, newline="") as stream:
        stream.write("本表为课程虚构数据的导出\r\n")
        excel_like(original, name).to_csv(stream, index=False, lineterminator="\r\n")
    got = read_table(path, name)
    expected = original.copy()
    for column in expected.columns:  # nullable int/bool only where the sample has blanks
        if isinstance(expected[column].dtype, pd.BooleanDtype) and not expected[column].isna().any():
            expected[column] = expected[column].astype(bool)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert [str(t) for t in got.dtypes] == [str(t) for t in expected.dtypes]


def test_course_shipments_round_trip_through_xlsx(tmp_path):
    original = course_sample("shipments", 200)
    path = tmp_path / "ships.xlsx"
    excel_like(original, "shipments").to_excel(path, index=False)
    pd.testing.assert_frame_equal(read_table(path, "shipments"), original)


# ---------------------------------------------------------------------------
# the forms, one by one
# ---------------------------------------------------------------------------

def read(frame, kind="shipments", **kwargs):
    return read_table(pd.DataFrame(frame), kind, **kwargs)


@pytest.mark.parametrize("written", ["2025-01-05", "2025/1/5", "2025.1.5", "2025年1月5日", "20250105",
                                     20250105, 45662, 45662.0, " 2025-1-5 ", "2025-01-05 00:00:00",
                                     "2025/01/05 13:45", "2025-01-05T05:45:00Z",
                                     "2025-01-05T13:45:00+08:00"])
def test_date_forms(written):
    table = read({"客户编号": ["a"], "下单日期": [written]})
    assert table.loc[0, "order_date"] == pd.Timestamp("2025-01-05")


def test_times_with_an_offset_are_converted_to_beijing_time():
    table = read({"complaint_id": ["1", "2"], "received_at": ["2025-01-05T05:45:00Z",
                                                           "2025-01-05T13:45:00+08:00"]},
                 "complaints")
    assert table["received_at"].tolist() == [pd.Timestamp("2025-01-05 13:45")] * 2
    assert table["received_at"].dt.tz is None


@pytest.mark.parametrize("written", ["5/1/2025", "2025-02-30", "下周", "45662元", "1.5"])
def test_non_dates_are_problems(written):
    with pytest.raises(ReadTableError) as caught:
        read({"客户编号": ["a"], "下单日期": [written]})
    problems = caught.value.problems
    assert problems[["row", "header", "column"]].values.tolist() == [[2, "下单日期", "order_date"]]
    assert "日期" in problems.loc[0, "problem"]


@pytest.mark.parametrize("written, value", [("1,234.50", 1234.5), ("¥1,234.50", 1234.5),
                                            ("￥29.33", 29.33), ("29.33元", 29.33),
                                            ("RMB 100", 100.0), ("１２３", 123.0), ("1.2万", 12000.0),
                                            ("(5.00)", -5.0), (" 7 ", 7.0), (8, 8.0)])
def test_amount_forms(written, value):
    assert read({"运费": [written]}).loc[0, "revenue"] == value


@pytest.mark.parametrize("written", ["12,34", "1.234,50", "abc", "¥", "inf", "1e400"])
def test_non_amounts_are_problems(written):
    with pytest.raises(ReadTableError) as caught:
        read({"运费": [written]})
    assert caught.value.problems.loc[0, "column"] == "revenue"


def test_ids_keep_leading_zeros_and_lose_trailing_dot_zero(tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text("客户编号,金额\n00123,1\n1001,2\n", encoding="utf-8")
    assert read_table(path, "shipments")["customer_id"].tolist() == ["00123", "1001"]
    from_excel = read({"客户编号": [1001, 1002.0, "Ｋ-1003", " K-1004 "], "金额": [1, 2, 3, 4]})
    assert from_excel["customer_id"].tolist() == ["1001", "1002", "K-1003", "K-1004"]


@pytest.mark.parametrize("written, flag", [("是", True), ("否", False), ("Y", True), ("n", False),
                                           ("TRUE", True), (0, False), ("√", True), ("×", False),
                                           (True, True)])
def test_yes_no_forms(written, flag):
    assert read({"运单号": ["W1"], "准时": [written]}).loc[0, "on_time"] is np.bool_(flag)


def test_blank_in_a_nullable_column_gives_nullable_types():
    table = read({"complaint_id": ["1", "2"], "satisfied": ["是", ""]}, "complaints")
    assert str(table["satisfied"].dtype) == "boolean" and table["satisfied"].isna().tolist() == [False, True]


def test_title_lines_blank_rows_and_total_lines_are_left_out(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("某公司运单导出\n导出时间：2025-12-31\n客户编号,下单日期,运费\n"
                    "a,2025-01-05,10\n,,\nb,2025-01-06,20\n合计,,30\n", encoding="gbk")
    table = read_table(path, "shipments")
    assert table["customer_id"].tolist() == ["a", "b"]
    assert table["revenue"].sum() == 30


def test_a_total_line_labelled_in_an_unread_first_column_is_left_out(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("序号,客户编号,下单日期,运费\n1,a,2025-01-05,10\n2,b,2025-01-06,20\n合计：,,,30\n",
                    encoding="gbk")
    table = read_table(path, "shipments")
    assert table["customer_id"].tolist() == ["a", "b"]


def test_header_row_found_in_an_xlsx_with_a_title(tmp_path):
    path = tmp_path / "export.xlsx"
    grid = pd.DataFrame([["运单导出", None], ["客户编号", "运费"], ["a", 10], ["b", 20]])
    grid.to_excel(path, header=False, index=False)
    assert read_table(path, "shipments")["revenue"].tolist() == [10.0, 20.0]


def test_ascii_start_with_gbk_further_down(tmp_path):
    path = tmp_path / "late.csv"
    rows = "".join(f"c{i},2025-01-05,{i}\n" for i in range(5000))
    path.write_bytes(("customer_id,order_date,revenue\n" + rows + "南宁,2025-01-06,1\n").encode("gbk"))
    table = read_table(path, "shipments")
    assert table["customer_id"].iloc[-1] == "南宁" and len(table) == 5001


# ---------------------------------------------------------------------------
# problems: all of them, in one table, nothing returned
# ---------------------------------------------------------------------------

def test_every_problem_is_listed_with_its_spreadsheet_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("运单导出\n运单号,客户编号,下单日期,运费,准时\n"
                    "W1,a,2025-01-05,10,是\n"
                    "W2,,2025-13-01,十元,也许\n"
                    "W3,c,2025/1/7,￥1000.00,否\n", encoding="gbk")
    with pytest.raises(ReadTableError) as caught:
        read_table(path, "shipments")
    error = caught.value
    assert isinstance(error, ValueError)
    got = error.problems[["row", "column", "value"]].values.tolist()
    assert got == [[4, "customer_id", ""], [4, "order_date", "2025-13-01"],
                   [4, "revenue", "十元"], [4, "on_time", "也许"]]
    assert list(error.problems.columns) == ["row", "header", "column", "value", "problem"]
    message = str(error)
    assert CJK.search(message.splitlines()[0]) and "nothing was returned" in message
    assert "十元" in message and "第 4 行" in message


def test_many_problems_are_counted_and_capped(tmp_path):
    frame = pd.DataFrame({"客户编号": ["a"] * 1000, "运费": ["x"] * 1000})
    with pytest.raises(ReadTableError) as caught:
        read(frame)
    assert caught.value.total == 1000 and len(caught.value.problems) == 200
    assert "1000 个问题" in str(caught.value)


def test_columns_mapping_wins_and_is_checked():
    frame = {"结算金额": [1.0], "金额": [2.0], "客户": ["a"]}
    assert read(frame, columns={"结算金额": "revenue"})["revenue"].tolist() == [1.0]
    with pytest.raises(ReadTableError, match="revenu"):
        read(frame, columns={"结算金额": "revenu"})
    with pytest.raises(ReadTableError, match="没有表头"):
        read(frame, columns={"结算": "revenue"})
    with pytest.raises(ReadTableError, match="写反了"):
        read(frame, columns={"revenue": "金额"})
    with pytest.raises(TypeError, match="columns"):
        read(frame, columns=["结算金额"])


def test_two_headers_for_one_column_is_a_problem():
    with pytest.raises(ReadTableError, match="都像是 revenue"):
        read({"金额": [1.0], "运费": [2.0]})


def test_repeated_headers_are_a_problem(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("客户编号,运费,运费\na,1,2\n", encoding="utf-8")
    with pytest.raises(ReadTableError):
        read_table(path, "shipments")


def test_blank_in_a_required_column_is_a_problem():
    with pytest.raises(ReadTableError, match="不能为空"):
        read({"运单号": ["W1", None], "客户编号": ["a", "b"]})


def test_no_recognised_header_says_how_to_map():
    with pytest.raises(ReadTableError, match="columns="):
        read({"甲": [1], "乙": [2]})


@pytest.mark.parametrize("call, kind, words", [
    (lambda p: read_table(p / "none.csv", "shipments"), FileNotFoundError, ["none.csv"]),
    (lambda p: read_table(p / "old.xls", "shipments"), ValueError, [".xls", ".xlsx"]),
    (lambda p: read_table(p / "data.json", "shipments"), ValueError, ["CSV", "Excel"]),
    (lambda p: read_table(p / "ok.csv", "shipment"), ValueError, ["shipments"]),
    (lambda p: read_table(p / "ok.csv", 3), TypeError, ["shipments"]),
    (lambda p: read_table(42, "shipments"), TypeError, ["source"]),
    (lambda p: read_table(p / "empty.csv", "shipments"), ValueError, ["空"]),
])
def test_bad_arguments_get_a_bilingual_error(tmp_path, call, kind, words):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "data.json").write_text("{}")
    (tmp_path / "ok.csv").write_text("customer_id\na\n")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(kind) as caught:
        call(tmp_path)
    message = str(caught.value)
    assert CJK.search(message.splitlines()[0]) and len(message.splitlines()) >= 2
    for word in words:
        assert word in message


def test_match_columns_shows_every_header_and_how():
    table = match_columns(EXAMPLES / "company_waybills_gbk.csv", "shipments", columns=MAPPING)
    assert len(table) == len(GEN.GBK_HEADERS)
    row = table.set_index("header")
    assert row.loc["结算金额", "column"] == "revenue" and row.loc["结算金额", "how"] == "columns= 指定"
    assert row.loc["备注", "column"] == "" and "没有对上" in row.loc["备注", "how"]
    assert row.loc["重量（kg）", "column"] == "weight_kg"


# ---------------------------------------------------------------------------
# Real-data review 1: the reviewer's files (tests/realdata_make_files.py, seed 7)
# ---------------------------------------------------------------------------

import subprocess  # noqa: E402
import warnings  # noqa: E402

FEW = {"客户名称编码": "customer_id", "业务发生日期": "order_date", "含税运费(元)": "revenue"}


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    """The folder of the review's files, and the truth tables they were written from."""
    folder = tmp_path_factory.mktemp("realdata")
    subprocess.run([sys.executable, str(ROOT / "tests" / "realdata_make_files.py"), str(folder)],
                   check=True, capture_output=True)
    return folder


def _problem_texts(call) -> list:
    with pytest.raises(ReadTableError) as caught:
        call()
    return caught.value.problems["problem"].tolist()


def test_review_units_in_headers_are_converted_with_a_note(review):
    with pytest.warns(UserWarning, match="万元"):
        table = read_table(review / "units_wan_ton_gbk.csv", "shipments")
    assert table["revenue"].tolist() == [12000.0, 3500.0]
    assert table["weight_kg"].tolist() == [2500.0, 800.0]
    assert any("万元" in note and "10000" in note for note in table.attrs["notes"])
    with warnings.catch_warnings():  # 元 and 公斤 are the dictionary's units: nothing to say
        warnings.simplefilter("error")
        plain = read_table(pd.DataFrame({"客户编码": ["a"], "运费(元)": ["1.20"], "重量(公斤)": ["2.5"]}),
                           "shipments")
    assert plain[["revenue", "weight_kg"]].values.tolist() == [[1.2, 2.5]]


@pytest.mark.parametrize("header, factor", [("运费(千元)", 1000), ("运费（万元）", 10000), ("运费(元)", 1)])
def test_review_money_units(header, factor):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = read_table(pd.DataFrame({"客户编码": ["a"], header: ["1.5"]}), "shipments")
    assert table["revenue"].tolist() == [1.5 * factor]


@pytest.mark.parametrize("header", ["运费(美元)", "运费(USD)", "运费（港币）"])
def test_review_foreign_currency_is_refused(header):
    texts = _problem_texts(lambda: read_table(pd.DataFrame({"客户编码": ["a"], header: ["1.5"]}),
                                              "shipments"))
    assert len(texts) == 1 and "不能换算" in texts[0] and "元" in texts[0]


def test_review_title_line_and_columns_mapping(review):
    table = read_table(review / "ships_few_utf8bom.csv", "shipments", columns=FEW)
    truth = pd.read_csv(review / "truth_shipments.csv", dtype={"customer_id": str})
    assert len(table) == 420
    assert table["revenue"].round(2).tolist() == truth["revenue"].round(2).tolist()
    assert table["customer_id"].tolist() == truth["customer_id"].tolist()


def test_review_footer_under_the_total_is_left_out_and_noted(review):
    table = read_table(review / "ships_gbk.csv", "shipments")
    assert table.equals(read_table(review / "ships_nosign_gbk.csv", "shipments"))
    assert len(table) == 420
    notes = table.attrs["notes"]
    assert any("第 425 行" in n and "合计" in n for n in notes)
    assert any("第 426 行" in n and "制表人" in n for n in notes)
    complaints = read_table(review / "complaints_gbk.csv", "complaints")
    assert len(complaints) == 40


@pytest.mark.parametrize("word", ["合　计", "合 计", "本页合计", "总计", "小计", "合计："])
def test_review_total_line_variants_are_left_out(tmp_path, word):
    path = tmp_path / "t.csv"
    path.write_text(f"运单号,客户编号,下单日期,运费\nW1,a,2025-01-05,10\nW2,b,2025-01-06,5\n{word},,,15\n",
                    encoding="gbk")
    table = read_table(path, "shipments")
    assert table["waybill_id"].tolist() == ["W1", "W2"]
    assert "合计行" in table.attrs["notes"][0]


def test_review_total_word_in_an_unread_third_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("运单号,客户编号,客户名称,运费\nW1,a,甲,10\n,,合计,10\n", encoding="gbk")
    assert read_table(path, "shipments")["waybill_id"].tolist() == ["W1"]


def test_review_a_bad_last_row_is_still_a_problem(tmp_path):
    """A real data row with a blank is no footer: only short rows with no data are."""
    path = tmp_path / "t.csv"
    path.write_text("运单号,客户编号,下单日期,运费\nW1,a,2025-01-05,10\nW2,,2025-01-06,5\n", encoding="gbk")
    texts = _problem_texts(lambda: read_table(path, "shipments"))
    assert texts[0].startswith("不能为空")


def test_review_ignored_rows_are_listed_beside_real_problems(review):
    with pytest.raises(ReadTableError) as caught:
        read_table(review / "ships_gbk.csv", "shipments", columns={"签收人": "origin"})
    problems = caught.value.problems
    ignored = problems[problems["problem"].str.startswith("已忽略")]
    assert ignored["row"].tolist() == [425, 426]
    assert caught.value.total == 420  # one blank 签收人 per waybill; ignored rows are not counted


def test_review_merged_cells_get_one_hint_and_fill_down_reads_them(review):
    texts = _problem_texts(lambda: read_table(review / "ships_merged_gbk.csv", "shipments"))
    real = [t for t in texts if not t.startswith("已忽略")]
    assert len(real) == 1 and "fill_down=['客户编码']" in real[0] and "合并单元格" in real[0]
    filled = read_table(review / "ships_merged_gbk.csv", "shipments", fill_down=["客户编码"])
    truth = pd.read_csv(review / "truth_shipments.csv", dtype={"customer_id": str})
    by_waybill = filled.set_index("waybill_id")["customer_id"]
    assert by_waybill.sort_index().equals(truth.set_index("waybill_id")["customer_id"].sort_index()
                                          .astype(by_waybill.dtype))


def test_review_real_merged_cells_in_xlsx(review):
    texts = _problem_texts(lambda: read_table(review / "merged_real.xlsx", "shipments"))
    assert texts == ["不能为空（如果是合并单元格，可加上 fill_down=['客户编码'] 向下填充）"]
    table = read_table(review / "merged_real.xlsx", "shipments", fill_down="customer_id")
    assert table["customer_id"].tolist() == ["1001", "1001", "C1002"]


def test_fill_down_names_must_be_read_columns():
    with pytest.raises(ValueError, match="fill_down"):
        read_table(pd.DataFrame({"客户编码": ["a"]}), "shipments", fill_down=["客户名称"])
    with pytest.raises(TypeError, match="fill_down"):
        read_table(pd.DataFrame({"客户编码": ["a"]}), "shipments", fill_down=3)


def test_review_a_missing_waybill_id_is_no_merged_cell():
    texts = _problem_texts(lambda: read_table(
        pd.DataFrame({"运单号": ["W1", None, None, "W4"], "运费": [1, 2, 3, 4]}), "shipments"))
    assert texts == ["不能为空", "不能为空"]


@pytest.mark.parametrize("name", ["ships_nosign_gbk.csv", "ships.xlsx"])
def test_review_a_file_open_in_excel(review, monkeypatch, name):
    """What Windows does while Excel holds the file: open() raises PermissionError 13."""
    import builtins
    real_open = builtins.open

    def locked_open(file, *args, **kwargs):
        if str(file).endswith(name):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    read_table(review / "ships_nosign_gbk.csv", "shipments")  # the dictionary is read before
    monkeypatch.setattr(builtins, "open", locked_open)
    with pytest.raises(PermissionError) as caught:
        read_table(review / name, "shipments")
    message = str(caught.value)
    assert "Excel" in message and "关闭" in message and "Close it" in message


def test_review_lock_file_folder_and_missing_file(review):
    with pytest.raises(FileNotFoundError, match=r"锁文件[\s\S]*ships\.xlsx[\s\S]*lock file"):
        read_table(review / "~$ships.xlsx", "shipments")
    with pytest.raises(IsADirectoryError, match=r"文件夹[\s\S]*folder"):
        read_table(review, "shipments")
    with pytest.raises(FileNotFoundError, match=r"找不到文件[\s\S]*does not exist"):
        read_table(review / "nothing.csv", "shipments")
    with pytest.raises(FileNotFoundError, match="引号"):
        read_table(f'"{review / "ships.xlsx"}"', "shipments")


def test_review_extension_does_not_decide_the_format(review):
    expected = read_table(review / "ships_nosign_gbk.csv", "shipments")
    for name in ("xlsx_renamed.xls", "ships_tab_gbk.xls", "csv_named.xlsx"):
        table = read_table(review / name, "shipments")
        assert len(table) == 420 and table["revenue"].equals(expected["revenue"]), name
    with pytest.raises(ValueError, match=r"网页（HTML）[\s\S]*web page"):
        read_table(review / "html_as.xls", "shipments")
    with pytest.raises(ValueError, match=r"旧版 Excel[\s\S]*old Excel"):
        read_table(review / "old_excel.xls", "shipments")


def test_review_missing_sheet_lists_the_sheets(review):
    with pytest.raises(ValueError, match="运单明细、说明"):
        read_table(review / "ships.xlsx", "shipments", sheet="Sheet1")


def test_review_preview_works_for_every_encoding_and_excel(review):
    gbk = ck.preview_file(review / "ships_gbk.csv", 2).splitlines()
    assert gbk[1].startswith("运单编号,客户编码")
    assert ck.preview_file(review / "ships_few_utf8bom.csv", 2).splitlines()[1] == \
        "客户名称编码,业务发生日期,含税运费(元)"
    assert ck.preview_file(review / "ships.xlsx", 2).splitlines()[1].startswith("运单编号 | 客户编码")
    with pytest.raises(FileNotFoundError):
        ck.preview_file(review / "nothing.csv")


def test_review_duplicate_waybills_are_problems(review):
    ships = pd.read_csv(review / "truth_shipments.csv", dtype=str)
    doubled = pd.concat([ships, ships.head(50)], ignore_index=True)
    with pytest.raises(ReadTableError) as caught:
        read_table(doubled, "shipments")
    problems = caught.value.problems
    assert caught.value.total == 50 and problems["problem"].str.startswith("编号重复").all()
    assert problems["row"].iloc[0] == 422 and "第 2 行" in problems["problem"].iloc[0]


def test_review_scientific_notation_ids_are_refused():
    texts = _problem_texts(lambda: read_table(
        pd.DataFrame({"运单号": ["1.23457E+15", "1.23457E+15"], "运费": [1, 2]}), "shipments"))
    assert texts == [texts[0]] * 2 and "科学计数法" in texts[0]


def test_review_dot_zero_ids_read_like_numeric_cells():
    table = read_table(pd.DataFrame({"客户编码": ["1001.0", 1001.0, "C1002", "1001.5"],
                                     "运费": [1, 2, 3, 4]}), "shipments")
    assert table["customer_id"].tolist() == ["1001", "1001", "C1002", "1001.5"]


def test_review_complaint_headers_are_matched(review):
    complaints = read_table(review / "complaints_nosign_gbk.csv", "complaints")
    truth = pd.read_csv(review / "truth_complaints.csv", parse_dates=["resolved_at"])
    assert "resolved_at" in complaints and "satisfied" in complaints
    assert complaints["resolved_at"].isna().tolist() == truth["resolved_at"].isna().tolist()
    assert complaints["satisfied"].isna().sum() == truth["satisfied"].isna().sum()


def test_review_match_columns_shows_unit_conversion_and_refuses_foreign_currency(review):
    how = match_columns(review / "units_wan_ton_gbk.csv", "shipments").set_index("header")["how"]
    assert how["运费(万元)"] == "常用叫法（万元→元，×10000）" and how["客户编码"] == "常用叫法"
    with pytest.raises(ReadTableError, match="美元"):
        match_columns(pd.DataFrame({"运费(美元)": [1]}), "shipments")


def test_review_a_duplicated_column_gets_one_message_with_or_without_columns(review):
    plain = _problem_texts(lambda: read_table(review / "ships_dupcol_gbk.csv", "shipments"))
    mapped = _problem_texts(lambda: read_table(review / "ships_dupcol_gbk.csv", "shipments",
                                               columns={"运费(元)": "revenue"}))
    real = [t for t in plain if not t.startswith("已忽略")]
    assert real == [t for t in mapped if not t.startswith("已忽略")]
    assert len(real) == 1 and "改个名字" in real[0] and "columns=" in real[0]


def test_synonyms_are_public():
    assert "办结时间" in ck.SYNONYMS["resolved_at"] and "客户是否满意" in ck.SYNONYMS["satisfied"]


def test_review_a_short_last_row_of_a_narrow_file_is_no_footer(tmp_path):
    """Three columns read, the last row lacks its amount: a problem, not a footer left out."""
    path = tmp_path / "t.csv"
    path.write_text("客户编号,下单日期,运费\na,2025-01-05,10\nb,2025-01-06,\n", encoding="gbk")
    assert _problem_texts(lambda: read_table(path, "shipments")) == ["不能为空"]
    path.write_text("客户编号,下单日期,运费\na,2025-01-05,10\n制表人：张三,,\n", encoding="gbk")
    assert read_table(path, "shipments")["customer_id"].tolist() == ["a"]


def test_review_a_forgotten_kind_is_explained():
    with pytest.raises(TypeError, match=r"哪一种表[\s\S]*Say which course table"):
        read_table(pd.DataFrame({"客户编码": ["a"]}))
    with pytest.raises(TypeError, match="shipments"):
        match_columns(pd.DataFrame({"客户编码": ["a"]}))


def test_review_a_file_of_another_kind_gets_a_warning(review):
    with pytest.warns(UserWarning, match="2/12 列"), pytest.raises(ReadTableError, match="编号重复"):
        read_table(review / "complaints_nosign_gbk.csv", "shipments")  # two complaints on one waybill
    with pytest.warns(UserWarning, match="complaints 表吗"):
        read_table(review / "ships_nosign_gbk.csv", "complaints")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the right kind: no warning
        read_table(review / "ships_nosign_gbk.csv", "shipments")
        read_table(review / "complaints_nosign_gbk.csv", "complaints")


@pytest.mark.parametrize("written, value", [("-￥1,234.00", -1234.0), (" ￥ -   ", 0.0), ("-¥50", -50.0),
                                            ("￥-50", -50.0)])
def test_review_excel_currency_formats(written, value):
    table = read_table(pd.DataFrame({"客户编码": ["a"], "运费": [written]}), "shipments")
    assert table["revenue"].tolist() == [value]


@pytest.mark.parametrize("written", ["-", "—", "--￥5", "￥"])
def test_review_a_dash_without_a_currency_sign_is_still_no_amount(written):
    with pytest.raises(ReadTableError, match="不是数字"):
        read_table(pd.DataFrame({"客户编码": ["a"], "运费": [written]}), "shipments")


def test_review_the_hint_for_a_weight_is_not_about_currency():
    texts = _problem_texts(lambda: read_table(pd.DataFrame({"客户编码": ["a"], "重量": ["12.5kg"],
                                                            "运费": ["十元"]}), "shipments"))
    assert "¥" not in texts[0] and "表头的括号" in texts[0] and "¥" in texts[1]


def test_review_columns_overriding_an_automatic_match_is_said(review):
    swapped = {"运费(元)": "cost", "成本": "revenue"}
    how = match_columns(review / "ships_nosign_gbk.csv", "shipments", columns=swapped)
    how = how.set_index("header")["how"]
    assert how["运费(元)"] == "columns= 指定（覆盖了自动对上的 成本）"
    assert how["成本"] == "columns= 指定（覆盖了自动对上的 运费(元)）"
    table = read_table(review / "ships_nosign_gbk.csv", "shipments", columns=swapped)
    assert sum("覆盖了自动对上的" in note for note in table.attrs["notes"]) == 2
    plain = match_columns(review / "ships_few_utf8bom.csv", "shipments", columns=FEW)
    assert plain["how"].tolist() == ["columns= 指定"] * 3


@pytest.mark.parametrize("written, stamp", [
    ("2025/3/5 下午 2:30", "2025-03-05 14:30"), ("2025/3/5 上午 9:05", "2025-03-05 09:05"),
    ("2025/3/5 上午 12:10", "2025-03-05 00:10"), ("2025-03-05 2:30 PM", "2025-03-05 14:30"),
    ("20250305143000", "2025-03-05 14:30"), ("2025年3月5日 下午3:00", "2025-03-05 15:00")])
def test_review_times_with_am_pm_and_run_together(written, stamp):
    table = read_table(pd.DataFrame({"投诉编号": ["T1"], "受理时间": [written]}), "complaints")
    assert table["received_at"].tolist() == [pd.Timestamp(stamp)]


@pytest.mark.parametrize("written", ["2025/3/5 下午 14:30", "2025/3/5 上午 13:00", "202503051430000"])
def test_review_impossible_am_pm_times_are_problems(written):
    with pytest.raises(ReadTableError, match="不是日期"):
        read_table(pd.DataFrame({"投诉编号": ["T1"], "受理时间": [written]}), "complaints")


def test_values_maps_a_companys_own_category_words():
    """A complaints export says 400热线 and 微信公众号; values= maps them to the course's words."""
    export = pd.DataFrame({"投诉编号": ["T1", "T2", "T3"], "客户编号": ["C1", "C2", "C3"],
                           "受理时间": ["2025-01-05 10:00"] * 3,
                           "投诉渠道": ["400热线", "微信公众号", "电话"]})
    with pytest.raises(ck.ReadTableError) as raised:
        ck.read_table(export, "complaints")
    shown = str(raised.value)
    assert "400热线" in shown and "values={'intake_channel'" in shown
    mapping = {"投诉渠道": {"400热线": "电话", "微信公众号": "微信"}}
    table = ck.read_table(export, "complaints", values=mapping)
    assert table["intake_channel"].astype(str).tolist() == ["电话", "微信", "电话"]
    # by course column name too, and every entry is checked
    same = ck.read_table(export, "complaints", values={"intake_channel": mapping["投诉渠道"]})
    assert same["intake_channel"].equals(table["intake_channel"])
    with pytest.raises(ValueError, match="不是 intake_channel 的取值"):
        ck.read_table(export, "complaints", values={"intake_channel": {"400热线": "热线"}})
    with pytest.raises(ValueError, match="不是读入的列"):
        ck.read_table(export, "complaints", values={"渠道名称": {"400热线": "电话"}})
    with pytest.raises(ValueError, match="只用于有固定取值的列"):
        ck.read_table(export, "complaints", values={"客户编号": {"C1": "C9"}})
    with pytest.raises(TypeError, match="values"):
        ck.read_table(export, "complaints", values={"投诉渠道": "电话"})
