"""The curated registry of AI-infrastructure actors, read from `extract/data/actors.jsonl`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.errors import RegistryError
from extract.records import ENTITY_TYPES, EntityType

__all__ = ["REGISTRY_PATH", "ROLES", "Actor", "Registry", "load_registry", "normalize_name"]

REGISTRY_PATH = Path(__file__).parent / "data" / "actors.jsonl"
ROLES: frozenset[str] = frozenset(
    {
        "ai_lab", "hyperscaler", "neocloud", "chip_maker", "hardware_maker", "datacenter_operator",
        "utility", "power_producer", "energy_company", "investor", "sovereign_fund", "pension_fund",
        "government", "regulator", "agency", "telecom", "university", "research", "media",
        "consultancy", "conglomerate", "software", "executive", "official", "industry_group",
        "region", "other",
    }
)  # fmt: skip
_FIELDS = {"key", "name", "type", "aliases", "wikidata", "country", "role"}
_SUFFIXES = {
    "inc", "corp", "corporation", "ltd", "llc", "plc", "co", "company", "group", "holdings",
    "limited", "ag", "sa", "nv", "kk", "pbc", "se", "gmbh", "bv", "ab", "asa", "spa", "lp",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Actor:
    """One registry entry: a known actor with its canonical identity."""

    key: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    wikidata: str | None
    country: str | None
    role: str | None


def normalize_name(text: str) -> str:
    """A lookup key for a name: lower case, no possessive, no leading "the", no legal suffix.

    >>> normalize_name("Microsoft Corp.'s")
    'microsoft'
    >>> normalize_name("the U.S.")
    'u.s.'
    """
    s = text.strip().replace("\u2019", "'")
    if s.endswith(("'s", "'")):
        s = s[:-2] if s.endswith("'s") else s[:-1]
    words = s.lower().replace(",", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1].strip(".") in _SUFFIXES:
        words = words[:-1]
    return " ".join(words).strip()


class Registry:
    """Actors by key, and an index from normalized names and aliases to keys."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors: dict[str, Actor] = {}
        self._index: dict[str, str] = {}
        for actor in actors:
            if actor.key in self.actors:
                raise RegistryError(f"actor key {actor.key!r} appears twice in the registry")
            self.actors[actor.key] = actor
            for form in (actor.name, *actor.aliases):
                self._index.setdefault(normalize_name(form), actor.key)

    def __len__(self) -> int:
        return len(self.actors)

    def lookup(self, text: str) -> Actor | None:
        """The actor a surface form names, if the registry knows it."""
        key = self._index.get(normalize_name(text))
        return self.actors[key] if key else None

    def get(self, key: str) -> Actor | None:
        """The actor with this registry key."""
        return self.actors.get(key)


def _parse_line(line: str, number: int, path: Path) -> Actor:
    where = f"{path}:{number}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RegistryError(f"{where}: not JSON ({exc.msg})") from exc
    if not isinstance(data, dict) or set(data) != _FIELDS:
        raise RegistryError(f"{where}: an actor needs exactly the fields {sorted(_FIELDS)}")
    if data["type"] not in ENTITY_TYPES:
        raise RegistryError(f"{where}: type {data['type']!r} is not one of {sorted(ENTITY_TYPES)}")
    if data["role"] is not None and data["role"] not in ROLES:
        raise RegistryError(f"{where}: role {data['role']!r} is not one of {sorted(ROLES)}")
    return Actor(
        key=str(data["key"]),
        name=str(data["name"]),
        type=data["type"],
        aliases=tuple(str(a) for a in data["aliases"] or ()),
        wikidata=data["wikidata"] or None,
        country=data["country"] or None,
        role=data["role"] or None,
    )


@cache
def load_registry(path: Path = REGISTRY_PATH) -> Registry:
    """Read the registry data file once per process.

    Raises:
        RegistryError: the file is missing or a line is malformed.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read the actor registry ({exc.strerror})") from exc
    return Registry([_parse_line(line, n, path) for n, line in enumerate(lines, 1) if line.strip()])
