"""A citation that waited for a document ingested after it is linked to it.

The order in which files are ingested must not decide the graph: a district
letter citing ``Kế hoạch số 12-KH/TU`` without its year, ingested before that
plan, points to a placeholder until the plan is stored; then the link stage
(:mod:`chidao.graph.ingest.link`) derives its links again from the store,
without reading the letter again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from chidao.graph.analysis.load import load_graph
from chidao.graph.analysis.lookup import resolve_document
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

DISTRICT = """ĐẢNG BỘ TỈNH NINH BÌNH
HUYỆN ỦY KIM SƠN
*
Số 45-CV/HU
V/v triển khai thực hiện Kế hoạch của Ban Thường vụ Tỉnh ủy

ĐẢNG CỘNG SẢN VIỆT NAM
Kim Sơn, ngày 20 tháng 3 năm 2021

Kính gửi: Các chi bộ, đảng bộ trực thuộc Huyện ủy.

Thực hiện Kế hoạch số 12-KH/TU của Ban Thường vụ Tỉnh ủy về tuyên truyền, Ban Thường vụ \
Huyện ủy đề nghị:
1. Các chi bộ, đảng bộ trực thuộc tổ chức quán triệt nội dung Kế hoạch.
2. Ban Tuyên giáo Huyện ủy hướng dẫn, theo dõi việc thực hiện.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Nguyễn Văn An
"""

PROVINCE = """ĐẢNG BỘ TỈNH NINH BÌNH
TỈNH ỦY NINH BÌNH
*
Số 12-KH/TU

ĐẢNG CỘNG SẢN VIỆT NAM
Ninh Bình, ngày 05 tháng 3 năm 2021

KẾ HOẠCH
tuyên truyền

1. Các huyện ủy, thành ủy tổ chức tuyên truyền.

Nơi nhận:
- Các huyện ủy, thành ủy,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Trần Văn Bình
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    district, province = tmp_path / "district.txt", tmp_path / "province.txt"
    district.write_text(DISTRICT, encoding="utf-8")
    province.write_text(PROVINCE, encoding="utf-8")
    return district, province


def _graphs(store: OxigraphStore) -> dict[str, Graph]:
    out = {}
    for g in store.named_graphs():
        graph = Graph()
        for t in store.graph_triples(g):
            graph.add(t)
        out[g] = graph
    return out


def _cited(store: OxigraphStore) -> set[str]:
    letter = resolve_document(store, "45-CV/HU")
    G = load_graph(store)
    return {v for _, v, k in G.out_edges(letter, keys=True) if k == "implements"}


def test_a_letter_ingested_before_what_it_cites_is_relinked(tmp_path, files) -> None:
    district, province = files
    store = OxigraphStore(tmp_path / "store")
    first = ingest([district], store)
    assert first.relinked == 0
    waiting = _cited(store)
    assert len(waiting) == 1 and "/_/" in next(iter(waiting))  # a placeholder, no year

    later = ingest([province], store)
    plan = resolve_document(store, "12-KH/TU")
    assert later.added == 1 and later.relinked == 1
    assert _cited(store) == {plan}
    assert next(iter(waiting)).endswith("/_/12-kh-tu") and plan.endswith("/2021/12-kh-tu")

    # The same graphs as ingesting the plan first: order does not decide the graph.
    other = OxigraphStore(tmp_path / "other")
    ingest([province], other)
    ingest([district], other)
    mine, theirs = _graphs(store), _graphs(other)
    assert mine.keys() == theirs.keys()
    assert all(isomorphic(mine[g], theirs[g]) for g in mine)

    # Nothing waits any more: a third run changes nothing.
    again = ingest([district, province], store)
    assert (again.skipped, again.relinked) == (2, 0)


def test_one_run_in_the_wrong_order_links_too(tmp_path, files) -> None:
    district, province = files
    store = OxigraphStore(tmp_path / "store")
    summary = ingest([district, province], store, batch_size=1)
    assert summary.relinked == 0  # linked once, at the end of the run
    assert _cited(store) == {resolve_document(store, "12-KH/TU")}


def test_a_waiting_file_that_is_gone_is_linked_from_the_store(tmp_path, files) -> None:
    district, province = files
    store = OxigraphStore(tmp_path / "store")
    ingest([district], store)
    district.unlink()  # the links come from its stored graph, not from the file
    summary = ingest([province], store)
    assert summary.relinked == 1
    assert _cited(store) == {resolve_document(store, "12-KH/TU")}


def test_doctests() -> None:
    import doctest

    from chidao.graph.ingest import link
    from chidao.graph.rdf import links

    for module in (link, links):
        result = doctest.testmod(module)
        assert not result.failed


def test_citations_left_to_link_survive_the_builders_hooks() -> None:
    # Regression: a hook that adds statements (duties) rebuilt the result without the
    # year-less citations, so nothing was ever linked.
    import _graph_records as R

    from chidao.extract.batch import extract_file
    from chidao.graph.rdf.build import build_record

    kien_xuong = extract_file(R.SAMPLES / "003_8ba483fca14449b1.txt")
    assert [c.key for c in build_record(kien_xuong).citations] == ["15/ct-ttg"]
