"""The text's direction decides lang/dir and the labels' language."""

from __future__ import annotations

import pytest

from reader.export.direction import text_direction


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("القوات العراقية تتقدم نحو غرب الموصل", "rtl"),
        ("CNN: القوات العراقية تتقدم نحو غرب الموصل", "rtl"),  # first strong char is Latin
        ("2017 — Iraqi forces advance on western Mosul", "ltr"),
        ("Mosul (الموصل) is in northern Iraq", "ltr"),
        ("شالوم: שלום עליכם", "rtl"),  # Hebrew is right-to-left too
        ("3500 ١٫٥ 85% — .،", "rtl"),  # no strong characters: the Arabic default
        ("", "rtl"),
        ("ab بت", "rtl"),  # a tie stays right-to-left
        ("\u202eevil override\u202c", "ltr"),  # bidi controls do not vote
    ],
)
def test_majority_of_strong_characters_decides(text, direction):
    assert text_direction(text) == direction
