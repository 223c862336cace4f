"""Checks on the real case tables in datasets/cases/.

The expected figures below are typed in a second time from the team's sourced
case facts, on purpose: if a row is dropped or mistyped in build_cases.py, the
two transcriptions disagree and a test fails.
"""
from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

CASES = Path(__file__).resolve().parents[1] / "datasets" / "cases"
BUILD = CASES / "build_cases.py"
SOURCE = CASES / "source" / "walmart_store_openings_1962_2006.csv"  # unmodified copy
FACT_TABLES = ["walmart_facts", "dhl_facts", "cre_facts", "express_kpis"]
ALL_TABLES = ["walmart_stores", *FACT_TABLES]
FACT_PREFIX = {"walmart_facts": "WM", "dhl_facts": "DH", "cre_facts": "CR", "express_kpis": "KP"}
FACT_COLUMNS = ["fact_id", "year", "metric", "metric_zh", "value", "unit", "source",
                "source_date", "source_type", "verified", "note"]
ALLOWED_DTYPES = {"string", "int", "float", "bool", "date", "datetime", "category", "ordered"}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(CASES / f"{name}.csv", encoding="utf-8-sig")


@pytest.fixture(scope="module")
def stores() -> pd.DataFrame:
    return read("walmart_stores")


@pytest.fixture(scope="module")
def facts() -> dict[str, pd.DataFrame]:
    return {name: read(name) for name in FACT_TABLES}


# --------------------------------------------------------------------------
# File format
# --------------------------------------------------------------------------
@pytest.mark.parametrize("name", [*ALL_TABLES, "dictionary"])
def test_file_is_utf8_bom_with_lf(name):
    raw = (CASES / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    assert raw.endswith(b"\n")
    raw.decode("utf-8-sig")


# --------------------------------------------------------------------------
# Walmart store openings
# --------------------------------------------------------------------------
def test_stores_rows_and_types(stores):
    assert list(stores.columns) == ["open_date", "address", "city", "state", "longitude",
                                    "latitude", "store_type", "is_dc"]
    assert len(stores) == 3251
    assert stores["store_type"].value_counts().to_dict() == {
        "SuperCenter": 1977, "Wal-MartStore": 1196, "DistributionCenter": 78}
    assert stores["is_dc"].dtype == bool
    assert (stores["is_dc"] == (stores["store_type"] == "DistributionCenter")).all()
    assert stores.notna().all().all()


def test_stores_dates_parse_and_span(stores):
    dates = pd.to_datetime(stores["open_date"], format="%Y-%m-%d")
    assert dates.min() == pd.Timestamp("1962-03-01")
    assert dates.max().year == 2006
    assert dates.is_monotonic_increasing


@pytest.mark.parametrize("year, n_stores, n_dcs", [
    (1969, 15, 1), (1979, 258, 2), (1989, 1340, 10), (1999, 2470, 37), (2006, 3173, 78)])
def test_stores_cumulative_counts_match_case_facts(stores, year, n_stores, n_dcs):
    upto = stores[pd.to_datetime(stores["open_date"]).dt.year <= year]
    assert int((~upto["is_dc"]).sum()) == n_stores
    assert int(upto["is_dc"].sum()) == n_dcs


def test_stores_first_dc_is_dated_1962(stores):
    # The known inconsistency the README and notes warn about: Walmart's first
    # DC opened in 1970, yet the file dates one DC 1962.
    first_dc = stores[stores["is_dc"]].iloc[0]
    assert first_dc["open_date"] == "1962-03-01"
    assert first_dc["city"] == "Bentonville"


def test_stores_inside_continental_us(stores):
    assert stores["longitude"].between(-125, -66).all()
    assert stores["latitude"].between(24, 50).all()
    assert stores["state"].str.fullmatch(r"[A-Z]{2}").all()
    assert not stores["state"].isin(["AK", "HI"]).any()


def test_stores_match_source_row_by_row(stores):
    src = pd.read_csv(SOURCE, dtype=str, keep_default_na=False)
    ours = pd.read_csv(CASES / "walmart_stores.csv", encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)
    pairs = {"opendate": "open_date", "st.address": "address", "city": "city", "state": "state",
             "long": "longitude", "lat": "latitude", "type": "store_type"}
    for theirs, mine in pairs.items():
        assert src[theirs].tolist() == ours[mine].tolist(), mine


# --------------------------------------------------------------------------
# Fact tables
# --------------------------------------------------------------------------
@pytest.mark.parametrize("name", FACT_TABLES)
def test_fact_columns_and_required_fields(facts, name):
    table = facts[name]
    assert list(table.columns) == FACT_COLUMNS
    for column in ["fact_id", "metric", "metric_zh", "unit", "source", "source_date", "note"]:
        assert table[column].notna().all(), column
        assert (table[column].str.strip() != "").all(), column
    assert set(table["source_type"]) <= {"P", "S"}
    assert table["verified"].dtype == bool
    assert pd.api.types.is_float_dtype(table["value"]) and table["value"].notna().all()
    assert table["metric"].str.fullmatch(r"[a-z][a-z0-9_]*").all()
    assert table["fact_id"].str.fullmatch(FACT_PREFIX[name] + r"\d{2}").all()
    years = table["year"].dropna()
    assert (years == years.round()).all() and years.between(1960, 2030).all()


def test_fact_ids_unique_across_tables(facts):
    ids = pd.concat([t["fact_id"] for t in facts.values()])
    assert ids.is_unique


def test_year_reads_as_nullable_int(facts):
    # The loader should read year as Int64 because undated rows are blank.
    year = pd.read_csv(CASES / "walmart_facts.csv", encoding="utf-8-sig",
                       dtype={"year": "Int64"})["year"]
    assert year.isna().any() and year.notna().any()


def find(table: pd.DataFrame, metric: str, year) -> pd.DataFrame:
    rows = table[table["metric"] == metric]
    if year is None:
        return rows[rows["year"].isna()]
    return rows[rows["year"] == year]


def test_milk_train_rows_unverified(facts):
    cre = facts["cre_facts"]
    for metric, value in [("milk_transit_days_before", 15), ("milk_transit_hours_after", 98)]:
        row = cre[cre["metric"] == metric]
        assert len(row) == 1 and row["value"].iloc[0] == value
        assert not row["verified"].iloc[0]


def test_course_material_rows_unverified(facts):
    cre = facts["cre_facts"]
    case_rows = cre[cre["source"].str.contains("中铁快运物流案例分析")]
    assert len(case_rows) >= 20
    assert not case_rows["verified"].any()
    assert (case_rows["source_type"] == "S").all()


def test_unverified_flags_elsewhere(facts):
    wm, kp = facts["walmart_facts"], facts["express_kpis"]
    assert not wm.loc[wm["metric"] == "smile_teeth_shown", "verified"].any()
    assert not kp.loc[kp["metric"].str.startswith("satisfaction_threshold"), "verified"].any()


def test_perfect_order_example_multiplies_out(facts):
    kp = facts["express_kpis"].set_index("metric")["value"]
    product = (kp["perfect_order_on_time"] * kp["perfect_order_complete"]
               * kp["perfect_order_damage_free"] * kp["perfect_order_documents_accurate"]) / 100 ** 3
    assert kp["perfect_order_rate"] == 77.16
    assert math.isclose(product, 77.16, abs_tol=0.01)


def test_complaint_deadlines_are_primary(facts):
    kp = facts["express_kpis"]
    rules = kp[kp["source_date"] == "2014-08-27"]
    assert sorted(rules["value"]) == [7, 15, 30]
    assert (rules["source_type"] == "P").all()
    assert rules.loc[rules["value"] == 7, "unit"].iloc[0] == "工作日"


# Every numeric figure from the sourced case facts: (metric, year or None, value).
EXPECTED = {
    "walmart_facts": [
        ("dataset_rows", 2006, 3251), ("dataset_discount_stores", 2006, 1196),
        ("dataset_supercenters", 2006, 1977), ("dataset_dcs", 2006, 78),
        ("dataset_cum_stores", 1969, 15), ("dataset_cum_dcs", 1969, 1),
        ("dataset_cum_stores", 1979, 258), ("dataset_cum_dcs", 1979, 2),
        ("dataset_cum_stores", 1989, 1340), ("dataset_cum_dcs", 1989, 10),
        ("dataset_cum_stores", 1999, 2470), ("dataset_cum_dcs", 1999, 37),
        ("dataset_cum_stores", 2006, 3173), ("dataset_cum_dcs", 2006, 78),
        ("founder_basic_beliefs", None, 3),
        ("greeting_distance_ft", None, 10), ("greeting_distance_m", None, 3),
        ("smile_teeth_shown", None, 8),
        ("dcs_total", 1970, 1), ("stores_total", 1970, 38), ("sales_usd", 1970, 44.2e6),
        ("stores_total", 1975, 125), ("sales_usd", 1975, 340.3e6),
        ("stores_total", 1979, 276), ("sales_usd", 1979, 1.248e9),
        ("stores_total", 1987, 1198), ("sales_usd", 1987, 15.9e9),
        ("satellite_network_sites_min", 1987, 1200),
        ("retail_link_dev_start_year", 1985, 1985), ("retail_link_total_cost_usd", None, 4e9),
        ("share_goods_via_own_dc", None, 85), ("competitor_share_via_dc_max", None, 50),
        ("stores_per_dc_min", None, 150), ("stores_per_dc_max", None, 200),
        ("dc_operating_hours_per_day", None, 24),
        ("store_replenishments_per_week", None, 2), ("cost_of_sales_gap_vs_industry", None, 3),
        ("dc_floor_area_sqft", 1993, 1.1e6), ("dc_receiving_doors_max", 1993, 135),
        ("stores_total_min", 1993, 1900), ("truck_miles_per_year", 1993, 240e6),
        ("us_discount_stores", 2000, 1801), ("us_supercenters", 2000, 721),
        ("sams_clubs", 2000, 463), ("international_units", 2000, 1004),
        ("units_total", 2000, 3989), ("associates", 2000, 1.14e6), ("sales_usd", 2000, 165.0e9),
        ("us_discount_stores", 2009, 891), ("us_supercenters", 2009, 2612),
        ("inventory_turns", 2000, 7.0), ("inventory_days", 2000, 52),
        ("inventory_turns", 2006, 7.8), ("inventory_turns", 2007, 8.1),
        ("inventory_turns", 2008, 8.3), ("inventory_turns", 2009, 8.8),
        ("inventory_days", 2009, 42), ("inventory_turns", 2014, 8.1),
        ("dcs_total", None, 210), ("dc_floor_area_sqft_min", None, 1e6), ("dc_staff_min", None, 600),
        ("dc_trailers_per_day_min", None, 200), ("stores_per_dc_min", None, 90),
        ("stores_per_dc_max", None, 100), ("dc_service_radius_miles_min", None, 150),
        ("tractors", None, 9000), ("trailers", None, 80000), ("drivers_min", None, 11000),
    ],
    "dhl_facts": [
        ("dhl_china_entry_year", 1980, 1980), ("jv_founded_year", 1986, 1986),
        ("jv_share_dhl", 1986, 50), ("jv_share_sinotrans", 1986, 50),
        ("jv_agreement_term_years", 2011, 25),
        ("market_share_intl_express", 1988, 33.3), ("market_share_intl_express", 2003, 37),
        ("market_share_intl_express", 2004, 40), ("market_share_intl_express", 2006, 40),
        ("revenue_usd", 2000, 100e6), ("pudong_gateway_area_m2", 2000, 6100),
        ("pudong_gateway_throughput", 2000, 10000),
        ("customs_clearance_hours_before", 2000, 14), ("customs_clearance_hours_after", 2000, 1),
        ("investment_plan_usd", 2003, 200e6), ("investment_plan_years", 2003, 5),
        ("planned_branches", 2003, 14), ("planned_vehicles", 2003, 1200),
        ("planned_jobs", 2003, 2100),
        ("branches_before", 2006, 56), ("branches_after", 2006, 72),
        ("beijing_building_area_m2", 2006, 40000), ("call_centre_area_m2", 2006, 5000),
        ("investment_greater_china_usd", 2008, 1.3e9), ("share_of_dhl_apac_investment", 2008, 59),
        ("domestic_express_cities", 2010, 662), ("domestic_express_staff", 2010, 8000),
        ("domestic_express_vehicles", 2010, 4000), ("domestic_express_hubs", 2010, 12),
        ("domestic_express_loss_cny", 2010, 99.2e6),
        ("north_asia_hub_area_m2", 2012, 88000), ("north_asia_hub_investment_usd", 2012, 175e6),
        ("north_asia_hub_throughput", 2012, 40000),
        ("dhl_china_employees", 2023, 8000), ("dhl_china_service_centres", 2023, 147),
        ("jv_cities_covered", 2023, 400),
        ("hk_call_centre_agents_min", 2007, 120), ("hk_call_centre_hours_per_day", 2007, 24),
        ("hk_call_centre_days_per_week", 2007, 7), ("hk_agent_training_weeks", 2007, 4),
        ("dhl_express_countries_min", 2012, 220),
        ("dhl_express_staff", 2012, 100000), ("dhl_express_customers_min", 2012, 2.6e6),
        ("dhl_express_staff", 2021, 111000), ("dhl_express_customers", 2021, 2.7e6),
    ],
    "cre_facts": [
        ("provinces_covered", None, 31), ("outlets", None, 736), ("outlet_cities", None, 275),
        ("door_to_door_cities_min", None, 380), ("core_businesses", None, 4),
        ("baggage_cars", None, 2448), ("road_vehicles", None, 3580),
        ("handling_machines_min", None, 9000), ("express_mail_train_pairs", None, 5),
        ("express_mail_train_speed_min", None, 120), ("express_mail_train_speed_max", None, 160),
        ("parcel_train_pairs", None, 14), ("road_lines", None, 49), ("air_routes", None, 46),
        ("warehouse_centres", None, 17), ("waybills_per_day_min", None, 1e6),
        ("parcel_bases", None, 5), ("ministry_specialised_carriers", None, 3),
        ("big_customer_industries", None, 8), ("milk_train_departures_per_week", None, 2),
        ("milk_transit_days_before", None, 15), ("milk_transit_hours_after", None, 98),
        ("milk_acceptance_hours", None, 24), ("milk_tracking_interval_hours", None, 48),
        ("haier_onsite_benefits", None, 6), ("weaknesses", None, 4),
        ("parcel_express_co_founded_year", 2003, 2003), ("hsr_express_trial_year", 2013, 2013),
        ("hsr_express_launch_cities", 2014, 20), ("hsr_express_products", 2014, 4),
        ("hsr_express_cities", 2014, 151), ("hsr_express_stations", 2014, 61),
        ("hsr_express_cities", 2016, 505),
        ("national_parcels", 2020, 83.3e9), ("hsr_parcel_share_max", 2020, 0.1),
        ("rail_milk_containers", 2024, 52), ("rail_milk_container_length_ft", 2024, 40),
        ("rail_milk_weight_t", 2024, 1800), ("rail_milk_transit_hours_before", 2024, 96),
        ("rail_milk_transit_hours_after", 2024, 46),
        ("multimodal_milk_train_speed", 2024, 120), ("multimodal_milk_transit_hours", 2024, 33),
        ("multimodal_milk_transit_days_before_min", 2024, 5),
        ("multimodal_milk_transit_days_before_max", 2024, 7),
    ],
    "express_kpis": [
        ("express_satisfaction_score", 2014, 73.7), ("express_satisfaction_score", 2023, 84.3),
        ("on_time_rate_72h", 2023, 80.97), ("avg_door_to_door_hours", 2023, 56.42),
        ("complaints_per_million", 2018, 38.78), ("complaint_handling_satisfaction", 2018, 98.8),
        ("carrier_reply_deadline", 2014, 7), ("forwarded_reply_deadline", 2014, 15),
        ("regulator_reply_deadline", 2014, 30),
        ("satisfaction_threshold_tier1", 2013, 98), ("satisfaction_threshold_tier2", 2013, 95),
        ("satisfaction_threshold_tier3", 2013, 90),
        ("perfect_order_on_time", None, 98), ("perfect_order_complete", None, 97),
        ("perfect_order_damage_free", None, 99), ("perfect_order_documents_accurate", None, 82),
        ("perfect_order_rate", None, 77.16),
    ],
}


@pytest.mark.parametrize("name", FACT_TABLES)
def test_every_figure_present(facts, name):
    table = facts[name]
    missing = []
    for metric, year, value in EXPECTED[name]:
        rows = find(table, metric, year)
        if not any(math.isclose(v, value, rel_tol=1e-9) for v in rows["value"]):
            missing.append((metric, year, value))
    assert not missing
    # No row that the list above does not know about either.
    assert len(table) == len(EXPECTED[name])


def test_walmart_facts_agree_with_store_rows(stores, facts):
    wm = facts["walmart_facts"]
    years = pd.to_datetime(stores["open_date"]).dt.year
    for year in [1969, 1979, 1989, 1999, 2006]:
        upto = stores[years <= year]
        assert find(wm, "dataset_cum_stores", year)["value"].iloc[0] == (~upto["is_dc"]).sum()
        assert find(wm, "dataset_cum_dcs", year)["value"].iloc[0] == upto["is_dc"].sum()
    assert find(wm, "dataset_rows", 2006)["value"].iloc[0] == len(stores)


# --------------------------------------------------------------------------
# Dictionary
# --------------------------------------------------------------------------
def test_dictionary_lists_exactly_each_tables_columns():
    dictionary = read("dictionary")
    assert list(dictionary.columns) == ["dataset", "column", "dtype", "unit", "zh", "categories"]
    assert list(dictionary["dataset"].unique()) == ALL_TABLES
    for name in ALL_TABLES:
        header = pd.read_csv(CASES / f"{name}.csv", encoding="utf-8-sig", nrows=0).columns
        assert dictionary.loc[dictionary["dataset"] == name, "column"].tolist() == list(header)
    assert set(dictionary["dtype"]) <= ALLOWED_DTYPES
    assert dictionary["zh"].notna().all()


def test_dictionary_categories_cover_values(stores, facts):
    dictionary = read("dictionary")
    for row in dictionary[dictionary["dtype"] == "category"].itertuples():
        allowed = set(row.categories.split("|"))
        table = stores if row.dataset == "walmart_stores" else facts[row.dataset]
        assert set(table[row.column]) <= allowed, (row.dataset, row.column)


def test_readme_names_sources_and_caveats():
    text = (CASES / "README.md").read_text(encoding="utf-8")
    for needle in ["数据来源", "Holmes", "Imai", "DISCOVERY/walmart.csv", "1962", "未核实",
                   "中铁快运物流案例分析", "邮政业消费者申诉处理办法", "English"]:
        assert needle in text, needle


# --------------------------------------------------------------------------
# Rebuild is byte-identical
# --------------------------------------------------------------------------
def rebuild(out: Path, *extra: str) -> None:
    subprocess.run([sys.executable, str(BUILD), *extra, "--out", str(out)], check=True,
                   capture_output=True)


def test_rebuild_facts_byte_identical(tmp_path):
    rebuild(tmp_path, "--facts-only")
    for name in [*FACT_TABLES, "dictionary"]:
        assert (tmp_path / f"{name}.csv").read_bytes() == (CASES / f"{name}.csv").read_bytes(), name
    assert not (tmp_path / "walmart_stores.csv").exists()


def test_rebuild_stores_byte_identical(tmp_path):
    rebuild(tmp_path, str(SOURCE))
    assert (tmp_path / "walmart_stores.csv").read_bytes() == (CASES / "walmart_stores.csv").read_bytes()
