"""The record's newer facts in the lean graph: duties, the text as read, values' origin."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rdflib import Graph, URIRef

from chidao.extract.records import (
    Citation,
    Deadline,
    Duty,
    Mention,
    Organisation,
    Party,
    Reading,
    Record,
    Task,
)
from chidao.graph.rdf import ids
from chidao.graph.rdf.build import build_record, record_triples
from chidao.graph.rdf.duties import add_duties
from chidao.graph.rdf.nif import nif_quads
from chidao.graph.rdf.validate import validate_graph
from chidao.graph.store.oxigraph import GraphWrite, OxigraphStore
from chidao.ontology.namespaces import CHIDAO, DCTERMS, NIF
from chidao.ontology.vocabulary import SPAN_KINDS

TEXT = "1. Các xã báo cáo UBND huyện hằng quý. Thực hiện Kế hoạch số 5/KH."
SHA = "a" * 64


def _record(**changes: object) -> Record:
    task = Task(TEXT[:38], (0, 38), Party("Các xã", (3, 9)))
    report = Duty(
        "report",
        "Các xã báo cáo UBND huyện hằng quý",
        (3, 37),
        task=1,
        target=Party("UBND huyện", (18, 28), Organisation("Ủy ban nhân dân huyện Đức Trọng")),
        deadlines=(Deadline("periodic", "hằng quý", (29, 37), "2021-06-30", "P3M"),),
    )
    # A citation without issuer or year: kept as printed, linked later.
    cited = Citation("Kế hoạch số 5/KH", (49, 65), "Kế hoạch", "5/KH", relation="implements")
    record = Record(
        "a.txt",
        SHA,
        "utf-8",
        len(TEXT),
        tasks=(task,),
        citations=(cited,),
        duties=(Duty("task", task.text, task.span, task=1), report),
    )
    return dataclasses.replace(record, **changes)


def test_add_duties_keeps_every_field_but_the_registry() -> None:
    record = _record()
    without = build_record(dataclasses.replace(record, duties=()))
    assert without.citations  # the year-less citation is left to the link stage
    with_duties = add_duties(without, record)
    assert with_duties.citations == without.citations
    assert with_duties.graph == without.graph
    assert len(with_duties.statements.triples) > len(without.statements.triples)
    # the addressee's description joins the registry
    assert len(with_duties.registry) > len(without.registry)
    assert build_record(record).citations == without.citations


def test_duty_spans_are_ontology_span_kinds() -> None:
    g = Graph()
    for t in record_triples(_record()):
        g.add(t)
    props = {str(SPAN_KINDS[k].prop) for k in ("report_target", "deadline")}
    used = {str(p) for p in g.predicates() if str(p) in props}
    assert used == props
    assert {CHIDAO.reportTargetSpan, CHIDAO.deadlineSpan} <= {k.prop for k in SPAN_KINDS.values()}
    (c,) = set(g.subjects(CHIDAO.repeat, None))
    assert str(g.value(c, CHIDAO.repeat)) == "P3M"
    (span,) = set(g.objects(c, CHIDAO.deadlineSpan))
    assert str(span).endswith("#char=29,37")


def _ocr_record(tmp_path: Path) -> Record:
    text = "Số 12-CV/HU\n1. Các xã báo cáo."
    reading = Reading(text, "ocr", "tesseract 5.3.0", ((1, 91.5), (2, None)))
    task = Task(text[12:], (12, len(text)), Party("Các xã", (15, 21)))
    # The scan is gone: the spans' text can only come from the graph.
    return _record(source=str(tmp_path / "scan.pdf"), reading=reading, tasks=(task,), duties=())


def test_the_text_as_read_is_stored_once_on_the_file(tmp_path: Path) -> None:
    record = _ocr_record(tmp_path)
    g = Graph()
    for t in record_triples(record):
        g.add(t)
    file = URIRef(str(ids.file_iri(SHA)))
    assert str(g.value(file, NIF.isString)) == record.reading.text  # type: ignore[union-attr]
    assert len(list(g.triples((None, NIF.isString, None)))) == 1
    assert str(g.value(file, CHIDAO.readingMethod)) == "ocr"
    assert str(g.value(file, CHIDAO.readingEngine)) == "tesseract 5.3.0"
    pages = {
        int(g.value(p, CHIDAO.pageNumber)): g.value(p, CHIDAO.ocrConfidence)
        for p in g.subjects(DCTERMS.isPartOf, file)
    }
    assert set(pages) == {1, 2} and pages[2] is None
    assert float(pages[1]) == 91.5
    assert validate_graph(g) == []
    # a plain file stores no text
    plain = Graph()
    for t in record_triples(_record()):
        plain.add(t)
    assert not list(plain.triples((None, NIF.isString, None)))


def test_the_nif_view_reads_the_stored_text(tmp_path: Path) -> None:
    record = _ocr_record(tmp_path)
    store = OxigraphStore(tmp_path / "store")
    g = ids.graph_iri(record.sha256, record.source)
    store.write([GraphWrite(g, record_triples(record))])
    lines = "".join(nif_quads(store))
    store.close()
    assert '"Các xã"' in lines  # the assignee's span, spelt from the stored text
    assert '"1. Các xã báo cáo."' in lines


def test_values_from_the_page_or_inferred_are_marked() -> None:
    record = _record(
        number=Mention("12-CV/HU", (0, 8), origin="page"),
        date=Mention("2021-05-07", (10, 20)),
        place=Mention("Kiến Xương", None, origin="inferred"),
        issuer=Organisation(
            "Huyện ủy Kiến Xương", level="district", span=(30, 40), origin="inferred"
        ),
    )
    g = Graph()
    for t in record_triples(record):
        g.add(t)
    doc = URIRef(ids.record_doc_iri(record))
    assert {str(o) for o in g.objects(doc, CHIDAO.pageField)} == {"number"}
    assert {str(o) for o in g.objects(doc, CHIDAO.inferredField)} == {"place", "issuer"}
    # the value and its span are stated as for any other
    assert str(g.value(doc, SPAN_KINDS["number"].prop)).endswith("#char=0,8")
    # a document's own values say nothing more
    plain = Graph()
    for t in record_triples(_record(number=Mention("12-CV/HU", (0, 8)))):
        plain.add(t)
    assert not list(plain.triples((None, CHIDAO.pageField, None)))
    assert validate_graph(g) == []
