"""When an article was published: the date it states, else its file's date.

In order of trust:

1. the page's own metadata: ``<meta property="article:published_time">``
   and its cousins (``og:``, ``datePublished``, Dublin Core, ``pubdate``),
   ``<time datetime>``, JSON-LD ``"datePublished"``, a Markdown front matter
   ``date:`` line;
2. a date in the first lines of the text, as news sites print them:
   ``2016-10-17``, ``17/10/2016``, ``17 أكتوبر 2016``, ``١٧ تشرين الأول ٢٠١٦``,
   ``الإثنين 17 يوليوز 2017``, ``October 17, 2016`` (numeric dates are read
   day first, as Arabic papers write them);
3. otherwise the file's modification time, marked as not stated.

    >>> text_date("بغداد - الإثنين ١٧ تشرين الأول ٢٠١٦\\nأعلن رئيس الوزراء ...")
    datetime.date(2016, 10, 17)
    >>> markup_date('<meta property="article:published_time" content="2016-10-17T08:00:00+03:00">')
    datetime.date(2016, 10, 17)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reader.analysis.textmatch import fold
from reader.arabic import GREGORIAN_MONTHS

#: How much of the text (and of the markup) is searched for a date.
HEAD_CHARACTERS = 400
MARKUP_HEAD_CHARACTERS = 64 * 1024
HEAD_LINES = 5
_YEARS = range(1900, 2101)

# English month names; the Arabic ones are reader.arabic's table.
_ENGLISH_MONTHS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
_MONTH_NAMES = {m + 1: (*GREGORIAN_MONTHS[m], *_ENGLISH_MONTHS[m]) for m in range(12)}
_MONTHS: dict[str, int] = {fold(name): month for month, names in _MONTH_NAMES.items() for name in names}
_MONTH = "|".join(sorted((re.escape(name) for name in _MONTHS), key=len, reverse=True))
_D = r"(?<!\d)(\d{1,2})(?!\d)"
_Y = r"(?<!\d)(\d{4})(?!\d)"

_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DAY_FIRST = re.compile(_D + r"\s*[-/.]\s*" + _D + r"\s*[-/.]\s*" + _Y)
_DAY_MONTH_YEAR = re.compile(_D + r"\s*(?:من\s+)?(" + _MONTH + r")(?![^\W\d_])[\s,،]*" + _Y)
_MONTH_DAY_YEAR = re.compile(r"(?<![^\W\d_])(" + _MONTH + r")\.?\s+" + _D + r"(?:st|nd|rd|th)?,?\s+" + _Y)

_META = re.compile(r"<meta\s[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_DATE_META = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "published_time",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "dcterms.issued",
        "sailthru.date",
        "parsely-pub-date",
    }
)
_TIME = re.compile(r"""<time\s[^>]*datetime\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JSON_LD = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_FRONT_MATTER = re.compile(r"^(?:date|published)\s*:\s*['\"]?([^\s'\"]+)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """An article's date, and whether the article states it (else: the file's date)."""

    date: dt.date
    stated: bool


def article_date(markup: str, text: str, mtime: float) -> ArticleDate:
    """The date of an article: from its ``markup`` (raw file text), its shown ``text``, or ``mtime``."""
    stated = markup_date(markup) or text_date(text)
    if stated is not None:
        return ArticleDate(stated, True)
    return ArticleDate(dt.date.fromtimestamp(mtime), False)


def markup_date(markup: str) -> dt.date | None:
    """The publication date a page's metadata (or a Markdown front matter) gives, if any."""
    head = markup[:MARKUP_HEAD_CHARACTERS]
    for tag in _META.finditer(head):
        attributes = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTRIBUTE.finditer(tag.group())
        }
        names = {attributes.get(a, "").lower() for a in ("property", "name", "itemprop")}
        if names & _DATE_META:
            found = _iso_date(attributes.get("content", ""))
            if found is not None:
                return found
    for pattern in (_TIME, _JSON_LD):
        for match in pattern.finditer(head):
            found = _iso_date(match.group(1))
            if found is not None:
                return found
    if head.startswith("---"):
        front = _FRONT_MATTER.search(head[: head.find("\n---", 3) + 1 or HEAD_CHARACTERS])
        if front:
            return _iso_date(front.group(1))
    return None


def text_date(text: str) -> dt.date | None:
    """The first date written in the first lines of ``text``, if any."""
    lines = [line for line in text[: HEAD_CHARACTERS * 4].splitlines() if line.strip()][:HEAD_LINES]
    head = fold("\n".join(lines)[:HEAD_CHARACTERS])
    found: list[tuple[int, dt.date]] = []
    for match in _ISO.finditer(head):
        _add(found, match.start(), match.group(1), match.group(2), match.group(3))
    for match in _DAY_FIRST.finditer(head):
        _add(found, match.start(), match.group(3), match.group(2), match.group(1))
    for match in _DAY_MONTH_YEAR.finditer(head):
        _add(found, match.start(), match.group(3), _MONTHS[match.group(2)], match.group(1))
    for match in _MONTH_DAY_YEAR.finditer(head):
        _add(found, match.start(), match.group(3), _MONTHS[match.group(1)], match.group(2))
    return min(found)[1] if found else None


def _iso_date(value: str) -> dt.date | None:
    match = _ISO.match(value.strip())
    if not match:
        return None
    return _date(match.group(1), match.group(2), match.group(3))


def _add(found: list[tuple[int, dt.date]], at: int, year: str, month: str | int, day: str) -> None:
    date = _date(year, month, day)
    if date is not None:
        found.append((at, date))


def _date(year: str, month: str | int, day: str) -> dt.date | None:
    """A valid date from digits of any script (int() reads ١٧ and ۱۷ as 17)."""
    try:
        y, m, d = int(year), int(month), int(day)
        if y not in _YEARS:
            return None
        return dt.date(y, m, d)
    except ValueError:
        return None
