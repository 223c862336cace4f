"""The offline course website (``python -m coursekit site OUT_DIR``).

Built with Jupyter Book 1 from the **student** edition's stored outputs (no
notebook is run): one page per notebook in course order (see :mod:`.order`),
charts as images, widgets drawn from their saved state, formulas by MathJax,
and a Chinese search index (Sphinx splits Chinese words with ``jieba``).

Every script and style sheet comes from the built folder itself, so the site
works on a school web server or a laptop with no internet. Two scripts that
Jupyter Book would take from public CDNs are served from ``vendor/`` instead:
the widget renderer and MathJax. They sit outside ``_static/`` on purpose:
Jupyter Book adds every ``.js`` under ``_static/`` to every page.

Open ``OUT_DIR/index.html`` through a web server (``python -m http.server``),
not as a file: browsers block the search index and widget state for
``file://`` pages.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..._validate import fail
from ..edition import STUDENT_DIR, course_notebooks
from ._clean import strip_test_markers
from ._output import fresh_output
from .order import course_parts, notebook_title
from .vendor import MATHJAX, WIDGETS, copy_vendor

SITE_MARKER = ".coursekit-site"
TITLE = "物流客户开发与服务"
STATIC = Path(__file__).resolve().parent / "site_static"
INTRO = """# {title}

这是课程的网页版，内容就是发给学生的**学生版**笔记本（含运行结果）：可以在手机上读，
可以用搜索（放大镜图标）查中文关键词，图表和课堂演示的画面都保存在页面里。
网页只能看、不能运行；要自己动手算、做练习，请在电脑上用 JupyterLab 打开课程
（课程文件夹里运行 `python3 course.py open --student`）。

书中的公司和客户数据是虚构的，用来练习；案例里的真实数字都注明了来源和日期。

"""


def _require_tools() -> None:
    missing = [name for name in ("jupyter_book", "jieba") if _not_importable(name)]
    if missing:
        fail(f"生成课程网站需要 {', '.join(missing)}：请先运行 pip install -e \".[publish]\"（或 python3 course.py test 安装测试环境）。",
             f"Building the site needs {', '.join(missing)}: pip install -e \".[publish]\" first.",
             RuntimeError)


def _not_importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is None


def _toc(notebooks: list[Path]) -> str:
    """``_toc.yml`` (jb-book format): the intro page, then one captioned part each."""
    lines = ["format: jb-book", "root: index", "parts:"]
    for part, paths in course_parts(notebooks):
        lines += [f"  - caption: {part}", "    chapters:"]
        lines += [f"      - file: {path.stem}" for path in paths]
    return "\n".join(lines) + "\n"


def _intro(notebooks: list[Path], titles: dict[str, str]) -> str:
    text = INTRO.format(title=TITLE)
    for part, paths in course_parts(notebooks):
        text += f"## {part}\n\n"
        text += "".join(f"- [{titles[p.stem]}]({p.name})\n" for p in paths) + "\n"
    return text


def _config() -> dict:
    """Jupyter Book's ``_config.yml`` (written as JSON, which YAML reads)."""
    return {
        "title": TITLE,
        "author": "物流客户开发与服务 课程组",
        "copyright": "2026",
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},       # stored outputs, never re-run
        "html": {"use_repository_button": False, "use_issues_button": False,
                 "use_edit_page_button": False, "use_multitoc_numbering": False,
                 "home_page_in_navbar": True},
        "launch_buttons": {"binderhub_url": "", "jupyterhub_url": "", "thebe": False,
                           "colab_url": "", "deepnote_url": ""},
        "repository": {"url": ""},
        "sphinx": {"config": {
            "language": "zh_CN",
            "html_search_language": "zh",              # jieba splits Chinese words for search
            # Relative to _static/: served from OUT_DIR/vendor/, not from a CDN.
            "mathjax_path": "../vendor/mathjax/tex-chtml.js",
            "nb_ipywidgets_js": {"../vendor/widgets/embed.js": {}},
            "html_extra_path": ["_extra"],
            "html_last_updated_fmt": "",
        }},
    }


def write_book_source(book: Path, notebooks: list[Path]) -> None:
    """Lay out a Jupyter Book source folder: notebooks, intro, TOC, config, styles, vendor."""
    import nbformat

    titles = {}
    for path in notebooks:
        notebook = strip_test_markers(nbformat.read(path, as_version=4))
        nbformat.write(notebook, book / path.name)
        titles[path.stem] = notebook_title(notebook) or path.stem
    (book / "index.md").write_text(_intro(notebooks, titles), encoding="utf-8")
    (book / "_toc.yml").write_text(_toc(notebooks), encoding="utf-8")
    (book / "_config.yml").write_text(json.dumps(_config(), ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    shutil.copytree(STATIC, book / "_static")
    copy_vendor(book / "_extra", [WIDGETS, MATHJAX])


def build_site(out_dir, source_dir=STUDENT_DIR, log=print) -> Path:
    """Build the offline course website into ``out_dir``.

    Parameters
    ----------
    out_dir : path
        Folder for the site (created; replaced only if an earlier site build made it).
    source_dir : path
        Folder of the student edition, ``student/`` by default.
    log : callable
        Receives progress messages.

    Returns
    -------
    Path
        ``out_dir/index.html``.
    """
    _require_tools()
    notebooks = course_notebooks(source_dir)
    if not notebooks:
        fail(f"文件夹 {source_dir} 里没有 .ipynb 笔记本。", f"No .ipynb notebooks in {source_dir}.")
    with fresh_output(out_dir, SITE_MARKER) as work, tempfile.TemporaryDirectory() as temp:
        book, build = Path(temp) / "book", Path(temp) / "build"
        book.mkdir()
        write_book_source(book, notebooks)
        log(f"生成课程网站 (building the site) from {len(notebooks)} notebooks")
        command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()",
                   "build", str(book), "--path-output", str(build), "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                                errors="replace")
        html = build / "_build" / "html"
        if result.returncode != 0 or not (html / "index.html").exists():
            fail(f"Jupyter Book 没能生成网站：\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
                 "Jupyter Book failed to build the site (its output is above).", RuntimeError)
        shutil.copytree(html, work, dirs_exist_ok=True)
    return Path(out_dir).resolve() / "index.html"
