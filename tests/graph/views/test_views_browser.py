"""HTML views in a real headless Chromium: they draw, offline, with no error, and a
document's ``<script>`` subject stays text."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest
from _view_graphs import XSS_SUBJECT, campaign_graph, cascade_graph

from bench.browser import FIRST_PAINT_JS, chromium, chromium_paths
from chidao.graph.views.aggregate import aggregate
from chidao.graph.views.build import (
    cascade_view,
    corpus_view,
    organisation_view,
    timeline_view,
    write_view,
)

pytestmark = pytest.mark.browser

CHROMIUM, CHROMEDRIVER = chromium_paths()

# Runs before any script of the page: collects uncaught errors and CSP violations.
_COLLECT_ERRORS = """
window.__errors = [];
window.addEventListener('error', function (e) {
  window.__errors.push('error: ' + (e.message || e.type) + ' ' + (e.filename || ''));
}, true);
document.addEventListener('securitypolicyviolation', function (e) {
  window.__errors.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM or not CHROMEDRIVER:
        pytest.skip(
            "headless browser tests need chromium and chromedriver on PATH "
            "(apt-get install chromium chromium-driver)"
        )
    pytest.importorskip("selenium.webdriver")
    profile = tempfile.mkdtemp(prefix="chidao-chromium-")
    driver = chromium(profile, timeout=60, log_browser=True)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _COLLECT_ERRORS})
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_view(driver, html: str, path: Path) -> None:
    """Load the view and wait until vis-network has drawn it once."""
    write_view(html, path)
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.as_uri())
    deadline = time.monotonic() + 60
    while not driver.execute_script("return document.body.getAttribute('data-drawn')"):
        assert time.monotonic() < deadline, "the network was never drawn"
        time.sleep(0.05)


def assert_clean(driver) -> None:
    """No JavaScript error, no CSP violation, nothing fetched, no injected script ran."""
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    assert driver.execute_script("return window.__errors") == []
    fetched = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (r) { return r.name; })"
    )
    assert fetched == []
    assert driver.execute_script("return typeof window.__pwned") == "undefined"


def page_graph(driver) -> tuple[set, set]:
    """Node ids and ``(from, to, relation)`` edges, read from vis-network's DataSets."""
    ids = driver.execute_script("return network.body.data.nodes.getIds()")
    edges = driver.execute_script(
        "return network.body.data.edges.get().map(function (e) {"
        " return [e.from, e.to, e.relation, e.label]; })"
    )
    return set(ids), {tuple(e) for e in edges}


def hover(driver, node_id: str) -> str:
    """Move the mouse onto ``node_id`` and return the visible tooltip's text."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    x, y, w, h = driver.execute_script(
        "var p = network.canvasToDOM(network.getPosition(arguments[0]));"
        "var r = document.getElementById('chidao-network').getBoundingClientRect();"
        "return [p.x, p.y, r.width, r.height];",
        node_id,
    )
    canvas = driver.find_element(By.ID, "chidao-network")
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - w / 2), int(y - h / 2)).pause(
        0.1
    ).move_by_offset(1, 1).perform()
    deadline = time.monotonic() + 10
    while True:
        text = driver.execute_script(
            "var t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility === 'visible' ? t.textContent : null;"
        )
        if text:
            return text
        assert time.monotonic() < deadline, "no tooltip appeared"
        time.sleep(0.05)


def test_cascade_view_draws_the_cascade_and_keeps_script_as_text(browser, tmp_path) -> None:
    open_view(browser, cascade_view(cascade_graph(), "doc:nq68"), tmp_path / "cascade.html")
    nodes, edges = page_graph(browser)
    assert nodes == {"doc:nq68", "doc:kl125", "doc:cv281"}
    assert edges == {
        ("doc:kl125", "doc:nq68", "implements", "implements · 66 d"),
        ("doc:cv281", "doc:kl125", "implements", "implements · 1 d"),
        ("doc:cv281", "doc:nq68", "based_on", "based on · 67 d"),
    }
    # Top-down: central above province above district.
    ys = browser.execute_script(
        "var p = network.getPositions(); return ["
        + ",".join(f"p['{n}'].y" for n in ("doc:nq68", "doc:kl125", "doc:cv281"))
        + "];"
    )
    assert ys == sorted(ys) and len(set(ys)) == 3
    # 281-CV/HU → 68/NQ-CP skips the province lane, where 125-KL/TU stands in the
    # way: it is bent around it; the one-lane edges are not.
    smooth = browser.execute_script(
        "var s = {}; network.body.data.edges.get().forEach(function (e) {"
        " s[e.from + '>' + e.to] = !!(e.smooth && e.smooth.enabled); }); return s;"
    )
    assert smooth == {
        "doc:cv281>doc:nq68": True,
        "doc:cv281>doc:kl125": False,
        "doc:kl125>doc:nq68": False,
    }

    text = hover(browser, "doc:cv281")
    assert "Number: 281-CV/HU" in text and "Issuer: Huyện ủy Sông Hinh" in text
    assert "Date: 06/09/2021" in text
    assert f"Subject: {XSS_SUBJECT}" in text  # the literal "<script>", shown as text
    assert (
        browser.execute_script(
            "return document.querySelectorAll('div.vis-tooltip script, div.vis-tooltip img').length"
        )
        == 0
    )
    assert_clean(browser)


def test_organisation_view(browser, tmp_path) -> None:
    open_view(browser, organisation_view(cascade_graph(), "org:tu"), tmp_path / "org.html")
    nodes, edges = page_graph(browser)
    assert nodes == {"org:tu", "org:hu", "doc:kl125", "doc:cv281"}
    assert {(u, v, rel) for u, v, rel, _ in edges} == {
        ("doc:kl125", "org:tu", "issued_by"),
        ("doc:cv281", "org:hu", "issued_by"),
        ("doc:cv281", "org:tu", "recipient"),
        ("org:hu", "org:tu", "sub_organization_of"),
        ("doc:cv281", "doc:kl125", "implements"),
    }
    assert "Organisation: Tỉnh ủy Phú Yên" in hover(browser, "org:tu")
    assert_clean(browser)


def test_corpus_view_small(browser, tmp_path) -> None:
    open_view(browser, corpus_view(cascade_graph()), tmp_path / "all.html")
    nodes, edges = page_graph(browser)
    assert nodes == {"doc:nq68", "doc:kl125", "doc:cv281", "doc:other"}
    assert ("doc:other", "doc:nq68", "cites", "cites · 19 d") in edges
    assert_clean(browser)


def test_big_corpus_view_is_grouped(browser, tmp_path) -> None:
    G = campaign_graph(provinces=40, districts_per_province=60)  # 2,441 documents
    open_view(browser, corpus_view(G), tmp_path / "big.html")
    nodes, edges = page_graph(browser)
    expected = aggregate(G, G.nodes, "province")  # per issuer would still be 2,441
    assert len(nodes) == expected.number_of_nodes() == 81
    assert len(edges) == expected.number_of_edges()
    counts = browser.execute_script(
        "return network.body.data.nodes.get().map(function (n) { return n.count || 1; })"
    )
    assert sum(counts) == 2441
    legend = browser.execute_script("return document.getElementById('chidao-legend').innerText")
    assert "grouped by province" in legend
    assert_clean(browser)


def test_big_ungrouped_view_draws_at_fixed_positions(browser, tmp_path) -> None:
    G = campaign_graph(provinces=30, districts_per_province=30)  # 931 documents
    open_view(browser, corpus_view(G, group_by="none"), tmp_path / "fixed.html")
    nodes, _ = page_graph(browser)
    assert nodes == set(G.nodes)
    hierarchical, y_c, y_p, y_d = browser.execute_script(
        "var p = network.getPositions(['c', 'p0', 'p0d0']);"
        "return [network.layoutEngine.options.hierarchical.enabled, p.c.y, p.p0.y, p.p0d0.y];"
    )
    assert hierarchical is False and y_c < y_p < y_d
    assert_clean(browser)


def test_search_box_selects_matching_documents(browser, tmp_path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_view(browser, corpus_view(cascade_graph()), tmp_path / "search.html")
    box = browser.find_element(By.ID, "chidao-search")
    box.send_keys("281-cv", Keys.ENTER)
    assert browser.execute_script("return network.getSelectedNodes()") == ["doc:cv281"]
    status = browser.find_element(By.ID, "chidao-search-status").text
    assert status == "1 found"
    assert_clean(browser)


def test_level_switches_hide_and_show_a_level(browser, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    open_view(browser, corpus_view(cascade_graph()), tmp_path / "levels.html")
    hidden = (
        "var h = {}; network.body.data.nodes.forEach(function (n) { h[n.id] = !!n.hidden; });"
        "return h;"
    )
    switch = browser.find_element(By.CSS_SELECTOR, "#chidao-legend input[data-level='district']")
    switch.click()
    assert browser.execute_script(hidden) == {
        "doc:nq68": False,
        "doc:kl125": False,
        "doc:other": False,
        "doc:cv281": True,
    }
    assert browser.execute_script("return network.body.nodes['doc:cv281'].options.hidden")
    switch.click()
    assert not any(browser.execute_script(hidden).values())
    assert_clean(browser)


def assert_reads_at_first_paint(driver) -> dict:
    """Nodes at least 8 px, labels at least 9 px high, no two labels overlapping."""
    paint = driver.execute_script(FIRST_PAINT_JS)
    assert paint["overlaps"] == []
    assert paint["minNode"] >= 8
    assert paint["minFont"] >= 9
    return paint


@pytest.fixture(scope="module")
def big_campaign():
    # A central resolution, 63 provinces carrying it out and 32 districts each
    # carrying out their province's document: 2,080 documents, 2,079 answers.
    return campaign_graph(provinces=63, districts_per_province=32)


def test_corpus_view_of_2000_documents_reads_at_first_paint(browser, tmp_path, big_campaign):
    open_view(browser, corpus_view(big_campaign), tmp_path / "all.html")
    paint = assert_reads_at_first_paint(browser)
    assert paint["nodes"] == 127  # the central document, per province: its own, its districts
    assert "grouped by province" in browser.find_element("id", "chidao-legend").text
    assert_clean(browser)


def test_cascade_of_2079_answers_reads_at_first_paint(browser, tmp_path, big_campaign):
    open_view(browser, cascade_view(big_campaign, "c"), tmp_path / "cascade.html")
    assert_reads_at_first_paint(browser)
    assert browser.execute_script("return network.body.data.nodes.get('c').kind") == "document"
    assert_clean(browser)


def test_timeline_of_2079_answers_reads_at_first_paint(browser, tmp_path, big_campaign):
    open_view(browser, timeline_view(big_campaign, "c"), tmp_path / "timeline.html")
    paint = assert_reads_at_first_paint(browser)
    counts = browser.execute_script(
        "return network.body.data.nodes.get().map(function (n) {"
        " return n.kind === 'axis' ? 0 : n.count || 1; })"
    )
    assert sum(counts) == 2080 and paint["nodes"] < 2080
    assert_clean(browser)


def test_timeline_places_documents_by_day_and_level(browser, tmp_path) -> None:
    G = campaign_graph(provinces=4, districts_per_province=3)
    G.nodes["p3d2"]["date"] = None  # an undated district letter
    open_view(browser, timeline_view(G, "c"), tmp_path / "timeline.html")
    assert_reads_at_first_paint(browser)
    pos = browser.execute_script("return network.getPositions();")
    days = {n: (G.nodes[n]["date"] - G.nodes["c"]["date"]).days for n in G if n != "p3d2"}
    # x grows with the day; one band per level, top down; the undated one below all.
    by_x = sorted(days, key=lambda n: pos[n]["x"])
    assert [days[n] for n in by_x] == sorted(days.values())
    assert pos["c"]["y"] < min(pos[f"p{p}"]["y"] for p in range(4))
    assert max(pos[f"p{p}"]["y"] for p in range(4)) < min(
        pos[n]["y"] for n in days if G.nodes[n]["level"] == "district"
    )
    assert pos["p3d2"]["y"] > max(pos[n]["y"] for n in days)
    labels = browser.execute_script(
        "return network.body.data.nodes.get().filter(function (n) { return n.kind === 'axis'; })"
        ".map(function (n) { return n.label; })"
    )
    assert {"central", "province", "district", "undated (no date)", "day 0"} <= set(labels)
    assert_clean(browser)
