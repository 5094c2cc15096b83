"""Bytes → text: choose the encoding of a file and decode it.

The order, strongest evidence first:

1. an encoding the user forced ("Reopen with encoding…"): decoded strictly,
   a failure is an error, never a silent guess;
2. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) — but text that
   holds NUL or many control characters is still a binary file that happens
   to start with the mark's bytes;
3. UTF-16 without a BOM, recognised by its column of 0x00/0x06 high bytes
   and kept only when it reads as Arabic or Latin writing
   (:func:`reader.io.plausibility.is_plain_writing`): other bytes with such
   a column (``00 01 FF`` repeated) decode to gibberish, not to text;
4. NUL or many control bytes: a binary file, refused;
5. strict UTF-8 — text that decodes as UTF-8 is UTF-8 (other encodings of
   Arabic almost never form valid UTF-8 sequences); a file that is UTF-8
   except for a few broken sequences (a truncated download) is read as UTF-8
   with U+FFFD in their place rather than as mojibake;
6. single-byte encodings: Windows-1256, ISO-8859-6, the page's declared
   charset and charset-normalizer's guesses each decode the bytes, and the
   likeliest reading wins (:func:`reader.io.plausibility.score`, plus a prior:
   Windows-1256 is far commoner than ISO-8859-6 for Arabic files).
   Windows-1252 is always a candidate too, so a Latin-1 French file reads as
   French (à, û, ê) rather than as Windows-1250's ŕ, ű, ę, and among readings
   giving the same text it is the one named. When even the likeliest
   reading is mostly symbols and words mixing scripts ("زŒيûµ®"), the
   bytes are not text in any code page: a binary file, refused.

Detection looks at a sample (charset-normalizer is slow on megabytes); the
whole file is then decoded once, strictly, with the chosen codec.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import AnyStr, NamedTuple

from reader.io.encodings import bom_of, canonical_name, label
from reader.io.plausibility import implausible_characters, is_plain_writing, score

#: Bytes looked at by detection: the start, middle and end of big files.
SAMPLE_BYTES = 192 * 1024
# Bytes each single-byte candidate is scored on (scoring is pure Python,
# about a microsecond a character; 32 KiB is pages of evidence).
_SCORED_BYTES = 32 * 1024

# Latin code pages that read much French text exactly as Windows-1252 does.
_LATIN_LOOKALIKES = ("cp1250", "cp1257", "iso8859-10", "iso-8859-1", "iso-8859-15", "cp1254")

# Log prior odds of the candidates (see _prior).
_PRIOR_DECLARED = 2.0
_PRIOR_WINDOWS_1256 = 0.0
_PRIOR_OTHER = -4.0

# C0 controls other than tab, line feed, vertical tab, form feed, carriage
# return and escape, plus DEL: text files have (almost) none of them.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_CHARACTERS = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
_MAX_CONTROL_SHARE = 0.02
# ... but a few stray ones (a pasted terminal escape, a bell) in a short file are fine.
_FEW_CONTROLS = 8
# A single-byte reading with more than this share of implausible characters
# (and more than _FEW_CONTROLS of them) is binary noise: real Arabic, French
# or Russian text scores none or a few (a ©, a ±); random bytes read as
# Windows-1256 score 55-80%.
_MAX_IMPLAUSIBLE_SHARE = 0.3

# Signatures of common binary formats, for a more helpful message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (Word, EPUB and OpenDocument files are ZIP archives)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes: the BOM is gone, line endings are untouched."""

    text: str
    encoding: str  # canonical codec name, see reader.io.encodings


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept; ``str`` is the reason
    (the loader adds the file name)."""


def decode_bytes(data: bytes, encoding: str | None = None, declared: str | None = None) -> Decoded:
    """Decode a file's bytes.

    ``encoding`` forces a codec (strict: DecodeError when the bytes are not
    valid in it); ``declared`` is what the file says about itself (an HTML
    ``<meta charset>``), trusted only as far as the bytes agree.

    >>> decode_bytes("قال العبادي".encode("cp1256")).encoding
    'cp1256'
    """
    if encoding is not None:
        return _decode_forced(data, encoding)
    bom = bom_of(data)
    if bom is not None:
        codec, size = bom
        body = data[size:]
        if codec == "utf-8-sig":
            text = _utf8(body, _sample(body))
            text = text if text is not None else _strict(body, "utf-8")
        else:
            text = _strict(body, codec)
        if _has_binary_controls(text):
            raise DecodeError("it is a binary file, not text")
        return Decoded(text, codec)
    sample = _sample(data)
    if b"\x00" in sample:
        utf16 = _bomless_utf16(sample)
        if utf16 is not None:
            return Decoded(_strict(data, utf16), utf16)
    binary = binary_kind(data, sample)
    if binary is not None:
        raise DecodeError(f"it is {binary}, not text")
    text = _utf8(data, sample)
    if text is not None:
        return Decoded(text, "utf-8")
    return _decode_single_byte(data, sample, declared)


def binary_kind(data: bytes, sample: bytes | None = None) -> str | None:
    """What ``data`` is if it is not text ("a binary file (a PNG image)",
    "a binary file"), or None when it may be text. Not meant for UTF-16/32,
    which have NULs."""
    sample = _sample(data) if sample is None else sample
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    nul = b"\x00" in data
    if not nul and controls <= max(_MAX_CONTROL_SHARE * len(sample), _FEW_CONTROLS):
        return None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"a binary file ({kind})"
    return "a binary file"


def _has_binary_controls(text: str) -> bool:
    """:func:`binary_kind`'s rule on decoded text (sampled as the bytes are):
    a NUL, or more than a few other control characters."""
    if "\x00" in text:
        return True
    sample = _sample(text)
    controls = len(_CONTROL_CHARACTERS.findall(sample))
    return controls > max(_MAX_CONTROL_SHARE * len(sample), _FEW_CONTROLS)


def _decode_forced(data: bytes, encoding: str) -> Decoded:
    try:
        codec = canonical_name(encoding)
    except LookupError:
        raise DecodeError(f"'{encoding}' is not a text encoding this program knows") from None
    bom = bom_of(data)
    if bom is not None and bom[0] in (codec, "utf-8-sig" if codec == "utf-8" else None):
        # The BOM belongs to the forced codec: it is not part of the text.
        base = "utf-8" if bom[0] == "utf-8-sig" else codec
        return Decoded(_strict(data[bom[1] :], base), bom[0])
    if not codec.startswith(("utf-16", "utf-32")):
        binary = binary_kind(data)
        if binary is not None:
            raise DecodeError(f"it is {binary}, not text")
    # Python's "utf-8-sig", "utf-16" and "utf-32" read and drop their own BOM.
    return Decoded(_strict(data, codec), codec)


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        byte = data[error.start : error.start + 1].hex().upper()
        where = f"byte 0x{byte} at offset {error.start}"
        raise DecodeError(f"it is not valid {label(codec)} text ({where})") from None


def _sample(data: AnyStr, size: int = SAMPLE_BYTES) -> AnyStr:
    """The whole of a small file (its bytes, or its decoded text); head, middle
    and tail of a big one. Cuts are at even offsets so UTF-16 code units stay aligned."""
    if len(data) <= size:
        return data
    part = size // 4 // 2 * 2
    middle = len(data) // 2 // 2 * 2
    tail = (len(data) - part) // 2 * 2
    return data[: 2 * part] + data[middle : middle + part] + data[tail : tail + part]


def _bomless_utf16(sample: bytes) -> str | None:
    """The codec ("utf-16-le" or "utf-16-be") of a sample that looks like
    UTF-16 text without a BOM, else None.

    In UTF-16, Arabic and Latin text have high bytes from a handful of values
    (0x06 for Arabic letters, 0x00 for spaces, digits and Latin), so one
    byte column is dominated by a few values, NULs among them; binary data is not.
    """
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    for codec, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        counts = Counter(high)
        if counts[0] == 0 or sum(n for _, n in counts.most_common(3)) < 0.9 * len(high):
            continue
        try:
            # Drop a final unit that may be half of a surrogate pair cut by the sample.
            text = sample[:-2].decode(codec) if len(sample) > 4 else sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if is_plain_writing(text):
            return codec
    return None


def _utf8(data: bytes, sample: bytes) -> str | None:
    """The text when ``data`` is UTF-8 — with U+FFFD for broken sequences
    when it is clearly UTF-8 with a little damage; None when it is some
    other encoding.

    Windows-1256 Arabic forms almost no valid multi-byte UTF-8 sequences
    (``ال`` is C7 E1: a lead byte followed by another lead byte), so "clearly
    UTF-8" means many valid non-ASCII characters for each broken sequence.
    The sample decides first, so a Windows-1256 file is rejected cheaply.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if not _mostly_utf8(sample):
        return None
    text = data.decode("utf-8", errors="replace")
    return text if _mostly_utf8(data, text) else None


def _mostly_utf8(data: bytes, text: str | None = None) -> bool:
    if text is None:
        text = data.decode("utf-8", errors="replace")
    real_replacement_chars = data.count(b"\xef\xbf\xbd")
    broken = text.count("\ufffd") - real_replacement_chars
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    valid = non_ascii - broken - real_replacement_chars
    return valid >= 20 * max(broken, 1)


class _Reading(NamedTuple):
    """The sample as one candidate codec reads it."""

    likelihood: float  # plausibility.score plus the codec's prior
    rank: int  # position in the candidate list: breaks exact ties
    codec: str
    text: str


def _decode_single_byte(data: bytes, sample: bytes, declared: str | None) -> Decoded:
    import charset_normalizer  # only needed here, and slow to import

    guesses = [match.encoding for match in charset_normalizer.from_bytes(sample)][:4]
    readings = _readings(sample, _candidates(declared, guesses), declared)
    winner = max(readings, key=lambda r: (r.likelihood, -r.rank))
    # Windows-1256 is the default, not a finding: unless the page declared it,
    # when another reading gives the same text (a French page in cp1252), name
    # Windows-1252, else the first such guess of charset-normalizer.
    if winner.codec in ("cp1256", *_LATIN_LOOKALIKES) and (
        declared is None or _canonical_or_none(declared) != winner.codec
    ):
        same = {r.codec: r for r in readings if r.text == winner.text}
        preferred = ["cp1252", *map(_canonical_or_none, guesses)] if winner.codec == "cp1256" else ["cp1252"]
        winner = next((same[c] for c in preferred if c in same), winner)
    implausible = implausible_characters(winner.text)
    if implausible > max(_MAX_IMPLAUSIBLE_SHARE * len(winner.text), _FEW_CONTROLS):
        raise DecodeError("it is a binary file, not text")
    others = sorted((r for r in readings if r is not winner), key=lambda r: -r.likelihood)
    for reading in (winner, *others):
        try:
            return Decoded(data.decode(reading.codec), reading.codec)
        except UnicodeDecodeError:
            continue  # a byte outside the sample is undefined in this codec
    # Not reached: Windows-1256 defines all 256 bytes, so some reading always decodes.
    raise DecodeError("its encoding is not recognised")


def _candidates(declared: str | None, guesses: list[str]) -> list[str]:
    """Canonical single-byte codec names to try, without repeats."""
    candidates: list[str] = []
    for name in (declared, "cp1256", "iso-8859-6", "cp1252", *guesses):
        codec = _canonical_or_none(name) if name else None
        # Unicode codecs had their chance before; a page that declares one
        # but is not valid in it is judged on its bytes.
        if codec and not codec.startswith("utf-") and codec not in candidates:
            candidates.append(codec)
    return candidates


def _readings(sample: bytes, candidates: list[str], declared: str | None) -> list[_Reading]:
    evidence = _sample(sample, _SCORED_BYTES)
    readings = []
    for rank, codec in enumerate(candidates):
        try:
            sample.decode(codec)  # every sampled byte must be defined in it
            text = evidence.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append(_Reading(score(text) + _prior(codec, declared), rank, codec, text))
    return readings


def _prior(codec: str, declared: str | None) -> float:
    """Log prior odds of a codec, in the units of plausibility.score.

    Windows-1256 is far commoner than ISO-8859-6 for Arabic files, so a text
    whose two readings are both plausible (هذه in Windows-1256 reads as مذم in
    ISO-8859-6) stays Windows-1256 unless the other reading is clearly likelier;
    what a page declares gets some credit, never enough to make mojibake.
    """
    if declared and _canonical_or_none(declared) == codec:
        return _PRIOR_DECLARED
    return _PRIOR_WINDOWS_1256 if codec == "cp1256" else _PRIOR_OTHER


def _canonical_or_none(name: str) -> str | None:
    try:
        return canonical_name(name)
    except LookupError:
        return None
