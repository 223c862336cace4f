"""The JavaScript the site and the decks need, shipped with the course (``vendor/``).

A classroom without internet must build and open the site and the slides, so
nothing is fetched: the files below come from the npm registry once, with their
licences, and are copied next to every build. ``vendor/README.md`` lists their
versions, checksums and the one change made (reveal.js's white theme without
its web-font import).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ..._validate import fail

VENDOR_DIR = Path(__file__).resolve().parent / "vendor"
# What each output needs, as folders of VENDOR_DIR.
WIDGETS = "widgets"      # @jupyter-widgets/html-manager embed.js: widgets from their saved state
MATHJAX = "mathjax"      # MathJax 3 tex-chtml + its fonts: the formulas in u05, u06 and the CRE case
REVEAL = "reveal"        # reveal.js 4 + speaker notes plugin: the decks


def copy_vendor(out_dir, parts) -> Path:
    """Copy the chosen vendored folders into ``out_dir/vendor`` and return that folder.

    Examples
    --------
    >>> import tempfile
    >>> target = copy_vendor(tempfile.mkdtemp(), [WIDGETS])
    >>> sorted(p.name for p in (target / "widgets").iterdir())
    ['1551f4f60c37af51121f.woff2', 'LICENSE', 'embed.js', 'embed.js.LICENSE.txt']
    """
    target = Path(out_dir) / "vendor"
    for part in parts:
        source = VENDOR_DIR / part
        if not source.is_dir():
            fail(f"课程包里缺少前端文件夹 {source}，请重新获取课程包。",
                 f"The vendored folder {source} is missing; get the course package again.")
        shutil.copytree(source, target / part, dirs_exist_ok=True)
    return target
