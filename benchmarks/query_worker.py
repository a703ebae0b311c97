"""Shipped queries timed in a worker process that is killed when a query runs away.

Neither rdflib nor Oxigraph can stop a running query (aikg's own timeout leaves the query
running in a background thread), and some queries take minutes or gigabytes on a large store.
So each backend is timed in a child process (rdflib's under a memory limit): it opens the store (Oxigraph,
read-only) or loads the N-Quads dump into ``rdflib.Dataset(default_union=True)``, then prints
one JSON line per query. The parent (:func:`time_in_worker`) waits for each line at most
``timeout_s``; past that it kills the worker, records a timeout and starts a new worker for the
remaining queries.

Worker command line (the spec file holds the backend, the source, the queries and parameters)::

    python -m benchmarks.query_worker SPEC.json
"""

from __future__ import annotations

import json
import resource
import select
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from benchmarks.querying import Latency, bound_text, time_call, time_oxigraph

__all__ = ["SUMMARY_AGGREGATES", "time_in_worker"]

_ROOT = Path(__file__).resolve().parent.parent
_MEMORY_LIMIT = 6 * 1024**3


def _emit(data: dict[str, Any]) -> None:
    print(json.dumps(data), flush=True)


#: The aggregations each build runs to fold the summary graph (graph/summary.py), timed like
#: queries under these names: the aggregating work the shipped queries no longer do themselves.
SUMMARY_AGGREGATES = ("summary:per-deal", "summary:rollups")


def _summary_text(name: str) -> str:
    from graph.summary import summary_queries

    return summary_queries()[SUMMARY_AGGREGATES.index(name)]


def _work(spec: dict[str, Any]) -> None:
    """Open the backend, then time each query and print its JSON line as soon as it is done."""
    from graph.queries import get_query

    runs, budget_s, params = spec["runs"], spec["budget_s"], spec["params"]
    started = time.perf_counter()
    if spec["backend"] == "oxigraph":
        from graph.store import open_store

        store = open_store(spec["source"], read_only=True)
        _emit({"loaded_s": time.perf_counter() - started})
        for name in spec["names"]:
            if name in SUMMARY_AGGREGATES:
                text = _summary_text(name)

                def fold(text: str = text) -> int:
                    return len(store.query(text, check=False, max_rows=0, timeout_s=0).rows)

                latency = time_call(fold, runs, budget_s)
            else:
                latency = time_oxigraph(store, get_query(name), params, runs, budget_s)
            _emit({"name": name, **latency.to_json()})
        return
    from rdflib import Dataset

    # rdflib can build intermediate results of many gigabytes; RocksDB (above) needs its
    # address space, so only this backend is limited.
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_LIMIT, _MEMORY_LIMIT))
    dataset = Dataset(default_union=True)
    dataset.parse(spec["source"], format="nquads")
    _emit({"loaded_s": time.perf_counter() - started})
    for name in spec["names"]:
        try:
            text = _summary_text(name) if name in SUMMARY_AGGREGATES else bound_text(get_query(name), params)
        except KeyError as exc:
            _emit({"name": name, **Latency(error=f"no value for parameter {exc}").to_json()})
            continue

        def run(text: str = text) -> int:
            return len(list(dataset.query(text)))

        _emit({"name": name, **time_call(run, runs, budget_s).to_json()})


def _read_line(proc: subprocess.Popen[bytes], timeout_s: float) -> dict[str, Any] | None:
    """The next JSON line of the worker, or None at the timeout or when it died."""
    if proc.stdout is None:
        return None
    ready, _w, _x = select.select([proc.stdout], [], [], timeout_s)
    if not ready:
        return None
    line = proc.stdout.readline()
    return json.loads(line) if line.strip() else None


def time_in_worker(
    backend: str,
    source: Path,
    names: Sequence[str],
    params: Mapping[str, object],
    *,
    runs: int,
    budget_s: float,
    timeout_s: float,
    timeouts: Mapping[str, float] | None = None,
    load_timeout_s: float = 3600.0,
) -> dict[str, Any]:
    """Time shipped queries on one backend in worker processes.

    Args:
        backend: ``oxigraph`` (source: the store folder) or ``rdflib`` (source: an N-Quads dump).
        source: the store folder or the dump file.
        names: the shipped queries to time, in order.
        params: a value for every parameter the queries take.
        runs: timed runs per query.
        budget_s: seconds of timed runs per query (at least one run).
        timeout_s: seconds one query may take in all before its worker is killed.
        timeouts: other limits for some of the names.
        load_timeout_s: seconds opening or loading may take.

    Returns:
        ``{"load_s": ..., "loads": ..., "queries": {name: latency dict}}``; a stopped query has
        ``error`` and ``timeout_s``.
    """
    spec_path = source.parent / f"{source.name}.{backend}-queries.json"
    remaining = list(names)
    results: dict[str, Any] = {}
    loads: list[float] = []
    while remaining:
        spec = {"backend": backend, "source": str(source), "names": remaining, "params": dict(params)}
        spec_path.write_text(json.dumps(spec | {"runs": runs, "budget_s": budget_s}), encoding="utf-8")
        command = [sys.executable, "-m", "benchmarks.query_worker", str(spec_path)]
        proc = subprocess.Popen(command, cwd=_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            first = _read_line(proc, load_timeout_s)
            if first is None or "loaded_s" not in first:
                error = f"the {backend} worker died or timed out while loading"
                results.update({name: {"error": error} for name in remaining})
                break
            loads.append(first["loaded_s"])
            for name in list(remaining):
                limit = (timeouts or {}).get(name, timeout_s)
                line = _read_line(proc, limit)
                remaining.remove(name)
                if line is None:
                    dead = proc.poll() is not None
                    reason = "died (out of memory?)" if dead else f"timed out after {limit:.0f} s"
                    results[name] = {"error": f"{backend} worker {reason}; killed"}
                    if not dead:
                        results[name]["timeout_s"] = limit
                    break
                results[line.pop("name")] = line
        finally:
            proc.kill()
            proc.wait()
    spec_path.unlink(missing_ok=True)
    return {"load_s": min(loads) if loads else None, "loads": len(loads), "queries": results}


def main(argv: Sequence[str] | None = None) -> int:
    """The worker's command line: one argument, the spec file."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m benchmarks.query_worker SPEC.json", file=sys.stderr)
        return 2
    _work(json.loads(Path(args[0]).read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
