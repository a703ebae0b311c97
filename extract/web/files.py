"""Local sources read into drafts: saved web pages, text, Markdown and JSON Lines of articles."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from extract.corpus import parse_article
from extract.errors import AikgError
from extract.web.drafts import Draft, parse_date
from extract.web.errors import NoArticleTextError, SourceError
from extract.web.pages import page_to_draft

__all__ = ["FILE_SUFFIXES", "JsonlArticle", "drafts_from_bytes", "drafts_from_file", "text_to_draft"]

#: The file types ``aikg add`` reads.
FILE_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".txt", ".md", ".markdown", ".jsonl")
_MAX_FILE_BYTES = 50 * 1024 * 1024
_MAX_TITLE = 150


class JsonlArticle(BaseModel):
    """One line of a ``.jsonl`` source: the article text and optional front-matter fields."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=1)
    id: str | None = None
    title: str | None = None
    date: dt.date | None = None
    publisher: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None
    tags: list[str] = Field(default_factory=list)

    @field_validator("date", mode="before")
    @classmethod
    def _parse_date(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_date(value) or value.strip() or None  # pydantic reports text that is no date
        return value


def drafts_from_file(path: str | Path) -> list[Draft | AikgError]:
    """Read a local file into drafts (a ``.jsonl`` file gives one per line).

    Returns:
        A draft per article, or the error that stopped it (one bad JSONL line loses only itself).

    Raises:
        SourceError: the file is missing, too large, or of a type that is not read.
    """
    p = Path(path)
    if p.suffix.lower() not in FILE_SUFFIXES:
        raise SourceError(
            str(p),
            f"is not a file type aikg reads ({p.suffix or 'no suffix'})",
            "give " + ", ".join(FILE_SUFFIXES) + " files or http(s) URLs",
        )
    try:
        size = p.stat().st_size
        if size > _MAX_FILE_BYTES:
            raise SourceError(str(p), f"is {size / 1e6:.0f} MB, over the {_MAX_FILE_BYTES // 10**6} MB limit")
        raw = p.read_bytes()
    except OSError as exc:
        raise SourceError(str(p), f"cannot be read: {exc.strerror or exc}") from exc
    return drafts_from_bytes(p.name, raw, where=str(p))


def drafts_from_bytes(name: str, raw: bytes, *, where: str | None = None) -> list[Draft | AikgError]:
    """Read an uploaded or saved file's bytes into drafts; its type comes from the suffix of `name`."""
    where = where or name
    suffix = Path(name).suffix.lower()
    try:
        if suffix in (".html", ".htm"):
            return [page_to_draft(raw, source=name)]
        if suffix == ".jsonl":
            return _jsonl(raw, name, where)
        if suffix in (".md", ".markdown"):
            return [_markdown(raw, name, where)]
        return [text_to_draft(_decode(raw), source=name, where=where)]
    except AikgError as exc:
        return [exc]


def text_to_draft(text: str, *, source: str | None = None, where: str = "<text>") -> Draft:
    """A draft from plain text: a short first line is the title, the rest the body.

    Example:
        >>> d = text_to_draft("Nvidia backs a lab\\n\\nNvidia invested $1 billion.\\nIt said so.")
        >>> d.title, d.text
        ('Nvidia backs a lab', 'Nvidia invested $1 billion. It said so.')
    """
    paragraphs = _paragraphs(text)
    if not paragraphs:
        raise NoArticleTextError(where, "has no text")
    first = paragraphs[0]
    if len(paragraphs) > 1 and len(first) <= _MAX_TITLE and not first.endswith((".", "?", "!", '"')):
        return Draft(title=first.lstrip("# ").strip(), text="\n\n".join(paragraphs[1:]), source=source)
    return Draft(title=first[:120], text="\n\n".join(paragraphs), source=source)


def _markdown(raw: bytes, name: str, where: str) -> Draft:
    article = parse_article(raw, default_id=Path(name).stem, path=where)
    text, title = article.text, article.title
    first, _, rest = text.partition("\n\n")
    if title == first[:120] and first.startswith("#") and rest:
        title, text = first.lstrip("# ").strip(), rest  # a "# Heading" first line is the title
    return Draft(
        title=title,
        text=text,
        date=article.date,
        publisher=article.publisher,
        url=article.url,
        source=article.source or name,
        id=article.id,
    )


def _jsonl(raw: bytes, name: str, where: str) -> list[Draft | AikgError]:
    out: list[Draft | AikgError] = []
    for lineno, line in enumerate(_decode(raw).splitlines(), start=1):
        if not line.strip():
            continue
        at = f"{where}:{lineno}"
        try:
            rec = JsonlArticle.model_validate(json.loads(line))
        except ValueError as exc:  # json.JSONDecodeError and ValidationError are both ValueErrors
            out.append(
                SourceError(at, _jsonl_problem(exc), "fields: " + ", ".join(JsonlArticle.model_fields))
            )
            continue
        paragraphs = _paragraphs(rec.text)
        if not paragraphs:
            out.append(NoArticleTextError(at, "has no text"))
            continue
        out.append(
            Draft(
                title=rec.title or paragraphs[0][:120],
                text="\n\n".join(paragraphs),
                date=rec.date,
                publisher=rec.publisher,
                url=rec.url,
                source=rec.source or name,
                id=rec.id,
                lang=rec.lang,
                tags=tuple(rec.tags),
            )
        )
    return out


def _jsonl_problem(exc: ValueError) -> str:
    if isinstance(exc, ValidationError):
        return (
            "invalid article ("
            + "; ".join(f"{'.'.join(str(x) for x in e['loc']) or 'line'}: {e['msg']}" for e in exc.errors())
            + ")"
        )
    return f"is not a JSON object ({exc})"


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line separated (wrapped lines joined), else one per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [p for p in (" ".join(b.split()) for b in blocks) if p]


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
