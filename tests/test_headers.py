"""Tables a student sees have Chinese headers; code keeps English column names.

A notebook shows a result with ``ck.zh(table)`` (coursekit.labels). This test
reads every stored output of the student edition and fails on a table header
that is an English identifier (``win_rate``) and on a bare pandas Series print
(``Name: revenue, dtype: float64``), which is English a student reads.
Row labels that are data (customer ids such as C0065, credit ratings such as
AA) are not headers and are left alone: they are upper case or mixed.
"""
import html
import json
import re

import pandas as pd
import pytest

import coursekit as ck
from coursekit.labels import COMPUTED, label_of
from coursekit.teacher.edition import STUDENT_DIR, course_notebooks

HEADER_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
SERIES_FOOTER = re.compile(r"^(Name: .*)?dtype: \w+$", re.M)

def english_on_screen(path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            table = data.get("text/html")
            if table:
                table = "".join(table) if isinstance(table, list) else table
                for header in HEADER_CELL.findall(table):
                    text = html.unescape(re.sub(r"<[^>]+>", "", header)).strip()
                    if IDENTIFIER.fullmatch(text):
                        found.append(f"cell {index}: header {text!r}")
            plain = data.get("text/plain") or output.get("text") or ""
            plain = "".join(plain) if isinstance(plain, list) else plain
            if not table and SERIES_FOOTER.search(plain):
                found.append(f"cell {index}: pandas footer {SERIES_FOOTER.search(plain).group(0)!r}")
    return found


@pytest.mark.parametrize("path", course_notebooks(STUDENT_DIR), ids=lambda p: p.name)
def test_student_tables_have_chinese_headers(path):
    found = english_on_screen(path)
    assert not found, f"{path.name}:\n" + "\n".join(found)


# ---------------------------------------------------------------- ck.zh itself

def test_zh_translates_dataset_and_computed_columns():
    shipments = ck.load_dataset("shipments").head(3)
    shown = ck.zh(shipments)
    assert list(shown.columns)[:3] == ["运单号", "客户编号", "下单日期"]
    assert shown.shape == shipments.shape
    assert list(shipments.columns)[0] == "waybill_id"  # the original is untouched


def test_zh_prefers_the_named_dataset_where_a_name_means_two_things():
    table = pd.DataFrame({"revenue": [1.0]})
    assert list(ck.zh(table).columns) == ["收入（元）"]
    assert list(ck.zh(table, dataset="prospect_financials").columns) == ["营业收入（万元）"]


def test_zh_turns_a_series_into_a_headed_table_and_keeps_row_labels():
    counts = pd.Series({"A类": 53, "B类": 80}, name="customers")
    counts.index.name = "abc_class"
    shown = ck.zh(counts)
    assert list(shown.columns) == ["客户数"] and shown.index.name == "ABC 类别"
    assert list(shown.index) == ["A类", "B类"]


def test_zh_handles_multiindex_and_extra_names():
    table = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples(
        [("won", "2024"), ("leads", "2024")], names=["measure", "year"]))
    shown = ck.zh(table, rename={"measure": "指标"})
    assert list(shown.columns.get_level_values(0)) == ["成交数", "线索数"]
    assert list(shown.columns.names) == ["指标", "年份"]


def test_zh_shows_true_false_as_yes_no_and_leaves_the_original_alone():
    table = pd.DataFrame({"too_few": [True, False], "won": [3, 40],
                          "on_time": pd.array([True, None], dtype="boolean")})
    shown = ck.zh(table)
    assert shown["样本太少"].tolist() == ["是", "否"]
    assert shown["准时"].tolist() == ["是", ""]
    assert shown["成交数"].tolist() == [3, 40]
    assert table["too_few"].dtype == bool


def test_zh_rejects_what_is_not_a_table():
    with pytest.raises(TypeError, match="DataFrame"):
        ck.zh([1, 2, 3])


def test_every_dataset_column_has_a_short_chinese_label():
    dictionary = pd.read_csv(ck.data._data_dir() / "dictionary.csv", encoding="utf-8-sig")
    assert dictionary["label"].notna().all()
    for dataset, column in zip(dictionary["dataset"], dictionary["column"]):
        label = label_of(column, dataset=dataset)
        assert label != column and len(label) <= 12, (dataset, column, label)


def test_computed_labels_are_chinese():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert all(cjk.search(label) for label in COMPUTED.values())
