"""camel-tools' character sets, served from the cache instead of built at every start.

``camel_tools.utils.charsets`` builds its sets (letters, marks, punctuation,
symbols, emoji) by asking ``unicodedata`` about each of the 1,114,112 code
points when it is imported: 0.45–0.55 s at every start of the analysis
process, before the first article can be analyzed. Its dediacritizer and
word tokenizer, which the analysis uses, import it.

``install()`` (run when ``reader.analysis`` is imported) adds an import hook
for that one module. The first time, the module is imported the normal way
and its public sets are written to the user's cache folder
(``cache.default_cache_dir``), under a name keyed by what they depend on:
camel-tools' module, the emoji package's table and Python's Unicode database. From then
on, the module is made from that file. The table is camel-tools' own, never
written by hand, and ``tests/analysis/test_camel_charsets.py`` checks it
equal to a fresh import. A damaged file is built again.

The file keeps each set as one string of its characters (a tuple for the
emoji sequences), and a set is made only when something imports it: the
tokenizer and the dediacritizer need the punctuation, emoji and diacritic
sets, never the 130,000 letters. Unmarshalling every set as a frozenset
cost 0.1–0.3 s at each start of the analysis process; the strings load in
about 5 ms and the sets the analysis uses are made in about 10.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import marshal
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from reader.analysis.cache import default_cache_dir, installed_stamp, write_quietly

MODULE = "camel_tools.utils.charsets"


def cache_path(folder: Path | None = None) -> Path:
    """Where the sets are kept: named after this installation of camel-tools and everything they
    depend on (camel-tools' module, the emoji package's table, Python's Unicode database)."""
    return _cache_names(folder)[0]


def _cache_names(folder: Path | None) -> tuple[Path, str]:
    """``cache_path``, and the pattern of this installation's tables (an older one is replaced;
    another installation's are left alone)."""
    where, version = installed_stamp("camel_tools.utils", "charsets.py") or ("none", "none")
    emoji = installed_stamp("emoji", "unicode_codes/data_dict.py", "unicode_codes/emoji.json") or ("none", "none")
    depends = [version, emoji[1], unicodedata.unidata_version, f"py{sys.version_info[0]}{sys.version_info[1]}"]
    prefix = f"camel-charsets-{FORMAT}-{where}-"
    return (folder or default_cache_dir()) / f"{prefix}{'-'.join(depends)}.marshal", f"{prefix}*.marshal"


#: The cache file's layout (``packed``): a new layout is a new file name.
FORMAT = "v2"

#: A set as the cache keeps it: its characters as one string, or its members
#: as a sorted tuple when some are longer than one character (emoji sequences).
Packed = str | tuple[str, ...]


def public_sets(module: ModuleType) -> dict[str, frozenset[str]]:
    """The module's public character sets, by name (what other modules import from it)."""
    names = getattr(module, "__all__", None) or [n for n in vars(module) if n.isupper()]
    return {name: frozenset(getattr(module, name)) for name in names}


def packed(sets: dict[str, frozenset[str]]) -> dict[str, Packed]:
    """The sets in the cache's layout (see ``Packed``)."""
    return {
        name: "".join(sorted(members)) if all(len(m) == 1 for m in members) else tuple(sorted(members))
        for name, members in sets.items()
    }


def _lazy_sets(table: dict[str, Packed]) -> Callable[[str], frozenset[str]]:
    """A module ``__getattr__`` (PEP 562) making each set from ``table`` when first imported."""

    def make(name: str) -> frozenset[str]:
        try:
            members = table[name]
        except KeyError:
            raise AttributeError(f"module {MODULE!r} has no attribute {name!r}") from None
        made = frozenset(members)
        module = sys.modules.get(MODULE)
        if module is not None:
            module.__dict__[name] = made  # made once: the next look-up finds it
        return made

    return make


class CachedCharsets(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """The import hook: makes ``camel_tools.utils.charsets`` from the cache (see the module docstring)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._real: importlib.machinery.ModuleSpec | None = None

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != MODULE:
            return None
        self._real = importlib.machinery.PathFinder.find_spec(fullname, path)
        if self._real is None:
            return None  # camel-tools is not installed: the import fails as it would
        return importlib.util.spec_from_loader(fullname, self, origin=self._real.origin)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        path, replacing = _cache_names(self.folder)
        try:
            table = marshal.loads(path.read_bytes())
            if not isinstance(table, dict) or not all(isinstance(v, str | tuple) for v in table.values()):
                raise ValueError("not a table of sets")
        except (OSError, EOFError, ValueError, TypeError):
            table = packed(public_sets(self._import_for_real()))
            write_quietly(path, marshal.dumps(table), replacing=replacing)
        module.__dict__["__all__"] = list(table)
        module.__dict__["__getattr__"] = _lazy_sets(table)

    def _import_for_real(self) -> ModuleType:
        assert self._real is not None and self._real.loader is not None
        real = importlib.util.module_from_spec(self._real)
        self._real.loader.exec_module(real)
        return real


def install(folder: Path | None = None) -> None:
    """Serve ``camel_tools.utils.charsets`` from the cache from now on (once per process)."""
    if not any(isinstance(finder, CachedCharsets) for finder in sys.meta_path):
        sys.meta_path.insert(0, CachedCharsets(folder))
