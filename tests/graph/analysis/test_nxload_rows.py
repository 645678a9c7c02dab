"""Rows decoded in bulk (``OxigraphStore.select_rows``) and numbered ``VALUES`` blocks.

The partial loaders read their queries' rows from Oxigraph's SPARQL TSV text
instead of one Python object per cell: every term must come back exactly as
:meth:`OxigraphStore.query` gives it (value, datatype, language, kind).
"""

from __future__ import annotations

import doctest

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from chidao.errors import QueryError
from chidao.graph.analysis.load import Runner, doc_scan, load_graph, load_neighbourhood, values_of
from chidao.graph.store import oxigraph as store_module
from chidao.graph.store.oxigraph import GraphWrite, OxigraphStore, tsv_term
from chidao.ontology import namespaces as ns

TRICKY: list[Node] = [
    Literal('tab\there, newline\nthere, return\r, quote " and backslash \\ and \\n'),
    Literal('ends with a quote "'),
    Literal('"quoted"@en looking'),
    Literal(""),
    Literal("Ủy ban nhân dân tỉnh Hà Giang", lang="vi"),
    Literal("hi", lang="en-US"),
    Literal("5", datatype=ns.XSD.integer),
    Literal("-12", datatype=ns.XSD.integer),
    Literal("+7", datatype=ns.XSD.integer),
    Literal("1.50", datatype=ns.XSD.decimal),
    Literal("-.5", datatype=ns.XSD.decimal),
    Literal("1e3", datatype=ns.XSD.double),
    Literal("2.5E-3", datatype=ns.XSD.double),
    Literal("INF", datatype=ns.XSD.double),
    Literal("true", datatype=ns.XSD.boolean),
    Literal("0", datatype=ns.XSD.boolean),
    Literal("2019", datatype=ns.XSD.gYear),
    Literal("2019-01-20", datatype=ns.XSD.date),
    Literal("x", datatype=URIRef("http://example.org/dt")),
    URIRef("https://w3id.org/chidao/doc/ban-bi-thu/2019/6-ct-tw"),
    URIRef("http://example.org/a#b?c=d"),
    BNode("b1"),
]


def _kind(term: Node | None) -> tuple:
    if isinstance(term, Literal):
        return ("literal", str(term), term.datatype, term.language)
    return (type(term).__name__, None if term is None else str(term))


@pytest.fixture(scope="module")
def tricky_store() -> OxigraphStore:
    store = OxigraphStore()
    p = URIRef("http://example.org/p")
    triples = [(URIRef(f"http://example.org/s{i}"), p, o) for i, o in enumerate(TRICKY)]
    triples.append((URIRef("http://example.org/s0"), URIRef("http://example.org/q"), BNode("b2")))
    store.write([GraphWrite(URIRef("urn:test:g"), triples)])
    return store


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s ?x WHERE { ?s <http://example.org/p> ?x } ORDER BY ?s",
        # unbound cells, and a cell bound to a blank node
        "SELECT ?s ?x ?y WHERE { ?s <http://example.org/p> ?x "
        "OPTIONAL { ?s <http://example.org/q> ?y } } ORDER BY ?s",
        # computed values: numbers and strings the query makes
        "SELECT ?s (STRLEN(STR(?x)) AS ?n) (CONCAT(STR(?x), '\\t!') AS ?c) (?n > 3 AS ?b) "
        "WHERE { ?s <http://example.org/p> ?x } ORDER BY ?s",
        "SELECT ?x WHERE { ?s <http://example.org/nothing> ?x }",
        # rows whose cells are all unbound (an empty line of TSV), and no variables
        "SELECT ?x WHERE { BIND(1 AS ?y) }",
        "SELECT ?x ?z WHERE { VALUES ?x { 1 UNDEF } }",
        "SELECT * WHERE { }",
    ],
)
def test_select_rows_are_the_rows_of_query(tricky_store: OxigraphStore, query: str) -> None:
    want = list(tricky_store.query(query).rows)
    got = tricky_store.select_rows(query)
    assert [tuple(map(_kind, row)) for row in got] == [tuple(map(_kind, row)) for row in want]
    assert got == want


def test_every_tricky_term_comes_back(tricky_store: OxigraphStore) -> None:
    got = {
        _kind(x)
        for _, x in tricky_store.select_rows("SELECT ?s ?x WHERE { ?s <http://example.org/p> ?x }")
    }
    assert len(got) == len(TRICKY)


def test_select_rows_refuses_what_is_not_a_select(tricky_store: OxigraphStore) -> None:
    with pytest.raises(QueryError):
        tricky_store.select_rows("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError):
        tricky_store.select_rows("SELECT ?s WHERE { ?s ?p }")


def test_tsv_term_refuses_what_it_does_not_know() -> None:
    from chidao.errors import StoreError

    with pytest.raises(StoreError):
        tsv_term("<< <http://a> <http://b> <http://c> >>")
    with pytest.raises(StoreError):
        tsv_term("?x")


def test_numbered_values_give_rows_back_by_iri() -> None:
    block = values_of("s", ["http://example.org/a", "http://example.org/b"], "i")
    assert block == "VALUES (?s ?i) { (<http://example.org/a> 0) (<http://example.org/b> 1) }"
    with pytest.raises(QueryError):
        values_of("s", ["http://example.org/a", "http://x> } ; DROP ALL ; #"], "i")
    store = OxigraphStore()
    doc = URIRef(ns.BASE + "doc/x/2021/1-cv")
    store.write(
        [
            GraphWrite(
                URIRef("urn:test:g"),
                [(doc, ns.RDF.type, ns.ELI.LegalResource), (doc, ns.ELI.number, Literal("1/CV"))],
            )
        ]
    )
    rows = set(Runner(store).numbered(doc_scan, "s", [str(doc), ns.BASE + "doc/none"]))
    assert rows == {
        (str(doc), Literal(0), ns.ELI.LegalResource),
        (str(doc), Literal(1), Literal("1/CV")),
    }


class _QueryOnly:
    """A store with nothing but ``query`` (as a SPARQL endpoint is read)."""

    def __init__(self, store: OxigraphStore) -> None:
        self.query = store.query


def test_bulk_and_plain_rows_load_the_same_neighbourhoods(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import _graph_records as R

    from chidao.graph.ingest.ingest import ingest

    store = OxigraphStore(tmp_path / "s")
    ingest([R.SAMPLES], store)
    plain = _QueryOnly(store)
    G = load_graph(store)
    docs = [n for n, kind in G.nodes(data="kind") if kind == "document"]
    for doc in docs:
        H = load_neighbourhood(store, doc, context=True)
        P = load_neighbourhood(plain, doc, context=True)  # type: ignore[arg-type]
        assert dict(H.nodes(data=True)) == dict(P.nodes(data=True))
        assert sorted(H.edges(keys=True, data="lag_days")) == sorted(
            P.edges(keys=True, data="lag_days")
        )


def test_doctests() -> None:
    result = doctest.testmod(store_module)
    assert result.attempted > 0 and result.failed == 0
