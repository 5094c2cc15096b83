"""How a word is used in a large corpus: evidence that an unseen word is a name.

Arabic has no capital letters, so a name the training data never saw looks
like any other word. How the word is *used* across a large corpus tells them
apart: a common noun takes the article and the possessive suffixes
(كتاب، الكتاب، كتابه), a name almost never does (كارتر is frequent, الكارتر
and كارتره are not). wordfreq (Apache-2.0 code, CC BY-SA 4.0 data) ships the
frequencies of 620,000 Arabic words, from Wikipedia, news, subtitles, books
and the web; we fold its words the way the features fold theirs and ask
three questions of a word and its clitic-free stem:

- ``fq``: how frequent is the word as written (a band of log10 frequency);
- ``art``: how much more or less frequent is the stem with the article
  (log f(ال + stem) − log f(stem));
- ``sfx``: how frequent is the stem's most frequent suffixed form
  (ـه، ـها، ـهم، ـات، ـين ...), relative to the stem.

Each answer is a coarse band (a CRF feature string), so the model learns
from the training data how far to trust it.

Folding 620,000 words takes a second or two, so the folded table is kept in
the user's cache folder (``~/.cache/arabic-reader``), keyed by wordfreq's
version; it is rebuilt when missing or unreadable, and a cache that cannot
be written only costs the time. It is kept as two sorted columns
(``SortedTable``): read in 0.1 s, where a dict of its 540,000 words took
0.35 s at every start of the analysis process.
"""

from __future__ import annotations

import marshal
import math
from array import array
from bisect import bisect_left
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from reader.analysis.cache import default_cache_dir, write_quietly

#: Suffixes a common noun or adjective takes and a name rarely does.
SUFFIXES = ("ه", "ها", "هم", "هما", "ي", "نا", "كم", "ات", "ين", "ون", "يه")

#: log10 frequency given to a word wordfreq does not list (its list stops near 1e-8).
ABSENT = -9.0

# wordfreq's Arabic words carry no diacritics or tatweel; folding them is
# fold_letters' letter mapping alone (checked by the tests).
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


#: Look-ups after which a ``SortedTable`` turns into a dict (see there).
DICT_AFTER_LOOKUPS = 200_000


class SortedTable:
    """Word → log frequency as two sorted columns, as the cache holds them.

    Reading it is splitting one string (0.1 s); a dict of the same 540,000
    words took 0.35 s to read, at every start of the analysis process, before
    the first article could be analyzed. A look-up is a binary search (about
    1 µs against a dict's 0.05); the features cache each word's, so an
    article asks ~15 per new word. After ``DICT_AFTER_LOOKUPS`` (a long
    article) the table becomes a dict, once.
    """

    __slots__ = ("_dict", "_keys", "_left", "_values")

    def __init__(self, keys: list[str], values: array[float]) -> None:
        if len(keys) != len(values):
            raise ValueError(f"{len(keys)} words and {len(values)} frequencies")
        self._keys = keys
        self._values = values
        self._dict: dict[str, float] | None = None
        self._left = DICT_AFTER_LOOKUPS

    @classmethod
    def of(cls, log_frequencies: Mapping[str, float]) -> SortedTable:
        keys = sorted(k for k in log_frequencies if "\n" not in k)
        return cls(keys, array("d", (log_frequencies[k] for k in keys)))

    def to_bytes(self) -> bytes:
        return marshal.dumps(("\n".join(self._keys), self._values.tobytes()))

    @classmethod
    def from_bytes(cls, data: bytes) -> SortedTable:
        """The table ``to_bytes`` wrote; ValueError (or EOFError, TypeError) for anything else."""
        joined, raw = marshal.loads(data)
        if not isinstance(joined, str) or not isinstance(raw, bytes):
            raise ValueError("not a word-usage table")
        values = array("d")
        values.frombytes(raw)
        return cls(joined.split("\n") if joined else [], values)

    def get(self, word: str, default: float) -> float:
        if self._dict is None:
            self._left -= 1
            if self._left >= 0:
                i = bisect_left(self._keys, word)
                return self._values[i] if i < len(self._keys) and self._keys[i] == word else default
            self._dict = dict(zip(self._keys, self._values, strict=True))
        return self._dict.get(word, default)

    def __len__(self) -> int:
        return len(self._keys)


class WordUsage:
    """Folded word → log10 frequency, and the feature bands derived from it."""

    def __init__(self, log_frequencies: Mapping[str, float] | SortedTable) -> None:
        self._log = log_frequencies if isinstance(log_frequencies, SortedTable) else dict(log_frequencies)

    @classmethod
    def from_frequencies(cls, frequencies: Mapping[str, float]) -> WordUsage:
        """From raw word → frequency pairs (several spellings may fold together)."""
        return cls(_folded_logs(frequencies))

    @classmethod
    def from_wordfreq(cls, cache_dir: Path | None = None) -> WordUsage | None:
        """The table from the installed wordfreq, through the cache; None without wordfreq."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            installed = version("wordfreq")  # not importing it: 0.15 s of imports a cached table does not need
        except PackageNotFoundError:
            return None
        folder = default_cache_dir() if cache_dir is None else cache_dir
        cache = folder / f"word-usage-ar-wordfreq-{installed}-sorted.marshal"  # two sorted columns (SortedTable)
        try:
            return cls(SortedTable.from_bytes(cache.read_bytes()))
        except (OSError, EOFError, ValueError, TypeError):
            pass  # missing, damaged, or an older form of the table: built again
        try:
            import wordfreq
        except ImportError:
            return None
        logs = _folded_logs(wordfreq.get_frequency_dict("ar", "large"))
        write_quietly(cache, SortedTable.of(logs).to_bytes())
        return cls(logs)

    def __len__(self) -> int:
        return len(self._log)

    def log_frequency(self, folded: str) -> float:
        return self._log.get(folded, ABSENT)

    def features(self, word: str, stem: str) -> list[str]:
        """Bands for a normalized ``word`` whose clitic-free stem is ``stem``."""
        log = self._log.get
        out = ["fq=" + band(log(word, ABSENT), (-7.5, -6.5, -5.5, -4.5, -3.5))]
        bare = log(stem, ABSENT)
        article = log("ال" + stem, ABSENT)
        if bare == ABSENT and article == ABSENT:
            out.append("art=none")
            return out
        out.append("art=" + band(article - bare, (-3.0, -1.5, -0.5, 0.5, 1.5)))
        suffixed = max(log(stem + s, ABSENT) for s in SUFFIXES)
        out.append("sfx=" + band(suffixed - max(bare, article), (-3.5, -2.5, -1.5, -0.5)))
        return out


def _folded_logs(frequencies: Mapping[str, float]) -> dict[str, float]:
    """Folded word → log10 of the summed frequencies of the spellings that fold to it."""
    folded: dict[str, float] = {}
    get = folded.get
    for word, frequency in frequencies.items():
        if frequency > 0:
            key = word.translate(_FOLD)
            folded[key] = get(key, 0.0) + frequency
    return {w: math.log10(f) for w, f in folded.items()}


@cache
def shared_word_usage() -> WordUsage:
    """The one table of this process (loaded on first use).

    Raises ``RuntimeError`` when wordfreq is not installed: a model trained
    with the ``usage`` features cannot tag correctly without it.
    """
    usage = WordUsage.from_wordfreq()
    if usage is None:
        raise RuntimeError("the offline model needs the wordfreq package: pip install wordfreq")
    return usage


def band(value: float, edges: tuple[float, ...]) -> str:
    """The index of the band ``value`` falls in, as a string (``edges`` ascending)."""
    for k, edge in enumerate(edges):
        if value < edge:
            return str(k)
    return str(len(edges))
