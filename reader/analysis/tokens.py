"""Word tokenization with exact offsets, and sentence splitting.

Tokens are exactly camel-tools' ``simple_word_tokenize`` tokens: the text is
split on whitespace, then each punctuation mark, symbol and emoji becomes a
token of its own; everything else stays in the word. We run camel-tools'
tokenizer on each whitespace-separated word and lay its pieces back on the
text, so every token carries its ``[start, end)`` code-point span.
``tests/analysis/test_tokens.py`` checks the equivalence on random text.

    >>> [t.text for t in tokenize("قال: بالموصل ٣٥٠٠ شخص.")]
    ['قال', ':', 'بالموصل', '٣٥٠٠', 'شخص', '.']
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import overload


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a half-open range of token indices ``[first, last)``."""

    first: int
    last: int


_WHITESPACE_WORD = re.compile(r"\S+")  # \s is str.isspace(), as in str.split()

# Letters and digits of the scripts news text is written in. A word made only
# of these is one token, so the common case skips camel-tools' per-character
# loop (measured on news text: 230k instead of 112k words/s).
_PLAIN_RANGES = (
    (0x0030, 0x0039),
    (0x0041, 0x005A),
    (0x0061, 0x007A),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


@cache
def _tokenizer() -> tuple[re.Pattern[str], Callable[[str], list[str]]]:
    # Imported lazily: camel-tools builds its Unicode character sets at import.
    from camel_tools.tokenizers.word import simple_word_tokenize

    def splits(c: str) -> bool:
        return simple_word_tokenize(f"ب{c}ب") != [f"ب{c}ب"]

    plain = "".join(chr(c) for lo, hi in _PLAIN_RANGES for c in range(lo, hi + 1) if not splits(chr(c)))
    return re.compile("[" + re.escape(plain) + "]+"), simple_word_tokenize


def iter_tokens(text: str) -> Iterator[Token]:
    """Yield the tokens of ``text`` with their offsets, in order."""
    for start, end in iter_token_offsets(text):
        yield Token(start, end, text[start:end])


def iter_token_offsets(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each token of ``text``, in order (no Token objects)."""
    plain_word, simple_word_tokenize = _tokenizer()
    for match in _WHITESPACE_WORD.finditer(text):
        start, end = match.span()
        if plain_word.fullmatch(text, start, end):
            yield start, end
            continue
        for piece in simple_word_tokenize(match.group()):  # pieces are consecutive slices of the word
            yield start, start + len(piece)
            start += len(piece)


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text``, in order."""
    return list(iter_tokens(text))


class TokenTable(Sequence[Token]):
    """All tokens of a text, stored as two arrays of offsets.

    A list of Token objects costs about 250 bytes a token (the object, two
    int objects, the word's string); a 60 MB article has 6 million tokens,
    1.5 GB. Here a token costs 16 bytes, and a Token is made when it is asked
    for (``table[i]``, a slice, iteration): the pipeline keeps the table for
    the whole document and materialises one chunk at a time.

    >>> table = TokenTable.of("قال: بالموصل")
    >>> len(table), table[1], [t.text for t in table[1:]]
    (3, Token(start=3, end=4, text=':'), [':', 'بالموصل'])
    """

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str, starts: array, ends: array) -> None:
        self.text, self.starts, self.ends = text, starts, ends

    @classmethod
    def of(cls, text: str) -> TokenTable:
        """The tokens of ``text`` (the same as :func:`tokenize`)."""
        starts, ends = array("q"), array("q")
        for start, end in iter_token_offsets(text):
            starts.append(start)
            ends.append(end)
        return cls(text, starts, ends)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            text = self.text
            return [Token(s, e, text[s:e]) for s, e in zip(self.starts[index], self.ends[index], strict=True)]
        start, end = self.starts[index], self.ends[index]
        return Token(start, end, self.text[start:end])

    def __iter__(self) -> Iterator[Token]:
        text = self.text
        for start, end in zip(self.starts, self.ends, strict=True):
            yield Token(start, end, text[start:end])


def token_offsets(tokens: Sequence[Token]) -> tuple[Sequence[int], Sequence[int]]:
    """The tokens' start and end offsets as two sorted sequences (no copy for a TokenTable)."""
    if isinstance(tokens, TokenTable):
        return tokens.starts, tokens.ends
    return array("q", (t.start for t in tokens)), array("q", (t.end for t in tokens))


def index_of(offsets: Sequence[int], offset: int) -> int | None:
    """The index of ``offset`` in sorted ``offsets``, or None if it is not there."""
    i = bisect_left(offsets, offset)
    return i if i < len(offsets) and offsets[i] == offset else None


# A sentence ends after . ! ? ؟ … or the Arabic full stop ۔, or at a line break.
# A period between digits (3.5) is a decimal point, not a sentence end.
_SENTENCE_END = frozenset(".!?؟…۔")


def split_sentences(text: str, tokens: Sequence[Token]) -> list[Sentence]:
    """Group ``tokens`` into sentences.

    A sentence ends after a closing punctuation token, or where a newline lies
    between two tokens (paragraphs and headlines never run together).
    """
    sentences: list[Sentence] = []
    first = 0
    starts, ends = token_offsets(tokens)
    n = len(starts)
    for i in range(n - 1):
        start, end = starts[i], ends[i]
        if (end - start == 1 and text[start] in _SENTENCE_END and not _is_decimal_point(text, start)) or text.find(
            "\n", end, starts[i + 1]
        ) != -1:
            sentences.append(Sentence(first, i + 1))
            first = i + 1
    if first < n:
        sentences.append(Sentence(first, n))
    return sentences


def _is_decimal_point(text: str, start: int) -> bool:
    """Whether the one-character token at ``start`` is a "." between digits (3.5)."""
    return (
        text[start] == "."
        and start > 0
        and start + 1 < len(text)
        and text[start - 1].isdigit()
        and text[start + 1].isdigit()
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` code points of each sentence of ``text``, split as the analysis splits them.

    >>> sentence_spans("قال العبادي. ثم غادر\\nبغداد")
    [(0, 12), (13, 20), (21, 26)]
    """
    tokens = TokenTable.of(text)
    starts, ends = tokens.starts, tokens.ends
    return [(starts[s.first], ends[s.last - 1]) for s in split_sentences(text, tokens)]
