"""Record → RDF, compared with expected graphs built by hand (isomorphism, not text)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import _graph_records as R
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from chidao import __version__
from chidao.extract.records import AdminUnit, Citation, Mention, Organisation, Party, Record, Task
from chidao.graph.rdf import ids
from chidao.graph.rdf.build import (
    build_record,
    rdflib_triples,
    record_graph,
    record_statements,
    record_triples,
)
from chidao.ontology.namespaces import (
    BASE,
    CHIDAO,
    DCTERMS,
    ELI,
    NFO,
    NIF,
    ODRL2,
    ORG,
    PROV,
    RDF,
    RDFS,
    SKOS,
)
from chidao.ontology.vocabulary import SPAN_KINDS

# A plain Namespace: pytest's module introspection warns on rdflib's XSD object.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

SPAN_PROPS = [k.prop for k in SPAN_KINDS.values()]

TEXT = "HUYỆN ỦY X\nSố 12-CV/HU\nX, ngày 03 tháng 4 năm 2022\n"


def _record(tmp_path: Path, **fields) -> Record:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    sha = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    return Record(source=str(path), sha256=sha, encoding="utf-8", length=len(TEXT), **fields)


def _assert_iso(got: Graph, expected: Graph) -> None:
    if not isomorphic(got, expected):
        _both, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        pytest.fail(
            "graphs differ\nunexpected:\n"
            + "\n".join(sorted(" ".join(t.n3() for t in tr) for tr in only_got))
            + "\nmissing:\n"
            + "\n".join(sorted(" ".join(t.n3() for t in tr) for tr in only_expected))
        )


def _base(record: Record) -> Graph:
    """The triples every file's graph holds: the file (its IRI has its hash), the PROV trail,
    and the agent's description from the registry."""
    g = Graph()
    f = URIRef(BASE + "file/" + record.sha256)
    graph = ids.graph_iri(record.sha256, record.source)
    agent = URIRef(f"{BASE}agent/chidao/{__version__}")
    path = Path(record.source).resolve()
    for t in [
        (f, RDF.type, NFO.FileDataObject),
        (f, NFO.fileName, Literal("a.txt")),
        (f, NFO.fileUrl, URIRef(path.as_uri())),
        (f, NFO.encoding, Literal("utf-8")),
        (f, NIF.endIndex, Literal(len(TEXT), datatype=XSD.integer)),
        (graph, PROV.wasDerivedFrom, f),
        (graph, PROV.wasAttributedTo, agent),
        (agent, RDF.type, PROV.SoftwareAgent),
        (agent, RDFS.label, Literal(f"chidao {__version__}")),
    ]:
        g.add(t)
    return g


def _span(sha: str, b: int, e: int) -> URIRef:
    return URIRef(f"{BASE}file/{sha}#char={b},{e}")


def test_document_without_number_is_named_by_its_hash(tmp_path: Path) -> None:
    record = _record(tmp_path)
    expected = _base(record)
    doc = URIRef(f"{BASE}doc/sha256/{record.sha256}")
    expected.add((doc, RDF.type, ELI.LegalResource))
    expected.add((doc, RDF.type, CHIDAO.Directive))
    expected.add((doc, PROV.hadPrimarySource, URIRef(f"{BASE}file/{record.sha256}")))
    _assert_iso(record_graph(record), expected)
    # The agent is described in the registry, not in the file's graph.
    own = rdflib_triples(record_statements(record))
    assert (URIRef(f"{BASE}agent/chidao/{__version__}"), RDF.type, PROV.SoftwareAgent) not in own


def test_header_issuer_and_spans(tmp_path: Path) -> None:
    unit = AdminUnit("Huyện X", "district", code="001", province="Tỉnh Y")
    issuer = Organisation(
        "Huyện ủy X",
        parent="Tỉnh ủy Y",
        level="district",
        system="party",
        unit=unit,
        printed="HUYỆN ỦY X",
        span=(0, 10),
    )
    record = _record(
        tmp_path,
        number=Mention("12-CV/HU", (14, 22)),
        doc_type=Mention("Công văn"),
        issuer=issuer,
        date=Mention("2022-04-03", (26, 50), "ngày 03 tháng 4 năm 2022"),
    )
    sha = record.sha256
    expected = _base(record)
    doc = URIRef(f"{BASE}doc/huyen-uy-x.tinh-y/2022/12-cv-hu")
    org = URIRef(f"{BASE}org/huyen-uy-x.tinh-y")
    parent = URIRef(f"{BASE}org/tinh-uy-y")
    province, district = URIRef(f"{BASE}unit/tinh-y"), URIRef(f"{BASE}unit/tinh-y/huyen-x")
    doctype = URIRef(f"{BASE}doctype/cong-van")
    for t in [
        (doc, RDF.type, ELI.LegalResource),
        (doc, RDF.type, CHIDAO.Directive),
        (doc, ELI.number, Literal("12-CV/HU")),
        (doc, CHIDAO.numberKey, Literal("12-cv/hu")),
        (doc, ELI.type_document, doctype),
        (doctype, RDF.type, SKOS.Concept),
        (doctype, SKOS.inScheme, CHIDAO.DocumentTypeScheme),
        (doctype, SKOS.prefLabel, Literal("Công văn", lang="vi")),
        (doc, ELI.date_document, Literal("2022-04-03", datatype=XSD.date)),
        (doc, ELI.passed_by, org),
        (doc, PROV.hadPrimarySource, URIRef(f"{BASE}file/{sha}")),
        (org, RDF.type, ORG.Organization),
        (org, SKOS.prefLabel, Literal("Huyện ủy X", lang="vi")),
        (org, CHIDAO.level, CHIDAO.district),
        (org, CHIDAO.system, CHIDAO.party),
        (org, ORG.subOrganizationOf, parent),
        (parent, RDF.type, ORG.Organization),
        (parent, SKOS.prefLabel, Literal("Tỉnh ủy Y", lang="vi")),
        (org, DCTERMS.spatial, district),
        (province, RDF.type, CHIDAO.AdminUnit),
        (province, SKOS.prefLabel, Literal("Tỉnh Y", lang="vi")),
        (province, CHIDAO.level, CHIDAO.province),
        (district, RDF.type, CHIDAO.AdminUnit),
        (district, SKOS.prefLabel, Literal("Huyện X", lang="vi")),
        (district, CHIDAO.level, CHIDAO.district),
        (district, SKOS.broader, province),
        (district, SKOS.notation, Literal("001")),
    ]:
        expected.add(t)
    for b, e, prop in [
        (14, 22, CHIDAO.numberSpan),
        (26, 50, CHIDAO.dateSpan),
        (0, 10, CHIDAO.issuerSpan),
    ]:
        expected.add((doc, prop, _span(sha, b, e)))
    _assert_iso(record_graph(record), expected)
    # The file's own graph: no organisation, unit or type described in it.
    own = Graph()
    for t in rdflib_triples(record_statements(record)):
        own.add(t)
    assert not set(own.subjects(RDF.type, ORG.Organization))
    assert not set(own.subjects(RDF.type, CHIDAO.AdminUnit))
    assert (doc, ELI.passed_by, org) in own


def test_task_is_an_odrl_duty_with_deadline(tmp_path: Path) -> None:
    gov = Organisation("Chính phủ", level="central", system="state")
    ministry = Organisation("Bộ Y tế", level="central", system="state")
    record = _record(
        tmp_path,
        number=Mention("12-CV/HU"),
        issuer=gov,
        date=Mention("2022-04-03"),
        tasks=(
            Task(
                "1. Bộ Y tế khẩn trương",
                (30, 52),
                label="1.",
                assignee=Party("Bộ Y tế", (33, 40), resolved=ministry),
                deadline="2022-05-01",
            ),
        ),
    )
    sha, graph = record.sha256, ids.graph_iri(record.sha256, record.source)
    got = record_graph(record)
    doc = URIRef(f"{BASE}doc/chinh-phu/2022/12-cv-hu")
    duty, deadline = URIRef(f"{graph}#task-1"), URIRef(f"{graph}#task-1-deadline")
    expected = Graph()
    for t in [
        (doc, ODRL2.obligation, duty),
        (duty, DCTERMS.description, Literal("1. Bộ Y tế khẩn trương", lang="vi")),
        (duty, ODRL2.assignee, URIRef(f"{BASE}org/bo-y-te")),
        (duty, ODRL2.constraint, deadline),
        (deadline, ODRL2.rightOperand, Literal("2022-05-01", datatype=XSD.date)),
    ]:
        expected.add(t)
    text_span, who = _span(sha, 30, 52), _span(sha, 33, 40)
    expected.add((duty, CHIDAO.taskSpan, text_span))
    expected.add((duty, CHIDAO.assigneeSpan, who))
    task_part = Graph()
    nodes = {duty, deadline, text_span, who}
    for s, p, o in got:
        if s in nodes or (s == doc and p == ODRL2.obligation):
            task_part.add((s, p, o))
    _assert_iso(task_part, expected)


def _citation(**kw) -> Citation:
    base = dict(surface="Nghị quyết 68/NQ-CP", span=(5, 24), doc_type="Nghị quyết")
    return Citation(**(base | kw))


def test_citation_of_a_document_not_in_the_corpus(tmp_path: Path) -> None:
    gov = Organisation("Chính phủ", level="central", system="state")
    c = _citation(number="68/NQ-CP", date="2021-07-01", issuer=gov, relation="implements")
    record = _record(tmp_path, citations=(c,))
    got = record_graph(record)
    citing = URIRef(f"{BASE}doc/sha256/{record.sha256}")
    cited = URIRef(f"{BASE}doc/chinh-phu/2021/68-nq-cp")
    mention = URIRef(f"{BASE}file/{record.sha256}#char=5,24")
    assert (citing, ELI.ensures_implementation_of, cited) in got
    assert (cited, CHIDAO.citationSpan, mention) in got
    described = Graph()
    for t in got.triples((cited, None, None)):
        described.add(t)
    expected = Graph()
    for t in [
        (cited, CHIDAO.citationSpan, mention),
        (cited, RDF.type, ELI.LegalResource),
        (cited, ELI.number, Literal("68/NQ-CP")),
        (cited, CHIDAO.numberKey, Literal("68/nq-cp")),
        (cited, ELI.type_document, URIRef(f"{BASE}doctype/nghi-quyet")),
        (cited, ELI.date_document, Literal("2021-07-01", datatype=XSD.date)),
        (cited, ELI.passed_by, URIRef(f"{BASE}org/chinh-phu")),
    ]:
        expected.add(t)
    # No prov:hadPrimarySource: that absence is what marks it as known only from citations.
    _assert_iso(described, expected)


@pytest.mark.parametrize(
    ("found", "target", "candidates"),
    [
        ([], "doc/_/_/68-nq-cp", []),
        (
            ["https://w3id.org/chidao/doc/chinh-phu/2021/68-nq-cp"],
            "doc/chinh-phu/2021/68-nq-cp",
            [],
        ),
        (
            [
                "https://w3id.org/chidao/doc/chinh-phu/2021/68-nq-cp",
                "https://w3id.org/chidao/doc/chinh-phu/2022/68-nq-cp",
            ],
            "doc/_/_/68-nq-cp",
            ["doc/chinh-phu/2021/68-nq-cp", "doc/chinh-phu/2022/68-nq-cp"],
        ),
    ],
    ids=["unknown", "one-match", "ambiguous"],
)
def test_year_less_citation_resolves_or_stays_ambiguous(
    tmp_path: Path, found: list[str], target: str, candidates: list[str]
) -> None:
    record = _record(tmp_path, citations=(_citation(number="68/NQ-CP", relation="based_on"),))
    built = build_record(record)
    assert [c.key for c in built.citations] == ["68/nq-cp"]
    assert (URIRef(f"{BASE}doc/sha256/{record.sha256}"), ELI.based_on, None) not in Graph().parse(
        data="".join(f"{s} {p} {o} .\n" for s, p, o in built.statements.triples), format="nt"
    )  # the file's own graph does not decide what a year-less number is
    got = record_graph(record, {"68/nq-cp": found})
    citing = URIRef(f"{BASE}doc/sha256/{record.sha256}")
    mention = URIRef(f"{BASE}file/{record.sha256}#char=5,24")
    assert set(got.objects(citing, ELI.based_on)) == {URIRef(BASE + target)}
    assert sorted(got.objects(mention, CHIDAO.candidate)) == [URIRef(BASE + c) for c in candidates]
    assert ((mention, CHIDAO.ambiguous, Literal(True)) in got) == (len(candidates) > 1)
    # The placeholder, described as read, carries the number and its key.
    placeholder = URIRef(BASE + "doc/_/_/68-nq-cp")
    assert got.value(placeholder, ELI.number) == Literal("68/NQ-CP")
    assert got.value(placeholder, CHIDAO.numberKey) == Literal("68/nq-cp")


def test_citation_with_issuer_and_year_needs_no_lookup(tmp_path: Path) -> None:
    gov = Organisation("Chính phủ", level="central", system="state")
    c = _citation(number="68/NQ-CP", year=2021, issuer=gov)

    record = _record(tmp_path, citations=(c,))
    built = build_record(record)
    assert built.citations == ()  # nothing left to link
    assert (
        URIRef(f"{BASE}doc/sha256/{record.sha256}"),
        ELI.cites,
        URIRef(f"{BASE}doc/chinh-phu/2021/68-nq-cp"),
    ) in rdflib_triples(built.statements)


def test_same_citation_from_two_documents_meets_at_one_node() -> None:
    a, b = R.song_hinh(), R.bac_kan()
    cited = URIRef(f"{BASE}doc/chinh-phu/2021/68-nq-cp")
    for record in (a, b):
        doc = ids.record_doc_iri(record)
        assert (doc, ELI.ensures_implementation_of, cited) in record_graph(record)


def test_ended_unit_has_a_change_event(tmp_path: Path) -> None:
    unit = AdminUnit("Huyện X", "district", province="Tỉnh Y", valid_until="2025-06-30")
    org = Organisation("Huyện ủy X", level="district", system="party", unit=unit)
    got = record_graph(_record(tmp_path, issuer=org))
    event = URIRef(f"{BASE}event/reorganisation/2025-07-01")
    district = URIRef(f"{BASE}unit/tinh-y/huyen-x")
    assert (event, RDF.type, ORG.ChangeEvent) in got
    assert (district, PROV.wasInvalidatedBy, event) in got
    assert (URIRef(f"{BASE}org/huyen-uy-x.tinh-y"), ORG.changedBy, event) in got
    ended = got.value(district, PROV.invalidatedAtTime)
    assert str(ended) == "2025-07-01T00:00:00+07:00"


def test_organisation_iris_are_canonical() -> None:
    lam_dong = AdminUnit("Huyện Bảo Lâm", "district", province="Tỉnh Lâm Đồng")
    cao_bang = AdminUnit("Huyện Bảo Lâm", "district", province="Tỉnh Cao Bằng")
    a = Organisation("Ủy ban nhân dân huyện Bảo Lâm", level="district", unit=lam_dong)
    b = Organisation("Uỷ ban nhân dân huyện Bảo Lâm", level="district", unit=lam_dong)
    c = Organisation("Ủy ban nhân dân huyện Bảo Lâm", level="district", unit=cao_bang)
    assert ids.org_iri(a) == ids.org_iri(b)  # old and new tone placement
    assert ids.org_iri(a) != ids.org_iri(c)  # two districts of the same name
    phong = Organisation(
        "Phòng Y tế huyện Bảo Lâm",
        parent="Ủy ban nhân dân huyện Bảo Lâm",
        level="district",
        unit=lam_dong,
    )
    assert ids.parent_iri(phong) == ids.org_iri(a)


def test_hand_built_sample_spans_point_at_their_text() -> None:
    record = R.song_hinh()
    text = R.SONG_HINH.read_text(encoding="utf-8")
    g = record_graph(record)
    checked = 0
    for org, m in g.subject_objects(CHIDAO.addresseeSpan):
        b, e = map(int, str(m).rsplit("=", 1)[1].split(","))
        party = [p for p in record.recipients if p.span == (b, e)]
        assert party and text[b:e] == party[0].name
        if party[0].resolved is not None:
            assert org == ids.org_iri(party[0].resolved)
        else:  # a name not resolved: the document holds the span, which keeps the name
            assert org == ids.record_doc_iri(record)
            assert g.value(m, NIF.anchorOf) == Literal(party[0].name)
        checked += 1
    assert checked == 3


def test_triples_have_no_duplicates_and_no_blank_nodes() -> None:
    triples = record_triples(R.song_hinh())
    assert len(triples) == len(set(triples))
    assert not any(t.__class__.__name__ == "BNode" for tr in triples for t in tr)


def test_real_extraction_of_samples_keeps_spans_inside_the_file() -> None:
    from chidao.extract.batch import extract_file

    for path in sorted(R.SAMPLES.glob("*.txt")):
        record = extract_file(path)
        g = record_graph(record)
        f = ids.file_iri(record.sha256)
        assert (ids.record_doc_iri(record), PROV.hadPrimarySource, f) in g
        spans = [m for p in SPAN_PROPS for m in g.objects(None, p)]
        assert spans, path.name
        for m in spans:
            where, offsets = str(m).split("#char=")
            b, e = map(int, offsets.split(","))
            assert 0 <= b < e <= record.length, (path.name, m)
            assert URIRef(where) == f


def test_ingested_documents_with_a_partial_key_are_never_merged(tmp_path: Path) -> None:
    # Two files both numbered "12/UBND" with no issuer or date found: two documents, not one.
    a = _record(tmp_path, number=Mention("12/UBND"))
    b = Record(**{**{f: getattr(a, f) for f in a.__dataclass_fields__}, "sha256": "e" * 64})
    assert ids.record_doc_iri(a) != ids.record_doc_iri(b)
    assert str(ids.record_doc_iri(a)) == f"{BASE}doc/sha256/{a.sha256}"


def test_number_key_is_the_lookup_key_of_the_number(tmp_path: Path) -> None:
    record = _record(tmp_path, number=Mention("Số 12/CĐ – UBND"))
    g = record_graph(record)
    doc = ids.record_doc_iri(record)
    assert g.value(doc, CHIDAO.numberKey) == Literal(ids.number_lookup_key("12/CD-UBND"))


def test_text_that_needs_escaping_reads_back_unchanged(tmp_path: Path) -> None:
    # Quotes, backslashes and line breaks in printed text must neither break the N-Triples
    # statements nor change the literal (regression: the builder writes the text itself).
    anchor = 'Theo "Kế hoạch" số 5\\KH\nngày\r\t1'
    c = _citation(surface=anchor, number="5\\KH")
    record = _record(tmp_path, citations=(c,))
    g = record_graph(record)
    assert Literal("5\\KH") in set(g.objects(None, ELI.number))
    # A party that was not resolved keeps its printed name on its span.
    party = Party(anchor, (5, 24))
    g = record_graph(_record(tmp_path, recipients=(party,)))
    mention = URIRef(f"{BASE}file/{record.sha256}#char=5,24")
    assert g.value(mention, NIF.anchorOf) == Literal(anchor)


def test_statements_and_rdflib_triples_are_one_graph() -> None:
    record = R.song_hinh()
    built = build_record(record)
    statements = built.statements
    assert rdflib_triples(built.all_statements()) == record_triples(record)
    assert len(statements) == len(set(statements.triples))
    # The registry graphs are named by their statements: the same description, the same graph.
    again = build_record(R.bac_kan())
    shared = {p.graph for p in built.registry} & {p.graph for p in again.registry}
    assert URIRef(f"{BASE}org/chinh-phu") in {URIRef(p.iri) for p in built.registry}
    assert any(URIRef(p.iri) == URIRef(f"{BASE}org/chinh-phu") for p in again.registry)
    assert shared
    # Every IRI but vocabulary terms is listed, for the store to check.
    minted = {t[1:-1] for st in statements.triples for t in (st[0], st[2]) if t.startswith("<")}
    vocabulary = str(CHIDAO._NS)
    ours = {i for i in minted if i.startswith((BASE, "file:")) and not i.startswith(vocabulary)}
    assert ours and ours <= set(statements.iris)
