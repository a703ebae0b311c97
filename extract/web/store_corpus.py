"""Writing drafts into the corpus folder as Markdown, once each: dedup by URL and by text.

The corpus stays the single source of truth: every article is a ``<id>.md`` file that
:func:`extract.corpus.read_article` reads back. Beside them, ``.aikg-sources.json`` keeps what
the files cannot say (their front matter forbids unknown fields): the other URLs a stored copy
was reached by, the syndicated copies of each article, and a cache of each file's URL and text
hash so the folder is not re-read in full on every add.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from extract.copies import INDEX_NAME
from extract.corpus import iter_article_paths, read_article
from extract.errors import ArticleError
from extract.web.drafts import Draft, article_slug, normalise_url, text_hash

__all__ = ["INDEX_NAME", "CorpusStore", "SaveResult", "SaveStatus", "sources_for"]

SaveStatus = Literal["added", "updated", "unchanged", "duplicate"]
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What saving one draft did: its status, the article id it landed on, and the file.

    ``new_copy`` is set when a duplicate was recorded as a further copy of the article for the
    first time (the graph needs a build to show it as one more source).
    """

    status: SaveStatus
    article_id: str
    path: Path
    new_copy: bool = False


class CorpusStore:
    """A corpus folder plus its source index; save drafts into it with :meth:`save`.

    Args:
        folder: the corpus folder (created on the first save).
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        data = self._load()
        self._files: dict[str, dict[str, Any]] = data.get("files", {})
        self._aliases: dict[str, str] = data.get("aliases", {})
        self._syndicated: dict[str, list[dict[str, str]]] = data.get("syndicated", {})
        self._sync()

    @property
    def index_path(self) -> Path:
        """The path of the index file."""
        return self.folder / INDEX_NAME

    def ids(self) -> set[str]:
        """The id of every readable article in the folder."""
        return {f["id"] for f in self._files.values()}

    def find_url(self, url: str) -> str | None:
        """The id of the article stored under `url` (its canonical URL or one it was reached by)."""
        return self._urls().get(normalise_url(url))

    def find_text(self, text: str) -> str | None:
        """The id of the article whose normalised text equals that of `text`."""
        wanted = text_hash(text)
        return next((f["id"] for f in self._files.values() if f["hash"] == wanted), None)

    def sources_for(self, article_id: str) -> list[str]:
        """Every URL (else source) the article was read from: its own first, then syndicated copies."""
        own = [f.get("url") for f in self._files.values() if f["id"] == article_id]
        extra = [s.get("url") or s.get("source") for s in self._syndicated.get(article_id, [])]
        return [s for s in dict.fromkeys([*own, *extra]) if s]

    def save(self, draft: Draft) -> SaveResult:
        """Store `draft` once: new, a new version of a stored article, unchanged, or a duplicate.

        The same URL with new text replaces the stored article under the same id, so its old
        facts are replaced when the graph is rebuilt, and forgets the copies recorded for the old
        text. The same text under another URL (a wire copy) is not written again; its URL is
        recorded as one more source of that article.
        """
        result = self.preview(draft)
        if result.status == "added":
            self._write(result.path, draft.to_markdown(result.article_id))
        elif result.status == "updated":
            self._write(result.path, self._merged(result.path, draft).to_markdown(result.article_id))
            self._syndicated.pop(result.article_id, None)  # copies of the old text, not of this one
        elif result.status == "duplicate" and self._add_syndicated(result.article_id, draft):
            result = replace(result, new_copy=True)
        if result.status != "duplicate":
            urls = self._urls()
            for key in (normalise_url(u) for u in (draft.url, *draft.aliases) if u):
                if key not in urls:
                    self._aliases[key] = result.article_id
        self._save_index()
        return result

    def preview(self, draft: Draft) -> SaveResult:
        """What :meth:`save` would do with `draft`, and under which id, without writing anything.

        Example:
            >>> CorpusStore("no-such-corpus").preview(Draft("A deal", "Body text.")).article_id
            'a-deal'
        """
        urls = self._urls()
        keys = [normalise_url(u) for u in (draft.url, *draft.aliases) if u]
        existing = next((urls[k] for k in keys if k in urls), None)
        if existing is None and draft.id and _safe_id(draft.id) in self.ids():
            existing = _safe_id(draft.id)
        if existing is not None:
            path = self._path_of(existing)
            entry = self._files.get(path.relative_to(self.folder).as_posix())
            same = entry is not None and entry["hash"] == draft.text_hash
            return SaveResult("unchanged" if same else "updated", existing, path)
        twin = self.find_text(draft.text)
        if twin is not None:
            return SaveResult("duplicate", twin, self._path_of(twin))
        article_id = self._new_id(draft)
        return SaveResult("added", article_id, self.folder / f"{article_id}.md")

    def _merged(self, path: Path, draft: Draft) -> Draft:
        """`draft` with the gaps in its metadata filled from the stored version at `path`."""
        try:
            old = read_article(path)
        except ArticleError:
            return draft
        return replace(
            draft,
            date=draft.date or old.date,
            publisher=draft.publisher or old.publisher,
            url=draft.url or old.url,
            source=draft.source or old.source,
        )

    def _add_syndicated(self, article_id: str, draft: Draft) -> bool:
        """Record `draft` as a further copy of the article; False when it is known already."""
        fields = (
            ("url", draft.url),
            ("publisher", draft.publisher),
            ("date", draft.date.isoformat() if draft.date else None),
            ("title", draft.title),
            ("source", draft.source),
        )
        record = {k: v for k, v in fields if v}
        copies = self._syndicated.setdefault(article_id, [])
        if draft.url is not None and draft.url in self.sources_for(article_id):
            return False  # a copy already recorded under this URL (or the article's own)
        if not record or record in copies:
            return False
        copies.append(record)
        return True

    def _new_id(self, draft: Draft) -> str:
        base = _safe_id(draft.id) if draft.id else article_slug(draft.title, draft.date)
        taken = self.ids() | {p.stem for p in self.folder.glob("*.md")}
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def _path_of(self, article_id: str) -> Path:
        for name, entry in self._files.items():
            if entry["id"] == article_id:
                return self.folder / name
        return self.folder / f"{article_id}.md"

    def _urls(self) -> dict[str, str]:
        urls = {normalise_url(f["url"]): f["id"] for f in self._files.values() if f.get("url")}
        return {**self._aliases, **urls}

    def _write(self, path: Path, text: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        self._index_file(path)

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # no index yet, or a damaged one: it is rebuilt from the files
        return data if isinstance(data, dict) and data.get("version") == 1 else {}

    def _sync(self) -> None:
        """Re-read the files that are new or changed since the index was written; forget removed ones."""
        paths = iter_article_paths([self.folder]) if self.folder.is_dir() else []
        present = {p.relative_to(self.folder).as_posix() for p in paths}
        self._files = {k: v for k, v in self._files.items() if k in present}
        for path in paths:
            name = path.relative_to(self.folder).as_posix()
            stat = path.stat()
            cached = self._files.get(name)
            if not cached or (cached.get("mtime_ns"), cached.get("size")) != (stat.st_mtime_ns, stat.st_size):
                self._index_file(path)
        ids = self.ids()
        self._aliases = {k: v for k, v in self._aliases.items() if v in ids}
        self._syndicated = {k: v for k, v in self._syndicated.items() if k in ids}

    def _index_file(self, path: Path) -> None:
        name = path.relative_to(self.folder).as_posix()
        try:
            article = read_article(path)
        except ArticleError:
            self._files.pop(name, None)
            return
        stat = path.stat()
        self._files[name] = {
            "id": article.id,
            "url": article.url,
            "hash": text_hash(article.text),
            "mtime_ns": stat.st_mtime_ns,
            "size": stat.st_size,
        }

    def _save_index(self) -> None:
        data = {
            "version": 1,
            "urls": dict(sorted(self._urls().items())),
            "texts": {f["hash"]: f["id"] for f in self._files.values()},
            "syndicated": self._syndicated,
            "aliases": self._aliases,
            "files": self._files,
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.index_path.with_name(INDEX_NAME + ".tmp")
        tmp.write_text(
            json.dumps(data, indent=1, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        tmp.replace(self.index_path)


def sources_for(corpus_dir: str | Path, article_id: str) -> list[str]:
    """Every URL an article of `corpus_dir` was read from: its own, then its syndicated copies.

    Example:
        >>> sources_for("no-such-corpus", "any-id")
        []
    """
    return CorpusStore(corpus_dir).sources_for(article_id)


def _safe_id(value: str) -> str:
    cleaned = _ID_UNSAFE.sub("-", value.strip()).strip("-.")
    return cleaned or "article"
