"""Which network tags which training sentence: cross-fitted ``neural`` features.

A CRF trained on the network's labels for sentences the network was trained
on would learn to trust them blindly (the network has nearly learned its
training set by heart); on new text they are much weaker. So every training
sentence gets the labels of a network that never saw it, as the second
pass's first-pass tags are (``stacking``).

The data (the train file, and the extra training files) is cut into k
contiguous units, each a k-th of the train file and a k-th of the extra
files. Networks are trained on one unit (``third``), on all units but one
(``rest``) and on everything (``everything``), and cached on disk, so
cross-validation and the final model share them:

- cross-validation fold f trains its CRF on the units other than f; the
  sentences of unit g get the labels of the network trained on a unit that
  is neither f nor g (k = 3: the third one), and the fold's model tags the
  held-out unit with the network of all units but f;
- the final model trains on everything; unit g gets the labels of the
  network of all units but g, and the model ships the network of everything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.analysis.ner.conll import Sentence
from reader.analysis.ner.gazetteers import Gazetteer

if TYPE_CHECKING:
    from reader.analysis.ner.neural import NeuralTagger
    from reader.analysis.ner.neural_training import NetworkSettings


def part(items: Sequence[Sentence], g: int, k: int) -> list[Sentence]:
    """The ``g``-th of ``k`` contiguous parts of ``items``."""
    n = len(items)
    return list(items[n * g // k : n * (g + 1) // k])


def fold_split(
    sentences: Sequence[Sentence], extra: Sequence[Sentence], k: int, f: int
) -> tuple[list[Sentence], list[Sentence]]:
    """(held out, training) of cross-validation fold ``f``: the ``f``-th part of ``sentences``,
    and the other parts of ``sentences`` then of ``extra``."""
    others = [g for g in range(k) if g != f]
    training = [s for g in others for s in part(sentences, g, k)] + [s for g in others for s in part(extra, g, k)]
    return part(sentences, f, k), training


class HeldOutFeatures:
    """``neural`` features looked up by sentence (``features.NeuralSource``): training only."""

    def __init__(self, table: dict[tuple[str, ...], dict[int, list[str]]]) -> None:
        self.table = table

    def features(
        self, sentences: Sequence[Sequence[str]], words: Sequence[Sequence[Any]], marks: Sequence[Sequence[str | None]]
    ) -> list[dict[int, list[str]]]:
        return [self.table[tuple(s)] for s in sentences]


@dataclass
class CrossFitting:
    """The k units of the training data and the networks trained on them (cached in ``cache_dir``)."""

    sentences: Sequence[Sentence]
    extra: Sequence[Sentence]
    k: int
    gazetteer_of: Callable[[Sequence[Sentence]], Gazetteer]
    vectors: Path
    cache_dir: Path
    settings: NetworkSettings
    options: frozenset[str]  # the CRF's feature groups (``neural_training.neural_extractor``)
    log: Callable[[str], None] = print
    _networks: dict[tuple[str, int], tuple[NeuralTagger, Gazetteer]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.k < 3:
            raise ValueError("cross-fitted network features need k >= 3 units")

    def unit(self, g: int) -> list[Sentence]:
        return [*part(self.sentences, g, self.k), *part(self.extra, g, self.k)]

    def held_out(self, g: int) -> list[Sentence]:
        """The train file's sentences of unit ``g`` (a cross-validation fold's test part)."""
        return part(self.sentences, g, self.k)

    def training(self, f: int) -> list[Sentence]:
        """Everything but unit ``f``: the train file's sentences first, then the extra files'."""
        return fold_split(self.sentences, self.extra, self.k, f)[1]

    def everything(self) -> list[Sentence]:
        return [*self.sentences, *self.extra]

    def network(self, kind: str, g: int = -1, gazetteer: Gazetteer | None = None) -> tuple[NeuralTagger, Gazetteer]:
        """The network trained on unit ``g`` (``third``), on all but ``g`` (``rest``) or on everything."""
        from reader.analysis.ner.neural_training import cached_network

        if (kind, g) not in self._networks:
            data = {"third": lambda: self.unit(g), "rest": lambda: self.training(g), "everything": self.everything}[
                kind
            ]()
            gazetteer = gazetteer or self.gazetteer_of(data)
            dev = self.held_out(g) if kind == "rest" else []  # the learning curve
            self.log(f"network on {kind} {g if g >= 0 else ''} ({len(data)} sentences)")
            tagger = cached_network(
                data,
                gazetteer,
                self.vectors,
                self.cache_dir,
                self.settings,
                options=self.options,
                dev=dev,
                log=self.log,
            )
            self._networks[kind, g] = (tagger, gazetteer)
        return self._networks[kind, g]

    def fold_features(self, f: int) -> HeldOutFeatures:
        """Held-out labels for the training part of cross-validation fold ``f``."""
        from reader.analysis.ner.neural_training import held_out_features

        table: dict[tuple[str, ...], dict[int, list[str]]] = {}
        for g in range(self.k):
            if g != f:
                h = next(h for h in range(self.k) if h not in (f, g))
                tagger, gazetteer = self.network("third", h)
                table.update(held_out_features(tagger, self.unit(g), gazetteer, self.options))
        return HeldOutFeatures(table)

    def final_features(self) -> HeldOutFeatures:
        """Held-out labels for every training sentence, each unit by the network of the others."""
        from reader.analysis.ner.neural_training import held_out_features

        table: dict[tuple[str, ...], dict[int, list[str]]] = {}
        for g in range(self.k):
            tagger, gazetteer = self.network("rest", g)
            table.update(held_out_features(tagger, self.unit(g), gazetteer, self.options))
        return HeldOutFeatures(table)
