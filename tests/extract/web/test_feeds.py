"""RSS and Atom parsing with the standard library: entries, dates, links, and refused documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extract.web.errors import FeedError, NoArticleTextError
from extract.web.feeds import entry_to_draft, html_fragment_text, looks_like_feed, parse_feed

DATA = Path(__file__).resolve().parents[2] / "data" / "web"
BASE = "https://feeds.example"


def fixture(name: str) -> bytes:
    return (DATA / name).read_text(encoding="utf-8").replace("{{BASE}}", BASE).encode("utf-8")


def test_rss_items_become_entries() -> None:
    feed = parse_feed(fixture("feed.rss"), f"{BASE}/rss.xml")
    assert (feed.kind, feed.title, len(feed.entries)) == ("rss", "Cloud Wire", 2)
    first = feed.entries[0]
    assert first.title == "CoreWeave signs $11.9 billion compute contract with OpenAI"
    assert first.link == f"{BASE}/news/coreweave-openai.html"
    assert first.id == "cloudwire-2025-0310-coreweave"
    assert first.date == dt.date(2025, 3, 10)  # RFC 822 date, local to the publisher
    assert first.content is not None and "stock market debut" in first.content
    assert feed.entries[1].link == f"{BASE}/private/memo.html"


def test_atom_entries_resolve_relative_links_and_decode_html_titles() -> None:
    feed = parse_feed(fixture("feed.atom"), f"{BASE}/feeds/atom.xml")
    assert (feed.kind, feed.title) == ("atom", "Carolina Tech Journal - Business")
    aws, equinix = feed.entries
    assert aws.link == f"{BASE}/news/aws-north-carolina.html"
    assert aws.date == dt.date(2025, 6, 4)  # published, not updated
    assert aws.content == "Amazon's cloud unit picks Richmond County for a new campus."  # summary as fallback
    assert equinix.title == "Equinix & partners open a Charlotte data center"
    assert equinix.date == dt.date(2025, 6, 5)  # no published: updated
    assert equinix.content is not None and equinix.content.startswith("<p>Equinix has opened")


def test_entry_to_draft_uses_the_feeds_copy() -> None:
    feed = parse_feed(fixture("feed.atom"), f"{BASE}/feeds/atom.xml")
    draft = entry_to_draft(feed.entries[1], feed)
    assert draft.title == "Equinix & partners open a Charlotte data center"
    assert draft.text.split("\n\n") == [
        "Equinix has opened a data center in Charlotte, North Carolina, adding capacity for enterprise "
        "customers that want to run artificial intelligence workloads close to their offices.",
        "The company said the site would be powered by Duke Energy.",
    ]
    assert (draft.publisher, draft.source, draft.url) == (
        "Carolina Tech Journal - Business",
        f"{BASE}/feeds/atom.xml",
        f"{BASE}/news/withdrawn-story.html",
    )


def test_a_teaser_is_not_an_article() -> None:
    feed = parse_feed(fixture("feed.atom"), f"{BASE}/feeds/atom.xml")
    with pytest.raises(NoArticleTextError, match="too little text"):
        entry_to_draft(feed.entries[0], feed)


def test_rss_1_0_is_read() -> None:
    raw = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Wire</title></channel>
  <item rdf:about="https://old.example/a"><title>A</title><link>https://old.example/a</link>
    <dc:date>2024-02-01T10:00:00Z</dc:date></item>
</rdf:RDF>"""
    feed = parse_feed(raw, "https://old.example/rss")
    assert feed.title == "Old Wire"
    assert [(e.title, e.link, e.date) for e in feed.entries] == [
        ("A", "https://old.example/a", dt.date(2024, 2, 1))
    ]


def test_entity_declarations_are_refused() -> None:
    raw = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel/></rss>'
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(raw, "https://x.example/f")


def test_broken_xml_and_other_xml_are_feed_errors() -> None:
    with pytest.raises(FeedError, match=r"broken.rss: is not well-formed XML \(mismatched tag"):
        parse_feed((DATA / "broken.rss").read_bytes(), "broken.rss")
    with pytest.raises(FeedError, match=r"is XML but not a feed \(root element 'svg'\)"):
        parse_feed(b"<svg/>", "https://x.example/logo.svg")


@pytest.mark.parametrize(
    ("body", "ctype", "expected"),
    [
        (b"<rss version='2.0'/>", "text/html", True),
        (
            b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- hi -->\n<feed xmlns='http://www.w3.org/2005/Atom'/>",
            "",
            True,
        ),
        (b"<!DOCTYPE rss PUBLIC '-//Netscape'><rss/>", "text/xml", True),
        (b"", "application/atom+xml", True),
        (b"<!DOCTYPE html><html><body>rss feed</body></html>", "text/html", False),
        (b"<?xml version='1.0'?><svg/>", "application/xml", False),
    ],
)
def test_looks_like_feed(body: bytes, ctype: str, expected: bool) -> None:
    assert looks_like_feed(body, ctype) is expected


def test_html_fragment_text_drops_scripts_and_keeps_blocks() -> None:
    assert html_fragment_text("<div>A<br>B</div><script>x()</script><p>C &lt; D</p>") == "A\nB\nC < D"
