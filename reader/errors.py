"""An error as the one line a reader sees: in the status bar, a message box, or on stderr.

Every place that shows an error it did not word itself (an exception from
a library, a child process, a thread) goes through ``one_line``, so a
message with line breaks never spills a traceback-like block into the UI
and an exception without a message still says what it was.
"""

from __future__ import annotations


def one_line(error: BaseException | str, *, named: bool = False) -> str:
    """``error``'s message on one line: runs of spaces and line breaks become one space.

    An exception with no message gives its type's name; ``named`` puts the
    type's name in front of any message (for errors that are bugs, not the
    reader's doing).

    >>> one_line(OSError("disk full\\n  while writing"))
    'disk full while writing'
    >>> one_line(KeyboardInterrupt())
    'KeyboardInterrupt'
    >>> one_line(ValueError("bad value"), named=True)
    'ValueError: bad value'
    >>> one_line("  ")
    ''
    """
    text = " ".join(str(error).split())
    if isinstance(error, str):
        return text
    name = type(error).__name__
    if not text:
        return name
    return f"{name}: {text}" if named else text
