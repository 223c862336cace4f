"""The course in a real browser: JupyterLab + headless Debian Chromium via Playwright.

Opens the start notebook and one unit notebook, runs all cells, moves a
widget slider and checks that the demo's readout changed and that the page
shows Chinese (menus from the zh-CN language pack, notebook text, readout).
A screenshot is saved to test-artifacts/. Skips, saying why, on a machine
without Chromium (install: apt-get install chromium fonts-noto-cjk).
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
TOKEN = "coursekit-browser"
UNIT = "u01_customer_basics.ipynb"

if not CHROMIUM.exists():
    pytest.skip("没有安装 Chromium，跳过浏览器测试 (no /usr/bin/chromium; "
                "apt-get install chromium fonts-noto-cjk)", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api", reason="playwright 未安装 (not installed)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, path: str):
    with urllib.request.urlopen(f"{base}{path}?token={TOKEN}", timeout=5) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    # A copy, so Run All and autosave never touch the course's stored notebooks.
    work = tmp_path_factory.mktemp("lab")
    for name in ("00_start.ipynb", UNIT):
        shutil.copy(ROOT / "notebooks" / name, work / name)
    # Private settings and workspaces: render every cell (no windowing, so a demo far
    # down the page is in the DOM) and never touch the user's own JupyterLab state.
    settings = tmp_path_factory.mktemp("settings")
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path_factory.mktemp("workspaces"))}
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
         f"--ServerApp.root_dir={work}", f"--IdentityProvider.token={TOKEN}",
         "--LabApp.expose_app_in_browser=True", "--allow-root"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 240  # a loaded machine starts JupyterLab slowly
    while time.time() < deadline:
        try:
            api(base, "/api/status")
            break
        except OSError:
            time.sleep(0.5)
    yield base
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield chromium
        chromium.close()


def wait_for_idle_kernel(base: str, notebook: str, timeout: float = 240) -> None:
    """Poll the server API until the notebook's kernel exists and is idle."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for session in api(base, "/api/sessions"):
            if session["path"].endswith(notebook) and session["kernel"]["execution_state"] == "idle":
                return
        time.sleep(0.3)
    pytest.fail(f"kernel of {notebook} never became idle")


def run_all(page, base: str, notebook: str) -> None:
    # One fresh workspace per notebook, so only that notebook is open.
    workspace = notebook.replace(".ipynb", "").replace("_", "-")
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{notebook}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=180_000)
    wait_for_idle_kernel(base, notebook)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-InputArea-prompt')]"
        ".every(p => !p.textContent.includes('*'))", timeout=300_000)
    time.sleep(0.5)
    wait_for_idle_kernel(base, notebook)


def test_start_notebook_runs_and_the_slider_changes_the_demo(lab, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    run_all(page, lab, "00_start.ipynb")
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jp-OutputArea-output:has-text('Traceback')").count() == 0
    readout = page.locator(".coursekit-readout").first
    readout.wait_for(timeout=90_000)
    before = readout.inner_text()
    handle = page.locator(".coursekit-demo .widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "(old) => document.querySelector('.coursekit-readout').innerText !== old", arg=before,
        timeout=60_000)
    after = readout.inner_text()
    assert after != before and "年" in after
    menu = page.locator("#jp-menu-panel, .lm-MenuBar").first.inner_text()
    assert "文件" in menu, f"JupyterLab menus are not Chinese: {menu[:80]}"
    assert "课程地图" in page.locator(".jp-Notebook").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    readout.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "browser_start_notebook.png"))
    page.close()


def test_a_unit_notebook_runs_without_errors(lab, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    run_all(page, lab, UNIT)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.first.inner_text()
    assert page.locator(".coursekit-readout").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser_unit_notebook.png"), full_page=False)
    page.close()


def test_the_system_has_a_cjk_font_for_chromium():
    # Chromium draws page text through fontconfig; without a CJK font it shows boxes.
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    assert fonts.stdout.strip(), "no CJK font for Chromium: apt-get install fonts-noto-cjk"
