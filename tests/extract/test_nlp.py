"""The entity-fix component on a blank pipeline, and the assembled aikg pipeline."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from extract.nlp import load_nlp


def blank_with_ents(text: str, ents: list[tuple[int, int, str]]) -> spacy.tokens.Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe("aikg_entity_fixes_v1")
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return nlp.get_pipe("aikg_entity_fixes_v1")(doc)


def test_org_looking_person_becomes_org() -> None:
    doc = blank_with_ents("GMI Cloud raised money", [(0, 2, "PERSON")])
    assert [(e.text, e.label_) for e in doc.ents] == [("GMI Cloud", "ORG")]


def test_units_and_numbers_are_dropped() -> None:
    doc = blank_with_ents("a 960 MW campus", [(2, 3, "ORG"), (1, 2, "ORG")])
    assert list(doc.ents) == []


def test_leading_the_and_possessive_are_trimmed() -> None:
    doc = blank_with_ents("the Talen Energy 's plant", [(0, 4, "ORG")])
    assert [e.text for e in doc.ents] == ["Talen Energy"]


def test_pipeline_has_our_components_in_order() -> None:
    names = load_nlp().pipe_names
    assert names.index("aikg_actors") < names.index("ner") < names.index("aikg_entity_fixes_v1")
    assert "aikg_amounts_v1" in names or any("amount" in n for n in names)


def test_registry_beats_the_statistical_model() -> None:
    doc = load_nlp()("Anthropic and Wood Mackenzie met GMI Cloud in Taipei.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Anthropic"] == "ORG"
    assert labels["Wood Mackenzie"] == "ORG"
