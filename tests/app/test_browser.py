"""The app in a real browser: ``streamlit run app.py`` driven by Playwright in Debian's Chromium.

Every page is visited and saved to ``tests/artifacts/<page>.png``. The network view must draw
its nodes inside its iframe, tooltips must show hostile names as text (no dialog ever opens),
and the page must never reach outside 127.0.0.1 (no CDN, no map tiles, no telemetry).
The test never downloads a browser: it fails, with the command to run, when Chromium is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Frame, Page, sync_playwright

from graph.network_html import escape_label

from .conftest import APP, ARTICLES, EVIL_NAME, HOSTILE_IMG, HOSTILE_SCRIPT, ROOT, Stores

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASTED = (
    "---\nid: browser-oracle-malaysia\ntitle: Oracle bets on Malaysia\ndate: 2025-06-03\n---\n"
    "Oracle will invest $6.5 billion in Malaysia over the next ten years, the company said on "
    "Tuesday. The cloud region will be its first in the country, and Nvidia will supply the "
    "chips.\n"
)
_LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer within 90 s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def server(stores: Stores, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` on a free port of 127.0.0.1, on the browser store."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {**os.environ, "AIKG_STORE": str(stores.browser)}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=APP.parent, env=env, stdout=out, stderr=out)
        try:
            _wait_healthy(url, proc, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found (looked for `chromium` on PATH and {CHROMIUM}); install it "
            "with `apt-get install -y chromium` (this test never downloads a browser)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Visit:
    """One browser tab on the app, recording dialogs and requests leaving 127.0.0.1."""

    def __init__(self, browser: Browser, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        self.page: Page = self.context.new_page()
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request: Any) -> None:
        if not request.url.startswith(_LOCAL):
            self.outside.append(request.url)

    def open(self, page: str) -> Page:
        self.page.goto(f"{self.base}/?page={page}")
        self.page.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)
        self.settle()
        return self.page

    def settle(self) -> None:
        """Wait until the script run the last action started has finished."""
        self.page.wait_for_timeout(400)
        self.page.wait_for_selector(
            '[data-testid="stStatusWidgetRunningIcon"]', state="detached", timeout=120_000
        )

    def shoot(self, name: str) -> Path:
        height = self.page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        self.page.set_viewport_size({"width": 1400, "height": max(900, min(int(height), 3200))})
        self.page.wait_for_timeout(1200)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        self.page.set_viewport_size({"width": 1400, "height": 1000})
        return path

    def network_frame(self, label: str) -> Frame:
        """The iframe whose network holds a node with this label, once it is drawn."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for frame in self.page.frames:
                try:
                    drawn = frame.evaluate(
                        "(label) => typeof network !== 'undefined' && !!document.querySelector("
                        "'#mynetwork canvas') && nodes.get().some(n => n.label === label)",
                        label,
                    )
                except Exception:  # a frame being replaced by the next run
                    drawn = False
                if drawn:
                    return frame
            self.page.wait_for_timeout(300)
        pytest.fail(f"no network with a node labelled {label!r} was drawn")

    def hover_node(self, frame: Frame, label: str) -> str:
        """Move the mouse onto a node and return the tooltip's text."""
        frame.frame_element().scroll_into_view_if_needed()
        self.page.wait_for_timeout(300)
        point = frame.evaluate(
            "(label) => { const id = nodes.get().find(n => n.label === label).id;"
            " const p = network.canvasToDOM(network.getPositions([id])[id]);"
            " const r = document.querySelector('#mynetwork').getBoundingClientRect();"
            " return {x: p.x + r.left, y: p.y + r.top}; }",
            label,
        )
        element = frame.frame_element()
        box = element.bounding_box()
        assert box is not None
        self.page.mouse.move(box["x"] + point["x"] - 40, box["y"] + point["y"] - 40)
        self.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=5)
        frame.wait_for_selector(".vis-tooltip", state="visible", timeout=10_000)
        return str(frame.eval_on_selector(".vis-tooltip", "t => t.innerText"))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Browser, server: str) -> Iterator[Visit]:
    tab = Visit(browser, server)
    yield tab
    try:
        assert tab.dialogs == [], "a script ran in the page"
        assert tab.outside == [], "the app reached outside 127.0.0.1"
    finally:
        tab.close()


def test_overview_draws_metrics_charts_and_map(visit: Visit) -> None:
    page = visit.open("overview")
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[0] == str(len(ARTICLES) + 1)  # the corpus articles and the hostile one
    page.wait_for_selector(
        '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg', timeout=30_000
    )
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 4
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=30_000)
    assert visit.shoot("overview").stat().st_size > 10_000


def test_explore_draws_the_network_and_escaped_tooltips(visit: Visit) -> None:
    page = visit.open("explore")
    page.get_by_label("Search actors").fill("Amazon Web Services")
    page.keyboard.press("Enter")
    visit.settle()
    frame = visit.network_frame("Amazon Web Services")
    labels = frame.evaluate("() => nodes.get().map(n => n.label)")
    assert "United Kingdom" in labels
    assert frame.evaluate("() => Object.keys(network.getPositions()).length") == len(labels)
    tip = visit.hover_node(frame, "Amazon Web Services")
    assert tip.splitlines()[:2] == ["Amazon Web Services", "type: Company"]
    page.wait_for_selector('[data-testid="stDataFrame"]')
    assert page.locator("mark").count() >= 1, "the source article with its sentence marked"
    visit.shoot("explore")

    page.get_by_label("Search actors").fill("Evil")
    page.keyboard.press("Enter")
    visit.settle()
    hostile = escape_label(EVIL_NAME)  # vis decodes &lt; and &amp; when it draws the label
    frame = visit.network_frame(hostile)
    tip = visit.hover_node(frame, hostile)
    assert HOSTILE_SCRIPT in tip, "shown as text"
    assert frame.locator(".vis-tooltip script, .vis-tooltip img").count() == 0
    assert page.locator('img[src="x"]').count() == 0
    assert HOSTILE_IMG in page.locator("mark").first.inner_text()


def test_sparql_runs_and_downloads_csv(visit: Visit) -> None:
    page = visit.open("sparql")
    page.get_by_role("button", name="Run query").click()
    visit.settle()
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    path = download.value.path()
    assert path is not None
    header = Path(path).read_text(encoding="utf-8").splitlines()[0]
    assert header == "investor,investorLabel,deals,totalUsd"
    visit.shoot("sparql")


def test_ingest_previews_a_pasted_article(visit: Visit) -> None:
    page = visit.open("ingest")
    page.get_by_label("Article text").fill(PASTED)
    page.get_by_role("button", name="Extract").click()
    visit.settle()
    page.wait_for_selector("mark", timeout=60_000)
    marked = page.locator("mark").all_inner_texts()
    assert any(text.startswith("Oracle") for text in marked)
    assert page.get_by_role("button", name="Add to the graph").is_visible()
    visit.shoot("ingest")


def test_export_downloads_turtle_and_the_network_page(visit: Visit) -> None:
    page = visit.open("export")
    with page.expect_download() as download:
        page.get_by_role("button", name="TTL").click()
    turtle_path = download.value.path()
    assert turtle_path is not None
    turtle = Path(turtle_path).read_text(encoding="utf-8")
    assert "@prefix aikg: <https://aikg.dev/ontology#>" in turtle
    with page.expect_download() as download:
        page.get_by_role("button", name="HTML").click()
    html_path = download.value.path()
    assert html_path is not None
    network = Path(html_path).read_text(encoding="utf-8")
    assert "new vis.Network" in network and HOSTILE_SCRIPT not in network
    visit.shoot("export")
