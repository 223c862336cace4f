"""The offline course website: ``python -m coursekit site OUT_DIR``.

The site is built once per run (fixture ``built_site`` in conftest.py, by the
real command) and read here as files; tests/test_publish_browser.py opens it
in Chromium with every outside request blocked.
"""
import json
import re

import nbformat
import pytest

from coursekit.teacher.edition import STUDENT_DIR
from coursekit.teacher.publish import order, site
from coursekit.teacher.publish._output import fresh_output

pytestmark = pytest.mark.xdist_group("publish")
STUDENT_NOTEBOOKS = sorted(STUDENT_DIR.glob("*.ipynb"))
# A request for a script, style sheet, image, font or frame: src=, href= on <link>, url(...).
LOADS = re.compile(r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"([^\"]+)\"|<link\b[^>]*\bhref=\"([^\"]+)\"")


def loaded_urls(html: str) -> list[str]:
    return [a or b for a, b in LOADS.findall(html)]


def test_course_order_follows_the_file_names_not_a_list():
    names = ["own_data.ipynb", "case_cre.ipynb", "u08b_service_plan.ipynb", "u07_service.ipynb",
             "case_walmart.ipynb", "u06_closing.ipynb", "00_start.ipynb", "u08_crm.ipynb",
             "case_new.ipynb", "case_dhl.ipynb", "u01_customer_basics.ipynb"]
    parts = [(part, [p.stem for p in paths]) for part, paths in order.course_parts(names)]
    assert parts == [
        ("开始", ["00_start"]),
        ("开发篇", ["u01_customer_basics", "u06_closing"]),
        ("服务篇", ["u07_service", "u08_crm", "u08b_service_plan"]),
        ("案例", ["case_walmart", "case_dhl", "case_cre", "case_new"]),
        ("用自己的数据", ["own_data"]),
    ]


def test_course_order_rejects_what_is_not_a_notebook():
    with pytest.raises(ValueError, match="不是 .ipynb"):
        order.course_parts(["u01.ipynb", "notes.txt"])
    with pytest.raises(ValueError, match="没有找到任何笔记本"):
        order.course_parts([])


def test_toc_lists_every_present_notebook_under_its_part(tmp_path):
    toc = site._toc(STUDENT_NOTEBOOKS + [tmp_path / "u08b_service_plan.ipynb"])
    assert toc.index("caption: 服务篇") < toc.index("file: u08_crm") < toc.index("file: u08b_service_plan")
    assert toc.index("file: u08b_service_plan") < toc.index("caption: 案例")


def test_a_folder_with_other_files_is_never_replaced(tmp_path):
    (tmp_path / "lesson_plan.docx").write_text("教案")
    with pytest.raises(ValueError, match="已经有别的文件"):
        with fresh_output(tmp_path, site.SITE_MARKER):
            pass
    assert (tmp_path / "lesson_plan.docx").read_text() == "教案"


def test_a_failed_build_leaves_the_old_site(tmp_path):
    target = tmp_path / "site"
    with fresh_output(target, site.SITE_MARKER) as work:
        (work / "index.html").write_text("old")
    with pytest.raises(RuntimeError):
        with fresh_output(target, site.SITE_MARKER) as work:
            (work / "index.html").write_text("half")
            raise RuntimeError("build broke")
    assert (target / "index.html").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]   # no temporary folder left


def test_every_student_notebook_has_a_page_in_course_order(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    pages = re.findall(r'toctree-l1"><a class="reference internal" href="([^"]+)\.html"', index)
    expected = [p.stem for _, paths in order.course_parts(STUDENT_NOTEBOOKS) for p in paths]
    assert pages == expected
    captions = re.findall(r'class="caption-text">([^<]+)<', index)
    assert captions == ["开始", "开发篇", "服务篇", "案例", "用自己的数据"]
    for name in expected:
        title = order.notebook_title(nbformat.read(STUDENT_DIR / f"{name}.ipynb", as_version=4))
        assert title in (built_site / f"{name}.html").read_text(encoding="utf-8")


def test_site_is_chinese_and_its_search_index_holds_chinese_words(built_site):
    assert 'lang="zh-CN"' in (built_site / "index.html").read_text(encoding="utf-8")
    text = (built_site / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(text[text.index("(") + 1:text.rindex(")")])["terms"]
    for word in ("流失", "客户", "投诉"):
        assert word in terms, word
    assert sum(1 for term in terms if re.search(r"[\u4e00-\u9fff]", term)) > 1000


def test_no_page_loads_anything_from_another_host(built_site):
    pages = sorted(built_site.glob("*.html"))
    assert len(pages) >= len(STUDENT_NOTEBOOKS)
    for page in pages:
        for url in loaded_urls(page.read_text(encoding="utf-8")):
            assert not re.match(r"^(https?:)?//", url), f"{page.name} loads {url}"


def test_widget_renderer_and_mathjax_are_served_from_the_site(built_site):
    unit = (built_site / "u01_customer_basics.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" in unit
    renderer = [u for u in loaded_urls(unit) if "embed.js" in u]
    assert renderer and (built_site / renderer[0].split("?")[0]).resolve().exists()
    formulas = (built_site / "u05_negotiation.html").read_text(encoding="utf-8")
    mathjax = [u for u in loaded_urls(formulas) if "tex-chtml.js" in u]
    assert mathjax and (built_site / mathjax[0].split("?")[0]).resolve().exists()
    assert (built_site / "vendor" / "mathjax" / "LICENSE").exists()
    assert (built_site / "vendor" / "widgets" / "LICENSE").exists()


def test_charts_are_images_in_the_site(built_site):
    unit = (built_site / "u01_customer_basics.html").read_text(encoding="utf-8")
    assert "NBVAL_" not in unit            # the test suite's markers are left out
    images = [u for u in loaded_urls(unit) if u.startswith("_images/")]
    assert images, "no chart image on the unit page"
    assert all((built_site / u).exists() for u in images)
