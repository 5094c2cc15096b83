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
