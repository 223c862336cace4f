"""Presenter mode (``python3 course.py present u01``): Voila on loopback, code hidden, live widgets.

Starts the same Voila command the presenter uses on a copy of the student
edition's start notebook (short, so it runs quickly), opens it in Debian's Chromium with every request to another
host blocked, moves its demo's slider and checks that the kernel recomputed
the readout. The server's whole process group is ended afterwards.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest

from coursekit.teacher.edition import STUDENT_DIR
from coursekit.teacher.publish import presenter

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
UNIT = "u01_customer_basics.ipynb"
DEMO = "00_start.ipynb"   # short, so Voila runs it quickly; its demo has a slider and a readout


def test_unit_names_find_their_notebook():
    assert presenter.find_notebook("u01") == STUDENT_DIR / UNIT
    assert presenter.find_notebook("u01", folder=ROOT / "notebooks") == ROOT / "notebooks" / UNIT
    with pytest.raises(ValueError, match="找不到笔记本 u99"):
        presenter.find_notebook("u99")


def test_a_bad_port_is_refused():
    for port in (0, 70000, "8866", True):
        with pytest.raises(ValueError, match="端口"):
            presenter.presenter_command(STUDENT_DIR / UNIT, port=port)


def test_the_presenter_page_links_nothing_on_the_internet():
    with presenter.offline_template() as root:
        template = root / "voila" / "templates" / presenter.TEMPLATE / "index.html.j2"
        text = template.read_text(encoding="utf-8")
        assert "cdn.jsdelivr" not in text and not re.search(r"<link[^>]*https?://", text)
        assert "{{ spinner.css() }}" in text and "{{ super() }}" in text   # the rest is Voila's
    assert not root.exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def processes_mentioning(text: str) -> list[int]:
    """PIDs whose command line contains ``text`` (here: our own temporary folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


@pytest.fixture
def voila_server(tmp_path):
    shutil.copy(STUDENT_DIR / DEMO, tmp_path / DEMO)
    port = free_port()
    log = tmp_path / "voila.log"
    # Kernels' connection files go to tmp_path, so every kernel this server starts can be found.
    command = presenter.presenter_command(tmp_path / DEMO, port) + [
        f"--Voila.connection_dir_root={tmp_path}"]
    with presenter.offline_template() as root, log.open("w") as stream:
        process = subprocess.Popen(command, cwd=tmp_path, env=presenter.presenter_env(root),
                                   start_new_session=True, stdout=stream, stderr=subprocess.STDOUT)
        try:
            assert presenter.wait_until_serving(port, timeout=120), "Voila did not start"
            yield f"http://127.0.0.1:{port}"
        finally:
            print(log.read_text(encoding="utf-8", errors="replace")[-3000:])  # shown on failure
            os.killpg(process.pid, signal.SIGTERM)   # Voila shuts its kernels down on SIGTERM
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
            for pid in processes_mentioning(str(tmp_path)):   # a kernel it left behind
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="没有 Chromium (no /usr/bin/chromium)")
def test_presenter_hides_code_and_the_slider_recomputes_the_demo(voila_server):
    sync_api = pytest.importorskip("playwright.sync_api")
    outside = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"])
        context = browser.new_context(viewport={"width": 1280, "height": 800})

        def only_this_server(route):
            url = route.request.url
            if url.startswith(voila_server) or url.startswith(("ws://127.0.0.1", "data:")):
                return route.continue_()
            outside.append(url)
            return route.abort()

        context.route("**/*", only_this_server)
        page = context.new_page()
        # Voila streams the page while the kernel runs the notebook: wait for the demo, not "load".
        readout = page.locator(".coursekit-readout").first
        for attempt in (1, 2):
            page.goto(voila_server + "/", wait_until="commit", timeout=180_000)
            try:
                readout.wait_for(timeout=150_000)
                break
            except sync_api.TimeoutError:
                # On a heavily loaded machine Voila 0.5 was seen (several times) to leave a
                # page and its idle kernel waiting for ever; a teacher reloads, so does the test.
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"presenter_stuck_{attempt}.png"))
                if attempt == 2:
                    raise
        body = page.locator("body").inner_text()
        assert "课程地图" in body                                            # the notebook's text
        assert "import coursekit" not in body and "industry_demo()" not in body  # no code
        before = readout.inner_text()
        chart_before = _demo_chart(page)
        handle = page.locator(".coursekit-demo .widget-slider .noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.focus()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(
            "(old) => document.querySelector('.coursekit-readout').innerText !== old",
            arg=before, timeout=60_000)
        after = readout.inner_text()
        assert after != before and "年" in after
        # The readout is sent before the chart: wait for the redrawn chart as well.
        page.wait_for_function(
            "(old) => { const img = document.querySelector('.coursekit-demo img');"
            " return img !== null && img.src !== old; }", arg=chart_before, timeout=60_000)
        ARTIFACTS.mkdir(exist_ok=True)
        readout.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "presenter_after_slider.png"))
        browser.close()
    assert outside == [], f"the presenter page asked other hosts for {outside}"


def _demo_chart(page) -> str:
    return page.evaluate("() => { const img = document.querySelector('.coursekit-demo img');"
                         " return img === null ? '' : img.src; }")


def load_course_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("course", ROOT / "course.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_course_py_present_installs_the_publish_extra_and_starts_the_presenter(monkeypatch):
    course = load_course_module()
    installed, launched = [], []
    monkeypatch.setattr(course, "ensure_environment", lambda extras="": installed.append(extras))
    monkeypatch.setattr(course.subprocess, "call", lambda command, cwd: launched.append(command) or 0)
    assert course.main(["present", "u01"]) == 0
    assert installed == ["publish"]
    assert launched[0][1:] == ["-m", "coursekit", "present", "u01"]
    assert course.main(["present"]) == 2          # no unit named: says how, starts nothing
    assert len(launched) == 1
