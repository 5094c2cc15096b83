"""Codec names: one spelling everywhere, and the menu's list."""

from __future__ import annotations

import codecs

import pytest

from reader.io import SUPPORTED_ENCODINGS
from reader.io.encodings import bom_of, canonical_name, label


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("utf8", "utf-8"),
        ("UTF-8", "utf-8"),
        ("utf_8_sig", "utf-8-sig"),
        ("UTF-16LE", "utf-16-le"),
        ("utf_16_be", "utf-16-be"),
        ("windows-1256", "cp1256"),
        ("CP1256", "cp1256"),
        ("iso-8859-6", "iso-8859-6"),
        ("ISO8859_6", "iso-8859-6"),
        ("arabic", "iso-8859-6"),
        ("latin-1", "iso-8859-1"),
        ("mac_arabic", "mac-arabic"),
    ],
)
def test_canonical_name(name: str, canonical: str) -> None:
    assert canonical_name(name) == canonical


@pytest.mark.parametrize("name", ["klingon", "base64", "hex"])
def test_unknown_and_non_text_codecs_are_refused(name: str) -> None:
    with pytest.raises(LookupError):
        canonical_name(name)


def test_menu_codecs_are_canonical_and_usable() -> None:
    names = [name for name, _label in SUPPORTED_ENCODINGS]
    assert len(set(names)) == len(names)
    for name, text in SUPPORTED_ENCODINGS:
        assert canonical_name(name) == name
        assert "قال العراق".encode(name).decode(name) == "قال العراق"
        assert text and "(" in text


def test_the_arabic_code_pages_are_offered() -> None:
    names = {name for name, _label in SUPPORTED_ENCODINGS}
    assert {"utf-8", "utf-16-le", "utf-16-be", "cp1256", "iso-8859-6"} <= names


def test_label() -> None:
    assert label("cp1256") == "Windows-1256"
    assert label("utf-8") == "UTF-8"
    assert label("koi8-r") == "koi8-r"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + b"x", ("utf-8-sig", 3)),
        (codecs.BOM_UTF16_LE + b"x\x00", ("utf-16-le", 2)),
        (codecs.BOM_UTF16_BE + b"\x00x", ("utf-16-be", 2)),
        (codecs.BOM_UTF32_LE + b"x\x00\x00\x00", ("utf-32-le", 4)),
        (b"plain", None),
        (b"", None),
    ],
)
def test_bom_of(data: bytes, expected: tuple[str, int] | None) -> None:
    assert bom_of(data) == expected
