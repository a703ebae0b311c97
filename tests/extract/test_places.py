"""Place resolution: ISO countries with their aliases, regions, cities and their countries."""

from __future__ import annotations

import pytest

from extract.places import load_places


@pytest.mark.parametrize(
    ("text", "key", "name", "etype", "country"),
    [
        ("U.S.", "country:US", "United States", "Country", "US"),
        ("the United States", "country:US", "United States", "Country", "US"),
        ("UK", "country:GB", "United Kingdom", "Country", "GB"),
        ("Britain", "country:GB", "United Kingdom", "Country", "GB"),
        ("UAE", "country:AE", "United Arab Emirates", "Country", "AE"),
        ("South Korea", "country:KR", "South Korea", "Country", "KR"),
        ("Taiwan", "country:TW", "Taiwan", "Country", "TW"),
        ("Texas", "region:US-TX", "Texas", "Region", "US"),
        ("Virginia", "region:US-VA", "Virginia", "Region", "US"),
        ("Georgia", "region:US-Georgia", "Georgia", "Region", "US"),
        ("Johor", "region:MY-01", "Johor", "Region", "MY"),
        ("Bavaria", "region:DE-BY", "Bavaria", "Region", "DE"),
        ("Tokyo", None, "Tokyo", "City", "JP"),
        ("Memphis", None, "Memphis", "City", "US"),
        ("Narvik", None, "Narvik", "City", "NO"),
        ("Frankfurt", None, "Frankfurt am Main", "City", "DE"),
    ],
)
def test_resolves(text: str, key: str | None, name: str, etype: str, country: str) -> None:
    place = load_places().resolve(text)
    assert place is not None
    if key:
        assert place.key == key
    assert (place.name, place.type, place.country) == (name, etype, country)


@pytest.mark.parametrize("text", ["Georgia Power", "MW", "Nvidia", ""])
def test_not_places(text: str) -> None:
    assert load_places().resolve(text) is None


def test_english_exonyms_of_big_cities_but_regions_keep_their_name() -> None:
    places = load_places()
    cologne = places.resolve("Cologne")
    assert cologne is not None and (cologne.name, cologne.country) == ("Köln", "DE")
    johor = places.resolve("Johor")
    assert johor is not None and johor.type == "Region"


def test_namesakes_are_listed_most_populous_first() -> None:
    countries = [p.country for p in load_places().cities("Santa Clara")]
    assert countries[0] == "CU" and "US" in countries
