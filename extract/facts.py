"""Standing facts read around names: headquarters ("X-based"), "City, Country", and who works
for whom ("OpenAI chief executive Sam Altman")."""

from __future__ import annotations

from collections.abc import Iterator

from extract import cues
from extract.clauses import (
    _ORG_TYPES,
    _PASSIVE_SUBJECT_DEPS,
    _PLACE_TYPES,
    _SUBJECT_DEPS,
    _Found,
    _Sentence,
)
from extract.records import Entity

__all__: list[str] = []


def _based_in(s: _Sentence, previous_org: Entity | None, referent: Entity | None) -> Iterator[_Found]:
    """ "X-based Y", "Y, based in X", "Y is headquartered in X"."""
    lowered = s.text.lower()
    if "based" not in lowered and "headquartered" not in lowered:
        return
    toks = list(s.sent)
    for i, t in enumerate(toks):
        if t.lower_ not in {"based", "headquartered"}:
            continue
        places: list[Entity] = []
        if i >= 2 and toks[i - 1].text == "-":
            e = s.index.at(toks[i - 2].i)
            if e is not None and e.type in _PLACE_TYPES:
                # "Austin, Texas-based": the city before the comma is the headquarters.
                j = toks[i - 2].i
                while j > s.sent.start and s.index.at(j - 1) is e:
                    j -= 1
                before = (
                    s.index.at(j - 2) if j - 2 >= s.sent.start and s.sent.doc[j - 1].text == "," else None
                )
                places.append(before if before is not None and before.type == "City" else e)
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "out"}:
                places += [e for e in s.entities_in(prep) if e.type in _PLACE_TYPES][:1]
        if not places:
            continue
        holder: Entity | None = None
        head = t.head
        for cand in (
            head,
            *[c for c in t.head.children if c.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS],
        ):
            e = s.entity(cand)
            if e is not None and e.type in _ORG_TYPES:
                holder = e
                break
        if holder is None:
            for c in t.children:
                if c.dep_ in _PASSIVE_SUBJECT_DEPS:
                    e = s.entity(c)
                    if e is not None and e.type in _ORG_TYPES:
                        holder = e
        if holder is None and head.dep_ == "appos":
            holder = s.entity(head.head)
        referred = holder is None and head.lemma_.lower() in cues.REFERRING_NOUNS
        if referred:
            # "The Baltimore-based company": an organisation named just before, or the one the
            # article is about, whichever is not known to be based in another country.
            home = places[0].country
            for antecedent in (s.org_before(t), referent, previous_org):
                if antecedent is None or (not antecedent.in_registry and len(antecedent.name.split()) < 2):
                    continue  # a lone word the model took for a company is no antecedent
                if antecedent.country is None or home is None or antecedent.country == home:
                    holder = antecedent
                    break
        if holder is not None:
            for p in places:
                yield _Found(holder, "headquartered_in", p, inferred_subject=referred)


def _located_in(s: _Sentence) -> Iterator[_Found]:
    """ "Johor, Malaysia" or "Kulai, Johor, Malaysia": a place, a comma, and its country."""
    spans = [(span, e) for span, e in s.index.spans if s.sent.start <= span.start < s.sent.end]
    doc = s.sent.doc
    for i, (a, ea) in enumerate(spans):
        if ea.type not in {"City", "Region"}:
            continue
        prev_end = a.end
        for b, eb in spans[i + 1 : i + 3]:
            if doc[prev_end : b.start].text.strip() != ",":
                break
            if eb.type == "Country":
                if eb != ea and not (ea.country and eb.country and ea.country != eb.country):
                    yield _Found(ea, "located_in", eb)
                break
            if eb.type != "Region":
                break
            prev_end = b.end


#: Titles that belong to a company: a person with one of these and no organisation named works
#: for the company the article is about ("Chief executive Ali Ghodsi said ...").
_COMPANY_TITLES = frozenset(
    {"ceo", "chief", "founder", "co-founder", "cofounder", "cfo", "cto", "coo", "chairman", "chairwoman"}
)
_FORMER = frozenset({"former", "ex", "ex-", "onetime", "previously", "then", "late"})


def _works_for(s: _Sentence, referent: Entity | None) -> Iterator[_Found]:
    """ "Microsoft president Brad Smith", "Sam Altman, chief executive of OpenAI",
    "Chief executive Ali Ghodsi" (of the company the article is about)."""
    spans = [(span, e) for span, e in s.index.spans if s.sent.start <= span.start < s.sent.end]
    doc = s.sent.doc
    for span, person in spans:
        if person.type != "Person":
            continue
        left = doc[max(s.sent.start, span.start - 7) : span.start]
        right = doc[span.end : min(s.sent.end, span.end + 9)]
        for window, reverse in ((left, True), (right, False)):
            tokens = list(window)
            if not any(t.lower_ in cues.TITLE_WORDS for t in tokens):
                continue
            if any(t.pos_ == "VERB" and t.lower_ not in {"founded", "led"} for t in tokens):
                cut = [i for i, t in enumerate(tokens) if t.pos_ == "VERB"]
                tokens = tokens[cut[-1] + 1 :] if reverse else tokens[: cut[0]]
            if not any(t.lower_ in cues.TITLE_WORDS for t in tokens):
                continue
            if any(t.lower_ in _FORMER for t in tokens):
                continue
            found = [s.index.at(t.i) for t in tokens]
            org_list = [o for o in found if o is not None and o.type in _ORG_TYPES]
            if org_list:
                yield _Found(person, "works_for", org_list[-1] if reverse else org_list[0])
                break
            if referent is None or any(o is not None and o.type in _PLACE_TYPES for o in found):
                continue
            near = tokens[-3:] if reverse else tokens[:5]
            company_title = any(t.lower_ in _COMPANY_TITLES for t in near)
            if company_title and (reverse or any(t.lower_ in {"its", "their"} for t in near)):
                yield _Found(person, "works_for", referent, inferred_subject=True)
                break
