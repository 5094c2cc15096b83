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
installed Arabic table; it is rebuilt when missing or unreadable, and a cache that cannot
be written only costs the time. It is kept packed (``PackedTable``): read
in about 30 ms, where a dict of its 540,000 words took 0.35 s at every start
of the analysis process.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from reader.analysis.cache import default_cache_dir, installed_stamp, write_quietly
from reader.analysis.ner.wordtable import WordTable, pack, unpack

#: Suffixes a common noun or adjective takes and a name rarely does.
SUFFIXES = ("ه", "ها", "هم", "هما", "ي", "نا", "كم", "ات", "ين", "ون", "يه")

#: log10 frequency given to a word wordfreq does not list (its list stops near 1e-8).
ABSENT = -9.0

# wordfreq's Arabic words carry no diacritics or tatweel; folding them is
# fold_letters' letter mapping alone (checked by the tests).
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


class PackedTable:
    """Word → log frequency as the cache holds it: a ``WordTable`` of the words and a column of values.

    Read in about 30 ms, where a dict of its 540,000 words took 0.35 s and
    two sorted columns split into a list 0.1–0.15 s, at every start of the
    analysis process (``wordtable``).
    """

    __slots__ = ("_rows", "_values")

    def __init__(self, rows: WordTable, values: array[float]) -> None:
        if len(rows) != len(values):
            raise ValueError(f"{len(rows)} words and {len(values)} frequencies")
        self._rows = rows
        self._values = values

    @classmethod
    def of(cls, log_frequencies: Mapping[str, float]) -> PackedTable:
        words = [w for w in log_frequencies if "\n" not in w]
        return cls(WordTable.of(words), array("d", (log_frequencies[w] for w in words)))

    def to_bytes(self) -> bytes:
        return pack("word-usage-1", [*self._rows.sections(), self._values.tobytes()])

    @classmethod
    def from_bytes(cls, data: bytes) -> PackedTable:
        """The table ``to_bytes`` wrote; ValueError for anything else."""
        *rows, raw = unpack("word-usage-1", data)
        if len(raw) % 8:
            raise ValueError("not a word-usage table")
        values = array("d")
        values.frombytes(raw)
        return cls(WordTable.from_sections(rows), values)

    def get(self, word: str, default: float) -> float:
        row = self._rows.get(word)
        return default if row is None else self._values[row]

    def __len__(self) -> int:
        return len(self._values)


class WordUsage:
    """Folded word → log10 frequency, and the feature bands derived from it."""

    def __init__(self, log_frequencies: Mapping[str, float] | PackedTable) -> None:
        self._log = log_frequencies if isinstance(log_frequencies, PackedTable) else dict(log_frequencies)

    @classmethod
    def from_frequencies(cls, frequencies: Mapping[str, float]) -> WordUsage:
        """From raw word → frequency pairs (several spellings may fold together)."""
        return cls(_folded_logs(frequencies))

    @classmethod
    def from_wordfreq(cls, cache_dir: Path | None = None) -> WordUsage | None:
        """The table from the installed wordfreq, through the cache; None without wordfreq."""
        installed = installed_stamp("wordfreq", "data/large_ar.msgpack.gz")  # not importing it: 0.15 s
        if installed is None:
            return None
        where, version = installed
        folder = default_cache_dir() if cache_dir is None else cache_dir
        cache = folder / f"word-usage-ar-wordfreq-{where}-{version}-packed.bin"  # (PackedTable)
        try:
            return cls(PackedTable.from_bytes(cache.read_bytes()))
        except (OSError, EOFError, ValueError, TypeError):
            pass  # missing, damaged, or an older form of the table: built again
        try:
            import wordfreq
        except ImportError:
            return None
        logs = _folded_logs(wordfreq.get_frequency_dict("ar", "large"))
        write_quietly(cache, PackedTable.of(logs).to_bytes(), replacing=f"word-usage-ar-wordfreq-{where}-*-packed.bin")
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
