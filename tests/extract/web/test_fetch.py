"""HttpFetcher against the local fixture site: redirects, errors, limits, robots.txt, retries."""

from __future__ import annotations

import httpx
import pytest

from extract.web.errors import FetchError, RobotsDisallowedError, TooLargeError, UnsafeURLError
from extract.web.fetch import USER_AGENT, FetchSettings, HttpFetcher
from extract.web.urls import check_url

from .conftest import TEST_SETTINGS, FixtureSite


def test_fetches_a_page_with_our_user_agent_after_robots(site: FixtureSite, fetcher: HttpFetcher) -> None:
    resp = fetcher.get(site.url("/news/microsoft-sweden.html"))
    assert resp.status == 200
    assert resp.content_type == "text/html"
    assert resp.charset == "utf-8"
    assert b"Sandviken" in resp.body
    assert resp.url == resp.requested == site.url("/news/microsoft-sweden.html")
    mine = [(p, ua) for p, ua in site.requests if p in ("/robots.txt", "/news/microsoft-sweden.html")]
    assert mine[-1] == ("/news/microsoft-sweden.html", USER_AGENT)
    assert ("/robots.txt", USER_AGENT) in mine


def test_follows_a_redirect_and_reports_both_urls(site: FixtureSite, fetcher: HttpFetcher) -> None:
    resp = fetcher.get(site.url("/redirect"))
    assert resp.requested == site.url("/redirect")
    assert resp.url == site.url("/news/microsoft-sweden.html")
    assert b"Northern Ledger" in resp.body


def test_404_is_a_fetch_error_with_its_status(site: FixtureSite, fetcher: HttpFetcher) -> None:
    with pytest.raises(FetchError) as info:
        fetcher.get(site.url("/missing"))
    assert info.value.status == 404
    assert str(info.value) == f"{site.url('/missing')}: HTTP 404 Not Found (check the URL)"


def test_slow_response_times_out_after_retrying(
    site: FixtureSite, fetcher: HttpFetcher, sleeps: list[float]
) -> None:
    before = site.paths().count("/slow")
    with pytest.raises(FetchError, match=r"/slow: timed out after 0.5 s \(the server is slow or down\)"):
        fetcher.get(site.url("/slow"))
    assert site.paths().count("/slow") - before == 2  # one try and one retry
    assert sleeps == [TEST_SETTINGS.backoff_s]


@pytest.mark.parametrize("path", ["/huge", "/huge-stream"])
def test_oversized_page_is_refused(site: FixtureSite, fetcher: HttpFetcher, path: str) -> None:
    with pytest.raises(TooLargeError, match=r"is over the size limit \(.* > 100,000 bytes\)"):
        fetcher.get(site.url(path))


def test_redirect_to_a_file_url_is_refused(site: FixtureSite, fetcher: HttpFetcher) -> None:
    with pytest.raises(UnsafeURLError) as info:
        fetcher.get(site.url("/to-file"))
    assert str(info.value) == (
        f"{site.url('/to-file')}: redirects to file:///etc/passwd, only http and https URLs are fetched"
    )


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/a.html", "data:text/html,hi", "http:///x"]
)
def test_only_http_and_https_urls_are_fetched(fetcher: HttpFetcher, url: str) -> None:
    with pytest.raises(UnsafeURLError):
        fetcher.get(url)


def test_check_url_keeps_http_urls() -> None:
    assert check_url("https://example.com/a") == "https://example.com/a"


def test_redirect_loop_gives_up(site: FixtureSite, fetcher: HttpFetcher) -> None:
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.get(site.url("/loop"))


def test_robots_txt_is_obeyed(site: FixtureSite, fetcher: HttpFetcher) -> None:
    with pytest.raises(RobotsDisallowedError, match=r"robots.txt of http://127.0.0.1:\d+ disallows"):
        fetcher.get(site.url("/private/memo.html"))
    assert "/private/memo.html" not in site.paths()


def test_robots_txt_can_be_switched_off_for_own_servers(site: FixtureSite) -> None:
    settings = FetchSettings(timeout_s=0.5, retries=0, min_interval_s=0.0, respect_robots=False)
    with HttpFetcher(settings) as fetcher:
        assert b"staff only" in fetcher.get(site.url("/private/memo.html")).body


def test_503_is_retried_with_backoff(site: FixtureSite, fetcher: HttpFetcher, sleeps: list[float]) -> None:
    site.flaky_calls = 0
    resp = fetcher.get(site.url("/flaky"))
    assert resp.status == 200
    assert site.flaky_calls == 2
    assert sleeps == [TEST_SETTINGS.backoff_s]


def _mock(robots_status: int, calls: list[str]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/robots.txt":
            return httpx.Response(robots_status, text="User-agent: *\nDisallow: /\n")
        return httpx.Response(200, html="<html><body><p>ok</p></body></html>")

    return httpx.MockTransport(handle)


def test_missing_robots_txt_allows_everything() -> None:
    calls: list[str] = []
    with HttpFetcher(TEST_SETTINGS, transport=_mock(404, calls), sleep=lambda s: None) as fetcher:
        assert fetcher.get("https://news.example/a").body.startswith(b"<html>")
        fetcher.get("https://news.example/b")
    assert calls == ["/robots.txt", "/a", "/b"]  # robots.txt is read once per site


def test_unreachable_robots_txt_keeps_us_out() -> None:
    calls: list[str] = []
    with (
        HttpFetcher(TEST_SETTINGS, transport=_mock(503, calls), sleep=lambda s: None) as fetcher,
        pytest.raises(FetchError, match=r"robots.txt of https://news.example is unreachable \(HTTP 503"),
    ):
        fetcher.get("https://news.example/a")
    assert "/a" not in calls


def test_min_interval_spaces_requests_to_one_host() -> None:
    calls: list[str] = []
    waits: list[float] = []
    settings = FetchSettings(min_interval_s=2.0)
    with HttpFetcher(settings, transport=_mock(404, calls), sleep=waits.append) as fetcher:
        fetcher.get("https://news.example/a")
    assert len(waits) == 1  # robots.txt, then the page on the same host: one wait between them
    assert 1.5 < waits[0] <= 2.0


def test_public_only_keeps_a_server_away_from_local_addresses(site: FixtureSite) -> None:
    settings = FetchSettings(timeout_s=0.5, retries=0, min_interval_s=0.0, public_only=True)
    before = len(site.requests)
    with (
        HttpFetcher(settings) as fetcher,
        pytest.raises(UnsafeURLError, match=r"127.0.0.1 is not a public address"),
    ):
        fetcher.get(site.url("/news/microsoft-sweden.html"))
    assert len(site.requests) == before
