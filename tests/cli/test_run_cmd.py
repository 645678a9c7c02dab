"""``chidao run``: the README's main job on the bundled sample corpus."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from chidao.cli.main import main

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def test_run_on_the_samples(tmp_path: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    args = ["run", str(SAMPLES), "--store", str(store), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    text = result.output
    assert "5 added, 0 replaced, 0 unchanged, 0 failed" in text
    assert "conforms" in text
    # The Government resolution is the hub; a province and a district letter carry it out.
    assert "Cascade of 68/NQ-CP" in text
    assert "province: 1 document(s), first after 19 d" in text
    assert "district: 1 document(s), first after 67 d" in text
    assert "Lineage of" in text
    for name in ("corpus.html", "cascade.html"):
        page = (out / name).read_text(encoding="utf-8")
        assert "vis-network" in page or "vis.Network" in page
    # A second run over unchanged files changes nothing.
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert "0 added, 0 replaced, 5 unchanged, 0 failed" in again.output


def test_run_reports_a_bad_file_and_exits_1(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text((SAMPLES / "002_5bba84921d00a5fa.txt").read_text("utf-8"))
    (corpus / "empty.txt").write_bytes(b"")
    args = ["run", str(corpus), "--store", str(tmp_path / "s"), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "1 added" in result.output


def test_run_quiet_lists_shacl_violations_and_exits_1(tmp_path: Path, monkeypatch) -> None:
    from chidao.graph import workflow
    from chidao.graph.rdf.validate import ValidationReport, Violation

    found = Violation(
        graph="urn:g",
        file="x.txt",
        focus="urn:doc",
        path="eli:number",
        message="two numbers",
        severity="Violation",
    )
    # Only the verdict is faked: the run itself ingests and draws the samples.
    monkeypatch.setattr(workflow, "validate_store", lambda store: ValidationReport(1, [found]))
    args = ["run", str(SAMPLES), "-q", "--store", str(tmp_path / "s"), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "5 file(s): 5 added, 0 replaced, 0 unchanged, 0 failed."
    assert "SHACL: 1 graph(s) checked, 1 violation(s)." in lines
    assert "  x.txt: urn:doc eli:number: two numbers" in lines
    assert "Hubs" not in result.output and "warning" not in result.output
    assert any(line.startswith("View: ") for line in lines)


def test_run_says_lags_from_an_undated_document_are_unknown() -> None:
    import io
    from datetime import date

    import networkx as nx
    from rich.console import Console

    from chidao.cli.run_cmd import _print
    from chidao.graph.analysis.cascade import cascade
    from chidao.graph.ingest.ingest import IngestSummary
    from chidao.graph.workflow import RunReport

    G = nx.MultiDiGraph()
    G.add_node("c", kind="document", number="9/CT-TTg", level="central")  # no date
    G.add_node("p", kind="document", number="5-CV/TU", level="province", date=date(2021, 3, 1))
    G.add_edge("p", "c", key="implements")
    out = io.StringIO()
    _print(RunReport(ingest=IngestSummary(), cascade=cascade(G, "c")), Console(file=out))
    text = out.getvalue()
    assert "lags unknown: the document itself is undated" in text
    assert "province: 1 document(s), lags unknown" in text
    assert "undated" not in text.replace("itself is undated", "")


def test_run_reports_an_unreadable_path_and_exits_1(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text((SAMPLES / "002_5bba84921d00a5fa.txt").read_text("utf-8"))
    (corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    args = ["run", "-q", str(corpus), "--store", str(tmp_path / "s"), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    errors = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and str(corpus / "gone.txt") in errors[0]
    assert "1 file(s): 1 added, 0 replaced, 0 unchanged, 0 failed, 1 unreadable." in result.output


def test_run_no_ocr_refuses_an_image(tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "photo.png"
    Image.new("L", (40, 20), 255).save(photo)
    args = ["run", "-q", "--no-ocr", str(photo), "--store", str(tmp_path / "s")]
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    assert f"error: {photo}: PNG image: needs OCR, which is off (--no-ocr)" in result.output
