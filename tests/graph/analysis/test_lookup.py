"""Document and organisation lookups against a real (in-memory) Oxigraph store."""

from __future__ import annotations

import doctest

import pytest
from rdflib import Literal, URIRef

from chidao.errors import QueryError
from chidao.graph.analysis import lookup as lookup_mod
from chidao.graph.analysis.lookup import (
    documents_by_number,
    find_organisation,
    find_organisations,
    reference_kind,
    resolve_document,
)
from chidao.graph.rdf.ids import number_lookup_key as number_key
from chidao.graph.store.oxigraph import GraphWrite, OxigraphStore
from chidao.ontology import namespaces as ns


def test_doctests() -> None:
    result = doctest.testmod(lookup_mod)
    assert result.attempted > 0 and result.failed == 0


ORG_GOV = URIRef(ns.BASE + "org/chinh-phu")
ORG_BK = URIRef(ns.BASE + "org/tinh-uy-bac-kan")
ORG_PY = URIRef(ns.BASE + "org/tinh-uy-phu-yen")
ORG_BL_LD = URIRef(ns.BASE + "org/huyen-uy-bao-lam.tinh-lam-dong")
ORG_BL_CB = URIRef(ns.BASE + "org/huyen-uy-bao-lam.tinh-cao-bang")
ORG_UB = URIRef(ns.BASE + "org/uy-ban-nhan-dan-tinh-thai-binh")
ORG_UBH = URIRef(ns.BASE + "org/uy-ban-nhan-dan-huyen-bao-lam.tinh-lam-dong")


def _doc(iri, number, *, date=None, year=None, issuer=None, file=None):
    d = URIRef(ns.BASE + "doc/" + iri)
    out = [(d, ns.RDF.type, ns.ELI.LegalResource), (d, ns.ELI.number, Literal(number))]
    if date:
        out.append((d, ns.ELI.date_document, Literal(date, datatype=ns.XSD.date)))
    if year:
        out.append((d, ns.DCTERMS.date, Literal(str(year), datatype=ns.XSD.gYear)))
    if issuer is not None:
        out.append((d, ns.ELI.passed_by, issuer))
    if file:
        f = URIRef(ns.BASE + "file/" + file)
        out += [(d, ns.PROV.hadPrimarySource, f), (f, ns.NFO.fileName, Literal(file))]
    return out


def _org(iri, name):
    return [
        (iri, ns.RDF.type, ns.ORG.Organization),
        (iri, ns.SKOS.prefLabel, Literal(name, lang="vi")),
    ]


def _keyed(triples: list) -> list:
    """``triples`` plus the number key of every numbered document, as ingest writes it."""
    keys = [
        (d, ns.CHIDAO.numberKey, Literal(number_key(str(n))))
        for d, p, n in triples
        if p == ns.ELI.number
    ]
    return triples + keys


# Every test runs on a store as ingest writes it now (numbers found by their key,
# one index look-up) and on one written before the key existed (every number scanned).
@pytest.fixture(params=["keyed", "unkeyed"])
def store(request: pytest.FixtureRequest) -> OxigraphStore:
    s = OxigraphStore(None)
    triples = [
        *_org(ORG_GOV, "Chính phủ"),
        *_org(ORG_BK, "Tỉnh ủy Bắc Kạn"),
        *_org(ORG_PY, "Tỉnh ủy Phú Yên"),
        *_org(ORG_BL_LD, "Huyện ủy Bảo Lâm"),
        *_org(ORG_BL_CB, "Huyện ủy Bảo Lâm"),
        *_org(ORG_UB, "Ủy ban nhân dân tỉnh Thái Bình"),
        *_org(ORG_UBH, "Ủy ban nhân dân huyện Bảo Lâm"),
        *_doc("chinh-phu/2021/68-nq-cp", "68/NQ-CP", date="2021-07-01", issuer=ORG_GOV),
        # numbers restart every year, and every issuer has its own series
        *_doc(
            "tinh-uy-bac-kan/2021/309-cv-tu",
            "309-CV/TU",
            date="2021-07-20",
            issuer=ORG_BK,
            file="002_5bba84921d00a5fa.txt",
        ),  # fmt: skip
        *_doc("tinh-uy-bac-kan/2022/309-cv-tu", "309-CV/TU", year=2022, issuer=ORG_BK),
        *_doc("tinh-uy-phu-yen/2021/309-cv-tu", "309-CV/TU", date="2021-03-02", issuer=ORG_PY),
        *_doc(
            "uy-ban-nhan-dan-tinh-thai-binh/2021/05-cd-ubnd",
            "05/CĐ-UBND",
            date="2021-05-05",
            issuer=ORG_UB,
        ),  # fmt: skip
        # a citation without issuer or year, and the real document it may be
        *_doc("_/_/15-ct-ttg", "15/CT-TTg"),
        *_doc("_/_/125-kl-tu", "125-KL/TU"),
        *_doc("tinh-uy-phu-yen/2021/125-kl-tu", "125-KL/TU", date="2021-09-05", issuer=ORG_PY),
        # a number opening with letters: an accent there must not hide it
        *_doc("uy-ban-nhan-dan-tinh-thai-binh/2020/qd-12-ubnd", "QĐ-12/UBND", year=2020),
    ]
    if request.param == "keyed":
        triples = _keyed(triples)
    s.write([GraphWrite(URIRef("urn:test:graph"), triples)])
    return s


def test_reference_kind() -> None:
    assert reference_kind("309-CV/TU") == "number"
    assert reference_kind("data/samples/004_44141d7364da2aa0.TXT") == "file"
    assert reference_kind("https://w3id.org/chidao/doc/x") == "iri"
    assert reference_kind("urn:x") == "iri"


def test_resolve_number_variants(store) -> None:
    gov = ns.BASE + "doc/chinh-phu/2021/68-nq-cp"
    for ref in ("68/NQ-CP", "68/nq-cp", "Số 68 / NQ-CP"):
        assert resolve_document(store, ref) == gov
    ub = ns.BASE + "doc/uy-ban-nhan-dan-tinh-thai-binh/2021/05-cd-ubnd"
    assert resolve_document(store, "05/CD-UBND") == ub
    assert resolve_document(store, "05/cđ-ubnd") == ub
    qd = ns.BASE + "doc/uy-ban-nhan-dan-tinh-thai-binh/2020/qd-12-ubnd"
    assert resolve_document(store, "QD-12/UBND") == qd
    assert resolve_document(store, "qđ-12 / ubnd") == qd


def test_ambiguous_number_lists_candidates(store) -> None:
    with pytest.raises(QueryError) as err:
        resolve_document(store, "309-CV/TU")
    msg = str(err.value)
    assert "ambiguous: 3 documents match" in msg
    for iri in (
        "tinh-uy-bac-kan/2021/309-cv-tu",
        "tinh-uy-bac-kan/2022/309-cv-tu",
        "tinh-uy-phu-yen/2021/309-cv-tu",
    ):
        assert ns.BASE + "doc/" + iri in msg
    assert "002_5bba84921d00a5fa.txt" in msg and "known only from citations" in msg
    # narrowing: by year, by issuer (accent-blind), by both
    with pytest.raises(QueryError, match="2 documents match"):
        resolve_document(store, "309-CV/TU", year=2021)
    with pytest.raises(QueryError, match="2 documents match"):
        resolve_document(store, "309-CV/TU", issuer="bac kan")
    assert resolve_document(store, "309-CV/TU", issuer="Bắc Kạn", year=2022).endswith(
        "/2022/309-cv-tu"
    )
    assert resolve_document(store, "309-cv/tu", issuer="Phú Yên").startswith(
        ns.BASE + "doc/tinh-uy-phu-yen/"
    )
    with pytest.raises(QueryError, match="no document numbered '309-CV/TU' issuer 'Hà Nội'"):
        resolve_document(store, "309-CV/TU", issuer="Hà Nội")


def test_placeholders(store) -> None:
    # the placeholder gives way to the complete document with that number
    assert [c.iri for c in documents_by_number(store, "125-KL/TU")] == [
        ns.BASE + "doc/tinh-uy-phu-yen/2021/125-kl-tu"
    ]
    # a placeholder alone is what the store knows
    assert resolve_document(store, "15/CT-TTg") == ns.BASE + "doc/_/_/15-ct-ttg"


def test_resolve_file_name(store) -> None:
    want = ns.BASE + "doc/tinh-uy-bac-kan/2021/309-cv-tu"
    assert resolve_document(store, "002_5bba84921d00a5fa.txt") == want
    assert resolve_document(store, "data/samples/002_5bba84921d00a5fa.txt") == want
    with pytest.raises(QueryError, match="no document read from file 'nope.txt'"):
        resolve_document(store, "nope.txt")


def test_resolve_iri(store) -> None:
    iri = ns.BASE + "doc/chinh-phu/2021/68-nq-cp"
    assert resolve_document(store, iri) == iri
    with pytest.raises(QueryError, match="no document with IRI"):
        resolve_document(store, str(ORG_GOV))  # an organisation, not a document


HOSTILE = [
    '68"}/NQ-CP',
    "68'/NQ-CP",
    '"} . ?s ?p ?o } #',
    "68/NQ-CP\\",
    '309-CV/TU" ; DROP ALL ; "',
    "} UNION { ?d ?p ?o",
    "68/NQ-CP\n}",
]


@pytest.mark.parametrize("ref", HOSTILE)
def test_no_injection_in_numbers(store, ref: str) -> None:
    before = store.triple_count()
    with pytest.raises(QueryError) as err:
        resolve_document(store, ref)
    assert str(err.value).startswith("no document numbered")
    assert store.triple_count() == before


@pytest.mark.parametrize(
    "ref",
    [
        ns.BASE + 'doc/x"} . ?s ?p ?o',
        ns.BASE + "doc/x> ?p ?o } #",
        "https://e/x}\\u0022",
    ],
)
def test_no_injection_in_iris(store, ref: str) -> None:
    with pytest.raises(QueryError, match="no document with IRI"):
        resolve_document(store, ref)


def test_no_injection_in_file_names(store) -> None:
    with pytest.raises(QueryError, match="no document read from file"):
        resolve_document(store, 'x"} UNION {?d ?p ?o}.txt')


def test_resolve_organisation(store) -> None:
    assert find_organisation(store, "Chính phủ") == str(ORG_GOV)
    assert find_organisation(store, "chinh phu") == str(ORG_GOV)
    assert find_organisation(store, "UBND tỉnh Thái Bình") == str(ORG_UB)
    assert find_organisation(store, str(ORG_BK)) == str(ORG_BK)
    with pytest.raises(QueryError) as err:
        find_organisation(store, "Huyện ủy Bảo Lâm")
    assert str(ORG_BL_LD) in str(err.value) and str(ORG_BL_CB) in str(err.value)
    assert find_organisation(store, "Huyện ủy Bảo Lâm Lâm Đồng") == str(ORG_BL_LD)
    assert find_organisation(store, "huyen uy bao lam cao bang") == str(ORG_BL_CB)
    # the words in a row beat the same words scattered ("Ủy ban nhân dân huyện …")
    assert [c.iri for c in find_organisations(store, "Huyện ủy")] == [
        str(ORG_BL_CB),
        str(ORG_BL_LD),
    ]
    assert find_organisation(store, "UBND huyện Bảo Lâm") == str(ORG_UBH)
    for hostile in ('"} ?s ?p ?o', ns.BASE + 'org/x"}', "nobody"):
        with pytest.raises(QueryError, match="no organisation"):
            find_organisation(store, hostile)


def test_a_document_repeated_by_many_files_is_one_candidate() -> None:
    # Regression: the union of the files' graphs repeats a triple once per graph,
    # and a query joining several such patterns multiplied them (25 files → 25^6 rows).
    s = OxigraphStore(None)
    gov = ns.BASE + "doc/chinh-phu/2021/68-nq-cp"
    batch = [
        GraphWrite(
            URIRef(f"urn:test:file{i}"),
            [
                *_org(ORG_GOV, "Chính phủ"),
                *_doc(
                    "chinh-phu/2021/68-nq-cp",
                    "68/NQ-CP",
                    date="2021-07-01",
                    year=2021,
                    issuer=ORG_GOV,
                ),  # fmt: skip
            ],
        )
        for i in range(25)
    ]
    s.write(batch)
    found = documents_by_number(s, "68/NQ-CP")
    assert [(c.iri, c.issuer_name, c.date, c.year) for c in found] == [
        (gov, "Chính phủ", "2021-07-01", 2021)
    ]
    assert [c.iri for c in find_organisations(s, "Chính phủ")] == [str(ORG_GOV)]


def test_numbers_are_found_by_their_key_without_a_scan() -> None:
    # The key decides, not the printed number: a document keyed "68/nq-cp" is found
    # however its number was printed, and a number with no key is not scanned for
    # once the index finds anything.
    s = OxigraphStore(None)
    odd = _doc("chinh-phu/2021/68-nq-cp", "Số 68 /NQ – CP", date="2021-07-01", issuer=ORG_GOV)
    odd.append((URIRef(ns.BASE + "doc/chinh-phu/2021/68-nq-cp"), ns.CHIDAO.numberKey,
                Literal("68/nq-cp")))  # fmt: skip
    unkeyed = _doc("chinh-phu/2022/68-nq-cp", "68/NQ-CP", date="2022-01-01", issuer=ORG_GOV)
    s.write([GraphWrite(URIRef("urn:test:g"), [*_org(ORG_GOV, "Chính phủ"), *odd, *unkeyed])])
    assert [c.iri for c in documents_by_number(s, "68/NQ-CP")] == [
        ns.BASE + "doc/chinh-phu/2021/68-nq-cp"
    ]
    # a number the index does not know falls back to comparing every stored number
    s.write([GraphWrite(URIRef("urn:test:h"), _doc("x/2021/9-kh", "9/KH", year=2021))])
    assert [c.iri for c in documents_by_number(s, "9/kh")] == [ns.BASE + "doc/x/2021/9-kh"]


def test_issuer_name_is_the_one_the_graph_gives_the_organisation() -> None:
    # An issuer described with several names is named by the least of them, as the
    # loaders name it, whatever order the store lists them in.
    from chidao.graph.analysis.load import load_graph

    s = OxigraphStore(None)
    doc = _doc("chinh-phu/2021/68-nq-cp", "68/NQ-CP", issuer=ORG_GOV)
    s.write(
        [
            GraphWrite(URIRef("urn:test:a"), _keyed([*_org(ORG_GOV, "Chính phủ"), *doc])),
            *(
                GraphWrite(URIRef(f"urn:test:b{i}"), _org(ORG_GOV, f"Chính phủ ({i})"))
                for i in range(5)
            ),
        ]
    )
    (found,) = documents_by_number(s, "68/NQ-CP")
    assert found.issuer_name == load_graph(s).nodes[str(ORG_GOV)]["name"]
    assert found.issuer_name == "Chính phủ"
    assert documents_by_number(s, "68/NQ-CP", issuer=found.issuer_name) == [found]
