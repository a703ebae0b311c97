"""Exception classes of web ingest: fetching, page and feed parsing, and unreadable sources."""

from __future__ import annotations

from extract.errors import AikgError, HintedError

__all__ = [
    "FeedError",
    "FetchError",
    "IntervalError",
    "NoArticleTextError",
    "RobotsDisallowedError",
    "SourceError",
    "TooLargeError",
    "UnsafeURLError",
]


class SourceError(HintedError):
    """A source given to ``aikg add`` could not be read; names the source and the problem.

    Attributes:
        source: the URL or file that failed.
        problem: what went wrong.
        hint: what the user can do about it (may be empty).
    """

    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source = source
        super().__init__(f"{source}: ", problem, hint)


class FetchError(SourceError):
    """An HTTP fetch failed: connection error, timeout, or an error status after retries.

    Attributes:
        status: the HTTP status code of the last response, or None when there was none.
    """

    def __init__(self, source: str, problem: str, hint: str = "", status: int | None = None) -> None:
        self.status = status
        super().__init__(source, problem, hint)


class UnsafeURLError(FetchError):
    """A URL (or a redirect target) uses a scheme other than http or https."""


class RobotsDisallowedError(FetchError):
    """The site's robots.txt does not allow our user agent to fetch the URL."""


class TooLargeError(FetchError):
    """A response body is over the size limit."""


class FeedError(SourceError):
    """An RSS or Atom document could not be parsed."""


class NoArticleTextError(SourceError):
    """A page, feed entry or file holds no article text to read."""


class IntervalError(AikgError):
    """A polling interval such as ``15m`` could not be read, or is shorter than allowed."""
