"""An entity's companions as a network (reader/library/network.py)."""

from __future__ import annotations

from reader.entity_types import EntityType
from reader.library import Library
from reader.library.network import entity_network


def test_the_network_of_a_place(indexed):
    path, _ = indexed
    with Library.open(path) as library:
        place = library.entities(EntityType.PLACE, limit=1)
        network = entity_network(library, place, size=8)
        again = entity_network(library, place, size=8)
        related = {r.entity.id: r.sentences for r in library.related(place, limit=8)}
        shared = library.shared_sentences([n.entity for n in network.nodes])
    assert network == again  # the same library, the same picture
    centre, *others = network.nodes
    assert (centre.entity, centre.x, centre.y) == (place[0], 0.0, 0.0)
    assert {n.entity.id: n.sentences for n in others} == related
    assert all(-1.0 <= n.x <= 1.0 and -1.0 <= n.y <= 1.0 for n in network.nodes)
    ids = {n.entity.id for n in network.nodes}
    for edge in network.edges:
        assert edge.a < edge.b and {edge.a, edge.b} <= ids
        assert edge.sentences == shared[edge.a, edge.b] == shared[edge.b, edge.a]
    assert {(e.a, e.b) for e in network.edges if place[0].id in (e.a, e.b)} == {
        tuple(sorted((place[0].id, other))) for other in related
    }


def test_an_entity_alone_is_a_single_node(tmp_path):
    from .helpers import record, write

    write(tmp_path / "l.sqlite3", record("/a.txt", "زار بغداد.", [(4, 9, "place", "بغداد")]))
    with Library.open(tmp_path / "l.sqlite3") as library:
        network = entity_network(library, library.resolve("بغداد"))
    assert [(n.entity.id, n.x, n.y) for n in network.nodes] == [("place:بغداد", 0.0, 0.0)] and network.edges == ()
