"""Invented sentences for the NER tests, written one to a line and turned into CoNLL text."""

from __future__ import annotations

import re

_WORD_OR_NAME = re.compile(r"\[([^\]]+)\]([A-Z]+)|(\S+)")


def conll(*sentences: str) -> str:
    """CoNLL text (``word TAG`` lines, a blank line between sentences) of sentences
    with their names in brackets, each followed by its type:

    >>> print(conll("قال [سامر النجار]PERS في [حلب]LOC", "نعم"), end="")
    قال O
    سامر B-PERS
    النجار I-PERS
    في O
    حلب B-LOC
    <BLANKLINE>
    نعم O
    """
    blocks = []
    for sentence in sentences:
        lines = []
        for name, kind, word in _WORD_OR_NAME.findall(sentence):
            if word:
                lines.append(f"{word} O")
            else:
                lines += [f"{w} {'I' if i else 'B'}-{kind}" for i, w in enumerate(name.split())]
        blocks.append("".join(line + "\n" for line in lines))
    return "\n".join(blocks)
