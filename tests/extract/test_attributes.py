"""The fast attribute ruler and lemmatizer: token for token what en_core_web_sm's components set."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from extract.attributes import FAST_ATTRIBUTES, UnsupportedPatternError, replace_attribute_ruler
from extract.lemmas import FAST_LEMMAS, replace_lemmatizer
from extract.nlp import MODEL_PACKAGE, load_nlp

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
#: Texts that reach the ruler's exceptions: contractions, pronouns, "gonna", "y'all", regexes.
TEXTS = [
    "I'm gonna do it.  You ain't seen nothin' yet, y'all!\n\nLet's go. It's there, isn't it?",
    "Who did it? C'mon, we'd have had it. She gets what she got, 'em too. Somethin' 'bout it.",
    "There is a plant that they have been building; those who can will, but it may not.",
    "Microsoft said it would invest $3.2 billion in Germany, which it hasn't done yet.",
]


def _annotations(nlp: Language, texts: list[str]) -> list[tuple[str, str, str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for doc in nlp.pipe(texts) for t in doc]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    stock = spacy.load(MODEL_PACKAGE, exclude=["ner"])
    fast = spacy.load(MODEL_PACKAGE, exclude=["ner"])
    assert replace_attribute_ruler(fast)
    return stock, fast


def test_same_annotations_as_the_stock_ruler(pipelines: tuple[Language, Language]) -> None:
    stock, fast = pipelines
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.md"))[:8]]
    assert _annotations(fast, texts) == _annotations(stock, texts)


def test_replaces_the_ruler_in_place(pipelines: tuple[Language, Language]) -> None:
    _stock, fast = pipelines
    assert fast.pipe_names == ["tok2vec", "tagger", "parser", FAST_ATTRIBUTES, "lemmatizer"]
    assert fast("")[:].text == ""


def test_aikg_pipeline_uses_it() -> None:
    names = load_nlp().pipe_names
    assert FAST_ATTRIBUTES in names
    assert "attribute_ruler" not in names


def test_unsupported_pattern_keeps_the_stock_ruler() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})  # type: ignore[attr-defined]
    assert not replace_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
    with pytest.raises(UnsupportedPatternError, match="operators"):
        nlp.add_pipe(FAST_ATTRIBUTES)


def test_no_ruler_nothing_to_replace() -> None:
    assert not replace_attribute_ruler(spacy.blank("en"))


def test_fast_lemmas_match_the_lemmatizer(pipelines: tuple[Language, Language]) -> None:
    stock, _fast = pipelines
    quick = spacy.load(MODEL_PACKAGE, exclude=["ner"])
    assert replace_lemmatizer(quick)
    assert quick.pipe_names[-1] == FAST_LEMMAS
    texts = [*TEXTS, "He read it; they read it yesterday. The reads were read.", ""]
    texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.md"))[8:14]]
    assert _annotations(quick, texts) == _annotations(stock, texts)


def test_aikg_pipeline_uses_fast_lemmas() -> None:
    names = load_nlp().pipe_names
    assert FAST_LEMMAS in names
    assert "lemmatizer" not in names
