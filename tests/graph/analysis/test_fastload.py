"""The bulk loads behind lineage, cascade and hubs give the answers of the whole graph.

:func:`~chidao.graph.analysis.load.load_chain` (lineage and cascade) and
:func:`~chidao.graph.analysis.load.load_citations` with
:func:`~chidao.graph.analysis.load.describe_documents` (hubs) read the store in a few
bulk queries; here every document's lineage and cascade, and the hubs by every measure
and grouping, are compared with those computed on :func:`load_graph`, on the samples
and on a generated campaign.
"""

from __future__ import annotations

import random

import _graph_records as R
import networkx as nx
import pytest

from chidao.graph.analysis import cascade, hubs, lineage
from chidao.graph.analysis.hubs import pagerank
from chidao.graph.analysis.load import (
    CHAIN_ATTRS,
    describe_documents,
    load_chain,
    load_citations,
    load_graph,
    load_neighbourhood,
)
from chidao.graph.analysis.nodes import CARRY_OUT
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

RELATIONS = (CARRY_OUT, ("implements", "based_on", "cites"))


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    store = OxigraphStore(tmp_path_factory.mktemp("fastload") / "s")
    ingest([R.SAMPLES], store)
    return store


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    # A campaign of the benchmark's generator: relative and year-less citations,
    # documents known only from citations, files that describe a document differently.
    from test_bench_generate import gen

    corpus = tmp_path_factory.mktemp("fastload-corpus")
    for doc in gen.iter_documents(40, seed=11):
        (corpus / f"{doc.index:03d}.txt").write_text(doc.text, encoding="utf-8")
    store = OxigraphStore(corpus / "store")
    assert ingest([corpus], store).ok
    return store


def _documents(G: nx.MultiDiGraph) -> list[str]:
    return [n for n, kind in G.nodes(data="kind") if kind == "document"]


def _check_chains(store: OxigraphStore) -> int:
    G = load_graph(store)
    checked = 0
    for relations in RELATIONS:
        for doc in _documents(G):
            up = load_chain(store, doc, down=False, relations=relations)
            down = load_chain(store, doc, up=False, relations=relations)
            # the documents, with the whole graph's attributes, and the edges between them
            for H in (up, down):
                assert all(H.nodes[n] == {k: G.nodes[n][k] for k in CHAIN_ATTRS} for n in H)
                want = G.subgraph(H).edges(keys=True, data="lag_days")
                assert sorted(H.edges(keys=True, data="lag_days")) == sorted(want)
            assert lineage(up, doc, relations) == lineage(G, doc, relations)
            for depth in (1, 2):
                assert lineage(up, doc, relations, depth) == lineage(G, doc, relations, depth)
            assert cascade(down, doc, relations) == cascade(G, doc, relations)
            checked += len(up) + len(down) > 2
    return checked


def test_chains_give_the_whole_graphs_answers_on_the_samples(sample_store) -> None:
    assert _check_chains(sample_store) >= 5


def test_chains_give_the_whole_graphs_answers_on_a_generated_store(generated_store) -> None:
    assert _check_chains(generated_store) >= 30


def test_both_directions_and_what_is_not_a_document(sample_store) -> None:
    G = load_graph(sample_store)
    for doc in _documents(G):
        both = load_chain(sample_store, doc)
        up = load_chain(sample_store, doc, down=False)
        down = load_chain(sample_store, doc, up=False)
        assert set(both) == set(up) | set(down)
    org = next(n for n, kind in G.nodes(data="kind") if kind == "organisation")
    assert load_chain(sample_store, org).number_of_nodes() == 0
    with pytest.raises(ValueError):
        load_neighbourhood(sample_store, org, documents_only=True, max_depth=1)


def test_described_documents_are_the_whole_graphs(generated_store) -> None:
    G = load_graph(generated_store)
    docs = _documents(G)
    found = describe_documents(generated_store, [*docs, "https://w3id.org/chidao/org/x"])
    assert found.keys() == set(docs)
    assert all(found[n] == {k: G.nodes[n][k] for k in CHAIN_ATTRS} for n in docs)


@pytest.mark.parametrize("store_name", ["sample_store", "generated_store"])
def test_hubs_from_the_citations_are_the_whole_graphs(store_name, request) -> None:
    store = request.getfixturevalue(store_name)
    G = load_graph(store)
    C = load_citations(store)
    assert _documents(C) == _documents(G)  # the same order: the same PageRank sums

    def describe(iris: list[str]) -> dict:
        return describe_documents(store, iris)

    for by in ("implemented_by", "cited_by", "pagerank"):
        for group in (None, "level", "issuer"):
            for top in (1, 3, 20):
                want = hubs(G, top=top, by=by, group=group)
                assert hubs(C, top=top, by=by, group=group, describe=describe) == want


def test_pagerank_is_networkx_pagerank_to_the_last_bit() -> None:
    rng = random.Random(5)
    for n in (1, 2, 10, 300):
        nodes = list(range(n))
        rng.shuffle(nodes)  # node order is what the sums follow
        edges = {(rng.randrange(n), rng.randrange(n)) for _ in range(n * 2)}
        edges = {(u, v) for u, v in edges if u != v}
        D = nx.DiGraph()
        D.add_nodes_from(nodes)
        D.add_edges_from(edges)
        want = nx.pagerank(D)
        position = {v: i for i, v in enumerate(nodes)}
        got = pagerank(n, [(position[u], position[v]) for u, v in edges])
        assert [want[v] for v in nodes] == got
    assert pagerank(0, []) == []


def test_doctests() -> None:
    import doctest
    import importlib

    for name in ("hubs", "load"):
        result = doctest.testmod(importlib.import_module(f"chidao.graph.analysis.{name}"))
        assert result.attempted > 0 and result.failed == 0
