"""The article read from a web page, feed entry or file, before it is written to the corpus."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from extract.copies import normalise_text, text_hash

__all__ = [
    "MIN_TEXT_CHARS",
    "Draft",
    "article_slug",
    "normalise_text",
    "normalise_url",
    "paragraphs_from_lines",
    "parse_date",
    "text_hash",
]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|mkt_tok)$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MAX_SLUG = 80
#: A page or feed entry with less text than this holds no article (a menu, a teaser).
MIN_TEXT_CHARS = 100


@dataclass(frozen=True, slots=True)
class Draft:
    """An article as read from its source, with the metadata the source gave.

    Attributes:
        title: the headline.
        text: the body, paragraphs separated by blank lines.
        date: the publication date, if known.
        publisher: the site or outlet, if known.
        url: the article's canonical URL, if known.
        source: where it was read (the fetched URL, the feed URL, or the file name).
        id: an id the source asked for (front matter or JSONL ``id``), else one is made.
        lang: the language code, if known.
        tags: front-matter tags carried over from a Markdown or JSONL source.
        aliases: other URLs that lead to this same copy (the fetched URL behind a redirect).
    """

    title: str
    text: str
    date: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    source: str | None = None
    id: str | None = None
    lang: str | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def text_hash(self) -> str:
        """The sha1 of the normalised body: equal for copies that differ only in spacing and case."""
        return text_hash(self.text)

    def front_matter(self, article_id: str) -> dict[str, Any]:
        """The front-matter fields of this draft under `article_id`, empty ones left out."""
        fields: dict[str, Any] = {
            "id": article_id,
            "title": self.title,
            "date": self.date,
            "publisher": self.publisher,
            "source": self.source,
            "url": self.url,
            "lang": self.lang,
            "tags": list(self.tags) or None,
        }
        return {k: v for k, v in fields.items() if v not in (None, "")}

    def to_markdown(self, article_id: str) -> str:
        """The corpus file of this draft: YAML front matter, then the body.

        Example:
            >>> print(Draft("A deal", "Body.", dt.date(2025, 1, 2)).to_markdown("2025-01-02-a-deal"))
            ---
            id: 2025-01-02-a-deal
            title: A deal
            date: 2025-01-02
            ---
            <BLANKLINE>
            Body.
            <BLANKLINE>
        """
        head = yaml.safe_dump(
            self.front_matter(article_id), sort_keys=False, allow_unicode=True, width=10_000
        )
        return f"---\n{head}---\n\n{self.text.strip()}\n"


def normalise_url(url: str) -> str:
    """A URL in one spelling: lowercase scheme and host, no default port, fragment or tracking tags.

    Example:
        >>> normalise_url("HTTPS://News.Example.com:443/a/b?utm_source=x&id=3#top")
        'https://news.example.com/a/b?id=3'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def paragraphs_from_lines(text: str) -> str:
    """Each non-empty line as its own paragraph (the shape of trafilatura's text output)."""
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def article_slug(title: str, date: dt.date | None) -> str:
    """The base of an article id: the date and the slugged title, at most 80 characters.

    Example:
        >>> article_slug("Crédit Agricole backs a 1 GW campus", dt.date(2025, 3, 4))
        '2025-03-04-credit-agricole-backs-a-1-gw-campus'
    """
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = _NON_ALNUM.sub("-", folded.lower()).strip("-")
    if not words:
        words = "article-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:10]
    base = f"{date.isoformat()}-{words}" if date else words
    if len(base) > _MAX_SLUG:
        base = base[:_MAX_SLUG].rsplit("-", 1)[0]
    return base


def parse_date(value: object) -> dt.date | None:
    """A date from ISO 8601 text (``2025-03-04``, ``2025-03-04T10:00:00Z``) or a date(time); else None.

    Example:
        >>> parse_date("2025-03-04T10:00:00+01:00")
        datetime.date(2025, 3, 4)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
