"""Which way a text runs: decided once, before any template is chosen.

displaCy's lesson (STYLE.md): a direction-dependent template is only right if
the direction is known first. An Arabic article is right-to-left, but the
reader also opens the odd English article; its export should read left to
right with English labels.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Literal

Direction = Literal["rtl", "ltr"]

# Unicode bidi classes of strong characters: R (Hebrew...), AL (Arabic letters), L (Latin...).
_RTL_CLASSES = ("R", "AL")
# The opening of a text is enough to know its direction; counting a whole
# 1,000,000-word book would cost a second for the same answer.
SAMPLE_CHARACTERS = 100_000


def text_direction(text: str) -> Direction:
    """``"rtl"`` unless left-to-right strong characters outnumber right-to-left ones.

    The majority of strong characters in the first SAMPLE_CHARACTERS decides,
    not the first one: an Arabic article that opens with "CNN:" or "2017" is
    still right-to-left. Digits, punctuation and spaces are weak or neutral
    and do not vote. A tie (and an
    empty text) is right-to-left: this is an Arabic reader.

    >>> text_direction("قال العبادي إن 3500 مقاتل (CNN)")
    'rtl'
    >>> text_direction("Mosul: the battle for the old city")
    'ltr'
    """
    classes = Counter(map(unicodedata.bidirectional, text[:SAMPLE_CHARACTERS]))
    rtl = sum(classes[name] for name in _RTL_CLASSES)
    return "ltr" if classes["L"] > rtl else "rtl"
