"""SHACL: the sample corpus conforms to the shipped shapes; broken graphs do not."""

from __future__ import annotations

from pathlib import Path

import _graph_records as R
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from chidao.graph.ingest.ingest import ingest
from chidao.graph.rdf.build import record_graph
from chidao.graph.rdf.validate import validate_graph, validate_store
from chidao.graph.store.oxigraph import OxigraphStore
from chidao.ontology.namespaces import BASE, CHIDAO, ELI, NFO, NIF, ODRL2, RDF

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


def test_sample_corpus_conforms(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    summary = ingest([R.SAMPLES], store)
    assert summary.added == 5
    report = validate_store(store)
    assert report.graphs == 5
    assert report.conforms, report.text()


def test_hand_built_records_conform() -> None:
    report = validate_store(R.hand_store())
    assert report.graphs == 2 and report.conforms, report.text()


def _song_hinh() -> Graph:
    return record_graph(R.song_hinh())


def _first(g: Graph, cls: URIRef) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]


def _span_past_the_end(g: Graph) -> None:
    m = _first(g, CHIDAO.RecipientMention)
    g.set((m, NIF.endIndex, Literal(10**6, datatype=XSD.integer)))


def _span_backwards(g: Graph) -> None:
    m = _first(g, CHIDAO.RecipientMention)
    g.set((m, NIF.beginIndex, Literal(500, datatype=XSD.integer)))
    g.set((m, NIF.endIndex, Literal(400, datatype=XSD.integer)))


def _two_dates(g: Graph) -> None:
    doc = _first(g, CHIDAO.Directive)
    g.add((doc, ELI.date_document, Literal("2021-01-01", datatype=XSD.date)))
    g.add((doc, ELI.date_document, Literal("2021-01-02", datatype=XSD.date)))


def _task_without_action(g: Graph) -> None:
    duty = _first(g, ODRL2.Duty)
    g.remove((duty, ODRL2.action, None))


def _relation_to_a_person(g: Graph) -> None:
    doc = _first(g, CHIDAO.Directive)
    g.add((doc, ELI.based_on, URIRef(BASE + "person/x")))


def _bad_hash(g: Graph) -> None:
    digest = next(g.subjects(RDF.type, NFO.FileHash))
    g.set((digest, NFO.hashValue, Literal("not-a-hash")))


def _unknown_level(g: Graph) -> None:
    org = sorted(g.subjects(CHIDAO.level, CHIDAO.district))[0]
    g.set((org, CHIDAO.level, URIRef(BASE + "level/hamlet")))


@pytest.mark.parametrize(
    ("breaking", "message"),
    [
        (
            _span_past_the_end,
            "a span ends after the end of its file: https://w3id.org/chidao/file/",
        ),
        (_span_backwards, "begins before it ends"),
        (_two_dates, "eli:date_document"),
        (_task_without_action, "odrl:action"),
        (_relation_to_a_person, "eli:based_on"),
        (_bad_hash, "one SHA-256 hash"),
        (_unknown_level, "chidao:level"),
    ],
    ids=lambda x: getattr(x, "__name__", x),
)
def test_a_broken_graph_fails(breaking, message: str) -> None:
    g = _song_hinh()
    assert validate_graph(g) == []
    breaking(g)
    violations = validate_graph(g)
    assert violations
    lines = "\n".join(v.line() for v in violations)
    assert message in lines
    assert all(v.file == "004_44141d7364da2aa0.txt" for v in violations)


def test_a_broken_graph_in_the_store_is_reported_with_its_file() -> None:
    store = R.hand_store()
    g = _song_hinh()
    _two_dates(g)
    from chidao.graph.store.oxigraph import GraphWrite

    store.write([GraphWrite(URIRef(g.identifier), list(g), ())])
    report = validate_store(store, chunk=1)
    assert not report.conforms
    assert "004_44141d7364da2aa0.txt" in report.text()
    assert report.text().endswith("2 graph(s) checked: 1 violation(s)")
