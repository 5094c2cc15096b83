"""Write a file so that it is either completely new or completely old.

The data goes to a temporary file beside the target (same directory, so the
same file system), is flushed and fsync'ed, and then renamed over the target
with :func:`os.replace`, which is atomic. If anything fails on the way the
temporary file is removed and the target, if it existed, is untouched.

A user's file is never destroyed by surprise: a read-only file is never
replaced, and with ``overwrite=False`` no existing file is (the new file is
linked into place only if the name is still free, so a file created
meanwhile is not replaced either). :func:`check_writable` makes the same
checks up front, so a command can refuse before doing minutes of work.

    write_atomic("report.html", "<p>الموصل</p>")   # report.html is the old file or the new one, never half
"""

from __future__ import annotations

import codecs
import contextlib
import os
import secrets
import stat
from collections.abc import Iterable, Iterator

from reader.io.encodings import label
from reader.io.errors import TargetExistsError, WriteError


def check_writable(path: str | os.PathLike[str], *, overwrite: bool = True) -> None:
    """Raise :class:`WriteError` (one line) if ``path`` cannot be written:
    it is a folder, its folder is missing or not writable, it is a read-only
    file, or it exists and ``overwrite`` is false (:class:`TargetExistsError`).
    """
    shown = os.fspath(path)
    target = os.path.realpath(shown)
    directory = os.path.dirname(target) or "."
    if os.path.isdir(target):
        raise WriteError(shown, "it is a folder")
    if not os.path.isdir(directory):
        if os.path.exists(directory):
            raise WriteError(shown, f"'{directory}' is not a folder")
        raise WriteError(shown, f"the folder '{directory}' does not exist")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise WriteError(shown, _reason(error)) from None
    if info is not None:
        if not overwrite:
            raise TargetExistsError(shown, "it already exists")
        if _read_only(target, info.st_mode):
            raise WriteError(shown, "it is read-only")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise WriteError(shown, f"permission denied: cannot create files in '{directory}'")


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes | Iterable[str],
    encoding: str = "utf-8",
    *,
    overwrite: bool = True,
) -> None:
    """Write ``data`` (text is encoded with ``encoding``) to ``path`` atomically.

    ``data`` may be text in pieces (an iterable of str, e.g. a generator): a
    big export is then encoded and written piece by piece, never held whole.

    A symbolic link is followed: the file it points to is replaced. The new
    file gets the old one's permissions, or the usual ones (0666 minus the
    umask) when there was none. Raises :class:`WriteError` (one line) when
    the text cannot be encoded or the destination cannot be written (see
    :func:`check_writable`: a read-only file, or with ``overwrite=False`` any
    existing file, is left alone).
    """
    shown = os.fspath(path)
    target = os.path.realpath(shown)
    pieces = _encode_pieces(shown, data, encoding)
    directory = os.path.dirname(target) or "."
    check_writable(shown, overwrite=overwrite)

    temporary, fd = _create_temporary(shown, target)
    try:
        with os.fdopen(fd, "wb") as file:
            for piece in pieces:
                file.write(piece)
            file.flush()
            os.fsync(file.fileno())
        if overwrite:
            _copy_mode(target, temporary)
            os.replace(temporary, target)
        else:
            _place_new(shown, temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteError(shown, _reason(error)) from None
        raise
    _sync_directory(directory)


def _read_only(target: str, mode: int) -> bool:
    """A file nobody may write (no write bit: even root is refused), or we may not."""
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK)


def _place_new(shown: str, temporary: str, target: str) -> None:
    """Give the finished temporary file the target's name only if no file has it.

    A hard link fails when the name exists, atomically; the temporary name is
    then removed. Where hard links are not supported (FAT, some network
    shares) the name is checked just before the rename instead.
    """
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise TargetExistsError(shown, "it already exists") from None
    except OSError:
        if os.path.lexists(target):
            raise TargetExistsError(shown, "it already exists") from None
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _encode_pieces(shown: str, data: str | bytes | Iterable[str], encoding: str) -> Iterator[bytes]:
    """The bytes to write, in pieces. Whole text is encoded at once, before any
    file is created; text in pieces is encoded as it is written."""
    if isinstance(data, bytes):
        return iter((data,))
    try:
        encoder = codecs.getincrementalencoder(encoding)()  # a BOM (utf-8-sig) only once
    except LookupError:
        raise WriteError(shown, f"'{encoding}' is not a known encoding") from None
    if isinstance(data, str):
        return iter((_encode_piece(shown, encoder, encoding, data, 0, final=True),))
    return _encode_stream(shown, encoder, data, encoding)


def _encode_stream(
    shown: str, encoder: codecs.IncrementalEncoder, data: Iterable[str], encoding: str
) -> Iterator[bytes]:
    position = 0
    for text in data:
        yield _encode_piece(shown, encoder, encoding, text, position)
        position += len(text)
    yield encoder.encode("", final=True)


def _encode_piece(
    shown: str, encoder: codecs.IncrementalEncoder, encoding: str, text: str, position: int, final: bool = False
) -> bytes:
    try:
        return encoder.encode(text, final)
    except UnicodeEncodeError as error:
        char = error.object[error.start]
        where = position + error.start
        raise WriteError(
            shown,
            f"the text has characters {label(encoding)} cannot store (U+{ord(char):04X} at position {where})",
        ) from None


def _create_temporary(shown: str, target: str) -> tuple[str, int]:
    """A new, empty file next to ``target``: (its path, an open descriptor).

    Created with mode 0666 so the umask applies, as for any new file
    (tempfile.mkstemp would make it 0600, and the export unreadable to others).
    """
    directory, name = os.path.split(target)
    for _ in range(100):
        temporary = os.path.join(directory, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return temporary, os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise WriteError(shown, _reason(error)) from None
    raise WriteError(shown, "could not create a temporary file beside it")


def _copy_mode(target: str, temporary: str) -> None:
    """Keep an existing file's permissions (an export a user made private stays so)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.chmod(temporary, mode)


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable; not possible (nor needed) everywhere."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "the folder does not exist"
    if error.strerror:
        return error.strerror.lower()
    return str(error)
