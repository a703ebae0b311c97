"""Ingest from the web and from files: pages, RSS/Atom feeds, saved HTML, text, Markdown, JSONL.

Each article is stored once in the corpus folder as Markdown with front matter (the single
source of truth), then built into the graph by ``graph.builder.build_corpus``. This package
knows nothing of RDF.

Example:
    >>> from extract.web import add_sources
    >>> add_sources(["no-such-file.txt"], "no-corpus").problems[0].message
    'no-such-file.txt: no such file or folder, and not an http(s) URL'
"""

from extract.web.add import AddReport, Problem, add_sources, cycle_line, parse_interval, read_source, watch
from extract.web.drafts import Draft
from extract.web.errors import (
    FeedError,
    FetchError,
    IntervalError,
    NoArticleTextError,
    RobotsDisallowedError,
    SourceError,
    TooLargeError,
    UnsafeURLError,
)
from extract.web.feeds import Feed, FeedEntry, parse_feed
from extract.web.fetch import USER_AGENT, Fetcher, FetchSettings, HttpFetcher, Response
from extract.web.files import FILE_SUFFIXES, drafts_from_bytes, drafts_from_file
from extract.web.pages import page_to_draft
from extract.web.store_corpus import INDEX_NAME, CorpusStore, SaveResult, sources_for

__all__ = [
    "FILE_SUFFIXES",
    "INDEX_NAME",
    "USER_AGENT",
    "AddReport",
    "CorpusStore",
    "Draft",
    "Feed",
    "FeedEntry",
    "FeedError",
    "FetchError",
    "FetchSettings",
    "Fetcher",
    "HttpFetcher",
    "IntervalError",
    "NoArticleTextError",
    "Problem",
    "Response",
    "RobotsDisallowedError",
    "SaveResult",
    "SourceError",
    "TooLargeError",
    "UnsafeURLError",
    "add_sources",
    "cycle_line",
    "drafts_from_bytes",
    "drafts_from_file",
    "page_to_draft",
    "parse_feed",
    "parse_interval",
    "read_source",
    "sources_for",
    "watch",
]
