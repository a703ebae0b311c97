"""Where a build spends its time: cProfile of :func:`graph.builder.build_corpus`, by step.

Run as a worker (it prints one JSON object)::

    python -m benchmarks.profiling build CORPUS --limit 50     # fresh store, first 50 articles
    python -m benchmarks.profiling rebuild CORPUS STORE        # an unchanged rebuild of STORE

``import_s`` is the time to import aikg's build modules, ``open_store_s`` and ``close_store_s``
the time to open and to flush and close the store (all part of every ``aikg build``); the
steps are cumulative seconds of the functions a build is made of.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["profile_build"]

#: (file name ending, function name) -> the step it stands for.
_STEPS = {
    ("graph/builder.py", "build_corpus"): "build_corpus (all)",
    ("extract/corpus.py", "iter_article_paths"): "list article files",
    ("extract/corpus.py", "read_article"): "read + hash articles",
    ("graph/store.py", "article_hashes"): "read stored hashes",
    ("extract/pipeline.py", "extract_article"): "extract (spaCy + aikg)",
    ("extract/pipeline.py", "extract_articles"): "extract (spaCy + aikg, batched)",
    ("graph/build.py", "build_article_graph"): "records -> quads",
    ("graph/store.py", "replace_article"): "write article graph (SPARQL update)",
    ("graph/builder.py", "finish_build"): "finish: merge actors + ontology",
    ("graph/builder.py", "count_store"): "count store",
}


def profile_build(corpus: Path, store_path: Path | None, limit: int | None, top: int = 30) -> dict[str, Any]:
    """Profile one build of `corpus` (its first `limit` articles) into `store_path` (fresh if None)."""
    started = time.perf_counter()
    from extract import iter_article_paths
    from graph.builder import build_corpus
    from graph.store import open_store

    result: dict[str, Any] = {"import_s": time.perf_counter() - started}
    paths = iter_article_paths([corpus])[:limit]
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        store = open_store(store_path or Path(scratch) / "store")
        result["open_store_s"] = time.perf_counter() - started
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        try:
            report = build_corpus(paths, store)
        finally:
            profiler.disable()
            result["seconds"] = time.perf_counter() - started
            started = time.perf_counter()
            store.close()
            result["close_store_s"] = time.perf_counter() - started
    result.update(articles=len(paths), summary=report.summary())
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    steps: dict[str, float] = {}
    for (filename, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.items():
        for (ending, name), step in _STEPS.items():
            if filename.endswith(ending) and function == name:
                steps[step] = steps.get(step, 0.0) + cumulative
    result["steps_s"] = dict(sorted(steps.items(), key=lambda kv: -kv[1]))
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    result["cprofile_top"] = text.getvalue()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """The worker's command line; prints one JSON object."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profiling")
    parser.add_argument("what", choices=("build", "rebuild"))
    parser.add_argument("corpus", type=Path)
    parser.add_argument("store", type=Path, nargs="?")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if args.what == "rebuild" and args.store is None:
        parser.error("rebuild needs the STORE folder")
    store = args.store if args.what == "rebuild" else None
    print(json.dumps(profile_build(args.corpus, store, args.limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
