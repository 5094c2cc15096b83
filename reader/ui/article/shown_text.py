"""What the reading view's document holds for a text, and how its positions map back (Qt-free).

The document shows ``Source.text`` itself, character for character, with two
differences in how it is laid out; neither changes the text the reader
copies, searches or exports, and ``Utf16Index`` keeps every offset exact.

- **Controls are shown, not obeyed.** Embeddings, overrides and isolates
  (U+202A–U+202E, U+2066–U+2069; ``reader.invisible.CONTROLS``) reorder the
  text around them: ``\\u202egnp.exe\\u202c`` reads "exe.png", and an
  unterminated U+202E makes the figure 3500 read "0053". In the document
  each is the object replacement character U+FFFC (one unit for one), drawn
  as a small label (‹RLO›) the way editors show control characters; U+FFFC
  is a neutral character, so nothing is reordered. Copying takes the source
  text, controls included.

- **A very long paragraph is shown in pieces.** Qt lays out and shapes a
  paragraph as a whole, again each time a highlight in it changes (about
  1.5 ms per 1,000 characters here: 60+ ms for a 50,000-character
  paragraph, seconds for a 2 MB one), and it splits runs of more than 4,096
  letters where they happen to end, tearing words apart ("المو صل"). So a
  paragraph longer than ``MAX_BLOCK`` characters is cut into blocks of at
  most that many, after a space (or, in a run with no space, between two
  characters that are not a letter and its mark): each piece starts on a
  new line. The break is in the document only (``Utf16Index`` counts it).

Paragraphs are the document's blocks, so each is laid out as a bidi
paragraph of its own: nothing in one reorders another.

    >>> shown = shown_text("انظر \\u202egnp.exe\\u202c")
    >>> shown.text == "انظر \\ufffcgnp.exe\\ufffc", [(p, c.abbreviation) for p, c in shown.controls]
    (True, [(5, 'RLO'), (13, 'PDF')])
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from reader.invisible import CONTROLS, Control
from reader.ui.article.offsets import Utf16Index, find_all

#: The longest paragraph shown as one block (characters); below Qt's 4,096.
MAX_BLOCK = 3000
#: What a control is in the document: U+FFFC, drawn as its label.
OBJECT = "\ufffc"

_CONTROL = re.compile("[" + "".join(CONTROLS) + "]")
_TO_OBJECT = str.maketrans(dict.fromkeys(CONTROLS, OBJECT))
_LINE = re.compile("[^\n]+")


@dataclass(frozen=True, slots=True)
class ShownText:
    """``text``: what the document holds; ``index``: its positions ↔ the source's code points;
    ``controls``: where each control is drawn (document position) and which it is."""

    text: str
    index: Utf16Index
    controls: tuple[tuple[int, Control], ...]


def shown_text(text: str, max_block: int = MAX_BLOCK) -> ShownText:
    """How the reading view shows ``text`` (see the module docstring). Linear; run off the UI thread."""
    # Line by line (one short call each, the GIL let go between them): a
    # pattern for "a line longer than max_block" retried at every position
    # of a 6 MB text and held the GIL for a second.
    breaks = [
        cut
        for line in _LINE.finditer(text)
        if line.end() - line.start() > max_block
        for cut in _cuts(text, line.start(), line.end(), max_block)
    ]
    index = Utf16Index(text, breaks)
    found = [(at, CONTROLS[text[at]]) for at in find_all(_CONTROL, text)]
    shown = text.translate(_TO_OBJECT) if found else text
    if breaks:
        bounds = [0, *breaks, len(shown)]
        shown = "\n".join(shown[a:b] for a, b in itertools.pairwise(bounds))
    return ShownText(shown, index, tuple((index.to_utf16(at), control) for at, control in found))


def _cuts(text: str, start: int, end: int, longest: int) -> list[int]:
    """Where to cut the line ``text[start:end]`` into pieces of at most ``longest`` characters."""
    cuts = []
    at = start
    while end - at > longest:
        space = text.rfind(" ", at + longest // 2, at + longest)
        if space >= 0:
            cut = space + 1  # the space ends the piece; the next starts with a word
        else:
            cut = at + longest
            while cut > at + longest // 2 and unicodedata.category(text[cut]).startswith("M"):
                cut -= 1  # never between a letter and its marks
        cuts.append(cut)
        at = cut
    return cuts
