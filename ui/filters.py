"""The Overview's filters (dates, deal types, countries, actor roles) and the per-deal summary.

The filters read the per-report table of :func:`ui.resources.deal_reports`; :func:`per_deal`
then folds the matching reports into one row per deal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui.render import country_name, readable

__all__ = ["Filters", "filters", "per_deal"]


@dataclass(frozen=True, slots=True)
class Filters:
    """The Overview filters; empty tuples mean "any"."""

    start: dt.date | None = None
    end: dt.date | None = None
    deal_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """Whether any filter narrows the deals."""
        return bool(self.start or self.end or self.deal_types or self.countries or self.roles)

    def apply(self, deals: pd.DataFrame) -> pd.DataFrame:
        """The reports that pass every filter."""
        keep = pd.Series(True, index=deals.index)
        if self.start is not None:
            keep &= deals["date"] >= pd.Timestamp(self.start)
        if self.end is not None:
            keep &= deals["date"] <= pd.Timestamp(self.end)
        if self.deal_types:
            keep &= deals["predicate"].isin(list(self.deal_types))
        if self.countries:
            codes = list(self.countries)
            keep &= (
                deals["destination"].isin(codes)
                | deals["subject_home"].isin(codes)
                | deals["object_home"].isin(codes)
            )
        if self.roles:
            roles = list(self.roles)
            keep &= deals["subject_role"].isin(roles) | deals["object_role"].isin(roles)
        return deals[keep]


def filters(deals: pd.DataFrame) -> Filters:
    """The filter widgets (in the sidebar) and their values."""
    side = st.sidebar
    side.subheader("Filters")
    dates = deals["date"].dropna()
    start = end = None
    if not dates.empty:
        low, high = dates.min().date(), dates.max().date()
        picked = side.date_input(
            "Reported between", value=(low, high), min_value=low, max_value=high, key="f_dates"
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            start = picked[0] if picked[0] > low else None
            end = picked[1] if picked[1] < high else None
    types = sorted(deals["predicate"].dropna().unique())
    deal_types = side.multiselect("Deal type", types, format_func=readable, key="f_types")
    codes = pd.concat([deals["destination"], deals["subject_home"], deals["object_home"]])
    countries = side.multiselect(
        "Country",
        sorted(codes.dropna().unique(), key=country_name),
        format_func=country_name,
        key="f_countries",
        help="Deals aimed at the country (or a city or region in it), or made by an actor based there.",
    )
    roles = pd.concat([deals["subject_role"], deals["object_role"]]).dropna().unique()
    picked_roles = side.multiselect("Actor role", sorted(roles), key="f_roles")
    return Filters(start, end, tuple(deal_types), tuple(countries), tuple(picked_roles))


def per_deal(deals: pd.DataFrame) -> pd.DataFrame:
    """One row per deal: largest amounts, first date, and whether any report states it."""
    if deals.empty:
        return deals.assign(first_date=pd.Series(dtype="datetime64[ns]"))
    grouped = deals.groupby("deal", sort=False)
    firsts = grouped[
        ["predicate", "subject", "subject_label", "object", "object_label", "destination"]
    ].first()
    return firsts.assign(
        usd=grouped["usd"].max(),
        mw=grouped["mw"].max(),
        first_date=grouped["date"].min(),
        stated=grouped["stated"].any(),
        reports=grouped["article"].nunique(),
    ).reset_index()
