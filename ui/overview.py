"""The Overview page: headline figures, USD by country (bars and map), a timeline, top actors.

Every figure follows the sidebar filters; unfiltered, the headline comes straight from
:func:`graph.queries.overview_counts`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from ui import resources
from ui.filters import Filters, filters, per_deal
from ui.render import country_name, readable, usd
from ui.worldmap import world_map

__all__ = ["page_overview"]

#: The side of a deal that puts the money in, by deal type.
_INVESTOR_SIDE = {"invests_in": "subject", "raises_funding": "object"}


def _headline(location: str, deals: pd.DataFrame, deal_rows: pd.DataFrame, f: Filters) -> None:
    cols = st.columns(5)
    if f.active:
        counted = deal_rows[deal_rows["stated"]]
        total_usd = counted.loc[counted["predicate"] != "valued_at", "usd"].sum()
        total_mw = counted["mw"].sum()
        parties = pd.concat([deals["subject"], deals["object"]]).dropna().nunique()
        values = (deals["article"].nunique(), parties, len(deal_rows), total_usd, total_mw)
    else:
        o = resources.overview(location)
        values = (o.articles, o.actors, o.deals, o.total_usd, o.total_mw)
    cols[0].metric("Articles", f"{values[0]:,}")
    cols[1].metric("Actors", f"{values[1]:,}")
    cols[2].metric("Deals", f"{values[2]:,}")
    cols[3].metric("Total USD", usd(float(values[3])))
    cols[4].metric("Total MW", f"{float(values[4]):,.0f}")
    if f.active:
        st.caption(
            "Filtered: the figures count the matching deals, the articles reporting them and "
            "their parties. Valuations and deals only reported as denied or rumoured add no USD."
        )


def _country_chart(deal_rows: pd.DataFrame) -> pd.DataFrame:
    """USD by destination country (each deal once, at its largest amount)."""
    rows = deal_rows[deal_rows["stated"] & deal_rows["destination"].notna() & deal_rows["usd"].notna()]
    if rows.empty:
        st.info("No deal with an amount is aimed at a country under these filters.")
        return pd.DataFrame(columns=["iso", "country", "usd", "deals"])
    totals = (
        rows.groupby("destination")
        .agg(usd=("usd", "sum"), deals=("deal", "nunique"))
        .reset_index()
        .rename(columns={"destination": "iso"})
    )
    totals["country"] = totals["iso"].map(country_name)
    totals = totals.sort_values("usd", ascending=False)
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


def _timeline(deal_rows: pd.DataFrame) -> None:
    dated = deal_rows.dropna(subset=["first_date"])
    if dated.empty:
        st.info("No dated deal under these filters.")
        return
    monthly = (
        dated.assign(
            month=dated["first_date"].dt.to_period("M").dt.to_timestamp(),
            type=dated["predicate"].map(readable),
        )
        .groupby(["month", "type"])
        .agg(deals=("deal", "count"), usd=("usd", "sum"))
        .reset_index()
    )
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


def _top_actors(deal_rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 15 actors in the most deals, and the 15 that put the most USD in."""
    parties = pd.concat(
        [
            deal_rows[["deal", "subject", "subject_label"]].set_axis(["deal", "actor", "name"], axis=1),
            deal_rows[["deal", "object", "object_label"]].set_axis(["deal", "actor", "name"], axis=1),
        ]
    ).dropna(subset=["actor"])
    degree = (
        parties.groupby(["actor", "name"])["deal"]
        .nunique()
        .rename("deals")
        .reset_index()
        .sort_values(["deals", "name"], ascending=[False, True])
        .head(15)
    )
    money = deal_rows[
        deal_rows["stated"] & deal_rows["usd"].notna() & deal_rows["predicate"].isin(list(_INVESTOR_SIDE))
    ]
    investors = []
    for _, row in money.iterrows():
        side = _INVESTOR_SIDE[row["predicate"]]
        if pd.notna(row[side]):
            investors.append({"actor": row[side], "name": row[f"{side}_label"], "usd": row["usd"]})
    by_usd = pd.DataFrame(investors, columns=["actor", "name", "usd"])
    by_usd = (
        by_usd.groupby(["actor", "name"])["usd"]
        .sum()
        .reset_index()
        .sort_values(["usd", "name"], ascending=[False, True])
        .head(15)
    )
    return degree, by_usd


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


def _deal_table(deal_rows: pd.DataFrame) -> None:
    table = deal_rows.assign(
        type=deal_rows["predicate"].map(readable),
        date=deal_rows["first_date"].dt.date,
    )[["date", "type", "subject_label", "object_label", "usd", "mw", "reports", "stated"]]
    st.dataframe(
        table.sort_values("date", ascending=False, na_position="last").rename(
            columns={
                "subject_label": "subject",
                "object_label": "object",
                "usd": "USD",
                "mw": "MW",
                "stated": "stated as fact",
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"USD": st.column_config.NumberColumn(format="compact")},
    )


def page_overview(location: str) -> None:
    """Draw the Overview page."""
    st.header("Overview")
    deals = resources.deal_reports(location)
    if deals.empty:
        _headline(location, deals, per_deal(deals), Filters())
        st.info(
            "The graph holds no deals yet: run `aikg build corpus`, or add an article on the Ingest page."
        )
        return
    f = filters(deals)
    shown = f.apply(deals)
    deal_rows = per_deal(shown)
    _headline(location, shown, deal_rows, f)
    left, right = st.columns(2)
    with left:
        st.subheader("Investment USD by destination country")
        totals = _country_chart(deal_rows)
    with right:
        st.subheader("Where the money goes")
        world_map(totals)
    st.subheader("Deals over time")
    _timeline(deal_rows)
    degree, by_usd = _top_actors(deal_rows)
    left, right = st.columns(2)
    with left:
        st.subheader("Top actors by deals")
        _bar(degree, "deals", "deals")
    with right:
        st.subheader("Top investors by USD")
        _bar(by_usd, "usd", "USD invested (investments and funding rounds)")
    st.subheader("Matching deals")
    _deal_table(deal_rows)
