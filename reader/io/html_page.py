"""An HTML page → the article's text and title.

The text is what a reader of the page sees of the article: navigation,
scripts, styles, forms, asides and the site's header and footer are dropped;
when the page marks its article (``<article>``, ``<main>``) only that is
kept. Every block (``<p>``, ``<h2>``, ``<li>``, ``<blockquote>``...) becomes
a paragraph; paragraphs are separated by a blank line; ``<br>`` is a line
break; whitespace inside a paragraph is collapsed as a browser would (but
``<pre>`` keeps its own). Table rows are lines, cells are tab-separated.

    >>> page = html_to_text("<title>خبر</title><p>قال   <b>العبادي</b></p><p>في بغداد</p>")
    >>> page.title, page.text
    ('خبر', 'قال العبادي\\n\\nفي بغداد')

The walk over the tree is iterative: malformed pages nested thousands of
levels deep must not hit Python's recursion limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag
from bs4.dammit import EncodingDetector
from bs4.element import PreformattedString

# Never part of the article text, wherever they are.
_DROPPED = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "nav",
        "aside",
        "form",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "button",
        "select",
        "textarea",
        "input",
        "label",
        "img",
        "picture",
        "video",
        "audio",
        "map",
    ]
)
# ARIA roles saying the same as nav, aside, header and footer.
_DROPPED_ROLES = frozenset({"navigation", "complementary", "banner", "contentinfo", "search"})
# Each starts and ends a paragraph.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
    ]
)
_HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # not U+00A0: browsers keep it
_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n[ \t]*\n[\s]*")


@dataclass(frozen=True, slots=True)
class Page:
    """What a page shows: its article text and its title (None if it has none)."""

    text: str
    title: str | None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` (or the http-equiv
    form, or an XML declaration) near its start, lower-cased; None if none."""
    return EncodingDetector.find_declared_encoding(data[:8192], is_html=True)


def html_to_text(markup: str) -> Page:
    """The article text and title of an HTML page (see the module docstring)."""
    soup = BeautifulSoup(markup, "html.parser")
    root, in_article = _article_root(soup)
    # In an <article>, a <header> holds the headline: keep it; the page's own
    # header and footer, and the article's footer (tags, share links), go.
    dropped = _DROPPED | ({"footer"} if in_article else {"header", "footer"})
    return Page(text=_TextBuilder(dropped).build(root), title=_title(soup))


def _title(soup: BeautifulSoup) -> str | None:
    for tag in (soup.find("title"), soup.find("h1")):
        if tag is not None:
            text = _HTML_WHITESPACE.sub(" ", tag.get_text()).strip()
            if text:
                return text
    return None


def _article_root(soup: BeautifulSoup) -> tuple[Tag, bool]:
    """The element holding the article, and whether it is an <article>.

    Several <article>s (a story and "related" teasers): the one with most text.
    """
    articles = [a for a in soup.find_all("article") if a.get_text(strip=True)]
    if articles:
        return max(articles, key=lambda a: len(a.get_text(strip=True))), True
    for main in (soup.find("main"), soup.find(None, {"role": "main"})):
        if isinstance(main, Tag) and main.get_text(strip=True):
            return main, False
    body = soup.find("body")
    return (body if isinstance(body, Tag) else soup), False


class _TextBuilder:
    """Collects inline text into paragraphs while walking the tree once."""

    def __init__(self, dropped: frozenset[str]) -> None:
        self._dropped = dropped
        self._paragraphs: list[str] = []
        self._pieces: list[str] = []
        self._in_pre = 0

    def build(self, root: Tag) -> str:
        end = object()  # marks "leaving this element" on the stack
        stack: list[object] = [root]
        while stack:
            node = stack.pop()
            if node is end:
                self._leave(stack.pop())  # type: ignore[arg-type]
            elif isinstance(node, Tag):
                if self._is_dropped(node):
                    continue
                self._enter(node)
                stack.extend((node, end))
                stack.extend(reversed(node.contents))
            elif isinstance(node, PreformattedString):
                continue  # comments, doctype, CDATA, processing instructions
            elif isinstance(node, str):
                self._pieces.append(node if self._in_pre else _HTML_WHITESPACE.sub(" ", node))
        self._flush()
        return "\n\n".join(self._paragraphs)

    def _is_dropped(self, tag: Tag) -> bool:
        return tag.name in self._dropped or tag.has_attr("hidden") or str(tag.get("role", "")).lower() in _DROPPED_ROLES

    def _enter(self, tag: Tag) -> None:
        name = tag.name
        if name == "br" or (name == "tr" and self._pieces):  # a line break; a table row is a line
            self._pieces.append("\n")
        elif name in ("td", "th") and self._pieces and self._pieces[-1] != "\n":
            self._pieces.append("\t")
        if name in _BLOCKS:
            self._flush()
        if name == "pre":
            self._in_pre += 1

    def _leave(self, tag: Tag) -> None:
        if tag.name in _BLOCKS:
            self._flush()
        if tag.name == "pre":
            self._in_pre -= 1

    def _flush(self) -> None:
        """Turn the pending inline pieces into paragraphs."""
        text = "".join(self._pieces)
        self._pieces = []
        if self._in_pre:
            # Inside <pre> whitespace is the author's; a leading newline is not (HTML spec).
            text = text.removeprefix("\n").rstrip()
            if text.strip():
                self._paragraphs.append(text)
            return
        text = _SPACES.sub(" ", text)
        lines = "\n".join(line.strip(" ") for line in text.split("\n"))
        # Two <br> in a row look like a paragraph break, so they are one.
        for paragraph in _BLANK_LINES.split(lines):
            paragraph = paragraph.strip("\n")
            if paragraph.strip():
                self._paragraphs.append(paragraph)
