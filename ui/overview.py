"""The Overview page: headline figures, USD by country (bars and map), a timeline, top actors.

Every figure follows the sidebar filters. The figures come from :func:`graph.overview.overview_figures`:
unfiltered, from the rollups each build folds into the summary graph; filtered, from one
aggregating query each over the deals the filter keeps. Only small tables reach the page.
"""

from __future__ import annotations

from dataclasses import asdict

import altair as alt
import pandas as pd
import streamlit as st

from graph.overview import NEWEST_DEALS, OverviewFigures
from ui import resources
from ui.filters import filters
from ui.render import readable, usd
from ui.worldmap import world_map

__all__ = ["page_overview"]


def _headline(figures: OverviewFigures) -> None:
    h = figures.headline
    cols = st.columns(5)
    cols[0].metric("Articles", f"{h.articles:,}")
    cols[1].metric("Actors", f"{h.actors:,}")
    cols[2].metric("Deals", f"{h.deals:,}")
    cols[3].metric("Total USD", usd(float(h.total_usd)))
    cols[4].metric("Total MW", f"{float(h.total_mw):,.0f}")
    if figures.filtered:
        st.caption(
            "Filtered: the figures count the deals with a report that passes the filters, the "
            "articles of those reports and the deals' parties; each deal counts with its own "
            "figures. Valuations and deals only reported as denied or rumoured add no USD."
        )


def _country_chart(figures: OverviewFigures) -> pd.DataFrame:
    """USD by destination country (each deal once, at its largest amount)."""
    totals = pd.DataFrame([asdict(c) for c in figures.by_country], columns=["iso", "country", "usd", "deals"])
    if totals.empty:
        st.info("No deal with an amount is aimed at a country under these filters.")
        return totals
    chart = (
        alt.Chart(totals.head(25))
        .mark_bar()
        .encode(
            x=alt.X("usd:Q", title="USD (log scale)", scale=alt.Scale(type="log"), stack=None),
            y=alt.Y("country:N", sort="-x", title=None),
            tooltip=["country", alt.Tooltip("usd:Q", format=",.0f"), "deals"],
        )
    )
    st.altair_chart(chart, width="stretch")
    return totals


def _timeline(figures: OverviewFigures) -> None:
    if not figures.timeline:
        st.info("No dated deal under these filters.")
        return
    monthly = pd.DataFrame(
        [
            {"month": m.month, "type": readable(m.predicate), "deals": m.deals, "usd": m.usd}
            for m in figures.timeline
        ]
    )
    monthly["month"] = pd.to_datetime(monthly["month"])
    chart = (
        alt.Chart(monthly)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title="first reported"),
            y=alt.Y("deals:Q", title="deals"),
            color=alt.Color("type:N", title="deal type"),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="month"),
                "type",
                "deals",
                alt.Tooltip("usd:Q", format=",.0f"),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")


def _ranking(rows: tuple[object, ...], value: str) -> pd.DataFrame:
    frame = pd.DataFrame([asdict(r) for r in rows], columns=["actor", "label", "value"])  # type: ignore[call-overload]
    return frame.rename(columns={"label": "name", "value": value})


def _bar(frame: pd.DataFrame, value: str, title: str) -> None:
    if frame.empty:
        st.info("Nothing to rank under these filters.")
        return
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=title),
            y=alt.Y("name:N", sort="-x", title=None),
            tooltip=["name", alt.Tooltip(f"{value}:Q", format=",.0f")],
        )
    )
    st.altair_chart(chart, width="stretch")


def _deal_table(figures: OverviewFigures) -> None:
    table = pd.DataFrame(
        [
            {
                "date": d.date,
                "type": readable(d.predicate),
                "subject": d.subject_label,
                "object": d.object_label,
                "USD": d.usd,
                "MW": d.mw,
                "reports": d.reports,
                "stated as fact": d.stated,
            }
            for d in figures.newest
        ],
        columns=["date", "type", "subject", "object", "USD", "MW", "reports", "stated as fact"],
    )
    if len(table) >= NEWEST_DEALS:
        st.caption(f"The {NEWEST_DEALS:,} newest of {figures.headline.deals:,} deals.")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={"USD": st.column_config.NumberColumn(format="compact")},
    )


def page_overview(location: str) -> None:
    """Draw the Overview page."""
    st.header("Overview")
    deal_filter = filters(resources.filter_options(location))
    figures = resources.overview_figures(location, deal_filter)
    _headline(figures)
    if not figures.filtered and figures.headline.deals == 0:
        st.info(
            "The graph holds no deals yet: run `aikg build corpus`, or add an article on the Ingest page."
        )
        return
    left, right = st.columns(2)
    with left:
        st.subheader("Investment USD by destination country")
        totals = _country_chart(figures)
    with right:
        st.subheader("Where the money goes")
        world_map(totals)
    st.subheader("Deals over time")
    _timeline(figures)
    left, right = st.columns(2)
    with left:
        st.subheader("Top actors by deals")
        _bar(_ranking(figures.top_by_deals, "deals"), "deals", "deals")
    with right:
        st.subheader("Top investors by USD")
        _bar(_ranking(figures.top_by_usd, "usd"), "usd", "USD invested (investments and funding rounds)")
    st.subheader("Newest matching deals" if figures.filtered else "Newest deals")
    _deal_table(figures)
