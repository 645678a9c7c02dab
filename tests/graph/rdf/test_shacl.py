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
from chidao.ontology.namespaces import BASE, CHIDAO, ELI, NFO, ODRL2, RDF

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


def _recipient_span(g: Graph, begin: int, end: int) -> None:
    org, span = sorted(g.subject_objects(CHIDAO.addresseeSpan))[0]
    g.remove((org, CHIDAO.addresseeSpan, span))
    g.add((org, CHIDAO.addresseeSpan, URIRef(f"{str(span).split('#')[0]}#char={begin},{end}")))


def _span_past_the_end(g: Graph) -> None:
    _recipient_span(g, 10, 10**6)


def _span_backwards(g: Graph) -> None:
    _recipient_span(g, 500, 400)


def _span_elsewhere(g: Graph) -> None:
    doc = _first(g, CHIDAO.Directive)
    g.add((doc, CHIDAO.numberSpan, URIRef(BASE + "file/abc#char=1,2")))


def _two_dates(g: Graph) -> None:
    doc = _first(g, CHIDAO.Directive)
    g.add((doc, ELI.date_document, Literal("2021-01-01", datatype=XSD.date)))
    g.add((doc, ELI.date_document, Literal("2021-01-02", datatype=XSD.date)))


def _task_with_two_actions(g: Graph) -> None:
    duty = sorted(g.objects(None, ODRL2.obligation))[0]
    g.add((duty, ODRL2.action, CHIDAO.carryOut))
    g.add((duty, ODRL2.action, ODRL2.inform))


def _relation_to_a_person(g: Graph) -> None:
    doc = _first(g, CHIDAO.Directive)
    g.add((doc, ELI.based_on, URIRef(BASE + "person/x")))


def _bad_hash(g: Graph) -> None:
    g.add((URIRef(BASE + "file/not-a-hash"), RDF.type, NFO.FileDataObject))


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
        (_task_with_two_actions, "odrl:action"),
        (_relation_to_a_person, "eli:based_on"),
        (_bad_hash, "one SHA-256 hash"),
        (_span_elsewhere, "a span is <file/SHA-256#char=begin,end>"),
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


def test_the_span_checks_see_every_span_property() -> None:
    """The shapes' span checks recognise a span property by name: all of them, none else."""
    from chidao.ontology.vocabulary import SPAN_KINDS

    text = Path(__file__).resolve().parents[3].joinpath("ontology", "shapes.ttl").read_text()
    for kind in SPAN_KINDS.values():
        local = str(kind.prop).rsplit("#", 1)[1]
        assert local.endswith("Span") and f"chidao:{local}" in text


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


def test_files_that_print_a_body_differently_still_conform(tmp_path: Path) -> None:
    # Regression: two letters naming one department "Vụ Pháp chế" and (OCR) "Vu pháp che" give
    # one node with two registry descriptions; validating each file with the whole registry
    # reported every file as violating skos:prefLabel's one-per-language rule.
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    body = "\n\nV/v hướng dẫn thuế\n\nKính gửi: {name}\n\nĐề nghị thực hiện.\n"
    a.write_text(
        "BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\nSố: 12/TCT-CS\nHà Nội, ngày 05 tháng 3 năm 2021"
        + body.format(name="Vụ Pháp chế"),
        encoding="utf-8",
    )
    b.write_text(
        "BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\nSố: 13/TCT-CS\nHà Nội, ngày 06 tháng 3 năm 2021"
        + body.format(name="Vu pháp che"),
        encoding="utf-8",
    )
    store = OxigraphStore(tmp_path / "s")
    ingest([a, b], store)
    labels = {
        str(r[0])
        for r in store.query(
            "SELECT DISTINCT ?l WHERE { GRAPH ?g { ?o skos:prefLabel ?l } "
            "FILTER(?o = <https://w3id.org/chidao/org/vu-phap-che>) }"
        ).rows
    }
    assert len(labels) == 2  # the two printed forms reach the store
    report = validate_store(store)
    assert report.graphs == 2
    assert report.conforms, report.text()
