"""A page's own metadata: JSON-LD ``NewsArticle``, Open Graph, ``<meta>`` and ``<link rel=canonical>``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

__all__ = ["ARTICLE_TYPES", "PageMeta", "read_page_meta"]

#: schema.org types read as the page's article, news types first.
ARTICLE_TYPES: tuple[str, ...] = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "Article",
    "BlogPosting",
    "Report",
)
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "headline")
_DATE_KEYS = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
)
_PUBLISHER_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher")
_URL_KEYS = ("og:url", "twitter:url")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself; None where it says nothing.

    Attributes:
        title: the headline.
        date: the publication date as written (ISO 8601 expected).
        publisher: the outlet's name.
        url: the canonical URL, possibly relative.
        lang: the primary language subtag (``en``).
        body: the JSON-LD ``articleBody``, if the page carries one.
        html_title: the ``<title>`` text (often with the site's name appended).
    """

    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    lang: str | None = None
    body: str | None = None
    html_title: str | None = None


class _HeadParser(HTMLParser):
    """Collects ``<meta>``, ``<link rel=canonical>``, ``<title>``, ``lang`` and JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.lang: str | None = None
        self.title = ""
        self.scripts: list[str] = []
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content", "").strip():
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"]
        elif tag == "script" and a.get("type", "").strip().lower() == "application/ld+json":
            self._capture, self._buffer = "script", []
        elif tag == "title" and not self.title:
            self._capture, self._buffer = "title", []

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._capture == tag:
            text = "".join(self._buffer)
            if tag == "script":
                self.scripts.append(text)
            else:
                self.title = " ".join(text.split())
            self._capture = None


def read_page_meta(html: str) -> PageMeta:
    """The metadata a page declares about itself, JSON-LD first, then Open Graph and ``<meta>``.

    Example:
        >>> page = '''<html lang="en-GB"><head><meta property="og:site_name" content="Wire">
        ... <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Deal",
        ... "datePublished": "2025-02-03T08:00:00Z"}</script></head></html>'''
        >>> meta = read_page_meta(page)
        >>> meta.title, meta.date, meta.publisher, meta.lang
        ('Deal', '2025-02-03T08:00:00Z', 'Wire', 'en')
    """
    parser = _HeadParser()
    parser.feed(html)
    parser.close()
    ld = _article_object(parser.scripts)
    m = parser.meta
    lang = _text(ld.get("inLanguage")) or parser.lang or m.get("og:locale", "").replace("_", "-")
    return PageMeta(
        title=_text(ld.get("headline")) or _text(ld.get("name")) or _first(m, _TITLE_KEYS),
        date=_text(ld.get("datePublished")) or _text(ld.get("dateCreated")) or _first(m, _DATE_KEYS),
        publisher=_name(ld.get("publisher")) or _first(m, _PUBLISHER_KEYS),
        url=_ref(ld.get("url"))
        or _ref(ld.get("mainEntityOfPage"))
        or parser.canonical
        or _first(m, _URL_KEYS),
        lang=lang.split("-")[0].lower() if lang else None,
        body=_body(ld.get("articleBody")),
        html_title=parser.title or None,
    )


def _article_object(scripts: list[str]) -> dict[str, Any]:
    """The JSON-LD object of the page's article (news types first), with ``@id`` references resolved."""
    objects: list[dict[str, Any]] = []
    for script in scripts:
        try:
            data = json.loads(script.strip())
        except ValueError:
            continue
        objects.extend(_walk(data))
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    for wanted in ARTICLE_TYPES:
        for obj in objects:
            types = obj.get("@type")
            if wanted == types or (isinstance(types, list) and wanted in types):
                return {k: _resolve(v, by_id) for k, v in obj.items()}
    return {}


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk(data["@graph"])


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in by_id:
        return by_id[value["@id"]]
    return value


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _body(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _ref(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return _text(value)


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key]
    return None
