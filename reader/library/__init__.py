"""The library: many articles analyzed into one SQLite index, and questions across them.

    from reader.library import Indexer, Library
    for event in Indexer(["~/news"], jobs=2).run():   # progress events, the summary last
        ...
    with Library.open() as library:
        [person] = library.resolve("العبادي")
        library.find(person), library.related(person)

``indexer`` walks, hashes and analyzes (``worker``, in processes) and
writes (``store``) into the tables of ``schema``; ``queries`` answers;
``search`` is the folding behind full-text search, ``aliases`` the merging
of entities across articles, ``dates`` the reading of publication dates,
``dossier`` and ``tables`` the exports. Nothing here imports Qt.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names → the module defining them. Imported on first use: the indexer pulls in
# the analysis (camel-tools, a second to import), which listing entities never needs.
_EXPORTS = {
    "FileIndexed": "indexer",
    "IndexEvent": "indexer",
    "IndexSummary": "indexer",
    "Indexer": "indexer",
    "LibraryChanged": "indexer",
    "ArticleHits": "queries",
    "ArticleSummary": "queries",
    "EntitySummary": "queries",
    "Hit": "queries",
    "Library": "queries",
    "LibraryMissing": "queries",
    "Related": "queries",
    "keyword_in_context": "queries",
    "default_library_path": "schema",
    "open_library": "schema",
}

if TYPE_CHECKING:
    from reader.library.indexer import FileIndexed, Indexer, IndexEvent, IndexSummary, LibraryChanged
    from reader.library.queries import (
        ArticleHits,
        ArticleSummary,
        EntitySummary,
        Hit,
        Library,
        LibraryMissing,
        Related,
        keyword_in_context,
    )
    from reader.library.schema import default_library_path, open_library


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"reader.library.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'reader.library' has no attribute {name!r}")


__all__ = [
    "ArticleHits",
    "ArticleSummary",
    "EntitySummary",
    "FileIndexed",
    "Hit",
    "IndexEvent",
    "IndexSummary",
    "Indexer",
    "Library",
    "LibraryChanged",
    "LibraryMissing",
    "Related",
    "default_library_path",
    "keyword_in_context",
    "open_library",
]
