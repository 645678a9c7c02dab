"""``chidao query``: --list, unknown saved names, plain-text values whatever their language
tag, and bad --bind values as one Error line (issues #15 and #17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from chidao.cli.main import main
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.binding import bind_plain_text
from chidao.graph.store.oxigraph import GraphWrite, OxigraphStore
from chidao.graph.store.results import describe_query, parse_binding_spec, saved_queries

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "samples"
BODY = "Ủy ban nhân dân huyện Sông Hinh"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("ergonomics") / "store"
    with OxigraphStore(path) as db:
        ingest([SAMPLES], db)
    return str(path)


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_list_names_every_saved_query_with_its_purpose_and_parameters() -> None:
    result = _run("query", "--list")
    assert result.exit_code == 0, result.output
    for name, path in saved_queries().items():
        described = describe_query(name, path.read_text(encoding="utf-8"))
        assert f"@{name}" in result.output
        assert described.purpose and described.purpose in result.output
        for parameter in described.parameters:
            assert f"--bind {parameter}=" in result.output
    assert "--bind assignee=" in result.output


def test_an_unknown_saved_query_lists_the_known_ones(store: str) -> None:
    result = _run("query", "@tasks-by-organization", "--store", store)
    assert result.exit_code == 1
    assert "no saved query named 'tasks-by-organization'" in result.output
    assert "tasks-by-organisation" in result.output and "--list" in result.output


def test_no_query_and_no_list_is_a_usage_error() -> None:
    result = _run("query")
    assert result.exit_code == 2 and "--list" in result.output


def test_plain_text_matches_a_tagged_literal(store: str) -> None:
    plain = _run("query", "@tasks-by-organisation", "--bind", f"assignee={BODY}",
                 "--store", store, "--format", "csv")  # fmt: skip
    tagged = _run("query", "@tasks-by-organisation", "--bind", f'assignee="{BODY}"@vi',
                  "--store", store, "--format", "csv")  # fmt: skip
    exact = _run("query", "@tasks-by-organisation", "--bind", f'assignee="{BODY}"',
                 "--store", store, "--format", "csv")  # fmt: skip
    assert plain.exit_code == tagged.exit_code == exact.exit_code == 0
    assert len(tagged.output.splitlines()) > 1
    assert plain.output == tagged.output
    assert len(exact.output.splitlines()) == 1  # a quoted string is exactly a plain string


def test_plain_text_stored_in_several_forms_binds_them_all() -> None:
    text = 'x" } ; DROP ALL ; SELECT * { #'  # hostile text stays a value
    forms = [Literal(text), Literal(text, lang="vi"), Literal(text, lang="en")]
    db = OxigraphStore()
    triples = [(URIRef(f"http://e/s{i}"), URIRef("http://e/name"), f) for i, f in enumerate(forms)]
    db.write([GraphWrite(URIRef("https://w3id.org/chidao/graph/g"), triples)])
    query = "SELECT ?s ?name WHERE { ?s <http://e/name> ?name } ORDER BY ?s"
    sparql, bound = bind_plain_text(db, query, [parse_binding_spec(f"name={text}")])
    rows = list(db.query(sparql, bound).rows)
    assert [str(s) for s, _ in rows] == ["http://e/s0", "http://e/s1", "http://e/s2"]
    assert db.triple_count() == 3
    sparql, bound = bind_plain_text(db, query, [parse_binding_spec(f'name="{text}"@en')])
    assert [str(s) for s, _ in db.query(sparql, bound).rows] == ["http://e/s2"]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('"Sông Hinh"@v i', "not a valid language tag"),
        ('"Sông Hinh"@', "not a valid language tag"),
        ("<a b>", "not a valid IRI"),
        ("<>", "not a valid IRI"),
    ],
)
def test_a_bad_bound_value_is_one_error_line(store: str, value: str, says: str) -> None:
    result = _run("query", "@tasks-by-organisation", "--bind", f"assignee={value}",
                  "--store", store)  # fmt: skip
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("Error:")
    assert says in result.output and "Traceback" not in result.output
