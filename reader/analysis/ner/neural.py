"""A small neural tagger, run in numpy: word vectors from unlabeled news, letters, context.

The CRF knows the words of its training text; a name it never saw is a
guess from affixes, lists and the words around it. This network sees every
word as its word2vec vector, learned on nine million words of later news
(``clusters.word_vectors``: a new surname sits near other surnames), plus
its letters (a convolution over the characters: ـوفسكي, ـستان) and a few
word facts the CRF also uses (list categories, corpus-usage bands, shape);
a bidirectional LSTM reads the sentence and gives each word a probability
for each BIO label. Its vectors are frozen in training, so what it learns
about a name carries over to every word near it in the vector space.

The CRF is the primary tagger: the network's output becomes CRF features
(``features``: its label with a confidence band, and its neighbours'
labels), so the CRF keeps its precision and takes the network's word where
its own evidence is weak. In training those features come from networks
that did not see the sentence (``train.neural_held_out``), as the second
pass's do.

Training needs torch (``neural_training``); the app runs the exported
weights here, in numpy (importing torch alone takes over a second): all the
sentences of a chunk in a few batches of similar length, one matrix product
per time step for the whole batch and both directions.
"""

from __future__ import annotations

import contextlib
import functools
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from reader.analysis.cache import derived
from reader.analysis.ner.wordforms import conjunction_stripped
from reader.analysis.ner.wordtable import WordTable

#: The network's labels (MISC is trained as O).
LABELS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG")

#: Letters a word is cut to for the character convolution: the first and last halves.
MAX_CHARS = 16
#: Character ids: padding, unknown character, word start, word end.
PAD, UNKNOWN_CHAR, WORD_START, WORD_END = 0, 1, 2, 3
#: A word without a vector (not among the unlabeled text's words) says so.
NO_VECTOR = "v=none"

#: ``(vector id, character ids, word feature ids)`` of one word form.
EncodedWord = tuple[int, tuple[int, ...], tuple[int, ...]]


def word_characters(normalized: str) -> str:
    """The letters the convolution reads: digits folded to 0, long words cut in the middle.

    >>> word_characters("2019")
    '0000'
    """
    text = "".join("0" if c.isdigit() else c for c in normalized)
    if len(text) > MAX_CHARS - 2:
        half = (MAX_CHARS - 2) // 2
        text = text[:half] + text[-half:]
    return text


class NeuralVocabulary:
    """The ids the network's inputs are made of: word vectors, characters, feature strings."""

    def __init__(
        self,
        words: Sequence[str] | Callable[[], list[str]],
        chars: Sequence[str],
        features: Sequence[str],
        word_ids: WordTable | None = None,
    ) -> None:
        """``words`` may come as a function giving them, with ``word_ids`` their table (id = row):
        so a network read from disk does not split its 78,000 words into a list and a dict
        (0.1 s at every start of the analysis process) but reads the table from the cache."""
        # Id 0 of each table is "none": no vector, padding character, no feature.
        self._words = None if callable(words) else list(words)
        self._read_words = words if callable(words) else None
        self.chars = list(chars)
        self.features = list(features)
        self.word_ids: Mapping[str, int] | WordTable = (
            word_ids if word_ids is not None else {w: i for i, w in enumerate(self.words) if i}
        )
        self.char_ids = {c: i for i, c in enumerate(self.chars) if i > WORD_END}
        self.feature_ids = {f: i for i, f in enumerate(self.features) if i}

    @property
    def words(self) -> list[str]:
        """The words with a vector, in row order (row 0: none)."""
        if self._words is None:
            assert self._read_words is not None
            self._words = self._read_words()
        return self._words

    def vector_id(self, normalized: str) -> int:
        """The word's row in the vector table, or its و/ف-less form's; 0 when neither has one."""
        found = self.word_ids.get(normalized)
        if found is None:
            form = conjunction_stripped(normalized)
            found = self.word_ids.get(form, 0) if form is not None else 0
        return found or 0

    def encode(self, normalized: str, word_features: Sequence[str]) -> EncodedWord:
        """A word's inputs: vector id, character ids (with start and end marks), feature ids."""
        vector = self.vector_id(normalized)
        get = self.char_ids.get
        chars = (WORD_START, *(get(c, UNKNOWN_CHAR) for c in word_characters(normalized)), WORD_END)
        names = [*word_features, NO_VECTOR] if vector == 0 else word_features
        features = tuple(i for i in (self.feature_ids.get(f, 0) for f in names) if i)
        return vector, chars, features


#: The arrays of an exported network (``neural_training.export``), all float32 but the int8 vectors.
WEIGHTS = (
    "vectors",  # (words, dim) int8, one scale per row:
    "vector_scales",
    "char_embeddings",  # (characters, char dim); row 0 (padding) is zero
    "conv",  # (3 · char dim, filters): the width-3 convolution as one matrix
    "conv_bias",
    "feature_embeddings",  # (features, feature dim); row 0 (none) is zero
    "w_in",  # (dim + filters + feature dim, 8 · hidden): input → gates, both directions
    "bias",  # (8 · hidden,)
    "w_hh",  # (2, hidden, 4 · hidden): state → gates, per direction
    "w_out",  # (2 · hidden, labels)
    "b_out",
)


class NeuralTagger:
    """The exported network: label probabilities for the words of many sentences at once.

    Gates are laid out i, f, o, g per direction, their weights pre-multiplied
    by −1 (i, f, o) and −2 (g), so one ``exp`` gives them all:
    sigmoid(x) = 1 / (1 + exp(−x)) and tanh(x) = 2 · sigmoid(2x) − 1.
    """

    def __init__(self, vocabulary: NeuralVocabulary, weights: dict[str, np.ndarray]) -> None:
        missing = [name for name in WEIGHTS if name not in weights]
        if missing:
            raise ValueError(f"the network file lacks {', '.join(missing)}")
        self.vocabulary = vocabulary
        self.weights = weights
        w = weights
        self.hidden = int(w["w_hh"].shape[1])
        self._vectors, self._scales = w["vectors"], w["vector_scales"]
        self._char_embeddings, self._conv, self._conv_bias = w["char_embeddings"], w["conv"], w["conv_bias"]
        self._feature_embeddings = w["feature_embeddings"]
        self._w_in, self._bias, self._w_hh = w["w_in"], w["bias"], w["w_hh"]
        self._w_out, self._b_out = w["w_out"], w["b_out"]
        dim, filters = self._vectors.shape[1], self._conv.shape[1]
        self._w_marks = self._w_in[dim + filters :]
        # Each character's embedding times each of the convolution's three taps: (3, characters, filters).
        char_dim = self._char_embeddings.shape[1]
        self._taps = np.stack([self._char_embeddings @ self._conv[k * char_dim : (k + 1) * char_dim] for k in range(3)])

    # --- storage -------------------------------------------------------------

    def save(self, path: Path) -> None:
        v = self.vocabulary
        arrays = {
            "words": _text_array(v.words),
            "chars": _text_array(v.chars),
            "features": _text_array(v.features),
            **{name: self.weights[name] for name in WEIGHTS},
        }
        with path.open("wb") as f:
            np.savez(f, allow_pickle=False, **arrays)

    @classmethod
    def load(cls, path: Path) -> NeuralTagger:
        """The network at ``path``; ``ValueError`` (or ``OSError``) when it is not one."""
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
            words = arrays.pop("words")
            vocabulary = NeuralVocabulary(
                functools.partial(_from_text_array, words),
                _from_text_array(arrays.pop("chars")),
                _from_text_array(arrays.pop("features")),
                derived(
                    path,
                    "network-words",
                    lambda: WordTable.of(_from_text_array(words)).to_bytes(),
                    WordTable.from_bytes,
                ),
            )
        except (EOFError, KeyError, UnicodeDecodeError, zipfile.BadZipFile) as error:
            raise ValueError(f"not a network file: {path} ({error})") from error
        return cls(vocabulary, arrays)

    # --- inference -----------------------------------------------------------

    def probabilities(
        self, sentences: Sequence[Sequence[EncodedWord]], marks: Sequence[Mapping[int, int]] | None = None
    ) -> np.ndarray:
        """Label probabilities of every token, sentence after sentence: (tokens × labels).

        ``marks`` give, per sentence, the feature id of each token inside a
        multi-word list entry (``mg=B-ORG``): they depend on the neighbours.
        The work goes in groups of up to ``_GROUP_TOKENS`` tokens, and a
        sentence longer than ``_LONGEST`` tokens in pieces (a text without
        punctuation is one sentence), so memory stays bounded: about 1.5 KB
        a token of a group.
        """
        pieces: list[Sequence[EncodedWord]] = []
        piece_marks: list[Mapping[int, int]] = []
        for k, sentence in enumerate(sentences):
            sentence_marks = marks[k] if marks is not None else {}
            for start in range(0, max(len(sentence), 1), _LONGEST):
                pieces.append(sentence[start : start + _LONGEST])
                piece_marks.append(
                    {i - start: m for i, m in sentence_marks.items() if start <= i < start + _LONGEST}
                    if sentence_marks
                    else {}
                )
        groups: list[np.ndarray] = []
        first = size = 0
        for end, piece in enumerate(pieces):
            if size and size + len(piece) > _GROUP_TOKENS:
                groups.append(self._group_probabilities(pieces[first:end], piece_marks[first:end]))
                first, size = end, 0
            size += len(piece)
        groups.append(self._group_probabilities(pieces[first:], piece_marks[first:]))
        return groups[0] if len(groups) == 1 else np.concatenate(groups)

    def _group_probabilities(
        self, sentences: Sequence[Sequence[EncodedWord]], marks: Sequence[Mapping[int, int]]
    ) -> np.ndarray:
        lengths = [len(s) for s in sentences]
        flat = [w for s in sentences for w in s]
        if not flat:
            return np.empty((0, len(LABELS)), dtype=np.float32)
        with _one_blas_thread(), np.errstate(over="ignore"):
            projected = self._projected(flat)
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.intp)
            rows = [int(starts[k]) + i for k, ms in enumerate(marks) for i in ms]
            if rows:
                ids = [m for ms in marks for m in ms.values()]
                projected[rows] += self._feature_embeddings[ids] @ self._w_marks
            hidden = np.empty((len(flat), 2 * self.hidden), dtype=np.float32)
            all_lengths = np.array(lengths, dtype=np.intp)
            for batch in _batches(lengths):
                members = np.array(batch, dtype=np.intp)
                self._bilstm(projected, starts[members], all_lengths[members], hidden)
            logits = hidden @ self._w_out
            logits += self._b_out
            logits -= logits.max(axis=1, keepdims=True)
            np.exp(logits, out=logits)
            logits /= logits.sum(axis=1, keepdims=True)
        return logits

    def _projected(self, flat: list[EncodedWord]) -> np.ndarray:
        """Each token's input to the gates, (tokens × 8·hidden): each word form projected once.

        A word form's code is one shared object (``NeuralFeatures``), and
        equal codes share a row. Rows are not kept from one call to the next:
        a row computed in another batch can differ in the last bits of a
        float (BLAS picks its kernels by matrix shape), and the same text must
        always get the same labels, whatever was analyzed before it.
        """
        row_of: dict[EncodedWord, int] = {}
        local: dict[int, int] = {}
        distinct: list[EncodedWord] = []
        positions = np.empty(len(flat), dtype=np.intp)
        for n, word in enumerate(flat):
            row = local.get(id(word))
            if row is None:
                row = row_of.get(word)
                if row is None:
                    row = row_of[word] = len(distinct)
                    distinct.append(word)
                local[id(word)] = row
            positions[n] = row
        return self._project(distinct)[positions]

    def _project(self, words: list[EncodedWord]) -> np.ndarray:
        """Each distinct word's input to the LSTM gates (both directions): (words × 8·hidden)."""
        n = len(words)
        dim, filters, feature_dim = self._vectors.shape[1], self._conv.shape[1], self._feature_embeddings.shape[1]
        inputs = np.empty((n, dim + filters + feature_dim), dtype=np.float32)
        ids = np.fromiter((w[0] for w in words), dtype=np.intp, count=n)
        np.multiply(self._vectors[ids], self._scales[ids, None], out=inputs[:, :dim])
        inputs[:, dim : dim + filters] = self._char_features(words)
        # The sum of each word's feature embeddings, one column of a padded id table at a time.
        width = max(len(w[2]) for w in words)
        table = np.zeros((n, width), dtype=np.intp)
        for k, (_, _, features) in enumerate(words):
            table[k, : len(features)] = features
        summed = inputs[:, dim + filters :]
        summed[:] = 0.0
        for column in range(width):
            summed += self._feature_embeddings[table[:, column]]
        out = inputs @ self._w_in
        out += self._bias
        return out

    def _char_features(self, words: list[EncodedWord]) -> np.ndarray:
        """Max over positions of a width-3 convolution over each word's characters, then tanh.

        Words are grouped by length (no padding to mask); the convolution is
        the sum of three lookups, one per tap, in tables of each character's
        embedding already multiplied by that tap's weights (``_taps``).
        """
        taps = self._taps
        out = np.empty((len(words), taps.shape[2]), dtype=np.float32)
        by_length: dict[int, list[int]] = {}
        for k, word in enumerate(words):
            by_length.setdefault(len(word[1]), []).append(k)
        for length, members in by_length.items():
            ids = np.zeros((len(members), length + 2), dtype=np.intp)  # a padding character each side
            ids[:, 1:-1] = [words[k][1] for k in members]
            conv = taps[0][ids[:, :-2]]
            conv += taps[1][ids[:, 1:-1]]
            conv += taps[2][ids[:, 2:]]
            out[members] = conv.max(axis=1)
        out += self._conv_bias
        return np.tanh(out, out=out)

    def _bilstm(self, projected: np.ndarray, starts: np.ndarray, lengths: np.ndarray, hidden: np.ndarray) -> None:
        """Both directions over one batch of sentences (``projected`` rows ``starts[b]`` onwards),
        written into their rows of ``hidden``."""
        h, h4 = self.hidden, 4 * self.hidden
        batch, steps = len(lengths), int(lengths.max())
        t = np.arange(steps)[:, None]
        valid = t < lengths[None, :]
        # Row read at step t by each sentence, forwards and backwards (padding reads row 0, ignored).
        forward = np.where(valid, starts[None, :] + t, 0)
        backward = np.where(valid, starts[None, :] + lengths[None, :] - 1 - t, 0)
        inputs = np.empty((steps, 2, batch, h4), dtype=np.float32)
        inputs[:, 0] = projected[forward, :h4]
        inputs[:, 1] = projected[backward, h4:]
        outputs = self._recur(inputs)  # (steps, 2, batch, hidden)
        hidden[forward[valid], :h] = outputs[:, 0][valid]
        hidden[backward[valid], h:] = outputs[:, 1][valid]

    def _recur(self, inputs: np.ndarray) -> np.ndarray:
        steps, _, batch, h4 = inputs.shape
        h = h4 // 4
        w_hh = self._w_hh
        state = np.zeros((2, batch, h), dtype=np.float32)
        cell = np.zeros((2, batch, h), dtype=np.float32)
        outputs = np.empty((steps, 2, batch, h), dtype=np.float32)
        gates = np.empty((2, batch, h4), dtype=np.float32)
        scratch = np.empty((2, batch, h), dtype=np.float32)
        i, f, o, g = (gates[..., k * h : (k + 1) * h] for k in range(4))
        for step in range(steps):
            np.matmul(state, w_hh, out=gates)
            gates += inputs[step]
            np.exp(gates, out=gates)  # exp(−x) for i, f, o and exp(−2x) for g (see the class docstring)
            gates += 1.0
            np.reciprocal(gates, out=gates)
            g *= 2.0
            g -= 1.0
            cell *= f
            np.multiply(i, g, out=scratch)
            cell += scratch
            np.tanh(cell, out=scratch)
            state = outputs[step]
            np.multiply(scratch, o, out=state)
        return outputs


#: Tokens the network reads at once (``probabilities``): a pipeline chunk (20,000) is one group.
_GROUP_TOKENS = 32_768
#: A longer sentence is read in pieces this long (no training sentence was).
_LONGEST = 1_000
#: Tokens of a batch (sentences × longest sentence), so its arrays stay in cache.
_BATCH_TOKENS = 8192
#: A batch's longest sentence is at most this much longer than its shortest (padding).
_BATCH_SPREAD = 1.3


def _batches(lengths: Sequence[int]) -> list[list[int]]:
    """Sentence indices grouped into batches of similar length (empty sentences left out)."""
    order = sorted((k for k in range(len(lengths)) if lengths[k]), key=lengths.__getitem__)
    batches: list[list[int]] = []
    current: list[int] = []
    for k in order:
        n = lengths[k]
        if current and (n > _BATCH_SPREAD * lengths[current[0]] + 2 or (len(current) + 1) * n > _BATCH_TOKENS):
            batches.append(current)
            current = []
        current.append(k)
    if current:
        batches.append(current)
    return batches


def _one_blas_thread() -> contextlib.AbstractContextManager[object]:
    """BLAS on the calling thread only: these matrices are small, and a second
    BLAS thread competing for a busy core made the LSTM steps 10× slower (measured)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


class NeuralFeatures:
    """The ``neural`` CRF features of a document, from the network (``features.NeuralSource``)."""

    def __init__(self, tagger: NeuralTagger) -> None:
        self.tagger = tagger

    def features(
        self, sentences: Sequence[Sequence[str]], words: Sequence[Sequence[Any]], marks: Sequence[Sequence[str | None]]
    ) -> list[dict[int, list[str]]]:
        vocabulary = self.tagger.vocabulary
        encode = vocabulary.encode
        for sentence_words in words:
            for word in sentence_words:
                if word.neural_code is None:  # a word form's first time: encoded once, kept on it
                    word.neural_code = encode(word.norm, word.neural)
        encoded = [[word.neural_code for word in sentence_words] for sentence_words in words]
        ids = vocabulary.feature_ids
        mark_ids = [
            {i: ids.get("mg=" + m, 0) for i, m in enumerate(ms) if m is not None} if any(ms) else {} for ms in marks
        ]
        probabilities = self.tagger.probabilities(encoded, mark_ids)
        return crf_features(probabilities, [len(s) for s in encoded])


# --- network output as CRF features -------------------------------------------

#: Confidence bands of the network's label: below 0.6, below 0.9, above.
_BANDS = (0.6, 0.9)
#: A token the network calls O with at least this probability gets no feature.
_SURE_OUTSIDE = 0.9


def crf_features(probabilities: np.ndarray, lengths: Sequence[int]) -> list[dict[int, list[str]]]:
    """The network's word on the tokens of each sentence, as CRF feature strings.

    ``probabilities`` are the tokens' (``NeuralTagger.probabilities``), the
    sentences ``lengths`` long. For each sentence, its tokens that get any
    feature: ``nn=B-PERS`` the label, ``nb=B-PERS2`` the label with its
    confidence band, ``nw=B-ORG`` the likeliest name label of a token the
    network calls O with little confidence, ``n-1=``/``n+1=`` the labels of
    the neighbours. A token it is sure is O (most of them) gets nothing.
    """
    out: list[dict[int, list[str]]] = [{} for _ in lengths]
    if not len(probabilities):
        return out
    top = probabilities.argmax(axis=1)
    confidence = probabilities.max(axis=1)
    tokens = np.flatnonzero((top != 0) | (confidence < _SURE_OUTSIDE))
    if not len(tokens):
        return out
    ends = np.cumsum(lengths)
    sentences = np.searchsorted(ends, tokens, side="right")
    positions = tokens - (ends - np.asarray(lengths))[sentences]
    bands = np.searchsorted(_BANDS, confidence[tokens], side="right")
    weak = 1 + probabilities[tokens, 1:].argmax(axis=1)
    rows = zip(sentences.tolist(), positions.tolist(), top[tokens].tolist(), bands.tolist(), weak.tolist(), strict=True)
    for k, i, label, band, likeliest in rows:
        feats = out[k]
        if label:
            feats.setdefault(i, []).extend(_OWN[label][band])
            if i > 0:
                feats.setdefault(i - 1, []).append(_BEFORE[label])
            if i + 1 < lengths[k]:
                feats.setdefault(i + 1, []).append(_AFTER[label])
        else:
            feats.setdefault(i, []).append(_WEAK[likeliest])
    return out


# The feature strings, built once: label → ...
_OWN = [[("nn=" + label, f"nb={label}{band}") for band in range(len(_BANDS) + 1)] for label in LABELS]
_BEFORE = ["n+1=" + label for label in LABELS]  # the word before a name-labeled word
_AFTER = ["n-1=" + label for label in LABELS]
_WEAK = ["nw=" + label for label in LABELS]


def _text_array(items: Sequence[str]) -> np.ndarray:
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def _from_text_array(array: np.ndarray) -> list[str]:
    return bytes(array).decode("utf-8").split("\n")


def export_arrays(**arrays: Any) -> dict[str, np.ndarray]:
    """``arrays`` as float32 (the vectors stay int8): what ``NeuralTagger`` computes in."""
    return {k: v if v.dtype == np.int8 else np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()}
