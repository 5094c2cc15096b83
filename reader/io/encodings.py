"""Names of the text encodings the loader knows, for detection and the UI.

Python spells codecs several ways (``windows-1256``, ``cp1256``,
``iso8859_6``); everything the I/O layer reports goes through
:func:`canonical_name` so ``Source.encoding`` is always one stable spelling:
``"utf-8"``, ``"utf-8-sig"``, ``"utf-16-le"``, ``"utf-16-be"``, ``"cp1256"``,
``"iso-8859-6"``, ...
"""

from __future__ import annotations

import codecs

#: (codec name, human label) for the "Reopen with encoding" menu, most useful
#: first. Any name Python knows may also be forced; these are the ones offered.
SUPPORTED_ENCODINGS: tuple[tuple[str, str], ...] = (
    ("utf-8", "Unicode (UTF-8)"),
    ("utf-8-sig", "Unicode (UTF-8 with BOM)"),
    ("utf-16-le", "Unicode (UTF-16 LE)"),
    ("utf-16-be", "Unicode (UTF-16 BE)"),
    ("cp1256", "Arabic (Windows-1256)"),
    ("iso-8859-6", "Arabic (ISO-8859-6)"),
    ("mac-arabic", "Arabic (Mac OS)"),
    ("cp720", "Arabic (DOS 720)"),
)
# Not offered: cp864, whose Arabic letters are presentation forms (ﻗ, not ق),
# which no search or recognizer would match.

# Python's own spelling → ours, where they differ (ISO names get their dashes
# back, as every other program writes them).
_SPELLING = {
    "iso8859-6": "iso-8859-6",
    "iso8859-1": "iso-8859-1",
    "iso8859-15": "iso-8859-15",
    "mac-roman": "mac-roman",
}

# Byte order marks, longest first: the UTF-32 LE mark starts with UTF-16 LE's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def canonical_name(name: str) -> str:
    """The stable spelling of a text codec's name.

    >>> canonical_name("Windows-1256"), canonical_name("ISO8859_6")
    ('cp1256', 'iso-8859-6')

    Raises LookupError for a name Python does not know, or for a codec that
    does not turn bytes into text (``base64``, ``rot13``...).
    """
    info = codecs.lookup(name.strip())
    if not getattr(info, "_is_text_encoding", True):
        raise LookupError(f"{name} is not a text encoding")
    return _SPELLING.get(info.name, info.name)


def label(name: str) -> str:
    """The human label of a codec for messages: ``cp1256`` → ``Windows-1256``."""
    for codec, text in SUPPORTED_ENCODINGS:
        if codec == name:
            # "Arabic (Windows-1256)" → "Windows-1256"; "Unicode (UTF-8)" → "UTF-8"
            return text[text.index("(") + 1 : -1]
    return name


def bom_of(data: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) when ``data`` starts with a byte order mark."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None
