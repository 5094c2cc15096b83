"""The export error and the consistency check every renderer relies on.

An export is written from an ``Analysis`` that another part of the app built;
if that analysis breaks the contract of ``reader.document`` (mentions out of
order, overlapping, outside the text, an entity pointing at a mention that
does not exist) the renderers cannot produce one element per mention. They
say so in one line instead of writing a wrong file.
"""

from __future__ import annotations

from reader.document import Analysis


class ExportError(Exception):
    """An export could not be written; ``str(error)`` is one line for the user."""


def check_analysis(analysis: Analysis) -> None:
    """Raise ExportError unless mentions are sorted, disjoint, non-empty and
    inside ``analysis.source.text`` and every ``Entity.mentions`` index exists.

    Example: two mentions [4, 10) and [8, 12) overlap → ExportError.
    """
    text_length = len(analysis.source.text)
    previous_end = 0
    for index, mention in enumerate(analysis.mentions):
        if not 0 <= mention.start < mention.end <= text_length:
            raise ExportError(
                f"cannot export: mention {index} [{mention.start}, {mention.end}) "
                f"is empty or outside the text (length {text_length})"
            )
        if mention.start < previous_end:
            raise ExportError(
                f"cannot export: mention {index} [{mention.start}, {mention.end}) "
                "overlaps or precedes the previous mention"
            )
        previous_end = mention.end
    for entity in analysis.entities:
        for index in entity.mentions:
            if not 0 <= index < len(analysis.mentions):
                raise ExportError(
                    f"cannot export: entity {entity.id!r} refers to mention {index}, "
                    f"but the analysis has {len(analysis.mentions)} mentions"
                )
