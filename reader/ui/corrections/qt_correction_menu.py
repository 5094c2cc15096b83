"""The context menus that correct: over the text (a selection, a highlight) and over the entity panel.

Over a **selection**: mark it as a person, place, organization or figure
(keys 1–4, shown in the menu), or put it in the lexicon: always this type,
never. Over a **highlight**: change its entity's type, remove it, "not an
entity anywhere", "always a …", rename, merge with… (a searchable picker),
split off. Over **entities in the panel** (several may be selected): change
their type, merge them, rename one, remove from the lexicon's reach.

The menus only ask the ``CorrectionController``; they hold no state and are
built anew each time (the texts follow the UI language).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from reader.document import Analysis, Mention
from reader.entity_types import TYPE_ORDER, EntityType
from reader.ui.actions import make_action
from reader.ui.corrections.controller import CorrectionController, type_name

#: Picks an entity to merge into: (parent, analysis, ids to leave out) → an id, or None if cancelled.
PickEntity = Callable[[QWidget, Analysis, Sequence[str]], str | None]


def mention_at(analysis: Analysis, start: int, end: int) -> Mention | None:
    """The mention under ``[start, end)`` (a point when they are equal): the first it overlaps."""
    starts = [m.start for m in analysis.mentions]
    i = bisect_right(starts, start) - 1
    for j in (i, i + 1):
        if 0 <= j < len(analysis.mentions):
            m = analysis.mentions[j]
            if m.start <= start < m.end or (start < end and m.start < end and start < m.end):
                return m
    return None


def text_menu(
    parent: QWidget,
    controller: CorrectionController,
    start: int,
    end: int,
    *,
    mark_actions: Mapping[EntityType, QAction],
    copy_action: QAction | None = None,
    pick_entity: PickEntity,
) -> QMenu:
    """The context menu over ``[start, end)`` of the text (a point when equal; -1: off the text)."""
    menu = QMenu(parent)
    if copy_action is not None:
        menu.addAction(copy_action)
    analysis = controller.analysis
    if analysis is None or start < 0:
        return menu
    text = analysis.source.text
    selected = text[start:end].strip() if start < end else ""
    if selected:
        menu.addSeparator()
        menu.addSection(QCoreApplication.translate("Corrections", "Mark as"))
        for entity_type in TYPE_ORDER:
            menu.addAction(mark_actions[entity_type])
        lexicon = menu.addMenu(QCoreApplication.translate("Corrections", "Always Tag as"))
        for entity_type in TYPE_ORDER:
            lexicon.addAction(
                make_action(menu, type_name(entity_type), lambda t=entity_type: controller.always(selected, t))
            )
        menu.addAction(
            make_action(
                menu, QCoreApplication.translate("Corrections", "Never Tag This"), lambda: controller.never(selected)
            )
        )
    mention = mention_at(analysis, start, end)
    if mention is not None:
        _mention_entries(menu, parent, controller, analysis, mention, pick_entity)
    return menu


def _mention_entries(
    menu: QMenu,
    parent: QWidget,
    controller: CorrectionController,
    analysis: Analysis,
    mention: Mention,
    pick_entity: PickEntity,
) -> None:
    entity = analysis.entity(mention.entity) if analysis.has_entity(mention.entity) else None
    name = entity.name if entity is not None else mention.text
    menu.addSection(f"{type_name(mention.type)}: \u202b{name}\u202c")
    retype = menu.addMenu(QCoreApplication.translate("Corrections", "Change Type"))
    for entity_type in TYPE_ORDER:
        if entity_type is not mention.type:
            retype.addAction(
                make_action(menu, type_name(entity_type), lambda t=entity_type: controller.retype([mention.entity], t))
            )
    menu.addAction(
        make_action(
            menu,
            QCoreApplication.translate("Corrections", "Remove Highlight"),
            lambda: controller.unmark(mention.start, mention.end),
        )
    )
    menu.addAction(
        make_action(
            menu,
            QCoreApplication.translate("Corrections", "Not an Entity Anywhere"),
            lambda: controller.never(mention.text),
        )
    )
    menu.addAction(
        make_action(
            menu,
            QCoreApplication.translate("Corrections", "Always a {type}").format(type=type_name(mention.type)),
            lambda: controller.always(mention.text, mention.type),
        )
    )
    menu.addSeparator()
    menu.addAction(
        make_action(
            menu,
            QCoreApplication.translate("Corrections", "Rename…"),
            lambda: rename(parent, controller, mention.entity, name),
        )
    )
    menu.addAction(
        make_action(
            menu,
            QCoreApplication.translate("Corrections", "Merge With…"),
            lambda: merge_with(parent, controller, [mention.entity], pick_entity),
        )
    )
    split = make_action(
        menu,
        QCoreApplication.translate("Corrections", "Split Off"),
        lambda: controller.split(mention.start, mention.end),
    )
    split.setEnabled(entity is not None and entity.count > 1)
    menu.addAction(split)


def entity_menu(
    parent: QWidget,
    controller: CorrectionController,
    entity_ids: Sequence[str],
    *,
    pick_entity: PickEntity,
) -> QMenu:
    """The context menu over the entities selected in the panel."""
    menu = QMenu(parent)
    analysis = controller.analysis
    ids = [e for e in entity_ids if analysis is not None and analysis.has_entity(e)]
    if analysis is None or not ids:
        return menu
    entities = [analysis.entity(e) for e in ids]
    retype = menu.addMenu(QCoreApplication.translate("Corrections", "Change Type"))
    for entity_type in TYPE_ORDER:
        if any(e.type is not entity_type for e in entities):
            retype.addAction(
                make_action(
                    menu,
                    type_name(entity_type),
                    lambda t=entity_type: controller.retype([e.id for e in entities if e.type is not t], t),
                )
            )
    if len(entities) == 1:
        only = entities[0]
        menu.addAction(
            make_action(
                menu,
                QCoreApplication.translate("Corrections", "Rename…"),
                lambda: rename(parent, controller, only.id, only.name),
            )
        )
        menu.addAction(
            make_action(
                menu,
                QCoreApplication.translate("Corrections", "Merge With…"),
                lambda: merge_with(parent, controller, [only.id], pick_entity),
            )
        )
        menu.addAction(
            make_action(
                menu,
                QCoreApplication.translate("Corrections", "Not an Entity Anywhere"),
                lambda: controller.never(only.name),
            )
        )
        menu.addAction(
            make_action(
                menu,
                QCoreApplication.translate("Corrections", "Always a {type}").format(type=type_name(only.type)),
                lambda: controller.always(only.name, only.type),
            )
        )
    else:
        merge = menu.addMenu(QCoreApplication.translate("Corrections", "Merge Into"))
        for target in entities:
            merge.addAction(
                make_action(
                    menu,
                    f"\u202b{target.name}\u202c ({type_name(target.type)})",
                    lambda t=target.id: controller.merge(ids, t),
                )
            )
    return menu


def rename(parent: QWidget, controller: CorrectionController, entity_id: str, current: str) -> None:
    """Ask for a new name; rename when one is given."""
    name, accepted = QInputDialog.getText(
        parent,
        QCoreApplication.translate("Corrections", "Rename Entity"),
        QCoreApplication.translate("Corrections", "Name:"),
        text=current,
    )
    if accepted and name.strip() and name.strip() != current:
        controller.rename(entity_id, name.strip())


def merge_with(
    parent: QWidget, controller: CorrectionController, entity_ids: Sequence[str], pick_entity: PickEntity
) -> None:
    """Pick the entity to merge ``entity_ids`` into; merge when one is picked."""
    analysis = controller.analysis
    if analysis is None:
        return
    target = pick_entity(parent, analysis, entity_ids)
    if target is not None:
        controller.merge(entity_ids, target)
