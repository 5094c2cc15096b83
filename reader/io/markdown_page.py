"""A Markdown file → the text its reader sees, and its title.

Markup goes, text stays: ``#`` headings, emphasis, link targets, list
bullets and numbers, quote markers and raw HTML tags are removed; link text,
code (inline and fenced) and the text of HTML blocks are kept; images are
dropped (a reader sees the picture, not its alt text). What is inside raw
``<script>``, ``<style>`` and other never-shown elements is dropped, inline
or in a block, as a browser would not show it. Every link is its text,
whatever its target (``[x](javascript:alert(1))`` is ``x``: the target is
never used, so CommonMark's refusal of such links would only leave the raw
markup in the text). Each paragraph,
heading, list item and code block is a paragraph of the result, separated
by a blank line; a soft line break is a space, as when rendered. Table
rows are lines with tab-separated cells. The title is the first heading.

    >>> page = markdown_to_text("# خبر عاجل\\n\\nقال **العبادي** في [بغداد](http://x):\\n\\n- بند")
    >>> page.title, page.text
    ('خبر عاجل', 'خبر عاجل\\n\\nقال العبادي في بغداد:\\n\\nبند')

Parsing uses markdown-it-py's CommonMark tokens (plus tables and
strikethrough), not regular expressions.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.io.html_page import Page, html_to_text

_SPACES = re.compile(r"[ \t]{2,}")
# Raw HTML elements whose content a browser never shows as text.
_HIDDEN_ELEMENTS = frozenset(
    ["script", "style", "noscript", "template", "textarea", "title", "iframe", "object", "svg", "math", "select"]
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>\s*$")


class _TextMarkdown(MarkdownIt):
    """CommonMark that accepts every link target: targets are never followed, only the text is kept."""

    def validateLink(self, url: str) -> bool:
        return True


@cache
def _parser() -> MarkdownIt:
    return _TextMarkdown("commonmark").enable(["table", "strikethrough"])


def markdown_to_text(source: str) -> Page:
    """The visible text and title of a Markdown document."""
    paragraphs: list[str] = []
    title: str | None = None
    rows: list[str] = []
    cells: list[str] = []
    in_table = in_heading = False
    for token in _parser().parse(source):
        kind = token.type
        if kind == "inline":
            text = _inline_text(token)
            if in_table:
                cells.append(text.strip())
            else:
                _add(paragraphs, text)
            if in_heading and title is None and text.strip():
                title = " ".join(text.split())
        elif kind in ("heading_open", "heading_close"):
            in_heading = kind == "heading_open"
        elif kind in ("fence", "code_block"):
            if token.content.strip():
                paragraphs.append(token.content.rstrip("\n"))
        elif kind == "html_block":
            _add(paragraphs, html_to_text(token.content).text)
        elif kind == "table_open":
            in_table, rows = True, []
        elif kind == "tr_close":
            rows.append("\t".join(cells))
            cells = []
        elif kind == "table_close":
            in_table = False
            _add(paragraphs, "\n".join(rows))
    return Page(text="\n\n".join(paragraphs), title=title)


def _add(paragraphs: list[str], text: str) -> None:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    paragraph = "\n".join(lines).strip("\n")
    if paragraph.strip():
        paragraphs.append(paragraph)


def _inline_text(token: Token) -> str:
    """The visible text of an inline token: its text and code children."""
    pieces: list[str] = []
    hidden: list[str] = []  # open never-shown elements: <script> ... </script>
    for child in token.children or ():
        if child.type == "html_inline":
            _track_hidden(child.content, hidden)
        elif hidden:
            continue
        elif child.type in ("text", "code_inline"):
            pieces.append(child.content)
        elif child.type == "softbreak":
            pieces.append(" ")
        elif child.type == "hardbreak":
            pieces.append("\n")
        # images, raw HTML tags and the open/close markers of emphasis and
        # links add nothing a reader sees
    return "".join(pieces)


def _track_hidden(tag: str, hidden: list[str]) -> None:
    """Open or close a never-shown element for a raw inline tag (``<script>``, ``</script>``)."""
    match = _TAG.match(tag)
    if match is None:
        return
    closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
    if name not in _HIDDEN_ELEMENTS or self_closing:
        return
    if not closing:
        hidden.append(name)
    elif name in hidden:
        del hidden[len(hidden) - 1 - hidden[::-1].index(name) :]
