"""Article -> `Extraction`: runs the spaCy pipeline and the resolvers over one or many articles."""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from extract.entities import resolve_entities
from extract.fx import to_usd
from extract.nlp import load_nlp
from extract.records import Amount, Article, Evidence, Extraction, Power, Relation
from extract.relations import find_relations

__all__ = ["extract_article", "extract_articles", "extraction_from_doc"]

_BATCH = 16
#: Articles per process in each window a worker pool is given (see :func:`extract_articles`).
_WINDOW = 64
#: Articles per task sent to a worker: one `nlp.pipe` batch, small enough to balance the load.
_CHUNK = _BATCH


def _sentence_of(doc: Doc, doc_id: str, start: int) -> Evidence:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    sent = span.sent if span is not None else doc[:].sent
    return Evidence(doc_id, sent.text.strip(), sent.start_char, sent.end_char)


def _described(doc: Doc, start: int, end: int) -> str | None:
    """The thing a figure measures: "a 2-GW campus" gives "campus", "$4.3 billion AI data centre"
    gives "AI data centre"; None where the figure hangs on a verb ("invest $10 billion")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    while head.i in range(span.start, span.end) and head.head.i != head.i:  # spaCy makes new Token objects
        head = head.head
    if head.i in range(span.start, span.end) or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    words = [t for t in head.lefts if t.dep_ in {"compound", "amod"} and t.i >= span.end] + [head]
    return " ".join(t.text for t in words)


def _deal(rel: Relation) -> str:
    return " ".join(x for x in (rel.subject, rel.predicate, rel.object or "") if x)


def _tie(
    amounts: list[Amount], powers: list[Power], relations: list[Relation], doc: Doc
) -> tuple[list[Amount], list[Power]]:
    """Set each figure's `about`: the deal it was attached to, else the noun it measures."""
    by_amount = {(r.amount.start, r.amount.end): _deal(r) for r in relations if r.amount is not None}
    tied_amounts = [
        dataclasses.replace(a, about=by_amount.get((a.start, a.end)) or _described(doc, a.start, a.end))
        for a in amounts
    ]
    by_sentence = {(r.evidence.start, r.power_mw): _deal(r) for r in relations if r.power_mw is not None}
    tied_powers = [
        dataclasses.replace(
            p, about=by_sentence.get((p.evidence.start, p.mw)) or _described(doc, p.start, p.end)
        )
        for p in powers
    ]
    return tied_amounts, tied_powers


def _amounts(doc: Doc, article: Article) -> list[Amount]:
    out: list[Amount] = []
    for m in doc._.aikg_amounts or ():
        fx = to_usd(m.value, m.currency, article.date)
        out.append(
            Amount(
                doc=article.id,
                text=m.text,
                value=m.value,
                currency=m.currency,
                usd=fx.usd,
                evidence=_sentence_of(doc, article.id, m.start),
                start=m.start,
                end=m.end,
                bound=m.bound,
                fx_rate=fx.rate,
                fx_date=fx.rate_date,
            )
        )
    return out


def _powers(doc: Doc, article: Article) -> list[Power]:
    return [
        Power(
            doc=article.id,
            text=m.text,
            mw=m.mw,
            evidence=_sentence_of(doc, article.id, m.start),
            start=m.start,
            end=m.end,
        )
        for m in doc._.aikg_power or ()
    ]


def extraction_from_doc(doc: Doc, article: Article) -> Extraction:
    """Resolve entities, amounts, power and relations of an already processed `doc`."""
    index = resolve_entities(doc, article.id)
    amounts = _amounts(doc, article)
    powers = _powers(doc, article)
    relations = find_relations(doc, article.id, index, amounts, powers)
    amounts, powers = _tie(amounts, powers, relations, doc)
    return Extraction(
        article=article,
        entities=tuple(index.entities),
        amounts=tuple(amounts),
        powers=tuple(powers),
        relations=tuple(relations),
    )


def extract_article(article: Article) -> Extraction:
    """Everything aikg reads out of one article.

    Example:
        >>> from extract.corpus import read_text_article
        >>> ex = extract_article(read_text_article("Microsoft will invest $3.2 billion in Germany."))
        >>> [(r.subject, r.predicate, r.object) for r in ex.relations]
        [('Microsoft', 'invests_in', 'Germany')]
    """
    return extraction_from_doc(load_nlp()(article.text), article)


def extract_articles(articles: Iterable[Article], n_process: int = 1) -> Iterator[Extraction]:
    """Extract many articles, streaming, in the order given.

    With ``n_process`` > 1 the articles are shared out to worker processes in chunks, each
    worker loading the pipeline once and running `nlp.pipe` over its chunk (batched like the
    one-process path) before returning whole `Extraction` records (plain dataclasses, cheap to
    send back); with 1, they go through `nlp.pipe` in batches in this process.
    """
    if n_process <= 1:
        yield from _extract_batch(articles)
        return
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with context.Pool(n_process, initializer=_warm_worker) as pool:
        # Pool.imap takes every task at once and keeps every finished record until the caller
        # reads it: with a caller slower than the workers (the build writing to the store), ten
        # thousand articles' records piled up in memory. Two windows in flight bound that,
        # and the next window is already queued when the caller reaches the end of one.
        window = _WINDOW * n_process
        pending: Iterator[list[Extraction]] | None = None
        stream = iter(articles)
        while batch := list(itertools.islice(stream, window)):
            chunks = [batch[i : i + _CHUNK] for i in range(0, len(batch), _CHUNK)]
            queued = pool.imap(_extract_chunk, chunks)
            if pending is not None:
                for done in pending:
                    yield from done
            pending = queued
        if pending is not None:
            for done in pending:
                yield from done


def _extract_batch(articles: Iterable[Article]) -> Iterator[Extraction]:
    """Run `nlp.pipe` over the articles in batches and resolve each doc."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in load_nlp().pipe(pairs, as_tuples=True, batch_size=_BATCH):
        yield extraction_from_doc(doc, article)


def _extract_chunk(articles: list[Article]) -> list[Extraction]:
    """A worker's task: one chunk of articles through the batched pipeline."""
    return list(_extract_batch(articles))


def _warm_worker() -> None:
    """Load the pipeline once in a worker process, before its first article."""
    load_nlp()
