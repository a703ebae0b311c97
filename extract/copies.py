"""Copies of one article: the same text under another URL or id, folded into one article.

A wire story reaches a corpus in two ways. ``aikg add`` stores its text once and records each
further URL in the corpus folder's source index (:data:`INDEX_NAME`, written by
:mod:`extract.web.store_corpus`); two corpus files may also hold the same text under two ids.
Both end the same way here: one :class:`~extract.records.Article` (the first file, in path
order) whose :attr:`~extract.records.Article.copies` lists the others, and whose content hash
covers those copies, so a newly recorded copy makes the next build write that article again.

Example:
    >>> from extract.records import Article
    >>> a = Article("a", "Deal", "Nvidia  invests.", content_hash="h", path="a.md")
    >>> b = Article("b", "Wire", "nvidia invests", publisher="Wire", content_hash="h2", path="b.md")
    >>> folded = fold_copies([a, b])
    >>> [x.id for x in folded.articles], folded.articles[0].copies[0].publisher, folded.twins
    (['a'], 'Wire', (('b.md', 'a.md'),))
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from extract.records import Article, Copy

__all__ = [
    "INDEX_NAME",
    "FoldedCorpus",
    "copy_of",
    "fold_copies",
    "index_copies",
    "normalise_text",
    "read_index_copies",
    "text_hash",
    "with_copies",
]

#: The source index inside a corpus folder (hidden: never read as an article).
INDEX_NAME = ".aikg-sources.json"
_NON_WORD = re.compile(r"[\W_]+")
_COPY_FIELDS = ("url", "publisher", "date", "title", "source")


def normalise_text(text: str) -> str:
    """Text reduced to lowercase words and digits, so wire copies with other spacing compare equal.

    Example:
        >>> normalise_text("Nvidia’s  $5 billion\\n\\nstake — “done”.")
        'nvidia s 5 billion stake done'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def text_hash(text: str) -> str:
    """The sha1 hex digest of :func:`normalise_text`: equal for the same story, whatever its spacing."""
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()


def copy_of(article: Article) -> Copy:
    """The article, as a copy of another article with the same text.

    Example:
        >>> copy_of(Article("b", "T", "x", url="https://w.example/b")).url
        'https://w.example/b'
    """
    return Copy(**{f.name: getattr(article, f.name) for f in fields(Copy)})


def with_copies(article: Article, copies: Iterable[Copy]) -> Article:
    """`article` with `copies` attached (sorted, without repeats or its own URL) and its hash covering them.

    An article without copies keeps its file hash, so corpora without copies build as before.

    Example:
        >>> a = Article("a", "T", "x", url="https://a.example/", content_hash="h")
        >>> with_copies(a, [Copy(url="https://a.example/")]) == a
        True
        >>> with_copies(a, [Copy(url="https://b.example/")]).content_hash != "h"
        True
    """
    unique = {json.dumps(c.to_json(), sort_keys=True): c for c in (*article.copies, *copies)}
    kept = tuple(
        c
        for key, c in sorted(unique.items())
        if c.to_json() and not (c.url and c.url == article.url and c.id is None)
    )
    if not kept:
        return replace(article, copies=())
    listing = json.dumps(
        [c.to_json() for c in kept], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    digest = hashlib.sha256(f"{article.content_hash}\n{listing}".encode()).hexdigest()
    return replace(article, copies=kept, content_hash=digest)


def read_index_copies(folder: str | Path) -> dict[str, tuple[Copy, ...]]:
    """The syndicated copies recorded in a corpus folder's source index, by article id.

    A missing or damaged index gives no copies (the index is rebuilt by the next ``aikg add``);
    entries that are not records are passed over.

    Example:
        >>> read_index_copies("no-such-corpus")
        {}
    """
    try:
        data = json.loads((Path(folder) / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    syndicated = data.get("syndicated") if isinstance(data, dict) else None
    if not isinstance(syndicated, dict):
        return {}
    found: dict[str, tuple[Copy, ...]] = {}
    for article_id, records in syndicated.items():
        if isinstance(article_id, str) and isinstance(records, list):
            copies = tuple(c for c in map(_copy_from_record, records) if c is not None)
            if copies:
                found[article_id] = copies
    return found


def index_copies(paths: Iterable[str | Path]) -> dict[str, tuple[Copy, ...]]:
    """The recorded copies of every corpus folder among `paths` (and of the folder of each file).

    Example:
        >>> index_copies(["no-such-corpus"])
        {}
    """
    folders = dict.fromkeys(Path(p) if Path(p).is_dir() else Path(p).parent for p in paths)
    found: dict[str, tuple[Copy, ...]] = {}
    for folder in folders:
        for article_id, copies in read_index_copies(folder).items():
            found[article_id] = found.get(article_id, ()) + copies
    return found


def _copy_from_record(record: Any) -> Copy | None:
    if not isinstance(record, dict):
        return None
    values = {k: v.strip() for k in _COPY_FIELDS if isinstance(v := record.get(k), str) and v.strip()}
    url = values.get("url")
    if url is not None and (
        not url.lower().startswith(("http://", "https://")) or any(c.isspace() for c in url)
    ):
        values.pop("url")
    date: dt.date | None = None
    try:
        date = dt.date.fromisoformat(values.pop("date", "")[:10]) if "date" in values else None
    except ValueError:
        date = None
    if not values and date is None:
        return None
    return Copy(date=date, **values)


@dataclass(frozen=True, slots=True)
class FoldedCorpus:
    """Articles with their copies attached, and the corpus files folded into another's copies.

    Attributes:
        articles: one article per distinct text, in the order read, each with its copies.
        twins: (path or id of the folded file, path or id of the article it is a copy of).
        twin_ids: the ids of the folded files (an earlier build may have stored them as articles).
    """

    articles: tuple[Article, ...]
    twins: tuple[tuple[str, str], ...] = ()
    twin_ids: tuple[str, ...] = ()


def fold_copies(
    articles: Sequence[Article], index: Mapping[str, Sequence[Copy]] | None = None
) -> FoldedCorpus:
    """One article per distinct text (the first read), with every other copy of that text attached.

    Args:
        articles: the articles read from a corpus, in path order.
        index: recorded copies by article id (:func:`read_index_copies`); a folded file's
            recorded copies move to the article it is folded into.

    Returns:
        The articles to build, and which files were folded into which.
    """
    index = index or {}
    firsts: dict[str, Article] = {}
    extra: dict[str, list[Copy]] = {}
    twins: list[tuple[str, str]] = []
    twin_ids: list[str] = []
    for article in articles:
        key = text_hash(article.text)
        first = firsts.get(key)
        if first is None:
            firsts[key] = article
            extra[key] = list(index.get(article.id, ()))
            continue
        extra[key] += [copy_of(article), *index.get(article.id, ())]
        twins.append((article.path or article.id, first.path or first.id))
        twin_ids.append(article.id)
    folded = tuple(with_copies(a, extra[k]) for k, a in firsts.items())
    return FoldedCorpus(folded, tuple(twins), tuple(twin_ids))
