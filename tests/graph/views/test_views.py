"""HTML views, library level: selection, grouping, layout, escaping, offline page."""

from __future__ import annotations

import base64
import doctest
import hashlib
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from _view_graphs import XSS_SUBJECT, campaign_graph, cascade_graph

from chidao.errors import ChidaoError
from chidao.graph.views import aggregate as view_aggregate
from chidao.graph.views import build as views
from chidao.graph.views import fit as view_fit
from chidao.graph.views import html as view_html
from chidao.graph.views import items as view_items
from chidao.graph.views import layout as view_layout
from chidao.graph.views import select as view_select
from chidao.graph.views import timeline as view_timeline
from chidao.graph.views.aggregate import aggregate, choose_grouping
from chidao.graph.views.build import (
    HIERARCHICAL_MAX_NODES,
    build_network,
    cascade_view,
    choose_plan,
    corpus_view,
    organisation_view,
    write_view,
)
from chidao.graph.views.fit import VIEW_HEIGHT, VIEW_WIDTH, Cell, node_box
from chidao.graph.views.html import script_json
from chidao.graph.views.layout import UNKNOWN_LANE, extent, fixed_positions, lanes
from chidao.graph.views.select import cascade_nodes, filter_nodes, organisation_nodes

_DATA = re.compile(r'<script type="application/json" id="chidao-data">(.*?)</script>', re.S)


def page_data(html: str) -> dict:
    """The node/edge/options JSON block of a rendered view."""
    (block,) = _DATA.findall(html)
    return json.loads(block)


class _Scripts(HTMLParser):
    # html.parser tokenises <script> content as raw text, as browsers do.
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[list, str]] = []
        self._attrs: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._attrs = attrs
            self.found.append((attrs, ""))

    def handle_data(self, data):
        if self._attrs is not None:
            attrs, text = self.found[-1]
            self.found[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._attrs = None


def script_elements(html: str) -> list[tuple[list, str]]:
    """``(attributes, text)`` of each script element, as a browser would parse them."""
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser.found


def test_cascade_nodes_go_up_and_down_but_not_sideways() -> None:
    G = cascade_graph()
    # 309-CV/TU only *cites* the resolution: not part of its cascade.
    assert cascade_nodes(G, "doc:kl125") == {"doc:nq68", "doc:kl125", "doc:cv281"}
    assert cascade_nodes(G, "doc:nq68") == {"doc:nq68", "doc:kl125", "doc:cv281"}
    assert cascade_nodes(G, "doc:nq68", ("implements", "based_on", "cites")) == {
        "doc:nq68",
        "doc:kl125",
        "doc:cv281",
        "doc:other",
    }


def test_organisation_nodes() -> None:
    G = cascade_graph()
    assert organisation_nodes(G, "org:tu") == {"org:tu", "org:hu", "doc:kl125", "doc:cv281"}
    with pytest.raises(nx.NodeNotFound):
        organisation_nodes(G, "doc:nq68")


def test_filter_nodes_by_province_and_level_keeps_root_and_organisations() -> None:
    G = cascade_graph()
    every = set(G.nodes)
    assert filter_nodes(G, every, province="BẮC KẠN") == {
        "doc:nq68",
        "doc:other",
        "org:cp",
        "org:tu",
        "org:hu",
    }
    assert filter_nodes(G, every, down_to="province", keep={"doc:cv281"}) == every
    assert "doc:cv281" not in filter_nodes(G, every, down_to="province")
    with pytest.raises(ValueError):
        filter_nodes(G, every, down_to="ward")


def test_lanes_infer_unknown_levels_from_neighbours() -> None:
    G = nx.MultiDiGraph()
    G.add_node("top", kind="document")  # cited by a district: one lane above it
    G.add_node("d", kind="document", level="district")
    G.add_node("bottom", kind="document")  # cites a province document: one lane below
    G.add_node("p", kind="document", level="province")
    G.add_node("alone", kind="document")
    G.add_edge("d", "top", key="implements")
    G.add_edge("bottom", "p", key="cites")
    assert lanes(G, G.nodes) == {"top": 1, "d": 2, "bottom": 2, "p": 1, "alone": UNKNOWN_LANE}


def test_fixed_positions_put_children_under_their_parents_and_wrap_rows() -> None:
    G = campaign_graph(provinces=3, districts_per_province=2)
    pos = fixed_positions(G, lanes(G, G.nodes))
    assert pos["c"] == (0, 0)
    ys = {pos[n][1] for n in ("p0", "p1", "p2")}
    assert len(ys) == 1 and ys.pop() > 0
    # Districts are ordered by the x of their province.
    xs = [pos[f"p{p}d{d}"][0] for p in range(3) for d in range(2)]
    assert xs == sorted(xs)
    # 400 nodes in one lane wrap into rows: the drawing is about as wide as the
    # window is, relative to its height, not one row 400 cells wide.
    H = nx.MultiDiGraph()
    H.add_nodes_from(range(400))
    cell = Cell(100, 50)
    pos = fixed_positions(H, dict.fromkeys(range(400), 2), cell=cell)
    width, height = extent(pos, cell)
    assert len({y for _x, y in pos.values()}) > 1
    assert 0.7 < (width / height) / (VIEW_WIDTH / VIEW_HEIGHT) < 1.4
    # No two nodes share a cell.
    assert len(set(pos.values())) == 400


def test_build_network_styles_levels_systems_and_cited_only() -> None:
    G = cascade_graph()
    net, drawn, grouping = build_network(G, cascade_nodes(G, "doc:nq68"), keep={"doc:nq68"})
    assert grouping is None
    nodes = {n["id"]: n for n in net.nodes}
    assert {n: nodes[n]["level"] for n in nodes} == {"doc:nq68": 0, "doc:kl125": 1, "doc:cv281": 2}
    assert nodes["doc:nq68"]["shape"] == "square"  # state
    assert nodes["doc:cv281"]["shape"] == "dot"  # party
    assert nodes["doc:cv281"]["color"]["background"] == "#2e86c1"  # district
    assert nodes["doc:kl125"]["shapeProperties"] == {"borderDashes": [6, 4]}
    assert nodes["doc:kl125"]["color"]["background"] == "#eeeeee"
    assert "shapeProperties" not in nodes["doc:cv281"]
    assert nodes["doc:nq68"]["borderWidth"] > nodes["doc:cv281"]["borderWidth"]  # the root
    tip = dict(row for row in nodes["doc:cv281"]["tip"] if len(row) == 2)
    assert tip["Number"] == "281-CV/HU"
    assert tip["Date"] == "06/09/2021"
    assert tip["Issuer"] == "Huyện ủy Sông Hinh"
    assert tip["Subject"] == XSS_SUBJECT  # raw here: the page inserts it as text
    assert ["Known only from citations: no file of it is in the corpus."] in nodes["doc:kl125"][
        "tip"
    ]
    edges = {(e["from"], e["to"]): e for e in net.edges}
    assert edges["doc:cv281", "doc:kl125"]["label"] == "implements · 1 d"
    assert edges["doc:cv281", "doc:nq68"]["label"] == "based on · 67 d"
    # Skips the province lane: the page decides how to bend it once laid out.
    assert edges["doc:cv281", "doc:nq68"]["skip"] is True
    assert "skip" not in edges["doc:cv281", "doc:kl125"]
    assert "smooth" not in edges["doc:cv281", "doc:kl125"]
    assert net.options["physics"]["enabled"] is False
    assert net.options["layout"]["hierarchical"]["direction"] == "UD"


def test_aggregate_counts_members_median_lag_and_internal_edges() -> None:
    G = campaign_graph(provinces=2, districts_per_province=3)
    G.add_edge("p0d1", "p0d0", key="cites")  # two districts of one province
    A = aggregate(G, G.nodes, "province", keep={"c"})
    # Each province document is alone in its group: it stays itself.
    assert set(A.nodes) == {
        "c",
        "p0",
        "p1",
        ("province", "P0", "district"),
        ("province", "P1", "district"),
    }
    g = A.nodes["province", "P0", "district"]
    assert (g["kind"], g["count"], g["level"], g["system"], g["internal"]) == (
        "group",
        3,
        "district",
        None,
        1,
    )
    assert g["sample"] == ["1-CV/HU", "2-CV/HU", "3-CV/HU"]
    e = A.edges[("province", "P0", "district"), "p0", "implements"]
    assert e["count"] == 3 and e["lag_days"] == 8  # lags 7, 8, 9
    assert A.number_of_edges() == 4


def test_choose_grouping_takes_the_finest_that_fits() -> None:
    G = campaign_graph(provinces=4, districts_per_province=5)  # 25 documents, 25 issuers
    assert choose_grouping(G, G.nodes, 25) is None
    assert choose_grouping(G, G.nodes, 24) == "province"  # per issuer is still 25
    assert choose_grouping(G, G.nodes, 9) == "province"  # 1 + 4 + 4
    assert choose_grouping(G, G.nodes, 8) == "level"


def test_big_views_group_and_use_fixed_positions() -> None:
    G = campaign_graph(provinces=30, districts_per_province=20)  # 631 documents
    html = corpus_view(G)
    data = page_data(html)
    kinds = {n["kind"] for n in data["nodes"]}
    # The central document, and per province its own document and one group of its districts.
    assert kinds == {"group", "document"} and len(data["nodes"]) == 61
    assert sum(n.get("count", 1) for n in data["nodes"]) == 631
    assert data["options"]["layout"]["hierarchical"]["enabled"] is False
    assert "631 nodes do not read one by one at this size" in html
    assert "grouped by province into 61 nodes" in html
    # Asked for, a grouping is not announced as a fallback.
    asked = corpus_view(G, group_by="province")
    assert "do not read" not in asked and "Documents grouped by province: 61 nodes" in asked

    net, drawn, grouping = build_network(G, G.nodes, group_by="none")
    assert grouping is None and len(net.nodes) == 631 > HIERARCHICAL_MAX_NODES
    assert net.options["layout"]["hierarchical"]["enabled"] is False
    assert all("x" in n and "y" in n for n in net.nodes)


def test_views_keep_documents_while_they_read_then_drop_dates_then_group() -> None:
    small = campaign_graph(provinces=4, districts_per_province=3)  # 17 documents
    plan = choose_plan(small, list(small.nodes))
    assert plan.grouping is None and not plan.compact and plan.reads
    assert plan.items["p0"]["label"] == "1-CV/TU\n07/01/2021"
    # Bigger: numbers only before any grouping.
    mid = campaign_graph(provinces=20, districts_per_province=10)  # 221 documents
    plan = choose_plan(mid, list(mid.nodes))
    assert plan.grouping is None and plan.compact and plan.reads
    assert plan.items["p0"]["label"] == "1-CV/TU"
    big = campaign_graph(provinces=63, districts_per_province=10)  # 694 documents
    # One node per province and level (the level is the lane), none per document.
    plan = choose_plan(big, list(big.nodes))
    assert plan.grouping == "province" and plan.reads
    # Every grid cell holds its node's estimated box: no two labels can overlap.
    for n, (x, y) in plan.positions.items():
        w, h = node_box(plan.items[n]["label"], plan.items[n]["size"])
        for m, (x2, y2) in plan.positions.items():
            if m != n and abs(x - x2) < w and abs(y - y2) < h:
                raise AssertionError(f"{n} and {m} overlap")


def test_group_by_rejects_unknown_schemes() -> None:
    with pytest.raises(ChidaoError, match="unknown grouping"):
        build_network(cascade_graph(), ["doc:nq68"], group_by="colour")


def test_cascade_view_page_holds_the_cascade() -> None:
    html = cascade_view(cascade_graph(), "doc:nq68")
    data = page_data(html)
    assert {n["id"] for n in data["nodes"]} == {"doc:nq68", "doc:kl125", "doc:cv281"}
    assert {(e["from"], e["to"], e["relation"]) for e in data["edges"]} == {
        ("doc:kl125", "doc:nq68", "implements"),
        ("doc:cv281", "doc:kl125", "implements"),
        ("doc:cv281", "doc:nq68", "based_on"),
    }
    assert "<title>Cascade of 68/NQ-CP, Chính phủ, 01/07/2021</title>" in html


def test_views_reject_unknown_nodes() -> None:
    G = cascade_graph()
    with pytest.raises(ChidaoError, match="not in the graph"):
        cascade_view(G, "doc:nope")
    with pytest.raises(ChidaoError, match="not in the graph"):
        organisation_view(G, "doc:nq68")


def test_organisation_view_draws_organisations_and_documents() -> None:
    data = page_data(organisation_view(cascade_graph(), "org:tu"))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert set(by_id) == {"org:tu", "org:hu", "doc:kl125", "doc:cv281"}
    assert by_id["org:tu"]["shape"] == "ellipse" and by_id["org:tu"]["kind"] == "organisation"
    assert {e["relation"] for e in data["edges"]} == {
        "issued_by",
        "recipient",
        "sub_organization_of",
        "implements",
    }


def test_page_is_offline_and_its_csp_allows_only_its_own_scripts() -> None:
    html = corpus_view(cascade_graph())
    assert not re.search(r"<(link|iframe|img|object|embed)\b", html, re.I)
    assert not re.search(r"""\b(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "@import" not in html and "sourceMappingURL" not in html
    for host in ("cdnjs", "jsdelivr", "unpkg", "googleapis"):
        assert host not in html
    scripts = [text for attrs, text in script_elements(html) if not attrs]
    assert len(scripts) == 2  # vis-network and the view's own code
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src &#39;none&#39;" in csp
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"sha256-{digest}" in csp


def test_document_text_cannot_break_out_of_the_page() -> None:
    G = cascade_graph()
    G.nodes["doc:nq68"]["number"] = '68/NQ-CP"><script>window.__pwned=3</script>'
    G.nodes["doc:nq68"]["issuer_name"] = "</title><script>window.__pwned=4</script>"
    html = cascade_view(G, "doc:nq68")
    # Exactly the page's own script elements, whatever the documents say.
    assert [attrs for attrs, _ in script_elements(html)] == [
        [("type", "application/json"), ("id", "chidao-data")],
        [],
        [],
    ]
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned=3&lt;/script&gt;" in html  # title and legend
    subjects = [row[1] for n in page_data(html)["nodes"] for row in n["tip"] if row[0] == "Subject"]
    assert XSS_SUBJECT in subjects


def test_script_json_escapes_markup_and_line_separators() -> None:
    text = script_json({"s": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"s": "</script><!-- & \u2028"}


def test_write_view_names_the_file_it_cannot_write(tmp_path) -> None:
    target = tmp_path / "missing" / "view.html"
    with pytest.raises(ChidaoError) as err:
        write_view("<html></html>", target)
    assert str(target) in str(err.value)
    assert write_view("x", tmp_path / "ok.html").read_text() == "x"


@pytest.mark.parametrize(
    "module",
    [
        views,
        view_aggregate,
        view_html,
        view_items,
        view_layout,
        view_select,
        view_fit,
        view_timeline,
    ],
    ids=lambda m: m.__name__,
)
def test_doctests(module) -> None:
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


def test_views_of_nothing_say_so() -> None:
    with pytest.raises(ChidaoError, match="no documents to draw$"):
        corpus_view(nx.MultiDiGraph())
    G = cascade_graph()
    G.remove_node("doc:nq68")  # central documents pass any province filter
    with pytest.raises(ChidaoError, match="after --province"):
        corpus_view(G, province="Hà Giang")


def test_sparse_nodes_still_render() -> None:
    # Only what the schema guarantees: no number, date, issuer, level or system.
    G = nx.MultiDiGraph()
    G.add_node("d1", kind="document")
    G.add_node("d2", kind="document", cited_only=True)
    G.add_node("o", kind="organisation")
    G.add_edge("d1", "d2", key="cites")
    G.add_edge("d1", "o", key="recipient")
    data = page_data(organisation_view(G, "o"))
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels == {"d1": "(no number)", "o": "(unnamed organisation)"}
    data = page_data(corpus_view(G, group_by="issuer"))
    assert [n["label"] for n in data["nodes"]] == ["unknown issuer · level unknown\n2 docs"]
