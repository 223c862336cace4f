"""Cleaning the messy prospect list: every planted defect is fixed, nothing else is touched."""
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit import cleaning
from coursekit.data import load_dataset

README = Path(__file__).resolve().parents[1] / "datasets" / "README.md"
ROW = re.compile(r"^\| (\d+) \| `(\w+)` \| ([^|]+) \| ([^|]*) \| ([^|]*) \|$")
DUPLICATE = re.compile(r"重复：与第 (\d+) 行")


def defects():
    """The table of planted defects in datasets/README.md, section 6."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## 6.")[1].split("## 7.")[0]
    rows = [ROW.match(line.strip()) for line in section.splitlines()]
    table = pd.DataFrame([m.groups() for m in rows if m],
                         columns=["row_no", "column", "problem", "raw", "clean"])
    table["row_no"] = table["row_no"].astype(int)
    return table


@pytest.fixture(scope="module")
def raw():
    return load_dataset("prospect_list_raw").set_index("row_no")


@pytest.fixture(scope="module")
def tidy(raw):
    """Each column cleaned on its own, before duplicates are merged (row numbers kept)."""
    out = raw.copy()
    out["company"] = cleaning.normalise_company(raw["company"])
    out["contact"] = cleaning.strip_spaces(raw["contact"])
    out["phone"] = cleaning.normalise_phone(raw["phone"])
    out["city"] = cleaning.normalise_city(raw["city"], out["company"], out["phone"])
    out["industry"] = cleaning.normalise_industry(raw["industry"])
    out["monthly_shipments"] = cleaning.parse_shipments(raw["monthly_shipments"])
    return out


TABLE = defects()
EXACT_COPIES = {int(row.row_no): int(DUPLICATE.search(row.problem).group(1))
                for row in TABLE.itertuples() if "完全相同" in row.problem}
"""Rows typed exactly like an earlier row: they repeat that row's defects unlisted."""


def listed_rows(column, exclude=()):
    """Rows with a listed defect in this column, plus exact copies of such rows."""
    chosen = TABLE[(TABLE["column"] == column) & ~TABLE["problem"].isin(exclude)]
    rows = set(chosen["row_no"])
    return rows | {copy for copy, original in EXACT_COPIES.items() if original in rows}


def test_readme_lists_the_defects():
    assert len(TABLE) > 80
    assert set(TABLE["column"]) == {"company", "contact", "phone", "city", "industry",
                                    "monthly_shipments"}


@pytest.mark.parametrize("defect", list(TABLE.itertuples(index=False)),
                         ids=lambda d: f"row{d.row_no}-{d.column}")
def test_each_planted_defect_is_fixed(defect, raw, tidy):
    value = tidy.loc[defect.row_no, defect.column]
    duplicate = DUPLICATE.search(defect.problem)
    if duplicate:
        marked = cleaning.find_duplicates(raw).loc[defect.row_no, "duplicate_of"]
        assert marked == int(duplicate.group(1))
    elif defect.clean == "缺失" or defect.problem == "行业为空":
        assert pd.isna(value)                  # a blank stays blank: cleaning never guesses
    elif defect.column == "monthly_shipments":
        assert value == float(re.match(r"[\d.]+", defect.clean).group())
    else:
        assert value == defect.clean.strip("`")


@pytest.mark.parametrize("column", ["company", "contact", "phone", "city", "industry",
                                    "monthly_shipments"])
def test_cells_without_a_defect_are_left_alone(column, raw, tidy):
    changed = set(cleaning.show_changes(raw[column], tidy[column]).index)
    listed = listed_rows(column)
    assert changed <= listed, f"{column}: changed rows not in the defect table: {changed - listed}"


def test_step_counts_match_the_defect_table(raw, tidy):
    def listed(column, exclude=()):
        return len(listed_rows(column, exclude))

    assert cleaning.count_changes(raw["phone"], tidy["phone"]) == listed("phone", ["电话为空"])
    assert cleaning.count_changes(raw["contact"], tidy["contact"]) == listed("contact", ["联系人为空"])
    assert cleaning.count_changes(raw["city"], tidy["city"]) == listed("city")
    assert cleaning.count_changes(raw["industry"], tidy["industry"]) == listed("industry", ["行业为空"])
    assert cleaning.count_changes(raw["monthly_shipments"], tidy["monthly_shipments"]) == \
        listed("monthly_shipments", ["发货量为空"])


def test_fifty_eight_companies_remain(raw):
    clean = cleaning.clean_prospect_list(raw)
    assert len(clean) == 58
    assert clean["company"].is_unique
    assert list(clean.columns) == list(raw.columns)
    duplicate_rows = set(TABLE.loc[TABLE["problem"].str.startswith("重复"), "row_no"])
    assert set(raw.index) - set(clean.index) == duplicate_rows
    # blanks a duplicate could fill are filled; the others stay for a phone call
    assert clean["city"].notna().all()
    assert clean.isna().sum().to_dict() == {"company": 0, "contact": 1, "phone": 1, "city": 0,
                                            "industry": 2, "monthly_shipments": 2, "source": 0}


def test_clean_prospect_list_does_not_touch_the_input(raw):
    before = raw.copy()
    cleaning.clean_prospect_list(raw)
    pd.testing.assert_frame_equal(raw, before)


# ---------------------------------------------------------------- single functions

def test_to_halfwidth_keeps_chinese_and_blanks():
    assert cleaning.to_halfwidth("ＡＢＣ１２３（南宁）\u3000") == "ABC123(南宁) "
    assert pd.isna(cleaning.to_halfwidth(None))
    series = pd.Series(["１", None], index=[7, 9])
    assert cleaning.to_halfwidth(series).index.tolist() == [7, 9]


@given(st.text(alphabet=[chr(c) for c in range(0x21, 0x7F)], max_size=20))
def test_to_halfwidth_undoes_full_width(text):
    full = "".join(chr(ord(ch) + 0xFEE0) for ch in text)
    assert cleaning.to_halfwidth(full) == text


@pytest.mark.parametrize("raw_phone, expected", [
    ("0771-5123456", "0771-5123456"), ("07715123456", "0771-5123456"),
    ("0771 5123456", "0771-5123456"), ("(0771)5123456", "0771-5123456"),
    ("0771—5123456", "0771-5123456"), ("０７７１－５１２３４５６", "0771-5123456"),
    ("010-12345678", "010-12345678"), ("02012345678", "020-12345678"),
    ("13812345678", "13812345678"), ("138-1234-5678", "13812345678"),
    ("+86 13812345678", "13812345678"), ("+86-13812345678", "13812345678"),
    ("8613812345678", "13812345678"), ("0086 138 1234 5678", "13812345678"),
])
def test_phone_formats(raw_phone, expected):
    assert cleaning.normalise_phone(raw_phone) == expected
    assert cleaning.normalise_phone(expected) == expected          # already clean: unchanged


def test_unrecognised_phone_warns_and_becomes_blank():
    with pytest.warns(UserWarning, match="无法识别"):
        result = cleaning.normalise_phone(["12345", "0771-5123456"])
    assert pd.isna(result.iloc[0]) and result.iloc[1] == "0771-5123456"


def test_phone_read_as_numbers_is_explained():
    with pytest.raises(TypeError, match="开头的 0"):
        cleaning.normalise_phone(pd.Series([7715123456, 13812345678]))


@pytest.mark.parametrize("bad", [pd.DataFrame({"phone": ["0771-5123456"]}), 5, {"a": 1}])
def test_wrong_input_type_is_a_bilingual_type_error(bad):
    with pytest.raises(TypeError) as error:
        cleaning.normalise_phone(bad)
    zh, en = str(error.value).split("\n")
    assert "参数" in zh and "Argument" in en


def test_mixed_cells_are_rejected():
    with pytest.raises(TypeError, match="不是文字"):
        cleaning.strip_spaces(pd.Series(["南宁", 3], dtype=object))


def test_company_key_merges_legal_forms_only():
    keys = cleaning.company_key(["钦州恒诚食品有限公司", "钦州恒诚食品有限责任公司",
                                 "钦州恒诚食品股份有限公司", "钦州恒诚食品厂", "有限公司"])
    assert keys.tolist() == ["钦州恒诚食品"] * 3 + ["钦州恒诚食品厂", "有限公司"]


def test_find_duplicates_ignores_blank_names():
    frame = pd.DataFrame({"company": [None, "甲公司", None, "甲 公司"]})
    marked = cleaning.find_duplicates(frame)
    assert marked["duplicate_of"].isna().tolist() == [True, True, True, False]
    assert marked.loc[3, "duplicate_of"] == 1


def test_merge_duplicates_keeps_rows_without_a_name():
    frame = pd.DataFrame({"company": [None, "甲公司", None, "甲 公司"],
                          "phone": ["1", None, "3", "4"]})
    merged = cleaning.merge_duplicates(frame)
    assert merged.index.tolist() == [0, 1, 2]
    assert merged["phone"].tolist() == ["1", "4", "3"]


def test_city_rules():
    cities = cleaning.normalise_city(
        ["梧州市", "南京", None, "崇左", None, "北京"],
        companies=["梧州市榕宸糖业", "南宁涵汇医疗", "某某商贸", "崇左汇聚日化", "某某商贸", "某某商贸"],
        phones=[None, None, "0773-5237965", "0771-4117430", "0771-4117430", None])
    # 0771 serves 南宁 and 崇左: it settles nothing; 北京 with no evidence stays for a phone call
    assert [None if pd.isna(c) else c for c in cities] == ["梧州", "南宁", "桂林", "崇左", None, "北京"]


def test_city_lengths_must_match():
    with pytest.raises(ValueError, match="长度必须相同"):
        cleaning.normalise_city(["南宁", "柳州"], companies=["南宁某公司"])


def test_short_city_keeps_its_shi():
    # a one-character name plus 市 is not a "city + 市" pattern to strip
    assert cleaning.normalise_city(["沙市"]).tolist() == ["沙市"]


@pytest.mark.parametrize("text, expected", [
    ("约100票", 100.0), ("５０", 50.0), ("150票/月", 150.0), ("30左右", 30.0), ("1,200", 1200.0),
    ("120-180", 150.0), ("120~180", 150.0), ("大约 80 票", 80.0), ("不详", None), ("", None),
])
def test_parse_shipments(text, expected):
    value = cleaning.parse_shipments(text)
    assert (pd.isna(value) if expected is None else value == expected)


def test_unreadable_shipments_warn():
    with pytest.warns(UserWarning, match="无法识别"):
        assert cleaning.parse_shipments(["很多"]).isna().all()


def test_industry_aliases_can_be_replaced():
    assert cleaning.normalise_industry(["快消"], aliases={"快消": "日用品"}).tolist() == ["日用品"]
    with pytest.raises(TypeError, match="字典"):
        cleaning.normalise_industry(["快消"], aliases=["快消"])


def test_show_and_count_changes():
    before = pd.Series(["300", "约30票", None, None], index=[10, 11, 12, 13])
    after = cleaning.parse_shipments(before)
    table = cleaning.show_changes(before, after)
    assert table.index.tolist() == [11] and table["after"].tolist() == [30.0]
    assert cleaning.count_changes(before, after) == 1
    with pytest.raises(ValueError, match="长度必须相同"):
        cleaning.count_changes(["a", "b"], ["a"])
    with pytest.raises(TypeError):
        cleaning.count_changes("ab", "ab")


def test_no_warnings_on_the_course_data(raw):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cleaning.clean_prospect_list(raw)


# ---------------------------------------------------------------- bad inputs, one table

LIST = pd.DataFrame({"company": ["甲公司"], "contact": ["张三"], "phone": ["13812345678"],
                     "city": ["南宁"], "industry": ["电商"], "monthly_shipments": ["100"]})

BAD_CALLS = [
    (lambda: cleaning.to_halfwidth(5), TypeError, "values"),
    (lambda: cleaning.strip_spaces(LIST), TypeError, "values"),
    (lambda: cleaning.normalise_company(pd.Series([1.0, 2.0])), TypeError, "names"),
    (lambda: cleaning.company_key(["甲公司", 3]), TypeError, "names"),
    (lambda: cleaning.normalise_phone(pd.Series([7715123456])), TypeError, "phones"),
    (lambda: cleaning.normalise_city(["南宁"], phones=["1", "2"]), ValueError, "phones"),
    (lambda: cleaning.normalise_industry(["电商"], aliases="电商"), TypeError, "aliases"),
    (lambda: cleaning.parse_shipments(pd.Series([100, 200])), TypeError, "values"),
    (lambda: cleaning.find_duplicates("名单"), TypeError, "data"),
    (lambda: cleaning.find_duplicates(LIST, company="compnay"), ValueError, "compnay"),
    (lambda: cleaning.merge_duplicates(LIST.iloc[:0]), ValueError, "data"),
    (lambda: cleaning.count_changes(["a"], ["a", "b"]), ValueError, "before"),
    (lambda: cleaning.clean_prospect_list(LIST.drop(columns="phone")), ValueError, "phone"),
]


@pytest.mark.parametrize("call, kind, culprit", BAD_CALLS, ids=range(len(BAD_CALLS)))
def test_bad_inputs_raise_bilingual_errors(call, kind, culprit):
    with pytest.raises(kind) as error:
        call()
    zh, en = str(error.value).split("\n")
    assert re.search(r"[\u4e00-\u9fff]", zh) and en[:1].isascii() and en[:1].isalpha()
    assert culprit in zh and culprit in en


def test_typo_in_a_column_name_gets_a_suggestion():
    with pytest.raises(ValueError, match="company"):
        cleaning.find_duplicates(LIST, company="compnay")
