"""Who appears with whom: an entity's sentence companions as a network with a layout (no Qt).

    network = entity_network(library, library.resolve("الموصل"))
    for node in network.nodes:        # the entity first, at (0, 0), then its companions
        draw(node.entity.name, node.x, node.y, node.sentences)
    for edge in network.edges:        # every pair of them sharing sentences
        line(edge.a, edge.b, edge.sentences)

The entity sits in the middle; its companions around it, ordered as
networkx's spring layout groups them (weights: shared sentences; a fixed
seed, so the same library draws the same picture) and spaced evenly, the
ones sharing most sentences nearest: within [-1, 1] × [-1, 1]. The window
draws them (``reader.ui.library``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reader.library.queries import EntitySummary, Library, Related

#: Companions drawn around an entity.
NETWORK_SIZE = 20
_SEED = 7
#: Only the order around the centre is kept: fewer iterations than networkx's 50 settle it.
_ITERATIONS = 25


@dataclass(frozen=True, slots=True)
class Node:
    """An entity placed in the picture; ``sentences`` it shares with the centre (the centre: its mentions)."""

    entity: EntitySummary
    x: float
    y: float
    sentences: int


@dataclass(frozen=True, slots=True)
class Edge:
    """Two entities (ids) of the picture sharing ``sentences`` sentences."""

    a: str
    b: str
    sentences: int


@dataclass(frozen=True, slots=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def entity_network(
    library: Library,
    entities: Sequence[EntitySummary],
    size: int = NETWORK_SIZE,
    related: Sequence[Related] | None = None,
) -> Network:
    """``entities`` (one entity, or the several a name names) and their ``size`` closest companions.

    ``related``: ``library.related(entities)`` when the caller has it already.
    """
    if not entities:
        return Network((), ())
    import networkx as nx  # a quarter of a second to import: only when a picture is asked for

    centre = entities[0]
    related = list(related[:size]) if related is not None else library.related(entities, limit=size)
    members = [centre, *(r.entity for r in related)]
    shared = library.shared_sentences(members)
    shared.update({(centre.id, r.entity.id): r.sentences for r in related})
    edges = {tuple(sorted(pair)): n for pair, n in shared.items()}
    graph = nx.Graph()
    graph.add_nodes_from(e.id for e in members)
    graph.add_weighted_edges_from((a, b, n) for (a, b), n in edges.items())
    weight = {centre.id: centre.mentions, **{r.entity.id: r.sentences for r in related}}
    positions: dict[str, tuple[float, float]] = {centre.id: (0.0, 0.0)}
    if related:
        spring = nx.spring_layout(
            graph, weight="weight", seed=_SEED, pos={centre.id: (0.0, 0.0)}, fixed=[centre.id], iterations=_ITERATIONS
        )
        # The spring layout says which companions belong together; the picture keeps
        # its order around the centre but spaces them evenly (labels never pile up),
        # the closest companions (most shared sentences) nearest the middle.
        around = sorted(related, key=lambda r: math.atan2(float(spring[r.entity.id][1]), float(spring[r.entity.id][0])))
        strongest = max(r.sentences for r in related)
        for rank, r in enumerate(around):
            angle = 2 * math.pi * rank / len(around) + math.pi / 2
            radius = 0.45 + 0.55 * (1 - math.log1p(r.sentences) / math.log1p(strongest)) if strongest > 1 else 1.0
            positions[r.entity.id] = (radius * math.cos(angle), radius * math.sin(angle))
    nodes = tuple(Node(e, positions[e.id][0], positions[e.id][1], weight[e.id]) for e in members)
    return Network(nodes, tuple(Edge(a, b, n) for (a, b), n in sorted(edges.items())))
