"""Tokenization: exact offsets, and the same tokens as camel-tools."""

from __future__ import annotations

import pytest
from camel_tools.tokenizers.word import simple_word_tokenize
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.tokens import TokenTable, index_of, split_sentences, token_offsets, tokenize

ARABIC_SENTENCES = [
    "قال العبادي: إن القوات دخلت بالموصل.",
    "بلغ عدد النازحين 1,5 مليون شخص، أي ٨٥٪ من السكان!",
    "هل وصلت المساعدات إلى تلعفر؟ نعم، وصل ٣٥٠٠ طن.",
    "الأُمَمُ المُتَّحِدَةُ — «المفوضية» (UNHCR) تطلب 120 مليون دولار…",
    "😀 مرحبا 👍🏽 بكم في 北京 والموصل",
    "كلمةٌ\u200cمع\u200dفواصل\u202eغير\u202cمرئية",
]

# Text drawn from the characters that matter: Arabic letters and marks, digits
# in three scripts, punctuation, symbols, emoji, spaces, controls, bidi marks.
alphabet = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةءأإآؤئـ")
    + list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
    + list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
    + list(".,،؛؟!:()«»\"'-—…%٪٫٬/")
    + list(" \n\t\r\u200c\u200d\u200f\u202b\u202e\u2066\x00\x07")
    + [
        "😀",
        "北",
        "a",
        "Z",
        "é",
        "$",
        "+",
        "#",
        "\ufeff",
        "\ufe0f",
        "\u20e3",
        "\U0001f3fd",
        "\U0001f1e6",
        "\x1c",
        "\x85",
        "\xa0",
    ]
)


@pytest.mark.parametrize("sentence", ARABIC_SENTENCES)
def test_tokens_match_camel_tools(sentence):
    assert [t.text for t in tokenize(sentence)] == simple_word_tokenize(sentence)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=alphabet, max_size=80))
def test_every_token_is_its_exact_slice(text):
    tokens = tokenize(text)
    assert [t.text for t in tokens] == simple_word_tokenize(text)
    previous_end = 0
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.start >= previous_end  # in order, never overlapping
        previous_end = token.end


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=alphabet, max_size=120))
def test_sentences_cover_all_tokens_in_order(text):
    tokens = tokenize(text)
    sentences = split_sentences(text, tokens)
    covered = [i for s in sentences for i in range(s.first, s.last)]
    assert covered == list(range(len(tokens)))
    assert all(s.last > s.first for s in sentences)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الوزير. ثم غادر.", ["قال الوزير .", "ثم غادر ."]),
        ("هل وصل؟ نعم!", ["هل وصل ؟", "نعم !"]),
        ("العنوان\nالنص الأول", ["العنوان", "النص الأول"]),
        ("بلغت النسبة 3.5 بالمئة.", ["بلغت النسبة 3 . 5 بالمئة ."]),
        ("", []),
    ],
)
def test_sentence_boundaries(text, expected):
    tokens = tokenize(text)
    got = [" ".join(t.text for t in tokens[s.first : s.last]) for s in split_sentences(text, tokens)]
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=alphabet, max_size=120), st.integers(-5, 40), st.integers(-5, 40))
def test_token_table_holds_the_same_tokens_and_sentences(text, a, b):
    tokens = tokenize(text)
    table = TokenTable.of(text)
    assert len(table) == len(tokens)
    assert list(table) == tokens
    assert table[a:b] == tokens[a:b]
    if tokens:
        assert table[a % len(tokens)] == tokens[a % len(tokens)]
        assert table[-1] == tokens[-1]
    assert split_sentences(text, table) == split_sentences(text, tokens)
    starts, ends = token_offsets(tokens)
    assert list(starts) == list(table.starts) and list(ends) == list(table.ends)
    for i, token in enumerate(tokens):
        assert index_of(starts, token.start) == i and index_of(ends, token.end) == i
    assert index_of(starts, len(text) + 1) is None
