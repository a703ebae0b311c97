"""Safe text for the pages: Markdown escaping, highlighted article HTML and number formats.

Everything read from articles is untrusted: names and sentences pass through :func:`md` before
they reach Markdown, and through :func:`highlight` (which escapes all text and labels) before
they reach HTML.

Example:
    >>> md("[click](http://evil.example)")
    '\\\\[click\\\\]\\\\(http\\\\://evil\\\\.example\\\\)'
    >>> highlight("AT&T buys", [(0, 4, "Company", "#0072B2")]).count("<mark")
    1
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable

import pycountry

from extract import Extraction
from graph.network_html import NODE_COLOURS

__all__ = [
    "EVIDENCE_COLOUR",
    "SPAN_COLOURS",
    "country_name",
    "entity_spans",
    "highlight",
    "http_url",
    "md",
    "readable",
    "usd",
]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^@%])")
#: Span colours by entity type, plus money and power (the app's own palette, never data).
SPAN_COLOURS: dict[str, str] = {**NODE_COLOURS, "MONEY": "#F0E442", "POWER": "#BBBBBB"}
_OTHER_SPAN = "#DDDDDD"
#: The colour of an evidence sentence marked in its article.
EVIDENCE_COLOUR = "#FFE08A"
Span = tuple[int, int, str, str]


def md(text: object) -> str:
    """Text for st.markdown (and every element that renders Markdown), shown literally.

    Every ASCII punctuation mark that Markdown, HTML, LaTeX or Streamlit's ``:colour[...]``
    directives read is backslash-escaped, so article text never becomes a link, tag or style.
    """
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def highlight(text: str, spans: Iterable[Span]) -> str:
    """Escaped HTML of ``text`` with spans ``(start, end, label, colour)`` wrapped in <mark>.

    Overlapping or out-of-range spans are skipped; labels are escaped; colours come from the
    app's own palette, never from data.
    """
    out: list[str] = []
    pos = 0
    for first, last, label, colour in sorted(spans):
        start, end = first, last
        while start < end and text[start : start + 1].isspace():
            start += 1
        while end > start and text[end - 1 : end].isspace():
            end -= 1
        if start < pos or end <= start or end > len(text):
            continue
        out.append(html.escape(text[pos:start]))
        tag = html.escape(label)
        badge = (
            f'<span style="font-size:0.7em;font-weight:600;margin-left:0.3em">{tag}</span>' if label else ""
        )
        out.append(
            f'<mark style="background:{colour};padding:0.1em 0.25em;border-radius:0.3em">'
            f"{html.escape(text[start:end])}{badge}</mark>"
        )
        pos = end
    out.append(html.escape(text[pos:]))
    body = "".join(out)
    return f'<div style="white-space:pre-wrap;line-height:1.9">{body}</div>'


def entity_spans(extraction: Extraction) -> list[Span]:
    """displaCy-style spans of an extraction: every entity mention, amount and power figure."""
    spans: list[Span] = [
        (m.start, m.end, e.type, SPAN_COLOURS.get(e.type, _OTHER_SPAN))
        for e in extraction.entities
        for m in e.mentions
    ]
    spans += [(a.start, a.end, "MONEY", SPAN_COLOURS["MONEY"]) for a in extraction.amounts]
    spans += [(p.start, p.end, "POWER", SPAN_COLOURS["POWER"]) for p in extraction.powers]
    return spans


def usd(value: float | None) -> str:
    """A dollar amount in short form.

    Example:
        >>> usd(1.25e9), usd(None)
        ('$1.2B', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    for size, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"${value / size:,.1f}{unit}"
    return f"${value:,.0f}"


def readable(predicate: str) -> str:
    """A contract predicate for people: ``invests_in`` -> ``invests in``."""
    return predicate.replace("_", " ")


def http_url(url: object) -> str | None:
    """The URL when it is http(s), else None (no ``javascript:`` links)."""
    text = str(url) if url else ""
    return text if text.startswith(("https://", "http://")) else None


def country_name(code: str) -> str:
    """The common name of an ISO 3166-1 alpha-2 country code (the code when unknown).

    Example:
        >>> country_name("GB"), country_name("XX")
        ('United Kingdom', 'XX')
    """
    record = pycountry.countries.get(alpha_2=code)
    return str(getattr(record, "common_name", None) or getattr(record, "name", code))
