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
    implementing = _rows(sample_store, "implementing-documents")
    assert [(r[0], r[1], r[5], r[6]) for r in implementing] == [
        ("05/CĐ-UBND", "114-CV/HU", "implements", "2"),
        ("125-KL/TU", "281-CV/HU", "implements", "1"),
        ("135-TB/TU", "114-CV/HU", "implements", "1"),
        ("15/CT-TTg", "114-CV/HU", "implements", ""),
        ("68/NQ-CP", "309-CV/TU", "implements", "19"),
        ("68/NQ-CP", "281-CV/HU", "implements", "67"),
    ]
