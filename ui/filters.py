"""The filters (dates, deal types, countries, actor roles) and the Overview's per-deal summary.

The filters read the per-report table of :func:`ui.resources.deal_reports`; what they keep is
defined once, in :class:`graph.dealfilter.DealFilter`. :func:`per_deal` then folds the matching
reports into one row per deal.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.dealfilter import DealFilter
from ui.render import country_name, readable

__all__ = ["Filters", "filters", "per_deal"]


class Filters(DealFilter):
    """The Overview filters: a :class:`graph.dealfilter.DealFilter`, applied to a table of reports.

    The Export page reads the same widgets, and exports what :meth:`apply` keeps.
    """

    __slots__ = ()

    def apply(self, deals: pd.DataFrame) -> pd.DataFrame:
        """The reports that pass every filter (:meth:`DealFilter.admits` on each row)."""
        if not self.active:
            return deals
        columns = ("predicate", "subject_home", "object_home", "subject_role", "object_role")
        rows = zip(deals["date"], *(deals[c] for c in columns), strict=True)
        keep = [
            self.admits(None if pd.isna(date) else date.date(), predicate, (sh, oh), (sr, orl))
            for date, predicate, sh, oh, sr, orl in rows
        ]
        return deals[pd.Series(keep, index=deals.index, dtype=bool)]


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
