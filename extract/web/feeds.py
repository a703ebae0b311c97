"""RSS 2.0, RSS 1.0 and Atom feeds parsed with the standard library into entries.

Documents that declare entities (``<!ENTITY``) are refused, so no entity expansion can blow up
or reach outside the document; expat itself never loads external entities for ElementTree.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

from extract.web.drafts import MIN_TEXT_CHARS, Draft, paragraphs_from_lines, parse_date
from extract.web.errors import FeedError, NoArticleTextError

__all__ = ["Feed", "FeedEntry", "entry_to_draft", "looks_like_feed", "parse_feed"]

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
_ROOT = re.compile(
    rb"^\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s/>]",
    re.DOTALL,
)
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|tr|blockquote|section|article)\b[^>]*>", re.IGNORECASE)
_DROP = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed.

    Attributes:
        title: the entry's title, as plain text.
        link: the article's URL, absolute.
        id: the guid (RSS) or id (Atom).
        date: the publication (else update) date.
        content: the full content, else the summary, as HTML or text.
    """

    title: str | None
    link: str | None
    id: str | None
    date: dt.date | None
    content: str | None


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its URL, title, kind and entries in document order."""

    url: str
    title: str | None
    kind: Literal["rss", "atom"]
    entries: tuple[FeedEntry, ...]


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """Whether a response is a feed: by a feed media type, else by its root element.

    Example:
        >>> looks_like_feed(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "text/html")
        True
    """
    if content_type in _FEED_TYPES[:3]:
        return True
    return bool(_ROOT.match(body[:4096].lstrip(b"\xef\xbb\xbf")))


def parse_feed(raw: bytes, url: str) -> Feed:
    """Parse an RSS or Atom document.

    Args:
        raw: the XML bytes (the XML declaration names their encoding).
        url: the feed's URL, against which relative links are resolved.

    Raises:
        FeedError: not well-formed XML, entity declarations, or not a feed.
    """
    if b"<!ENTITY" in raw:
        raise FeedError(url, "declares XML entities, which are refused", "feeds never need them")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise FeedError(url, f"is not well-formed XML ({exc})") from exc
    if root.tag == f"{_ATOM}feed":
        entries = tuple(_atom_entry(e, url) for e in root.iter(f"{_ATOM}entry"))
        return Feed(url, _plain(root.findtext(f"{_ATOM}title")), "atom", entries)
    if root.tag == "rss":
        channel = root.find("channel")
        items = channel.iter("item") if channel is not None else iter(())
        title = _plain(channel.findtext("title")) if channel is not None else None
        return Feed(url, title, "rss", tuple(_rss_item(i, url, "") for i in items))
    if root.tag == f"{_RDF}RDF":
        items = root.iter(f"{_RSS1}item")
        title = _plain(root.findtext(f"{_RSS1}channel/{_RSS1}title"))
        return Feed(url, title, "rss", tuple(_rss_item(i, url, _RSS1) for i in items))
    raise FeedError(url, f"is XML but not a feed (root element {root.tag!r})", "give an RSS or Atom URL")


def entry_to_draft(entry: FeedEntry, feed: Feed) -> Draft:
    """A draft from the feed's own copy of an entry (used when the page cannot be fetched).

    Raises:
        NoArticleTextError: the entry carries no text.
    """
    text = paragraphs_from_lines(html_fragment_text(entry.content or ""))
    where = entry.link or entry.id or feed.url
    if len(text) < MIN_TEXT_CHARS:
        raise NoArticleTextError(
            where, f"the feed entry holds too little text ({len(text)} characters) for an article"
        )
    return Draft(
        title=entry.title or text.split("\n", 1)[0][:120],
        text=text,
        date=entry.date,
        publisher=feed.title,
        url=entry.link,
        source=feed.url,
    )


def html_fragment_text(fragment: str) -> str:
    """The text of a small HTML fragment (a feed summary), one block per line.

    Example:
        >>> html_fragment_text("<p>One &amp; two.</p><p>Three</p>")
        'One & two.\\nThree'
    """
    text = _TAG.sub("", _BLOCK.sub("\n", _DROP.sub(" ", fragment)))
    lines = (" ".join(line.split()) for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def _rss_item(item: ET.Element, base: str, ns: str) -> FeedEntry:
    link = (item.findtext(f"{ns}link") or "").strip()
    guid_el = item.find("guid")
    guid = (guid_el.text or "").strip() if guid_el is not None else item.get(f"{_RDF}about")
    if not link and guid_el is not None and guid_el.get("isPermaLink", "true") != "false":
        link = guid or ""
    date = _rfc822(item.findtext("pubDate")) or parse_date(item.findtext(f"{_DC}date"))
    content = item.findtext(f"{_CONTENT}encoded") or item.findtext(f"{ns}description")
    return FeedEntry(_plain(item.findtext(f"{ns}title")), _abs(link, base), guid or None, date, content)


def _atom_entry(entry: ET.Element, base: str) -> FeedEntry:
    link = None
    for el in entry.findall(f"{_ATOM}link"):
        if el.get("rel", "alternate") == "alternate" and el.get("href"):
            link = el.get("href")
            break
    date = parse_date(entry.findtext(f"{_ATOM}published")) or parse_date(entry.findtext(f"{_ATOM}updated"))
    content_el = entry.find(f"{_ATOM}content")
    if content_el is None or not "".join(content_el.itertext()).strip():
        content_el = entry.find(f"{_ATOM}summary")
    content = None
    if content_el is not None:
        if content_el.get("type") == "xhtml":
            content = "".join(ET.tostring(child, encoding="unicode") for child in content_el)
        else:
            content = content_el.text
    title = _plain(entry.findtext(f"{_ATOM}title"))
    return FeedEntry(title, _abs(link, base), entry.findtext(f"{_ATOM}id"), date, content)


def _plain(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(html.unescape(_TAG.sub("", value)).split())
    return text or None


def _abs(link: str | None, base: str) -> str | None:
    return urljoin(base, link.strip()) if link and link.strip() else None


def _rfc822(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError):
        return parse_date(value)
