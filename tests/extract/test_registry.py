"""The actor registry data file: size, shape, coverage, and name lookup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
import pytest

from extract.errors import RegistryError
from extract.records import ENTITY_TYPES
from extract.registry import REGISTRY_PATH, ROLES, Registry, load_registry, normalize_name


def test_registry_holds_at_least_300_actors_of_every_kind() -> None:
    registry = load_registry()
    assert len(registry) >= 300
    types = {a.type for a in registry.actors.values()}
    assert {"Company", "Organization", "Person", "Region"} <= types
    roles = {a.role for a in registry.actors.values()}
    for role in (
        "ai_lab",
        "hyperscaler",
        "neocloud",
        "chip_maker",
        "datacenter_operator",
        "utility",
        "investor",
    ):
        assert role in roles


def test_every_entry_is_well_formed() -> None:
    names: dict[str, str] = {}
    for actor in load_registry().actors.values():
        assert actor.type in ENTITY_TYPES
        assert actor.role is None or actor.role in ROLES
        assert actor.wikidata is None or re.fullmatch(r"Q\d+", actor.wikidata)
        assert actor.country is None or pycountry.countries.get(alpha_2=actor.country) is not None
        for form in (actor.name, *actor.aliases):
            other = names.setdefault(normalize_name(form), actor.key)
            assert other == actor.key, f"{form!r} names both {other} and {actor.key}"


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("Microsoft", "microsoft"),
        ("Microsoft Corp.", "microsoft"),
        ("Microsoft's", "microsoft"),
        ("AWS", None),
    ],
)
def test_lookup_resolves_legal_suffixes_and_possessives(surface: str, key: str | None) -> None:
    actor = load_registry().lookup(surface)
    assert actor is not None
    if key:
        assert actor.key == key


def test_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "actors.jsonl"
    good = {
        "key": "a",
        "name": "A",
        "type": "Company",
        "aliases": [],
        "wikidata": None,
        "country": None,
        "role": None,
    }
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "key": "b", "type": "Robot"}) + "\n")
    with pytest.raises(RegistryError, match=r"actors.jsonl:2: type 'Robot' is not one of"):
        load_registry(path)


def test_duplicate_keys_are_refused() -> None:
    from extract.registry import Actor

    actor = Actor("a", "A", "Company", (), None, None, None)
    with pytest.raises(RegistryError, match="appears twice"):
        Registry([actor, actor])


def test_shipped_file_is_sorted_by_key() -> None:
    keys = [json.loads(line)["key"] for line in REGISTRY_PATH.read_text().splitlines() if line.strip()]
    assert keys == sorted(keys)
