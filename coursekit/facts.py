"""The real case facts (案例事实表): show a figure together with where it comes from.

The three case notebooks (Walmart, DHL-Sinotrans, China Railway Express) read
one published figure per row from ``walmart_facts``, ``dhl_facts``,
``cre_facts`` and ``express_kpis`` (``datasets/cases/``). :func:`cite` picks
rows by id and returns them the way a student should see a real figure: the
number, its unit, its source and date, and whether anyone checked it
(核实情况), with Chinese headers.

``verified`` means the source is on the team's checked list; an unverified
row still names its source where one was found, so a student can look it up.
"""
from __future__ import annotations

import pandas as pd

from ._tables import require_flags
from ._validate import fail, require_columns, require_frame, require_ids, require_numeric
from .labels import zh

__all__ = ["cite", "VERIFIED_LABELS"]

VERIFIED_LABELS = {True: "已核实", False: "未核实"}
"""What the ``verified`` column means on screen."""

_SHOWN = ["year", "metric_zh", "value", "unit", "source", "source_date", "verified"]


def cite(facts, *ids):
    """The fact rows ``ids`` with value, unit, source, date and 核实情况, Chinese headers.

    Parameters
    ----------
    facts : pandas.DataFrame
        A fact table (``load_dataset("walmart_facts")`` etc.).
    *ids : str
        Fact ids such as ``"WM31"``, in the order to show them.

    Returns
    -------
    pandas.DataFrame
        One row per id (index 编号): 年份, 指标, 数值 (text, thousands separated,
        years without a separator), 单位, 出处, 出处日期, 核实情况.

    Examples
    --------
    >>> facts = pd.DataFrame({"fact_id": ["X01"], "year": pd.array([1992], dtype="Int64"),
    ...                       "metric": ["stores_per_dc_min"], "metric_zh": ["每个配送中心服务的门店数"],
    ...                       "value": [150.0], "unit": ["家"], "source": ["HBR"],
    ...                       "source_date": ["1992"], "source_type": ["S"],
    ...                       "verified": [True], "note": ["-"]})
    >>> cite(facts, "X01").iloc[0].tolist()
    ['1992', '每个配送中心服务的门店数', '150', '家', 'HBR', '1992', '已核实']
    """
    table = require_frame(facts, "facts")
    require_columns(table, ["fact_id", *_SHOWN], "facts")
    if not ids:
        fail("cite() 至少要给一个编号，例如 cite(facts, \"WM31\")。",
             "cite() needs at least one fact id, e.g. cite(facts, \"WM31\").", TypeError)
    not_text = [i for i in ids if not isinstance(i, str)]
    if not_text:
        fail(f"事实编号应该是文字，例如 \"WM31\"，现在有 {not_text[0]!r}。",
             f"Fact ids must be text such as \"WM31\", got {not_text[0]!r}.", TypeError)
    rows = table.set_index(require_ids(table, "fact_id", "facts"))
    unknown = [i for i in ids if i not in rows.index]
    if unknown:
        fail(f"事实表里没有编号 {'、'.join(map(str, unknown))}；编号形如 {rows.index[0]}。",
             f"No fact id {', '.join(map(str, unknown))} in facts; ids look like {rows.index[0]}.")
    require_numeric(table, "value", "facts", allow_negative=True)
    require_numeric(table, "year", "facts", allow_nan=True)
    require_flags(table, "verified", "facts")
    rows = rows.loc[list(ids), _SHOWN]
    is_year = rows["unit"].eq("年")
    shown = pd.DataFrame({
        "year": rows["year"].map(lambda y: "" if pd.isna(y) else str(int(y))),
        "metric_zh": rows["metric_zh"],
        "value": [f"{v:.0f}" if year else f"{v:,.10g}" for v, year in zip(rows["value"], is_year)],
        "unit": rows["unit"], "source": rows["source"], "source_date": rows["source_date"],
        "verified_label": rows["verified"].map(lambda v: VERIFIED_LABELS[bool(v)]),
    }, index=rows.index)
    return zh(shown)
