"""The offline recognizer: a CRF trained on ANERcorp, tagging people, places, organizations.

``CrfTagger`` tags token strings with BIO tags (the evaluation command uses it
on CoNLL files); ``OfflineRecognizer`` wraps it in the app's ``Recognizer``
interface: tokenized text in, ``Span``s with exact offsets out.

    >>> recognizer = OfflineRecognizer.load()
    >>> text = "قال الرئيس العراقي برهم صالح في بغداد"
    >>> [text[s.start:s.end] for s in recognizer.recognize(tokenized(text))]  # doctest: +SKIP
    ['برهم صالح', 'بغداد']
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from reader.analysis.ner.conll import bio_spans
from reader.analysis.ner.model import MODEL_NAME, Lexicon, lexicon_path
from reader.analysis.recognizer import TokenizedText
from reader.document import Span
from reader.entity_types import EntityType

#: ANERcorp's types as the app's; MISC (events, nationalities, ...) is not shown.
ENTITY_TYPES: dict[str, EntityType] = {
    "PERS": EntityType.PERSON,
    "LOC": EntityType.PLACE,
    "ORG": EntityType.ORGANIZATION,
}


class ModelError(RuntimeError):
    """The model file is missing or unreadable (message fit for one line)."""


class CrfTagger:
    """BIO tagging of token strings with a crfsuite model and its lexicon."""

    def __init__(self, model_path: Path, lexicon: Lexicon) -> None:
        import pycrfsuite

        self.model_path = model_path
        self.extractor = lexicon.extractor()
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        # A crfsuite Tagger holds per-sequence state: one user at a time.
        self._lock = threading.Lock()

    @classmethod
    def load(cls, model_path: Path) -> CrfTagger:
        try:
            return cls(model_path, Lexicon.load(lexicon_path(model_path)))
        except (OSError, ValueError, KeyError) as error:
            raise ModelError(f"cannot load the NER model {model_path}: {error}") from error

    def tag(self, tokens: Sequence[str], *, with_scores: bool = False) -> tuple[list[str], list[float]]:
        """Tags of one sentence and, if asked, each tag's marginal probability."""
        import pycrfsuite

        if not tokens:
            return [], []
        items = pycrfsuite.ItemSequence(self.extractor.sentence(tokens))
        with self._lock:
            tags = self._tagger.tag(items)
            scores = [self._tagger.marginal(t, i) for i, t in enumerate(tags)] if with_scores else []
        return tags, scores

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [self.tag(tokens)[0] for tokens in sentences]


class OfflineRecognizer:
    """People, places and organizations from the shipped CRF model."""

    name = "offline CRF (ANERcorp)"

    def __init__(self, tagger: CrfTagger) -> None:
        self.tagger = tagger

    @classmethod
    def load(cls, path: Path | str | None = None) -> OfflineRecognizer:
        """The model at ``path`` (default: the shipped one), loaded once and cached."""
        return _load(str(Path(path) if path is not None else default_model_path()))

    def recognize(self, doc: TokenizedText) -> list[Span]:
        """Spans in ``doc``; each covers whole tokens; score = mean tag marginal."""
        spans: list[Span] = []
        for sentence in doc.sentences:
            tokens = doc.tokens[sentence.first : sentence.last]
            tags, marginals = self.tagger.tag([t.text for t in tokens], with_scores=True)
            for kind, first, last in bio_spans(tags):
                entity_type = ENTITY_TYPES.get(kind)
                if entity_type is None:
                    continue
                confidence = sum(marginals[first:last]) / (last - first)
                spans.append(Span(tokens[first].start, tokens[last - 1].end, entity_type, score=confidence))
        return spans


def default_model_path() -> Path:
    from reader.resources import resource_path

    return resource_path("models", MODEL_NAME + ".crfsuite")


@lru_cache(maxsize=4)
def _load(path: str) -> OfflineRecognizer:
    model = Path(path)
    if not model.is_file():
        raise ModelError(f"NER model not found: {model}")
    return OfflineRecognizer(CrfTagger.load(model))
