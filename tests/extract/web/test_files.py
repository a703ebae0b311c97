"""Local sources: saved pages, text, Markdown with or without front matter, and JSON Lines."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from extract.errors import AikgError
from extract.web.drafts import Draft
from extract.web.errors import SourceError
from extract.web.files import drafts_from_bytes, drafts_from_file

DATA = Path(__file__).resolve().parents[2] / "data" / "web"
BODY = "Google will invest $1 billion in Finland to expand its Hamina data center, it said on Tuesday."


def only(items: list[Draft | AikgError]) -> Draft:
    assert len(items) == 1 and isinstance(items[0], Draft), items
    return items[0]


def test_saved_html_page(tmp_path: Path) -> None:
    path = tmp_path / "saved page.htm"
    shutil.copy(DATA / "coreweave-openai.html", path)
    draft = only(drafts_from_file(path))
    assert draft.title == "CoreWeave signs $11.9 billion compute contract with OpenAI"
    assert draft.url == "https://cloudwire.example/2025/03/10/coreweave-openai-contract"
    assert draft.source == "saved page.htm"


def test_text_file_with_a_headline_and_wrapped_lines(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "Google expands in Finland\n\nGoogle will invest $1 billion in Finland\n"
        "to expand its Hamina data center.\n"
    )
    draft = only(drafts_from_file(path))
    assert draft.title == "Google expands in Finland"
    assert draft.text == "Google will invest $1 billion in Finland to expand its Hamina data center."


def test_text_without_a_headline_keeps_every_line(tmp_path: Path) -> None:
    draft = only(drafts_from_bytes("x.txt", BODY.encode("cp1252")))
    assert draft.text == BODY
    assert draft.title == BODY[:120]


def test_markdown_with_front_matter_keeps_its_fields() -> None:
    raw = f"---\nid: google-finland\ntitle: Google in Finland\ndate: 2024-05-28\nurl: https://g.example/fi\n---\n{BODY}\n"
    draft = only(drafts_from_bytes("g.md", raw.encode()))
    assert (draft.id, draft.title, draft.date, draft.url) == (
        "google-finland",
        "Google in Finland",
        dt.date(2024, 5, 28),
        "https://g.example/fi",
    )
    assert draft.source == "g.md"


def test_markdown_without_front_matter_takes_its_heading_as_title() -> None:
    draft = only(drafts_from_bytes("finland-note.md", f"# Google in Finland\n\n{BODY}\n".encode()))
    assert (draft.id, draft.title, draft.text) == ("finland-note", "Google in Finland", BODY)


def test_bad_front_matter_is_an_error_item() -> None:
    items = drafts_from_bytes("bad.md", f"---\nid: x\ncolour: red\n---\n{BODY}\n".encode())
    assert len(items) == 1 and isinstance(items[0], AikgError)
    assert "colour: Extra inputs are not permitted" in str(items[0])


def test_jsonl_lines_are_articles_and_a_bad_line_loses_only_itself(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"text": BODY, "title": "Google in Finland", "date": "2024-05-28T09:00:00Z", "tags": ["eu"]}
        ),
        "",
        "{not json",
        json.dumps({"text": BODY, "colour": "red"}),
        json.dumps({"text": "Second article.\nWith a second paragraph.", "url": "https://x.example/2"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = drafts_from_file(path)
    assert len(items) == 4
    first, bad_json, bad_field, second = items
    assert isinstance(first, Draft) and isinstance(second, Draft)
    assert (first.title, first.date, first.tags, first.source) == (
        "Google in Finland",
        dt.date(2024, 5, 28),
        ("eu",),
        "batch.jsonl",
    )
    assert second.text == "Second article.\n\nWith a second paragraph."
    assert isinstance(bad_json, SourceError) and bad_json.source == f"{path}:3"
    assert "is not a JSON object" in str(bad_json)
    assert isinstance(bad_field, SourceError) and bad_field.source == f"{path}:4"
    assert "colour: Extra inputs are not permitted" in str(bad_field)
    assert "fields: text, id, title, date" in str(bad_field)


def test_unknown_file_types_and_missing_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7")
    with pytest.raises(
        SourceError, match=r"a.pdf: is not a file type aikg reads \(.pdf\) \(give .html, .htm"
    ):
        drafts_from_file(tmp_path / "a.pdf")
    with pytest.raises(SourceError, match="cannot be read"):
        drafts_from_file(tmp_path / "gone.txt")
