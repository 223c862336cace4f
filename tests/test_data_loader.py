"""coursekit.data: loading with the dictionary's types, and clear errors for every kind of damage."""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from coursekit import data
from coursekit.data import describe_dataset, list_datasets, load_dataset

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"

EXPECTED_KIND = {
    "string": lambda s, nullable: s.dtype == "str",
    "float": lambda s, nullable: s.dtype == "float64",
    "int": lambda s, nullable: s.dtype == ("Int64" if nullable else "int64"),
    "bool": lambda s, nullable: s.dtype == ("boolean" if nullable else "bool"),
    "date": lambda s, nullable: pd.api.types.is_datetime64_any_dtype(s),
    "datetime": lambda s, nullable: pd.api.types.is_datetime64_any_dtype(s),
    "category": lambda s, nullable: isinstance(s.dtype, pd.CategoricalDtype) and not s.cat.ordered,
    "ordered": lambda s, nullable: isinstance(s.dtype, pd.CategoricalDtype) and s.cat.ordered,
}


def dictionaries() -> pd.DataFrame:
    parts = []
    for path in (DATASETS / "dictionary.csv", DATASETS / "cases" / "dictionary.csv"):
        if path.is_file():
            parts.append(pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False))
    return pd.concat(parts, ignore_index=True)


@pytest.mark.parametrize("name", list_datasets())
def test_every_table_loads_with_the_dictionary_types(name):
    frame = load_dataset(name)
    schema = dictionaries().query("dataset == @name")
    assert frame.columns.tolist() == schema["column"].tolist()
    assert len(frame) > 0
    for row in schema.itertuples():
        column = frame[row.column]
        declared = getattr(row, "nullable", "")
        nullable = declared == "True" if declared in ("True", "False") else bool(column.isna().any())
        assert EXPECTED_KIND[row.dtype](column, nullable), f"{name}.{row.column}: {column.dtype} for {row.dtype}"
        if row.dtype in ("category", "ordered"):
            assert column.cat.categories.tolist() == row.categories.split("|"), f"{name}.{row.column}"


def test_company_tables_come_first_then_cases():
    names = list_datasets()
    company = pd.read_csv(DATASETS / "dictionary.csv", encoding="utf-8-sig")["dataset"].unique().tolist()
    assert names[:len(company)] == company
    if (DATASETS / "cases" / "dictionary.csv").is_file():
        assert len(names) > len(company)


def test_nullable_columns_get_nullable_dtypes():
    complaints = load_dataset("complaints")
    assert complaints["satisfied"].dtype == "boolean" and complaints["satisfied"].isna().any()
    shipments = load_dataset("shipments")
    assert shipments["delivered_date"].isna().sum() == shipments["lost"].sum()
    leads = load_dataset("leads")
    assert leads["stage"].cat.ordered and leads["stage"].cat.categories[0] == "线索"


def test_describe_dataset():
    info = describe_dataset("shipments")
    assert info.columns.tolist() == ["column", "dtype", "unit", "zh"]
    assert info["column"].tolist() == load_dataset("shipments").columns.tolist()
    assert info.set_index("column").at["revenue", "unit"] == "元"
    with pytest.raises(ValueError, match="shipments"):
        describe_dataset("shipment")


def test_unknown_name_suggests_the_nearest():
    with pytest.raises(ValueError) as error:
        load_dataset("custmers")
    message = str(error.value)
    assert "你是不是想写 'customers'" in message and "Did you mean 'customers'" in message
    assert "shipments" in message  # lists what exists


def test_name_must_be_text():
    with pytest.raises(TypeError, match="数据集名字"):
        load_dataset(3)


def test_returns_a_copy_each_time():
    first = load_dataset("customers")
    first.loc[0, "name"] = "被改掉了"
    del first["city"]
    again = load_dataset("customers")
    assert again.loc[0, "name"] != "被改掉了" and "city" in again.columns
    assert again is not load_dataset("customers")


def test_works_from_another_working_directory():
    code = ("from coursekit.data import load_dataset, list_datasets; "
            "print(load_dataset('customers').shape[0], len(list_datasets()))")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(data.ENV_VAR, None)
    result = subprocess.run([sys.executable, "-c", code], cwd="/tmp", env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[0]) == len(load_dataset("customers"))


# ---------------------------------------------------------------------------
# A small fake datasets folder for the error paths
HEADER = "dataset,column,dtype,unit,zh,categories,nullable\n"
DEMO_DICT = HEADER + (
    "demo,id,string,,编号,,False\n"
    "demo,day,date,,日期,,False\n"
    "demo,amount,float,元,金额,,False\n"
    "demo,count,int,件,件数,,True\n"
    "demo,ok,bool,,是否,,False\n"
    "demo,level,ordered,,等级,低|中|高,False\n"
)
DEMO_CSV = "id,day,amount,count,ok,level\nA1,2025-01-02,12.5,3,True,中\nA2,2025-01-03,7.0,,False,高\n"


def make_folder(root: Path, csv: str | bytes = DEMO_CSV, dictionary: str = DEMO_DICT,
                file_name: str = "demo.csv") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "dictionary.csv").write_text(dictionary, encoding="utf-8-sig")
    if csv is not None:
        payload = csv if isinstance(csv, bytes) else csv.encode("utf-8-sig")
        if file_name.endswith(".gz"):
            payload = gzip.compress(payload, mtime=0)
        (root / file_name).write_bytes(payload)
    return root


def test_fake_folder_loads_with_types(tmp_path):
    folder = make_folder(tmp_path / "d")
    frame = data._load("demo", data_dir=folder)
    assert frame["count"].dtype == "Int64" and frame["count"].isna().sum() == 1
    assert frame["ok"].dtype == "bool" and frame["day"].dt.day.tolist() == [2, 3]
    assert frame["level"].cat.ordered and frame["level"].cat.categories.tolist() == ["低", "中", "高"]


def test_env_var_points_to_another_folder(tmp_path, monkeypatch):
    folder = make_folder(tmp_path / "d")
    monkeypatch.setenv(data.ENV_VAR, str(folder))
    assert list_datasets() == ["demo"]
    assert load_dataset("demo").shape == (2, 6)


def test_case_tables_are_listed_after_company_tables(tmp_path):
    folder = make_folder(tmp_path / "d")
    cases = folder / "cases"
    case_dict = ("dataset,column,dtype,unit,zh,categories\n"
                 "acme_facts,year,int,,年份,\nacme_facts,value,float,,数值,\nacme_facts,verified,bool,,可信,\n")
    make_folder(cases, "year,value,verified\n2006,1.5,True\n,2.0,False\n", case_dict, "acme_facts.csv")
    assert [n for n in data._catalog(folder)] == ["demo", "acme_facts"]
    facts = data._load("acme_facts", data_dir=folder)
    assert facts["year"].dtype == "Int64"  # no nullable column: blanks decide
    assert facts["verified"].dtype == "bool"


def test_missing_file(tmp_path, monkeypatch):
    folder = make_folder(tmp_path / "d", csv=None)
    monkeypatch.setenv(data.ENV_VAR, str(folder))
    assert list_datasets() == []
    with pytest.raises(ValueError, match="文件不存在[\\s\\S]*missing"):
        load_dataset("demo")


def test_missing_dictionary(tmp_path):
    with pytest.raises(ValueError, match="数据字典"):
        data._load("demo", data_dir=tmp_path / "nowhere")


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_damaged_gzip(tmp_path, damage):
    folder = make_folder(tmp_path / "d", file_name="demo.csv.gz", csv=DEMO_CSV * 1 + "A3,2025-01-04,1.0,1,True,低\n")
    path = folder / "demo.csv.gz"
    raw = path.read_bytes()
    path.write_bytes(raw[:len(raw) // 2] if damage == "truncated" else b"\x1f\x8b\x08garbage-bytes" * 5)
    with pytest.raises(ValueError, match="demo.csv.gz[\\s\\S]*损坏[\\s\\S]*damaged"):
        data._load("demo", data_dir=folder)


def test_damaged_plain_file(tmp_path):
    folder = make_folder(tmp_path / "d", csv=b"\xff\xfe\x00garbage\x81\x82\n\x00\x01")
    with pytest.raises(ValueError, match="demo.csv"):
        data._load("demo", data_dir=folder)


@pytest.mark.parametrize("csv, pattern", [
    ("id,day,amount,count,ok\nA1,2025-01-02,1,1,True\n", "缺少 \\['level'\\]"),
    ("id,day,amount,count,ok,level,extra\nA1,2025-01-02,1,1,True,中,x\n", "多出 \\['extra'\\]"),
    ("day,id,amount,count,ok,level\n2025-01-02,A1,1,1,True,中\n", "顺序"),
])
def test_column_mismatch(tmp_path, csv, pattern):
    folder = make_folder(tmp_path / "d", csv=csv)
    with pytest.raises(ValueError, match=pattern):
        data._load("demo", data_dir=folder)


@pytest.mark.parametrize("row, column", [
    ("A1,2025-01-02,1.0,1,True,很高", "level"),        # category outside the list
    ("A1,2025/01/02,1.0,1,True,中", "day"),            # wrong date format
    ("A1,2025-01-02,abc,1,True,中", "amount"),          # text in a float column
    ("A1,2025-01-02,1.0,1.5,True,中", "count"),         # not a whole number
    ("A1,2025-01-02,1.0,1,maybe,中", "ok"),             # not a boolean
    (",2025-01-02,1.0,1,True,中", "id"),                # blank where blanks are not allowed
])
def test_bad_values_name_the_column(tmp_path, row, column):
    folder = make_folder(tmp_path / "d", csv="id,day,amount,count,ok,level\n" + row + "\n")
    with pytest.raises(ValueError) as error:
        data._load("demo", data_dir=folder)
    message = str(error.value)
    assert f"'{column}'" in message and "demo.csv" in message and "\n" in message, message


def test_a_failed_load_leaves_no_half_frame_behind(tmp_path):
    folder = make_folder(tmp_path / "d", csv="id,day,amount,count,ok,level\nA1,2025-01-02,1.0,1,True,很高\n")
    before = dict(data._CACHE)
    with pytest.raises(ValueError):
        data._load("demo", data_dir=folder)
    assert data._CACHE.keys() == before.keys()


def test_changed_file_is_read_again(tmp_path):
    folder = make_folder(tmp_path / "d")
    assert len(data._load("demo", data_dir=folder)) == 2
    (folder / "demo.csv").write_text(DEMO_CSV + "A3,2025-01-04,1.0,1,True,低\n", encoding="utf-8-sig")
    os.utime(folder / "demo.csv", ns=(1, 1))  # a new mtime even on coarse clocks
    assert len(data._load("demo", data_dir=folder)) == 3


def test_bad_dictionary_dtype(tmp_path):
    folder = make_folder(tmp_path / "d", dictionary=HEADER + "demo,id,text,,编号,,False\n", csv="id\nA\n")
    with pytest.raises(ValueError, match="类型 'text'"):
        data._load("demo", data_dir=folder)
