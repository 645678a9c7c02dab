"""Every saved query in data/queries runs against the sample stores and returns rows."""

from __future__ import annotations

import re
from pathlib import Path

import _graph_records as R
import pytest
from _letters import DATED, YEARLESS, write_letters
from rdflib import Literal
from rdflib.term import Node

from chidao.graph.ingest.ingest import ingest
from chidao.graph.rdf.sparql_text import bind_values
from chidao.graph.store.oxigraph import OxigraphStore
from chidao.graph.store.results import load_query, saved_queries
from chidao.graph.store.stats import COUNTS

QUERIES = saved_queries()


@pytest.fixture(scope="module")
def hand_store() -> OxigraphStore:
    return R.hand_store()


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    store = OxigraphStore(tmp_path_factory.mktemp("samples") / "store")
    ingest([R.SAMPLES], store)
    return store


def test_the_users_questions_have_saved_queries() -> None:
    assert {
        "implementing-documents",
        "instructions-received",
        "tasks-by-organisation",
        "cited-not-in-corpus",
    } <= set(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_saved_query_is_commented(name: str) -> None:
    text = QUERIES[name].read_text(encoding="utf-8")
    assert text.startswith("# "), "a saved query opens with a comment saying what it answers"


# Read while another process writes the store (a read-only open beside an ingest), a pattern
# in a constant graph (`GRAPH <…graph/cited-only> { ?d a ?t }`, even one no store holds) made
# the reader's memory run past 4 GB in 1 run of 3 of tests/graph/store/test_store_concurrent.py;
# over the union it never did (22 runs of that test, 32 of a harness reading the list so).
# The queries a user runs during an ingest name no graph.
_CONSTANT_GRAPH = re.compile(r"\bGRAPH\s*<", re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_saved_query_names_no_constant_graph(name: str) -> None:
    text = QUERIES[name].read_text(encoding="utf-8")
    assert not _CONSTANT_GRAPH.search(text)


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_stats_query_names_no_constant_graph(name: str) -> None:
    assert not _CONSTANT_GRAPH.search(COUNTS[name])


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_saved_query_returns_rows_on_the_hand_built_samples(
    name: str, hand_store: OxigraphStore
) -> None:
    result = hand_store.query(load_query(f"@{name}"))
    rows = list(result.rows)
    assert rows, f"{name} returned no rows"
    assert all(len(row) == len(result.variables) for row in rows)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_saved_query_returns_rows_on_the_extracted_samples(
    name: str, sample_store: OxigraphStore
) -> None:
    assert list(sample_store.query(load_query(f"@{name}")).rows), f"{name} returned no rows"


def test_implementing_documents_of_one_document(hand_store: OxigraphStore) -> None:
    result = hand_store.query(
        load_query("@implementing-documents"), {"implemented_number": Literal("68/NQ-CP")}
    )
    rows = [dict(zip(result.variables, map(str, row), strict=True)) for row in result.rows]
    assert {(r["number"], r["level"], r["lag_days"]) for r in rows} == {
        ("281-CV/HU", "district", "67"),
        ("309-CV/TU", "province", "19"),
    }


def test_cited_not_in_corpus_counts_citing_documents(hand_store: OxigraphStore) -> None:
    result = hand_store.query(load_query("@cited-not-in-corpus"))
    got = {str(row[0]): int(row[3]) for row in result.rows}
    assert got == {"68/NQ-CP": 2, "125-KL/TU": 1}


def test_tasks_by_organisation_gives_the_span(hand_store: OxigraphStore) -> None:
    result = hand_store.query(load_query("@tasks-by-organisation"))
    rows = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
    assert len(rows) == 1
    text = R.SONG_HINH.read_text(encoding="utf-8")
    row = rows[0]
    assert str(row["assignee"]) == "Ủy ban nhân dân huyện Sông Hinh"
    assert text[int(row["begin"]) : int(row["end"])] == str(row["task"])


def test_a_query_file_path_works(tmp_path: Path, hand_store: OxigraphStore) -> None:
    q = tmp_path / "q.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    assert int(next(hand_store.query(load_query(f"@{q}")).rows)[0]) > 0


def _rows(store: OxigraphStore, name: str) -> list[tuple[str, ...]]:
    result = store.query(load_query(f"@{name}"))
    return [tuple("" if v is None else str(v) for v in row) for row in result.rows]


def test_saved_queries_give_the_same_answers_on_the_samples(sample_store: OxigraphStore) -> None:
    # The answers of the queries as they were before the lean model (issue 18), on the same
    # five samples: each document counted once, however many files describe it.
    assert _rows(sample_store, "documents-by-level") == [
        ("central", "state", "0", "2"),
        ("district", "party", "4", "0"),
        ("province", "party", "1", "2"),
        ("province", "state", "0", "1"),
    ]
    assert _rows(sample_store, "cited-not-in-corpus") == [
        ("68/NQ-CP", "Chính phủ", "2021-07-01", "2", "2021-07-20"),
        ("05/CĐ-UBND", "Ủy ban nhân dân tỉnh Thái Bình", "2021-05-05", "1", "2021-05-07"),
        ("125-KL/TU", "Tỉnh ủy Phú Yên", "2021-09-05", "1", "2021-09-06"),
        ("135-TB/TU", "Tỉnh ủy Thái Bình", "2021-05-06", "1", "2021-05-07"),
        ("15/CT-TTg", "Thủ tướng Chính phủ", "", "1", "2021-05-07"),
    ]
    # A page of implemented numbers now: unbound, three of them; bound, the one asked for.
    numbers = ("05/CĐ-UBND", "125-KL/TU", "135-TB/TU", "15/CT-TTg", "68/NQ-CP")
    page = {r[0] for r in _rows(sample_store, "implementing-documents")}
    assert len(page) == 3 and page <= set(numbers)
    query = load_query("@implementing-documents")
    implementing = [
        tuple("" if v is None else str(v) for v in row)
        for number in numbers
        for row in sample_store.query(query, {"implemented_number": Literal(number)}).rows
    ]
    assert [(r[0], r[1], r[5], r[6]) for r in implementing] == [
        ("05/CĐ-UBND", "114-CV/HU", "implements", "2"),
        ("125-KL/TU", "281-CV/HU", "implements", "1"),
        ("135-TB/TU", "114-CV/HU", "implements", "1"),
        ("15/CT-TTg", "114-CV/HU", "implements", ""),
        ("68/NQ-CP", "309-CV/TU", "implements", "19"),
        ("68/NQ-CP", "281-CV/HU", "implements", "67"),
    ]


# --- the rewrites for speed (10^5 documents) give the answers of the queries they replace ---
#: The saved queries as they were before they were rewritten to answer in under a second on
#: 10^5 documents (same columns and meaning), with the lean model's two changes (the assigner is
#: the document's eli:passed_by; a deadline has no odrl:leftOperand): the rewrites must give
#: the same rows.
OLD_QUERIES = {
    "documents-by-level": """
PREFIX eli:     <http://data.europa.eu/eli/ontology#>
PREFIX org:     <http://www.w3.org/ns/org#>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX chidao:  <https://w3id.org/chidao/ontology#>

SELECT ?level ?system (SUM(?ingested) AS ?in_corpus) (COUNT(?doc) - SUM(?ingested) AS ?cited_only)
WHERE {
  {
    SELECT ?doc (MAX(?own) AS ?ingested) (MIN(?by) AS ?issuer) (MIN(?own_by) AS ?own_issuer)
    WHERE {
      { SELECT DISTINCT ?doc WHERE { ?doc a eli:LegalResource } }
      OPTIONAL { ?doc prov:hadPrimarySource ?source }
      OPTIONAL { GRAPH ?g { ?doc eli:passed_by ?by . OPTIONAL { ?doc prov:hadPrimarySource ?f } } }
      BIND (IF(BOUND(?source), 1, 0) AS ?own)
      BIND (IF(BOUND(?f), ?by, ?unbound) AS ?own_by)
    }
    GROUP BY ?doc
  }
  # (an unbound ?body would match every row of the OPTIONAL below)
  BIND (COALESCE(?own_issuer, ?issuer, <urn:chidao:no-issuer>) AS ?body)
  OPTIONAL {
    SELECT ?body (MIN(?l) AS ?level_iri) (MIN(?s) AS ?system_iri) WHERE {
      ?body a org:Organization .
      OPTIONAL { ?body chidao:level ?l }
      OPTIONAL { ?body chidao:system ?s }
    }
    GROUP BY ?body
  }
  BIND (COALESCE(STRAFTER(STR(?level_iri), "#"), "unknown") AS ?level)
  BIND (COALESCE(STRAFTER(STR(?system_iri), "#"), "unknown") AS ?system)
}
GROUP BY ?level ?system
ORDER BY ?level ?system
""",
    "citations-of-documents-not-in-force": """
PREFIX eli:     <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd:     <http://www.w3.org/2001/XMLSchema#>
PREFIX prov:    <http://www.w3.org/ns/prov#>

SELECT ?as_of ?citing ?number (COUNT(DISTINCT ?cited) AS ?cites)
       (COUNT(DISTINCT ?stale) AS ?not_in_force)
       (GROUP_CONCAT(DISTINCT ?why; SEPARATOR="; ") AS ?which)
WHERE {
  VALUES ?rel { eli:ensures_implementation_of eli:based_on eli:cites eli:amends }
  ?citing ?rel ?cited ; prov:hadPrimarySource ?file .
  BIND (COALESCE(xsd:date(?as_of), xsd:date(SUBSTR(STR(NOW()), 1, 10))) AS ?day)
  OPTIONAL { ?citing eli:number ?number }
  OPTIONAL {
    VALUES (?change ?done) { (dcterms:replaces "replaced") (eli:repeals "repealed") }
    ?by ?change ?cited .
    FILTER (?by != ?citing)
    OPTIONAL { ?by eli:date_document ?changed }
    OPTIONAL { ?cited eli:number ?cited_number }
    OPTIONAL { ?by eli:number ?by_number }
  }
  # A change dated after ?as_of has not happened yet; an undated one has.
  BIND (BOUND(?by) && (!BOUND(?changed) || ?changed <= ?day) AS ?is_stale)
  BIND (IF(?is_stale, ?cited, ?nothing) AS ?stale)
  BIND (IF(?is_stale, CONCAT(COALESCE(?cited_number, STR(?cited)), " ", ?done, " by ",
                             COALESCE(?by_number, STR(?by))), ?nothing) AS ?why)
}
GROUP BY ?as_of ?citing ?number
ORDER BY DESC(?not_in_force) ?number
""",
    "overdue-duties-by-organisation": """
PREFIX eli:     <http://data.europa.eu/eli/ontology#>
PREFIX odrl:    <http://www.w3.org/ns/odrl/2/>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd:     <http://www.w3.org/2001/XMLSchema#>

SELECT ?as_of ?organisation (COUNT(DISTINCT ?duty) AS ?duties)
       (COUNT(DISTINCT ?dated) AS ?with_deadline) (COUNT(DISTINCT ?late) AS ?overdue)
       (MAX(?age) AS ?oldest_overdue_days)
WHERE {
  ?doc odrl:obligation ?duty .
  ?duty odrl:assignee ?org .
  ?org skos:prefLabel ?organisation .
  BIND (COALESCE(xsd:date(?as_of), xsd:date(SUBSTR(STR(NOW()), 1, 10))) AS ?day)
  OPTIONAL { ?doc eli:date_document ?issued }
  FILTER (!BOUND(?issued) || ?issued <= ?day)
  # A date before the directive is a cut-off its text describes, not a deadline.
  OPTIONAL {
    ?duty odrl:constraint ?c .
    ?c odrl:rightOperand ?due .
    FILTER (!BOUND(?issued) || ?due >= ?issued)
  }
  BIND (IF(BOUND(?due), ?duty, ?nothing) AS ?dated)
  BIND (BOUND(?due) && ?due < ?day && NOT EXISTS {
          ?answer (eli:ensures_implementation_of|eli:based_on|eli:cites) ?doc ;
                  eli:passed_by ?org ; eli:date_document ?answered .
          FILTER (?answered <= ?day)
        } AS ?is_late)
  BIND (IF(?is_late, ?duty, ?nothing) AS ?late)
  # date − date is an xsd:dayTimeDuration such as "P93D": keep its day count.
  BIND (IF(?is_late, xsd:integer(STRBEFORE(STRAFTER(STR(?day - ?due), "P"), "D")), ?nothing)
        AS ?age)
}
GROUP BY ?as_of ?organisation
ORDER BY DESC(?overdue) DESC(?duties) ?organisation
""",
    "citation-evidence": """
PREFIX eli:     <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX nfo:     <http://www.semanticdesktop.org/ontologies/2007/03/22/nfo#>
PREFIX xsd:     <http://www.w3.org/2001/XMLSchema#>
PREFIX chidao:  <https://w3id.org/chidao/ontology#>

SELECT DISTINCT ?file ?begin ?end ?number ?relation ?cited_number ?ambiguous
WHERE {
  GRAPH ?g {
    ?cited chidao:citationSpan ?span .
    ?g prov:wasDerivedFrom ?source .
    ?source nfo:fileName ?file .
    ?doc prov:hadPrimarySource ?source .
    OPTIONAL { ?doc eli:number ?number }
    OPTIONAL {
      VALUES ?rel { eli:ensures_implementation_of eli:based_on eli:amends dcterms:replaces
                    eli:repeals eli:cites }
      ?doc ?rel ?cited .
      OPTIONAL { ?cited eli:number ?cited_number }
    }
    OPTIONAL { ?span chidao:relation ?unlinked }
    BIND (EXISTS { ?span chidao:ambiguous true } AS ?ambiguous)
  }
  BIND (xsd:integer(REPLACE(STR(?span), "^.*#char=([0-9]+),.*$", "$1")) AS ?begin)
  BIND (xsd:integer(REPLACE(STR(?span), "^.*,", "")) AS ?end)
  BIND (REPLACE(STR(COALESCE(?rel, ?unlinked)), "^.*[#/]", "") AS ?relation)
}
ORDER BY ?file ?begin
""",
    "source-files": """
PREFIX eli:     <http://data.europa.eu/eli/ontology#>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX nfo:     <http://www.semanticdesktop.org/ontologies/2007/03/22/nfo#>

SELECT ?file ?encoding ?sha256 ?number ?graph
WHERE {
  GRAPH ?graph {
    ?graph prov:wasDerivedFrom ?source .
    ?source nfo:fileName ?file ; nfo:encoding ?encoding .
    ?doc prov:hadPrimarySource ?source .
    OPTIONAL { ?doc eli:number ?number }
  }
  BIND (STRAFTER(STR(?source), "/file/") AS ?sha256)
}
ORDER BY ?file
""",
    "implementing-documents": """
PREFIX eli:     <http://data.europa.eu/eli/ontology#>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd:     <http://www.w3.org/2001/XMLSchema#>
PREFIX chidao:  <https://w3id.org/chidao/ontology#>

SELECT DISTINCT ?implemented_number ?number ?issuer ?level ?date ?relation ?lag_days
WHERE {
  VALUES (?p ?relation) { (eli:ensures_implementation_of "implements") (eli:based_on "based_on") }
  {
    GRAPH ?h {
      ?implemented prov:hadPrimarySource ?source ; eli:number ?implemented_number .
      OPTIONAL { ?implemented eli:date_document ?implemented_date }
    }
    ?doc ?p ?implemented .
  } UNION {
    # A document known only from citations: its least number and date over the files that
    # describe it (the link of a year-less citation is in the citing file's links graph).
    {
      SELECT ?implemented (MIN(?n) AS ?implemented_number) (MIN(?dd) AS ?implemented_date)
      WHERE {
        {
          SELECT DISTINCT ?implemented WHERE {
            ?implemented a eli:LegalResource .
            FILTER NOT EXISTS { ?implemented prov:hadPrimarySource ?any }
          }
        }
        GRAPH ?c {
          ?implemented eli:number ?n .
          OPTIONAL { ?implemented eli:date_document ?dd }
        }
      }
      GROUP BY ?implemented
    }
    ?doc ?p ?implemented .
  }
  GRAPH ?g {
    ?doc prov:hadPrimarySource ?f .
    OPTIONAL { ?doc eli:number ?number }
    OPTIONAL { ?doc eli:date_document ?date }
    OPTIONAL { ?doc eli:passed_by ?body }
  }
  OPTIONAL { ?body skos:prefLabel ?issuer }
  OPTIONAL { ?body chidao:level ?level_iri }
  BIND (STRAFTER(STR(?level_iri), "#") AS ?level)
  # date − date is an xsd:dayTimeDuration such as "P67D": keep its day count.
  BIND (xsd:integer(STRBEFORE(STRAFTER(STR(?date - ?implemented_date), "P"), "D")) AS ?lag_days)
}
ORDER BY ?implemented_number ?date ?number
""",
    "instructions-received": """
PREFIX eli:     <http://data.europa.eu/eli/ontology#>
PREFIX odrl:    <http://www.w3.org/ns/odrl/2/>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX chidao:  <https://w3id.org/chidao/ontology#>

SELECT DISTINCT ?issuer ?receiver ?how ?number ?date
WHERE {
  ?from skos:prefLabel ?issuer .
  GRAPH ?g {
    ?doc eli:passed_by ?from ; prov:hadPrimarySource ?f .
    {
      ?doc chidao:addressedTo ?to . BIND ("recipient" AS ?how)
    } UNION {
      ?doc chidao:distributedTo ?to . BIND ("distribution" AS ?how)
    } UNION {
      ?doc odrl:obligation/odrl:assignee ?to . BIND ("task" AS ?how)
    }
    OPTIONAL { ?doc eli:number ?number }
    OPTIONAL { ?doc eli:date_document ?date }
  }
  ?to skos:prefLabel ?receiver .
}
ORDER BY ?issuer ?receiver ?how ?number
""",
    "tasks-by-organisation": """
PREFIX eli:     <http://data.europa.eu/eli/ontology#>
PREFIX odrl:    <http://www.w3.org/ns/odrl/2/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX nfo:     <http://www.semanticdesktop.org/ontologies/2007/03/22/nfo#>
PREFIX xsd:     <http://www.w3.org/2001/XMLSchema#>
PREFIX chidao:  <https://w3id.org/chidao/ontology#>

SELECT DISTINCT ?assignee ?assigner ?number ?label ?task ?deadline ?file ?begin ?end
WHERE {
  GRAPH ?g {
    ?doc odrl:obligation ?duty ; prov:hadPrimarySource ?source .
    ?duty odrl:assignee ?who ;
          dcterms:description ?task ;
          chidao:taskSpan ?span .
    ?source nfo:fileName ?file .
    OPTIONAL { ?doc eli:passed_by ?by }
    OPTIONAL { ?duty chidao:taskLabel ?label }
    OPTIONAL { ?duty odrl:constraint/odrl:rightOperand ?deadline }
    OPTIONAL { ?doc eli:number ?number }
  }
  ?who skos:prefLabel ?assignee .
  OPTIONAL { ?by skos:prefLabel ?assigner }
  BIND (xsd:integer(REPLACE(STR(?span), "^.*#char=([0-9]+),.*$", "$1")) AS ?begin)
  BIND (xsd:integer(REPLACE(STR(?span), "^.*,", "")) AS ?end)
}
ORDER BY ?assignee ?number ?begin
""",
}

#: A paged query, by the variable that picks its page (one value of it per answer).
PAGED = {
    "implementing-documents": "implemented_number",
    "instructions-received": "issuer",
    "tasks-by-organisation": "assignee",
}
#: How many values of it an unbound page holds, and whether it is the first by name (else the
#: first the store lists).
PAGE_KEYS = {
    "implementing-documents": (3, False),
    "instructions-received": (3, False),
    "tasks-by-organisation": (1, False),
}


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    """60 generated documents: a central directive, provinces and districts answering it (more
    organisations with tasks, issuers and implemented documents than the samples)."""
    gen = _load_generator()
    folder = tmp_path_factory.mktemp("generated")
    gen.write_corpus(folder / "corpus", 60, seed=5)
    store = OxigraphStore(folder / "store")
    ingest([folder / "corpus"], store)
    return store


@pytest.fixture(scope="module")
def decisions_store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    """Decisions amended, replaced and cited (those of the validity tests)."""
    from test_validity import write_decisions

    folder = write_decisions(tmp_path_factory.mktemp("decisions"))
    store = OxigraphStore(tmp_path_factory.mktemp("decisions-store") / "store")
    ingest([folder], store)
    return store


def _load_generator():  # type: ignore[no-untyped-def]
    import importlib.util
    import sys

    root = next(p for p in Path(__file__).resolve().parents if (p / "bench").is_dir())
    path = root / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate_for_queries", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _answer(
    store: OxigraphStore, sparql: str, bindings: dict[str, Literal] | None = None
) -> tuple[list[str], list[tuple[str, ...]]]:
    result = store.query(sparql, bindings)
    rows = [tuple("" if v is None else v.n3() for v in row) for row in result.rows]
    return list(result.variables), sorted(rows)


_OLD_ANSWERS: dict[tuple[int, str], tuple[list[str], list[tuple[Node | None, ...]]]] = {}


def _old_terms(store: OxigraphStore, name: str) -> tuple[list[str], list[tuple[Node | None, ...]]]:
    """The old query's answer as terms, once per store (the old forms are the slow ones)."""
    key = (id(store), name)
    if key not in _OLD_ANSWERS:
        result = store.query(OLD_QUERIES[name])
        _OLD_ANSWERS[key] = (list(result.variables), list(result.rows))
    return _OLD_ANSWERS[key]


def _old_answer(store: OxigraphStore, name: str) -> tuple[list[str], list[tuple[str, ...]]]:
    columns, rows = _old_terms(store, name)
    return columns, sorted(tuple("" if v is None else v.n3() for v in row) for row in rows)


def _stores(request: pytest.FixtureRequest) -> list[OxigraphStore]:
    return [request.getfixturevalue(f) for f in ("sample_store", "hand_store", "generated_store")]


@pytest.mark.parametrize("name", sorted(PAGED))
def test_a_rewritten_page_is_the_old_answer_for_its_values(
    name: str, request: pytest.FixtureRequest
) -> None:
    key = PAGED[name]
    keys, by_name = PAGE_KEYS[name]
    for store in _stores(request):
        columns, old = _old_answer(store, name)
        new_columns, new = _answer(store, load_query(f"@{name}"))
        assert new_columns == columns
        at = columns.index(key)
        page = {row[at] for row in new}
        assert len(page) == min(keys, len({row[at] for row in old})), f"{name} on {store.path}"
        if by_name:
            assert page == {min((row[at] for row in old), key=_lexical)}
        assert new == [row for row in old if row[at] in page], f"{name} on {store.path}"


@pytest.mark.parametrize("name", sorted(PAGED))
def test_a_rewritten_page_bound_to_a_value_is_the_old_answer_for_it(
    name: str, request: pytest.FixtureRequest
) -> None:
    key = PAGED[name]
    checked = 0
    for store in _stores(request):
        columns, old = _old_answer(store, name)
        at = columns.index(key)
        values = {row[at] for row in _old_terms(store, name)[1]}
        for value in sorted(values, key=str):
            # Binding an answer column of the old query keeps the rows with that value.
            expected = [row for row in old if row[at] == value.n3()]
            got = _answer(store, load_query(f"@{name}"), {key: value})
            assert got == (columns, expected), f"{name} --bind {key}={value} on {store.path}"
            checked += 1
    assert checked >= 10


def _lexical(n3: str) -> str:
    """The lexical form of a literal in N3 (``"x"@vi`` → ``x``): what SPARQL's MIN compares."""
    return n3[1 : n3.rindex('"')]


@pytest.mark.parametrize("name", sorted(PAGED))
def test_a_page_binds_alike_as_substitution_and_as_a_values_block(
    name: str, generated_store: OxigraphStore
) -> None:
    # A remote store binds by a VALUES block opening the query (bind_values), the embedded one by
    # substitution; a page picked in a subquery that cannot see the VALUES would come out empty.
    key = PAGED[name]
    sparql = load_query(f"@{name}")
    columns, old = _old_terms(generated_store, name)
    values = sorted({row[columns.index(key)] for row in old}, key=str)
    assert len(values) >= 3
    for value in values:
        as_values = _answer(generated_store, bind_values(sparql, {key: value}))
        assert as_values == _answer(generated_store, sparql, {key: value})
        assert as_values[1], f"{name} --bind {key}={value}"


#: A query paged by file: its file column and how many files an answer holds at most.
FILE_PAGES = {"citation-evidence": 50, "source-files": 100}


@pytest.mark.parametrize("name", sorted(FILE_PAGES))
def test_a_page_of_files_is_the_old_answer_for_those_files(
    name: str, request: pytest.FixtureRequest
) -> None:
    for store in _stores(request):
        columns, old = _old_answer(store, name)
        new_columns, new = _answer(store, load_query(f"@{name}"))
        assert new_columns == columns
        at = columns.index("file")
        files = {row[at] for row in new}
        assert len(files) == min(FILE_PAGES[name], len({row[at] for row in old}))
        assert new == [row for row in old if row[at] in files], f"{name} on {store.path}"


@pytest.mark.parametrize("as_of", ["2021-06-01", "2021-10-01", "2030-01-01"])
def test_overdue_duties_is_the_old_answer_for_its_organisations(
    as_of: str, sample_store: OxigraphStore, hand_store: OxigraphStore
) -> None:
    # A page of organisations now, each counted as before; the deadline is read without the
    # odrl:leftOperand / odrl:operator the lean model drops (every constraint is a deadline).
    name = "overdue-duties-by-organisation"
    sparql = load_query(f"@{name}")
    assert "leftOperand" not in sparql
    for store in (sample_store, hand_store):
        when = {"as_of": Literal(as_of)}
        result = store.query(OLD_QUERIES[name], when)
        old = {row[1]: tuple("" if v is None else v.n3() for v in row) for row in result.rows}
        columns, page = _answer(store, sparql, when)
        assert columns == list(result.variables)
        # (an organisation of the page with no duty issued by ?as_of has no row)
        assert len(page) <= 3 and set(page) <= set(old.values())
        if as_of == "2030-01-01":
            assert len(page) == min(3, len(old))
        for organisation, row in old.items():
            bound = {**when, "organisation": organisation}
            assert _answer(store, sparql, bound)[1] == [row], f"{organisation} on {as_of}"
            # as a remote store binds: a VALUES block opening the query
            assert _answer(store, bind_values(sparql, bound))[1] == [row]


@pytest.mark.parametrize("as_of", [None, "2021-06-01"])
def test_citations_not_in_force_is_the_first_page_of_the_old_answer(
    as_of: str | None, request: pytest.FixtureRequest
) -> None:
    name = "citations-of-documents-not-in-force"
    bound = {"as_of": Literal(as_of)} if as_of else None
    stale_rows = 0
    for store in [*_stores(request), request.getfixturevalue("decisions_store")]:
        result = store.query(OLD_QUERIES[name], bound)
        old = [tuple("" if v is None else v.n3() for v in row) for row in result.rows]
        columns, new = _answer(store, load_query(f"@{name}"), bound)
        assert columns == list(result.variables)
        # Rows of the old answer: every one counting a document no longer in force, then
        # others (counting 0) up to 100 rows, in the old order.
        assert len(new) == min(100, len(old))
        assert set(new) <= set(old)
        at = columns.index("not_in_force")
        stale = [r for r in old if r[at] != '"0"^^<http://www.w3.org/2001/XMLSchema#integer>']
        assert set(stale) <= set(new)
        stale_rows += len(stale)
    assert stale_rows > 0 or as_of == "2021-06-01"  # (replaced in 2022)


def test_documents_by_level_is_the_old_answer(request: pytest.FixtureRequest) -> None:
    # Rewritten as hash-joined scans (issue 18); the answer is the one the query it replaces gave.
    for store in _stores(request):
        assert _answer(store, load_query("@documents-by-level")) == _old_answer(
            store, "documents-by-level"
        ), f"documents-by-level on {store.path}"


_CITED_BY = """
PREFIX eli:     <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov:    <http://www.w3.org/ns/prov#>
SELECT (MIN(?number) AS ?least) (COUNT(DISTINCT ?citing) AS ?n) WHERE {
  ?citing eli:ensures_implementation_of|eli:based_on|eli:amends|eli:repeals|eli:cites
          |dcterms:replaces ?cited .
  ?citing prov:hadPrimarySource ?own .
  FILTER NOT EXISTS { ?cited prov:hadPrimarySource ?file }
  ?cited eli:number ?number .
} GROUP BY ?cited
"""


def test_cited_not_in_corpus_counts_every_citing_document(request: pytest.FixtureRequest) -> None:
    # cited_by is the number of ingested documents linked to the document, counted another way.
    counted = 0
    for store in _stores(request):
        expected = {str(least): int(n) for least, n in store.query(_CITED_BY).rows}
        got = {
            str(row[0]): int(row[3]) for row in store.query(load_query("@cited-not-in-corpus")).rows
        }
        assert got == expected, f"cited-not-in-corpus on {store.path}"
        counted += sum(got.values())
    assert counted > 0


def test_a_citation_printed_without_its_year_counts_as_citing(tmp_path: Path) -> None:
    # Regression (issue 18): a letter citing "Kế hoạch số 12-KH/TU" without its year describes
    # its own placeholder, which the link stage resolves to the dated plan the other letter
    # cites; the query read the plan's number in the citing file's graph and missed it.
    folder = write_letters(tmp_path / "letters", {"kim-son.txt": DATED, "yen-khanh.txt": YEARLESS})
    store = OxigraphStore(tmp_path / "store")
    ingest([folder], store)
    rows = [tuple(map(str, row)) for row in store.query(load_query("@cited-not-in-corpus")).rows]
    assert [(r[0], r[2], r[3]) for r in rows] == [("12-KH/TU", "2021-03-05", "2")]


def test_cited_not_in_corpus_pages_the_most_cited(request: pytest.FixtureRequest) -> None:
    # The page is the head of the whole list (the file without its LIMITs), here cut at 2.
    text = load_query("@cited-not-in-corpus")
    whole = text.replace("LIMIT 100\n", "")
    assert whole != text
    for store in _stores(request):
        full = [tuple(map(str, r)) for r in store.query(whole).rows]
        page = [tuple(map(str, r)) for r in store.query(text.replace("LIMIT 100", "LIMIT 2")).rows]
        assert len(page) == min(2, len(full)) and set(page) <= set(full)
        counts = [int(r[3]) for r in full]
        assert counts == sorted(counts, reverse=True)
        assert [int(r[3]) for r in page] == counts[: len(page)], f"on {store.path}"
