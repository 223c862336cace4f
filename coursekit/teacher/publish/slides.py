"""Class slides: one reveal.js deck per notebook (``python -m coursekit slides OUT_DIR``).

Each deck is ``nbconvert --to slides`` of the **student** edition's stored
outputs (what the class sees, no reference answers), with:

* slide breaks from the headings (:func:`~.slide_metadata.add_slide_metadata`),
  long slides split, and any slide still too tall scrolling inside itself;
* widgets drawn from their saved state, formulas by MathJax, reveal.js and its
  speaker-notes plugin, all from the deck folder's ``vendor/`` (works offline);
* with ``notes=True`` the instructor edition's reference points (参考要点 /
  评分要点 …教师版) as speaker notes: press ``S`` in a deck to see them in the
  speaker view, which the class on the projector does not see.

``OUT_DIR/index.html`` lists the decks in course order. Open a deck by double
click (``file://`` works) or from a web server; ``F`` is full screen, ``Esc``
the overview.
"""
from __future__ import annotations

import copy
import html
import re
from pathlib import Path

from ..._validate import fail
from ..edition import NOTEBOOKS_DIR, STUDENT_DIR, course_notebooks, is_instructor_only
from ._clean import strip_test_markers
from ._output import fresh_output
from .order import course_parts, notebook_title
from .slide_metadata import add_slide_metadata
from .vendor import MATHJAX, REVEAL, WIDGETS, copy_vendor

SLIDES_MARKER = ".coursekit-slides"
TEMPLATES = Path(__file__).resolve().parent / "templates"
_HEADING = re.compile(r"^#{1,6}\s")


def with_speaker_notes(student, instructor):
    """A copy of ``student`` with the instructor-only cells of ``instructor`` put back.

    Each instructor-only cell goes right after the nearest cell before it that
    the student edition also has (matched by cell id), so the note lands on the
    slide it belongs to.

    Examples
    --------
    >>> import nbformat
    >>> v4 = nbformat.v4
    >>> teacher = v4.new_notebook(cells=[v4.new_markdown_cell("## 思考题", id="q"),
    ...     v4.new_markdown_cell("**参考要点（教师版）**\\n- 一", id="a"),
    ...     v4.new_markdown_cell("## 小结", id="s")])
    >>> pupil = v4.new_notebook(cells=[teacher.cells[0], teacher.cells[2]])
    >>> [c.id for c in with_speaker_notes(pupil, teacher).cells]
    ['q', 'a', 's']
    """
    result = copy.deepcopy(student)
    position = {cell.get("id"): i for i, cell in enumerate(result.cells)}
    anchor, inserts = -1, []
    for cell in instructor.cells:
        if is_instructor_only(cell):
            inserts.append((anchor, copy.deepcopy(cell)))
        elif cell.get("id") in position:
            anchor = position[cell.get("id")]
    for after, note in reversed(inserts):     # from the back, so earlier positions stay valid
        result.cells.insert(after + 1, note)
    return result


def split_at_headings(notebook):
    """Split Markdown cells at every heading line, so each heading can start its slide.

    A cell like ``"…正文\\n\\n### 1.2 小节\\n…"`` becomes two cells (ids get a
    ``-1``, ``-2`` … suffix); the notebook on disk is not touched.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("甲\\n\\n### 乙\\n丙", id="m")])
    >>> [(c.id, c.source) for c in split_at_headings(nb).cells]
    [('m', '甲'), ('m-1', '### 乙\\n丙')]
    """
    import nbformat

    cells = []
    for cell in notebook.cells:
        pieces = _heading_pieces(cell.source) if cell.cell_type == "markdown" else [cell.source]
        if len(pieces) == 1:
            cells.append(cell)
            continue
        for number, piece in enumerate(pieces):
            part = nbformat.from_dict(copy.deepcopy(dict(cell)))
            part.source = piece
            if number:
                part.id = f"{cell.get('id', 'cell')}-{number}"
                part.metadata.pop("slideshow", None)
            cells.append(part)
    notebook.cells = cells
    return notebook


def _heading_pieces(source: str) -> list[str]:
    pieces, current, fenced = [], [], False
    for line in source.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if _HEADING.match(line) and not fenced and any(l.strip() for l in current):
            pieces.append("\n".join(current).strip("\n"))
            current = []
        current.append(line)
    pieces.append("\n".join(current).strip("\n"))
    return [p for p in pieces if p] or [source]


def deck_notebook(student_path: Path, instructor_dir=None):
    """The notebook a deck is made from: student outputs, slide metadata, notes if asked."""
    import nbformat

    notebook = nbformat.read(student_path, as_version=4)
    if instructor_dir is not None:
        source = Path(instructor_dir) / student_path.name
        if source.exists():
            notebook = with_speaker_notes(notebook, nbformat.read(source, as_version=4))
    else:
        notebook.cells = [cell for cell in notebook.cells if not is_instructor_only(cell)]
    add_slide_metadata(split_at_headings(strip_test_markers(notebook)))
    notebook.metadata["title"] = notebook_title(notebook) or student_path.stem
    return notebook


def _exporter(hide_code: bool):
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(template_name="coursekit_reveal",
                              extra_template_basedirs=[str(TEMPLATES)])
    exporter.reveal_url_prefix = "vendor/reveal"
    exporter.reveal_theme = "white"
    exporter.reveal_transition = "none"     # projectors in bright classrooms: no sliding
    exporter.exclude_input = hide_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def _index_page(decks: list[tuple[str, list[tuple[str, str]]]]) -> str:
    parts = "".join(
        f"<h2>{html.escape(part)}</h2><ul>"
        + "".join(f'<li><a href="{html.escape(file)}">{html.escape(title)}</a></li>'
                  for file, title in entries)
        + "</ul>" for part, entries in decks)
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>物流客户开发与服务 · 课堂幻灯片</title>"
            "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}</style>"
            "</head><body><h1>物流客户开发与服务 · 课堂幻灯片</h1>"
            "<p>每个笔记本一套幻灯片。方向键翻页，F 全屏，Esc 总览，S 打开演讲者视图"
            "（生成时加了 --notes 才有参考要点）。</p>" + parts + "</body></html>\n")


def build_slides(out_dir, source_dir=STUDENT_DIR, notes: bool = False,
                 instructor_dir=NOTEBOOKS_DIR, hide_code: bool = False, names=None,
                 log=print) -> list[Path]:
    """Build one offline reveal.js deck per notebook into ``out_dir``.

    Parameters
    ----------
    out_dir : path
        Folder for the decks (created; replaced only if an earlier slides build made it).
    source_dir : path
        The student edition, ``student/`` by default: its outputs are what the decks show.
    notes : bool
        Put the instructor edition's reference points in as speaker notes.
    instructor_dir : path
        The instructor edition, read only when ``notes`` is true.
    hide_code : bool
        Show outputs and text only, no code cells.
    names : list of str, optional
        Only these notebooks (file names or stems); default all.

    Returns
    -------
    list of Path
        The decks written, in course order.
    """
    notebooks = course_notebooks(source_dir)
    if names:
        wanted = set(names)
        unknown = wanted - {p.name for p in notebooks} - {p.stem for p in notebooks}
        if unknown:
            fail(f"找不到这些笔记本：{', '.join(sorted(unknown))}", f"No such notebooks: {', '.join(sorted(unknown))}")
        notebooks = [p for p in notebooks if p.name in wanted or p.stem in wanted]
    if not notebooks:
        fail(f"文件夹 {source_dir} 里没有 .ipynb 笔记本。", f"No .ipynb notebooks in {source_dir}.")
    if notes and not Path(instructor_dir).is_dir():
        fail(f"要加入参考要点作为演讲者备注，需要教师版文件夹 {instructor_dir}。",
             f"Speaker notes come from the instructor edition; {instructor_dir} is missing.")
    exporter = _exporter(hide_code)
    listing, written = [], []
    with fresh_output(out_dir, SLIDES_MARKER) as work:
        copy_vendor(work, [REVEAL, WIDGETS, MATHJAX])
        for part, paths in course_parts(notebooks):
            entries = []
            for path in paths:
                log(f"生成幻灯片 (building slides) {path.name}")
                notebook = deck_notebook(path, instructor_dir if notes else None)
                body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
                target = work / f"{path.stem}.slides.html"
                target.write_text(body, encoding="utf-8")
                entries.append((target.name, notebook.metadata["title"]))
                written.append(Path(out_dir).resolve() / target.name)
            listing.append((part, entries))
        (work / "index.html").write_text(_index_page(listing), encoding="utf-8")
    return written
