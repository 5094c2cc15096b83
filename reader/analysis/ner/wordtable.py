"""Word → row number, loaded in milliseconds: the model's big word tables without a dict of every word.

The model looks words up in tables of 78,000 (word clusters, the network's
vectors) to 540,000 words (corpus usage). Made into dicts when the analysis
process starts, they cost 0.25–0.45 s of every launch — most of the time
before the first highlights — while a 2,000-word article asks about a few
thousand words.

A ``WordTable`` keeps its words as one run of UTF-8 bytes, grouped into
buckets by a stable hash (CRC-32 of the bytes: Python's own ``hash``
changes from one process to the next), and splits a bucket into a small
dict the first time a word of it is asked for. Reading one from bytes is a
copy (a few milliseconds for 540,000 words: nothing is decoded). After
``FULL_AFTER`` look-ups (a long article) it becomes one dict, as the table
used to be at start.

A word's *row* is its position in the list the table was made from, so the
values live beside it in arrays (``array``, NumPy) indexed by row.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

#: The bytes' layout; anything else is refused (``ValueError``).
FORMAT = "word-table-3"

#: Words per bucket, on average.
BUCKET_WORDS = 8

#: The array type of the index columns: 4-byte unsigned (the bytes are the same on every platform).
INDEX = next(code for code in "IL" if array(code).itemsize == 4)

#: Look-ups after which the table turns into one dict (see the module docstring).
FULL_AFTER = 200_000


def pack(kind: str, sections: Sequence[bytes]) -> bytes:
    """``sections`` as one run of bytes, marked as ``kind`` (at most 32 ASCII letters), with a CRC-32.

    Numbers are in the machine's byte order: these files live in the user's
    cache, made and read on the same machine. The checksum (8 ms for the
    word-usage table's 13 MB) makes a damaged file a ``ValueError`` when it is
    read, never a wrong answer or an error in the middle of an analysis.
    """
    body = b"".join(sections)
    lengths = struct.pack(f"<I{len(sections)}Q", len(sections), *map(len, sections))
    return kind.encode("ascii").ljust(32, b" ") + struct.pack("<I", zlib.crc32(body)) + lengths + body


def unpack(kind: str, data: bytes) -> list[memoryview]:
    """The sections ``pack`` stored as ``kind``, as views of ``data`` (``ValueError`` for anything else)."""
    view = memoryview(data)
    try:
        if bytes(view[:32]).rstrip(b" ") != kind.encode("ascii"):
            raise ValueError(f"not a {kind} table")
        checksum, count = struct.unpack_from("<II", view, 32)
        lengths = struct.unpack_from(f"<{count}Q", view, 40)
    except struct.error as error:
        raise ValueError(f"not a {kind} table: {error}") from error
    at = 40 + 8 * count
    if at + sum(lengths) != len(view):
        raise ValueError(f"not a {kind} table: {len(view)} bytes where its header says {at + sum(lengths)}")
    if zlib.crc32(view[at:]) != checksum:
        raise ValueError(f"a damaged {kind} table: its checksum differs")
    sections = []
    for length in lengths:
        sections.append(view[at : at + length])
        at += length
    return sections


def column(code: str, data: bytes | memoryview) -> array[int]:
    """An ``array`` of type ``code`` copied from ``data`` (``array(code, view)`` would read a
    memoryview as a sequence of small numbers)."""
    made = array(code)
    made.frombytes(data)
    return made


def _encoded(word: str) -> bytes:
    return word.encode("utf-8", "surrogatepass")


class WordTable:
    """Word → row (see the module docstring). Words contain no newline."""

    __slots__ = ("_buckets", "_full", "_joined", "_key_starts", "_left", "_mask", "_rows", "_text_starts")

    def __init__(
        self, joined: bytes | memoryview, text_starts: array[int], key_starts: array[int], rows: array[int]
    ) -> None:
        buckets = len(text_starts) - 1
        if buckets < 1 or buckets & (buckets - 1) or len(key_starts) != buckets + 1:
            raise ValueError("not a word table: bad bucket index")
        if key_starts[-1] != len(rows) or text_starts[-1] != len(joined):
            raise ValueError("not a word table: its parts disagree")
        self._joined = joined
        self._text_starts = text_starts
        self._key_starts = key_starts
        self._rows = rows
        self._mask = buckets - 1
        self._buckets: dict[int, dict[bytes, int]] = {}
        self._full: dict[bytes, int] | None = None
        self._left = FULL_AFTER

    @classmethod
    def of(cls, words: Iterable[str]) -> WordTable:
        """The table of ``words``: row k is the k-th word (a repeated word keeps its first row)."""
        rows_of: dict[bytes, int] = {}
        for row, word in enumerate(words):
            if "\n" in word:
                raise ValueError(f"a word table's words have no newline: {word!r}")
            rows_of.setdefault(_encoded(word), row)
        buckets = 1
        while buckets * BUCKET_WORDS < len(rows_of):
            buckets *= 2
        grouped: list[list[bytes]] = [[] for _ in range(buckets)]
        for key in rows_of:
            grouped[zlib.crc32(key) & (buckets - 1)].append(key)
        parts: list[bytes] = []
        text_starts, key_starts, rows = array(INDEX, [0]), array(INDEX, [0]), array(INDEX)
        length = 0
        for members in grouped:
            for key in members:
                parts.append(key + b"\n")
                length += len(key) + 1
                rows.append(rows_of[key])
            text_starts.append(length)
            key_starts.append(len(rows))
        return cls(b"".join(parts), text_starts, key_starts, rows)

    def sections(self) -> list[bytes]:
        """The table as the byte runs ``pack`` stores (``from_sections`` reads them back)."""
        return [bytes(self._joined), self._text_starts.tobytes(), self._key_starts.tobytes(), self._rows.tobytes()]

    @classmethod
    def from_sections(cls, sections: Sequence[memoryview]) -> WordTable:
        """The table of ``sections()``; ``ValueError`` for anything else. The words stay in the given
        buffer, uncopied (a bucket is copied out when first asked for)."""
        if len(sections) != 4 or not all(len(c) % 4 == 0 for c in sections[1:]):
            raise ValueError("not a word table")
        joined, *columns = sections
        text_starts, key_starts, rows = (column(INDEX, c) for c in columns)
        return cls(joined, text_starts, key_starts, rows)

    def to_bytes(self) -> bytes:
        return pack(FORMAT, self.sections())

    @classmethod
    def from_bytes(cls, data: bytes) -> WordTable:
        """The table ``to_bytes`` wrote; ``ValueError`` for anything else."""
        return cls.from_sections(unpack(FORMAT, data))

    def get(self, word: str, default: int | None = None) -> int | None:
        """The row of ``word``, or ``default``."""
        key = _encoded(word)
        if self._full is not None:
            return self._full.get(key, default)
        self._left -= 1
        if self._left < 0:
            self._full = dict(
                zip(bytes(self._joined[:-1]).split(b"\n") if self._joined else [], self._rows, strict=True)
            )
            return self._full.get(key, default)
        b = zlib.crc32(key) & self._mask
        bucket = self._buckets.get(b)
        if bucket is None:
            bucket = self._buckets[b] = self._bucket(b)
        return bucket.get(key, default)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __len__(self) -> int:
        return len(self._rows)

    def items(self) -> Iterable[tuple[str, int]]:
        """Every (word, row), in no particular order."""
        words = bytes(self._joined[:-1]).decode("utf-8", "surrogatepass").split("\n") if self._joined else []
        return zip(words, self._rows, strict=True)

    def _bucket(self, b: int) -> dict[bytes, int]:
        text = bytes(self._joined[self._text_starts[b] : self._text_starts[b + 1]])
        if not text:
            return {}
        first = self._key_starts[b]
        words = text[:-1].split(b"\n")
        return dict(zip(words, self._rows[first : first + len(words)], strict=True))


V = TypeVar("V")


#: Look-ups after which a ``PackedValues`` becomes one dict of its words: a
#: 2,000-word article asks each table 200-300 times; a long one tens of
#: thousands, which answered bucket by bucket cost five times a dict's time
#: (34,000 look-ups: 64-96 ms against 13 ms; making the dict, about 20 ms).
FULL_VALUES_AFTER = 2_000


class PackedValues(Mapping[str, V]):
    """Word → one of a few values (a word's class in training, its gazetteer categories), read lazily:
    a ``WordTable`` and one column of value numbers; the values themselves are kept by the caller.
    After ``FULL_VALUES_AFTER`` look-ups it answers from one dict."""

    def __init__(self, rows: WordTable, codes: array[int], values: Sequence[V]) -> None:
        if len(codes) != len(rows) or max(codes, default=-1) >= len(values):
            raise ValueError("not a packed value table: its parts disagree")
        self._rows = rows
        self._codes = codes
        self.values_used = values
        self._full: dict[str, V] | None = None
        self._left = FULL_VALUES_AFTER

    @classmethod
    def of(cls, mapping: Mapping[str, V]) -> PackedValues[V]:
        """``mapping`` packed (its values hashable: strings, frozen sets)."""
        values = list(dict.fromkeys(mapping.values()))
        number = {value: k for k, value in enumerate(values)}
        words = list(mapping)
        return cls(WordTable.of(words), array(INDEX, (number[mapping[w]] for w in words)), values)

    def sections(self) -> list[bytes]:
        """The words and value numbers as byte runs (``from_sections`` reads them back with the values)."""
        return [*self._rows.sections(), self._codes.tobytes()]

    @classmethod
    def from_sections(cls, sections: Sequence[memoryview], values: Sequence[V]) -> PackedValues[V]:
        if len(sections) != 5 or len(sections[4]) % 4:
            raise ValueError("not a packed value table")
        return cls(WordTable.from_sections(sections[:4]), column(INDEX, sections[4]), values)

    def __getitem__(self, word: str) -> V:
        missing = object()
        found = self.get(word, missing)
        if found is missing:
            raise KeyError(word)
        return found

    def get(self, word: str, default: Any = None) -> Any:
        if self._full is not None:
            return self._full.get(word, default)
        self._left -= 1
        if self._left < 0:
            self._full = dict(self.items())
            return self._full.get(word, default)
        row = self._rows.get(word) if isinstance(word, str) else None
        return default if row is None else self.values_used[self._codes[row]]

    def __contains__(self, word: object) -> bool:
        missing = object()
        return isinstance(word, str) and self.get(word, missing) is not missing

    def __iter__(self) -> Iterator[str]:
        return (word for word, _row in self._rows.items())

    def __len__(self) -> int:
        return len(self._rows)

    def items(self) -> Iterator[tuple[str, V]]:  # type: ignore[override]
        """Every (word, value) in one pass over the words (not a look-up each)."""
        values, codes = self.values_used, self._codes
        return ((word, values[codes[row]]) for word, row in self._rows.items())
