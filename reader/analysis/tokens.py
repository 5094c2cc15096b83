"""Word tokenization with exact offsets, and sentence splitting.

Tokens follow camel-tools' ``simple_word_tokenize`` exactly: a token is a run
of letters, marks and digits, or a single punctuation/symbol character (or a
multi-character emoji); whitespace and other characters separate tokens.
We build the same regular expression from camel-tools' own character sets and
use ``finditer`` so every token carries its ``[start, end)`` code-point span in
the source text. ``tests/analysis/test_tokens.py`` checks the equivalence.

    >>> [t.text for t in tokenize("قال: بالموصل ٣٥٠٠ شخص.")]
    ['قال', ':', 'بالموصل', '٣٥٠٠', 'شخص', '.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache


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


@cache
def _token_pattern() -> re.Pattern[str]:
    # Built lazily: camel-tools computes its Unicode character sets at import.
    from camel_tools.utils.charsets import (
        EMOJI_MULTICHAR_CHARSET,
        UNICODE_LETTER_MARK_NUMBER_CHARSET,
        UNICODE_PUNCT_SYMBOL_CHARSET,
    )

    punct = sorted(
        (re.escape(c) for c in UNICODE_PUNCT_SYMBOL_CHARSET | EMOJI_MULTICHAR_CHARSET),
        key=len,
        reverse=True,
    )
    word = re.escape("".join(sorted(UNICODE_LETTER_MARK_NUMBER_CHARSET)))
    return re.compile("|".join(punct) + "|[" + word + "]+")


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Yield the tokens of ``text[start:end]`` with offsets into ``text``."""
    pattern = _token_pattern()
    matches = pattern.finditer(text, start) if end is None else pattern.finditer(text, start, end)
    for match in matches:
        s, e = match.span()
        yield Token(s, e, match.group())


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text``, in order."""
    return list(iter_tokens(text))


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
    n = len(tokens)
    for i, token in enumerate(tokens):
        last = i + 1
        if last == n:
            break
        nxt = tokens[last]
        if token.text in _SENTENCE_END and not _is_decimal_point(text, token):
            sentences.append(Sentence(first, last))
            first = last
        elif "\n" in text[token.end : nxt.start]:
            sentences.append(Sentence(first, last))
            first = last
    if first < n:
        sentences.append(Sentence(first, n))
    return sentences


def _is_decimal_point(text: str, token: Token) -> bool:
    return (
        token.text == "."
        and token.start > 0
        and token.end < len(text)
        and text[token.start - 1].isdigit()
        and text[token.end].isdigit()
    )
