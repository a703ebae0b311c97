"""Tests of `extract.power`: the capacity parser and its `aikg_power_v1` spaCy component."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.power import POWER_FACTORY, PowerMatch, find_power

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


def parsed(text: str) -> list[tuple[str, float]]:
    return [(p.text, p.mw) for p in find_power(text)]


SINGLE: list[tuple[str, tuple[str, float]]] = [
    ("Meta will buy 300 MW of output.", ("300 MW", 300.0)),
    ("a 300MW site", ("300MW", 300.0)),
    ("about 835 megawatts of carbon-free electricity", ("835 megawatts", 835.0)),
    ("the 1.2 gigawatts Abilene campus", ("1.2 gigawatts", 1200.0)),
    ("lift the campus to roughly 1.2 GW, with", ("1.2 GW", 1200.0)),
    ("a 5GW campus", ("5GW", 5000.0)),
    ("a 2-GW campus", ("2-GW", 2000.0)),
    ("from the 2.5-GW plant", ("2.5-GW", 2500.0)),
    ("the 1.4-gigawatt AI data-center campus", ("1.4-gigawatt", 1400.0)),
    ("a 1 gigawatt cluster", ("1 gigawatt", 1000.0)),
    ("1,400 megawatts", ("1,400 megawatts", 1400.0)),
    ("covering up to 1,920 MW of nuclear output", ("1,920 MW", 1920.0)),
    ("up to 1 GW", ("1 GW", 1000.0)),
    ("a 500 kW solar array", ("500 kW", 0.5)),
    ("250 kilowatts of backup", ("250 kilowatts", 0.25)),
    ("a 50 MWe unit", ("50 MWe", 50.0)),
    ("a 100 MWp solar farm", ("100 MWp", 100.0)),
    ("the US grid adds 1 TW", ("1 TW", 1_000_000.0)),
    ("Ten gigawatts is roughly the output of ten reactors", ("Ten gigawatts", 10_000.0)),
    ("two gigawatts", ("two gigawatts", 2000.0)),
    ("half a gigawatt", ("half a gigawatt", 500.0)),
    ("a site that can take a gigawatt of load", ("a gigawatt", 1000.0)),
    ("well over a gigawatt of capacity", ("a gigawatt", 1000.0)),
    ("could take the campus past a gigawatt, according to", ("a gigawatt", 1000.0)),
    ("5 GW a year", ("5 GW", 5000.0)),
    ("two 500 MW units, 500 MW each", ("500 MW", 500.0)),
    ("a 1-gigawatt-scale campus", ("1-gigawatt", 1000.0)),
    ("10-plus GW of demand", ("10-plus GW", 10_000.0)),
    ("10+ GW of demand", ("10+ GW", 10_000.0)),
    ("a 1.5GW+ pipeline", ("1.5GW", 1500.0)),
    ("a 1,000-megawatt plant", ("1,000-megawatt", 1000.0)),
    ("a 100 megawatt (MW) plant", ("100 megawatt", 100.0)),
]


@pytest.mark.parametrize(("text", "expected"), SINGLE)
def test_single_capacities(text: str, expected: tuple[str, float]) -> None:
    found = parsed(text)
    assert found[-1] == expected
    assert len(found) == (2 if "each" in text else 1)


RANGES: list[tuple[str, list[tuple[str, float]]]] = [
    ("100 MW to 1 GW", [("100 MW", 100.0), ("1 GW", 1000.0)]),
    ("from 300 MW to 480 MW.", [("300 MW", 300.0), ("480 MW", 480.0)]),
    ("reaching between 840 MW and 1,200 MW by 2029", [("840 MW", 840.0), ("1,200 MW", 1200.0)]),
    ("100 to 300 MW", [("100", 100.0), ("300 MW", 300.0)]),
    ("1-2 GW", [("1", 1000.0), ("2 GW", 2000.0)]),
    ("1–2 GW", [("1", 1000.0), ("2 GW", 2000.0)]),
    ("between 1 and 2 gigawatts", [("1", 1000.0), ("2 gigawatts", 2000.0)]),
    ("1.2GW (1,200MW)", [("1.2GW", 1200.0), ("1,200MW", 1200.0)]),
    ("41 MW of capacity due by 2027 and 103 MW by 2029", [("41 MW", 41.0), ("103 MW", 103.0)]),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_ranges_and_lists(text: str, expected: list[tuple[str, float]]) -> None:
    assert parsed(text) == expected


NOT_POWER = [
    "more than 1.4 million MWh of carbon-free electricity",
    "40 MWh of storage",
    "US data centers used 176 TWh in 2023",
    "between 325 TWh and 580 TWh by 2028",
    "10 GWh battery",
    "200 megawatt-hours",
    "200 megawatt hours",
    "5 gigawatt-hours",
    "a wave of gigawatt-scale projects",
    "GW-scale campuses",
    "its third multi-gigawatt hardware commitment",
    "how many megawatts it would add",
    "requests for gigawatts of new connections",
    "a gigawatt-scale site",
    "the first gigawatt is scheduled",
    "racks drawing 130 kW per rack",
    "120kW/rack",
    "racks drawing more than 250 kW each",
    "0 MW",
    "a 300 mW laser",
    "$10 million per MW",
    "cleared at $329.17 per megawatt-day",
    "from 2024 to 2025",
    "a $10 billion deal",
]


@pytest.mark.parametrize("text", NOT_POWER)
def test_not_power(text: str) -> None:
    assert find_power(text) == []


def test_range_left_end_is_not_a_year() -> None:
    assert parsed("from 2024 to 5 GW") == [("5 GW", 5000.0)]
    assert parsed("Phase 2 and 300 MW") == [("300 MW", 300.0)]
    assert parsed("Phase 1-300 MW") == [("300 MW", 300.0)]


@pytest.mark.parametrize("text", [t for t, _ in SINGLE] + [t for t, _ in RANGES] + ["a\n2 GW and 3GW\n"])
def test_spans_are_slices_of_the_input(text: str) -> None:
    for p in find_power(text):
        assert text[p.start : p.end] == p.text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["1", "2.5", "1,200", " ", "-", " to ", " and ", "between ", "MW", "GW", "kW", "h",
             "megawatts", "gigawatt", "-hours", " per rack", "a ", "half a ", " of", "\n", "e"]
        ),
        max_size=12,
    ).map("".join)
)  # fmt: skip
def test_any_text_gives_positive_slices(text: str) -> None:
    for p in find_power(text):
        assert text[p.start : p.end] == p.text
        assert p.mw > 0


def test_matches_are_frozen_and_hashable() -> None:
    p = find_power("1.2 GW")[0]
    assert p == PowerMatch("1.2 GW", 1200.0, 0, 6)
    assert len({p, find_power("1.2 GW")[0]}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.mw = 1.0  # type: ignore[misc]


def test_component_stores_matches_on_the_doc() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(POWER_FACTORY)
    text = "Amazon bought a 960 MW campus next to the 2.5-GW plant, not 5 TWh a year."
    doc = nlp(text)
    assert doc._.aikg_power == tuple(find_power(text))
    assert [p.mw for p in doc._.aikg_power] == [960.0, 2500.0]
    assert nlp.pipe_names == [POWER_FACTORY]


def test_component_leaves_other_docs_alone() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(POWER_FACTORY, name="capacity")
    assert nlp("no power here")._.aikg_power == ()
    assert spacy.blank("en")("300 MW")._.aikg_power is None


def test_gold_power_is_found_with_f1_at_least_095() -> None:
    tp = n_pred = n_gold = 0
    for path in sorted(GOLD.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        gold = [float(p["mw"]) for p in doc.get("power", [])]
        n_gold += len(gold)
        for p in find_power(doc["text"]):
            n_pred += 1
            hit = next((g for g in gold if abs(g - p.mw) <= 0.01 * max(g, 1)), None)
            if hit is not None:
                gold.remove(hit)
                tp += 1
    if n_gold == 0:
        pytest.skip("no gold documents with power")
    precision, recall = tp / max(n_pred, 1), tp / n_gold
    assert 2 * precision * recall / (precision + recall) >= 0.95
