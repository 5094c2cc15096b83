"""Reading articles and writing files safely.

    from reader.io import LoadError, load
    try:
        source = load("cairo-water-cp1256.txt")   # Source(encoding="cp1256", format="text", ...)
    except LoadError as error:
        print(error)   # cannot open 'cairo-water-cp1256.txt': no such file

``load`` turns a text, HTML or Markdown file into a :class:`reader.document.Source`;
``write_atomic`` writes exports and settings without ever leaving a
half-written file. Both raise one-line errors (:class:`LoadError`,
:class:`WriteError`) meant to be shown to the user as they are.
"""

from reader.io.encodings import SUPPORTED_ENCODINGS
from reader.io.errors import LoadError, TargetExistsError, WriteError
from reader.io.loader import MAX_BYTES, load
from reader.io.write import check_writable, write_atomic

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_ENCODINGS",
    "LoadError",
    "TargetExistsError",
    "WriteError",
    "check_writable",
    "load",
    "write_atomic",
]
