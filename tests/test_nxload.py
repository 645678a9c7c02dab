"""The NetworkX view of the store follows the schema documented in chidao.graph."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import _graph_records as R
import networkx as nx

from chidao.extract.records import Mention, Record
from chidao.graph import ids
from chidao.graph.nxload import load_graph
from chidao.graph.rdf import record_triples
from chidao.graph.store import GraphWrite, OxigraphStore

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
    from chidao.graph.ingest import ingest

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
