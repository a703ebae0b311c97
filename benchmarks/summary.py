"""The issue's targets applied to a run's results: the rows of the report table."""

from __future__ import annotations

import math
from typing import Any

from benchmarks.report import Row, Target

__all__ = ["TARGET_ARTICLES", "summarise"]

#: The corpus size the targets are stated at.
TARGET_ARTICLES = 10_000
_NAN = float("nan")


def _get(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _num(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else _NAN


def _ratio(a: float, b: float) -> float:
    return a / b if b and not math.isnan(a) and not math.isnan(b) else _NAN


def _error_note(result: dict[str, Any] | None) -> str:
    error = str((result or {}).get("error", ""))
    return ("fails: " + error.splitlines()[-1][:160]) if error else ""


def _extraction_rows(ex: dict[str, Any]) -> list[Row]:
    wps = {
        key: _num(_get(ex, key, "words_per_s"))
        for key in ("bare-1", "aikg-1", "bare-2", "aikg-2", "aikg-pool-2")
    }
    sample = ex.get("aikg-1") or ex.get("bare-1") or {}
    words, articles = sample.get("words", 0), sample.get("articles", 0)
    on = f"{articles} articles, {words:,} words, best of {len(sample.get('all_runs', [1]))}"
    rows = [
        Row("extraction, bare en_core_web_sm nlp.pipe, 1 process", wps["bare-1"], "words/s", note=on),
        Row(
            "extraction, aikg extract (library), 1 process",
            wps["aikg-1"],
            "words/s",
            note=_error_note(ex.get("aikg-1")),
        ),
        Row("aikg / bare words/s, 1 process", _ratio(wps["aikg-1"], wps["bare-1"]), "x", Target(">=", 1.0)),
    ]
    if "bare-2" in ex:
        rows += [
            Row(
                "extraction, bare, 2 processes", wps["bare-2"], "words/s", note=_error_note(ex.get("bare-2"))
            ),
            Row(
                "extraction, aikg extract, 2 processes",
                wps["aikg-2"],
                "words/s",
                note=_error_note(ex.get("aikg-2")),
            ),
            Row(
                "aikg / bare words/s, 2 processes",
                _ratio(wps["aikg-2"], wps["bare-2"]),
                "x",
                Target(">=", 1.0),
            ),
            Row("aikg 2 processes / 1 process", _ratio(wps["aikg-2"], wps["aikg-1"]), "x", Target(">=", 1.7)),
            Row(
                "aikg in a 2-process fork pool / 1 process (what a working --processes 2 gives)",
                _ratio(wps["aikg-pool-2"], wps["aikg-1"]),
                "x",
            ),
            Row("bare 2 processes / 1 process", _ratio(wps["bare-2"], wps["bare-1"]), "x"),
        ]
    else:
        rows.append(Row("extraction at 2 processes", _NAN, "x", note="skipped by --quick"))
    cli_s = _num(_get(ex, "cli-1", "seconds"))
    rows.append(
        Row("aikg extract CLI end to end, 1 process (with start-up)", _ratio(float(words), cli_s), "words/s")
    )
    return rows


def _build_rows(build: dict[str, Any], articles: int) -> list[Row]:
    full = build.get("full", {})
    full_s = _num(full.get("seconds"))
    unchanged_s = _num(_get(build, "unchanged", "seconds"))
    per_article = full_s / articles if articles else _NAN
    if articles >= TARGET_ARTICLES:
        at_target, how = full_s * TARGET_ARTICLES / articles, "measured"
    else:  # the fixed cost (start-up, finishing) once, plus the marginal cost per article
        at_target = unchanged_s + (full_s - unchanged_s) * TARGET_ARTICLES / articles
        how = f"projected from {articles:,}: unchanged rebuild + marginal cost per article"
    fell_back = " (fell back to 1 process)" if full.get("fell_back_to_one_process") else ""
    changed_s = _num(_get(build, "changed", "seconds"))
    changed_n = _get(build, "changed", "articles_changed") or 0
    bad = [f"{k} exit {v['returncode']}" for k, v in build.items() if v.get("returncode")]
    return [
        Row(
            f"full build, {articles:,} articles, --processes {full.get('processes', '?')}{fell_back}",
            full_s,
            "s",
            note="; ".join(bad),
        ),
        Row("full build per article", per_article * 1000, "ms"),
        Row(
            f"full build of {TARGET_ARTICLES:,} articles",
            at_target / 60,
            "min",
            Target("<=", 12.0),
            note=how,
        ),
        Row(
            f"peak memory of the full build (process tree), at {articles:,}",
            _num(full.get("peak_tree_mb")),
            "MB",
            Target("<=", 2000.0),
        ),
        Row("rebuild, nothing changed", unchanged_s, "s"),
        Row(
            "rebuild, nothing changed / full build", 100 * _ratio(unchanged_s, full_s), "%", Target("<=", 3.0)
        ),
        Row(f"rebuild, 1% changed ({changed_n} articles)", changed_s, "s"),
        Row("rebuild, 1% changed / full build", 100 * _ratio(changed_s, full_s), "%", Target("<=", 6.0)),
    ]


def _query_rows(queries: list[dict[str, Any]], rdflib: dict[str, Any]) -> list[Row]:
    timed = [q for q in queries if "p50_ms" in q["oxigraph"]]
    errors = [q["name"] for q in queries if "p50_ms" not in q["oxigraph"]]
    rows = []
    if timed:
        slowest = max(timed, key=lambda q: q["oxigraph"]["p50_ms"])
        within = sum(1 for q in timed if q["oxigraph"]["p50_ms"] <= 50)
        rows += [
            Row(
                f"slowest shipped query p50 on Oxigraph ({slowest['name']})",
                slowest["oxigraph"]["p50_ms"],
                "ms",
                Target("<=", 50.0),
            ),
            Row(
                f"shipped queries with p50 <= 50 ms (of {len(queries)})",
                float(within),
                "queries",
                Target(">=", float(len(queries))),
                note=("errors: " + ", ".join(errors)) if errors else "",
            ),
        ]
    compared = [q for q in queries if q["aggregating"] and (q.get("ratio") or q.get("ratio_at_least"))]
    if compared:
        weakest = min(compared, key=lambda q: q.get("ratio") or q["ratio_at_least"])
        bound = "" if weakest.get("ratio") else "at least: rdflib timed out"
        rows.append(
            Row(
                f"rdflib / Oxigraph p50, weakest aggregating query ({weakest['name']})",
                weakest.get("ratio") or weakest["ratio_at_least"],
                "x",
                Target(">=", 20.0),
                note=bound,
            )
        )
        slow = [q["name"] for q in queries if "timeout_s" in (q.get("rdflib") or {})]
        if slow:
            rows.append(Row(f"queries stopped on rdflib ({', '.join(slow)})", float(len(slow)), "queries"))
    else:
        rows.append(
            Row("rdflib / Oxigraph p50 on aggregating queries", _NAN, "x", note=rdflib.get("skipped", ""))
        )
    if "load_s" in rdflib:
        rows.append(
            Row(f"rdflib load of the N-Quads dump ({rdflib['quads']:,} quads)", rdflib["load_s"], "s")
        )
    return rows


def _fold_rows(folds: list[dict[str, Any]]) -> list[Row]:
    """The summary graph's aggregations (each build runs them): Oxigraph time, and rdflib's ratio."""
    rows = []
    for fold in folds:
        p50 = fold["oxigraph"].get("p50_ms")
        rows.append(Row(f"{fold['name']} aggregation on Oxigraph (each build runs it)", _num(p50), "ms"))
        ratio = fold.get("ratio") or fold.get("ratio_at_least")
        if ratio:
            note = "" if fold.get("ratio") else "at least: rdflib timed out"
            label = f"{fold['name']}: rdflib / Oxigraph p50"
            rows.append(Row(label, ratio, "x", Target(">=", 20.0), note=note))
    return rows


def summarise(results: dict[str, Any]) -> list[Row]:
    """Every report row of a run, in table order."""
    articles = int(results["meta"]["articles"])
    rows = _extraction_rows(results["extraction"])
    rows += _build_rows(results["build"], articles)
    rows += _query_rows(results["queries"], results["rdflib"])
    rows += _fold_rows(results.get("summary_folds", []))
    exports = results.get("exports", {})
    rows += [
        Row("GEXF export", _num(_get(exports, "gexf", "seconds")), "s", Target("<=", 10.0)),
        Row("Turtle export", _num(_get(exports, "ttl", "seconds")), "s"),
    ]
    render = results.get("render", {})
    note = _error_note(render) or "; ".join(render.get("exception", []))[:200]
    if not note and render.get("errors"):
        note = "the page shows an error instead of the overview: " + render["errors"][0][:160]
    rows += [
        Row(
            "overview page render, first visit after a rebuild (data not cached)",
            _num(render.get("uncached_s")),
            "s",
            Target("<=", 2.0),
            note=note,
        ),
        Row("overview page render, fresh process (imports, store, queries)", _num(render.get("cold_s")), "s"),
        Row("overview page render, cached rerun", _num(render.get("cached_s")), "s"),
    ]
    return rows
