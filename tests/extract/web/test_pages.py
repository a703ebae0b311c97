"""HTML pages reduced to article text and metadata: boilerplate out, structured metadata first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extract.web.errors import NoArticleTextError
from extract.web.jsonld import read_page_meta
from extract.web.pages import decode_html, page_to_draft

DATA = Path(__file__).resolve().parents[2] / "data" / "web"
BOILERPLATE = (
    "Accept all",
    "Subscribe",
    "Advertisement",
    "ergonomic",
    "Related stories",
    "Comments",
    "cousin",
    "electricity",
    "All rights reserved",
    "Sign up",
)


def page(name: str, url: str | None = None) -> tuple[str, object]:
    raw = (DATA / name).read_bytes()
    return name, page_to_draft(raw, url=url, source=name)


def test_news_page_keeps_the_article_and_drops_navigation_ads_and_comments() -> None:
    draft = page_to_draft((DATA / "microsoft-sweden.html").read_bytes(), url="http://127.0.0.1/n/ms.html")
    paragraphs = draft.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith(
        "STOCKHOLM, June 3 - Microsoft said on Monday it would invest $3.2 billion"
    )
    assert paragraphs[-1].endswith("the expansion would run on renewable power.")
    for noise in BOILERPLATE:
        assert noise not in draft.text, noise


def test_json_ld_news_article_wins_over_open_graph() -> None:
    draft = page_to_draft((DATA / "microsoft-sweden.html").read_bytes(), url="http://127.0.0.1/n/ms.html")
    assert draft.title == "Microsoft to spend $3.2 billion on Swedish cloud and AI capacity"
    assert draft.date == dt.date(2024, 6, 3)
    assert draft.publisher == "The Northern Ledger"  # resolved through the @graph's @id reference
    assert draft.url == "https://northernledger.example/tech/2024/06/03/microsoft-sweden-ai-investment"
    assert draft.lang == "en"
    assert draft.aliases == ("http://127.0.0.1/n/ms.html",)
    assert draft.source == "http://127.0.0.1/n/ms.html"


def test_open_graph_page_metadata_and_tracking_tags_removed() -> None:
    draft = page_to_draft((DATA / "coreweave-openai.html").read_bytes(), url="http://127.0.0.1/n/cw.html")
    assert draft.title == "CoreWeave signs $11.9 billion compute contract with OpenAI"
    assert draft.date == dt.date(2025, 3, 10)
    assert draft.publisher == "Cloud Wire"
    assert draft.url == "https://cloudwire.example/2025/03/10/coreweave-openai-contract"
    # The repeated headline and the bare dateline are not article text; the comments are gone.
    assert draft.text.startswith("CoreWeave has signed a five-year contract worth $11.9 billion")
    assert "GPU landlords" not in draft.text
    assert "Sign up for the Cloud Wire" not in draft.text


def test_legacy_page_with_meta_tags_relative_canonical_and_windows_1252() -> None:
    raw = (DATA / "aws-north-carolina.html").read_bytes()
    draft = page_to_draft(raw, url="http://127.0.0.1:9/news/aws.html")
    assert draft.title == "AWS plans $10 billion North Carolina build-out"  # site name trimmed by trafilatura
    assert draft.date == dt.date(2025, 6, 4)
    assert draft.publisher == "Carolina Tech Journal"
    assert draft.url == "http://127.0.0.1:9/business/2025/aws-richmond-county-data-centers"
    assert "the state’s governor, Josh Stein" in draft.text
    assert "Lake Norman" not in draft.text and "rockingham_rick" not in draft.text
    assert "Front page" not in draft.text


def test_saved_page_without_url_keeps_its_file_name_as_source() -> None:
    draft = page_to_draft((DATA / "microsoft-sweden-wire.html").read_bytes(), source="wire.html")
    assert draft.source == "wire.html"
    assert draft.url == "https://balticbusiness.example/wire/2024/06/03/microsoft-sweden"
    assert draft.aliases == ()


def test_wire_copy_has_the_same_normalised_text_as_the_original() -> None:
    original = page_to_draft((DATA / "microsoft-sweden.html").read_bytes())
    copy = page_to_draft((DATA / "microsoft-sweden-wire.html").read_bytes())
    assert original.text_hash == copy.text_hash
    assert original.url != copy.url


def test_json_ld_article_body_is_used_when_the_page_shows_no_text() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@type": ["NewsArticle"], "headline": "Deal",'
        ' "articleBody": "Nvidia invested $2 billion in xAI, the companies said on Friday. '
        'The money will pay for chips at the Memphis site, and more funding may follow next year."}'
        "</script></head><body><div id='app'></div></body></html>"
    )
    draft = page_to_draft(html, url="https://x.example/a")
    assert draft.title == "Deal"
    assert draft.text.startswith("Nvidia invested $2 billion in xAI")


def test_page_without_text_is_an_error() -> None:
    with pytest.raises(
        NoArticleTextError, match=r"empty.html: no article text found in the page \(4 characters\)"
    ):
        page_to_draft(
            b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>", source="empty.html"
        )


def test_read_page_meta_ignores_broken_json_ld_and_uses_meta_tags() -> None:
    meta = read_page_meta(
        '<html><head><script type="application/ld+json">{not json</script>'
        '<meta name="pubdate" content="2025-01-31"><meta name="application-name" content="Daily">'
        "<title>A &amp; B</title></head></html>"
    )
    assert (meta.date, meta.publisher, meta.html_title, meta.title) == ("2025-01-31", "Daily", "A & B", None)


def test_decode_html_prefers_the_http_charset_then_meta_then_utf8() -> None:
    assert decode_html("café".encode("latin-1"), "iso-8859-1") == "café"
    assert decode_html("<p>café</p>".encode()) == "<p>café</p>"
    assert decode_html(b"<p>caf\xe9</p>") == "<p>café</p>"  # not UTF-8: Windows-1252
