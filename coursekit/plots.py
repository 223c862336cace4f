"""Charts with Chinese labels that render on any machine.

Matplotlib's default font has no Chinese glyphs, so a fresh laptop draws
empty boxes. The course ships Noto Sans SC (SIL Open Font License) through the
``pylopdf-fonts-zh-cn`` package; :func:`use_chinese_font` registers that file
with matplotlib and makes it the first sans-serif family. Importing this module
does that once; every chart function checks again, because matplotlib can
rebuild its font list in the middle of a session (a stale font cache does
this) and forget fonts added with ``addfont``.

Every chart function draws on the Axes it is given (or a new one), returns the
Axes, never calls ``plt.show()`` and never changes the backend.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.font_manager as fm
import numpy as np
import pandas as pd

from ._validate import fail, require_columns, require_frame, require_number, require_numeric

__all__ = ["use_chinese_font", "chinese_font_path", "pareto_chart", "lifecycle_chart",
           "rfm_heatmap", "funnel_chart", "new_axes"]


def chinese_font_path() -> Path:
    """Path of the bundled Noto Sans SC font file."""
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.sans_path())


def _registered(path: Path) -> bool:
    return any(Path(entry.fname) == path for entry in fm.fontManager.ttflist)


def _thousands_label(value, _position) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


def _formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(_thousands_label)


def use_chinese_font() -> str:
    """Register the bundled Chinese font with matplotlib and use it; return its family name.

    The family name is read from the font file itself. Entries of the font
    manager that carry the same family name but point to another file (a
    system copy, or a stale cache entry) are dropped, so the bundled file is
    the one matplotlib finds.

    Examples
    --------
    >>> from coursekit.plots import use_chinese_font
    >>> use_chinese_font()
    'Noto Sans SC'
    """
    path = chinese_font_path()
    family = fm.FontProperties(fname=path).get_name()
    manager = fm.fontManager  # looked up each time: matplotlib may have replaced it
    if not _registered(path):
        manager.addfont(str(path))
    manager.ttflist = [f for f in manager.ttflist
                       if f.name != family or Path(f.fname) == path]
    manager._findfont_cached.cache_clear()  # forget look-ups made before the font was added
    sans = [family] + [name for name in mpl.rcParams["font.sans-serif"] if name != family]
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = sans
    mpl.rcParams["axes.unicode_minus"] = False  # the font has no U+2212 minus sign
    return family


def new_axes(ax=None, figsize=(7, 4)):
    """Return ``ax``, or a fresh Axes on a new figure, with the Chinese font in place."""
    use_chinese_font()
    if ax is not None:
        return ax
    if not isinstance(figsize, (tuple, list)) or len(figsize) != 2:
        fail(f"参数 figsize 应该是（宽, 高）两个数，单位英寸，例如 (7, 4)，现在是 {figsize!r}。",
             f"Argument figsize must be two numbers (width, height) in inches such as (7, 4), "
             f"got {figsize!r}.", TypeError)
    for i, size in enumerate(figsize):
        require_number(size, f"figsize[{i}]", low=0, low_open=True, high=100)
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def pareto_chart(data: pd.DataFrame, label: str = "customer_id", value: str = "value",
                 title: str = "帕累托图（Pareto chart）", top: int | None = 30,
                 value_label: str = "收入（元）", ax=None):
    """Bars of value in descending order with the cumulative share as a line.

    Formula: cumulative share of item *k* = (v₁ + … + v_k) / Σ v.

    Parameters
    ----------
    data : DataFrame
        One row per item, e.g. the output of ``abc_classify`` or ``complaint_pareto``.
    label, value : str
        Column names of the item labels and their values.
    top : int or None
        Draw only the largest ``top`` items (the cumulative line still uses all).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes (the bar axes; the line is on its twin).

    Examples
    --------
    >>> import pandas as pd
    >>> from coursekit.plots import pareto_chart
    >>> df = pd.DataFrame({"category": ["延误", "破损", "丢失"], "count": [50, 30, 20]})
    >>> ax = pareto_chart(df, label="category", value="count", value_label="投诉数")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['延误', '破损', '丢失']
    """
    require_frame(data, "data")
    require_columns(data, [label, value], "data")
    require_numeric(data, value, "data")
    ordered = data.sort_values(value, ascending=False, kind="stable")
    cum_share = ordered[value].cumsum() / ordered[value].sum()
    if top is not None:
        ordered, cum_share = ordered.head(top), cum_share.head(top)
    ax = new_axes(ax)
    positions = np.arange(len(ordered))
    ax.bar(positions, ordered[value], color="#4C72B0")
    many = len(ordered) > 8
    ax.set_xticks(positions, ordered[label].astype(str), rotation=90 if many else 0,
                  fontsize=7 if len(ordered) > 30 else None)
    ax.yaxis.set_major_formatter(_formatter())  # 1,200,000 rather than an offset "1e6"
    ax.set_ylabel(value_label)
    ax.set_title(title)
    line_ax = ax.twinx()
    line_ax.plot(positions, cum_share * 100, color="#DD8452", marker="o", markersize=3)
    line_ax.axhline(80, color="grey", linestyle="--", linewidth=1)
    line_ax.set_ylim(0, 105)
    line_ax.set_ylabel("累计占比（%）")
    return ax


def lifecycle_chart(monthly: pd.DataFrame, title: str = "月度运单量", ax=None,
                    value_label: str = "运单数（票）"):
    """Line chart of monthly volume, one line per column (e.g. per customer).

    Parameters
    ----------
    monthly : DataFrame
        Index = months (Period or Timestamp), one column per customer or stage.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from coursekit.plots import lifecycle_chart
    >>> months = pd.period_range("2025-01", periods=3, freq="M")
    >>> ax = lifecycle_chart(pd.DataFrame({"成长期客户": [1, 5, 9]}, index=months))
    >>> ax.get_legend().get_texts()[0].get_text()
    '成长期客户'
    """
    require_frame(monthly, "monthly")
    for column in monthly.columns:
        require_numeric(monthly, column, "monthly", allow_nan=True)
    ax = new_axes(ax)
    x = monthly.index.to_timestamp() if isinstance(monthly.index, pd.PeriodIndex) else monthly.index
    for column in monthly.columns:
        ax.plot(x, monthly[column], marker="o", markersize=3, label=str(column))
    if isinstance(x, pd.DatetimeIndex):
        import matplotlib.dates as mdates

        # Numeric year-month labels: matplotlib's concise labels would be English month names.
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_title(title)
    ax.set_xlabel("月份")
    ax.set_ylabel(value_label)
    ax.legend(loc="best", fontsize=8)
    return ax


def rfm_heatmap(scored: pd.DataFrame, rows: str = "r_score", columns: str = "f_score",
                value: str | None = None, title: str = "RFM 热力图（客户数）", ax=None,
                bins: int | None = None):
    """Heatmap of customer counts (or mean ``value``) by R score and F score.

    ``bins`` (e.g. 5) shows every score 1..bins, so a score nobody got appears
    as an empty row or column instead of silently vanishing.

    Examples
    --------
    >>> import pandas as pd
    >>> from coursekit.plots import rfm_heatmap
    >>> s = pd.DataFrame({"r_score": [1, 2, 2], "f_score": [1, 1, 2]})
    >>> ax = rfm_heatmap(s)
    >>> ax.get_ylabel()
    '近度得分 R（Recency）'
    """
    require_frame(scored, "scored")
    needed = [rows, columns] + ([value] if value else [])
    require_columns(scored, needed, "scored")
    for score in (rows, columns):  # scores are numbers; text would not sort into a grid
        require_numeric(scored, score, "scored")
    if value:
        require_numeric(scored, value, "scored")
        table = scored.pivot_table(index=rows, columns=columns, values=value, aggfunc="mean")
    else:
        table = scored.groupby([rows, columns]).size().unstack(fill_value=0)
    if bins is not None:
        levels = range(1, int(bins) + 1)
        table = table.reindex(index=levels, columns=levels, fill_value=0 if not value else np.nan)
    table = table.sort_index(ascending=False)
    ax = new_axes(ax, figsize=(6, 5))
    cells = table.to_numpy(dtype=float)
    image = ax.imshow(cells, cmap="YlOrRd", aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns])
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    ax.set_xlabel("频度得分 F（Frequency）")
    ax.set_ylabel("近度得分 R（Recency）")
    ax.set_title(title)
    dark = np.nanmin(cells) + 0.6 * (np.nanmax(cells) - np.nanmin(cells))
    for (i, j), cell in np.ndenumerate(cells):
        if not np.isnan(cell):  # white on the darkest cells so the number stays readable
            ax.text(j, i, f"{cell:.0f}", ha="center", va="center", fontsize=8,
                    color="white" if cell > dark else "black")
    ax.figure.colorbar(image, ax=ax)
    return ax


def funnel_chart(stages: pd.DataFrame, stage: str = "stage", count: str = "leads",
                 title: str = "销售漏斗（sales funnel）", ax=None, scale=None):
    """Horizontal funnel: one centred bar per stage, labelled with count and conversion.

    ``scale`` is the count that fills the full width (default: this funnel's
    largest count). Give two funnels drawn side by side the same ``scale``, so
    115 leads look narrower than 300.

    Examples
    --------
    >>> import pandas as pd
    >>> from coursekit.plots import funnel_chart
    >>> f = pd.DataFrame({"stage": ["线索", "合格", "成交"], "leads": [100, 40, 10]})
    >>> ax = funnel_chart(f)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['线索', '合格', '成交']
    >>> [float(x) for x in funnel_chart(f, scale=300).get_xlim()]
    [0.0, 300.0]
    """
    require_frame(stages, "stages")
    require_columns(stages, [stage, count], "stages")
    counts = require_numeric(stages, count, "stages").to_numpy(dtype=float)
    if counts.max() == 0:
        fail("漏斗里每个阶段都是 0，画不出图。", "Every stage of the funnel is zero; nothing to draw.")
    if scale is None:
        scale = counts.max()
    else:
        require_number(scale, "scale", low=counts.max())
    ax = new_axes(ax)
    positions = np.arange(len(stages))[::-1]
    ax.barh(positions, counts, left=(scale - counts) / 2, color="#55A868")
    for y, n in zip(positions, counts):
        share = n / counts[0] if counts[0] else 0
        ax.text(scale / 2, y, f"{n:.0f}（{share:.0%}）", ha="center", va="center")
    ax.set_xlim(0, scale)
    ax.set_yticks(positions, stages[stage].astype(str))
    ax.set_xticks([])
    ax.set_title(title)
    return ax


use_chinese_font()
