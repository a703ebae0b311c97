"""``python -m benchmarks``: generate a synthetic corpus, measure aikg, print a table, write JSON.

Example:
    python -m benchmarks --articles 200 --output .aikg/bench-200.json
    python -m benchmarks --articles 20 --quick --output .aikg/bench-ci.json   # CI, under 2 minutes
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.report import markdown_table, query_table
from benchmarks.runner import BenchmarkBusyError, Options, run_benchmark
from benchmarks.summary import summarise

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    defaults = Options()
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure extraction, builds, queries, exports and the app on a synthetic corpus.",
    )
    parser.add_argument("--articles", type=int, default=defaults.articles, help="corpus size (default 200)")
    parser.add_argument("--seed", type=int, default=defaults.seed, help="generator seed (default 7)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one process only, one repeat, 5 query runs (each category still measured once)",
    )
    parser.add_argument("--output", type=Path, help="the JSON file (default WORKDIR/bench-N-seedS.json)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=defaults.workdir,
        help="where runs keep corpus, store and exports, one folder per size and seed (default .aikg/bench)",
    )
    parser.add_argument("--build-processes", type=int, default=defaults.build_processes)
    parser.add_argument(
        "--extract-sample",
        type=int,
        default=defaults.extract_sample,
        help="articles for the words/s comparison (the first of the corpus; default 400)",
    )
    parser.add_argument("--runs", type=int, default=defaults.runs, help="timed runs per query (default 20)")
    parser.add_argument(
        "--rdflib-max-quads",
        type=int,
        default=defaults.rdflib_max_quads,
        help="skip the rdflib comparison above this many quads",
    )
    parser.add_argument(
        "--query-timeout",
        type=float,
        default=defaults.query_timeout_s,
        help="seconds one query may take (all its runs) before its worker is stopped (default 120)",
    )
    parser.add_argument(
        "--fold-timeout",
        type=float,
        default=defaults.fold_timeout_s,
        help="the same for the summary graph's folds, whose rdflib / Oxigraph ratio is a target "
        "(default 600: a fold of 10 s on Oxigraph shows 20x before rdflib is stopped)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its tables; the exit code is 0 even when targets are missed."""
    args = _parser().parse_args(argv)
    if args.articles < 1:
        _parser().error("--articles must be 1 or more")
    opts = Options(
        articles=args.articles,
        seed=args.seed,
        quick=args.quick,
        workdir=args.workdir,
        build_processes=args.build_processes,
        extract_sample=args.extract_sample,
        runs=args.runs,
        rdflib_max_quads=args.rdflib_max_quads,
        query_timeout_s=args.query_timeout,
        fold_timeout_s=args.fold_timeout,
    )
    given = list(sys.argv[1:] if argv is None else argv)
    command = shlex.join(["python", "-m", "benchmarks", *given])
    try:
        results = run_benchmark(opts, command)
    except BenchmarkBusyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rows = summarise(results)
    results["rows"] = [row.to_json() for row in rows]
    output = args.output or opts.workdir / f"bench-{opts.articles}-seed{opts.seed}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    meta = results["meta"]
    print(f"## aikg benchmark: {meta['articles']:,} articles, {meta['date']}\n")
    print(f"`{command}` on {meta['machine']}, commit {meta['commit']}\n")
    print(markdown_table(rows))
    print()
    print(query_table(results["queries"]))
    print(f"\nJSON: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
