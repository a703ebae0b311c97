"""The body of a stored article, read again from the file its node names (``aikg:sourcePath``).

The graph keeps an article's metadata, facts and evidence spans, not its text: the text is read
from the file it was built from, when that file is still here, so the evidence offsets can be
shown in context. Only article files (``.md``, ``.txt``, ``.html``, ...) are read.

Example:
    >>> from graph.rows import ArticleView
    >>> view = ArticleView("https://aikg.dev/id/article/x", "x", "X", None, None, None, None, None, None)
    >>> read_article_text(view).text is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.corpus import ARTICLE_SUFFIXES, read_article
from extract.errors import AikgError
from graph.queries import article
from graph.rows import ArticleView
from graph.store import GraphStore

__all__ = ["ArticleText", "article_text", "read_article_text"]

_NOT_HERE = "The article's text is not stored in the graph and its file is not here."
_CHANGED = "The file changed since it was built; the sentence is found by its text."


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article's body (None when it cannot be read) and a note for the reader.

    The note says why the text is missing, or that the file changed since the build (the
    evidence offsets may then be off, so the sentence is better found by its text); it is
    empty when the text is the one the graph was built from.
    """

    text: str | None
    note: str = ""


def read_article_text(view: ArticleView) -> ArticleText:
    """The body of the article file named by ``view.path``, compared with the hash built from."""
    path = Path(view.path) if view.path else None
    if path is None or path.suffix.lower() not in ARTICLE_SUFFIXES or not path.is_file():
        return ArticleText(None, _NOT_HERE)
    try:
        read = read_article(path)
    except AikgError as exc:
        return ArticleText(None, str(exc))
    changed = bool(view.hash) and read.content_hash != view.hash
    return ArticleText(read.text, _CHANGED if changed else "")


def article_text(store: GraphStore, article_iri: str) -> str | None:
    """The body of one stored article, or None when the store or the file does not have it.

    Args:
        store: the store holding the article.
        article_iri: the article's IRI (``https://aikg.dev/id/article/<id>``).
    """
    view = article(store, article_iri)
    return None if view is None else read_article_text(view).text
