"""``chidao run``: the README's main job on the bundled sample corpus."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from chidao.cli.main import main

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


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
