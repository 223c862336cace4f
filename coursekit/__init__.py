"""coursekit: the helper library of the course 物流客户开发与服务.

The calculations live in one private-ish module per concern and are re-exported
here, so a notebook writes ``import coursekit as ck`` and then
``ck.abc_classify(...)``. Charts (:mod:`coursekit.plots`), classroom widgets
(:mod:`coursekit.widgets`) and exercises (:mod:`coursekit.exercises`) are
imported as submodules, which keeps ``import coursekit`` light.
"""
__version__ = "0.1.0"

AS_OF = "2025-12-31"
"""The course's reference date: every notebook computes "as of" this day."""
