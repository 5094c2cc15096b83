"""Open an article file: bytes → :class:`reader.document.Source`.

:func:`load` reads the file once, read-only, decodes it (see
:mod:`reader.io.detect`), and for HTML and Markdown keeps only the text a
reader sees (:mod:`reader.io.html_page`, :mod:`reader.io.markdown_page`).
Plain text is kept exactly as written, except that the BOM is dropped and
``\\r\\n`` and ``\\r`` become ``\\n``.

Control characters and bidi controls (U+202A–U+202E, U+2066–U+2069) are
kept too: removing them would make the text differ from the file and shift
every offset after them, and an override is the author's (or an attacker's)
choice the reader may need to see. Showing them safely is the views' and
exports' job. NUL bytes, or more than a few other control bytes, mean the
file is binary and it is refused.

Reading never hangs: a special file that looks regular but never ends
(``/proc/kmsg``, which waits for the next kernel message) is opened
non-blocking and refused when it would wait, and a read that makes no
progress for :data:`READ_STALL_SECONDS` (a dead network share, a stuck
device) is abandoned with a one-line error. FIFOs and devices are refused
before they are opened.

Every failure is a :class:`LoadError` whose message is one line:

    cannot open 'photo.png': it is a binary file (a PNG image), not text
"""

from __future__ import annotations

import os
import re
import stat
import threading
from pathlib import Path

from reader.document import Source
from reader.io.detect import DecodeError, decode_bytes
from reader.io.encodings import bom_of
from reader.io.errors import LoadError

# The HTML and Markdown parsers (BeautifulSoup: ~0.1 s to import) are imported
# when a page needs them, so opening the app or a text file does not wait.

#: Largest file :func:`load` accepts (64 MiB is several thousand articles).
MAX_BYTES = 64 * 1024 * 1024
#: Markup is parsed in pure Python: about 1 s per MB of tag-dense HTML and up
#: to 3 s per MB of Markdown thick with emphasis and links (2-core laptop), so
#: these limits keep the worst case to seconds. Real articles are far smaller;
#: 16 MiB leaves room for pages saved with their images inlined.
MAX_HTML_BYTES = 16 * 1024 * 1024
MAX_MARKDOWN_BYTES = 4 * 1024 * 1024

_MIB = 1024 * 1024
#: A read that makes no progress for this long is abandoned (a local disk
#: delivers megabytes in that time; only a dead share or device stalls).
READ_STALL_SECONDS = 10.0
# Bytes asked for at a time, so a slow but live disk shows progress.
_READ_CHUNK = 4 * _MIB

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

_HTML_START = re.compile(r"\s*(<\?xml[^>]*>\s*)?<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)


def load(path: str | os.PathLike[str], encoding: str | None = None) -> Source:
    """Read the article at ``path``.

    ``encoding`` forces a codec (any name Python knows, e.g. ``"cp1256"``);
    otherwise it is detected. The format comes from the suffix: ``.html``,
    ``.htm``, ``.xhtml`` → ``"html"``; ``.md``, ``.markdown`` → ``"markdown"``;
    anything else is ``"text"``, unless a file without a ``.txt`` suffix starts
    like an HTML page (``<!doctype html>``).

    Raises :class:`LoadError` (one-line message) for a missing, unreadable,
    empty, binary, undecodable or too large file.
    """
    data = read_bytes(path)
    kind = format_of(path, data, encoding)
    _check_markup_size(path, kind, len(data))
    declared = None
    if kind == "html":
        from reader.io.html_page import declared_charset

        declared = declared_charset(data)
    try:
        decoded = decode_bytes(data, encoding, declared)
    except DecodeError as error:
        raise LoadError(path, str(error)) from None
    text = unify_line_endings(decoded.text)
    title = None
    if kind == "html":
        from reader.io.html_page import html_to_text

        page = html_to_text(text)
        text, title = page.text, page.title
    elif kind == "markdown":
        from reader.io.markdown_page import markdown_to_text

        page = markdown_to_text(text)
        text, title = page.text, page.title
    if not text or text.isspace():  # (isspace stops at the first letter; strip would copy)
        raise LoadError(path, "it contains only whitespace" if kind == "text" else "it has no readable text")
    return Source(text=text, path=os.fspath(path), encoding=decoded.encoding, format=kind, title=title)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, read-only; LoadError when it cannot or should not be read."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise LoadError(path, _os_reason(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise LoadError(path, "it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block forever, /dev/zero never ends.
        raise LoadError(path, "it is not a regular file (a device, pipe or socket)")
    if info.st_size > MAX_BYTES:
        raise LoadError(path, _too_large(info.st_size))
    data = _read_watched(path)
    if len(data) > MAX_BYTES:
        raise LoadError(path, _too_large(len(data)))
    if not data:
        raise LoadError(path, "it is empty")
    return data


class _WouldBlock(Exception):
    """The file has no more data now but has not ended: a kernel or device file."""


def _read_watched(path: str | os.PathLike[str]) -> bytes:
    """Up to ``MAX_BYTES + 1`` bytes of the file, read on a helper thread that
    must make progress every READ_STALL_SECONDS. A read stuck in the kernel
    cannot be interrupted: its thread is left behind (a daemon, it does not
    keep the program alive) and the caller gets a LoadError at once."""
    outcome: list[bytes | BaseException] = []
    progress = [0]

    def read() -> None:
        try:
            outcome.append(_read_all(path, progress))
        except BaseException as error:  # handed to the caller's thread
            outcome.append(error)

    thread = threading.Thread(target=read, name="arabic-reader-read", daemon=True)
    thread.start()
    seen = 0
    while True:
        thread.join(READ_STALL_SECONDS)
        if not thread.is_alive():
            break
        if progress[0] == seen:
            reason = f"reading it stalled for {READ_STALL_SECONDS:g} s (a device or network file that does not answer)"
            raise LoadError(path, reason)
        seen = progress[0]
    result = outcome[0]
    if isinstance(result, _WouldBlock):
        raise LoadError(path, "it is a special file that never ends (reading it would wait forever)")
    if isinstance(result, OSError):
        raise LoadError(path, _os_reason(result))
    if isinstance(result, BaseException):
        raise result
    return result


def _read_all(path: str | os.PathLike[str], progress: list[int]) -> bytes:
    chunks: list[bytes] = []
    total = 0
    with open(path, "rb", buffering=0, opener=_open_nonblocking) as file:
        while total <= MAX_BYTES:
            chunk = file.read(min(_READ_CHUNK, MAX_BYTES + 1 - total))
            if chunk is None:  # EAGAIN: only special files say so (O_NONBLOCK is ignored by disks)
                raise _WouldBlock
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            progress[0] = total
    return b"".join(chunks)


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def format_of(path: str | os.PathLike[str], data: bytes, encoding: str | None = None) -> str:
    """``"html"``, ``"markdown"`` or ``"text"``: by suffix, else by a look at the start."""
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix != ".txt" and _HTML_START.match(_head_text(data, encoding)):
        return "html"
    return "text"


def unify_line_endings(text: str) -> str:
    r"""``\r\n`` and lone ``\r`` → ``\n``; nothing else changes."""
    if "\r" not in text:
        return text
    text = text.replace("\r\n", "\n")
    return text.replace("\r", "\n") if "\r" in text else text


def _head_text(data: bytes, encoding: str | None) -> str:
    """The first kilobyte, decoded well enough to recognise ``<!doctype html>``."""
    head = data[:1024]
    bom = bom_of(head)
    codec = encoding or (bom[0] if bom else "latin-1")
    try:
        return head.decode(codec, errors="ignore").lstrip("\ufeff")
    except LookupError:
        return head.decode("latin-1")


def _too_large(size: int) -> str:
    return f"it is {size / _MIB:.1f} MB, over the {MAX_BYTES // _MIB} MB limit"


def _check_markup_size(path: str | os.PathLike[str], kind: str, size: int) -> None:
    if kind == "html":
        limit, name = MAX_HTML_BYTES, "HTML"
    elif kind == "markdown":
        limit, name = MAX_MARKDOWN_BYTES, "Markdown"
    else:
        return
    if size > limit:
        reason = f"it is {size / _MIB:.1f} MB of {name}, over the {limit // _MIB} MB limit for {name}"
        raise LoadError(path, reason)


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "it is a folder, not a file"
    return error.strerror.lower() if error.strerror else str(error)
