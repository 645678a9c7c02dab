"""The questions asked of a store give what the analyses give on the whole graph.

:mod:`chidao.graph.analysis.questions` loads only a neighbourhood; these tests hold it to
the answer computed on the full NetworkX view of the same store.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import _graph_records as R
import pytest

from chidao.errors import QueryError
from chidao.graph.analysis import cascade, coverage_gaps, lineage, questions, who
from chidao.graph.analysis.coverage import gazetteer_units
from chidao.graph.analysis.load import load_graph
from chidao.graph.analysis.lookup import resolve_document
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    st = OxigraphStore(tmp_path_factory.mktemp("questions") / "store")
    ingest([R.SAMPLES], st)
    return st


@pytest.fixture(scope="module")
def full(store: OxigraphStore):
    return load_graph(store)


def test_lineage_matches_the_whole_graph(store: OxigraphStore, full) -> None:
    found = questions.document_lineage(store, "281-CV/HU")
    iri = resolve_document(store, "281-CV/HU")
    assert found.document.iri == iri
    assert found.chains == lineage(full, iri)
    assert found.chains, "the district letter carries out higher documents"


def test_cascade_and_gaps_match_the_whole_graph(store: OxigraphStore, full) -> None:
    iri = resolve_document(store, "68/NQ-CP")
    day = date(2021, 10, 1)
    found = questions.document_cascade(store, "68/NQ-CP", as_of=day)
    # The samples replace and repeal nothing: no marks, the tree of the whole graph.
    assert found == replace(cascade(full, iri), as_of=day)
    gaps = questions.document_gaps(store, "68/NQ-CP")
    assert gaps.coverage == coverage_gaps(full, iri, gazetteer_units())
    assert set(gaps.numbers) == {n for ns in gaps.coverage.covered.values() for n in ns}


def test_organisation_activity_matches_the_whole_graph(store: OxigraphStore, full) -> None:
    # The district committee that issued 281-CV/HU, named by its IRI.
    org = full.nodes[resolve_document(store, "281-CV/HU")]["issuer"]
    found = questions.organisation_activity(store, org)
    assert found.activity == who(full, org)
    assert found.activity.issued and set(found.issued) == set(found.activity.issued)


def test_an_unknown_document_is_a_query_error(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match="no document"):
        questions.document_lineage(store, "999999/XX-YY")
