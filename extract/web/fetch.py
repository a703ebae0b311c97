"""Polite HTTP fetching: http(s) only, robots.txt, timeouts, retries with backoff, a size cap.

Every request names itself with :data:`USER_AGENT`. Redirects are followed by hand so that each
hop is checked (scheme, robots.txt) before it is requested; a redirect to ``file:`` or any other
scheme is refused.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from extract.web.errors import FetchError, RobotsDisallowedError, TooLargeError
from extract.web.urls import check_public_host, check_url, origin

__all__ = ["USER_AGENT", "FetchSettings", "Fetcher", "HttpFetcher", "Response"]

USER_AGENT = "aikg/0.1 (+https://github.com/aikg)"
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_ROBOTS_TTL_S = 24 * 3600.0
_MAX_WAIT_S = 60.0


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How politely and how patiently to fetch.

    Attributes:
        timeout_s: seconds to wait to connect and for each read.
        total_timeout_s: seconds one attempt may take in all, body included.
        retries: further attempts after a timeout, a connection error, or HTTP 429/5xx.
        backoff_s: the wait before the first retry; it doubles for each further one.
        max_bytes: the largest body accepted (after decompression).
        max_redirects: redirects followed before giving up.
        min_interval_s: the least time between two requests to the same host.
        respect_robots: obey robots.txt (switch off only for your own servers).
        public_only: refuse hosts that resolve to loopback, private or link-local addresses
            (set it where users type URLs into a server, such as the app).
        user_agent: the User-Agent header and the robots.txt agent name.
    """

    timeout_s: float = 15.0
    total_timeout_s: float = 60.0
    retries: int = 2
    backoff_s: float = 1.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    min_interval_s: float = 1.0
    respect_robots: bool = True
    public_only: bool = False
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Response:
    """A successful (2xx) response, read in full.

    Attributes:
        url: the URL the body came from, after redirects.
        requested: the URL first asked for.
        status: the HTTP status code.
        content_type: the media type, lowercase, without parameters (``text/html``).
        charset: the charset named by the Content-Type header, if any.
        body: the body bytes.
    """

    url: str
    requested: str
    status: int
    content_type: str
    charset: str | None
    body: bytes


class Fetcher(Protocol):
    """Anything that turns a URL into a :class:`Response` (an :class:`HttpFetcher`, or a test double)."""

    def get(self, url: str) -> Response:
        """Fetch `url`, raising :class:`~extract.web.errors.FetchError` on failure."""
        ...


class HttpFetcher:
    """Fetch pages and feeds over HTTP with httpx; use it as a context manager to close it.

    Args:
        settings: timeouts, retries, limits and politeness.
        sleep: the function that waits (tests pass a recorder).
        transport: an httpx transport (tests may pass a mock transport).
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._sleep = sleep
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout_s),
            follow_redirects=False,
            headers={"User-Agent": self.settings.user_agent, "Accept": _ACCEPT},
            transport=transport,
        )
        self._robots: dict[str, tuple[float, RobotFileParser | None]] = {}
        self._last_request: dict[str, float] = {}

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def get(self, url: str) -> Response:
        """Fetch `url`, following redirects that stay on http(s).

        Raises:
            UnsafeURLError: the URL or a redirect target is not http(s) (or, with ``public_only``,
                not on a public host).
            RobotsDisallowedError: robots.txt forbids a URL on the way.
            TooLargeError: the body is over ``max_bytes``.
            FetchError: timeouts, connection errors and HTTP errors, after retries.
        """
        return self._get(url, robots=self.settings.respect_robots)

    def _get(self, url: str, *, robots: bool) -> Response:
        current = check_url(url)
        for _ in range(self.settings.max_redirects + 1):
            if self.settings.public_only:
                check_public_host(current, source=url)
            if robots:
                self._check_robots(current, url)
            status, headers, body = self._attempts(current, url)
            if status in _REDIRECTS:
                location = headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {status} redirect without a Location header", status=status)
                current = check_url(urljoin(current, location.strip()), via=url)
                continue
            if status >= 300:
                reason = httpx.codes.get_reason_phrase(status)
                raise FetchError(url, f"HTTP {status} {reason}".rstrip(), _status_hint(status), status=status)
            media, _, params = headers.get("content-type", "").partition(";")
            return Response(current, url, status, media.strip().lower(), _charset(params), body)
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects", "the site loops")

    def _attempts(self, url: str, source: str) -> tuple[int, httpx.Headers, bytes]:
        """One request with retries: (status, headers, body); the body is empty for errors."""
        s = self.settings
        for attempt in range(s.retries + 1):
            last = attempt == s.retries
            try:
                status, headers, body = self._request(url, source)
            except TooLargeError:
                raise
            except FetchError:
                if last:
                    raise
                self._sleep(s.backoff_s * 2**attempt)
                continue
            if status in _RETRY_STATUSES and not last:
                self._sleep(_retry_after(headers, s.backoff_s * 2**attempt))
                continue
            return status, headers, body
        raise FetchError(source, "no attempt was made", "set retries to 0 or more")  # pragma: no cover

    def _request(self, url: str, source: str) -> tuple[int, httpx.Headers, bytes]:
        s = self.settings
        self._wait_for_host(url)
        started = time.monotonic()
        try:
            with self._client.stream("GET", url) as resp:
                if resp.status_code >= 300:  # redirects and errors: no body needed
                    return resp.status_code, resp.headers, b""
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > s.max_bytes:
                    raise _too_large(source, int(declared), s.max_bytes)
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > s.max_bytes:
                        raise _too_large(source, size, s.max_bytes)
                    if time.monotonic() - started > s.total_timeout_s:
                        raise FetchError(
                            source, f"took longer than {s.total_timeout_s:g} s", "try again later"
                        )
                    chunks.append(chunk)
                return resp.status_code, resp.headers, b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise FetchError(
                source, f"timed out after {s.timeout_s:g} s", "the server is slow or down"
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(source, f"cannot fetch {url}: {exc or type(exc).__name__}") from exc

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        delay = self.settings.min_interval_s
        entry = self._robots.get(origin(url))
        if entry and entry[1] is not None:
            crawl_delay = entry[1].crawl_delay(self.settings.user_agent)
            if crawl_delay:
                delay = max(delay, min(float(crawl_delay), _MAX_WAIT_S))
        last = self._last_request.get(host)
        now = time.monotonic()
        if last is not None and now - last < delay:
            self._sleep(delay - (now - last))
        self._last_request[host] = time.monotonic()

    def _check_robots(self, url: str, source: str) -> None:
        site = origin(url)
        cached = self._robots.get(site)
        if cached is None or time.monotonic() - cached[0] > _ROBOTS_TTL_S:
            cached = (time.monotonic(), self._load_robots(site, source))
            self._robots[site] = cached
        parser = cached[1]
        if parser is not None and not parser.can_fetch(self.settings.user_agent, url):
            raise RobotsDisallowedError(source, f"robots.txt of {site} disallows {url}", "respect it")

    def _load_robots(self, site: str, source: str) -> RobotFileParser | None:
        """The parsed robots.txt of `site`; None when it has none (any 4xx: all allowed, RFC 9309)."""
        try:
            resp = self._get(site + "/robots.txt", robots=False)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return None
            raise FetchError(
                source,
                f"robots.txt of {site} is unreachable ({exc.problem}), so the site is off limits",
                "RFC 9309: try again later",
                status=exc.status,
            ) from exc
        parser = RobotFileParser()
        parser.parse(resp.body.decode("utf-8", errors="replace").splitlines())
        return parser


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _retry_after(headers: httpx.Headers, default: float) -> float:
    value = headers.get("retry-after", "")
    return min(float(value), _MAX_WAIT_S) if value.isdigit() else default


def _too_large(source: str, size: int, limit: int) -> TooLargeError:
    return TooLargeError(
        source,
        f"is over the size limit ({size:,} > {limit:,} bytes)",
        "raise max_bytes if it is really one article",
    )


def _status_hint(status: int) -> str:
    if status in (401, 403):
        return "the site refuses us; save the page from a browser and add the file"
    if status in (404, 410):
        return "check the URL"
    return "try again later" if status >= 500 or status == 429 else ""
