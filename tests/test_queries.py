"""Every saved query in data/queries runs against the sample stores and returns rows."""

from __future__ import annotations

from pathlib import Path

import _graph_records as R
import pytest
from rdflib import Literal

from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore
from chidao.graph.store.results import load_query, saved_queries

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
