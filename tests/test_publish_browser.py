"""The course site and a class deck in a real browser, with every outside request blocked.

The site and the decks built by ``python -m coursekit site`` / ``slides``
(session fixtures in conftest.py) are served from 127.0.0.1 by Python's own
HTTP server and opened in Debian's Chromium. Every request to any other host
is aborted and recorded, and each test fails if there was one. Screenshots go
to test-artifacts/. Skips, saying why, without Chromium.
"""
import functools
import http.server
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.xdist_group("publish"),
              pytest.mark.skipif(not CHROMIUM.exists(), reason="没有 Chromium (no /usr/bin/chromium)")]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def serve():
    """Serve folders on 127.0.0.1; yields a function folder -> base URL."""
    servers = []

    def start(folder: Path) -> str:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def offline(chromium):
    """A function making a page that may only talk to ``base``; checks afterwards nothing else was asked."""
    contexts, outside, broken = [], [], []

    def page_for(base: str, **options):
        context = chromium.new_context(**options)
        context.set_default_timeout(120_000)   # a loaded machine renders slowly; a hang still fails

        def only_base(route):
            url = route.request.url
            if url.startswith(base) or url.startswith("data:"):
                return route.continue_()
            outside.append(url)
            return route.abort()

        context.route("**/*", only_base)
        contexts.append(context)
        page = context.new_page()
        page.on("response", lambda r: broken.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        return page

    yield page_for
    for context in contexts:
        context.close()
    assert outside == [], f"requests to other hosts: {outside}"
    assert broken == [], f"missing files: {broken}"


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_index_lists_the_course_in_order(built_site, serve, offline):
    base = serve(built_site)
    page = offline(base, viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/index.html")
    captions = page.locator(".bd-sidebar-primary .caption-text").all_inner_texts()
    assert captions == ["开始", "开发篇", "服务篇", "案例", "用自己的数据"]
    links = page.locator(".bd-sidebar-primary a.reference.internal").all_inner_texts()
    assert links[0] == "物流客户开发与服务" and links[1].startswith("开始")
    assert any(link.startswith("单元9") for link in links)
    assert links.index(next(l for l in links if l.startswith("单元6"))) < \
        links.index(next(l for l in links if l.startswith("单元7")))
    shot(page, "site_index_desktop.png")


def test_unit_page_on_a_phone_shows_charts_and_widgets_without_sideways_scroll(built_site, serve, offline):
    base = serve(built_site)
    page = offline(base, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{base}/index.html")
    page.wait_for_load_state("networkidle", timeout=120_000)
    assert no_sideways_scroll(page), "the index scrolls sideways at 390 px"
    shot(page, "site_index_phone.png")
    page.goto(f"{base}/u01_customer_basics.html")
    page.wait_for_load_state("networkidle", timeout=120_000)
    assert "单元1 物流客户认知" in page.locator("h1").first.inner_text()
    slider = page.locator(".widget-slider").first          # drawn from the saved widget state
    slider.wait_for(timeout=30_000)
    assert page.locator(".coursekit-demo").count() >= 1
    charts = page.locator(".cell_output img")
    assert charts.count() >= 1
    assert charts.first.evaluate("img => img.complete && img.naturalWidth > 0")
    assert no_sideways_scroll(page), "the unit page scrolls sideways at 390 px"
    slider.scroll_into_view_if_needed()
    shot(page, "site_unit_phone_widget.png")


def test_formulas_are_typeset_offline(built_site, serve, offline):
    base = serve(built_site)
    page = offline(base, viewport=PHONE, is_mobile=True)
    page.goto(f"{base}/u05_negotiation.html")
    page.locator("mjx-container").first.wait_for(timeout=30_000)
    assert no_sideways_scroll(page), "a formula makes the page scroll sideways at 390 px"


def test_chinese_search_finds_pages_on_a_phone(built_site, serve, offline):
    base = serve(built_site)
    page = offline(base, viewport=PHONE, is_mobile=True)
    page.goto(f"{base}/search.html?q=流失")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=30_000)
    titles = results.locator("a").all_inner_texts()
    assert len(titles) >= 2 and any("单元1" in t for t in titles), titles
    assert page.locator("#search-results mark, #search-results span.highlighted").count() >= 1 or \
        "流失" in page.locator("#search-results").inner_text()
    assert no_sideways_scroll(page)
    shot(page, "site_search_phone.png")


def test_a_deck_opens_and_pages_through_its_slides(built_slides, serve, offline):
    base = serve(built_slides)
    page = offline(base, viewport={"width": 1280, "height": 720})
    page.goto(f"{base}/index.html")
    page.locator("a", has_text="单元1").first.click()
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
    assert page.evaluate("Reveal.getTotalSlides()") > 20
    assert "单元1 物流客户认知" in page.locator(".reveal section.present").first.inner_text()
    shot(page, "deck_u01_title.png")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => Reveal.getIndices().h === 1")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("Reveal.getIndices().v") == 1 or page.evaluate("Reveal.getIndices().h") == 2
    # the ABC demo drawn from its saved state, on its own slide
    demo = page.locator(".reveal .coursekit-demo").first
    demo.wait_for(state="attached", timeout=30_000)
    page.evaluate("(el) => Reveal.slide(...Object.values(Reveal.getIndices(el.closest('section'))))",
                  demo.element_handle())
    page.locator(".reveal section.present .widget-slider").first.wait_for(timeout=15_000)
    shot(page, "deck_u01_demo.png")


def test_formulas_render_in_a_deck(built_slides, serve, offline):
    base = serve(built_slides)
    page = offline(base, viewport={"width": 1280, "height": 720})
    page.goto(f"{base}/u05_negotiation.slides.html")
    page.locator("mjx-container").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
    formula = page.locator("mjx-container[display='true']").first
    page.evaluate("(el) => Reveal.slide(...Object.values(Reveal.getIndices(el.closest('section'))))",
                  formula.element_handle())
    shot(page, "deck_u05_formula.png")
