"""Train the neural tagger (``neural``) with torch and export it for numpy.

Needs the ``train`` extra (torch, gensim). Deterministic for a given seed on
one thread: torch's generator is seeded, the batches are shuffled by a
seeded ``random.Random``, and torch runs with one thread.

The network: each word is its frozen word2vec vector (``clusters.word_vectors``,
quantized to int8 as shipped), a width-3 character convolution (max over
positions, tanh) and the sum of its feature embeddings (list categories,
usage bands, shape, clitic prefix, multi-word list entry); dropout; a
one-layer bidirectional LSTM; dropout; a linear layer to the BIO labels;
cross-entropy per token (MISC as O).
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from reader.analysis.ner.conll import Sentence, score
from reader.analysis.ner.features import DEFAULT_OPTIONS, FeatureExtractor
from reader.analysis.ner.gazetteers import Gazetteer
from reader.analysis.ner.neural import (
    LABELS,
    NO_VECTOR,
    EncodedWord,
    NeuralTagger,
    NeuralVocabulary,
    export_arrays,
    word_characters,
)
from reader.analysis.ner.wordclasses import WordClasses


@dataclass(frozen=True)
class NetworkSettings:
    """Sizes and training settings (chosen by cross-validation, docs/model.md)."""

    hidden: int = 32
    char_dim: int = 24
    filters: int = 48
    feature_dim: int = 32
    dropout: float = 0.5
    epochs: int = 15
    batch: int = 16
    learning_rate: float = 2e-3
    seed: int = 1
    #: The last ``decay`` epochs lower the learning rate linearly towards 0
    #: (epoch k of n: ``learning_rate * (1 - k / (n + 1))``); 0: constant.
    decay: int = 0

    def rate(self, epoch: int) -> float:
        """The learning rate of ``epoch`` (1-based)."""
        into = epoch - (self.epochs - self.decay)
        if self.decay <= 0 or into <= 0:
            return self.learning_rate
        return self.learning_rate * (1 - into / (self.decay + 1))


@dataclass
class WordVectors:
    """The word2vec table as shipped: words (row 0 is "no vector"), int8 rows, one scale per row."""

    words: list[str]
    quantized: np.ndarray
    scales: np.ndarray

    @classmethod
    def from_keyed_vectors(cls, path: Path) -> WordVectors:
        from gensim.models import KeyedVectors

        kv = KeyedVectors.load(str(path))
        vectors = np.asarray(kv.vectors, dtype=np.float32)
        scales = np.abs(vectors).max(axis=1) / 127.0
        scales[scales == 0] = 1.0
        quantized = np.round(vectors / scales[:, None]).astype(np.int8)
        zero_row = np.zeros((1, vectors.shape[1]), dtype=np.int8)
        return cls(
            ["", *kv.index_to_key],
            np.concatenate([zero_row, quantized]),
            np.concatenate([[1.0], scales]).astype(np.float32),
        )

    def dequantized(self) -> np.ndarray:
        return self.quantized.astype(np.float32) * self.scales[:, None]


@dataclass
class Trained:
    """A trained network: exported for numpy, as torch module, and (epoch, dev span F1) after each epoch."""

    tagger: NeuralTagger
    curve: list[tuple[int, float]]
    network: Any


def neural_extractor(gazetteer: Gazetteer, options: frozenset[str] = DEFAULT_OPTIONS) -> FeatureExtractor:
    """An extractor that computes what the network reads (no word classes: the network does not use them).

    ``options`` are the CRF's: the network reads the list categories and
    usage bands when the CRF's features have them, as at run time.
    """
    return FeatureExtractor(gazetteer, WordClasses({}, {}), (options - {"clusters", "contexts"}) | {"neural"})


def build_vocabulary(vectors: WordVectors, inputs: Sequence[Sequence[tuple[str, tuple[str, ...]]]]) -> NeuralVocabulary:
    """Characters and feature strings of the training inputs (seen twice or more: characters)."""
    chars: Counter[str] = Counter()
    features: set[str] = {NO_VECTOR}
    for sentence in inputs:
        for norm, facts in sentence:
            chars.update(word_characters(norm))
            features.update(facts)
    char_list = ["", "", "", "", *sorted(c for c, n in chars.items() if n >= 2)]
    return NeuralVocabulary(vectors.words, char_list, ["", *sorted(features)])


def _tensors(encoded: Sequence[Sequence[EncodedWord]], tags: Sequence[Sequence[int]] | None = None):
    """Padded tensors of a batch: vector ids, character ids, feature ids, lengths (and labels)."""
    import torch

    batch, steps = len(encoded), max(len(s) for s in encoded)
    width = max(len(w[1]) for s in encoded for w in s)
    n_features = max(max((len(w[2]) for w in s), default=0) for s in encoded) or 1
    vector_ids = np.zeros((batch, steps), dtype=np.int64)
    char_ids = np.zeros((batch, steps, width), dtype=np.int64)
    char_lengths = np.ones((batch, steps), dtype=np.int64)
    feature_ids = np.zeros((batch, steps, n_features), dtype=np.int64)
    labels = np.full((batch, steps), -100, dtype=np.int64)
    for b, sentence in enumerate(encoded):
        for t, (vector, chars, features) in enumerate(sentence):
            vector_ids[b, t] = vector
            char_ids[b, t, : len(chars)] = chars
            char_lengths[b, t] = len(chars)
            feature_ids[b, t, : len(features)] = features
        if tags is not None:
            labels[b, : len(sentence)] = tags[b]
    lengths = torch.tensor([len(s) for s in encoded], dtype=torch.int64)
    return (
        torch.from_numpy(vector_ids),
        torch.from_numpy(char_ids),
        torch.from_numpy(char_lengths),
        torch.from_numpy(feature_ids),
        lengths,
        torch.from_numpy(labels),
    )


def _network(vectors: np.ndarray, n_chars: int, n_features: int, settings: NetworkSettings):
    import torch
    from torch import nn

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            s = settings
            self.vectors = nn.Embedding.from_pretrained(torch.from_numpy(vectors), freeze=True, padding_idx=0)
            self.chars = nn.Embedding(n_chars, s.char_dim, padding_idx=0)
            self.conv = nn.Conv1d(s.char_dim, s.filters, 3, padding=1)
            self.features = nn.Embedding(n_features, s.feature_dim, padding_idx=0)
            self.dropout = nn.Dropout(s.dropout)
            self.lstm = nn.LSTM(
                vectors.shape[1] + s.filters + s.feature_dim, s.hidden, batch_first=True, bidirectional=True
            )
            self.out = nn.Linear(2 * s.hidden, len(LABELS))

        def forward(self, vector_ids, char_ids, char_lengths, feature_ids, lengths):
            batch, steps, width = char_ids.shape
            chars = self.chars(char_ids.view(batch * steps, width)).transpose(1, 2)
            conv = self.conv(chars)  # (words, filters, width)
            beyond = torch.arange(width)[None, :] >= char_lengths.view(-1, 1)
            conv = conv.masked_fill(beyond[:, None, :], float("-inf")).max(dim=2).values.tanh()
            x = torch.cat(
                [self.vectors(vector_ids), conv.view(batch, steps, -1), self.features(feature_ids).sum(dim=2)], dim=2
            )
            packed = nn.utils.rnn.pack_padded_sequence(self.dropout(x), lengths, batch_first=True, enforce_sorted=False)
            hidden, _ = self.lstm(packed)
            hidden, _ = nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True, total_length=steps)
            return self.out(self.dropout(hidden))

    return Network()


_T = TypeVar("_T")

#: Sentences the network labels at a time when it is scored on the dev set.
_SCORING_BATCH = 64


def _in_batches(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    """``items`` in consecutive slices of ``size`` (the last may be shorter), in order:
    training steps through the shuffled sentences this way, scoring through the dev set."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _label_ids(sentence: Sentence) -> list[int]:
    index = {label: k for k, label in enumerate(LABELS)}
    return [index.get(tag, 0) for _, tag in sentence]  # MISC (and anything else) as O


def train_network(
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    vectors: WordVectors,
    settings: NetworkSettings = NetworkSettings(),
    *,
    options: frozenset[str] = DEFAULT_OPTIONS,
    dev: Sequence[Sentence] = (),
    log: Callable[[str], None] = print,
) -> Trained:
    """Train on ``sentences``: the exported tagger, the torch network and the learning curve."""
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(settings.seed)
    extractor = neural_extractor(gazetteer, options)
    inputs = [extractor.neural_inputs([t for t, _ in s]) for s in sentences]
    vocabulary = build_vocabulary(vectors, inputs)
    encoded = [[vocabulary.encode(norm, facts) for norm, facts in s] for s in inputs]
    labels = [_label_ids(s) for s in sentences]
    dev_encoded = [[vocabulary.encode(n, f) for n, f in extractor.neural_inputs([t for t, _ in s])] for s in dev]
    network = _network(vectors.dequantized(), len(vocabulary.chars), len(vocabulary.features), settings)
    trainable = [p for p in network.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(trainable, lr=settings.learning_rate)
    loss_of = torch.nn.CrossEntropyLoss(ignore_index=-100)
    order = [k for k in range(len(encoded)) if encoded[k]]
    shuffle = random.Random(settings.seed)
    curve: list[tuple[int, float]] = []
    for epoch in range(1, settings.epochs + 1):
        started = time.perf_counter()
        for group in optimizer.param_groups:
            group["lr"] = settings.rate(epoch)
        network.train()
        shuffle.shuffle(order)
        total = 0.0
        for batch in _in_batches(order, settings.batch):
            *x, y = _tensors([encoded[k] for k in batch], [labels[k] for k in batch])
            optimizer.zero_grad()
            logits = network(*x)
            loss = loss_of(logits.reshape(-1, len(LABELS)), y.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 5.0)
            optimizer.step()
            total += float(loss.detach()) * len(batch)
        line = f"epoch {epoch}: loss {total / len(order):.4f} ({time.perf_counter() - started:.0f} s)"
        if dev:
            f1 = _span_f1(network, dev_encoded, dev)
            curve.append((epoch, f1))
            line += f"; dev span F1 {f1:.4f}"
        log(line)
    return Trained(export(network, vocabulary, vectors), curve, network)


def _span_f1(network, encoded: Sequence[Sequence[EncodedWord]], gold: Sequence[Sentence]) -> float:
    """Span F1 of the network's own argmax labels (no CRF)."""
    import torch

    network.eval()
    predicted: list[list[str]] = []
    with torch.no_grad():
        for batch in _in_batches(encoded, _SCORING_BATCH):
            nonempty = [s for s in batch if s]
            out = iter(network(*_tensors(nonempty)[:5]).argmax(dim=2).tolist()) if nonempty else iter(())
            for s in batch:
                predicted.append([LABELS[k] for k in next(out)[: len(s)]] if s else [])
    return score([[tag for _, tag in s] for s in gold], predicted).micro.f1


def export(network, vocabulary: NeuralVocabulary, vectors: WordVectors) -> NeuralTagger:
    """The trained network's weights as ``NeuralTagger`` computes with them (see its docstring)."""
    hidden = network.lstm.hidden_size
    state = {k: v.detach().numpy().astype(np.float64) for k, v in network.state_dict().items()}
    # torch's gate order is i, f, g, o; numpy's is i, f, o, g, scaled by −1, −1, −1, −2.
    order = np.r_[0 : 2 * hidden, 3 * hidden : 4 * hidden, 2 * hidden : 3 * hidden]
    scale = np.r_[np.full(3 * hidden, -1.0), np.full(hidden, -2.0)]

    def gates(matrix: np.ndarray) -> np.ndarray:
        return matrix[order] * (scale[:, None] if matrix.ndim == 2 else scale)

    directions = ("l0", "l0_reverse")
    w_in = np.concatenate([gates(state[f"lstm.weight_ih_{d}"]) for d in directions]).T
    bias = np.concatenate([gates(state[f"lstm.bias_ih_{d}"] + state[f"lstm.bias_hh_{d}"]) for d in directions])
    w_hh = np.stack([gates(state[f"lstm.weight_hh_{d}"]).T for d in directions])
    conv = state["conv.weight"]  # (filters, char dim, 3)
    arrays = export_arrays(
        vectors=vectors.quantized,
        vector_scales=vectors.scales,
        char_embeddings=state["chars.weight"],
        conv=conv.transpose(2, 1, 0).reshape(-1, conv.shape[0]),
        conv_bias=state["conv.bias"],
        feature_embeddings=state["features.weight"],
        w_in=w_in,
        bias=bias,
        w_hh=w_hh,
        w_out=state["out.weight"].T,
        b_out=state["out.bias"],
    )
    return NeuralTagger(vocabulary, arrays)


def network_key(
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    vectors: Path,
    settings: NetworkSettings,
    options: frozenset[str] = DEFAULT_OPTIONS,
) -> str:
    """A name for a trained network in the cache: what it was trained on and how."""
    digest = hashlib.sha1()
    fields = asdict(settings)
    if not settings.decay:
        del fields["decay"]  # as before the field existed: cached networks keep their names
    digest.update(json.dumps(fields, sort_keys=True).encode())
    digest.update(" ".join(sorted(options & {"gazetteer", "usage"})).encode())
    digest.update(str(vectors.resolve()).encode())
    digest.update(json.dumps(gazetteer.to_json(), sort_keys=True, ensure_ascii=False).encode())
    for sentence in sentences:
        digest.update(("\n".join(f"{t} {g}" for t, g in sentence) + "\n\n").encode())
    return digest.hexdigest()[:16]


def cached_network(
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    vectors_path: Path,
    cache_dir: Path,
    settings: NetworkSettings = NetworkSettings(),
    *,
    options: frozenset[str] = DEFAULT_OPTIONS,
    dev: Sequence[Sentence] = (),
    log: Callable[[str], None] = print,
) -> NeuralTagger:
    """``train_network``, or the same network from ``cache_dir`` when it was trained before."""
    path = cache_dir / f"network-{network_key(sentences, gazetteer, vectors_path, settings, options)}.npz"
    if path.is_file():
        return NeuralTagger.load(path)
    started = time.perf_counter()
    trained = train_network(
        sentences,
        gazetteer,
        _vectors(vectors_path),
        settings,
        options=options,
        dev=dev,
        log=lambda line: log("  " + line),
    )
    tagger, curve = trained.tagger, trained.curve
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    tagger.save(partial)
    partial.replace(path)
    if curve:
        path.with_suffix(".curve.json").write_text(json.dumps(curve))
    log(f"  network trained on {len(sentences)} sentences in {time.perf_counter() - started:.0f} s")
    return tagger


_loaded_vectors: dict[Path, WordVectors] = {}


def _vectors(path: Path) -> WordVectors:
    if path not in _loaded_vectors:
        _loaded_vectors[path] = WordVectors.from_keyed_vectors(path)
    return _loaded_vectors[path]


def held_out_features(
    tagger: NeuralTagger,
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    options: frozenset[str] = DEFAULT_OPTIONS,
) -> dict[tuple[str, ...], dict[int, list[str]]]:
    """The ``neural`` CRF features ``tagger`` gives each of ``sentences`` (which it was not trained on)."""
    from reader.analysis.ner.neural import crf_features

    vocabulary = tagger.vocabulary
    extractor = neural_extractor(gazetteer, options)
    tokens = [tuple(t for t, _ in s) for s in sentences]
    # Marks ride with the word's facts here (one sum, as at run time).
    encoded: list[list[EncodedWord]] = []
    for sentence in tokens:
        row = []
        for norm, facts in extractor.neural_inputs(sentence):
            row.append(vocabulary.encode(norm, facts))
        encoded.append(row)
    features = crf_features(tagger.probabilities(encoded), [len(s) for s in encoded])
    return dict(zip(tokens, features, strict=True))
