"""A threaded HTTP server on 127.0.0.1 serving the web fixtures of tests/data/web.

Routes: article pages under /news/, a robots-disallowed /private/ page, RSS and Atom feeds,
a redirect, a redirect loop, a 404, a response slower than the test timeout, two oversized
pages (with and without Content-Length), a redirect to a file: URL, a page that fails once
with 503, plain text, an image, and an article whose text the test can change.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from extract.web.fetch import FetchSettings, HttpFetcher

DATA = Path(__file__).resolve().parents[2] / "data" / "web"
#: Larger than TEST_SETTINGS.max_bytes.
HUGE = 300_000
TEST_SETTINGS = FetchSettings(
    timeout_s=0.5, total_timeout_s=5.0, retries=1, backoff_s=0.01, max_bytes=100_000, min_interval_s=0.0
)
_PAGES = {
    "/news/microsoft-sweden.html": "microsoft-sweden.html",
    "/syndication/microsoft-sweden-wire.html": "microsoft-sweden-wire.html",
    "/news/coreweave-openai.html": "coreweave-openai.html",
    "/news/aws-north-carolina.html": "aws-north-carolina.html",
    "/private/memo.html": "private-memo.html",
}
_FEEDS = {
    "/feeds/rss.xml": ("feed.rss", "application/rss+xml; charset=utf-8"),
    "/feeds/atom.xml": ("feed.atom", "application/atom+xml"),
    "/feeds/as-html.xml": ("feed.rss", "text/html"),  # a misconfigured server: sniffed as a feed
    "/feeds/broken.xml": ("broken.rss", "application/rss+xml"),
}


@dataclass
class FixtureSite:
    """The running server: its base URL, what it was asked, and state the tests may change."""

    base: str = ""
    requests: list[tuple[str, str]] = field(default_factory=list)
    oracle_version: int = 1
    flaky_calls: int = 0
    stopping: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return self.base + path

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        return [p for p, _ in self.requests]


class _Handler(BaseHTTPRequestHandler):
    site: FixtureSite

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""

    def do_GET(self) -> None:
        site = self.site
        site.requests.append((self.path, self.headers.get("User-Agent", "")))
        path = self.path.split("?", 1)[0]
        if path == "/robots.txt":
            self._send(200, (DATA / "robots.txt").read_bytes(), "text/plain")
        elif path in _PAGES:
            charset = "" if path.endswith("aws-north-carolina.html") else "; charset=utf-8"
            self._send(200, (DATA / _PAGES[path]).read_bytes(), "text/html" + charset)
        elif path in _FEEDS:
            name, ctype = _FEEDS[path]
            text = (DATA / name).read_text(encoding="utf-8").replace("{{BASE}}", site.base)
            self._send(200, text.encode("utf-8"), ctype)
        elif path == "/news/oracle-malaysia.html":
            body = (DATA / f"oracle-malaysia-v{site.oracle_version}.html").read_bytes()
            self._send(200, body, "text/html; charset=utf-8")
        elif path == "/redirect":
            self._redirect(301, "/news/microsoft-sweden.html")
        elif path == "/loop":
            self._redirect(302, "/loop")
        elif path == "/to-file":
            self._redirect(302, "file:///etc/passwd")
        elif path == "/slow":
            site.stopping.wait(3.0)
            self._send(200, b"<html><body><p>Too late.</p></body></html>", "text/html")
        elif path == "/huge":
            body = b"<html><body>" + b"<p>padding</p>" * (HUGE // 14) + b"</body></html>"
            self._send(200, body, "text/html")
        elif path == "/huge-stream":
            self._stream_huge()
        elif path == "/flaky":
            site.flaky_calls += 1
            if site.flaky_calls == 1:
                self._send(503, b"busy", "text/plain")
            else:
                self._send(200, (DATA / "coreweave-openai.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/plain.txt":
            plain = b"Nvidia opens a Taipei office\n\nNvidia said it would hire 200 engineers in Taiwan."
            self._send(200, plain, "text/plain; charset=utf-8")
        elif path == "/logo.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        else:
            self._send(404, b"<html><body><h1>Not found</h1></body></html>", "text/html")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream_huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()  # no Content-Length: the body ends when the connection closes
        chunk = b"<p>" + b"x" * 8189 + b"</p>"
        for _ in range(HUGE // len(chunk) + 1):
            self.wfile.write(chunk)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (timeouts, size limits) is expected here: stay quiet."""


@pytest.fixture(scope="session")
def site() -> Iterator[FixtureSite]:
    """The fixture web site, served on 127.0.0.1 at a free port for the whole session."""
    state = FixtureSite()
    handler = type("Handler", (_Handler,), {"site": state})
    server = _Server(("127.0.0.1", 0), handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="fixture-site", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def sleeps() -> list[float]:
    """The waits a fetcher asked for (recorded instead of slept)."""
    return []


@pytest.fixture
def fetcher(sleeps: list[float]) -> Iterator[HttpFetcher]:
    """A fetcher with short timeouts and small limits that records its waits."""
    with HttpFetcher(TEST_SETTINGS, sleep=sleeps.append) as f:
        yield f
