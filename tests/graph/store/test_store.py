"""The embedded Oxigraph store: round trips, atomic replacement, bound queries, exports."""

from __future__ import annotations

import io
from pathlib import Path

import _graph_records as R
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from chidao.errors import QueryError, StoreError
from chidao.graph.rdf import ids
from chidao.graph.rdf.build import (
    Statements,
    nt_iri,
    nt_string,
    record_graph,
    record_statements,
    record_triples,
)
from chidao.graph.store.oxigraph import (
    JOURNAL,
    GraphWrite,
    OxigraphStore,
    TripleStore,
    export_bytes,
    open_store,
)
from chidao.graph.store.stats import store_stats
from chidao.ontology.namespaces import BASE, ELI
from chidao.ontology.vocabulary import SPAN_KINDS


def _write(store: OxigraphStore, record, replaces: tuple[str, ...] = ()) -> str:
    graph = ids.graph_iri(record.sha256, record.source)
    store.write([GraphWrite(graph, record_triples(record), replaces)])
    return str(graph)


def test_the_embedded_store_is_a_triple_store() -> None:
    assert isinstance(OxigraphStore(), TripleStore)


def test_a_graph_reads_back_exactly_as_built(tmp_path: Path) -> None:
    record = R.song_hinh()
    with OxigraphStore(tmp_path / "store") as store:
        graph = _write(store, record)
    with OxigraphStore(tmp_path / "store", read_only=True) as store:
        back = Graph()
        for t in store.graph_triples(graph):
            back.add(t)
        assert store.has_graph(graph)
    assert isomorphic(back, record_graph(record))


def test_replacing_a_graph_touches_no_other_graph() -> None:
    store = OxigraphStore()
    a, b = R.song_hinh(), R.bac_kan()
    ga, gb = _write(store, a), _write(store, b)
    before = store.graph_counts()
    # A new version of b's file: a different content hash at the same path.
    b2 = R.bac_kan().__class__(**{**_fields(b), "sha256": "f" * 64, "citations": ()})
    gb2 = _write(store, b2, replaces=(gb,))
    after = store.graph_counts()
    assert gb not in after and gb2 in after
    assert after[ga] == before[ga]
    assert after[gb2] < before[gb]  # the citation's triples went with the old graph


def _fields(record) -> dict:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def test_a_batch_is_one_transaction() -> None:
    store = OxigraphStore()
    good = R.song_hinh()
    bad = GraphWrite(URIRef(BASE + "graph/bad"), [(URIRef("not an iri"), ELI.number, Literal("x"))])
    for replaces in ((), (BASE + "graph/old",)):  # the extend() path and the SPARQL path
        with pytest.raises(StoreError, match="nothing written"):
            store.write(
                [
                    GraphWrite(ids.graph_iri(good.sha256, good.source), record_triples(good)),
                    GraphWrite(bad.graph, bad.triples, replaces),
                ]
            )
        assert store.triple_count() == 0


@pytest.mark.parametrize("on_disk", [False, True], ids=["memory", "bulk-load"])
@pytest.mark.parametrize(
    "bad_iri",
    ["not an iri", "relative/path", "http://x> <http://y"],
    ids=["space", "relative", "breaks-out"],
)
def test_a_bad_iri_in_built_statements_fails_the_whole_batch(
    tmp_path: Path, on_disk: bool, bad_iri: str
) -> None:
    # The builder's statements are loaded without the parser checking IRIs again: the
    # IRIs they list are checked first, so one bad IRI still writes nothing at all.
    good = R.song_hinh()
    statements = record_statements(good)
    bad = Statements(
        (*statements.triples, (nt_iri(bad_iri), nt_iri(str(ELI.number)), '"x"')),
        (*statements.iris, bad_iri),
    )
    graph = ids.graph_iri(good.sha256, good.source)
    store = OxigraphStore(tmp_path / "store" if on_disk else None)
    with pytest.raises(StoreError, match="nothing written"):
        store.write([GraphWrite(URIRef(BASE + "graph/first"), statements), GraphWrite(graph, bad)])
    assert store.triple_count() == 0
    assert not (tmp_path / "store" / JOURNAL).exists()
    store.write([GraphWrite(graph, statements)])  # the same graph without the bad IRI
    assert store.triple_count(str(graph)) == len(statements)


def test_text_with_quotes_and_line_breaks_loads_unchanged(tmp_path: Path) -> None:
    # Regression: statements are N-Triples text written by the builder, not by the store.
    text = 'a "quoted" \\ back\\slash\nline\r\tand ">" } ; DROP ALL'
    triples = [(URIRef(BASE + "x"), ELI.number, Literal(text))]
    for replaces in ((), (BASE + "graph/old",)):  # the bulk-load path and the SPARQL path
        with OxigraphStore(tmp_path / f"store{len(replaces)}") as store:
            built = Statements(((nt_iri(BASE + "x"), nt_iri(str(ELI.number)), nt_string(text)),))
            store.write([GraphWrite(URIRef(BASE + "graph/g"), built, replaces)])
            assert list(store.graph_triples(BASE + "graph/g")) == triples


def test_graphs_for_file_finds_every_version() -> None:
    store = OxigraphStore()
    graph = _write(store, R.song_hinh())
    assert store.graphs_for_file(ids.source_path(str(R.SONG_HINH))) == [graph]
    assert store.graphs_for_file("/nowhere/else.txt") == []


def test_bound_values_are_never_spliced_into_the_query() -> None:
    store = R.hand_store()
    q = "SELECT ?d ?n WHERE { ?d eli:number ?n }"
    hostile = 'x" } ; DROP ALL ; { "'
    assert list(store.query(q, {"n": Literal(hostile)}).rows) == []
    rows = list(store.query(q, {"n": Literal("68/NQ-CP")}).rows)
    assert {str(d) for d, _ in rows} == {BASE + "doc/chinh-phu/2021/68-nq-cp"}
    assert store.triple_count() > 0


def test_stats_counts_the_spans_of_every_kind() -> None:
    store = R.hand_store()
    props = {str(k.prop) for k in SPAN_KINDS.values()}
    spans = {
        o for g in store.named_graphs() for _s, p, o in store.graph_triples(g) if str(p) in props
    }
    stats = store_stats(store)
    assert stats["spans"] == len(spans) > 0
    # Tasks and signatures carry spans too, not only the header.
    used = {str(p) for g in store.named_graphs() for _s, p, _o in store.graph_triples(g)}
    assert {str(SPAN_KINDS[k].prop) for k in ("number", "task", "name")} <= used


def test_stats_counts_the_documents_known_only_from_citations() -> None:
    store = R.hand_store()
    by_definition = list(
        store.query(
            "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a eli:LegalResource "
            "FILTER NOT EXISTS { ?d prov:hadPrimarySource ?f } }"
        ).rows
    )[0][0]
    assert store_stats(store)["cited_only"] == int(by_definition) > 0


def test_invalid_sparql_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="invalid SPARQL"):
        OxigraphStore().query("SELECT WHERE {")


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    OxigraphStore(tmp_path / "s").close()
    store = OxigraphStore(tmp_path / "s", read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.update("INSERT DATA { <http://a> <http://b> <http://c> }")


def test_missing_store_read_only_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="chidao ingest"):
        open_store(str(tmp_path / "none"), read_only=True)


def test_a_store_in_use_is_a_store_error(tmp_path: Path) -> None:
    first = OxigraphStore(tmp_path / "s")
    with pytest.raises(StoreError, match="open for writing by process"):
        OxigraphStore(tmp_path / "s")
    first.close()


def test_default_location_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CHIDAO_STORE", str(tmp_path / "env-store"))
    store = open_store()
    assert isinstance(store, OxigraphStore) and store.path == tmp_path / "env-store"
    store.close()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own parsers
@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld"])
def test_dataset_exports_keep_one_graph_per_file(fmt: str) -> None:
    store = R.hand_store()
    ds = Dataset()
    parser = {"nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt]
    ds.parse(data=export_bytes(store, fmt), format=parser)
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert set(store.graph_counts()) <= graphs
    assert sum(len(g) for g in ds.graphs()) == store.triple_count()


@pytest.mark.parametrize(("fmt", "parser"), [("ttl", "turtle"), ("nt", "nt")])
def test_triple_exports_hold_the_union(fmt: str, parser: str) -> None:
    store = R.hand_store()
    g = Graph().parse(data=export_bytes(store, fmt), format=parser)
    cited = URIRef(BASE + "doc/chinh-phu/2021/68-nq-cp")
    assert (cited, ELI.number, Literal("68/NQ-CP")) in g
    assert len(g) < store.triple_count()  # shared triples appear once in the union


def test_unknown_export_format() -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        OxigraphStore().export("xml", io.BytesIO())


def test_rdflib_view_shares_the_database() -> None:
    store = R.hand_store()
    ds = store.rdflib_dataset()
    cited = URIRef(BASE + "doc/chinh-phu/2021/68-nq-cp")
    assert any(ds.quads((cited, ELI.number, None, None)))


def test_close_releases_the_store(tmp_path: Path) -> None:
    first = OxigraphStore(tmp_path / "s")
    _write(first, R.bac_kan())
    first.close()
    first.close()  # closing twice is harmless
    again = OxigraphStore(tmp_path / "s")  # the lock is free again
    assert again.triple_count() > 0
    again.close()


def test_bulk_writes_leave_no_journal_and_replacements_stay_whole(tmp_path: Path) -> None:
    # New graphs take the bulk path (journal around the load); a replacement takes the
    # transactional path.  Both read back exactly as built.
    store = OxigraphStore(tmp_path / "s")
    a, b = R.song_hinh(), R.bac_kan()
    ga = _write(store, a)
    assert not (tmp_path / "s" / JOURNAL).exists()
    b2 = b.__class__(**{**_fields(b), "sha256": "e" * 64})
    gb = _write(store, b)
    gb2 = _write(store, b2, replaces=(gb,))
    store.close()
    store = OxigraphStore(tmp_path / "s", read_only=True)
    assert set(store.graph_counts()) == {ga, gb2}
    for graph, record in ((ga, a), (gb2, b2)):
        back = Graph()
        for t in store.graph_triples(graph):
            back.add(t)
        assert isomorphic(back, record_graph(record))
    store.close()
