"""A fast stand-in for en_core_web_sm's lemmatizer: each distinct word form is lemmatised once.

spaCy's rule lemmatizer visits every token from Python and looks its lemma up again. A lemma is
a function of the token's form, part of speech and morphology only, so :class:`FastLemmas` reads
those three columns at once with ``Doc.to_array``, asks the model's own lemmatizer about each
combination the first time it is seen, and writes the lemmas back with ``Doc.from_array``. Tokens
that already have a lemma (set by the attribute ruler's exceptions) keep it, as with the stock
component.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["FAST_LEMMAS", "FastLemmas", "make_fast_lemmas", "replace_lemmatizer"]

#: The registered name of the component.
FAST_LEMMAS = "aikg_lemmas_v1"


class FastLemmas:
    """Sets ``token.lemma`` as the wrapped lemmatizer would, asking it once per distinct word form.

    Args:
        lemmatizer: the model's ``Lemmatizer`` (its ``lemmatize(token)`` gives the lemmas).
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        #: (ORTH, POS, MORPH) -> the lemma's hash.
        self._known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token of `doc` that has none."""
        if self.lemmatizer.overwrite or not getattr(self.lemmatizer, "_validated", True):
            return self.lemmatizer(doc)
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        todo = np.flatnonzero(lemmas == 0)
        known = self._known
        strings = doc.vocab.strings
        for i, orth, pos, morph in zip(todo.tolist(), *columns[todo, :3].T.tolist(), strict=True):
            key = (orth, pos, morph)
            lemma = known.get(key)
            if lemma is None:
                lemma = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if pos:  # no part of speech: the lemmatizer warns each time, so ask it each time
                    known[key] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Process a stream of docs (``batch_size`` is accepted for spaCy and unused)."""
        for doc in docs:
            yield self(doc)


@Language.factory(FAST_LEMMAS, default_config={"lemmatizer": "lemmatizer"})
def make_fast_lemmas(nlp: Language, name: str, lemmatizer: str) -> FastLemmas:
    """The stand-in for the pipeline's component `lemmatizer`."""
    del name
    return FastLemmas(nlp.get_pipe(lemmatizer))


def replace_lemmatizer(nlp: Language, lemmatizer: str = "lemmatizer") -> bool:
    """Swap the pipeline's lemmatizer for a :class:`FastLemmas` wrapping it.

    Returns:
        True when replaced; False when the pipeline has no such component.
    """
    if lemmatizer not in nlp.pipe_names:
        return False
    nlp.add_pipe(FAST_LEMMAS, after=lemmatizer, config={"lemmatizer": lemmatizer})
    nlp.remove_pipe(lemmatizer)
    return True
