"""``chidao ingest / query / export / validate / stats`` through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import _graph_records as R
import pytest
from click.testing import CliRunner
from conftest import file_graphs
from rdflib import Dataset, Graph

from chidao.cli.main import main


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = CliRunner().invoke(main, ["ingest", "-q", "--store", str(path), str(R.SAMPLES)])
    assert result.exit_code == 0, result.output
    return str(path)


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_ingest_reports_a_summary_and_is_idempotent(store: str) -> None:
    again = _run("ingest", "--store", store, str(R.SAMPLES))
    assert again.exit_code == 0, again.output
    assert "5 file(s): 0 added, 0 replaced, 5 unchanged, 0 failed" in again.output


def test_ingest_names_a_bad_file_and_exits_1(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(R.SAMPLES, corpus)
    (corpus / "broken.txt").write_bytes(b"")
    result = _run("ingest", "--store", str(tmp_path / "s"), str(corpus))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken.txt" in errors[0]
    assert "5 added" in result.output and "1 failed" in result.output


def test_ingest_uses_the_environment_store(tmp_path: Path) -> None:
    result = CliRunner(env={"CHIDAO_STORE": str(tmp_path / "env")}).invoke(
        main, ["ingest", "-q", str(R.SAMPLES / "004_44141d7364da2aa0.txt")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env").is_dir()


def test_query_formats(store: str) -> None:
    csv_out = _run("query", "@cited-not-in-corpus", "--store", store, "--format", "csv")
    assert csv_out.exit_code == 0, csv_out.output
    rows = list(csv.DictReader(io.StringIO(csv_out.output)))
    assert rows and {"number", "cited_by"} <= set(rows[0])
    js = json.loads(_run("query", "@source-files", "--store", store, "--format", "json").output)
    assert len(js["results"]["bindings"]) == 5
    assert js["head"]["vars"][0] == "file"
    tsv = _run("query", "@source-files", "--store", store, "--format", "tsv").output
    assert tsv.splitlines()[0].startswith("?file\t")
    table = _run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store)
    assert table.exit_code == 0 and "n" in table.output


def test_query_binds_values_safely(store: str) -> None:
    q = "SELECT ?d ?n WHERE { ?d eli:number ?n }"
    hostile = _run("query", q, "--store", store, "--bind", 'n=1"}', "--format", "csv")
    assert hostile.exit_code == 0, hostile.output
    assert hostile.output.splitlines() == ["d,n"]


def test_query_ask(store: str) -> None:
    result = _run("query", "ASK { ?s a eli:LegalResource }", "--store", store)
    assert result.output.strip() == "true"


def test_invalid_query_is_a_clean_error(store: str) -> None:
    result = _run("query", "SELECT WHERE {", "--store", store)
    assert result.exit_code == 1
    assert "invalid SPARQL" in result.output


def test_missing_query_file(store: str) -> None:
    result = _run("query", "@no-such-query.rq", "--store", store)
    assert result.exit_code == 1 and "cannot read the query file" in result.output


def test_query_on_a_missing_store(tmp_path: Path) -> None:
    result = _run("query", "ASK {}", "--store", str(tmp_path / "none"))
    assert result.exit_code == 1 and "chidao ingest" in result.output


@pytest.mark.parametrize(("fmt", "parser"), [("nq", "nquads"), ("trig", "trig")])
def test_export_datasets(store: str, tmp_path: Path, fmt: str, parser: str) -> None:
    out = tmp_path / f"export.{fmt}"
    result = _run("export", "--store", store, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    ds = Dataset()
    ds.parse(out, format=parser)
    graphs = {str(g.identifier): len(g) for g in ds.graphs() if len(g)}
    assert len(file_graphs(graphs)) == 5 and len(graphs) > 5  # and the registry's


def test_export_turtle_to_stdout(store: str) -> None:
    result = CliRunner().invoke(main, ["export", "--store", store, "--format", "ttl"])
    assert result.exit_code == 0
    assert len(Graph().parse(data=result.stdout_bytes, format="turtle")) > 100


def test_validate_conforms(store: str) -> None:
    result = _run("validate", "--store", store)
    assert result.exit_code == 0, result.output
    assert "5 graph(s) checked: conforms" in result.output


def test_stats(store: str) -> None:
    result = _run("stats", "--store", store, "--format", "json")
    stats = json.loads(result.output)
    assert stats["files"] == 5
    assert stats["documents"] >= stats["files"]
    assert stats["quads"] > 0


def test_ingest_optimize_compacts_and_the_store_still_answers(tmp_path) -> None:
    store = str(tmp_path / "store")
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", str(R.SAMPLES), "--store", store, "-q", "--optimize"])
    assert done.exit_code == 0, done.output
    again = runner.invoke(main, ["optimize", "--store", store])
    assert again.exit_code == 0, again.output
    assert "store rebuilt" in again.output
    found = runner.invoke(main, ["lineage", "281-CV/HU", "--store", store, "--format", "json"])
    assert found.exit_code == 0, found.output
    assert "68/NQ-CP" in found.output


def test_optimize_refuses_an_endpoint_and_a_read_only_store(tmp_path) -> None:
    from chidao.errors import StoreError
    from chidao.graph.store.oxigraph import OxigraphStore, optimize_store
    from chidao.graph.store.remote import RemoteStore

    out = CliRunner().invoke(
        main, ["ingest", str(R.SAMPLES), "--endpoint", "http://127.0.0.1:9/q", "--optimize"]
    )
    assert out.exit_code == 2 and "--optimize" in out.output
    with pytest.raises(StoreError, match="embedded"):
        optimize_store(RemoteStore("http://127.0.0.1:9/q"))
    OxigraphStore(tmp_path / "ro").close()
    with pytest.raises(StoreError, match="read-only"):
        optimize_store(OxigraphStore(tmp_path / "ro", read_only=True))


def test_ingest_reports_an_unreadable_path_and_prunes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for sample in (R.SONG_HINH, R.BAC_KAN):
        shutil.copy(sample, corpus / sample.name)
    store = str(tmp_path / "s")
    assert _run("ingest", "-q", "--store", store, str(corpus)).exit_code == 0
    (corpus / R.BAC_KAN.name).unlink()
    (corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = _run("ingest", "--prune", "--store", store, str(corpus))
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(corpus / "gone.txt") in errors[0]
    assert "1 file(s): 0 added, 0 replaced, 1 unchanged, 0 failed, 1 unreadable;" in result.output
    assert "removed" not in result.output
    from chidao.graph.store.oxigraph import OxigraphStore

    with OxigraphStore(store, read_only=True) as opened:
        assert len(file_graphs(opened.graph_counts())) == 2  # the deleted file's graph stays


def test_ingest_no_ocr_refuses_an_image(tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "photo.png"
    Image.new("L", (40, 20), 255).save(photo)
    result = _run("ingest", "--no-ocr", "--store", str(tmp_path / "s"), str(photo))
    assert result.exit_code == 1
    assert f"error: {photo}: PNG image: needs OCR, which is off (--no-ocr)" in result.output


def test_ingest_adopts_a_foreign_store_only_when_told(tmp_path: Path) -> None:
    import pyoxigraph as ox

    path = tmp_path / "theirs"
    db = ox.Store(str(path))
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    db.add(ox.Quad(s, p, ox.Literal("o"), ox.NamedNode("http://example.org/graph/1")))
    db.flush()
    del db
    refused = _run("ingest", "-q", "--store", str(path), str(R.SONG_HINH))
    assert refused.exit_code == 1 and "--adopt" in refused.output
    adopted = _run("ingest", "-q", "--adopt", "--store", str(path), str(R.SONG_HINH))
    assert adopted.exit_code == 0, adopted.output
    assert "1 added" in adopted.output
    from chidao.graph.store.oxigraph import OxigraphStore

    with OxigraphStore(path, read_only=True) as opened:  # chidao's now: no --adopt needed
        assert "http://example.org/graph/1" in opened.graph_counts()
