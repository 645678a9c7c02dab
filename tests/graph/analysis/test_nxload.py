"""The NetworkX view of the store follows the schema documented in chidao.graph."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import _graph_records as R
import networkx as nx
import pytest

from chidao.errors import QueryError
from chidao.extract.records import Mention, Record
from chidao.graph.analysis.load import load_graph, load_neighbourhood, load_organisation
from chidao.graph.analysis.lookup import resolve_document
from chidao.graph.analysis.nodes import CARRY_OUT, cited
from chidao.graph.analysis.who import who
from chidao.graph.rdf import ids
from chidao.graph.rdf.build import record_triples
from chidao.graph.store.oxigraph import GraphWrite, OxigraphStore

BASE = "https://w3id.org/chidao/"
SONG_HINH_DOC = BASE + "doc/huyen-uy-song-hinh.tinh-phu-yen/2021/281-cv-hu"
BAC_KAN_DOC = BASE + "doc/tinh-uy-bac-kan/2021/309-cv-tu"
RESOLUTION = BASE + "doc/chinh-phu/2021/68-nq-cp"
CONCLUSION = BASE + "doc/tinh-uy-phu-yen/2021/125-kl-tu"


def test_documents_organisations_and_edges() -> None:
    G = load_graph(R.hand_store())
    assert isinstance(G, nx.MultiDiGraph)
    assert G.nodes[SONG_HINH_DOC] == {
        "kind": "document",
        "number": "281-CV/HU",
        "doc_type": "Công văn",
        "date": dt.date(2021, 9, 6),
        "year": 2021,
        "issuer": BASE + "org/huyen-uy-song-hinh.tinh-phu-yen",
        "issuer_name": "Huyện ủy Sông Hinh",
        "level": "district",
        "system": "party",
        "subject": (
            "triển khai, thực hiện Kết luận của Ban Thường vụ Tỉnh ủy về một số nhiệm vụ "
            "trong công tác phòng, chống dịch Covid-19"
        ),
        "source": "004_44141d7364da2aa0.txt",
        "cited_only": False,
        "province": "Tỉnh Phú Yên",
        "district": "Huyện Sông Hinh",
    }
    cited = G.nodes[RESOLUTION]
    assert cited["cited_only"] is True and cited["source"] is None
    assert (cited["number"], cited["level"], cited["date"]) == (
        "68/NQ-CP",
        "central",
        dt.date(2021, 7, 1),
    )
    assert G.nodes[BASE + "org/huyen-uy-song-hinh.tinh-phu-yen"] == {
        "kind": "organisation",
        "name": "Huyện ủy Sông Hinh",
        "level": "district",
        "system": "party",
        "parent": BASE + "org/tinh-uy-phu-yen",
        "province": "Tỉnh Phú Yên",
        "district": "Huyện Sông Hinh",
    }
    doc_edges = {
        (u, v, k, d["lag_days"])
        for u, v, k, d in G.edges(keys=True, data=True)
        if G.nodes[v]["kind"] == "document"
    }
    assert doc_edges == {
        (SONG_HINH_DOC, RESOLUTION, "implements", 67),
        (SONG_HINH_DOC, CONCLUSION, "implements", 1),
        (BAC_KAN_DOC, RESOLUTION, "implements", 19),
    }
    org_edges = {
        (u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1], k)
        for u, v, k in G.edges(keys=True)
        if G.nodes[v]["kind"] == "organisation"
    }
    assert {
        ("281-cv-hu", "huyen-uy-song-hinh.tinh-phu-yen", "issued_by"),
        ("281-cv-hu", "tinh-uy-phu-yen", "distribution"),
        ("281-cv-hu", "uy-ban-nhan-dan-huyen-song-hinh.tinh-phu-yen", "assignee"),
        ("huyen-uy-song-hinh.tinh-phu-yen", "tinh-uy-phu-yen", "sub_organization_of"),
        ("68-nq-cp", "chinh-phu", "issued_by"),
    } <= org_edges


def test_a_cited_document_gains_its_details_when_ingested(tmp_path: Path) -> None:
    store = R.hand_store()
    text = "CHÍNH PHỦ\nSố: 68/NQ-CP\nHà Nội, ngày 01 tháng 7 năm 2021\nNGHỊ QUYẾT\n"
    path = tmp_path / "68-nq-cp.txt"
    path.write_text(text, encoding="utf-8")
    record = Record(
        source=str(path),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding="utf-8",
        length=len(text),
        number=Mention("68/NQ-CP", (14, 22)),
        doc_type=Mention("Nghị quyết"),
        issuer=R.GOVERNMENT,
        date=Mention("2021-07-01", (31, 55)),
        subject=Mention("về một số chính sách hỗ trợ người lao động"),
    )
    assert str(ids.record_doc_iri(record)) == RESOLUTION
    store.write([GraphWrite(ids.graph_iri(record.sha256, record.source), record_triples(record))])
    G = load_graph(store)
    node = G.nodes[RESOLUTION]
    assert node["cited_only"] is False
    assert node["source"] == "68-nq-cp.txt"
    assert node["subject"] == "về một số chính sách hỗ trợ người lao động"
    assert G.in_degree(RESOLUTION) == 2  # both citing letters still point at the same node


def test_an_empty_store_is_an_empty_graph() -> None:
    assert load_graph(OxigraphStore()).number_of_nodes() == 0


def test_extracted_samples_follow_the_schema(tmp_path: Path) -> None:
    from chidao.graph.ingest.ingest import ingest

    store = OxigraphStore(tmp_path / "s")
    ingest([R.SAMPLES], store)
    G = load_graph(store)
    doc_keys = {
        "kind", "number", "doc_type", "date", "year", "issuer", "issuer_name", "level",
        "system", "subject", "source", "cited_only", "province", "district",
    }  # fmt: skip
    org_keys = {"kind", "name", "level", "system", "parent", "province", "district"}
    docs = [n for n, d in G.nodes(data=True) if d["kind"] == "document"]
    assert sum(not G.nodes[n]["cited_only"] for n in docs) == 5
    for n, d in G.nodes(data=True):
        assert set(d) == (doc_keys if d["kind"] == "document" else org_keys), n
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in ("implements", "based_on", "amends", "replaces", "cites"):
            assert G.nodes[u]["kind"] == G.nodes[v]["kind"] == "document"
            assert "lag_days" in d
        else:
            assert k in (
                "issued_by",
                "recipient",
                "distribution",
                "assignee",
                "sub_organization_of",
            )


# --- partial loads: the induced subgraph of load_graph, nothing more or less -------------------

DOC_TO_ORG = ("issued_by", "recipient", "distribution", "assignee")


def _docs_reached(G: nx.MultiDiGraph, start: str, relations, upward: bool, depth=None) -> set[str]:
    edges = G.out_edges if upward else G.in_edges
    seen, frontier, steps = {start}, {start}, 0
    while frontier and (depth is None or steps < depth):
        nxt = set()
        for n in frontier:
            for u, v, k in edges(n, keys=True):
                other = v if upward else u
                if k in relations and G.nodes[other].get("kind") == "document":
                    nxt.add(other)
        frontier = nxt - seen
        seen |= frontier
        steps += 1
    return seen


def _with_orgs(G: nx.MultiDiGraph, docs: set[str]) -> set[str]:
    orgs = {v for d in docs for _, v, k in G.out_edges(d, keys=True) if k == "issued_by"}
    return docs | orgs


def _assert_induced(H: nx.MultiDiGraph, G: nx.MultiDiGraph, nodes: set[str]) -> None:
    assert set(H) == nodes
    assert dict(H.nodes(data=True)) == dict(G.subgraph(nodes).nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items())) for u, v, k, d in H.edges(keys=True, data=True))
    want = G.subgraph(nodes).edges(keys=True, data=True)
    assert edges == sorted((u, v, k, sorted(d.items())) for u, v, k, d in want)


def _check_every_document(store) -> int:  # type: ignore[no-untyped-def]
    from chidao.graph.analysis import cascade, lineage

    G = load_graph(store)
    docs = [n for n, kind in G.nodes(data="kind") if kind == "document"]
    linked = 0
    for relations in (CARRY_OUT, ("implements", "based_on", "cites")):
        for doc in docs:
            up = _docs_reached(G, doc, relations, upward=True)
            down = _docs_reached(G, doc, relations, upward=False)
            H = load_neighbourhood(store, doc, relations=relations)
            _assert_induced(H, G, _with_orgs(G, up | down))
            assert lineage(H, doc, relations) == lineage(G, doc, relations)
            assert cascade(H, doc, relations) == cascade(G, doc, relations)
            linked += len(up | down) > 1
            only_up = load_neighbourhood(store, doc, down=False, relations=relations, max_depth=1)
            _assert_induced(only_up, G, _with_orgs(G, _docs_reached(G, doc, relations, True, 1)))
    # with context: also what the documents below carry out
    for doc in docs:
        down = _docs_reached(G, doc, CARRY_OUT, upward=False)
        beside = {v for d in down - {doc} for v, _ in cited(G, d, CARRY_OUT)}
        up = _docs_reached(G, doc, CARRY_OUT, upward=True)
        H = load_neighbourhood(store, doc, context=True)
        _assert_induced(H, G, _with_orgs(G, up | down | beside))
    orgs = [n for n, kind in G.nodes(data="kind") if kind == "organisation"]
    for org in orgs:
        family = {u for u, _, k in G.in_edges(org, keys=True) if k == "sub_organization_of"}
        family |= {v for _, v, k in G.out_edges(org, keys=True) if k == "sub_organization_of"}
        linked_docs = {u for u, _, k in G.in_edges(org, keys=True) if k in DOC_TO_ORG}
        issued = {u for u, _, k in G.in_edges(org, keys=True) if k == "issued_by"}
        above = {v for d in issued for v, _ in cited(G, d, CARRY_OUT)}
        H = load_organisation(store, org)
        _assert_induced(H, G, {org} | family | _with_orgs(G, linked_docs | above))
        assert who(H, org) == who(G, org)
    return linked


def test_neighbourhoods_are_induced_subgraphs_on_the_samples(tmp_path: Path) -> None:
    from chidao.graph.ingest.ingest import ingest

    store = OxigraphStore(tmp_path / "s")
    ingest([R.SAMPLES], store)
    assert _check_every_document(store) >= 5


def test_neighbourhoods_are_induced_subgraphs_on_a_generated_store(tmp_path: Path) -> None:
    # A campaign of the benchmark's generator: a central document, a province's two
    # letters carrying it out and its districts' letters carrying those out, one file
    # each, with relative citations and documents known only from citations.
    from test_bench_generate import gen

    from chidao.graph.ingest.ingest import ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for doc in gen.iter_documents(24, seed=7):
        (corpus / f"{doc.index:03d}.txt").write_text(doc.text, encoding="utf-8")
    store = OxigraphStore(tmp_path / "s")
    assert ingest([corpus], store).ok
    assert _check_every_document(store) >= 20


def test_neighbourhood_of_what_is_not_a_document_is_empty() -> None:
    store = R.hand_store()
    assert load_neighbourhood(store, BASE + "org/tinh-uy-phu-yen").number_of_nodes() == 0
    assert load_organisation(store, RESOLUTION).number_of_nodes() == 0
    # an IRI that could break out of the VALUES block is refused, not spliced
    with pytest.raises(QueryError):
        load_neighbourhood(store, BASE + "x> } ; DROP ALL ; #")


def test_store_views_draw_what_the_whole_graph_draws(tmp_path: Path) -> None:
    # The partial loads hold every node the views pick, with the whole graph's
    # attributes and edges (the page itself may list edges in another order).
    from chidao.graph.ingest.ingest import ingest
    from chidao.graph.views.from_store import store_view
    from chidao.graph.views.select import cascade_nodes, organisation_nodes

    store = OxigraphStore(tmp_path / "s")
    ingest([R.SAMPLES], store)
    G = load_graph(store)
    for number in ("68/NQ-CP", "281-CV/HU"):
        iri = resolve_document(store, number)
        for relations in (CARRY_OUT, (*CARRY_OUT, "cites")):
            H = load_neighbourhood(store, iri, relations=relations, context=True)
            nodes = cascade_nodes(G, iri, relations)
            assert cascade_nodes(H, iri, relations) == nodes and nodes <= set(H)
            _assert_induced(H, G, set(H))
        assert "125-KL/TU" in store_view(store, doc=iri)
    org = BASE + "org/huyen-uy-song-hinh.tinh-phu-yen"
    H = load_organisation(store, org)
    assert organisation_nodes(H, org) == organisation_nodes(G, org)
    assert "281-CV/HU" in store_view(store, org=org)


def test_doctests() -> None:
    import doctest

    from chidao.graph.analysis import load as nxload

    result = doctest.testmod(nxload)
    assert result.attempted > 0 and result.failed == 0
