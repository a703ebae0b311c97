"""Relations read from the dependency parse: who invests in, builds in, buys from... whom."""

from __future__ import annotations

from spacy.attrs import LEMMA, POS, TAG  # type: ignore[import-not-found]
from spacy.symbols import AUX, NOUN, VERB  # type: ignore[import-not-found]
from spacy.tokens import Doc

from extract import cues
from extract.clauses import (
    _ORG_TYPES,
    _PASSIVE_SUBJECT_DEPS,
    _SUBJECT_DEPS,
    _Found,
    _Sentence,
)
from extract.deals import (
    _acts_on,
    _employment,
    _noun_relations,
    _round_investors,
    _verb_relations,
)
from extract.entities import EntityIndex
from extract.facts import (
    _based_in,
    _located_in,
    _works_for,
)
from extract.records import Amount, Entity, Evidence, Power, Relation, Status

__all__ = ["find_relations"]

_VERB_POS = frozenset({int(VERB), int(AUX)})
_NOUN_POS = int(NOUN)
#: Lemma hash -> the lemma in lower case (hashes are the same in every vocabulary).
_LOWER: dict[int, str] = {}


def _confidence(f: _Found, status: Status | None) -> float:
    sure = [f.subject.confidence] + ([f.object.confidence] if f.object else [])
    base = 0.9 if min(sure) >= 1.0 else 0.7
    if f.inferred_subject:
        base -= 0.1
    if status == "rumoured":
        base = min(base, 0.35)
    elif status == "denied":
        base = min(base, 0.2)
    return round(base, 2)


def find_relations(
    doc: Doc, doc_id: str, index: EntityIndex, amounts: list[Amount], powers: list[Power]
) -> list[Relation]:
    """Every relation the dependency parse of `doc` states, one per (subject, predicate, object)."""
    out: dict[tuple[str, str, str | None, str | None], Relation] = {}
    referent = _topic(index)
    last_raiser: Entity | None = None
    inferred_hq: set[tuple[str, str]] = set()
    cues_at = _cue_tokens(doc)
    for sent in doc.sents:
        s = _Sentence(sent, index, amounts, powers, last_raiser)
        found: list[_Found] = []
        for cue in cues_at[sent.start : sent.end]:
            if cue is None:
                continue
            i, is_verb = cue
            token = doc[i]
            if is_verb:
                found += _verb_relations(token, s, referent)
                found += _employment(token, s)
            else:
                found += _noun_relations(token, s, referent)
        found += _based_in(s, _last_org_before(index, sent.start), referent)
        found += _located_in(s)
        found += _works_for(s, referent)
        found += _round_investors(s, s.raiser)
        last_raiser = s.raiser
        if found:  # the wording and the evidence only for sentences that state something
            status = cues.sentence_status(s.text)
            evidence = Evidence(doc_id, s.text.strip(), sent.start_char, sent.end_char)
        for f in found:
            if f.object is not None and f.object == f.subject:
                continue
            key = (f.subject.name, f.predicate, f.object.name if f.object else None, status)
            if key in out:
                continue
            amount = f.amount
            if f.predicate == "headquartered_in" and f.inferred_subject and f.object is not None:
                inferred_hq.add((f.subject.name, f.object.name))
            out[key] = Relation(
                doc=doc_id,
                subject=f.subject.name,
                predicate=f.predicate,
                object=f.object.name if f.object else None,
                amount_usd=amount.usd if amount else None,
                confidence=_confidence(f, status),
                evidence=evidence,
                status=status,
                amount=amount,
                power_mw=f.power.mw if f.power else None,
            )
        for span, e in index.spans:
            if not (sent.start <= span.start < sent.end and e.type in _ORG_TYPES and len(e.mentions) >= 2):
                continue
            if any(t.dep_ in _SUBJECT_DEPS or t.dep_ in _PASSIVE_SUBJECT_DEPS for t in span):
                referent = e  # a recurring organisation that was just the subject
    return _consistent_headquarters(list(out.values()), inferred_hq)


def _cue_tokens(doc: Doc) -> list[tuple[int, bool] | None]:
    """Per token, (index, is a verb) where a verb or noun rule may act on it, else None.

    A verb (POS VERB or AUX, or tagged VBN) or a noun counts only when its lemma is one the
    deal rules act on (`deals._acts_on`); read from the doc's columns, without a Token per word.
    """
    out: list[tuple[int, bool] | None] = []
    columns = doc.to_array([POS, TAG, LEMMA]).tolist()
    strings = doc.vocab.strings
    vbn = strings["VBN"]
    for i, (pos, tag, lemma) in enumerate(columns):
        verb = pos in _VERB_POS or tag == vbn
        if not (verb or pos == _NOUN_POS):
            out.append(None)
            continue
        lower = _LOWER.get(lemma)
        if lower is None:
            lower = _LOWER[lemma] = strings[lemma].lower()
        out.append((i, verb) if _acts_on(lower, verb=verb) else None)
    return out


def _consistent_headquarters(relations: list[Relation], inferred: set[tuple[str, str]]) -> list[Relation]:
    """Drop a headquarters read through "the X-based company" for an organisation the article
    places elsewhere in so many words ("Meta, which is headquartered in Menlo Park").

    Args:
        relations: the article's relations.
        inferred: (subject, place) of the headquarters whose subject was inferred.
    """
    hq = [r for r in relations if r.predicate == "headquartered_in"]
    stated = {r.subject for r in hq if (r.subject, r.object or "") not in inferred}
    dropped = {id(r) for r in hq if (r.subject, r.object or "") in inferred and r.subject in stated}
    return [r for r in relations if id(r) not in dropped]


def _last_org_before(index: EntityIndex, token_i: int) -> Entity | None:
    """The organisation named last before a token: "... said Joe Dominguez of Constellation.
    The Baltimore-based company ..." describes Constellation, whatever the article is about."""
    before = [(span.start, e) for span, e in index.spans if span.start < token_i and e.type in _ORG_TYPES]
    return max(before, key=lambda se: se[0])[1] if before else None


def _topic(index: EntityIndex) -> Entity | None:
    """The organisation an article is about: the one named most often (first named on ties).

    "The company", "the startup" and "it" as subjects refer to it unless the sentence itself
    names an organisation before them.
    """
    orgs = [e for e in index.entities if e.type in _ORG_TYPES]
    if not orgs:
        return None
    return max(orgs, key=lambda e: (len(e.mentions), -min((m.start for m in e.mentions), default=0)))
