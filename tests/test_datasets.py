"""The stories the fictional company's data must carry, measured with plain pandas.

Each test reads the committed files directly (no coursekit), so the data are
checked independently of the loader. Every assertion message prints the
measured figure. Run this file as a script to redraw the lifecycle check chart:
``python tests/test_datasets.py`` writes /tmp/lifecycle_check.png.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "datasets"
AS_OF = pd.Timestamp("2025-12-31")
COMPANY_FILES = ["customers.csv", "shipments.csv.gz", "complaints.csv", "leads.csv",
                 "prospect_list_raw.csv", "prospect_financials.csv", "survey.csv"]
FUNNEL_OPEN = ["线索", "合格", "拜访", "洽谈"]


def read(name: str, **kwargs) -> pd.DataFrame:
    path = DATA / (name + (".csv.gz" if name == "shipments" else ".csv"))
    return pd.read_csv(path, encoding="utf-8-sig", **kwargs)


@functools.cache
def _shipments() -> pd.DataFrame:
    dates = ["order_date", "ship_date", "promised_date", "delivered_date"]
    return read("shipments", parse_dates=dates)


@functools.cache
def _customers() -> pd.DataFrame:
    return read("customers", parse_dates=["first_order_date"])


@functools.cache
def _complaints() -> pd.DataFrame:
    return read("complaints", parse_dates=["received_at", "first_response_at", "resolved_at"])


@functools.cache
def _leads() -> pd.DataFrame:
    dates = ["created_date", "qualified_date", "visit_date", "negotiation_date", "won_date", "lost_date"]
    return read("leads", parse_dates=dates)


def shipments() -> pd.DataFrame:
    return _shipments().copy()


def monthly_counts() -> pd.DataFrame:
    """Waybills per customer (rows) and month (columns), zeros included."""
    s = _shipments()
    counts = s.groupby(["customer_id", s["order_date"].dt.to_period("M")]).size().unstack(fill_value=0)
    months = pd.period_range("2023-01", "2025-12", freq="M")
    return counts.reindex(columns=months, fill_value=0)


def lifecycle_stage(as_of: pd.Timestamp = AS_OF) -> pd.Series:
    """The rule of CONVENTIONS.md, written out in plain pandas."""
    counts = monthly_counts()
    end = as_of.to_period("M")
    cols = counts.columns

    def total(first, last):
        return counts.loc[:, (cols >= first) & (cols <= last)].sum(axis=1)

    recent = total(end - 2, end)
    ratio = total(end - 5, end) / total(end - 17, end - 12).replace(0, np.nan)
    first_order = _customers().set_index("customer_id")["first_order_date"].reindex(counts.index)
    new = first_order > as_of - pd.DateOffset(months=12)
    stage = pd.Series("成熟期", index=counts.index)
    stage[ratio <= 0.8] = "衰退期"
    stage[new | (ratio >= 1.2) | ratio.isna()] = "成长期"
    stage[recent == 0] = "终止期"
    return stage


def industry_of(frame: pd.DataFrame) -> pd.Series:
    return frame["customer_id"].map(_customers().set_index("customer_id")["industry"])


# ---------------------------------------------------------------------------
# Concentration and big customers
def test_revenue_concentration():
    s = _shipments()
    rev = s[s["order_date"].dt.year == 2025].groupby("customer_id")["revenue"].sum()
    rev = rev[rev > 0].sort_values(ascending=False)
    n = len(rev)
    top20 = rev.iloc[:int(np.ceil(0.20 * n))].sum() / rev.sum()
    top5 = rev.iloc[:int(np.ceil(0.05 * n))].sum() / rev.sum()
    assert 0.75 <= top20 <= 0.85, f"前 20% 客户收入占比 top 20% share = {top20:.3f} (n={n})"
    assert 0.45 <= top5 <= 0.65, f"前 5% 客户收入占比 top 5% share = {top5:.3f} (n={n})"


def test_big_customers_over_5000_waybills():
    s = _shipments()
    per = s[s["order_date"].dt.year == 2025].groupby("customer_id").size()
    big = per[per > 5000].sort_values(ascending=False)
    assert len(big) >= 5, f"2025 年超过 5000 票的客户 {len(big)} 家: {big.tolist()}"


# ---------------------------------------------------------------------------
# Lifecycle
def test_every_lifecycle_stage_is_populated():
    counts = lifecycle_stage().value_counts().to_dict()
    potential = int(_leads()["stage"].isin(FUNNEL_OPEN).sum())
    for stage in ["成长期", "成熟期", "衰退期", "终止期"]:
        assert counts.get(stage, 0) >= 15, f"{stage}: {counts.get(stage, 0)} customers; all: {counts}"
    assert potential >= 15, f"潜在期 leads: {potential}"


def _slope(values: np.ndarray) -> float:
    x = np.arange(len(values))
    return float(np.polyfit(x, values, 1)[0])


def test_lifecycle_trajectories_read_as_their_stage():
    counts = monthly_counts()
    stage = lifecycle_stage()
    first = _customers().set_index("customer_id")["first_order_date"]
    # growth: rising from mid-2024, or from the first month of a later start
    up = []
    growth = stage.index[stage == "成长期"]
    for c in growth:
        series = counts.loc[c].to_numpy()
        begin = min(max(18, int(np.flatnonzero(series > 0)[0])), 30)
        up.append(_slope(series[begin:]) > 0)
    assert np.mean(up) >= 0.85, f"成长期 trending up: {np.mean(up):.2f} of {len(growth)}"
    decline = stage.index[stage == "衰退期"]
    down = []
    for c in decline:  # from 2024 on, or from three months after a later start
        series = counts.loc[c].to_numpy()
        begin = max(12, int(np.flatnonzero(series > 0)[0]) + 3)
        down.append(_slope(series[begin:]) < 0)
    assert np.mean(down) >= 0.9, f"衰退期 trending down: {np.mean(down):.2f} of {len(decline)}"
    ended = stage.index[stage == "终止期"]
    # terminated: once they stop, they stay stopped
    gaps = []
    for c in ended:
        active = np.flatnonzero(counts.loc[c].to_numpy() > 0)
        gaps.append(active[-1] - active[0] + 1 - len(active))
    assert np.mean(np.array(gaps) <= 1) >= 0.9, f"终止期 with holes before stopping: {gaps}"
    mature = [c for c in stage.index[stage == "成熟期"] if first[c] < pd.Timestamp("2024-01-01")]
    y24 = counts.loc[mature].iloc[:, 12:24].sum(axis=1)
    y25 = counts.loc[mature].iloc[:, 24:36].sum(axis=1)
    flat = ((y25 / y24) - 1).abs() <= 0.15
    assert flat.mean() >= 0.9, f"成熟期 flat year over year: {flat.mean():.2f} of {len(mature)}"


def render_lifecycle_check(path: Path, per_stage: int = 3) -> Path:
    """Monthly waybills of a few customers per stage, one panel per stage."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    try:
        import pylopdf_fonts_zh_cn
        font_path = pylopdf_fonts_zh_cn.sans_path()
        font_manager.fontManager.addfont(str(font_path))
        family = font_manager.FontProperties(fname=str(font_path)).get_name()
        plt.rcParams["font.family"] = family
        plt.rcParams["axes.unicode_minus"] = False
        labels = {"成长期": "成长期", "成熟期": "成熟期", "衰退期": "衰退期", "终止期": "终止期"}
        month_label, count_label = "月份", "运单数（票/月）"
    except ImportError:  # English labels keep the check usable without the font package
        labels = {"成长期": "growth", "成熟期": "mature", "衰退期": "decline", "终止期": "terminated"}
        month_label, count_label = "month", "waybills per month"
    counts = monthly_counts()
    stage = lifecycle_stage()
    total = counts.sum(axis=1)
    rng = np.random.default_rng(7)
    x = counts.columns.to_timestamp()
    fig, axes = plt.subplots(2, 2, figsize=(13, 8), sharex=True)
    for ax, name in zip(axes.ravel(), ["成长期", "成熟期", "衰退期", "终止期"]):
        members = total[stage == name]
        members = members[(members >= members.quantile(.25))]  # readable, not only the giants
        members = members[members <= members.quantile(.9)] if len(members) > 6 else members
        chosen = rng.choice(members.index.to_numpy(), size=min(per_stage, len(members)), replace=False)
        for c in sorted(chosen):
            ax.plot(x, counts.loc[c].to_numpy(), marker="o", markersize=2.5, label=c)
        ax.set_title(f"{labels[name]}（{int((stage == name).sum())}）" if labels[name] == name
                     else f"{labels[name]} ({int((stage == name).sum())})")
        ax.set_ylabel(count_label)
        ax.legend(fontsize=8)
        ax.grid(alpha=.3)
    for ax in axes[1]:
        ax.set_xlabel(month_label)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def test_lifecycle_chart_renders(tmp_path):
    path = render_lifecycle_check(tmp_path / "lifecycle_check.png")
    assert path.stat().st_size > 10_000, f"chart size {path.stat().st_size} bytes"


def test_first_order_date_matches_shipments_for_new_customers():
    first = _shipments().groupby("customer_id")["order_date"].min()
    cust = _customers().set_index("customer_id")["first_order_date"]
    started_inside = cust[cust >= pd.Timestamp("2023-01-01")]
    mismatch = (started_inside != first.reindex(started_inside.index)).sum()
    assert mismatch == 0, f"{mismatch} customers whose first_order_date is not their first waybill"
    older = cust[cust < pd.Timestamp("2023-01-01")]
    assert (first.reindex(older.index) >= pd.Timestamp("2023-01-01")).all()


# ---------------------------------------------------------------------------
# Seasonality
def _monthly_by_industry() -> pd.DataFrame:
    s = _shipments()
    return s.groupby([industry_of(s), s["order_date"].dt.to_period("M")]).size().unstack(0)


def test_ecommerce_november_peak_and_618():
    ec = _monthly_by_industry()["电商"]
    for year in (2023, 2024, 2025):
        months = ec[ec.index.year == year]
        nov = months[pd.Period(f"{year}-11", "M")] / months.mean()
        assert nov >= 1.5, f"{year} 电商 11 月 / 月均 = {nov:.2f}"
        may, jun, jul = (months[pd.Period(f"{year}-{m:02d}", "M")] for m in (5, 6, 7))
        assert jun > may and jun > jul, f"{year} 电商 5/6/7 月: {may}, {jun}, {jul}"


@pytest.mark.parametrize("sf_month, before, after", [
    ("2023-01", None, "2023-02"),
    ("2024-02", "2024-01", "2024-03"),
    ("2025-01", "2024-12", "2025-03"),
    ("2025-02", "2024-12", "2025-03"),
])
def test_spring_festival_dip_in_every_industry(sf_month, before, after):
    by = _monthly_by_industry()
    for industry in by.columns:
        dip = by.at[pd.Period(sf_month, "M"), industry]
        for other in (before, after):
            if other is None:
                continue
            ref = by.at[pd.Period(other, "M"), industry]
            assert dip < ref, f"{industry}: 春节月 {sf_month} = {dip}, {other} = {ref}"


# ---------------------------------------------------------------------------
# Service failures drive complaints and churn
def test_complaints_rise_with_service_failures():
    s = _shipments()
    c = _complaints()
    linked = s["waybill_id"].isin(set(c["waybill_id"].dropna()))
    late = ~s["on_time"] & ~s["lost"]
    fine = s["on_time"] & ~s["damaged"] & ~s["lost"] & s["complete"]
    base = linked[fine].mean()
    for label, mask in [("延误", late), ("破损", s["damaged"]), ("丢失", s["lost"])]:
        rate = linked[mask].mean()
        assert rate >= 10 * base, f"{label} 投诉率 {rate:.4f} vs 正常运单 {base:.4f}"


def test_failure_categories_link_to_failed_waybills():
    s = _shipments().set_index("waybill_id")
    c = _complaints()
    failure = {
        "延误": ~s["on_time"] & ~s["lost"],
        "破损": s["damaged"],
        "丢失": s["lost"] | ~s["complete"],
    }
    for category, flag in failure.items():
        sub = c[c["category"] == category]
        share = flag.reindex(sub["waybill_id"]).fillna(False).astype(bool).mean()
        assert share >= 0.8, f"{category}: {share:.2f} of {len(sub)} complaints link to such a waybill"


def test_worst_on_time_quartile_churns_more():
    s = _shipments()
    per = s.groupby("customer_id").agg(n=("on_time", "size"), rate=("on_time", "mean"))
    per = per[per["n"] >= 50].join(lifecycle_stage().rename("stage"))
    q1, q3 = per["rate"].quantile([.25, .75])
    worst = (per.loc[per["rate"] <= q1, "stage"] == "终止期").mean()
    best = (per.loc[per["rate"] >= q3, "stage"] == "终止期").mean()
    assert worst >= 2 * best and worst > 0, f"终止期 share: worst quartile {worst:.3f}, best {best:.3f}"


# ---------------------------------------------------------------------------
# Funnel and survey
def test_channels_differ_in_cost_and_conversion():
    leads = _leads()
    by = leads.groupby("channel").agg(cost=("channel_cost", "mean"),
                                      won=("stage", lambda x: (x == "成交").mean()))
    closed = leads[leads["stage"].isin(["成交", "流失"])]
    won_closed = closed.groupby("channel")["stage"].apply(lambda x: (x == "成交").mean())
    table = by.round(3).to_dict()
    assert by["won"].idxmax() == "转介绍", f"best conversion: {by['won'].idxmax()} {table}"
    assert won_closed.idxmax() == "转介绍", f"best conversion among closed: {won_closed.round(3).to_dict()}"
    assert by["won"].idxmin() == "广告", f"worst conversion: {by['won'].idxmin()} {table}"
    assert by["cost"].idxmin() == "广告", f"cheapest per lead: {by['cost'].idxmin()} {table}"


def test_leads_funnel_is_consistent():
    leads = _leads()
    order = ["created_date", "qualified_date", "visit_date", "negotiation_date", "won_date"]
    for a, b in zip(order, order[1:]):
        both = leads[a].notna() & leads[b].notna()
        assert (leads.loc[both, b] >= leads.loc[both, a]).all(), f"{b} before {a}"
        assert not (leads[b].notna() & leads[a].isna()).any(), f"{b} without {a}"
    depth = leads[order[1:]].notna().sum(axis=1)
    expected = np.array(["线索", "合格", "拜访", "洽谈", "成交"])[depth]
    assert (leads["furthest_stage"] == expected).all()
    won = leads["stage"] == "成交"
    assert (won == leads["won_date"].notna()).all()
    assert ((leads["stage"] == "流失") == leads["lost_date"].notna()).all()
    assert (leads.loc[~won & (leads["stage"] != "流失"), "stage"] == leads.loc[
        ~won & (leads["stage"] != "流失"), "furthest_stage"]).all()
    assert (leads[["created_date", "won_date", "lost_date"]].max(axis=1) <= AS_OF).all()
    cust = _customers().set_index("customer_id")
    won_leads = leads[won]
    assert won_leads["customer_id"].notna().all() and leads.loc[~won, "customer_id"].isna().all()
    assert (cust.loc[won_leads["customer_id"], "lead_id"].to_numpy() == won_leads["lead_id"].to_numpy()).all()
    first = cust.loc[won_leads["customer_id"], "first_order_date"].to_numpy()
    assert (first >= won_leads["won_date"].to_numpy()).all(), "a customer ordered before the deal was won"
    assert set(cust["lead_id"].dropna()) == set(won_leads["lead_id"])


def test_survey_priorities_differ_by_segment():
    survey = read("survey")
    ranks = [f"rank_{f}" for f in ["price", "speed", "safety", "reliability", "attitude", "coverage"]]
    assert (np.sort(survey[ranks].to_numpy(), axis=1) == np.arange(1, 7)).all(), "ranks are not 1..6"
    means = survey.groupby("segment")[ranks].mean()
    assert means.loc["个人/学生寄件"].idxmin() == "rank_price", means.loc["个人/学生寄件"].round(2).to_dict()
    assert means.loc["医药"].idxmin() == "rank_safety", means.loc["医药"].round(2).to_dict()
    assert means.idxmin(axis=1).nunique() >= 3, f"top factor per segment: {means.idxmin(axis=1).to_dict()}"
    assert 300 <= len(survey) <= 600, len(survey)
    sats = [c for c in survey.columns if c.startswith("sat_")] + ["overall_satisfaction"]
    assert survey[sats].isin([1, 2, 3, 4, 5]).all().all()
    assert survey["recommend_score"].between(0, 10).all()


# ---------------------------------------------------------------------------
# Complaints handling times
def test_complaint_times_are_ordered():
    c = _complaints()
    assert (c["first_response_at"] >= c["received_at"]).all()
    done = c["resolved_at"].notna()
    assert (c.loc[done, "resolved_at"] >= c.loc[done, "first_response_at"]).all()
    within = ((c["resolved_at"] - c["received_at"]) <= pd.Timedelta(days=7)).mean()
    assert 0.7 <= within < 1.0, f"resolved within 7 days: {within:.3f}"
    assert c["resolved_at"].isna().any(), "some complaints should still be open"
    assert (c["received_at"] <= pd.Timestamp("2025-12-31 23:59")).all()
    unresolved_fcr = c.loc[~done, "first_contact_resolved"]
    assert not unresolved_fcr.any(), "an open complaint cannot be resolved at first contact"


def test_complaints_point_at_the_right_customer():
    c = _complaints()
    s = _shipments().set_index("waybill_id")
    linked = c[c["waybill_id"].notna()]
    assert linked["waybill_id"].isin(s.index).all()
    assert (s.loc[linked["waybill_id"], "customer_id"].to_numpy() == linked["customer_id"].to_numpy()).all()
    assert c["complaint_id"].is_unique


# ---------------------------------------------------------------------------
# Shipments are internally consistent and plausible
def test_shipment_flags_and_dates():
    s = _shipments()
    assert s["waybill_id"].is_unique
    assert s["customer_id"].isin(_customers()["customer_id"]).all()
    assert s["order_date"].between("2023-01-01", "2025-12-31").all()
    assert (s["ship_date"] >= s["order_date"]).all() and (s["promised_date"] >= s["ship_date"]).all()
    lost = s["lost"]
    assert (lost == s["delivered_date"].isna()).all(), "lost <=> no delivered_date"
    on_time = ~lost & (s["delivered_date"] <= s["promised_date"])
    assert (on_time == s["on_time"]).all()
    assert not s.loc[lost, "complete"].any() and not (lost & s["damaged"]).any()
    assert (s.loc[~lost, "delivered_date"] >= s.loc[~lost, "ship_date"]).all()
    assert 150_000 <= len(s) <= 250_000, len(s)


def test_shipment_prices_weights_and_margins_are_plausible():
    s = _shipments()
    med = s.groupby("service")["revenue"].median()
    assert 8 <= med["快递"] <= 30, med.to_dict()
    assert 2000 <= med["整车"] <= 8000, med.to_dict()
    assert med["快递"] < med["零担"] and med["仓配"] < med["整车"], med.to_dict()
    express = s[s["service"] == "快递"]
    assert express["revenue"].between(5, 30).mean() >= 0.95
    ftl = s[s["service"] == "整车"]
    assert ftl["revenue"].between(1500, 10000).all() and ftl["weight_kg"].min() >= 500
    assert express["weight_kg"].max() <= 30
    light = (s["weight_kg"] < s["volume_m3"] * 1e6 / 6000).mean()
    assert 0.05 <= light <= 0.35, f"light-bulky share {light:.3f}"
    assert (s["revenue"] > 0).all() and (s["cost"] > 0).all()
    assert (s["cost"] < s["revenue"]).mean() >= 0.6
    per = s.groupby("customer_id")[["revenue", "cost"]].sum()
    losing = (per["cost"] > per["revenue"]).sum()
    assert 5 <= losing <= 0.2 * len(per), f"loss-making customers: {losing}"
    out = ~s["destination"].isin(["南宁", "柳州", "桂林", "玉林", "钦州", "北海", "防城港", "百色", "梧州",
                                  "贵港", "河池", "崇左", "来宾", "贺州"])
    assert 0.1 <= out.mean() <= 0.5, f"out-of-province share {out.mean():.2f}"


def test_customers_table_is_consistent():
    cust = _customers()
    assert cust["customer_id"].is_unique and cust["name"].is_unique
    assert set(cust["customer_id"]) == set(_shipments()["customer_id"])
    assert cust["province"].notna().all() and cust["account_manager"].notna().all()
    assert (cust["payment_terms_days"] >= 0).all()


def test_names_are_fictional():
    banned = ["顺丰", "京东", "海尔", "蒙牛", "伊利", "美的", "格力", "华为", "阿里", "腾讯", "苏宁", "申通", "圆通",
              "中通", "韵达", "德邦", "邮政", "菜鸟", "小米", "联想", "玉柴", "柳工", "五菱", "华润"]
    names = pd.concat([_customers()["name"], _leads()["company"], read("prospect_list_raw")["company"].dropna(),
                       read("prospect_financials")["company"]])
    hits = [n for n in names if any(b in n for b in banned)]
    assert not hits, hits


# ---------------------------------------------------------------------------
# The dirty list and the financial screen
def test_prospect_list_is_dirty_as_documented():
    raw = read("prospect_list_raw", dtype=str)
    assert 60 <= len(raw) <= 80
    assert (raw["row_no"].astype(int) == np.arange(1, len(raw) + 1)).all()
    text = raw.fillna("")
    assert text["phone"].str.contains("（|\\(|\\+86| ", regex=True).any()
    assert text["phone"].str.contains("[０-９]", regex=True).any(), "full-width digits"
    assert text["monthly_shipments"].str.contains("约").any()
    assert text["monthly_shipments"].str.contains("[０-９]", regex=True).any()
    assert (text["city"] == "南京").sum() >= 1
    assert raw.isna().any().sum() >= 3, "blank cells in several columns"
    normal = (text["company"].str.replace(" ", "").str.replace("(", "（").str.replace(")", "）")
              .str.replace("有限责任公司", "有限公司")
              .str.translate({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}))
    n_unique = normal.nunique()
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert f"清洗后应剩 **{n_unique} 家不同的公司**" in readme, n_unique
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \|", readme, flags=re.M)
    assert len(rows) >= 40 and max(int(r) for r, _ in rows) <= len(raw)


def test_prospect_financials_mix_pass_and_fail():
    fin = read("prospect_financials")
    ratios = pd.DataFrame({
        "cr": fin["current_assets"] / fin["current_liabilities"],
        "margin": fin["net_profit"] / fin["revenue"],
        "roa": fin["net_profit"] / fin["total_assets"],
    })
    passed = ((ratios["cr"] >= 1.5) & (ratios["margin"] >= .05) & (ratios["roa"] >= .05)
              & (fin["receivable_days"] <= 60) & (fin["inventory_days"] <= 90))
    assert 20 <= len(fin) <= 28 and 5 <= passed.sum() <= len(fin) - 8, f"passing: {int(passed.sum())}"
    # no value sits on a threshold: a slightly different cut-off gives the same verdict
    for column, cut in [("cr", 1.5), ("margin", .05), ("roa", .05)]:
        assert ((ratios[column] - cut).abs() > 0.2 * cut).all(), column
    assert ((fin["receivable_days"] - 60).abs() > 12).all() and ((fin["inventory_days"] - 90).abs() > 18).all()


# ---------------------------------------------------------------------------
# Files: size, encoding, README, reproducibility
def test_files_encoding_and_size():
    total = 0
    for name in COMPANY_FILES:
        path = DATA / name
        total += path.stat().st_size
        data = path.read_bytes()
        if name.endswith(".gz"):
            import gzip
            data = gzip.decompress(data)
        assert data.startswith(b"\xef\xbb\xbf"), f"{name}: no UTF-8 BOM"
        assert b"\r\n" not in data, f"{name}: CRLF line endings"
    total += sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file() and p.name not in COMPANY_FILES)
    assert total <= 20e6, f"datasets/ holds {total / 1e6:.1f} MB"


def test_readme_documents_every_column_and_says_fictional():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    dictionary = pd.read_csv(DATA / "dictionary.csv", encoding="utf-8-sig")
    missing = [f"{d}.{c}" for d, c in zip(dictionary["dataset"], dictionary["column"]) if f"`{c}`" not in readme]
    assert not missing, missing
    assert "虚构" in readme.split("\n\n")[1], "the first paragraph must say the data are invented"
    for name in COMPANY_FILES:
        frame = read(name.split(".")[0])
        assert f"| `{name}` | `{name.split('.')[0]}` | {len(frame):,} |" in readme, name
    assert "English summary" in readme


def _digest(folder: Path) -> dict[str, str]:
    names = COMPANY_FILES + ["README.md"]
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in names}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    """Regenerate into a temporary folder, from another working directory and time zone."""
    out = tmp_path_factory.mktemp("regenerated")
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "123"}
    subprocess.run([sys.executable, str(DATA / "generate.py"), "--out", str(out)], cwd="/", env=env,
                   check=True, capture_output=True, timeout=300)
    return out


def test_regeneration_is_byte_identical(rebuilt):
    committed, fresh = _digest(DATA), _digest(rebuilt)
    differ = [n for n in committed if committed[n] != fresh[n]]
    assert not differ, f"regenerated files differ: {differ}"


def test_generation_does_not_depend_on_today():
    source = (DATA / "generate.py").read_text(encoding="utf-8")
    for pattern in [r"date\.today", r"datetime\.now", r"Timestamp\.now", r"Timestamp\.today",
                    r"time\.time\(", r"np\.datetime64\(\s*['\"](now|today)", r"default_rng\(\s*\)",
                    r"np\.random\.seed", r"np\.random\.(rand|randn|randint|choice|normal)\("]:
        assert not re.search(pattern, source), f"generate.py uses {pattern}"
    assert re.search(r"^SEED = \d+", source, flags=re.M)
    # and the built-in hash() (salted per process) is not used for seeding
    assert not re.search(r"\bhash\(", source)


if __name__ == "__main__":
    print(render_lifecycle_check(Path("/tmp/lifecycle_check.png")))
