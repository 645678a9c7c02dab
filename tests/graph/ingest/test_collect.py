"""Registry descriptions no file names any more are dropped: the store equals a clean ingest."""

from __future__ import annotations

import shutil
from pathlib import Path

import _graph_records as R
import pyoxigraph as ox

from chidao.graph.ingest.collect import collect_registry
from chidao.graph.ingest.ingest import ingest
from chidao.graph.rdf.ids import REGISTRY_GRAPHS as REGISTRY
from chidao.graph.store.oxigraph import OxigraphStore


def _quads(store: OxigraphStore) -> list[str]:
    store.flush()
    return sorted(str(q) for q in store._ox)  # the store as a whole, graph names included


def _registry(store: OxigraphStore) -> set[str]:
    return {g for g in store.named_graphs() if g.startswith(REGISTRY)}


def _clean(folder: Path, tmp_path: Path) -> list[str]:
    store = OxigraphStore(tmp_path / "clean")
    ingest([folder], store)
    try:
        return _quads(store)
    finally:
        store.close()


def test_a_fresh_store_has_nothing_to_collect(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    summary = ingest([R.SAMPLES], store)
    assert summary.collected == 0 and _registry(store)
    assert collect_registry(store) == []
    store.close()


def test_a_pruned_file_takes_its_bodies_with_it(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    shutil.copytree(R.SAMPLES, folder)
    store = OxigraphStore(tmp_path / "store")
    ingest([folder], store)
    before = _registry(store)
    (folder / R.BAC_KAN.name).unlink()  # the only letter from Bắc Kạn
    summary = ingest([folder], store, prune=True)
    assert summary.removed == 1 and summary.collected > 0
    assert len(_registry(store)) == len(before) - summary.collected
    assert _quads(store) == _clean(folder, tmp_path)
    store.close()


def test_a_replaced_file_takes_the_bodies_it_no_longer_names(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    shutil.copytree(R.SAMPLES, folder)
    store = OxigraphStore(tmp_path / "store")
    ingest([folder], store)
    # The Bắc Kạn letter's file now holds the Sông Hinh letter (and a line of its own).
    text = R.SONG_HINH.read_text(encoding="utf-8") + "\n\nBản sao.\n"
    (folder / R.BAC_KAN.name).write_text(text, encoding="utf-8")
    summary = ingest([folder], store)
    assert summary.replaced == 1 and summary.collected > 0
    assert _quads(store) == _clean(folder, tmp_path)
    store.close()


def test_collecting_follows_chains_and_stops(tmp_path: Path) -> None:
    """An organisation dropped leaves its unit unreferenced: the next round drops that too."""
    store = OxigraphStore(tmp_path / "store")
    unit, org = "https://w3id.org/chidao/unit/x", "https://w3id.org/chidao/org/y"
    a = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    data = (
        f"<{unit}> {a} <https://w3id.org/chidao/ontology#AdminUnit> <{REGISTRY}u> .\n"
        f"<{org}> {a} <http://www.w3.org/ns/org#Organization> <{REGISTRY}o> .\n"
        f"<{org}> <http://purl.org/dc/terms/spatial> <{unit}> <{REGISTRY}o> .\n"
    )
    store._ox.load(data.encode(), ox.RdfFormat.N_QUADS)
    assert collect_registry(store) == [f"{REGISTRY}o", f"{REGISTRY}u"]
    assert _registry(store) == set()
    store.close()


def test_every_registry_graph_describes_a_term_of_a_registry_class(tmp_path: Path) -> None:
    # Collection reads the registry's classes only (REGISTRY_TYPES): a registry graph of any other
    # class would never be collected.
    from chidao.graph.rdf.build import REGISTRY_TYPES

    store = OxigraphStore(tmp_path / "store")
    ingest([R.SAMPLES], store)
    classes = {t.strip("<>") for t in REGISTRY_TYPES}
    registry = _registry(store)
    described = {
        str(g)
        for (g,) in store.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?t a ?class } VALUES ?class { "
            + " ".join(REGISTRY_TYPES)
            + " } }"
        ).rows
    }
    assert len(registry) > 20 and registry <= described, registry - described
    assert all(c.startswith("http") for c in classes)
    store.close()
