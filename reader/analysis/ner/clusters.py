"""Word clusters learned from unlabeled news: words used alike share a cluster.

ANERcorp is 125,000 words of 2007 news; most names of a new text never
occur in it. Nine million words of later news (the ANT corpus) do show how
those words are *used*: a transliterated surname turns up where other
surnames do, a football club where other clubs do. A word2vec model trained
on that text puts such words close together; k-means over its vectors turns
closeness into cluster ids, a CRF feature as cheap as the word itself. The
clusters form a tree — fine clusters (``k3``), grouped into coarser ones
(``k2``, ``k1``) — so the model can use a coarse id where a fine one is too
rare to learn.

Words are clustered in the form the features use (``normalize_word``: alef,
ya and teh marbuta folded, no diacritics), clitics and all: وبالموصل is a
word of its own there. A word the table lacks is looked up without its و/ف.

Run time only reads the table (``WordClusters.load``); training it needs
gensim and scikit-learn (the ``train`` extra): ``build_clusters``.
"""

from __future__ import annotations

import hashlib
import lzma
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.analysis.cache import derived
from reader.analysis.ner.wordforms import conjunction_stripped, normalize_word
from reader.analysis.ner.wordtable import INDEX, WordTable, column, pack, unpack

#: Cluster counts, coarse to fine (chosen by cross-validation, docs/model.md).
DEFAULT_SIZES = (64, 256, 1024)
#: word2vec settings: skip-gram, 100 dimensions, ±5 words, words seen 5+ times.
WORD2VEC = {"vector_size": 100, "window": 5, "min_count": 5, "sg": 1, "negative": 5, "epochs": 5, "seed": 1}


@dataclass
class WordClusters:
    """Normalized word → its cluster ids, coarse to fine."""

    sizes: tuple[int, ...]
    table: Mapping[str, tuple[int, ...]]  # a dict, or read from the cache (``PackedIds``)

    def ids(self, normalized: str) -> tuple[int, ...] | None:
        """The word's cluster ids, or its و/ف-less form's; None when neither is known."""
        found = self.table.get(normalized)
        if found is None:
            form = conjunction_stripped(normalized)
            if form is not None:
                found = self.table.get(form)
        return found

    def features(self, normalized: str) -> list[str]:
        """``k1=…``, ``k2=…``, ``k3=…`` (one per granularity), or ``k=none``."""
        found = self.ids(normalized)
        if found is None:
            return ["k=none"]
        return [f"k{level}={cid}" for level, cid in enumerate(found, 1)]

    # --- storage: one line per fine cluster, its parents, then its words ------

    def save(self, path: Path) -> None:
        by_leaf: dict[tuple[int, ...], list[str]] = {}
        for word, ids in self.table.items():
            by_leaf.setdefault(ids, []).append(word)
        lines = ["#clusters " + " ".join(map(str, self.sizes))]
        for ids in sorted(by_leaf):
            lines.append(" ".join(map(str, ids)) + "\t" + " ".join(sorted(by_leaf[ids])))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path, *, cache_dir: Path | None = None) -> WordClusters:
        """The table at ``path``, through its packed form in the cache (``PackedIds``): 78,000
        words read in about 10 ms instead of 0.08–0.15 s at every start of the analysis process."""
        return derived(path, "clusters", lambda: PackedIds.of(cls.read_text(path)).to_bytes(), _unpacked, cache_dir)

    @classmethod
    def read_text(cls, path: Path) -> WordClusters:
        """The table as ``save`` wrote it (``ValueError`` when it is not one)."""
        with path.open(encoding="utf-8") as f:
            header = f.readline().split()
            if not header or header[0] != "#clusters":
                raise ValueError(f"not a cluster table: {path}")
            sizes = tuple(int(s) for s in header[1:])
            table: dict[str, tuple[int, ...]] = {}
            for line in f:
                ids_text, _, words = line.rstrip("\n").partition("\t")
                ids = tuple(int(s) for s in ids_text.split())
                if len(ids) != len(sizes):
                    raise ValueError(f"bad cluster line in {path}: {line[:40]!r}")
                table.update(dict.fromkeys(words.split(), ids))
        return cls(sizes, table)


class PackedIds(Mapping[str, tuple[int, ...]]):
    """Word → cluster ids as a ``WordTable`` and one column of ids (``levels`` per word), read lazily."""

    def __init__(self, sizes: tuple[int, ...], rows: WordTable, ids: array[int]) -> None:
        if len(ids) != len(rows) * len(sizes):
            raise ValueError("not a packed cluster table: its parts disagree")
        self.sizes = sizes
        self._rows = rows
        self._ids = ids

    @classmethod
    def of(cls, clusters: WordClusters) -> PackedIds:
        words = list(clusters.table)
        ids = array(INDEX, (i for word in words for i in clusters.table[word]))
        return cls(clusters.sizes, WordTable.of(words), ids)

    def to_bytes(self) -> bytes:
        sizes = array(INDEX, self.sizes).tobytes()
        return pack("clusters-1", [sizes, *self._rows.sections(), self._ids.tobytes()])

    @classmethod
    def from_bytes(cls, data: bytes) -> PackedIds:
        sizes, *rows, ids = unpack("clusters-1", data)
        if len(sizes) % 4 or len(ids) % 4:
            raise ValueError("not a packed cluster table")
        return cls(tuple(column(INDEX, sizes)), WordTable.from_sections(rows), column(INDEX, ids))

    def __getitem__(self, word: str) -> tuple[int, ...]:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def get(self, word: str, default: tuple[int, ...] | None = None) -> tuple[int, ...] | None:  # type: ignore[override]
        row = self._rows.get(word)
        if row is None:
            return default
        n = len(self.sizes)
        return tuple(self._ids[row * n : row * n + n])

    def __iter__(self) -> Iterator[str]:
        return (word for word, _row in self._rows.items())

    def __len__(self) -> int:
        return len(self._rows)


def _unpacked(data: bytes) -> WordClusters:
    packed = PackedIds.from_bytes(data)
    return WordClusters(packed.sizes, packed)


#: Cue words whose company a word keeps in the unlabeled text (``WordContexts``):
#: T a person title before it (الرئيس X), V a reporting verb (قال X), L a
#: place head noun (مدينة X), O an organization head noun (حزب X), F a given
#: name (X is then likely a surname).
CONTEXT_CUES = ("T", "V", "L", "O", "F")
#: A word needs this many occurrences in the unlabeled text for its context bands.
MIN_CONTEXT_COUNT = 5


@dataclass
class WordContexts:
    """Normalized word → what precedes it across the unlabeled text, as coarse bands.

    ``xT2``: 5–20% of the word's occurrences follow a person title. A name
    the training data never saw often keeps telling company in nine million
    words of news (جوكو ويدودو after الرئيس الإندونيسي), which its one
    sentence may lack.
    """

    table: dict[str, str]  # word → space-separated features

    def features(self, normalized: str) -> list[str]:
        found = self.table.get(normalized)
        if found is None:
            form = conjunction_stripped(normalized)
            found = self.table.get(form) if form is not None else None
        return found.split() if found else []

    def save(self, path: Path) -> None:
        lines = ["#contexts " + " ".join(CONTEXT_CUES)]
        lines += [f"{word}\t{feats}" for word, feats in sorted(self.table.items())]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> WordContexts:
        with path.open(encoding="utf-8") as f:
            if not f.readline().startswith("#contexts"):
                raise ValueError(f"not a context table: {path}")
            return cls(dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line))

    @classmethod
    def count(cls, sentences: Iterable[Sequence[str]], cues: Mapping[str, str]) -> WordContexts:
        """From tokenized, normalized sentences; ``cues`` maps a normalized cue word to its letter."""
        totals: Counter[str] = Counter()
        after: dict[str, Counter[str]] = {}
        for tokens in sentences:
            previous = ""
            for token in tokens:
                totals[token] += 1
                cue = cues.get(previous)
                if cue is not None:
                    after.setdefault(token, Counter())[cue] += 1
                previous = token
        table: dict[str, str] = {}
        for word, counts in after.items():
            total = totals[word]
            if total < MIN_CONTEXT_COUNT:
                continue
            feats = [f"x{cue}{_band(counts[cue] / total)}" for cue in CONTEXT_CUES if counts[cue]]
            feats = [f for f in feats if not f.endswith("0")]
            if feats:
                table[word] = " ".join(feats)
        return cls(table)


def _band(share: float) -> int:
    return 0 if share < 0.01 else 1 if share < 0.05 else 2 if share < 0.2 else 3


# --- training (needs the ``train`` extra) -------------------------------------


def unlabeled_sentences(path: Path) -> Iterator[list[str]]:
    """Normalized tokens of each line (title or paragraph) of a text file, ``.xz`` or plain."""
    from reader.analysis.tokens import iter_tokens

    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            tokens = [normalize_word(t.text) for t in iter_tokens(line)]
            if tokens:
                yield tokens


def tokenized_corpus(path: Path, cache_dir: Path) -> Path:
    """The unlabeled text tokenized and normalized, one line per paragraph (cached)."""
    stat = path.stat()
    tag = hashlib.sha1(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    out = cache_dir / f"{path.name.split('.')[0]}-{tag}.tokens.txt"
    if not out.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = out.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as f:
            for tokens in unlabeled_sentences(path):
                f.write(" ".join(tokens) + "\n")
        partial.replace(out)
    return out


def _stable_hash(text: str) -> int:
    """gensim seeds each vector with a hash of its word: one that does not change between runs."""
    return zlib.crc32(text.encode("utf-8"))


def word_vectors(corpus: Path, cache_dir: Path, **changes: int) -> Path:
    """word2vec vectors of the tokenized ``corpus`` (cached; one worker, so reproducible)."""
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence

    params = {**WORD2VEC, **changes}
    settings = "-".join(f"{k}{v}" for k, v in sorted(params.items()))
    out = cache_dir / f"{corpus.stem}-w2v-{settings}.kv"
    if not out.is_file():
        model = Word2Vec(LineSentence(str(corpus)), workers=1, hashfxn=_stable_hash, **params)
        model.wv.save(str(out))
    return out


def cluster_vectors(vectors: Path, sizes: Sequence[int] = DEFAULT_SIZES) -> WordClusters:
    """A tree of k-means clusters over the unit-length vectors, finest level first.

    The finest level clusters the words; each coarser level clusters the
    centroids of the level below (weighted by their sizes), so a fine
    cluster has one parent at every level.
    """
    import numpy as np
    from gensim.models import KeyedVectors
    from sklearn.cluster import KMeans

    kv = KeyedVectors.load(str(vectors))
    words = list(kv.index_to_key)
    points = kv.vectors / np.linalg.norm(kv.vectors, axis=1, keepdims=True)
    order = sorted(sizes, reverse=True)
    labels: dict[int, np.ndarray] = {}
    current, weights = points, np.ones(len(points), dtype=float)
    word_labels: np.ndarray | None = None
    for size in order:
        km = KMeans(n_clusters=size, n_init=1, random_state=0, max_iter=100).fit(current, sample_weight=weights)
        word_labels = km.labels_ if word_labels is None else km.labels_[word_labels]
        labels[size] = word_labels
        centers = km.cluster_centers_
        current = centers / np.maximum(np.linalg.norm(centers, axis=1, keepdims=True), 1e-9)
        weights = np.bincount(km.labels_, weights=weights, minlength=size).astype(float)
    ordered = sorted(sizes)
    table = {w: tuple(int(labels[s][i]) for s in ordered) for i, w in enumerate(words)}
    return WordClusters(tuple(ordered), table)


def build_clusters(
    unlabeled: Path, cache_dir: Path, sizes: Sequence[int] = DEFAULT_SIZES, **word2vec: int
) -> WordClusters:
    """Tokenize ``unlabeled``, train word2vec, cluster: the whole recipe (minutes; cached)."""
    corpus = tokenized_corpus(unlabeled, cache_dir)
    vectors = word_vectors(corpus, cache_dir, **word2vec)
    table = cache_dir / f"{vectors.stem}-k{'-'.join(map(str, sizes))}.clusters.txt"
    if table.is_file():
        return WordClusters.load(table)
    clusters = cluster_vectors(vectors, sizes)
    clusters.save(table)
    return clusters


def build_contexts(unlabeled: Path, cache_dir: Path) -> WordContexts:
    """Count the cue words before every word of the unlabeled text (a minute; cached)."""
    from reader.analysis.ner import wordlists

    corpus = tokenized_corpus(unlabeled, cache_dir)
    table = cache_dir / f"{corpus.stem}.contexts.txt"
    if table.is_file():
        return WordContexts.load(table)
    cues: dict[str, str] = {}
    for cue, words in (
        ("F", wordlists.FIRST_NAMES),
        ("O", wordlists.ORGANIZATION_TRIGGERS),
        ("L", wordlists.PLACE_TRIGGERS),
        ("V", wordlists.PERSON_AFTER),
        ("T", wordlists.PERSON_TITLES),
    ):
        for word in words:
            if " " not in word:
                folded = normalize_word(word)
                cues[folded] = cue
                cues["و" + folded] = cue
    with corpus.open(encoding="utf-8") as f:
        contexts = WordContexts.count((line.split() for line in f), cues)
    contexts.save(table)
    return contexts
