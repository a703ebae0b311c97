"""Entity resolution: spaCy entity spans -> canonical `Entity` records (registry, ISO, geonames)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from extract.places import Place, load_places
from extract.records import Entity, EntityType, Mention
from extract.registry import Actor, Registry, load_registry, normalize_name

__all__ = ["EntityIndex", "resolve_entities"]

#: Confidence of entities that the registry or the gazetteers know, and of model-only ones.
KNOWN_CONFIDENCE = 1.0
MODEL_CONFIDENCE = 0.6
_ORG_WORDS = re.compile(
    r"\b(ministry|department|agency|authority|commission|council|university|institute|"
    r"government|administration|parliament|senate|congress|regulator|office|board|bureau|"
    r"school|college|academy|foundation|association|federation|union|court|"
    r"news|times|journal|post|reuters|bloomberg)\b",
    re.IGNORECASE,
)
_NOT_ACTORS = frozenset(
    {
        "ai", "gpu", "gpus", "ceo", "cfo", "cto", "ipo", "capex", "llm", "mw", "gw", "series",
        "data center", "data centers", "the company", "cloud", "azure", "chatgpt", "claude",
        "gemini", "blackwell", "hopper", "nasdaq", "nyse", "ppa", "smr", "smrs",
    }
)  # fmt: skip


@dataclass
class _Draft:
    key: str
    name: str
    type: EntityType
    wikidata: str | None = None
    country: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    confidence: float = KNOWN_CONFIDENCE
    in_registry: bool = False
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class EntityIndex:
    """The entities of one document and which tokens belong to which entity."""

    entities: list[Entity]
    by_token: dict[int, Entity]
    spans: list[tuple[Span, Entity]]

    def at(self, token_i: int) -> Entity | None:
        """The entity covering token `token_i`, if any."""
        return self.by_token.get(token_i)


def _from_actor(actor: Actor) -> _Draft:
    return _Draft(
        key=actor.key,
        name=actor.name,
        type=actor.type,
        wikidata=actor.wikidata,
        country=actor.country,
        role=actor.role,
        aliases=actor.aliases,
        in_registry=True,
    )


def _from_place(place: Place) -> _Draft:
    return _Draft(key=place.key, name=place.name, type=place.type, country=place.country)


#: Last words of facility and campus names ("Crane Clean Energy Center"): not actors.
_FACILITY_TAIL = frozenset(
    {"center", "centre", "plant", "station", "campus", "facility", "park", "site", "project",
     "complex", "reactor", "unit", "fab", "cluster", "supercomputer", "mine", "dam", "farm"}
)  # fmt: skip


def _clean_surface(text: str) -> str:
    s = re.split(r"\s+(?:--|\u2014|\u2013)\s*|\s*(?:--|\u2014)\s+", text.strip())[0]
    s = s.strip().strip(",;:()\"'").strip()
    if s.endswith(".") and not re.search(r"\b(Inc|Corp|Co|Ltd|S\.A|N\.V|[A-Z])\.$", s):
        s = s[:-1]
    s = re.sub(r"[\u2019']s$", "", s).strip()
    return s


def _resolve_span(span: Span, registry: Registry) -> _Draft | None:
    places = load_places()
    surface = _clean_surface(span.text)
    if not surface or normalize_name(surface) in _NOT_ACTORS:
        return None
    key = span.ent_id_ or span.id_
    if key:
        if key.startswith("country:"):
            place = places.country_by_code(key.split(":", 1)[1])
            return _from_place(place) if place else None
        if key.startswith("region:"):
            place = places.resolve(surface)
            return _from_place(place) if place else None
        actor = registry.get(key)
        if actor is not None:
            return _from_actor(actor)
    actor = registry.lookup(surface)
    if actor is not None:
        return _from_actor(actor)
    label = span.label_
    if label in {"GPE", "LOC"}:
        place = places.resolve(surface)
        return _from_place(place) if place is not None else None
    if label in {"NORP", "FAC"}:
        return None  # demonyms ("Japanese") and facilities are not actors
    if label == "ORG":
        if surface.isupper() and len(surface) > 4:
            place = places.resolve(surface.title())  # a dateline: "BALTIMORE --"
            if place is not None:
                return _from_place(place)
        if surface.split()[-1].lower() in _FACILITY_TAIL:
            return None
        if places.country(surface) is not None:
            place = places.country(surface)
            return _from_place(place) if place else None
        etype: EntityType = "Organization" if _ORG_WORDS.search(surface) else "Company"
        return _Draft(key=_slug_key(surface), name=surface, type=etype, confidence=MODEL_CONFIDENCE)
    if label == "PERSON":
        if len(surface.split()) < 2:
            return None  # a bare surname is resolved against full names later
        return _Draft(key=_slug_key(surface), name=surface, type="Person", confidence=MODEL_CONFIDENCE)
    return None


#: First words of organisation names too common to stand for the organisation alone.
_COMMON_FIRST_WORDS = frozenset(
    {"global", "general", "first", "new", "united", "american", "national", "international", "digital",
     "energy", "power", "data", "open", "the", "public", "central", "southern", "northern", "western",
     "eastern", "pacific", "atlantic", "green", "blue", "red", "black", "silver", "capital", "applied",
     "advanced", "future", "next", "prime", "primary", "core", "safe", "thinking", "world", "royal",
     "saudi", "abu", "south", "north", "east", "west", "us", "u.s.", "european", "chinese", "japanese",
     "british", "korean", "indian", "french", "german", "canadian", "australian", "emirati"}
)  # fmt: skip


def _short_names(doc: Doc, drafts: dict[str, _Draft], span_keys: list[tuple[Span, str]]) -> None:
    """ "Scale" after "Scale AI", "ZT" after "ZT Systems": a distinctive first word of an
    organisation named in full stands for it in the rest of the article."""
    by_first: dict[str, str] = {}
    for d in drafts.values():
        words = d.name.split()
        if (
            d.type in {"Company", "Organization"}
            and len(words) > 1
            and words[0].lower() not in _COMMON_FIRST_WORDS
        ):
            by_first.setdefault(words[0], d.key)
    # A model-only organisation named by that first word alone is the same one.
    for key, d in list(drafts.items()):
        target = by_first.get(d.name)
        if key.startswith("name:") and target and target != key:
            drafts[target].mentions.extend(d.mentions)
            del drafts[key]
            span_keys[:] = [(sp, target if k == key else k) for sp, k in span_keys]
    if not by_first:
        return
    covered = {i for sp, _k in span_keys for i in range(sp.start, sp.end)}
    # Only tokens spelled like one of those first words, found on the ORTH column at once.
    wanted = np.array([get_string_id(word) for word in by_first], dtype=np.uint64)
    for i in np.flatnonzero(np.isin(doc.to_array("ORTH"), wanted)).tolist():
        token = doc[i]
        found = by_first.get(token.text)
        if found is None or token.i in covered or token.pos_ != "PROPN":
            continue
        key = found
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.text == drafts[key].name.split()[1]:
            continue
        span = Span(doc, token.i, token.i + 1, label="ORG")
        drafts[key].mentions.append(Mention(token.text, token.idx, token.idx + len(token.text)))
        span_keys.append((span, key))


def _relocate_cities(doc: Doc, drafts: dict[str, _Draft], span_keys: list[tuple[Span, str]]) -> None:
    """Pick, among cities of the same name, the one the article means: the one in the state or
    country named right after it ("Santa Clara, California"), else one in a country the article
    names, else the most populous."""
    places = load_places()
    ordered = sorted(span_keys, key=lambda sk: sk[0].start)
    named_countries = {d.country for d in drafts.values() if d.type in {"Country", "Region"} and d.country}
    moves: dict[str, str] = {}
    for i, (span, key) in enumerate(ordered):
        d = drafts.get(key)
        if d is None or d.type != "City" or key in moves:
            continue
        surface = _clean_surface(span.text)
        candidates = places.cities(surface)
        context = None
        if i + 1 < len(ordered):
            nxt_span, nxt_key = ordered[i + 1]
            follower = drafts.get(nxt_key)
            if follower is not None and doc[span.end : nxt_span.start].text.strip() == ",":
                context = follower.country if follower.type in {"Country", "Region"} else None
        better = places.city_in(surface, context) if context else None
        if context and better is None and d.country != context:
            # "Palo, Iowa": a town too small for the gazetteer, in the state named after it.
            better = Place(
                key=f"city:{context}:{surface.lower()}", name=surface, type="City", country=context
            )
        if better is None and d.country not in named_countries and candidates:
            # Only a namesake of comparable size, in a country the article names, wins:
            # Santa Clara, California over Santa Clara, Cuba; never Amsterdam, New York.
            floor = places.population(candidates[0]) // 4
            better = next(
                (c for c in candidates if c.country in named_countries and places.population(c) >= floor),
                None,
            )
        if better is not None and better.key != key:
            moves[key] = better.key
            moved = drafts.pop(key)
            target = drafts.setdefault(
                better.key, _Draft(key=better.key, name=better.name, type="City", country=better.country)
            )
            target.mentions.extend(moved.mentions)
    if moves:
        span_keys[:] = [(sp, moves.get(k, k)) for sp, k in span_keys]


def _slug_key(name: str) -> str:
    return "name:" + normalize_name(name)


def resolve_entities(doc: Doc, doc_id: str, registry: Registry | None = None) -> EntityIndex:
    """Resolve every actor and place span of `doc` to one canonical entity per real-world thing.

    Args:
        doc: a document processed by `extract.nlp.load_nlp()`.
        doc_id: the article id, copied into each record.
        registry: the actor registry (default: the shipped one).

    Returns:
        The entities in order of first mention, and a token -> entity map for relation finding.
    """
    registry = registry or load_registry()
    drafts: dict[str, _Draft] = {}
    span_keys: list[tuple[Span, str]] = []
    pending_surnames: list[Span] = []
    for span in doc.ents:
        if span.label_ not in {"ORG", "PERSON", "GPE", "LOC", "NORP", "FAC"}:
            continue
        draft = _resolve_span(span, registry)
        if draft is None:
            if span.label_ == "PERSON" and len(_clean_surface(span.text).split()) == 1:
                pending_surnames.append(span)
            continue
        current = drafts.setdefault(draft.key, draft)
        current.mentions.append(Mention(_clean_surface(span.text), span.start_char, span.end_char))
        span_keys.append((span, draft.key))
    # "Altman" after "Sam Altman": a bare surname joins the person already named in full.
    for span in pending_surnames:
        surname = _clean_surface(span.text)
        for draft in drafts.values():
            if draft.type == "Person" and draft.name.split()[-1] == surname:
                draft.mentions.append(Mention(surname, span.start_char, span.end_char))
                span_keys.append((span, draft.key))
                break
    _short_names(doc, drafts, span_keys)
    _relocate_cities(doc, drafts, span_keys)
    entities: dict[str, Entity] = {}
    for key, d in drafts.items():
        entities[key] = Entity(
            doc=doc_id,
            key=d.key,
            name=d.name,
            type=d.type,
            mentions=tuple(sorted(d.mentions, key=lambda m: m.start)),
            wikidata=d.wikidata,
            country=d.country,
            role=d.role,
            aliases=d.aliases,
            confidence=d.confidence,
            in_registry=d.in_registry,
        )
    by_token: dict[int, Entity] = {}
    spans: list[tuple[Span, Entity]] = []
    for span, key in span_keys:
        entity = entities[key]
        spans.append((span, entity))
        for token in span:
            by_token[token.i] = entity
    ordered = sorted(entities.values(), key=lambda e: e.mentions[0].start if e.mentions else 0)
    return EntityIndex(entities=ordered, by_token=by_token, spans=spans)
