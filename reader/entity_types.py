"""The four entity types, their labels and colors: defined once, used everywhere.

GUIDE.md's table lives here. The UI, the exports and the command line import
these names; nothing else spells a color or a label.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EntityType(StrEnum):
    """What a mention is. The value is the contract string used in JSON/CSV."""

    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"
    FIGURE = "figure"

    def __str__(self) -> str:  # "person", not "EntityType.PERSON"
        return self.value


@dataclass(frozen=True, slots=True)
class TypeStyle:
    """How one type is presented: labels in both UI languages and its colors."""

    label_ar: str
    label_en: str
    color: str  # full color: underline, legend swatch (Okabe–Ito, color-blind safe)
    tint_light: str  # background tint on a light page
    tint_dark: str  # background tint on a dark page


STYLES: dict[EntityType, TypeStyle] = {
    EntityType.PERSON: TypeStyle("أشخاص", "People", "#0072B2", "#D6E8F5", "#1B3A52"),
    EntityType.PLACE: TypeStyle("أماكن", "Places", "#009E73", "#D3F0E6", "#12463A"),
    EntityType.ORGANIZATION: TypeStyle("منظمات", "Organizations", "#E69F00", "#FBEBC7", "#5A4410"),
    EntityType.FIGURE: TypeStyle("أرقام", "Figures", "#CC79A7", "#F5E1EC", "#553247"),
}

#: Display order: in the legend, the side panel and the exports.
TYPE_ORDER: tuple[EntityType, ...] = (
    EntityType.PERSON,
    EntityType.PLACE,
    EntityType.ORGANIZATION,
    EntityType.FIGURE,
)


def style(entity_type: EntityType | str) -> TypeStyle:
    """The presentation of ``entity_type`` (an EntityType or its contract string)."""
    return STYLES[EntityType(entity_type)]
