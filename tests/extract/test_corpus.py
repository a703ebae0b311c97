"""Reading articles: front matter, decoding, cleaning, and clear errors for bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extract.corpus import iter_article_paths, iter_articles, read_article, read_text_article
from extract.errors import ArticleError, FrontMatterError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_reads_front_matter_and_body(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.md",
        "---\nid: deal-1\ntitle: A deal\ndate: 2024-09-20\npublisher: aikg corpus\n"
        "url: https://example.com/x\n---\nFirst line\nwrapped here.\n\nSecond paragraph.\n",
    )
    article = read_article(path)
    assert article.id == "deal-1"
    assert article.title == "A deal"
    assert article.date == dt.date(2024, 9, 20)
    assert article.url == "https://example.com/x"
    assert article.text == "First line wrapped here.\n\nSecond paragraph."
    assert len(article.content_hash) == 64


def test_id_defaults_to_file_name(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "plain-note.txt", "Nvidia ships chips."))
    assert article.id == "plain-note"
    assert article.title == "Nvidia ships chips."
    assert article.date is None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"   \n\t\n", "is empty"),
        (b"\x00\x01\x02binary", "is binary"),
        (b"---\nid: x\n---\n\n", "has no text"),
    ],
)
def test_unreadable_files_name_the_file_and_problem(tmp_path: Path, content: bytes, problem: str) -> None:
    path = write(tmp_path, "bad.md", content)
    with pytest.raises(ArticleError) as info:
        read_article(path)
    assert str(path) in str(info.value)
    assert problem in str(info.value)


def test_unknown_front_matter_field_lists_the_allowed_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", "---\nid: x\nauthor: me\n---\nText.\n")
    with pytest.raises(FrontMatterError, match=r"author.*allowed fields: id, title, date"):
        read_article(path)


def test_invalid_yaml_and_unclosed_front_matter(tmp_path: Path) -> None:
    with pytest.raises(FrontMatterError, match="not valid YAML"):
        read_article(write(tmp_path, "a.md", "---\nid: [x\n---\nText.\n"))
    with pytest.raises(FrontMatterError, match="never ends"):
        read_article(write(tmp_path, "b.md", "---\nid: x\nText.\n"))


def test_latin1_and_cp1252_are_decoded(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "l.txt", "Caf\xe9 \x93quoted\x94 deal.".encode("latin-1")))
    assert article.text == "Café “quoted” deal."


def test_html_is_reduced_to_text_without_scripts(tmp_path: Path) -> None:
    page = (
        "<html><head><script>alert(1)</script><style>p{}</style></head>"
        "<body><p>Intel builds.</p></body></html>"
    )
    article = read_article(write(tmp_path, "p.html", page))
    assert article.text == "Intel builds."


def test_control_and_zero_width_characters_are_removed() -> None:
    article = read_text_article("Open\u200bAI\x07 raises money.", "z")
    assert article.text == "OpenAI raises money."


def test_folder_listing_skips_readme_and_hidden(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "about")
    write(tmp_path, "b.md", "B.")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "c.md", "C.")
    write(tmp_path, "a.txt", "A.")
    assert [p.name for p in iter_article_paths([tmp_path])] == ["a.txt", "b.md"]


def test_missing_path_is_an_error() -> None:
    with pytest.raises(ArticleError, match="no such file or folder"):
        iter_article_paths(["/nonexistent/articles"])


def test_one_bad_article_does_not_stop_the_others(tmp_path: Path) -> None:
    paths = [
        write(tmp_path, "a.md", "Good text."),
        write(tmp_path, "b.md", b""),
        write(tmp_path, "c.md", "More."),
    ]
    results = list(iter_articles(paths))
    assert [type(r).__name__ for r in results] == ["Article", "ArticleError", "Article"]


def test_every_corpus_article_has_valid_front_matter() -> None:
    paths = iter_article_paths([CORPUS])
    assert len(paths) >= 60
    ids = set()
    for path in paths:
        article = read_article(path)
        assert article.id == path.stem
        assert article.date is not None and dt.date(2023, 1, 1) <= article.date <= dt.date(2026, 12, 31)
        assert article.publisher
        words = len(article.text.split())
        assert 200 <= words <= 700, f"{path.name}: {words} words"
        ids.add(article.id)
    assert len(ids) == len(paths)
