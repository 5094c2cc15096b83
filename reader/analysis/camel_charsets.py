"""camel-tools' character sets, served from the cache instead of built at every start.

``camel_tools.utils.charsets`` builds its sets (letters, marks, punctuation,
symbols, emoji) by asking ``unicodedata`` about each of the 1,114,112 code
points when it is imported: 0.45–0.55 s at every start of the analysis
process, before the first article can be analyzed. Its dediacritizer and
word tokenizer, which the analysis uses, import it.

``install()`` (run when ``reader.analysis`` is imported) adds an import hook
for that one module. The first time, the module is imported the normal way
and its public sets are written to the user's cache folder
(``cache.default_cache_dir``), under a name keyed by the versions they depend
on: camel-tools, the emoji package and Python's Unicode database. From then
on, the module is made from that file (about 30 ms). The table is camel-tools'
own, never written by hand, and ``tests/analysis/test_camel_charsets.py``
checks it equal to a fresh import. A damaged file is built again.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import marshal
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from reader.analysis.cache import default_cache_dir, write_quietly

MODULE = "camel_tools.utils.charsets"


def cache_path(folder: Path | None = None) -> Path:
    """Where the sets are kept: named after everything they depend on."""
    from importlib.metadata import PackageNotFoundError, version  # imported here: 50 ms the UI needs not pay

    versions = []
    for package in ("camel-tools", "emoji"):
        try:
            versions.append(version(package))
        except PackageNotFoundError:
            versions.append("none")
    key = "-".join([*versions, unicodedata.unidata_version, f"py{sys.version_info[0]}{sys.version_info[1]}"])
    return (folder or default_cache_dir()) / f"camel-charsets-{key}.marshal"


def public_sets(module: ModuleType) -> dict[str, frozenset[str]]:
    """The module's public character sets, by name (what other modules import from it)."""
    names = getattr(module, "__all__", None) or [n for n in vars(module) if n.isupper()]
    return {name: frozenset(getattr(module, name)) for name in names}


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
        path = cache_path(self.folder)
        try:
            sets = marshal.loads(path.read_bytes())
            if not isinstance(sets, dict) or not all(isinstance(v, frozenset) for v in sets.values()):
                raise ValueError("not a table of sets")
        except (OSError, EOFError, ValueError, TypeError):
            sets = public_sets(self._import_for_real())
            write_quietly(path, marshal.dumps(sets))
        module.__dict__.update(sets)
        module.__dict__["__all__"] = list(sets)

    def _import_for_real(self) -> ModuleType:
        assert self._real is not None and self._real.loader is not None
        real = importlib.util.module_from_spec(self._real)
        self._real.loader.exec_module(real)
        return real


def install(folder: Path | None = None) -> None:
    """Serve ``camel_tools.utils.charsets`` from the cache from now on (once per process)."""
    if not any(isinstance(finder, CachedCharsets) for finder in sys.meta_path):
        sys.meta_path.insert(0, CachedCharsets(folder))
