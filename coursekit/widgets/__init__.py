"""Classroom demos (课堂演示): one ``*_demo()`` per idea, built on ipywidgets.

Import as a submodule: ``from coursekit import widgets`` then
``widgets.industry_demo()``. Each demo returns a widget; put it as the last
line of a cell marked ``# NBVAL_IGNORE_OUTPUT`` (widget ids change every run).
The implementations live in one private module per notebook.
"""
from ._base import classroom_demo, readout_text
from ._u00 import industry_demo

__all__ = ["classroom_demo", "readout_text", "industry_demo"]
