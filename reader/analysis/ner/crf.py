"""The offline recognizer: a CRF trained on ANERcorp, tagging people, places, organizations.

``CrfTagger`` tags token strings with BIO tags (the evaluation command uses it
on CoNLL files); ``OfflineRecognizer`` wraps it in the app's ``Recognizer``
interface: tokenized text in, ``Span``s with exact offsets out. Tagging runs
in two passes when the model has a second one (``stacking``): the second
sees what the first said about the same word elsewhere in the document.

    قال الرئيس العراقي برهم صالح في بغداد
    → person "برهم صالح", place "بغداد"
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reader.analysis.ner.conll import bio_spans
from reader.analysis.ner.curated import CURATED_SCORE, CuratedNames
from reader.analysis.ner.model import MODEL_NAME, Lexicon, lexicon_path, model_label, second_pass_path
from reader.analysis.ner.roles import RoleRules
from reader.analysis.ner.stacking import BASE_STACKED_FEATURES, stacked_features
from reader.analysis.recognizer import TokenizedText
from reader.document import Span
from reader.entity_types import EntityType

if TYPE_CHECKING:
    import pycrfsuite

#: ANERcorp's types as the app's; MISC (events, nationalities, ...) is not shown.
ENTITY_TYPES: dict[str, EntityType] = {
    "PERS": EntityType.PERSON,
    "LOC": EntityType.PLACE,
    "ORG": EntityType.ORGANIZATION,
}


#: ``(type, first token, last token exclusive, confidence)`` within a sentence.
SpanFound = tuple[str, int, int, float]


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
        # The second pass (``stacking``), when the model has one.
        self._second: pycrfsuite.Tagger | None = None
        second = second_pass_path(model_path)
        if second.is_file():
            self._second = pycrfsuite.Tagger()
            self._second.open(str(second))
        # A crfsuite Tagger holds per-sequence state: one user at a time.
        self._lock = threading.Lock()

    @classmethod
    def load(cls, model_path: Path) -> CrfTagger:
        try:
            return cls(model_path, Lexicon.load(lexicon_path(model_path)))
        except (OSError, ValueError, KeyError) as error:
            raise ModelError(f"cannot load the NER model {model_path}: {error}") from error

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags of one sentence's tokens."""
        return self.tag_with_confidence(tokens)[0]

    def tag_with_confidence(self, tokens: Sequence[str]) -> tuple[list[str], list[SpanFound]]:
        """Tags of one sentence (read as a document of its own) and its spans
        ``(type, first, last_exclusive, confidence)``."""
        if not tokens:
            return [], []
        return self.tag_document([tokens])[0]

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], list[SpanFound]]]:
        """``tag_with_confidence`` for each sentence of a document, with document features."""
        features = self.extractor.document(sentences)
        if self._second is None:
            return [self._tag_features(f, self._tagger) if f else ([], []) for f in features]
        first = [self._tag_features(f, self._tagger, with_spans=False)[0] if f else [] for f in features]
        keys = [self.extractor.keys(tokens) for tokens in sentences]
        out: list[tuple[list[str], list[SpanFound]]] = []
        for sentence_features, tags, extra in zip(features, first, stacked_features(keys, first), strict=True):
            if all(tag == "O" for tag in tags) and all(len(e) == BASE_STACKED_FEATURES for e in extra):
                # The first pass found nothing and the document says nothing more
                # about these words: the second pass would agree (measured: the
                # test score is unchanged), so save its cost.
                out.append((tags, []))
                continue
            for token_features, token_extra in zip(sentence_features, extra, strict=True):
                token_features += token_extra
            out.append(self._tag_features(sentence_features, self._second))
        return out

    def _tag_features(
        self, features: list[list[str]], tagger: pycrfsuite.Tagger | None = None, *, with_spans: bool = True
    ) -> tuple[list[str], list[SpanFound]]:
        # A span's confidence is the mean marginal probability of its tags,
        # computed only for tagged tokens (most tokens are O: that saves the work).
        import pycrfsuite

        tagger = tagger or self._tagger
        items = pycrfsuite.ItemSequence(features)
        with self._lock:
            tags = tagger.tag(items)
            if not with_spans:
                return tags, []
            spans = [
                (kind, first, last, sum(tagger.marginal(tags[i], i) for i in range(first, last)) / (last - first))
                for kind, first, last in bio_spans(tags)
            ]
        return tags, spans

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags of each sentence, the sentences read as one document."""
        return [tags for tags, _ in self.tag_document(sentences)]


class OfflineRecognizer:
    """People, places and organizations from the shipped CRF model."""

    def __init__(self, tagger: CrfTagger, *, roles: bool = True) -> None:
        """``roles=False`` leaves out the role rules (``roles.RoleRules``), for measuring them."""
        self.tagger = tagger
        self.name = model_label(tagger.model_path)
        self.curated = CuratedNames()
        self.roles = RoleRules(tagger.extractor.gazetteer) if roles else None

    @classmethod
    def load(cls, path: Path | str | None = None) -> OfflineRecognizer:
        """The model at ``path`` (default: the shipped one), loaded once and cached."""
        return _load(str(Path(path) if path is not None else default_model_path()))

    def common_words(self) -> frozenset[str]:
        """Normalized words the training data saw 2+ times, mostly outside names (على، الحكومة)."""
        classes = self.tagger.extractor.classes.by_word
        return frozenset(w for w, c in classes.items() if c[0] == "O" and c[-1] in "23")

    def recognize(self, doc: TokenizedText) -> list[Span]:
        """Spans in ``doc``; each covers whole tokens; score = mean tag marginal."""
        spans: list[Span] = []
        token_lists = [doc.tokens[s.first : s.last] for s in doc.sentences]
        tagged = self.tagger.tag_document([[t.text for t in tokens] for tokens in token_lists])
        for tokens, (tags, found) in zip(token_lists, tagged, strict=True):
            normalized = self.tagger.extractor.normalized([t.text for t in tokens])
            confidence = {(first, last): c for _, first, last, c in found}
            typed = [(kind, first, last) for kind, first, last, _ in found]
            if self.roles is not None:
                typed = self.roles.apply(normalized, typed)
            for kind, first, last in typed:
                entity_type = ENTITY_TYPES.get(kind)
                score = confidence.get((first, last), ROLE_SCORE)
                trimmed = arabic_core([t.text for t in tokens[first:last]], score)
                if entity_type is not None and trimmed is not None:
                    first, last = first + trimmed[0], first + trimmed[1]
                    spans.append(Span(tokens[first].start, tokens[last - 1].end, entity_type, score=score))
            for kind, first, last in self.curated.find(normalized, tags):
                spans.append(Span(tokens[first].start, tokens[last - 1].end, ENTITY_TYPES[kind], score=CURATED_SCORE))
        return spans


#: Confidence of a span the role rules add (وكالة الأنباء الفرنسية).
ROLE_SCORE = 0.9

#: A name phrase this confident may keep Latin words or an acronym inside it
#: (مؤسسة Human Rights Watch، منظمة الصحة العالمية ( WHO )).
LATIN_CONFIDENCE = 0.9


def arabic_core(words: Sequence[str], confidence: float) -> tuple[int, int] | None:
    """The part of a tagged phrase that may be a name: ``(first, last_exclusive)``, or None.

    The model learned Arabic names from Arabic text: a phrase without an
    Arabic letter (Latin running text: "according to Reuters") is no name of
    ours; a phrase never begins or ends with punctuation; Latin words at its
    edges stay only when the model is confident of the whole phrase.
    """
    arabic = [any("\u0621" <= c <= "\u064a" for c in w) for w in words]
    if not any(arabic):
        return None

    def droppable(k: int) -> bool:
        return not any(c.isalnum() for c in words[k]) or (not arabic[k] and confidence < LATIN_CONFIDENCE)

    first, last = 0, len(words)
    while droppable(first):
        first += 1
    while droppable(last - 1):
        last -= 1
    kept = list(words[first:last])
    if "(" in kept and ")" not in kept[kept.index("(") :]:
        # An acronym in brackets after the name: keep the closing bracket, or stop before the opening one.
        if last < len(words) and words[last] == ")":
            last += 1
        else:
            last = first + kept.index("(")
            while droppable(last - 1):
                last -= 1
    return first, last


def default_model_path() -> Path:
    from reader.resources import resource_path

    return resource_path("models", MODEL_NAME + ".crfsuite")


@lru_cache(maxsize=4)
def _load(path: str) -> OfflineRecognizer:
    model = Path(path)
    if not model.is_file():
        from reader.resources import missing_resource_hint

        raise ModelError(f"the offline NER model was not found: {model}; {missing_resource_hint()}")
    return OfflineRecognizer(CrfTagger.load(model))
