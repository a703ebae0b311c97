"""``aikg add``: read URLs, feeds and files into the corpus, once each, and poll feeds.

One source that fails costs only itself: its error is recorded in the :class:`AddReport` and
the rest of the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from extract.errors import AikgError
from extract.web.drafts import Draft
from extract.web.errors import IntervalError, NoArticleTextError, SourceError, UnsafeURLError
from extract.web.feeds import Feed, FeedEntry, entry_to_draft, looks_like_feed, parse_feed
from extract.web.fetch import Fetcher, HttpFetcher, Response
from extract.web.files import FILE_SUFFIXES, drafts_from_file, text_to_draft
from extract.web.pages import decode_html, page_to_draft
from extract.web.store_corpus import CorpusStore, SaveResult

__all__ = ["AddReport", "Problem", "add_sources", "cycle_line", "parse_interval", "read_source", "watch"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


@dataclass(frozen=True, slots=True)
class Problem:
    """A source (or feed entry, or JSONL line) that could not be added, and why."""

    source: str
    message: str


@dataclass(slots=True)
class AddReport:
    """What one ``add_sources`` call did.

    Attributes:
        saved: (source, result) of every draft stored, in order.
        known: feed entries skipped because their URL is already in the corpus.
        problems: the sources that failed, one line each.
        notes: things that went right in a second-best way (a feed's copy used for its page).
    """

    saved: list[tuple[str, SaveResult]] = field(default_factory=list)
    known: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def ids(self, status: str) -> list[str]:
        """The article ids saved with `status` (added, updated, unchanged or duplicate)."""
        return [r.article_id for _, r in self.saved if r.status == status]

    @property
    def changed(self) -> bool:
        """Whether any article was written or a new copy of one recorded (the graph needs a build)."""
        return any(r.status in ("added", "updated") or r.new_copy for _, r in self.saved)

    def summary(self) -> str:
        """One line: the counts of each outcome."""
        counts = {s: len(self.ids(s)) for s in ("added", "updated", "unchanged", "duplicate")}
        return (
            f"{counts['added']} added, {counts['updated']} updated, {counts['unchanged']} unchanged, "
            f"{counts['duplicate']} duplicate(s), {self.known} already known, {len(self.problems)} error(s)"
        )


def add_sources(
    sources: Iterable[str],
    corpus_dir: str | Path,
    *,
    fetcher: Fetcher | None = None,
    refresh: bool = False,
) -> AddReport:
    """Add articles from URLs (pages or feeds) and files to the corpus folder.

    Args:
        sources: http(s) URLs of article pages or RSS/Atom feeds; .html, .htm, .txt, .md and
            .jsonl files; folders of them.
        corpus_dir: the corpus folder that receives one Markdown file per article.
        fetcher: fetches URLs (default: a polite :class:`~extract.web.fetch.HttpFetcher`).
        refresh: fetch feed entries again even when their URL is already in the corpus.

    Returns:
        The report: what was added, updated, unchanged or a duplicate, and each failure.
    """
    if fetcher is None:
        with HttpFetcher() as own:
            return add_sources(sources, corpus_dir, fetcher=own, refresh=refresh)
    store = CorpusStore(corpus_dir)
    report = AddReport()
    for source in sources:
        try:
            for draft in _drafts(source, fetcher, store, report, refresh):
                report.saved.append((source, store.save(draft)))
        except AikgError as exc:
            report.problems.append(Problem(source, str(exc)))
    return report


def read_source(source: str, *, fetcher: Fetcher, feeds: bool = True) -> list[Draft]:
    """The drafts of one URL or file, without storing them (the app's preview).

    Args:
        source: a URL or file, as for :func:`add_sources`.
        fetcher: fetches URLs.
        feeds: read a feed's entries; when False a feed URL is an error (one page at a time).

    Raises:
        SourceError: the source, or any of its entries, could not be read.
    """
    report = AddReport()
    drafts = list(_drafts(source, fetcher, None, report, refresh=True, feeds=feeds))
    if report.problems:
        first = report.problems[0].message
        raise SourceError(source, f"{len(report.problems)} of its items could not be read, first: {first}")
    return drafts


def _drafts(
    source: str,
    fetcher: Fetcher,
    store: CorpusStore | None,
    report: AddReport,
    refresh: bool,
    feeds: bool = True,
) -> Iterator[Draft]:
    if source.lower().startswith(("http://", "https://")):
        yield from _from_url(source, fetcher, store, report, refresh, feeds)
        return
    path = Path(source)
    if _SCHEME.match(source) and not path.exists():
        raise UnsafeURLError(source, "only http and https URLs are fetched")
    if path.is_dir():
        if store is not None and path.resolve() == store.folder.resolve():
            raise SourceError(source, "is the corpus folder itself", "give the files to add")
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in FILE_SUFFIXES and p.is_file())
        files = [p for p in files if not any(part.startswith(".") for part in p.relative_to(path).parts)]
    elif path.is_file():
        files = [path]
    else:
        raise SourceError(source, "no such file or folder, and not an http(s) URL")
    for file in files:
        for item in drafts_from_file(file):
            if isinstance(item, AikgError):
                report.problems.append(Problem(getattr(item, "source", str(file)), str(item)))
            else:
                yield item


def _from_url(
    url: str, fetcher: Fetcher, store: CorpusStore | None, report: AddReport, refresh: bool, feeds: bool
) -> Iterator[Draft]:
    resp = fetcher.get(url)
    if looks_like_feed(resp.body, resp.content_type):
        if not feeds:
            raise SourceError(url, "is a feed, not an article page", "add feeds with `aikg add`")
        feed = parse_feed(resp.body, resp.url)
        for entry in feed.entries:
            if entry.link and store is not None and not refresh and store.find_url(entry.link):
                report.known += 1
                continue
            try:
                yield _from_entry(entry, feed, fetcher, report)
            except AikgError as exc:
                report.problems.append(Problem(entry.link or feed.url, str(exc)))
        return
    yield _response_draft(resp, url)


def _from_entry(entry: FeedEntry, feed: Feed, fetcher: Fetcher, report: AddReport) -> Draft:
    """The entry's page read in full, its gaps filled from the feed; else the feed's own copy."""
    if not entry.link:
        return entry_to_draft(entry, feed)
    try:
        page = _response_draft(fetcher.get(entry.link), entry.link)
    except SourceError as exc:
        try:
            draft = entry_to_draft(entry, feed)
        except NoArticleTextError:
            raise exc from None
        report.notes.append(f"{exc}; used the feed's copy")
        return draft
    return replace(
        page,
        title=page.title or entry.title or "",
        date=entry.date or page.date,  # the feed's date is explicit; a page's may be a guess
        publisher=page.publisher or feed.title,
        source=feed.url,
    )


def _response_draft(resp: Response, requested: str) -> Draft:
    aliases = tuple(dict.fromkeys(u for u in (resp.url, requested) if u))
    if resp.content_type in ("text/plain", "text/markdown"):
        draft = text_to_draft(decode_html(resp.body, resp.charset), source=requested, where=requested)
        return replace(draft, url=resp.url, aliases=aliases)
    if (
        resp.content_type not in ("", "text/html", "application/xhtml+xml")
        and b"<html" not in resp.body[:2048].lower()
    ):
        raise SourceError(requested, f"is {resp.content_type}, not an article page or a feed")
    draft = page_to_draft(resp.body, url=resp.url, source=requested, charset=resp.charset)
    return replace(draft, aliases=tuple(u for u in aliases if u != draft.url))


def parse_interval(text: str, *, minimum_s: float = 60.0) -> float:
    """Seconds from an interval such as ``90s``, ``15m``, ``2h`` or ``1d`` (a bare number is seconds).

    Raises:
        IntervalError: the text is no interval, or shorter than `minimum_s`.

    Example:
        >>> parse_interval("15m")
        900.0
    """
    match = _INTERVAL.match(text.lower())
    if not match:
        raise IntervalError(f"{text!r} is not an interval; write 30s, 15m, 2h or 1d")
    seconds = float(match[1]) * _UNITS[match[2]]
    if seconds < minimum_s:
        raise IntervalError(f"{text!r} is too often; poll feeds at most every {minimum_s:g} s")
    return seconds


def cycle_line(cycle: int, report: AddReport, when: dt.datetime | None = None) -> str:
    """The one-line log of a watch cycle.

    Example:
        >>> when = dt.datetime(2025, 5, 1, 9, 30)
        >>> print(cycle_line(3, AddReport(), when))  # doctest: +NORMALIZE_WHITESPACE
        2025-05-01 09:30:00 cycle 3: 0 added, 0 updated, 0 unchanged, 0 duplicate(s),
        0 already known, 0 error(s)
    """
    stamp = (when or dt.datetime.now()).strftime("%Y-%m-%d %H:%M:%S")
    return f"{stamp} cycle {cycle}: {report.summary()}"


def watch(
    feeds: Iterable[str],
    corpus_dir: str | Path,
    *,
    every_s: float,
    fetcher: Fetcher | None = None,
    on_cycle: Callable[[int, AddReport], None] | None = None,
    stop: threading.Event | None = None,
    max_cycles: int | None = None,
) -> int:
    """Poll feeds and add what is new, until `stop` is set or `max_cycles` have run.

    Args:
        feeds: the feed URLs (pages and files work too, and are re-read each cycle).
        corpus_dir: the corpus folder.
        every_s: seconds between the starts of two cycles.
        fetcher: fetches URLs (default: one :class:`~extract.web.fetch.HttpFetcher` for all cycles).
        on_cycle: called after each cycle with its number and report (log it, build the graph).
        stop: set it from another thread (or a signal handler) to stop after the current cycle.
        max_cycles: stop after this many cycles (None: run until stopped).

    Returns:
        The number of cycles run.
    """
    if fetcher is None:
        with HttpFetcher() as own:
            return watch(
                feeds,
                corpus_dir,
                every_s=every_s,
                fetcher=own,
                on_cycle=on_cycle,
                stop=stop,
                max_cycles=max_cycles,
            )
    feeds = list(feeds)
    stop = stop or threading.Event()
    cycle = 0
    while not stop.is_set():
        cycle += 1
        started = time.monotonic()
        report = add_sources(feeds, corpus_dir, fetcher=fetcher)
        if on_cycle is not None:
            on_cycle(cycle, report)
        if max_cycles is not None and cycle >= max_cycles:
            break
        stop.wait(max(0.0, every_s - (time.monotonic() - started)))
    return cycle
