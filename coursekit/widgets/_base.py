"""The one pattern every classroom demo follows.

A demo is a few controls (sliders, dropdowns), a text readout and a chart.
Moving a control recomputes the readout and redraws the chart at once. The
readout is plain text in an HTML widget, so a test (or a browser test) can read
it after moving a control, and a chart is optional.
"""
from __future__ import annotations

import html
from typing import Callable


def given_or_loaded(frame, name: str):
    """The table a notebook passed in (so nothing loads twice), else the course dataset ``name``."""
    if frame is not None:
        return frame
    from ..data import load_dataset

    return load_dataset(name)


def classroom_demo(controls: dict, readout: Callable[..., str],
                   draw: Callable[..., object] | None = None, title: str = ""):
    """Build a demo: ``controls`` by keyword, ``readout(**values)`` text, ``draw(**values)``.

    Returns an ``ipywidgets.VBox`` with attributes ``controls`` (the dict),
    ``readout_widget`` (an HTML widget) and ``refresh()`` (redraws now).
    """
    import ipywidgets as w

    from ..plots import use_chinese_font

    label = w.HTML(value=f"<b>{html.escape(title)}</b>") if title else None
    text = w.HTML()
    output = w.Output()

    def refresh(_change=None):
        values = {name: control.value for name, control in controls.items()}
        text.value = "<div class='coursekit-readout'>" + html.escape(readout(**values)).replace(
            "\n", "<br>") + "</div>"
        if draw is None:
            return
        import matplotlib.pyplot as plt

        use_chinese_font()
        with output:
            output.clear_output(wait=True)
            draw(**values)
            plt.show()

    for control in controls.values():
        control.observe(refresh, names="value")
    box = w.VBox([part for part in (label, *controls.values(), text, output) if part is not None])
    box.controls, box.readout_widget, box.refresh = controls, text, refresh
    box.add_class("coursekit-demo")
    refresh()
    return box


def readout_text(demo) -> str:
    """The readout as plain text (what a test compares before and after a change)."""
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", demo.readout_widget.value)).strip()
