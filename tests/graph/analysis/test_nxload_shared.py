"""Nodes every file describes again (organisations, units, document types) in the loaders.

Their values are the first the store lists (one index seek each), not the least
over every file's copy: a partial load then costs the same however many files
mention a ministry, and still agrees with the whole graph.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from rdflib import Literal, URIRef

from chidao.errors import QueryError
from chidao.graph.analysis.load import load_graph, load_neighbourhood, load_organisation
from chidao.graph.store.oxigraph import GraphWrite, OxigraphStore
from chidao.ontology import namespaces as ns

BASE = ns.BASE
ORG = URIRef(BASE + "org/van-phong-huyen-uy.tinh-x")
PARENTS = [URIRef(BASE + f"org/huyen-uy-{n}.tinh-x") for n in ("a", "b", "c")]
GOV = URIRef(BASE + "org/chinh-phu")
TOP = URIRef(BASE + "doc/chinh-phu/2021/1-nq-cp")


def _org(o: URIRef, name: str, parent: URIRef | None = None) -> list:
    out = [
        (o, ns.RDF.type, ns.ORG.Organization),
        (o, ns.SKOS.prefLabel, Literal(name, lang="vi")),
        (o, ns.CHIDAO.level, ns.CHIDAO.district),
    ]
    if parent is not None:
        out.append((o, ns.ORG.subOrganizationOf, parent))
    return out


def _letter(i: int, parent: URIRef, label: str) -> GraphWrite:
    """File ``i``: a letter of ``ORG`` (named ``label``, under ``parent``) carrying out TOP."""
    d = URIRef(BASE + f"doc/van-phong-huyen-uy.tinh-x/2021/{i}-cv")
    f = URIRef(BASE + f"file/{i}")
    triples = [
        *_org(ORG, label, parent),
        *_org(parent, f"Huyện ủy {parent[-8:]}"),
        *_org(GOV, "Chính phủ"),
        (d, ns.RDF.type, ns.ELI.LegalResource),
        (d, ns.ELI.number, Literal(f"{i}-CV")),
        (d, ns.ELI.date_document, Literal(f"2021-08-{i + 1:02d}", datatype=ns.XSD.date)),
        (d, ns.ELI.passed_by, ORG),
        (d, ns.PROV.hadPrimarySource, f),
        (f, ns.NFO.fileName, Literal(f"{i}.txt")),
        (d, ns.ELI.ensures_implementation_of, TOP),
        (TOP, ns.RDF.type, ns.ELI.LegalResource),
        (TOP, ns.ELI.number, Literal("1/NQ-CP")),
        (TOP, ns.ELI.date_document, Literal("2021-07-01", datatype=ns.XSD.date)),
        (TOP, ns.ELI.passed_by, GOV),
    ]
    return GraphWrite(URIRef(f"urn:test:file{i}"), triples)


def _store(files: int) -> OxigraphStore:
    # The same office under three parents and two spellings, as extraction gives it
    # when a name recurs (Văn phòng Huyện ủy of every district of a province).
    store = OxigraphStore()
    store.write(
        [
            _letter(i, PARENTS[i % 3], "Văn phòng Huyện ủy" if i % 2 else "Văn phòng Huyện uỷ")
            for i in range(files)
        ]
    )
    return store


def _nodes(G: nx.MultiDiGraph) -> dict:
    return dict(G.nodes(data=True))


def test_partial_loads_agree_with_the_whole_graph_on_shared_nodes() -> None:
    store = _store(12)
    G = load_graph(store)
    office = G.nodes[str(ORG)]
    # one value per attribute, one of those the files give
    assert office["name"] in {"Văn phòng Huyện ủy", "Văn phòng Huyện uỷ"}
    assert office["parent"] in {str(p) for p in PARENTS}
    # one sub-organisation edge, to the parent the node names
    ups = [v for _, v, k in G.out_edges(str(ORG), keys=True) if k == "sub_organization_of"]
    assert ups == [office["parent"]]
    H = load_neighbourhood(store, str(TOP), up=False)
    assert len(H) > 12
    assert _nodes(H) == {n: a for n, a in _nodes(G).items() if n in H}
    assert sorted(H.edges(keys=True)) == sorted(G.subgraph(H).edges(keys=True))
    for d in H:
        if H.nodes[d]["kind"] == "document" and d != str(TOP):
            assert H.nodes[d]["issuer_name"] == office["name"]
    K = load_organisation(store, str(ORG))
    assert _nodes(K) == {n: a for n, a in _nodes(G).items() if n in K}
    assert sorted(K.edges(keys=True)) == sorted(G.subgraph(K).edges(keys=True))
    assert office["parent"] in K


def test_shared_values_do_not_depend_on_how_many_files_repeat_them() -> None:
    # The choice among the values files give is the store's order of terms, not
    # the order files came in: more files repeating the same values change nothing.
    few, many = load_graph(_store(6)), load_graph(_store(30))
    for node in (str(ORG), str(GOV), *map(str, PARENTS)):
        assert few.nodes[node] == many.nodes[node]


def test_first_objects_reads_one_value_per_subject() -> None:
    store = _store(9)
    label = str(ns.SKOS.prefLabel)
    (row,) = store.first_objects(label, [str(ORG)])
    assert row[0] == ORG and str(row[1]) in {"Văn phòng Huyện ủy", "Văn phòng Huyện uỷ"}
    # the same value as the first row of the union query for that subject
    res = store.query("SELECT DISTINCT ?s ?x WHERE { ?s skos:prefLabel ?x }", {"s": ORG})
    assert next(iter(res.rows))[1] == row[1]
    # with an object: the subjects that have it
    org_type = ns.ORG.Organization
    typed = store.first_objects(str(ns.RDF.type), [str(ORG), str(TOP)], org_type)
    assert [str(s) for s, _ in typed] == [str(ORG)]
    assert list(store.first_objects(label, [BASE + "org/nobody"])) == []
    top = load_graph(store).nodes[str(TOP)]
    assert (top["date"], top["issuer_name"]) == (dt.date(2021, 7, 1), "Chính phủ")


def test_an_iri_that_is_not_one_is_refused_not_looked_up() -> None:
    store = _store(2)
    before = store.triple_count()
    for bad in ("http://x> } ; DROP ALL ; #", "", "not an iri"):
        with pytest.raises(QueryError):
            list(store.first_objects(str(ns.SKOS.prefLabel), [bad]))
        with pytest.raises(QueryError):
            load_organisation(store, bad)
    assert store.triple_count() == before
