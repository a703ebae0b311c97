"""Reading articles: files, folders and standard input, with YAML front matter, into `Article`s."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from extract.errors import ArticleError, FrontMatterError
from extract.records import Article

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "iter_article_paths",
    "iter_articles",
    "parse_article",
    "read_article",
    "read_text_article",
]

#: File suffixes read as articles when a folder is given.
ARTICLE_SUFFIXES: tuple[str, ...] = (".md", ".markdown", ".txt", ".html", ".htm")
#: Articles larger than this are refused rather than read into memory.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SCRIPT_STYLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"</?(p|div|br|li|h[1-6]|tr|article|section)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


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
            raise ArticleError(str(path), "no such file or folder")
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
        ArticleError: the file is empty, binary, too large, or its front matter is invalid.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ArticleError(str(p), f"cannot be read: {exc.strerror}") from exc
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            str(p),
            f"is {size / 1e6:.1f} MB, over the {MAX_ARTICLE_BYTES // (1024 * 1024)} MB limit",
            "split it into separate articles",
        )
    raw = p.read_bytes()
    return parse_article(raw, default_id=p.stem, path=str(p), is_html=p.suffix.lower() in (".html", ".htm"))


def read_text_article(text: str, doc_id: str | None = None) -> Article:
    """An article from text given directly (standard input, a pasted text)."""
    return parse_article(text.encode("utf-8"), default_id=doc_id or "stdin", path="<stdin>")


def parse_article(raw: bytes, *, default_id: str, path: str, is_html: bool = False) -> Article:
    """Decode, split front matter from body, clean the body, and build an `Article`."""
    text = _decode(raw, path)
    meta, body = _split_front_matter(text, path)
    if is_html or _looks_like_html(body):
        body = _html_to_text(body)
    body = _clean(body)
    if not body.strip():
        raise ArticleError(path, "has no text", "an article needs a body after its front matter")
    doc_id = _safe_id(meta.id or default_id)
    title = meta.title or _first_line(body)
    content_hash = hashlib.sha256(raw).hexdigest()
    return Article(
        id=doc_id,
        title=title,
        text=body,
        date=meta.date,
        publisher=meta.publisher,
        source=meta.source,
        url=meta.url,
        path=path,
        content_hash=content_hash,
    )


def _decode(raw: bytes, path: str) -> str:
    if not raw.strip():
        raise ArticleError(path, "is empty", "write the article text into it or remove the file")
    if b"\x00" in raw[:8192]:
        raise ArticleError(path, "is binary, not text", "articles are UTF-8 Markdown, text or HTML")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Latin-1 and Windows-1252 text is common in saved pages: decode rather than reject.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def _split_front_matter(text: str, path: str) -> tuple[FrontMatter, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.lstrip("\ufeff").startswith("---"):
            raise FrontMatterError(
                path, "front matter starts with '---' but never ends", "close it with a '---' line"
            )
        return FrontMatter(), text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise FrontMatterError(path, f"front matter is not valid YAML{where}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(path, "front matter must be a mapping of fields (id: ..., title: ...)")
    try:
        meta = FrontMatter.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc']) or 'front matter'}: {err['msg']}" for err in exc.errors()
        )
        raise FrontMatterError(
            path,
            f"invalid front matter ({problems})",
            "allowed fields: " + ", ".join(FrontMatter.model_fields),
        ) from exc
    return meta, text[match.end() :]


def _looks_like_html(body: str) -> bool:
    head = body.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<body", "<article"))


def _html_to_text(body: str) -> str:
    body = _SCRIPT_STYLE.sub(" ", body)
    body = _BLOCK_TAG.sub("\n\n", body)
    body = _TAG.sub("", body)
    return html.unescape(body)


def _clean(body: str) -> str:
    body = unicodedata.normalize("NFC", body)
    body = _CONTROL.sub("", body.replace("\r\n", "\n").replace("\r", "\n"))
    # Hard-wrapped lines inside a paragraph are joined, so sentences are not cut at line ends.
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", body)]
    return "\n\n".join(p for p in paragraphs if p)


def _first_line(body: str) -> str:
    line = body.strip().split("\n", 1)[0]
    return line[:120]


def _safe_id(value: str) -> str:
    cleaned = _ID_UNSAFE.sub("-", value.strip()).strip("-.")
    return cleaned or "article"


def iter_articles(paths: Iterable[Path]) -> Iterator[Article | ArticleError]:
    """Each path read as an article, or the `ArticleError` that stopped it (never raises)."""
    for path in paths:
        try:
            yield read_article(path)
        except ArticleError as exc:
            yield exc
