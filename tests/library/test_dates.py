"""Publication dates stated by articles (reader/library/dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.library.dates import article_date, markup_date, text_date

TEXT_CASES = [
    ("بغداد - الإثنين ١٧ تشرين الأول ٢٠١٦\nأعلن ...", dt.date(2016, 10, 17)),
    ("القاهرة – 5 يناير 2017 – قال ...", dt.date(2017, 1, 5)),
    ("الرباط (الخميس 3 يوليوز 2017)", dt.date(2017, 7, 3)),
    ("الجزائر في 12 جانفي 2019", dt.date(2019, 1, 12)),
    ("نشر في 5 آب 2015", dt.date(2015, 8, 5)),
    ("الرياض (24/02/2016) -", dt.date(2016, 2, 24)),  # day first, as Arabic papers write it
    ("2016-10-17 بغداد", dt.date(2016, 10, 17)),
    ("October 17, 2016 — Mosul", dt.date(2016, 10, 17)),
    ("١٢ مايو ٢٠٢٠م", dt.date(2020, 5, 12)),
    ("العنوان\n\nسطر\nسطر\nسطر\nسطر\nسطر\n17/10/2016", None),  # too far down: not the article's date
    ("صدر في 31/02/2016", None),  # no such day
    ("وقع الحادث عام 1438 هـ", None),
    ("تشرين الأول 2016", None),  # no day
    ("قتل 17 شخصا في 2016", None),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_CASES)
def test_text_date(text, expected):
    assert text_date(text) == expected


MARKUP_CASES = [
    ('<meta property="article:published_time" content="2016-10-17T08:00:00+03:00">', dt.date(2016, 10, 17)),
    ("<META CONTENT='2019-03-04' NAME='pubdate'>", dt.date(2019, 3, 4)),
    ('<meta itemprop="datePublished" content="2018-1-9">', dt.date(2018, 1, 9)),
    ('<meta name="description" content="2018-01-09">', None),
    ('<p>نص</p><time class="x" datetime="2018-07-07T10:00">', dt.date(2018, 7, 7)),
    ('<script type="application/ld+json">{"datePublished": "2017-12-31T23:00Z"}</script>', dt.date(2017, 12, 31)),
    ("---\ntitle: خبر\ndate: 2020-01-02\n---\n# خبر", dt.date(2020, 1, 2)),
    ('<meta property="article:published_time" content="yesterday">', None),
]


@pytest.mark.parametrize(("markup", "expected"), MARKUP_CASES)
def test_markup_date(markup, expected):
    assert markup_date(markup) == expected


def test_the_page_wins_over_the_text_and_the_text_over_the_file():
    mtime = dt.datetime(2021, 6, 1, 12).timestamp()
    page = '<meta property="article:published_time" content="2016-10-17">'
    assert article_date(page, "5 يناير 2017", mtime) == article_date(page, "", mtime)
    assert article_date(page, "", mtime).date == dt.date(2016, 10, 17)
    assert article_date("", "5 يناير 2017", mtime).date == dt.date(2017, 1, 5)
    fallback = article_date("", "بلا تاريخ", mtime)
    assert (fallback.date, fallback.stated) == (dt.date(2021, 6, 1), False)
