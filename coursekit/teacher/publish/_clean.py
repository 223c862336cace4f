"""What the published copies leave out: the test suite's markers in code cells."""
from __future__ import annotations


def strip_test_markers(notebook):
    """Drop ``# NBVAL_...`` comment lines (nbval's markers) from code cells, in place.

    They tell the test suite how to compare a cell; a student reading the site
    or a class watching a slide has no use for them.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\\nwidgets.abc_demo()")])
    >>> strip_test_markers(nb).cells[0].source
    'widgets.abc_demo()'
    """
    for cell in notebook.cells:
        if cell.cell_type == "code" and "NBVAL_" in cell.source:
            cell.source = "\n".join(line for line in cell.source.splitlines()
                                    if not line.lstrip().startswith("# NBVAL_"))
    return notebook
