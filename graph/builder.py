"""Corpus to store: read, extract and write every changed article, then merge the actors.

The build is incremental and idempotent. An article whose content hash equals the one stored is
not extracted again; building twice gives the same dataset. One bad article is recorded in
:attr:`BuildReport.articles_skipped` and the others go on (``strict=True`` stops instead).
Articles deleted from the corpus folder stay in the store: :meth:`GraphStore.remove_article`
drops one explicitly.

Each article is written in one transaction, so a build killed at any moment leaves the store
with whole articles only; the next build writes the ones that are missing and merges the actors.
Two files whose ids name the same article graph are a conflict: the first (in path order) is
built and the second skipped. The same text under two ids is one article: the first file (in path
order) is built, with the second as one more copy of it (:func:`extract.copies.fold_copies`),
exactly as a wire copy that ``aikg add`` recorded in the corpus folder's source index; such files
are listed in :attr:`BuildReport.same_text`. A copy is part of the article's content hash, so a
newly recorded copy rebuilds that article, and a file stored as an article before is removed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extract import (
    Article,
    ArticleError,
    Extraction,
    extract_article,
    extract_articles,
    iter_article_paths,
    read_article,
)
from extract.copies import fold_copies, index_copies
from extract.corpus import DUPLICATE_ID_HINT
from graph import iris
from graph.build import ArticleGraph, build_article_graph
from graph.errors import BuildError, StoreError
from graph.nquads import integer_literal, string_literal, term_text
from graph.sparql import merge_actors_update, prefix_block, replace_graph_update
from graph.store import GraphStore
from graph.summary import refresh_summary, summary_version
from graph.vocab import AIKG, RDF, ontology_graph

__all__ = [
    "BuildReport",
    "ExtractionFailure",
    "Progress",
    "StoreCounts",
    "Touched",
    "build_corpus",
    "build_extractions",
    "count_store",
    "extract_each",
    "finish_build",
    "finished_counts",
    "write_extraction",
]

logger = logging.getLogger(__name__)

#: Called after each article with (articles done, articles to extract, article id).
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class StoreCounts:
    """What a store holds: articles, distinct actors, distinct facts and quads."""

    articles: int = 0
    entities: int = 0
    facts: int = 0
    triples: int = 0


@dataclass(slots=True)
class Touched:
    """The facts (and their parties) a build wrote or removed: the summary graph refolds only these."""

    facts: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)

    def add_stored(self, store: GraphStore, article_id: str) -> None:
        """The facts and parties an article's graph holds now, before it is replaced or removed."""
        graph = term_text(iris.article_graph_iri(article_id))
        rows = store.query(
            prefix_block(("aikg",)) + f"SELECT DISTINCT ?f ?a WHERE {{ GRAPH {graph} {{ ?f a aikg:Fact .\n"
            "  OPTIONAL { ?f aikg:subject|aikg:object ?a } } }",
            check=False,
            max_rows=0,
            timeout_s=0,
        ).rows
        for fact, actor in rows:
            self.facts.add(str(fact))
            if actor is not None:
                self.actors.add(str(actor))

    def add_written(self, graph: ArticleGraph) -> None:
        """The facts and parties of an article's new quads."""
        facts = {str(s) for s, p, o, _g in graph.quads if p == RDF.type and o == AIKG.Fact}
        self.facts |= facts
        self.actors |= {
            str(o) for s, p, o, _g in graph.quads if str(s) in facts and p in (AIKG.subject, AIKG.object)
        }


@dataclass(slots=True)
class BuildReport:
    """The outcome of one build.

    Attributes:
        articles_seen: article files found.
        articles_built: articles extracted and written.
        articles_unchanged: articles skipped because their content hash was already stored.
        articles_skipped: (path, message) of every article that failed.
        entities: distinct actors in the store after the build.
        facts: distinct facts in the store after the build.
        triples: quads in the store after the build.
        seconds: wall-clock time of the build.
        warnings: records dropped while building (one line each).
        same_text: (path, other path) of every file whose text equals an earlier one's: built
            as a copy of that article, not as an article of its own.
    """

    articles_seen: int = 0
    articles_built: int = 0
    articles_unchanged: int = 0
    articles_skipped: list[tuple[str, str]] = field(default_factory=list)
    entities: int = 0
    facts: int = 0
    triples: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    same_text: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """The one-line summary the CLI prints.

        Example:
            >>> BuildReport(articles_seen=3, articles_built=2, articles_unchanged=1).summary()
            'built 2 of 3 articles (1 unchanged, 0 skipped): 0 entities, 0 facts, 0 triples in 0.0 s'
        """
        return (
            f"built {self.articles_built} of {self.articles_seen} articles "
            f"({self.articles_unchanged} unchanged, {len(self.articles_skipped)} skipped"
            f"{_copies_note(len(self.same_text))}): "
            f"{self.entities} entities, {self.facts} facts, {self.triples} triples "
            f"in {self.seconds:.1f} s"
        )


def _copies_note(n: int) -> str:
    """How many files were built as copies of another article, when any."""
    return f", {n} cop{'y' if n == 1 else 'ies'} of another" if n else ""


def write_extraction(store: GraphStore, extraction: Extraction, *, validate: bool = False) -> ArticleGraph:
    """Build one article's quads and write them in one transaction.

    Call :func:`finish_build` after the last article so the actors graph is merged.

    Args:
        store: the store to write to.
        extraction: the article's records.
        validate: check the quads against the SHACL shapes first (``graph/shapes.ttl``).

    Raises:
        BuildError: ``validate`` is set and the quads break a shape; nothing is written.
    """
    article_graph = build_article_graph(extraction)
    for warning in article_graph.warnings:
        logger.warning(warning)
    if validate:
        from graph.validate import validate_quads

        violations = validate_quads(article_graph.quads)
        if violations:
            raise BuildError(
                f"{extraction.article.id}: {len(violations)} SHACL violation(s), first: {violations[0]}"
            )
    store.replace_article(extraction.article.id, article_graph.quads, extraction.article.content_hash)
    return article_graph


def finish_build(store: GraphStore, touched: Touched | None = None) -> StoreCounts:
    """Merge the actors graph, recompute the summary graph, (re)load the ontology graph, and
    record in the meta graph that the build finished, with what the store holds.

    Args:
        store: the store.
        touched: what this build wrote or removed, when the store was whole before it: the
            summary graph refolds only those facts and actors (and every rollup). None folds all.

    Returns:
        What the store holds.
    """
    store.update(merge_actors_update())
    if touched is None:
        refresh_summary(store)
    else:
        refresh_summary(store, touched.facts, touched.actors)
    quads = [(s, p, o, iris.ONTOLOGY_GRAPH) for s, p, o in ontology_graph()]
    store.update(replace_graph_update(iris.ONTOLOGY_GRAPH, quads))  # type: ignore[arg-type]
    counts = count_store(store)
    state, meta = term_text(iris.BUILD_STATE), term_text(iris.META_GRAPH)
    figures = " ; ".join(
        f"<{prop}> {term_text(integer_literal(value))}"
        for prop, value in (
            (AIKG.articleCount, counts.articles),
            (AIKG.actorCount, counts.entities),
            (AIKG.factCount, counts.facts),
            (AIKG.tripleCount, counts.triples),
        )
    )
    version = f"<{AIKG.summaryVersion}> {term_text(string_literal(summary_version()))}"
    # replaces the record a build of another version may have left (the counts were the same)
    store.update(
        f"DELETE WHERE {{ GRAPH {meta} {{ {state} ?p ?o }} }} ;\n"
        f"INSERT DATA {{ GRAPH {meta} {{ {state} {figures} ; {version} . }} }}"
    )
    return counts


def finished_counts(store: GraphStore) -> StoreCounts | None:
    """What the store held when its last build finished, or None when an article was written or
    removed since, a build was stopped before finishing, or the summary graph was folded by
    another version of aikg (its figures are then folded whole again)."""
    rows = store.query(_STATE_QUERY, check=False, timeout_s=None).records()
    if not rows or any(v is None for v in rows[0].values()):
        return None
    counts = dict(rows[0])
    if counts.pop("version") != summary_version():
        return None
    return StoreCounts(**{k: int(v) for k, v in counts.items()})


def build_extractions(extractions: Iterable[Extraction], store: GraphStore) -> list[ArticleGraph]:
    """Write already-extracted articles (tests, live ingest), then finish the build."""
    written = [write_extraction(store, x) for x in extractions]
    finish_build(store)
    return written


_COUNT_QUERY = prefix_block(("aikg", "schema")) + (
    "SELECT ?articles ?entities ?facts ?triples WHERE {\n"
    "  { SELECT (COUNT(DISTINCT ?a) AS ?articles) WHERE { ?a a schema:NewsArticle } }\n"
    "  { SELECT (COUNT(DISTINCT ?e) AS ?entities) WHERE { ?e a aikg:Actor } }\n"
    "  { SELECT (COUNT(DISTINCT ?f) AS ?facts) WHERE { ?f a aikg:Fact } }\n"
    "  { SELECT (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } }\n"
    "}"
)


#: Articles between two flushes of an on-disk store: RocksDB otherwise keeps growing write
#: buffers in memory, 0.4 MB per article written (4 GB at 10,000), where flushing every 200
#: holds the build process near 230 MB.
_FLUSH_EVERY = 200
_STATE_QUERY = prefix_block(("aikg",)) + (
    f"SELECT ?articles ?entities ?facts ?triples ?version WHERE {{ GRAPH {term_text(iris.META_GRAPH)} {{\n"
    f"  {term_text(iris.BUILD_STATE)} aikg:articleCount ?articles ; aikg:actorCount ?entities ;\n"
    "    aikg:factCount ?facts ; aikg:tripleCount ?triples .\n"
    f"  OPTIONAL {{ {term_text(iris.BUILD_STATE)} aikg:summaryVersion ?version }} }} }}"
)


def count_store(store: GraphStore) -> StoreCounts:
    """Count the articles, actors, facts and quads of a store."""
    row = store.query(_COUNT_QUERY, check=False, timeout_s=None).records()[0]
    return StoreCounts(**{k: int(v) for k, v in row.items()})


def _read(
    paths: Sequence[Path],
    stored: dict[str, str],
    report: BuildReport,
    strict: bool,
    corpus: Sequence[str | Path],
) -> tuple[list[Article], list[str]]:
    """Read every article and fold copies of one text into one article.

    Returns:
        The articles whose content (file or copies) changed, and the ids of stored articles
        that are now copies of another.
    """
    readable: list[Article] = []
    seen: dict[str, tuple[str, str]] = {}
    for path in paths:
        try:
            article = read_article(path)
        except ArticleError as exc:
            _skip(report, str(path), str(exc), strict)
            continue
        graph = str(iris.article_graph_iri(article.id))
        if graph in seen:
            first_id, first_path = seen[graph]
            problem = (
                f"duplicate article id {article.id!r}"
                if first_id == article.id
                else f"article id {article.id!r} names the same article graph as {first_id!r}"
            )
            _skip(report, str(path), f"{problem} (also {first_path}; {DUPLICATE_ID_HINT})", strict)
            continue
        seen[graph] = (article.id, str(path))
        readable.append(article)
    folded = fold_copies(readable, index_copies(corpus))
    report.same_text.extend(folded.twins)
    changed: list[Article] = []
    for article in folded.articles:
        if stored.get(article.id) == article.content_hash and article.content_hash:
            report.articles_unchanged += 1
        else:
            changed.append(article)
    return changed, [i for i in folded.twin_ids if i in stored]


def _skip(report: BuildReport, path: str, message: str, strict: bool) -> None:
    if strict:
        raise BuildError(f"{message} (--strict stops at the first bad article)")
    logger.warning("skipped %s: %s", path, message)
    report.articles_skipped.append((path, message))


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """An article whose extraction raised, and why."""

    article: Article
    reason: str


def extract_each(
    articles: list[Article], n_process: int = 1, engine: str = "local"
) -> Iterator[Extraction | ExtractionFailure]:
    """Extract articles in order, isolating failures: one that raises is yielded as an
    :class:`ExtractionFailure` and the others go on.

    With ``engine="ray"`` the articles are extracted by a Ray Data job of `n_process` actors
    (:func:`extract.ray_engine.extract_with_ray`), with the same records in the same order.
    """
    if engine == "ray":
        from extract.ray_engine import extract_with_ray

        for item in extract_with_ray(articles, n_process=n_process):
            yield item if isinstance(item, Extraction) else ExtractionFailure(item.article, item.reason)
        return
    done = 0
    if n_process > 1:
        try:
            for extraction in extract_articles(articles, n_process=n_process):
                done += 1
                yield extraction
            return
        except Exception:  # one bad article breaks the batch: go on one by one
            logger.warning("batch extraction failed; extracting the rest one by one")
    for article in articles[done:]:
        try:
            yield extract_article(article)
        except Exception as exc:  # isolate any failure to its article
            logger.warning("extraction of %s failed: %r", article.id, exc)
            yield ExtractionFailure(article, " ".join(f"{type(exc).__name__}: {exc}".split())[:300])


def _write_all(
    store: GraphStore,
    articles: list[Article],
    report: BuildReport,
    progress: Progress | None,
    n_process: int,
    strict: bool,
    engine: str = "local",
    touched: Touched | None = None,
    stored: Collection[str] = (),
) -> None:
    """Extract and write each article in its own transaction; skip the ones that fail.

    With ``touched``, record the facts each write replaces (of articles in ``stored``) and adds.
    """
    flush = getattr(store, "flush", None)
    for done, item in enumerate(extract_each(articles, n_process, engine), start=1):
        if isinstance(item, ExtractionFailure):
            path = item.article.path or item.article.id
            _skip(report, path, f"{path}: extraction failed ({item.reason}); please report it", strict)
            continue
        try:
            if touched is not None and item.article.id in stored:
                touched.add_stored(store, item.article.id)
            graph = write_extraction(store, item, validate=strict)
            if touched is not None:
                touched.add_written(graph)
        except StoreError:
            raise  # the store itself failed: no other article can be written either
        except Exception as exc:  # a record the graph stage cannot write: this article only
            path = item.article.path or item.article.id
            _skip(report, path, f"{path}: cannot be written ({exc}); please report it", strict)
            continue
        report.articles_built += 1
        if report.articles_built % _FLUSH_EVERY == 0 and flush is not None:
            flush()
        report.warnings.extend(graph.warnings)
        if progress is not None:
            progress(done, len(articles), item.article.id)


def build_corpus(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    progress: Progress | None = None,
    n_process: int = 1,
    strict: bool = False,
    engine: str = "local",
) -> BuildReport:
    """Build (or update) a store from article files and folders.

    Args:
        paths: article files and folders (folders are searched for .md, .txt and .html).
        store: the store to write to.
        progress: called after each extracted article.
        n_process: spaCy worker processes (Ray actors with the ray engine).
        strict: raise on the first bad article instead of skipping it, and check every
            article's quads against the SHACL shapes before writing them.
        engine: where extraction runs: ``"local"`` (processes here) or ``"ray"`` (a Ray Data
            job; see :mod:`extract.ray_engine`).

    Returns:
        What was built, unchanged and skipped, and what the store holds afterwards.

    Raises:
        BuildError: in strict mode, the first article that could not be read or built.
        StoreError: the store could not be written.
    """
    started = time.perf_counter()
    report = BuildReport()
    corpus = list(paths)
    try:
        files = iter_article_paths(corpus)
    except ArticleError as exc:
        raise BuildError(str(exc)) from None
    report.articles_seen = len(files)
    stored = store.article_hashes()
    finished = finished_counts(store)
    changed, stale = _read(files, stored, report, strict, corpus)
    # A store whose last build finished is whole: this build refolds only what it touches. An
    # empty store, or one a stopped build left, is folded whole.
    touched = Touched() if stored and finished is not None else None
    for article_id in stale:
        if touched is not None:
            touched.add_stored(store, article_id)
        store.remove_article(article_id)  # built as an article before, now a copy of another
    try:
        _write_all(store, changed, report, progress, n_process, strict, engine, touched, stored)
    except BuildError:
        finish_build(store, touched)  # --strict stopped: merge the actors of the articles written
        raise
    # Nothing written or removed, and the last build finished: merging the actors, folding the
    # summary graph and counting every quad again would only repeat its work.
    counts = None if changed or stale else finished
    if counts is None:
        counts = finish_build(store, touched)
    report.entities, report.facts, report.triples = counts.entities, counts.facts, counts.triples
    report.seconds = time.perf_counter() - started
    return report
