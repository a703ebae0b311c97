"""A news page in HTML reduced to its article: main text by trafilatura, metadata from the page.

Title, date, publisher, canonical URL and language come first from the page's own structured
metadata (JSON-LD ``NewsArticle``, Open Graph and ``<meta>`` tags, ``<link rel=canonical>``),
then from trafilatura's metadata extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import trafilatura

from extract.web.drafts import (
    MIN_TEXT_CHARS,
    Draft,
    normalise_text,
    normalise_url,
    paragraphs_from_lines,
    parse_date,
)
from extract.web.errors import NoArticleTextError
from extract.web.jsonld import PageMeta, read_page_meta

__all__ = ["PageMeta", "decode_html", "page_to_draft", "read_page_meta"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._-]+)""", re.IGNORECASE)
_DATE_ONLY = re.compile(
    r"^(?:[A-Z][a-z]+,? )?"  # an optional weekday
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|\d{4}-\d{2}-\d{2})$"
)
#: Below this many characters, trafilatura's text gives way to a longer JSON-LD articleBody.
_SHORT_TEXT = 200


@dataclass(frozen=True, slots=True)
class _Fallback:
    title: str | None
    date: str | None
    publisher: str | None
    url: str | None


def decode_html(raw: bytes | str, charset: str | None = None) -> str:
    """The text of an HTML document: the HTTP charset, else a ``<meta charset>``, else UTF-8.

    Example:
        >>> decode_html('<meta charset="windows-1252"><p>caf\\xe9</p>'.encode("cp1252"))
        '<meta charset="windows-1252"><p>café</p>'
    """
    if isinstance(raw, str):
        return raw
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    candidates = [charset] if charset else []
    match = _META_CHARSET.search(raw[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii"))
    for name in [*candidates, "utf-8"]:
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", errors="replace")


def page_to_draft(
    raw: bytes | str,
    *,
    url: str | None = None,
    source: str | None = None,
    charset: str | None = None,
) -> Draft:
    """Read an article page: its main text without navigation, ads or comments, and its metadata.

    Args:
        raw: the HTML.
        url: the URL the page was fetched from (resolves relative links; the canonical URL's fallback).
        source: where it was read, for the front matter and errors (default: `url`).
        charset: the charset named by the HTTP response, if any.

    Returns:
        The draft article; its ``url`` is the page's canonical URL.

    Raises:
        NoArticleTextError: the page holds no article text.
    """
    where = source or url or "<html>"
    html = decode_html(raw, charset)
    meta = read_page_meta(html)
    extracted = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        output_format="txt",
    )
    text = paragraphs_from_lines(extracted or "")
    if len(text) < _SHORT_TEXT and meta.body and len(meta.body) > len(text):
        text = paragraphs_from_lines(meta.body)
    fallback = _trafilatura_meta(html, url)
    text = _drop_heading(text, (meta.title, fallback.title, meta.html_title))
    if len(text) < MIN_TEXT_CHARS:
        raise NoArticleTextError(
            where, f"no article text found in the page ({len(text)} characters)", "is it an article page?"
        )
    title = meta.title or fallback.title or meta.html_title or text.split("\n", 1)[0][:120]
    canonical = _http_url(meta.url, url) or _http_url(fallback.url, url) or url
    canonical = normalise_url(canonical) if canonical else None
    return Draft(
        title=" ".join(title.split()),
        text=text,
        date=parse_date(meta.date) or parse_date(fallback.date),
        publisher=meta.publisher or fallback.publisher,
        url=canonical,
        source=source or url,
        lang=meta.lang,
        aliases=tuple(u for u in (url,) if u and u != canonical),
    )


def _drop_heading(text: str, titles: tuple[str | None, ...]) -> str:
    """The text without leading paragraphs that repeat the headline or are only a date.

    Example:
        >>> _drop_heading("Big deal\\n\\nMarch 10, 2025\\n\\nNvidia invested.", ("Big deal",))
        'Nvidia invested.'
    """
    keys = {normalise_text(t) for t in titles if t}
    paragraphs = text.split("\n\n")
    start = 0
    while start < min(3, len(paragraphs) - 1) and (
        normalise_text(paragraphs[start]) in keys or _DATE_ONLY.match(paragraphs[start])
    ):
        start += 1
    return "\n\n".join(paragraphs[start:])


def _trafilatura_meta(html: str, url: str | None) -> _Fallback:
    try:
        doc = trafilatura.extract_metadata(html, default_url=url)
    except (ValueError, TypeError):  # malformed markup: the page's own metadata must do
        return _Fallback(None, None, None, None)
    return _Fallback(
        title=getattr(doc, "title", None) or None,
        date=getattr(doc, "date", None) or None,
        publisher=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or None,
    )


def _http_url(value: str | None, base: str | None) -> str | None:
    """`value` resolved against `base`, if it is an http(s) URL; else None."""
    if not value:
        return None
    resolved = urljoin(base or "", value.strip())
    parts = urlsplit(resolved)
    return resolved if parts.scheme in ("http", "https") and parts.hostname else None
