"""The analysis functions on small hand-built graphs: exact chains, levels, lags, gaps, ranks."""

from __future__ import annotations

import dataclasses
import doctest
import importlib
import json
from datetime import date

import networkx as nx
import pytest

from chidao.extract.records import AdminUnit
from chidao.graph.analysis import (
    cascade,
    coverage_gaps,
    document_ranks,
    hubs,
    lineage,
    lineage_tops,
    to_jsonable,
    who,
)
from chidao.graph.analysis import coverage as coverage_mod
from chidao.graph.analysis import nodes as docnodes

# The package exports functions of the same names: take the modules themselves.
cascade_mod = importlib.import_module("chidao.graph.analysis.cascade")
hubs_mod = importlib.import_module("chidao.graph.analysis.hubs")
lineage_mod = importlib.import_module("chidao.graph.analysis.lineage")
who_mod = importlib.import_module("chidao.graph.analysis.who")


@pytest.mark.parametrize(
    "module", [docnodes, lineage_mod, cascade_mod, coverage_mod, hubs_mod, who_mod]
)
def test_doctests(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


def doc(G, iri, number, level, when=None, **attrs):
    G.add_node(iri, kind="document", number=number, level=level, date=when, **attrs)


def chain_view(chain):
    return [(h.source, h.target, h.relation, h.level, h.lag_days) for h in chain]


# --- a four-level corpus ---------------------------------------------------------------------
#
#   gov 68/NQ-CP (central, 2021-07-01)
#    ├── tu 125-KL/TU (province, 07-20, Tỉnh ủy X)          implements gov
#    │    ├── hu 281-CV/HU (district, 07-25, Huyện ủy Y)     implements tu AND gov
#    │    │    └── xa 12-CV/ĐU (commune, 08-01)               implements hu
#    │    └── hz 90-CV/HU (district, undated, Huyện ủy Z)    based_on tu
#    └── ub 500/UBND-VX (province, 07-10, UBND tỉnh X)     implements gov
#   noise: cv 7-CV/HU cites gov (not carrying out)


@pytest.fixture
def corpus() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    doc(G, "gov", "68/NQ-CP", "central", date(2021, 7, 1), issuer="o:cp", issuer_name="Chính phủ")
    doc(G, "tu", "125-KL/TU", "province", date(2021, 7, 20), issuer="o:tu",
        issuer_name="Tỉnh ủy X", province="Tỉnh X", cited_only=True)  # fmt: skip
    doc(G, "ub", "500/UBND-VX", "province", date(2021, 7, 10), issuer="o:ub",
        issuer_name="Ủy ban nhân dân tỉnh X", province="Tỉnh X")  # fmt: skip
    doc(G, "hu", "281-CV/HU", "district", date(2021, 7, 25), issuer="o:hu",
        issuer_name="Huyện ủy Y", province="Tỉnh X", district="Huyện Y")  # fmt: skip
    doc(G, "hz", "90-CV/HU", "district", None, issuer="o:hz",
        issuer_name="Huyện ủy Z", province="Tỉnh X", district="Huyện Z")  # fmt: skip
    doc(G, "xa", "12-CV/ĐU", "commune", date(2021, 8, 1), issuer="o:xa",
        issuer_name="Đảng ủy xã Hòa Bình", province="Tỉnh X", district="Huyện W")  # fmt: skip
    doc(G, "cv", "7-CV/HU", "district", date(2021, 7, 2), issuer_name="Huyện ủy V",
        province="Tỉnh X", district="Huyện V")  # fmt: skip
    G.add_edge("tu", "gov", key="implements", lag_days=19)
    G.add_edge("ub", "gov", key="implements", lag_days=9)
    G.add_edge("hu", "tu", key="implements", lag_days=5)
    G.add_edge("hu", "gov", key="implements", lag_days=24)
    G.add_edge("hu", "gov", key="cites", lag_days=24)  # a second relation to the same pair
    G.add_edge("hz", "tu", key="based_on", lag_days=None)
    # no lag_days attribute at all: computed from the node dates
    G.add_edge("xa", "hu", key="implements")
    G.add_edge("cv", "gov", key="cites", lag_days=1)
    return G


def test_lineage_follows_every_branch_to_the_top(corpus) -> None:
    chains = lineage(corpus, "xa")
    assert [chain_view(c) for c in chains] == [
        [("xa", "hu", "implements", "district", 7), ("hu", "gov", "implements", "central", 24)],
        [
            ("xa", "hu", "implements", "district", 7),
            ("hu", "tu", "implements", "province", 5),
            ("tu", "gov", "implements", "central", 19),
        ],
    ]
    assert lineage_tops(chains) == ["gov"]
    hop = chains[1][1]
    assert (hop.number, hop.issuer_name, hop.cited_only) == ("125-KL/TU", "Tỉnh ủy X", True)
    assert hop.date == date(2021, 7, 20)


def test_lineage_missing_date_gives_no_lag(corpus) -> None:
    assert [chain_view(c) for c in lineage(corpus, "hz")] == [
        [("hz", "tu", "based_on", "province", None), ("tu", "gov", "implements", "central", 19)]
    ]


def test_lineage_relations_are_the_callers_choice(corpus) -> None:
    assert lineage(corpus, "cv") == []
    assert [chain_view(c) for c in lineage(corpus, "cv", relations=("cites",))] == [
        [("cv", "gov", "cites", "central", 1)]
    ]
    # only based_on: hz reaches tu, which carries out nothing by based_on
    assert [chain_view(c) for c in lineage(corpus, "hz", relations=("based_on",))] == [
        [("hz", "tu", "based_on", "province", None)]
    ]
    # the pair hu→gov has implements and cites: the relation listed first wins
    up = lineage(corpus, "hu", relations=("cites", "implements"))
    assert [(h.target, h.relation) for c in up for h in c][:1] == [("gov", "cites")]


def test_lineage_max_depth(corpus) -> None:
    chains = lineage(corpus, "xa", max_depth=1)
    assert [chain_view(c) for c in chains] == [[("xa", "hu", "implements", "district", 7)]]


def test_lineage_cycle_ends_the_chain() -> None:
    G = nx.MultiDiGraph()
    doc(G, "a", "1-CV/HU", "district", date(2021, 1, 10))
    doc(G, "b", "2-CV/TU", "province", date(2021, 1, 5))
    doc(G, "c", "3/NQ-CP", "central", None)
    G.add_edge("a", "b", key="implements")
    G.add_edge("b", "c", key="implements")
    G.add_edge("c", "a", key="implements")  # a bad extraction closes a loop
    assert [chain_view(ch) for ch in lineage(G, "a")] == [
        [("a", "b", "implements", "province", 5), ("b", "c", "implements", "central", None)]
    ]
    G.add_edge("b", "a", key="implements")  # two-cycle as well
    assert len(lineage(G, "b")) == 2


def test_lineage_unknown_or_non_document() -> None:
    G = nx.MultiDiGraph()
    G.add_node("org", kind="organisation", name="Chính phủ")
    with pytest.raises(nx.NodeNotFound):
        lineage(G, "nope")
    with pytest.raises(nx.NodeNotFound):
        lineage(G, "org")


def test_cascade_tree_levels_and_lags(corpus) -> None:
    c = cascade(corpus, "gov")
    assert c.root.number == "68/NQ-CP"
    view = [
        (n.document.iri, n.parent, n.relation, n.depth, n.lag_days, n.days_from_root)
        for n in c.nodes
    ]
    assert view == [
        ("ub", "gov", "implements", 1, 9, 9),
        ("tu", "gov", "implements", 1, 19, 19),
        # undated hz sorts with the date of tu, which led to it
        ("hz", "tu", "based_on", 2, None, None),
        # hu carries out both tu and gov: it hangs under tu, placed last
        ("hu", "tu", "implements", 2, 5, 24),
        ("xa", "hu", "implements", 3, 7, 31),
    ]
    assert {n.document.iri: n.also_carries_out for n in c.nodes}["hu"] == ("gov",)
    # "cv" only cites gov
    assert "cv" not in {n.document.iri for n in c.nodes}
    levels = [
        (s.level, s.count, s.undated, s.first_days, s.median_days, s.issuers) for s in c.levels
    ]
    assert levels == [
        ("province", 2, 0, 9, 14, ("Tỉnh ủy X", "Ủy ban nhân dân tỉnh X")),
        ("district", 2, 1, 24, 24, ("Huyện ủy Y", "Huyện ủy Z")),
        ("commune", 1, 0, 31, 31, ("Đảng ủy xã Hòa Bình",)),
    ]
    relays = [(r.issuer, r.level, r.documents, r.carried_out_by) for r in c.relays]
    assert relays == [("o:tu", "province", 1, 2), ("o:hu", "district", 1, 1)]


def test_cascade_json_ready(corpus) -> None:
    data = to_jsonable(dataclasses.asdict(cascade(corpus, "gov")))
    text = json.dumps(data, ensure_ascii=False)
    assert '"date": "2021-07-01"' in text
    assert data["nodes"][0]["document"]["number"] == "500/UBND-VX"


def test_cascade_relations_choice(corpus) -> None:
    ids = [n.document.iri for n in cascade(corpus, "gov", relations=("cites",)).nodes]
    assert ids == ["cv", "hu"]


def test_cascade_cycle_places_each_document_once() -> None:
    G = nx.MultiDiGraph()
    doc(G, "r", "1/NQ-CP", "central", date(2021, 1, 1))
    doc(G, "a", "2-CV/TU", "province", date(2021, 1, 3))
    doc(G, "b", "3-CV/HU", "district", date(2021, 1, 2))
    G.add_edge("a", "r", key="implements")
    G.add_edge("r", "a", key="implements")
    G.add_edge("b", "a", key="implements")
    G.add_edge("a", "b", key="implements")
    c = cascade(G, "r")
    assert [(n.document.iri, n.parent) for n in c.nodes] == [("a", "r"), ("b", "a")]
    # b is dated before a yet can only be placed after it: lag from a is negative
    assert c.nodes[1].lag_days == -1
    # a also cites b, placed after it: still listed
    assert [n.also_carries_out for n in c.nodes] == [("b",), ()]


def test_cascade_undated_documents_borrow_dates_down_the_chain() -> None:
    G = nx.MultiDiGraph()
    doc(G, "r", "1/NQ-CP", "central", date(2021, 1, 1))
    doc(G, "p", "2-KH/TU", "province", date(2021, 1, 5))
    doc(G, "q", "3-CV/TU", "province", None)  # led to by r: sorts as 2021-01-01
    doc(G, "d", "4-CV/HU", "district", None)  # led to by q: sorts as 2021-01-01 too
    G.add_edge("p", "r", key="implements")
    G.add_edge("q", "r", key="implements")
    G.add_edge("d", "q", key="implements")
    c = cascade(G, "r")
    assert [n.document.iri for n in c.nodes] == ["q", "d", "p"]


def test_cascade_undated_root_and_cited_only_children() -> None:
    G = nx.MultiDiGraph()
    doc(G, "r", "15/CT-TTg", "central", None, cited_only=True)
    doc(G, "p", "05/CĐ-UBND", "province", date(2021, 5, 5), cited_only=True)
    doc(G, "d", "114-CV/HU", "district", date(2021, 5, 7))
    G.add_edge("p", "r", key="implements")
    G.add_edge("d", "p", key="implements")
    G.add_edge("d", "r", key="implements")
    c = cascade(G, "r")
    assert [(n.document.iri, n.parent, n.lag_days, n.days_from_root) for n in c.nodes] == [
        ("p", "r", None, None),
        ("d", "p", 2, None),
    ]
    assert [(s.level, s.count, s.undated, s.first_days) for s in c.levels] == [
        ("province", 1, 1, None),
        ("district", 1, 1, None),
    ]
    assert c.nodes[0].document.cited_only is True


def test_cascade_of_a_leaf_is_empty(corpus) -> None:
    c = cascade(corpus, "xa")
    assert (c.nodes, c.levels, c.relays) == ((), (), ())


def test_coverage_gaps_province(corpus) -> None:
    units = ["Huyện Y", "Huyện Z", "Huyện W", "Huyện V", "Huyện U"]
    gaps = coverage_gaps(corpus, "tu", units)
    # W is covered by a commune letter inside it; V only cites gov, not tu
    assert gaps.covered == {"Huyện Y": ["hu"], "Huyện Z": ["hz"], "Huyện W": ["xa"]}
    assert gaps.missing == ["Huyện V", "Huyện U"]
    assert (gaps.unit, gaps.unit_level) == ("Tỉnh X", "district")


def test_coverage_gaps_names_are_accent_and_type_word_blind(corpus) -> None:
    gaps = coverage_gaps(corpus, "tu", ["HUYỆN Y", "Thị xã Z", "Z"])
    # "Thị xã Z" is not "Huyện Z" (both carry a type word), bare "Z" matches
    assert gaps.covered == {"HUYỆN Y": ["hu"], "Z": ["hz"]}
    assert gaps.missing == ["Thị xã Z"]


def test_coverage_gaps_central_with_callable(corpus) -> None:
    asked = []

    def provinces(unit, province, at):
        asked.append((unit, province, at))
        return [AdminUnit("Tỉnh X", "province"), AdminUnit("Tỉnh Q", "province")]

    gaps = coverage_gaps(corpus, "gov", provinces)
    assert asked == [(None, None, date(2021, 7, 1))]
    assert gaps.covered == {"Tỉnh X": ["ub", "tu", "hz", "hu", "xa"]}
    assert gaps.missing == ["Tỉnh Q"]
    assert gaps.unit_level == "province"


def test_coverage_gaps_communes_by_issuer_name(corpus) -> None:
    communes = [AdminUnit("Xã Hòa Bình", "commune"), AdminUnit("Xã An Phú", "commune")]
    gaps = coverage_gaps(corpus, "hu", communes)
    assert gaps.covered == {"Xã Hòa Bình": ["xa"]}
    assert gaps.missing == ["Xã An Phú"]


def test_coverage_gaps_needs_a_level_below(corpus) -> None:
    with pytest.raises(ValueError, match="12-CV/ĐU"):
        coverage_gaps(corpus, "xa", [])
    with pytest.raises(nx.NodeNotFound):
        coverage_gaps(corpus, "missing", [])


def test_document_ranks_counts(corpus) -> None:
    ranks = {r.iri: r for r in document_ranks(corpus)}
    assert {k: (r.implemented_by, r.cited_by) for k, r in ranks.items()} == {
        "gov": (3, 4),  # tu, ub, hu carry it out; cv also cites it; hu counted once
        "tu": (2, 2),
        "ub": (0, 0),
        "hu": (1, 1),
        "hz": (0, 0),
        "xa": (0, 0),
        "cv": (0, 0),
    }
    assert sum(r.pagerank for r in ranks.values()) == pytest.approx(1.0)
    assert max(ranks.values(), key=lambda r: r.pagerank).iri == "gov"


def test_hubs_rankings_and_groups(corpus) -> None:
    assert [r.iri for r in hubs(corpus)["all"]] == ["gov", "tu", "hu"]
    assert [r.iri for r in hubs(corpus, by="cited_by", top=2)["all"]] == ["gov", "tu"]
    pr = hubs(corpus, by="pagerank")["all"]
    assert [r.iri for r in pr][:3] == ["gov", "tu", "hu"]
    assert [r.pagerank for r in pr] == sorted((r.pagerank for r in pr), reverse=True)
    by_level = hubs(corpus, group="level")
    assert {k: [r.iri for r in v] for k, v in by_level.items()} == {
        "central": ["gov"],
        "province": ["tu"],
        "district": ["hu"],
    }
    assert list(by_level) == ["central", "province", "district"]
    by_issuer = hubs(corpus, group="issuer")
    assert list(by_issuer) == ["Chính phủ", "Huyện ủy Y", "Tỉnh ủy X"]
    with pytest.raises(ValueError):
        hubs(corpus, by="degree")
    with pytest.raises(ValueError):
        hubs(corpus, group="year")


def test_hubs_pagerank_in_a_cycle() -> None:
    G = nx.MultiDiGraph()
    for n in "abc":
        doc(G, n, n, "province")
    for u, v in [("a", "b"), ("b", "c"), ("c", "a")]:
        G.add_edge(u, v, key="implements")
    ranks = document_ranks(G)
    assert [r.pagerank for r in ranks] == pytest.approx([1 / 3] * 3)
    assert [r.implemented_by for r in ranks] == [1, 1, 1]


def test_hubs_empty_graph() -> None:
    assert hubs(nx.MultiDiGraph()) == {}


@pytest.fixture
def orgs(corpus) -> nx.MultiDiGraph:
    G = corpus
    G.add_node("o:tu", kind="organisation", name="Tỉnh ủy X", level="province")
    G.add_node("o:hu", kind="organisation", name="Huyện ủy Y", level="district", parent="o:tu")
    G.add_node("o:cp", kind="organisation", name="Chính phủ", level="central")
    G.add_node("o:ub", kind="organisation", name="Ủy ban nhân dân tỉnh X", level="province")
    G.add_node("o:uh", kind="organisation", name="Ủy ban nhân dân huyện Y", level="district")
    G.add_edge("hu", "o:hu", key="issued_by")
    G.add_edge("o:hu", "o:tu", key="sub_organization_of")
    G.add_edge("tu", "o:hu", key="recipient")
    G.add_edge("gov", "o:tu", key="distribution")
    G.add_edge("hu", "o:uh", key="recipient")
    G.add_edge("hu", "o:uh", key="assignee")
    G.add_edge("ub", "o:uh", key="recipient")
    G.add_edge("tu", "o:uh", key="distribution")
    return G


def test_who(orgs) -> None:
    a = who(orgs, "o:hu")
    assert (a.name, a.parent, a.children) == ("Huyện ủy Y", "o:tu", [])
    assert a.issued == ["hu"]
    assert [(x.document, x.role, x.issuer_name) for x in a.received] == [
        ("tu", "recipient", "Tỉnh ủy X")
    ]
    assert who(orgs, "o:tu").children == ["o:hu"]
    # issued by attribute only (no issued_by edge): gov names o:cp
    assert who(orgs, "o:cp").issued == ["gov"]

    uh = who(orgs, "o:uh")
    assert [x.document for x in uh.received] == ["ub", "hu"]  # by date
    assert [x.document for x in uh.copied] == ["tu"]
    assert [x.document for x in uh.assigned] == ["hu"]
    assert [(s.issuer, s.issuer_name, s.level, s.documents) for s in uh.senders] == [
        ("o:tu", "Tỉnh ủy X", "province", 1),
        ("o:ub", "Ủy ban nhân dân tỉnh X", "province", 1),
        ("o:hu", "Huyện ủy Y", "district", 1),
    ]


def test_who_rejects_documents(orgs) -> None:
    with pytest.raises(nx.NodeNotFound):
        who(orgs, "gov")
