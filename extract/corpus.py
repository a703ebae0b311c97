"""Reading articles: files, folders and standard input, with YAML front matter, into `Article`s."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from extract.errors import ArticleError, FrontMatterError
from extract.records import Article
from extract.text import (
    MAX_SENTENCE_WORDS,
    clean_line,
    clean_text,
    decode_bytes,
    drop_raw_text,
    html_to_text,
    looks_like_html,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "DUPLICATE_ID_HINT",
    "MAX_ARTICLE_BYTES",
    "MAX_ARTICLE_CHARS",
    "MAX_SENTENCE_WORDS",
    "iter_article_paths",
    "iter_articles",
    "parse_article",
    "read_article",
    "read_text_article",
]

#: File suffixes read as articles when a folder is given.
ARTICLE_SUFFIXES: tuple[str, ...] = (".md", ".markdown", ".txt", ".html", ".htm")
#: Article files larger than this are refused without being read.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
#: Articles with more text than this (after cleaning, about 25,000 words) are refused: spaCy's
#: time and memory grow with the length of a text.
MAX_ARTICLE_CHARS = 150_000
#: What to do when two files name the same article (the second is skipped).
DUPLICATE_ID_HINT = "give one of them another 'id:' in its front matter, or remove the copy"
_MAX_ID_CHARS = 100
_MAX_TITLE_CHARS = 300
_MAX_PROBLEMS = 3
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:(.*?)\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class FrontMatter(BaseModel):
    """The fields an article's front matter may hold (untrusted text: strict)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str | None = None
    title: str | None = None
    date: dt.date | None = None
    publisher: str | None = None
    source: str | None = None
    url: str | None = None
    style: str | None = None
    tags: list[str] = Field(default_factory=list)
    lang: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _parse_date(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}T", value):
            return value[:10]
        return value

    @field_validator("id", "title", "publisher", "source", "url", "style", "lang", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int | float | dt.date):
            return str(value)
        return value

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        """Only http(s) addresses without spaces are kept: anything else (``javascript:``,
        ``file:``) would become a link somewhere downstream, so it is dropped."""
        if not value or not value.lower().startswith(("http://", "https://")) or _has_space(value):
            return None
        return value


def _has_space(text: str) -> bool:
    return any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


def iter_article_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The article files named by `paths`: files as given, folders searched recursively.

    Args:
        paths: files or folders.

    Returns:
        Sorted, de-duplicated paths of article files (README.md files in folders are skipped).

    Raises:
        ArticleError: a path does not exist.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in ARTICLE_SUFFIXES
                    and child.name.lower() != "readme.md"
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                ):
                    found.append(child)
        elif path.is_file():
            found.append(path)
        else:
            raise ArticleError(str(path), "no such file or folder", "check the path")
    seen: set[Path] = set()
    unique: list[Path] = []
    for p in found:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique


def read_article(path: str | Path) -> Article:
    """Read one article file.

    Args:
        path: a Markdown, text or HTML file, with optional YAML front matter.

    Raises:
        ArticleError: the file cannot be read, is empty, binary or too large, or its front
            matter is invalid. Nothing else: any bytes give an article or this error.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size <= MAX_ARTICLE_BYTES:
            with p.open("rb") as handle:  # never more than the limit, even if the file grows
                raw = handle.read(MAX_ARTICLE_BYTES + 1)
            size = len(raw)
    except OSError as exc:
        raise ArticleError(
            str(p), f"cannot be read: {exc.strerror or exc}", "check that it is a readable file"
        ) from None
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            str(p),
            f"is {size / 1e6:.1f} MB, over the {MAX_ARTICLE_BYTES // (1024 * 1024)} MB limit",
            "split it into separate articles",
        )
    return parse_article(raw, default_id=p.stem, path=str(p), is_html=p.suffix.lower() in (".html", ".htm"))


def read_text_article(text: str, doc_id: str | None = None) -> Article:
    """An article from text given directly (standard input, a pasted text).

    Lone surrogates (text decoded with ``surrogateescape``) become ``?``.
    """
    raw = text.encode("utf-8", errors="replace")
    return parse_article(raw, default_id=doc_id or "stdin", path="<stdin>")


def parse_article(raw: bytes, *, default_id: str, path: str, is_html: bool = False) -> Article:
    """Decode, split front matter from body, clean the body, and build an `Article`.

    Raises:
        ArticleError: the bytes are empty, binary, or have no text or too much; its subclass
            FrontMatterError when the front matter is invalid.

    Example:
        >>> raw = "---\\nid: x 1\\n---\\nMicro\\u200bsoft  builds.".encode()
        >>> a = parse_article(raw, default_id="f", path="f.md")
        >>> (a.id, a.title, a.text)
        ('x-1', 'Microsoft builds.', 'Microsoft builds.')
    """
    text = decode_bytes(raw, path)
    meta, body = _split_front_matter(text, path)
    if is_html or looks_like_html(body):
        body = html_to_text(drop_raw_text(body))
    body = clean_text(body)
    if not body.strip():
        raise ArticleError(path, "has no text", "an article needs a body after its front matter")
    if len(body) > MAX_ARTICLE_CHARS:
        raise ArticleError(
            path,
            f"has {len(body):,} characters of text, over the {MAX_ARTICLE_CHARS:,}-character limit",
            "split it into separate articles",
        )
    doc_id = _safe_id(meta.id or default_id)
    title = clean_line(meta.title or "")[:_MAX_TITLE_CHARS] or _first_line(body)
    return Article(
        id=doc_id,
        title=title,
        text=body,
        date=meta.date,
        publisher=clean_line(meta.publisher or "") or None,
        source=clean_line(meta.source or "") or None,
        url=meta.url,
        path=path,
        content_hash=hashlib.sha256(raw).hexdigest(),
    )


def _split_front_matter(text: str, path: str) -> tuple[FrontMatter, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.lstrip("\ufeff").startswith("---"):
            raise FrontMatterError(
                path, "front matter starts with '---' but never ends", "close it with a '---' line"
            )
        return FrontMatter(), text
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise FrontMatterError(
            path,
            f"front matter is not valid YAML{where}",
            "fix that line: one 'field: value' per line, quote values holding ':' or '#'",
        ) from None
    except RecursionError:
        raise FrontMatterError(
            path, "front matter is nested too deeply", "use plain 'field: value' lines"
        ) from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a date such as 2024-13-45
        raise FrontMatterError(
            path, f"front matter holds a value YAML cannot read ({exc})", "write dates as YYYY-MM-DD"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            path,
            "front matter must be a mapping of fields",
            "write one 'field: value' per line, such as 'id: my-article' and 'title: ...'",
        )
    try:
        meta = FrontMatter.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc'])[:60] or 'front matter'}: {err['msg']}"
            for err in errors[:_MAX_PROBLEMS]
        )
        if len(errors) > _MAX_PROBLEMS:
            problems += f"; and {len(errors) - _MAX_PROBLEMS} more"
        raise FrontMatterError(
            path,
            f"invalid front matter ({problems})",
            "fix or remove those fields; allowed fields: " + ", ".join(FrontMatter.model_fields),
        ) from None
    return meta, text[match.end() :]


def _first_line(body: str) -> str:
    line = body.strip().split("\n", 1)[0]
    return line[:120]


def _safe_id(value: str) -> str:
    """A file-name-safe article id; a hash of the value where too little of it is safe.

    Example:
        >>> _safe_id("Deal 2025 (draft)"), _safe_id("北京")
        ('Deal-2025-draft', 'article-685e151824a0')
    """
    cleaned = _ID_UNSAFE.sub("-", value.strip()).strip("-.")
    digest = hashlib.sha1(value.encode("utf-8", errors="replace")).hexdigest()[:12]
    if not cleaned:
        return f"article-{digest}"
    if len(cleaned) > _MAX_ID_CHARS:
        return f"{cleaned[: _MAX_ID_CHARS - 13].rstrip('-.')}-{digest}"
    return cleaned


def iter_articles(paths: Iterable[Path]) -> Iterator[Article | ArticleError]:
    """Each path read as an article, or the `ArticleError` that stopped it (never raises)."""
    for path in paths:
        try:
            yield read_article(path)
        except ArticleError as exc:
            yield exc
