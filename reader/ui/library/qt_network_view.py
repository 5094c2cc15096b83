"""Who appears with whom: the co-occurrence network drawn in a QGraphicsScene.

The layout comes from ``reader.library.network`` (networkx, computed off
the UI thread); this view only draws it: a node per entity in its type's
color, sized by the sentences it shares with the entity in the middle, a
line per pair sharing sentences, thicker for more. Clicking a node asks the
library view to show that entity (``entity_clicked``), so a reader can walk
from one entity to the next.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QMouseEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from reader.library.network import Network
from reader.ui.theme import is_dark, type_color

#: Pixels from the middle to the farthest node.
RADIUS = 260.0


def _two_lines(name: str, longest: int = 13) -> str:
    """A long name on two lines of about equal length (labels around the ring stay narrow).

    >>> _two_lines("منظمة الصحة العالمية")
    'منظمة الصحة\\nالعالمية'
    """
    words = name.split()
    if len(name) <= longest or len(words) < 2:
        return name
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


class _Node(QGraphicsEllipseItem):
    def __init__(self, view: NetworkView, entity_id: str, rect: QRectF) -> None:
        super().__init__(rect)
        self.view = view
        self.entity_id = entity_id
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptHoverEvents(True)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.view.entity_clicked.emit(self.entity_id)
            event.accept()
        else:
            super().mousePressEvent(event)


class NetworkView(QGraphicsView):
    """Signals: ``entity_clicked(str)``: a node was clicked (the entity's stable id)."""

    entity_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.network = Network((), ())
        self.nodes: dict[str, _Node] = {}

    def set_network(self, network: Network) -> None:
        """Draw ``network`` (an empty one clears the picture)."""
        self.network = network
        scene = self.scene()
        scene.clear()
        self.nodes = {}
        if not network.nodes:
            return
        dark = is_dark()
        ink = QColor("#e6e4df" if dark else "#1d1d1b")
        place = {n.entity.id: QPointF(n.x * RADIUS, -n.y * RADIUS) for n in network.nodes}
        strongest = max((e.sentences for e in network.edges), default=1)
        centre_id = network.nodes[0].entity.id
        for edge in network.edges:
            spoke = centre_id in (edge.a, edge.b)
            pen = self._edge_pen(edge.sentences, strongest, ink, 1.0 if spoke else 0.35)
            line = scene.addLine(place[edge.a].x(), place[edge.a].y(), place[edge.b].x(), place[edge.b].y(), pen)
            line.setZValue(0)
            line.setToolTip(str(edge.sentences))
        most = max((n.sentences for n in network.nodes[1:]), default=1)
        font = QFont()
        font.setPointSizeF(9.0)
        # Every other node around the ring puts its label one line further out.
        around = sorted(network.nodes[1:], key=lambda n: math.atan2(n.y, n.x))
        staggered = {n.entity.id for rank, n in enumerate(around) if rank % 2}
        for number, node in enumerate(network.nodes):
            size = 34.0 if number == 0 else 12.0 + 16.0 * math.sqrt(node.sentences / most)
            centre = place[node.entity.id]
            item = _Node(self, node.entity.id, QRectF(-size / 2, -size / 2, size, size))
            item.setPos(centre)
            color = type_color(node.entity.type)
            item.setBrush(QBrush(color))
            item.setPen(QPen(ink if number == 0 else color.darker(130), 2.0 if number == 0 else 1.0))
            item.setZValue(2)
            item.setToolTip(f"{node.entity.name} — {node.sentences}")
            scene.addItem(item)
            self.nodes[node.entity.id] = item
            label = QGraphicsSimpleTextItem(node.entity.name if number == 0 else _two_lines(node.entity.name))
            label_font = QFont(font)
            label_font.setBold(number == 0)
            label.setFont(label_font)
            label.setBrush(QBrush(ink))
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, False)
            place_at = self._label_place(centre, size, label.boundingRect(), number == 0)
            if node.entity.id in staggered and abs(centre.y()) > 1.5 * abs(centre.x()):  # near the top or bottom
                shift = label.boundingRect().height() * 0.9
                place_at = QPointF(place_at.x(), place_at.y() + (-shift if centre.y() < 0 else shift))
            label.setPos(place_at)
            label.setZValue(3)
            scene.addItem(label)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self._fit()

    @staticmethod
    def _label_place(centre: QPointF, size: float, bounds: QRectF, middle: bool) -> QPointF:
        """Where a node's label goes: away from the middle (above the nodes on top, beside those
        on the sides, below the rest), so neighbours' labels do not run into each other."""
        x, y = centre.x(), centre.y()
        gap = size / 2 + 3
        if not middle and abs(x) > 1.6 * abs(y):  # on a side: beside the node, outwards
            left = x + gap if x > 0 else x - gap - bounds.width()
            return QPointF(left, y - bounds.height() / 2)
        if not middle and y < 0:  # the upper half: above
            return QPointF(x - bounds.width() / 2, y - gap - bounds.height())
        return QPointF(x - bounds.width() / 2, y + gap)

    @staticmethod
    def _edge_pen(sentences: int, strongest: int, ink: QColor, emphasis: float) -> QPen:
        """Thicker and darker for more shared sentences; lines between companions fainter than spokes."""
        weight = math.log1p(sentences) / math.log1p(strongest)
        color = QColor(ink)
        color.setAlphaF((0.12 + 0.5 * weight) * emphasis)
        return QPen(color, (0.8 + 3.2 * weight) * (0.5 + 0.5 * emphasis))

    def _fit(self) -> None:
        if self.scene().items():
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def click_node(self, entity_id: str) -> None:
        """Act as if the node of ``entity_id`` were clicked (tests, keyboard)."""
        if entity_id in self.nodes:
            self.entity_clicked.emit(entity_id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._fit()
        super().mouseDoubleClickEvent(event)
