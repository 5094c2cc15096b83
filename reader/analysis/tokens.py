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
from collections.abc import Callable, Iterator, Sequence
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
    plain_word, simple_word_tokenize = _tokenizer()
    for match in _WHITESPACE_WORD.finditer(text):
        word, start = match.group(), match.start()
        if plain_word.fullmatch(word):
            yield Token(start, match.end(), word)
            continue
        for piece in simple_word_tokenize(word):  # pieces are consecutive slices of word
            yield Token(start, start + len(piece), piece)
            start += len(piece)


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
        if (token.text in _SENTENCE_END and not _is_decimal_point(text, token)) or "\n" in text[token.end : nxt.start]:
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
