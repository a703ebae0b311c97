"""The SPARQL page: start from a shipped query, bind its parameters, run it read-only, download it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from extract import AikgError
from graph import queries
from graph.results import QueryResult
from graph.settings import get_setting
from ui import resources
from ui.render import md

__all__ = ["page_sparql"]

_FIRST_QUERY = "top_investors"


def _param_inputs(named: queries.NamedQuery, actors: pd.DataFrame) -> tuple[tuple[str, str, str], ...]:
    """One widget per parameter: actors to pick for IRIs, a text box otherwise; empty is unbound."""
    params: list[tuple[str, str, str]] = []
    labels = actors["label"].to_dict() if not actors.empty else {}
    for name, kind, help_text in named.params:
        key = f"param::{named.name}::{name}"
        if kind == "iri" and labels:
            options = ["", *sorted(labels, key=lambda i: str(labels[i]).casefold())]
            value = st.selectbox(
                f"?{name}: {help_text}",
                options,
                key=key,
                format_func=lambda i: "(unbound: every value)" if not i else f"{labels[i]} <{i}>",
            )
        else:
            value = st.text_input(
                f"?{name}: {help_text}", key=key, placeholder="leave empty to leave it unbound"
            )
        if value:
            params.append((name, kind, str(value)))
    return tuple(params)


def _show_result(result: QueryResult) -> None:
    if result.kind == "ask":
        st.metric("Answer", "true" if result.boolean else "false")
    else:
        note = f"{len(result)} rows"
        if result.truncated:
            note += " (cut at the row cap; set AIKG_MAX_ROWS to raise it)"
        st.caption(note)
        st.dataframe(resources.result_frame(result), hide_index=True, width="stretch")
    left, right = st.columns(2)
    left.download_button("Download CSV", result.to_csv(), "aikg-query.csv", "text/csv", key="dl_csv")
    right.download_button(
        "Download JSON", result.to_json(), "aikg-query.json", "application/sparql-results+json", key="dl_json"
    )


def page_sparql(location: str) -> None:
    """Draw the SPARQL page."""
    st.header("SPARQL")
    named = {q.name: q for q in queries.list_queries()}
    names = list(named)
    name = st.selectbox(
        "Start from a shipped query",
        names,
        index=names.index(_FIRST_QUERY) if _FIRST_QUERY in names else 0,
        format_func=lambda n: named[n].title,
        key="sparql_pick",
    )
    chosen = named[str(name)]
    st.caption(md(chosen.description))
    text = st.text_area("Query", value=chosen.text, height=340, key=f"sparql_text::{chosen.name}")
    params = _param_inputs(chosen, resources.actors(location)) if chosen.params else ()
    timeout, cap, memory = (get_setting(s) for s in ("query_timeout_s", "max_rows", "query_memory_mb"))
    st.caption(
        f"Read-only: SELECT, ASK, CONSTRUCT and DESCRIBE run, for at most {timeout} s, {cap} rows "
        f"and {memory} MB of memory; a query past a limit is stopped."
    )
    if st.button("Run query", type="primary", key="sparql_run"):
        st.session_state["sparql_last"] = (text, params)
    last = st.session_state.get("sparql_last")
    if not last:
        return
    try:
        result = resources.run_sparql(location, last[0], last[1])
    except AikgError as exc:
        st.error(md(str(exc)))
        return
    _show_result(result)
