"""The NIF view (``chidao export --provenance full``): every stored span spelt out again."""

from __future__ import annotations

from pathlib import Path

import _graph_records as R
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from chidao.cli.main import main
from chidao.extract.batch import extract_file
from chidao.graph.ingest.ingest import ingest
from chidao.graph.rdf.nif import stored_spans
from chidao.graph.store.oxigraph import OxigraphStore
from chidao.ontology.namespaces import CHIDAO, ITSRDF, NIF, RDF


def test_full_export_spells_out_every_span_with_its_text(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    store = OxigraphStore(store_dir)
    ingest([R.SAMPLES], store)
    spans = list(stored_spans(store))
    store.close()
    # Every span the records hold is stored: one statement each.
    records = [extract_file(p) for p in sorted(R.SAMPLES.glob("*.txt"))]
    assert len({s.iri for s in spans}) >= 100
    # the reporting duties' spans are span kinds too, so they are spelt out
    assert any(s.kind.holder == "duty" for s in spans)
    out = tmp_path / "full.nq"
    result = CliRunner().invoke(
        main, ["export", "--store", str(store_dir), "--provenance", "full", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    ds = Dataset(default_union=True)
    ds.parse(out, format="nquads")
    texts = {r.sha256: Path(r.source).read_text(encoding="utf-8") for r in records}
    nif = set(ds.subjects(RDF.type, NIF.OffsetBasedString))
    assert nif == {URIRef(s.iri) for s in spans}
    for m in nif:
        b, e = int(ds.value(m, NIF.beginIndex)), int(ds.value(m, NIF.endIndex))
        sha = str(ds.value(m, NIF.referenceContext)).rsplit("/", 1)[1]
        assert str(ds.value(m, NIF.anchorOf)) == texts[sha][b:e]
        assert ds.value(None, CHIDAO.evidence, m) is not None
    # A recipient's span names its organisation, as the stored statement says.
    named = [s for s in spans if s.kind.name == "recipient" and s.holder != s.doc]
    assert named
    for s in named:
        assert (URIRef(s.iri), ITSRDF.taIdentRef, URIRef(s.holder)) in ds


def test_stored_export_has_no_nif_strings(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    ingest([R.SAMPLES], store)
    rows = store.query("SELECT ?m WHERE { ?m a nif:OffsetBasedString }").rows
    assert list(rows) == []
