"""`chidao report`: its numbers are those of `cascade` and `gaps`; the page is offline."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from chidao.cli.main import main
from chidao.graph.analysis import diffusion

pytest.importorskip("matplotlib")

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "samples"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("report") / "store")
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--store", path])
    assert result.exit_code == 0, result.output
    return path


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("doc", ["68/NQ-CP", "125-KL/TU"])
def test_report_numbers_equal_cascade_and_gaps_json(store_path, tmp_path, doc) -> None:
    out, folder = tmp_path / "r.html", tmp_path / "csv"
    _cli("report", doc, "-o", str(out), "--csv", str(folder), "--store", store_path)
    casc = json.loads(_cli("cascade", doc, "--format", "json", "--store", store_path))
    gaps = json.loads(_cli("gaps", doc, "--format", "json", "--store", store_path))

    docs = _rows(folder / "documents.csv")
    assert [d["iri"] for d in docs] == [n["document"]["iri"] for n in casc["nodes"]]
    assert [d["days from root"] for d in docs] == [
        "" if n["days_from_root"] is None else str(n["days_from_root"]) for n in casc["nodes"]
    ]
    levels = {r["level"]: r for r in _rows(folder / "levels.csv")}
    for lv in casc["levels"]:
        row = levels[lv["level"] or "unknown"]
        assert int(row["documents"]) == lv["count"]
        assert row["min"] == ("" if lv["first_days"] is None else str(lv["first_days"]))
        median = lv["median_days"]
        assert (float(row["median"]) if row["median"] else None) == median
    units = {r["unit"]: r for r in _rows(folder / "units.csv")}
    assert {u for u, r in units.items() if r["carried out"] == "yes"} == set(gaps["covered"])
    assert {u for u, r in units.items() if r["carried out"] == "no"} == set(gaps["missing"])
    # The curve ends at the share of units covered with a dated document.
    curve = [r for r in _rows(folder / "diffusion.csv") if r["level"] == gaps["unit_level"]]
    dated = sum(1 for u in gaps["covered"] if units[u]["first day"])
    total = len(gaps["covered"]) + len(gaps["missing"])
    assert float(curve[-1]["share of units"]) == round(dated / total, 4)
    html = out.read_text(encoding="utf-8")
    # Nothing to fetch: no link or source outside the page (namespaces are names).
    assert re.findall(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html) == []
    assert "<script" not in html
    assert f"{len(gaps['covered'])} of {total} " in html


def test_report_all_and_usage(store_path, tmp_path) -> None:
    out, folder = tmp_path / "all.html", tmp_path / "csv"
    _cli("report", "--all", "-o", str(out), "--csv", str(folder), "--store", store_path)
    assert {p.name for p in folder.iterdir()} == {
        "per_month.csv",
        "median_lag.csv",
        "hubs.csv",
        "central.csv",
    }
    hubs = json.loads(_cli("hubs", "--format", "json", "--store", store_path))["all"]
    assert [r["number"] for r in _rows(folder / "hubs.csv")] == [h["number"] or "" for h in hubs]
    result = CliRunner().invoke(main, ["report", "-o", str(out), "--store", store_path])
    assert result.exit_code == 2 and "give DOC or --all" in result.output
    result = CliRunner().invoke(main, ["report", "999/XX", "-o", str(out), "--store", store_path])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_diffusion_curve_counts_each_unit_once_from_its_first_day() -> None:
    assert diffusion.diffusion_curve({"A": 0, "B": 5, "C": 5}, 4) == [(0, 0.25), (5, 0.75)]
    assert diffusion.diffusion_curve({}, 0) == []
    stats = diffusion.lag_stats("province", [None, None])
    assert (stats.count, stats.unknown, stats.median) == (2, 2, None)


def test_report_page_in_chromium_no_error_no_request(store_path, tmp_path) -> None:
    from test_views_browser import _COLLECT_ERRORS, CHROMEDRIVER, CHROMIUM

    if not CHROMIUM or not CHROMEDRIVER:
        pytest.skip(
            "headless browser tests need chromium and chromedriver on PATH "
            "(apt-get install chromium chromium-driver)"
        )
    pytest.importorskip("selenium.webdriver")
    import shutil
    import tempfile

    from bench.browser import chromium

    out = tmp_path / "r.html"
    _cli("report", "68/NQ-CP", "-o", str(out), "--store", store_path)
    profile = tempfile.mkdtemp(prefix="chidao-chromium-")
    driver = chromium(profile, timeout=60, log_browser=True)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _COLLECT_ERRORS})
        driver.get(out.as_uri())
        assert driver.title.startswith("Report on 68/NQ-CP")
        assert driver.execute_script("return document.querySelectorAll('figure svg').length") >= 1
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
        assert driver.execute_script("return window.__errors") == []
        fetched = driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (r) { return r.name; })"
        )
        assert fetched == []
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_reach_days_keeps_namesake_districts_of_two_provinces_apart() -> None:
    units = [
        ("Tỉnh An Giang", "Huyện Châu Thành"),
        ("Tỉnh Bến Tre", "Huyện Châu Thành"),
        ("Tỉnh Bến Tre", "Huyện Giồng Trôm"),
    ]
    docs = [("An Giang", "Châu Thành", 12), ("Tỉnh Bến Tre", "Huyện Giồng Trôm", None)]
    assert diffusion.reach_days(docs, units) == {
        "Huyện Châu Thành, Tỉnh An Giang": 12,
        "Huyện Giồng Trôm, Tỉnh Bến Tre": None,
    }
    # Reached by an undated document only: covered, but not on the curve.
    first = diffusion.reach_days(docs, units)
    assert diffusion.diffusion_curve(first, len(units)) == [(0, 0.0), (12, 1 / 3)]


def test_report_on_an_undated_document_says_lags_are_unknown() -> None:
    from datetime import date

    import networkx as nx

    from chidao.graph.analysis.cascade import cascade
    from chidao.graph.report.data import DocumentReport
    from chidao.graph.report.page import document_page

    G = nx.MultiDiGraph()
    G.add_node("c", kind="document", number="9/CT-TTg", level="central")  # no date
    G.add_node("p", kind="document", number="5-CV/TU", level="province", date=date(2021, 3, 1))
    G.add_edge("p", "c", key="implements")
    tree = cascade(G, "c")
    lags = diffusion.level_lags(tree)
    assert lags == {"province": [None]}
    report = DocumentReport(
        cascade=tree,
        gaps=None,
        gaps_error=None,
        lags=(diffusion.lag_stats("province", lags["province"]),),
        first_days={},
        curve=[],
        deeper={},
        fastest=(),
        slowest=(),
        chains=(),
    )
    html = document_page(report)
    assert "The document is undated: every lag from it is unknown." in html
    assert "<svg" not in html  # no curve, no box plot: nothing is known
    assert '<td>province</td><td class="n">1</td><td class="n">1</td>' in html
