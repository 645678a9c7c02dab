"""``chidao view`` on a store holding the bundled sample documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from chidao.cli.main import main
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import open_store

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
_DATA = re.compile(r'<script type="application/json" id="chidao-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("store") / "store"
    store = open_store(str(path))
    try:
        summary = ingest([SAMPLES], store)
    finally:
        store.close()
    assert summary.failed == 0
    return str(path)


def run(*args: str):
    return CliRunner().invoke(main, ["view", *args], catch_exceptions=False)


def numbers(html_file: Path) -> dict[str, dict]:
    (block,) = _DATA.findall(html_file.read_text(encoding="utf-8"))
    nodes = json.loads(block)["nodes"]
    return {
        dict(row for row in n["tip"] if len(row) == 2).get("Number") or n["label"]: n for n in nodes
    }


def test_view_cascade_of_a_number(store_path, tmp_path) -> None:
    out = tmp_path / "cascade.html"
    result = run("68/NQ-CP", "-o", str(out), "--store", store_path)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    drawn = numbers(out)
    # The Government resolution is only cited by the samples; a district letter
    # carries it out.
    assert drawn["68/NQ-CP"]["cited_only"] is True
    assert drawn["68/NQ-CP"]["level"] == 0
    assert "281-CV/HU" in drawn and drawn["281-CV/HU"]["level"] == 2


def test_view_organisation_and_all(store_path, tmp_path) -> None:
    out = tmp_path / "org.html"
    result = run("--org", "Huyện ủy Sông Hinh", "-o", str(out), "--store", store_path)
    assert result.exit_code == 0, result.output
    drawn = numbers(out)
    assert "281-CV/HU" in drawn
    assert any(n["kind"] == "organisation" for n in drawn.values())

    out = tmp_path / "all.html"
    assert run("--all", "-o", str(out), "--store", store_path).exit_code == 0
    drawn = numbers(out)
    assert {"68/NQ-CP", "281-CV/HU", "309-CV/TU", "395-CV/HU"} <= set(drawn)
    assert {n["kind"] for n in drawn.values()} == {"document"}


def test_view_needs_exactly_one_subject(store_path, tmp_path) -> None:
    out = str(tmp_path / "x.html")
    for args in ([], ["68/NQ-CP", "--all"], ["--org", "x", "--all"]):
        result = run(*args, "-o", out, "--store", store_path)
        assert result.exit_code == 2
        assert "exactly one of DOC, --org NAME or --all" in result.output
    assert not Path(out).exists()


def test_view_unknown_document_fails_cleanly(store_path, tmp_path) -> None:
    out = tmp_path / "x.html"
    result = run("999/NQ-XX", "-o", str(out), "--store", store_path)
    assert result.exit_code == 1
    assert "no document numbered '999/NQ-XX'" in result.output
    assert not out.exists()


def test_view_timeline_and_lineage_titles(store_path, tmp_path) -> None:
    out = tmp_path / "timeline.html"
    result = run("68/NQ-CP", "--timeline", "-o", str(out), "--store", store_path)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Timeline of the cascade of 68/NQ-CP" in html
    drawn = numbers(out)
    assert {"68/NQ-CP", "281-CV/HU"} <= set(drawn)
    assert {"day 0", "central", "district"} <= {n["label"] for n in drawn.values()}
    # A district letter nothing carries out: its view looks up, a lineage.
    out = tmp_path / "up.html"
    assert run("281-CV/HU", "-o", str(out), "--store", store_path).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Lineage of 281-CV/HU" in html and "Cascade of" not in html
    result = run("--all", "--timeline", "-o", str(out), "--store", store_path)
    assert result.exit_code == 2 and "--timeline applies to a DOC" in result.output
