"""Class slides: ``python -m coursekit slides OUT_DIR`` and the heading rule behind them.

Every deck is built once per run (fixture ``built_slides``, by the real
command); tests/test_publish_browser.py clicks through one in Chromium.
"""
import re

import nbformat
import pytest

from coursekit.teacher.edition import STUDENT_DIR, is_instructor_only
from coursekit.teacher.publish import order
from coursekit.teacher.publish.slide_metadata import LINES_PER_SLIDE, add_slide_metadata
from coursekit.teacher.publish.slides import build_slides, deck_notebook

pytestmark = pytest.mark.xdist_group("publish")
v4 = nbformat.v4
STUDENT_NOTEBOOKS = sorted(STUDENT_DIR.glob("*.ipynb"))
NOTE = "**参考要点（教师版）**\n- 先说服务，再说价格。"


def slide_types(notebook):
    return [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in notebook.cells]


def test_headings_start_slides_and_subslides():
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("# 单元9"), v4.new_markdown_cell("正文"),
                                v4.new_markdown_cell("## 1. 投诉"), v4.new_code_cell("x = 1"),
                                v4.new_markdown_cell("### 1.1 小节"), v4.new_markdown_cell(NOTE)])
    assert slide_types(add_slide_metadata(nb)) == ["slide", "-", "slide", "-", "subslide", "notes"]


def test_a_long_run_of_cells_continues_on_a_subslide():
    long_output = v4.new_code_cell("print(rows)", outputs=[
        v4.new_output("stream", name="stdout", text="一行\n" * (LINES_PER_SLIDE - 2))])
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("## 表"), v4.new_code_cell("rows = 1"),
                                long_output, v4.new_code_cell("y = 2")])
    assert slide_types(add_slide_metadata(nb)) == ["slide", "-", "subslide", "-"]


def test_hand_set_metadata_is_kept_and_the_rule_is_idempotent():
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("## 标题"), v4.new_markdown_cell("## 另一个")])
    nb.cells[1].metadata["slideshow"] = {"slide_type": "fragment"}    # a teacher's choice
    once = slide_types(add_slide_metadata(nb))
    assert once == ["slide", "fragment"]
    before = nbformat.writes(nb)
    assert nbformat.writes(add_slide_metadata(nb)) == before


def test_derived_types_follow_a_changed_heading():
    nb = add_slide_metadata(v4.new_notebook(cells=[v4.new_markdown_cell("正文"),
                                                   v4.new_markdown_cell("## 标题")]))
    assert slide_types(nb) == ["-", "slide"]
    nb.cells[1].source = "标题改成了正文"
    assert slide_types(add_slide_metadata(nb)) == ["-", "-"]
    assert "coursekit" not in nb.cells[1].metadata and "slideshow" not in nb.cells[1].metadata


def small_course(tmp_path):
    """A two-edition mini course: the instructor edition has a reference-point cell."""
    teacher, student = tmp_path / "notebooks", tmp_path / "student"
    teacher.mkdir(), student.mkdir()
    cells = [v4.new_markdown_cell("# 单元7 服务\n\n正文\n\n### 7.1 思考题\n客户为什么走？", id="a"),
             v4.new_markdown_cell(NOTE, id="n"), v4.new_markdown_cell("## 小结", id="b")]
    nbformat.write(v4.new_notebook(cells=cells), teacher / "u07_service.ipynb")
    nbformat.write(v4.new_notebook(cells=[cells[0], cells[2]]), student / "u07_service.ipynb")
    return teacher, student


def test_reference_points_become_speaker_notes_only_when_asked(tmp_path):
    teacher, student = small_course(tmp_path)
    with_notes = build_slides(tmp_path / "with", source_dir=student, instructor_dir=teacher,
                              notes=True, log=lambda _: None)[0].read_text(encoding="utf-8")
    assert re.search(r'<aside class="notes">.*先说服务，再说价格', with_notes, re.DOTALL)
    # the note sits on the slide of the question it answers, before the next heading's slide
    assert with_notes.index("客户为什么走") < with_notes.index("先说服务") < with_notes.index("小结")
    plain = build_slides(tmp_path / "plain", source_dir=student, instructor_dir=teacher,
                         log=lambda _: None)[0].read_text(encoding="utf-8")
    assert "先说服务" not in plain and "客户为什么走" in plain


def test_a_heading_inside_a_cell_starts_its_own_slide(tmp_path):
    _, student = small_course(tmp_path)
    deck = deck_notebook(student / "u07_service.ipynb")
    assert [(c.source.splitlines()[0], t) for c, t in zip(deck.cells, slide_types(deck))] == [
        ("# 单元7 服务", "slide"), ("### 7.1 思考题", "subslide"), ("## 小结", "slide")]


def test_notes_need_the_instructor_edition(tmp_path):
    _, student = small_course(tmp_path)
    with pytest.raises(ValueError, match="教师版文件夹"):
        build_slides(tmp_path / "out", source_dir=student, instructor_dir=tmp_path / "missing",
                     notes=True)
    with pytest.raises(ValueError, match="找不到这些笔记本"):
        build_slides(tmp_path / "out", source_dir=student, names=["u99"])


def test_one_deck_per_notebook_listed_in_course_order(built_slides):
    index = (built_slides / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="([^"]+)\.slides\.html"', index)
    assert linked == [p.stem for _, paths in order.course_parts(STUDENT_NOTEBOOKS) for p in paths]
    for name in linked:
        assert (built_slides / f"{name}.slides.html").stat().st_size > 10_000


def test_decks_have_a_slide_per_heading_and_load_nothing_from_outside(built_slides):
    for notebook in STUDENT_NOTEBOOKS:
        deck = (built_slides / f"{notebook.stem}.slides.html").read_text(encoding="utf-8")
        headings = sum(1 for cell in nbformat.read(notebook, as_version=4).cells
                       if cell.cell_type == "markdown"
                       for line in cell.source.splitlines() if re.match(r"#{1,3}\s", line))
        assert deck.count("<section") >= headings, notebook.name
        loads = re.findall(r'<(?:script|img|iframe)\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\bhref="([^"]+)"', deck)
        for url in (a or b for a, b in loads):
            assert not re.match(r"^(https?:)?//", url), f"{notebook.name} loads {url}"
            if not url.startswith("data:"):
                assert (built_slides / url).exists(), f"{notebook.name}: missing {url}"
        assert "import mermaid" not in deck and "require(" not in deck
        assert "NBVAL_" not in deck


def test_reference_points_are_speaker_notes_and_nowhere_else(built_slides):
    # built with --notes: every instructor-only cell of the instructor edition is in its deck,
    # inside <aside class="notes"> (the speaker view), never on a slide the class sees
    from coursekit.teacher.edition import NOTEBOOKS_DIR

    notes_total = 0
    for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        teacher_cells = [c for c in nbformat.read(notebook, as_version=4).cells if is_instructor_only(c)]
        deck = (built_slides / f"{notebook.stem}.slides.html").read_text(encoding="utf-8")
        asides = "".join(re.findall(r'<aside class="notes">(.*?)</aside>', deck, re.DOTALL))
        assert deck.count("教师版") == asides.count("教师版"), notebook.name
        assert asides.count("教师版") >= len(teacher_cells), notebook.name
        notes_total += len(teacher_cells)
    assert notes_total > 0, "no instructor-only cell in the course to show as a note"


def test_widgets_and_formulas_come_with_the_decks(built_slides):
    unit = (built_slides / "u01_customer_basics.slides.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" in unit
    assert 'src="vendor/widgets/embed.js"' in unit
    assert 'src="vendor/mathjax/tex-chtml.js"' in (built_slides / "u05_negotiation.slides.html").read_text(encoding="utf-8")
    for licence in ("reveal/LICENSE", "mathjax/LICENSE", "widgets/LICENSE"):
        assert (built_slides / "vendor" / licence).exists()
