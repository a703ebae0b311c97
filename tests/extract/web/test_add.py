"""`add_sources` and `watch` end to end against the local fixture site."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from extract.corpus import read_article
from extract.web.add import AddReport, add_sources, cycle_line, parse_interval, read_source, watch
from extract.web.errors import IntervalError, SourceError
from extract.web.fetch import HttpFetcher
from extract.web.store_corpus import sources_for

from .conftest import FixtureSite

LEDGER = "https://northernledger.example/tech/2024/06/03/microsoft-sweden-ai-investment"


def stored(report: AddReport, corpus: Path, status: str = "added") -> list[str]:
    ids = report.ids(status)
    for article_id in ids:
        assert (corpus / f"{article_id}.md").is_file()
    return ids


def test_page_url_is_stored_as_markdown_with_the_pages_metadata(
    site: FixtureSite, fetcher: HttpFetcher, tmp_path: Path
) -> None:
    report = add_sources([site.url("/news/microsoft-sweden.html")], tmp_path, fetcher=fetcher)
    assert report.problems == []
    assert stored(report, tmp_path) == [
        "2024-06-03-microsoft-to-spend-3-2-billion-on-swedish-cloud-and-ai-capacity"
    ]
    article = read_article(tmp_path / f"{report.ids('added')[0]}.md")
    assert article.title == "Microsoft to spend $3.2 billion on Swedish cloud and AI capacity"
    assert (article.date, article.publisher, article.url) == (
        dt.date(2024, 6, 3),
        "The Northern Ledger",
        LEDGER,
    )
    assert article.source == site.url("/news/microsoft-sweden.html")
    assert article.text.startswith(
        "STOCKHOLM, June 3 - Microsoft said on Monday it would invest $3.2 billion"
    )
    assert "Where is all the electricity" not in article.text
    assert report.summary() == "1 added, 0 updated, 0 unchanged, 0 duplicate(s), 0 already known, 0 error(s)"


def test_same_article_again_by_redirect_and_by_wire_copy_is_stored_once(
    site: FixtureSite, fetcher: HttpFetcher, tmp_path: Path
) -> None:
    first = add_sources([site.url("/news/microsoft-sweden.html")], tmp_path, fetcher=fetcher)
    article_id = first.ids("added")[0]
    again = add_sources(
        [site.url("/redirect"), site.url("/syndication/microsoft-sweden-wire.html")],
        tmp_path,
        fetcher=fetcher,
    )
    assert again.ids("unchanged") == [article_id]
    assert again.ids("duplicate") == [article_id]
    assert len(list(tmp_path.glob("*.md"))) == 1
    assert sources_for(tmp_path, article_id) == [
        LEDGER,
        "https://balticbusiness.example/wire/2024/06/03/microsoft-sweden",
    ]


def test_rss_feed_adds_every_entry_and_reports_the_one_it_may_not_fetch(
    site: FixtureSite, fetcher: HttpFetcher, tmp_path: Path
) -> None:
    feed = site.url("/feeds/rss.xml")
    report = add_sources([feed], tmp_path, fetcher=fetcher)
    assert stored(report, tmp_path) == [
        "2025-03-10-coreweave-signs-11-9-billion-compute-contract-with-openai"
    ]
    article = read_article(tmp_path / f"{report.ids('added')[0]}.md")
    assert (article.publisher, article.source) == ("Cloud Wire", feed)
    assert article.url == "https://cloudwire.example/2025/03/10/coreweave-openai-contract"
    assert len(report.problems) == 1
    assert report.problems[0].source == site.url("/private/memo.html")
    assert "robots.txt of http://127.0.0.1" in report.problems[0].message
    # The next poll fetches only the feed and the entry it may not read, not the stored article.
    before = len(site.requests)
    second = add_sources([feed], tmp_path, fetcher=fetcher)
    assert (second.known, second.saved) == (1, [])
    assert site.paths()[before:] == ["/feeds/rss.xml"]
    assert add_sources([feed], tmp_path, fetcher=fetcher, refresh=True).ids("unchanged") == report.ids(
        "added"
    )


def test_atom_feed_falls_back_to_the_feeds_copy_when_the_page_is_gone(
    site: FixtureSite, fetcher: HttpFetcher, tmp_path: Path
) -> None:
    report = add_sources([site.url("/feeds/atom.xml")], tmp_path, fetcher=fetcher)
    assert report.problems == []
    aws_id, equinix_id = report.ids("added")
    aws = read_article(tmp_path / f"{aws_id}.md")
    assert (aws.title, aws.date, aws.publisher) == (
        "AWS plans $10 billion North Carolina build-out",
        dt.date(2025, 6, 4),
        "Carolina Tech Journal",
    )
    assert aws.url == site.url("/business/2025/aws-richmond-county-data-centers")
    assert "the state’s governor, Josh Stein" in aws.text
    equinix = read_article(tmp_path / f"{equinix_id}.md")
    assert equinix_id == "2025-06-05-equinix-partners-open-a-charlotte-data-center"
    assert equinix.text.endswith("The company said the site would be powered by Duke Energy.")
    assert equinix.publisher == "Carolina Tech Journal - Business"
    assert report.notes == [
        f"{site.url('/news/withdrawn-story.html')}: HTTP 404 Not Found (check the URL); used the feed's copy"
    ]


def test_a_changed_article_replaces_the_stored_one(
    site: FixtureSite, fetcher: HttpFetcher, tmp_path: Path
) -> None:
    url = site.url("/news/oracle-malaysia.html")
    site.oracle_version = 1
    try:
        article_id = add_sources([url], tmp_path, fetcher=fetcher).ids("added")[0]
        assert "$5.6 billion" in read_article(tmp_path / f"{article_id}.md").text
        assert add_sources([url], tmp_path, fetcher=fetcher).ids("unchanged") == [article_id]
        site.oracle_version = 2
        report = add_sources([url], tmp_path, fetcher=fetcher)
    finally:
        site.oracle_version = 1
    assert report.ids("updated") == [article_id]
    text = read_article(tmp_path / f"{article_id}.md").text
    assert "$6.5 billion" in text and "$5.6 billion" not in text
    assert len(list(tmp_path.glob("*.md"))) == 1


def test_failures_cost_only_their_own_source(site: FixtureSite, fetcher: HttpFetcher, tmp_path: Path) -> None:
    sources = [
        site.url("/missing"),
        site.url("/slow"),
        site.url("/huge"),
        site.url("/to-file"),
        "file:///etc/passwd",
        str(tmp_path / "nowhere.txt"),
        site.url("/feeds/broken.xml"),
        site.url("/logo.png"),
        site.url("/news/coreweave-openai.html"),
    ]
    report = add_sources(sources, tmp_path / "corpus", fetcher=fetcher)
    assert len(report.ids("added")) == 1
    lines = {p.source: p.message for p in report.problems}
    assert list(lines) == sources[:-1]
    assert lines[site.url("/missing")].endswith("HTTP 404 Not Found (check the URL)")
    assert lines[site.url("/slow")].endswith("timed out after 0.5 s (the server is slow or down)")
    assert "is over the size limit" in lines[site.url("/huge")]
    assert (
        "redirects to file:///etc/passwd, only http and https URLs are fetched" in lines[site.url("/to-file")]
    )
    assert lines["file:///etc/passwd"] == "file:///etc/passwd: only http and https URLs are fetched"
    assert lines[str(tmp_path / "nowhere.txt")].endswith("no such file or folder, and not an http(s) URL")
    assert "is not well-formed XML" in lines[site.url("/feeds/broken.xml")]
    assert lines[site.url("/logo.png")].endswith("is image/png, not an article page or a feed")


def test_plain_text_url_and_feed_served_as_html(
    site: FixtureSite, fetcher: HttpFetcher, tmp_path: Path
) -> None:
    report = add_sources([site.url("/plain.txt"), site.url("/feeds/as-html.xml")], tmp_path, fetcher=fetcher)
    text_id, feed_id = report.ids("added")
    assert text_id == "nvidia-opens-a-taipei-office"
    assert read_article(tmp_path / f"{text_id}.md").url == site.url("/plain.txt")
    assert feed_id.startswith("2025-03-10-coreweave")


def test_folders_of_files_are_added_and_the_corpus_itself_is_refused(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(
        "Meta buys power\n\nMeta signed a deal to buy power from Constellation Energy."
    )
    (inbox / "b.jsonl").write_text(
        '{"text": "Intel will build a chip plant in Ohio.", "title": "Intel in Ohio"}\n'
    )
    (inbox / ".hidden.txt").write_text("not this one")
    (inbox / "picture.png").write_bytes(b"\x89PNG")
    corpus = tmp_path / "corpus"
    report = add_sources([str(inbox)], corpus, fetcher=HttpFetcher())
    assert sorted(report.ids("added")) == ["intel-in-ohio", "meta-buys-power"]
    again = add_sources([str(corpus)], corpus, fetcher=HttpFetcher())
    assert again.problems[0].message == f"{corpus}: is the corpus folder itself (give the files to add)"


def test_read_source_previews_without_storing(
    site: FixtureSite, fetcher: HttpFetcher, tmp_path: Path
) -> None:
    (draft,) = read_source(site.url("/news/coreweave-openai.html"), fetcher=fetcher)
    assert draft.publisher == "Cloud Wire"
    assert draft.to_markdown("cw").startswith("---\nid: cw\ntitle: CoreWeave signs")
    with pytest.raises(SourceError, match="HTTP 404"):
        read_source(site.url("/missing"), fetcher=fetcher)
    with pytest.raises(
        SourceError, match=r"rss.xml: is a feed, not an article page \(add feeds with `aikg add`\)"
    ):
        read_source(site.url("/feeds/rss.xml"), fetcher=fetcher, feeds=False)
    assert len(read_source(site.url("/feeds/atom.xml"), fetcher=fetcher)) == 2


def test_watch_polls_until_told_to_stop(site: FixtureSite, fetcher: HttpFetcher, tmp_path: Path) -> None:
    lines: list[str] = []

    def log(cycle: int, report: AddReport) -> None:
        lines.append(cycle_line(cycle, report, dt.datetime(2025, 1, 1, 8, 0)))

    runs = watch(
        [site.url("/feeds/atom.xml")], tmp_path, every_s=0.01, fetcher=fetcher, on_cycle=log, max_cycles=2
    )
    assert runs == 2
    tail = "0 updated, 0 unchanged, 0 duplicate(s)"
    assert lines == [
        f"2025-01-01 08:00:00 cycle 1: 2 added, {tail}, 0 already known, 0 error(s)",
        f"2025-01-01 08:00:00 cycle 2: 0 added, {tail}, 2 already known, 0 error(s)",
    ]
    stop = threading.Event()
    cycles = watch(
        [site.url("/feeds/atom.xml")],
        tmp_path,
        every_s=3600,
        fetcher=fetcher,
        on_cycle=lambda n, r: stop.set(),
        stop=stop,
    )
    assert cycles == 1


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900.0), ("90s", 90.0), ("2h", 7200.0), ("1d", 86400.0)]
)
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


def test_parse_interval_refuses_nonsense_and_hammering() -> None:
    with pytest.raises(IntervalError, match="write 30s, 15m, 2h or 1d"):
        parse_interval("every hour")
    with pytest.raises(IntervalError, match="too often"):
        parse_interval("5s")
