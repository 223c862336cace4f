"""A short Chinese report on a company's own data, for the own-data notebook (用自己的数据).

:func:`what_can_run` says which unit analyses a table allows (the columns it
has); :func:`own_report` runs them (ABC and Pareto, RFM and segments,
lifecycle and cohorts, customer value, service KPIs, complaint KPIs) and
:meth:`Report.save` writes the result into a folder the student chooses:
``report.html`` (text, tables and charts in one file to open in any browser),
``report.xlsx`` (every table on its own sheet, Chinese headers) and the charts
as PNG files. The report holds no time stamp and no machine path, so the
same data gives the same report.

This module draws charts, so it belongs to the classroom layer: it uses the
analysis library, :mod:`coursekit.plots` and :mod:`coursekit.labels`, and
nothing uses it in turn.
"""
from __future__ import annotations

import base64
import functools
import html
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import plots
from ._validate import (fail, require_dates, require_frame, require_ids, require_numeric,
                        require_timestamp)
from .classify import abc_classify, pareto_summary, rfm_score, rfm_segment, rfm_table
from .complaints import complaint_kpis, complaint_pareto
from .labels import label_of, zh
from .lifecycle import STAGES, cohort_retention, lifecycle_stage
from .service import service_kpis
from .value import customer_profitability, historical_clv

__all__ = ["what_can_run", "own_report", "as_of_notes", "Report", "ANALYSES"]

SERVICE_FLAGS = ("on_time", "complete", "damaged", "lost", "documents_correct")


@dataclass(frozen=True)
class Analysis:
    key: str
    title: str
    unit: str
    table: str       # "shipments" or "complaints"
    needs: tuple


ANALYSES = (
    Analysis("abc", "ABC 分类与帕累托分析", "单元1", "shipments", ("customer_id", "revenue")),
    Analysis("rfm", "RFM 分析与客户群", "单元8", "shipments", ("customer_id", "order_date", "revenue")),
    Analysis("lifecycle", "生命周期与同期群留存", "单元8", "shipments", ("customer_id", "order_date")),
    Analysis("value", "客户盈利与历史价值（CLV）", "单元8", "shipments",
             ("customer_id", "order_date", "revenue", "cost")),
    Analysis("service", "服务质量指标（KPI）", "单元7", "shipments",
             ("order_date", "delivered_date") + SERVICE_FLAGS),
    Analysis("complaints", "投诉处理指标", "单元9", "complaints",
             ("complaint_id", "received_at", "first_response_at", "resolved_at",
              "first_contact_resolved", "compensation")),
    Analysis("complaint_pareto", "投诉类别帕累托", "单元9", "complaints", ("category",)),
)
"""Each analysis, the unit that teaches it, and the columns it needs.

``satisfied`` is not needed: many companies do not record it (the dictionary
allows it to be blank), and then the satisfaction rate is left empty.
"""
MIN_MATCHED = 0.5
"""Share of complaint waybills (or customers) that must be in the waybill table."""
DORMANT_DAYS = 92
"""About the lifecycle's dormant window (3 months): an as_of later than this after
the last order makes every customer look lost."""


def what_can_run(shipments=None, complaints=None, *, as_of=None) -> pd.DataFrame:
    """Which unit analyses the tables allow, and which columns each one still lacks.

    The complaint analyses also need complaints that belong to the waybills:
    when fewer than half of the complaints' waybill numbers (or, without
    them, customer ids) are in the waybill table, the two tables are from
    different companies or periods and the complaint analyses are not run.
    With ``as_of``, a date before the last order or long after it gives a
    warning (see :func:`own_report`).

    Parameters
    ----------
    shipments, complaints : DataFrame, optional
        Tables as :func:`coursekit.read_table` returns them.
    as_of : date-like, optional
        The report's date, checked against the order dates.

    Returns
    -------
    DataFrame
        One row per analysis: ``analysis`` (its Chinese name), ``course_unit``,
        ``needs`` (the columns, comma separated), ``missing`` (those not in
        the table) and ``possible`` (是/否).

    Examples
    --------
    >>> ships = pd.DataFrame({"customer_id": ["a"], "order_date": ["2025-01-05"], "revenue": [1.0]})
    >>> what_can_run(ships)[["analysis", "possible"]].values.tolist()[:3]
    [['ABC 分类与帕累托分析', '是'], ['RFM 分析与客户群', '是'], ['生命周期与同期群留存', '是']]
    """
    tables = {"shipments": _optional(shipments, "shipments"),
              "complaints": _optional(complaints, "complaints")}
    if as_of is not None and tables["shipments"] is not None:
        _warn(as_of_notes(tables["shipments"], as_of))
    rows = []
    for analysis in ANALYSES:
        frame = tables[analysis.table]
        if frame is None:
            missing = [f"没有{_TABLE_ZH[analysis.table]}（{analysis.table}）"]
        else:
            missing = [f"{label_of(c, analysis.table)}（{c}）" for c in analysis.needs
                       if c not in frame.columns]
        if analysis.table == "complaints" and tables["shipments"] is None:
            missing.append("没有运单表（shipments）")
        elif analysis.table == "complaints" and frame is not None:
            missing += _unmatched(tables["shipments"], frame)
        rows.append({"analysis": analysis.title, "course_unit": analysis.unit,
                     "needs": "、".join(label_of(c, analysis.table) for c in analysis.needs),
                     "missing": "、".join(missing), "possible": "否" if missing else "是"})
    return pd.DataFrame(rows)


_TABLE_ZH = {"shipments": "运单表", "complaints": "投诉表"}


def _unmatched(ships: pd.DataFrame, complaints: pd.DataFrame) -> list:
    """A reason not to join the tables when the complaints' waybills (customers) are not there."""
    for column, what in (("waybill_id", "运单号"), ("customer_id", "客户编号")):
        if column in ships and column in complaints:
            wanted = complaints[column].dropna()
            if len(wanted):
                found = int(wanted.isin(set(ships[column].dropna())).sum())
                if found < MIN_MATCHED * len(wanted):
                    return [f"投诉表里的{what}只有 {found}/{len(wanted)} 个在运单表里，"
                            "两张表像是不同公司或不同时期的数据"]
                return []
    return []


def as_of_notes(shipments, as_of) -> list:
    """What is odd about ``as_of`` for these waybills, in Chinese sentences (empty when nothing).

    Examples
    --------
    >>> ships = pd.DataFrame({"order_date": pd.to_datetime(["2025-01-05", "2025-06-30"])})
    >>> as_of_notes(ships, "2025-07-01")
    []
    >>> as_of_notes(ships, "2025-03-31")[0].startswith("截至日期 2025-03-31 早于最后一张运单（2025-06-30）")
    True
    """
    stamp = require_timestamp(as_of, "as_of")
    require_frame(shipments, "shipments")
    if "order_date" not in shipments:
        return []
    dates = require_dates(shipments, "order_date", "shipments").dropna()
    if dates.empty:
        return []
    first, last = dates.min(), dates.max()
    if stamp < first:
        fail(f"截至日期 as_of={stamp:%Y-%m-%d} 早于第一张运单（{first:%Y-%m-%d}），没有可分析的数据。"
             f"通常写最后一张运单的日期：as_of = shipments['order_date'].max()。",
             f"as_of={stamp:%Y-%m-%d} is before the first order ({first:%Y-%m-%d}); nothing to "
             "analyse. Usually as_of = shipments['order_date'].max().")
    if stamp < last:
        later = int((dates > stamp).sum())
        return [f"截至日期 {stamp:%Y-%m-%d} 早于最后一张运单（{last:%Y-%m-%d}）：之后的 {later} 张运单"
                "（和之后收到的投诉）都没有计入，所有分析都只用截至日期以前的数据"]
    if (stamp - last).days > DORMANT_DAYS:
        return [f"截至日期 {stamp:%Y-%m-%d} 比最后一张运单（{last:%Y-%m-%d}）晚 {(stamp - last).days} 天，"
                "所有客户都会像是很久没下单（生命周期里多半成了终止期）；如果数据只导到那一天，"
                "请把 as_of 写成最后一张运单的日期"]
    return []


def _warn(notes: list):
    for note in notes:
        warnings.warn(f"{note}。\nThe as_of date does not fit the order dates (see the Chinese text "
                      "above); the report says so too.", UserWarning, stacklevel=3)


def _cut_at(ships: pd.DataFrame, complaints, stamp):
    """The waybills ordered (and complaints received) on or before ``stamp``."""
    if "order_date" in ships:
        dates = require_dates(ships, "order_date", "shipments")
        ships = ships[(dates <= stamp).to_numpy()].reset_index(drop=True)
    if complaints is not None and "received_at" in complaints:
        received = require_dates(complaints, "received_at", "complaints")
        complaints = complaints[(received < stamp + pd.Timedelta(days=1)).to_numpy()]
        complaints = complaints.reset_index(drop=True)
    return ships, complaints


def _optional(frame, arg: str):
    return None if frame is None else require_frame(frame, arg)


# ---------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------

@dataclass
class Section:
    """One part of the report: a title, sentences, tables and at most one chart."""

    key: str
    title: str
    sentences: list = field(default_factory=list)
    tables: list = field(default_factory=list)    # (caption, DataFrame with English headers)
    figure: object = None                         # a matplotlib Figure


@dataclass
class Report:
    """The report: what :func:`own_report` found; :meth:`save` writes it to a folder."""

    title: str
    intro: str
    sections: list
    skipped: pd.DataFrame

    def save(self, folder) -> list[str]:
        """Write ``report.html``, ``report.xlsx`` and ``charts/*.png`` into ``folder``.

        The folder is created if needed. Files are first written under a
        temporary name and renamed at the end, so a failed save leaves no
        half-written report behind.

        Returns
        -------
        list of str
            The file names written, relative to ``folder`` (no machine paths,
            so a notebook prints the same list on every computer).
        """
        if not isinstance(folder, (str, Path)) or not str(folder).strip():
            fail("参数 folder 应该是文件夹名，例如 '我的报告'。",
                 "Argument folder must be a folder name such as 'my_report'.", TypeError)
        root = Path(folder)
        (root / "charts").mkdir(parents=True, exist_ok=True)
        written, pending = [], []
        for number, section in enumerate(self.sections, start=1):
            if section.figure is not None:
                name = f"charts/{number}_{section.key}.png"
                pending.append((name, _png(section.figure)))
                written.append(name)
        pending.append(("report.html", self.html().encode("utf-8")))
        pending.append(("report.xlsx", self._xlsx()))
        for name, data in pending:  # write everything, then make it visible
            (root / f"{name}.part").write_bytes(data)
        for name, _ in pending:
            (root / f"{name}.part").replace(root / name)
        return ["report.html", "report.xlsx"] + written

    def html(self) -> str:
        """The whole report as one HTML page, charts embedded."""
        parts = [f"<h1>{html.escape(self.title)}</h1>", f"<p>{html.escape(self.intro)}</p>"]
        for number, section in enumerate(self.sections, start=1):
            parts.append(f"<h2>{number}. {html.escape(section.title)}</h2>")
            parts += [f"<p>{html.escape(s)}</p>" for s in section.sentences]
            for caption, table in section.tables:
                parts.append(f"<h3>{html.escape(caption)}</h3>")
                parts.append(_shown(table).to_html(index=False, border=0, classes="table", na_rep=""))
            if section.figure is not None:
                data = base64.b64encode(_png(section.figure)).decode("ascii")
                parts.append(f'<p><img alt="{html.escape(section.title)}" '
                              f'src="data:image/png;base64,{data}"></p>')
        if len(self.skipped):
            parts.append("<h2>没有做的分析</h2>")
            parts.append(zh(self.skipped).to_html(index=False, border=0, classes="notes"))
        style = ("body{font-family:'Noto Sans SC','Microsoft YaHei',sans-serif;max-width:960px;"
                 "margin:2em auto;line-height:1.6}table{border-collapse:collapse;margin:.5em 0}"
                 "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                 "td:first-child,.notes td{text-align:left}img{max-width:100%}")
        return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                f"<title>{html.escape(self.title)}</title><style>{style}</style></head><body>"
                + "\n".join(parts) + "</body></html>")

    def _xlsx(self) -> bytes:
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as book:
            used = set()
            for number, section in enumerate(self.sections, start=1):
                for i, (caption, table) in enumerate(section.tables, start=1):
                    name = f"{number}.{i} {caption}"[:31]  # Excel's limit for sheet names
                    while name in used:
                        name = name[:-1] + "_"
                    used.add(name)
                    zh(_plain_index(table)).to_excel(book, sheet_name=name)
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(s.title)}：{len(s.tables)} 张表"
                        f"{'，1 张图' if s.figure is not None else ''}</li>" for s in self.sections)
        return f"<b>{html.escape(self.title)}</b><ol>{items}</ol>"

    def __repr__(self) -> str:
        lines = [self.title] + [f"{i}. {s.title}" for i, s in enumerate(self.sections, start=1)]
        return "\n".join(lines)


def _plain_index(table: pd.DataFrame) -> pd.DataFrame:
    """Excel cannot store Periods: quarters and months as text."""
    out = table.copy()
    if isinstance(out.index, pd.PeriodIndex):
        out.index = out.index.astype(str)
    return out


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """Chinese headers, the row labels as the first column; shares and rates as percentages."""
    out = _plain_index(table)
    out = out.reset_index() if out.index.name is not None else out
    for column in out.columns:
        values = out[column]
        if not pd.api.types.is_float_dtype(values):
            continue
        name = str(column)
        if name.endswith(("share", "rate", "margin")) or isinstance(column, (int, np.integer)):
            out[column] = values.map(lambda v: "" if pd.isna(v) else f"{v:.1%}")
        else:
            out[column] = values.map(lambda v: "" if pd.isna(v) else f"{v:,.2f}")
    return zh(out)


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    return buffer.getvalue()


def _share(part, whole) -> str:
    return f"{part / whole:.1%}" if whole else "—"


def own_report(shipments, complaints=None, *, as_of, company="本公司", holidays=None) -> Report:
    """Run every unit analysis the tables allow and collect a short Chinese report.

    Parameters
    ----------
    shipments : DataFrame
        Waybills as :func:`coursekit.read_table` returns them (``kind="shipments"``).
    complaints : DataFrame, optional
        Complaints read with ``kind="complaints"``. Their analyses are skipped
        (and listed as not done) when most of their waybills are not in
        ``shipments``.
    as_of : date-like
        The day the report is "as of" (recency, lifecycle, value to date).
        Every analysis uses only the waybills ordered and complaints received
        up to this day. An as_of before the last order (later waybills left
        out) or more than :data:`DORMANT_DAYS` after it (every customer looks
        lost) gives a ``UserWarning`` and a sentence in the report's
        introduction; one before the first order is an error. Usually
        ``as_of = shipments["order_date"].max()``.
    company : str
        The company's name for the title.
    holidays : list of dates, optional
        Public holidays (国庆, 春节 …) skipped when counting the 7 working days
        of the complaint deadline, as in :func:`coursekit.complaint_kpis`.

    Returns
    -------
    Report
        Sections for the analyses that could run, and a table of those that
        could not (with the columns they lack). ``report.save(folder)`` writes it.

    Examples
    --------
    >>> ships = pd.DataFrame({"customer_id": ["a", "a", "b", "c"],
    ...                       "order_date": pd.to_datetime(["2025-01-05", "2025-06-01",
    ...                                                     "2025-03-02", "2025-11-30"]),
    ...                       "revenue": [500.0, 300.0, 150.0, 50.0]})
    >>> report = own_report(ships, as_of="2025-12-31", company="示例公司")
    >>> report
    示例公司客户数据分析报告
    1. 数据概况
    2. ABC 分类与帕累托分析
    3. RFM 分析与客户群
    4. 生命周期与同期群留存
    """
    require_frame(shipments, "shipments")
    if complaints is not None:
        require_frame(complaints, "complaints")
    stamp = require_timestamp(as_of, "as_of")
    if not isinstance(company, str):
        fail("参数 company 应该是公司名称（文字）。", "Argument company must be the company's name (text).",
             TypeError)
    notes = as_of_notes(shipments, stamp)
    _warn(notes)
    shipments, complaints = _cut_at(shipments, complaints, stamp)
    plan = what_can_run(shipments, complaints)
    possible = dict(zip([a.key for a in ANALYSES], plan["possible"] == "是"))
    sections = [_overview(shipments, complaints)]
    builders = {"abc": _abc, "rfm": _rfm, "lifecycle": _lifecycle, "value": _value,
                "service": _service, "complaints": _complaints,
                "complaint_pareto": _complaint_pareto}
    builders["complaints"] = functools.partial(_complaints, holidays=holidays)
    for analysis in ANALYSES:
        if possible[analysis.key]:
            section = builders[analysis.key](shipments, complaints, stamp)
            section.title = analysis.title
            if section.figure is not None:  # kept for saving, not shown under the notebook cell
                plt.close(section.figure)
            sections.append(section)
    skipped = plan.loc[~plan["possible"].eq("是"), ["analysis", "course_unit", "missing"]]
    intro = (f"本报告根据{company}提供的数据，用课程“物流客户开发与服务”里的方法自动计算，"
             f"数据截至 {stamp:%Y-%m-%d}，所有分析只用这一天以前的运单和投诉。表中金额单位为元。"
             + "".join(f"注意：{note}。" for note in notes))
    return Report(f"{company}客户数据分析报告", intro, sections, skipped.reset_index(drop=True))


# ---------------------------------------------------------------------------
# one builder per section
# ---------------------------------------------------------------------------

def _overview(ships: pd.DataFrame, complaints) -> Section:
    rows = {"运单数": f"{len(ships):,}"}
    if "customer_id" in ships:
        rows["客户数"] = f"{require_ids(ships, 'customer_id', 'shipments').nunique():,}"
    if "order_date" in ships:
        dates = require_dates(ships, "order_date", "shipments")
        rows["下单日期范围"] = f"{dates.min():%Y-%m-%d} 至 {dates.max():%Y-%m-%d}"
    if "revenue" in ships:
        rows["运费收入合计（元）"] = f"{require_numeric(ships, 'revenue', 'shipments').sum():,.2f}"
    if "cost" in ships:
        rows["成本合计（元）"] = f"{require_numeric(ships, 'cost', 'shipments').sum():,.2f}"
    if complaints is not None:
        rows["投诉数"] = f"{len(complaints):,}"
    table = pd.DataFrame({"value": list(rows.values())}, index=pd.Index(list(rows), name="item"))
    return Section("overview", "数据概况", tables=[("数据概况", table)])


def _abc(ships, complaints, as_of) -> Section:
    classified = abc_classify(ships).rename(columns={"value": "revenue"})
    summary = pareto_summary(classified.rename(columns={"revenue": "value"})).rename(
        columns={"value": "revenue"})
    a = summary.iloc[0]
    ax = plots.pareto_chart(classified, value="revenue", title="客户收入帕累托图", top=30)
    return Section("abc", "", [
        f"A 类客户 {int(a['customers'])} 家，占客户数的 {a['customer_share']:.1%}，"
        f"带来了 {a['value_share']:.1%} 的运费收入。这些客户值得最好的服务和最多的关注。"],
        [("ABC 分类汇总", summary.set_index("abc_class")),
         ("收入最高的 10 家客户", classified.head(10).set_index("customer_id")
          [["revenue", "share", "cum_share", "abc_class"]])],
        ax.figure)


def _rfm(ships, complaints, as_of) -> Section:
    scored = rfm_segment(rfm_score(rfm_table(ships, as_of=as_of)))
    groups = scored.groupby("segment", observed=False).agg(customers=("customer_id", "size"),
                                                          monetary=("monetary", "sum"))
    top = groups.iloc[0]
    total = groups["monetary"].sum()
    ax = plots.rfm_heatmap(scored, bins=5)
    return Section("rfm", "", [
        f"重要价值客户（最近下过单、下单频繁、金额高）有 {int(top['customers'])} 家，"
        f"贡献了 {_share(top['monetary'], total)} 的金额。"],
        [("RFM 客户群", groups)], ax.figure)


def _lifecycle(ships, complaints, as_of) -> Section:
    stages = lifecycle_stage(ships, as_of=as_of)
    counts = stages["stage"].value_counts().reindex(list(STAGES[1:]), fill_value=0)
    table = pd.DataFrame({"customers": counts.astype(int)}).rename_axis("stage")
    cohorts = cohort_retention(ships, period="Q")
    ax = plots.new_axes(figsize=(6, 3.5))
    ax.bar(counts.index.astype(str), counts.to_numpy(), color="#4C72B0")
    ax.set_title("各生命周期阶段的客户数")
    ax.set_ylabel("客户数")
    sentences = [f"成长期 {counts['成长期']} 家、成熟期 {counts['成熟期']} 家、"
                 f"衰退期 {counts['衰退期']} 家、终止期 {counts['终止期']} 家。"
                 "衰退期的客户要尽快回访，弄清货量下降的原因。"]
    if "revenue" in ships:  # the big customers who are leaving matter most
        classified = abc_classify(ships)
        big = classified.loc[classified["abc_class"] == "A类", "customer_id"]
        leaving = stages[stages["id"].isin(big) & stages["stage"].isin(["衰退期", "终止期"])]
        if len(leaving):
            listed = "、".join(f"{row.id}（{row.stage}）" for row in leaving.itertuples())
            sentences.append(f"A 类客户里有 {len(leaving)} 家在衰退期或终止期：{listed}，应当优先回访。")
    return Section("lifecycle", "", sentences,
                   [("生命周期阶段", table),
                    ("按首单季度的同期群留存率", cohorts.rename_axis(index="首单季度",
                                                           columns="第几个季度"))],
                   ax.figure)


def _value(ships, complaints, as_of) -> Section:
    profit = customer_profitability(ships)
    history = historical_clv(ships, as_of=as_of)
    losing = profit[profit["profit"] < 0]
    shown = profit.head(40)  # best first; a short list keeps the bars readable
    if len(profit) > 40:  # the losses matter most: always show the worst ones
        shown = pd.concat([profit.head(30), profit.tail(10)])
    ax = plots.new_axes(figsize=(8, 3.8))
    colours = np.where(shown["profit"] < 0, "#C44E52", "#55A868")
    ax.bar(shown["customer_id"].astype(str), shown["profit"], color=colours)
    ax.axhline(0, color="grey", linewidth=1)
    ax.set_title("每家客户的利润（红色为亏损）")
    ax.set_ylabel("利润（元）")
    ax.tick_params(axis="x", rotation=90, labelsize=7)
    sentence = (f"共有 {len(losing)} 家客户在亏钱（收入低于成本），合计亏损 {-losing['profit'].sum():,.2f} 元；"
                "对这些客户要查清是价格太低还是服务成本太高。" if len(losing) else
                "没有客户在亏钱（每家客户的收入都不低于成本）。")
    return Section("value", "", [sentence],
        [("利润最高的 10 家客户", profit.head(10).set_index("customer_id")),
         ("亏损的客户", losing.set_index("customer_id")),
         ("历史价值最高的 10 家客户", history.head(10).set_index("customer_id")
          [["first_order", "tenure_days", "waybills", "value_to_date"]])],
        ax.figure)


def _service(ships, complaints, as_of) -> Section:
    waybill = "waybill_id" if "waybill_id" in ships else None
    overall = service_kpis(ships, waybill=waybill)
    by_month = service_kpis(ships, by="month", waybill=waybill)
    ax = plots.new_axes(figsize=(7, 3.5))
    months = pd.PeriodIndex(by_month.index, freq="M").to_timestamp()
    for column, label in (("on_time_rate", "准时率"), ("perfect_order_rate", "完美订单率")):
        ax.plot(months, by_month[column] * 100, marker="o", markersize=3, label=label)
    ax.set_title("每月服务质量")
    ax.set_ylabel("%")
    ax.legend(loc="best")
    rate = overall.iloc[0]
    tables = [("服务质量（全部运单）", overall[["waybills", "on_time_rate", "complete_rate",
                                             "damage_free_rate", "perfect_order_rate"]])]
    if "service" in ships:
        tables.append(("按服务产品", service_kpis(ships, by="service", waybill=waybill)
                       [["waybills", "on_time_rate", "perfect_order_rate"]]))
    return Section("service", "", [
        f"准时率 {rate['on_time_rate']:.1%}，完美订单率 {rate['perfect_order_rate']:.1%}。"],
        tables, ax.figure)


def _complaints(ships, complaints, as_of, holidays=None) -> Section:
    kpis = complaint_kpis(complaints, ships, holidays=holidays)
    row = kpis.iloc[0]
    sentences = [f"每万票运单有 {row['complaints_per_10k']:.1f} 条投诉，一次解决率 "
                 f"{row['first_contact_resolution_rate']:.1%}，按期办结率 {row['within_deadline_rate']:.1%}。"]
    if pd.isna(row["satisfied_rate"]):
        sentences.append("投诉表里没有客户是否满意的记录，满意率空着。")
    return Section("complaints", "", sentences,
        [("投诉处理指标", kpis[["complaints", "complaints_per_10k", "first_contact_resolution_rate",
                              "within_deadline_rate", "compensation_total", "satisfied_rate"]])])


def _complaint_pareto(ships, complaints, as_of) -> Section:
    pareto = complaint_pareto(complaints)
    ax = plots.pareto_chart(pareto, label="category", value="complaints", title="投诉类别帕累托图",
                            value_label="投诉数")
    vital = "、".join(pareto.loc[pareto["vital_few"], "category"].astype(str))
    return Section("complaint_pareto", "", [f"关键少数的投诉类别是：{vital}。"],
                   [("投诉类别帕累托", pareto.set_index("category"))], ax.figure)
