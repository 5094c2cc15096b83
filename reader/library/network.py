"""Who appears with whom: an entity's sentence companions as a network with a layout (no Qt).

    network = entity_network(library, library.resolve("الموصل"))
    for node in network.nodes:        # the entity first, at (0, 0), then its companions
        draw(node.entity.name, node.x, node.y, node.sentences)
    for edge in network.edges:        # every pair of them sharing sentences
        line(edge.a, edge.b, edge.sentences)

Positions come from networkx's spring layout (weights: shared sentences;
a fixed seed, so the same library draws the same picture), within
[-1, 1] × [-1, 1]; the window draws them (``reader.ui.library``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.library.queries import EntitySummary, Library

#: Companions drawn around an entity.
NETWORK_SIZE = 20
_SEED = 7


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


def entity_network(library: Library, entities: Sequence[EntitySummary], size: int = NETWORK_SIZE) -> Network:
    """``entities`` (one entity, or the several a name names) and their ``size`` closest companions."""
    if not entities:
        return Network((), ())
    import networkx as nx  # a quarter of a second to import: only when a picture is asked for

    centre = entities[0]
    related = library.related(entities, limit=size)
    members = [centre, *(r.entity for r in related)]
    shared = library.shared_sentences(members)
    shared.update({(centre.id, r.entity.id): r.sentences for r in related})
    edges = {tuple(sorted(pair)): n for pair, n in shared.items()}
    graph = nx.Graph()
    graph.add_nodes_from(e.id for e in members)
    graph.add_weighted_edges_from((a, b, n) for (a, b), n in edges.items())
    if len(members) > 1:
        positions = nx.spring_layout(graph, weight="weight", seed=_SEED, pos={centre.id: (0.0, 0.0)}, fixed=[centre.id])
        scale = max(max(abs(float(c)) for c in p) for p in positions.values()) or 1.0
    else:
        positions, scale = {centre.id: (0.0, 0.0)}, 1.0
    weight = {centre.id: centre.mentions, **{r.entity.id: r.sentences for r in related}}
    nodes = tuple(
        Node(e, float(positions[e.id][0]) / scale, float(positions[e.id][1]) / scale, weight[e.id]) for e in members
    )
    return Network(nodes, tuple(Edge(a, b, n) for (a, b), n in sorted(edges.items())))
