"""Slide metadata for a course notebook, derived from its headings.

``jupyter nbconvert --to slides`` makes one slide of a notebook unless its cells
carry ``metadata.slideshow.slide_type``. :func:`add_slide_metadata` sets it by
one rule, so nobody hand-edits the notebooks' JSON:

* a ``#`` or ``##`` heading starts a new slide (``"slide"``);
* a ``###`` (or deeper) heading starts a sub-slide below it (``"subslide"``);
* a slide that grows taller than about :data:`LINES_PER_SLIDE` lines of text
  (a chart counts as :data:`LINES_PER_CHART`) continues on a sub-slide, so a
  deck reads without scrolling; a single cell taller than that still scrolls;
* an instructor-only cell (first line holds 参考要点 or 评分要点 and 教师版)
  becomes speaker notes (``"notes"``).

Cells a person gave a ``slideshow`` type by hand are left as they are. Cells
the rule set are marked ``metadata.coursekit.slides = "auto"``, so running the
rule again after the headings change updates them instead of taking them for
hand-set ones. Running it twice changes nothing.

The rule runs when notebooks are refreshed (``python -m coursekit refresh``)
and again on a copy when decks are built, so a deck reads well even from a
notebook not refreshed since the rule was added.
"""
from __future__ import annotations

import re

from ..edition import is_instructor_only  # the course's one rule for instructor-only cells

LINES_PER_SLIDE = 16
LINES_PER_CHART = 12
CHARS_PER_LINE = 60
AUTO = "auto"
_HEADING = re.compile(r"^(#{1,6})\s")


def heading_level(cell) -> int:
    """Level of the heading a Markdown cell starts with (0 when it starts with none).

    Examples
    --------
    >>> import nbformat
    >>> heading_level(nbformat.v4.new_markdown_cell("## 1. 客户是谁\\n正文"))
    2
    >>> heading_level(nbformat.v4.new_code_cell("# a comment"))
    0
    """
    if cell.get("cell_type") != "markdown":
        return 0
    match = _HEADING.match(cell.get("source", "").lstrip())
    return len(match.group(1)) if match else 0


def estimated_lines(cell) -> int:
    """Rough height of a cell on a slide, in lines of text (source and outputs).

    Long lines wrap every :data:`CHARS_PER_LINE` characters; an image counts as
    :data:`LINES_PER_CHART` lines; an HTML table as its number of rows.
    """
    def wrapped(text: str) -> int:
        return sum(1 + len(line) // CHARS_PER_LINE for line in text.splitlines())

    lines = wrapped(cell.get("source", ""))
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "application/vnd.jupyter.widget-view+json" in data:
            lines += LINES_PER_SLIDE      # a demo: controls, readout and chart fill a slide
        elif "image/png" in data or "image/svg+xml" in data:
            lines += LINES_PER_CHART
        elif "text/html" in data:
            lines += max(1, str(data["text/html"]).count("<tr"))
        elif "text/plain" in data:
            lines += wrapped(str(data["text/plain"]))
        elif "text" in output:
            lines += wrapped(str(output["text"]))
    return lines


def _is_hand_set(cell) -> bool:
    return "slideshow" in cell.metadata and cell.metadata.get("coursekit", {}).get("slides") != AUTO


def _set_auto(cell, slide_type: str) -> None:
    """Store the derived type (or remove a stale derived one for ``"-"``)."""
    marks = dict(cell.metadata.get("coursekit", {}))
    if slide_type == "-":
        cell.metadata.pop("slideshow", None)
        marks.pop("slides", None)
    else:
        cell.metadata["slideshow"] = {"slide_type": slide_type}
        marks["slides"] = AUTO
    if marks:
        cell.metadata["coursekit"] = marks
    else:
        cell.metadata.pop("coursekit", None)


def derived_slide_type(cell, lines_so_far: int) -> str:
    """The slide type the rule gives one cell, given how tall the current slide already is."""
    if is_instructor_only(cell):
        return "notes"
    level = heading_level(cell)
    if level in (1, 2):
        return "slide"
    if level >= 3:
        return "subslide"
    if lines_so_far and lines_so_far + estimated_lines(cell) > LINES_PER_SLIDE:
        return "subslide"
    return "-"


def add_slide_metadata(notebook):
    """Set ``slideshow`` metadata on every cell by the heading rule (in place).

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        A course notebook; cells with hand-set ``slideshow`` metadata are kept.

    Returns
    -------
    nbformat.NotebookNode
        The same notebook, for chaining.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("# 单元1"), nbformat.v4.new_code_cell("x = 1"),
    ...     nbformat.v4.new_markdown_cell("### 1.1 小节"),
    ...     nbformat.v4.new_markdown_cell("**参考要点（教师版）**\\n- 要点")])
    >>> [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in add_slide_metadata(nb).cells]
    ['slide', '-', 'subslide', 'notes']
    """
    lines = 0
    for cell in notebook.cells:
        if _is_hand_set(cell):
            slide_type = cell.metadata["slideshow"].get("slide_type", "-")
        else:
            slide_type = derived_slide_type(cell, lines)
            _set_auto(cell, slide_type)
        if slide_type in ("slide", "subslide"):
            lines = estimated_lines(cell)
        elif slide_type in ("-", "fragment"):
            lines += estimated_lines(cell)
    return notebook
