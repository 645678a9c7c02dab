"""The list of documents known only from citations (graph/cited-only) stays what the store says.

The link stage checks, after each write, only the documents the write may have changed the
standing of; these tests check that list against the whole derivation after every step of
ingests, replacements and removals, and that a store without the list gets it at its next
ingest.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from _letters import DATED, PLAN, YEARLESS, write_letter, write_letters
from test_link_order import _generator

import chidao.graph.ingest.cited as cited
from chidao.graph.ingest.cited import derive, is_derived, listed
from chidao.graph.ingest.ingest import ingest
from chidao.graph.rdf.cited import CITED_ONLY
from chidao.graph.rdf.terms import drop_graphs
from chidao.graph.store.oxigraph import OxigraphStore

#: The plan as cited without its year: a placeholder, typed while nothing resolves it.
PLACEHOLDER = "https://w3id.org/chidao/doc/tinh-uy-ninh-binh/_/12-kh-tu"
PROVINCE_COMMITTEE = "https://w3id.org/chidao/org/tinh-uy-ninh-binh"


def _check(store: OxigraphStore) -> dict[str, str | None]:
    assert is_derived(store)
    now = listed(store)
    assert now == derive(store), "the list differs from what the store says"
    return now


def test_a_year_less_citation_lists_its_placeholder_until_the_plan_is_named(
    tmp_path: Path,
) -> None:
    folder = write_letters(tmp_path / "letters", {"kim-son.txt": YEARLESS})
    store = OxigraphStore(tmp_path / "store")
    ingest([folder], store)
    assert _check(store) == {PLACEHOLDER: PROVINCE_COMMITTEE}

    # Yên Khánh names the plan in full: the placeholder resolves to it, and it is listed.
    write_letter(folder, "yen-khanh.txt", DATED)
    ingest([folder], store)
    assert _check(store) == {PLAN: PROVINCE_COMMITTEE}

    # Yên Khánh's letter goes: the plan is known no more, the placeholder is listed again.
    (folder / "yen-khanh.txt").unlink()
    assert ingest([folder], store, prune=True).removed == 1
    assert _check(store) == {PLACEHOLDER: PROVINCE_COMMITTEE}


def test_a_store_without_the_list_gets_it_at_its_next_ingest(tmp_path: Path) -> None:
    folder = write_letters(tmp_path / "letters", {"kim-son.txt": YEARLESS, "yen-khanh.txt": DATED})
    store = OxigraphStore(tmp_path / "store")
    ingest([folder], store)
    before = _check(store)
    store.update(drop_graphs([CITED_ONLY]))  # as a store written before the list existed
    assert not is_derived(store) and listed(store) == {}
    summary = ingest([folder], store)  # nothing new to ingest
    assert summary.files == 2
    assert _check(store) == before


@pytest.mark.parametrize("seed", [1, 2])
def test_checking_only_what_each_write_changes_keeps_the_whole_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    # Generated letters cite central documents never ingested, provincial ones with and
    # without their year, and each other; files come, are replaced and go in random steps.
    source = tmp_path / "generated"
    _generator().write_corpus(source, 30, seed=seed)
    files = sorted(source.rglob("*.txt"))
    monkeypatch.setattr(cited, "MIN_WHOLE", 10**9)  # never the whole derivation
    rng = random.Random(seed)
    folder = tmp_path / "in"
    folder.mkdir()
    store = OxigraphStore(tmp_path / "store")
    present: dict[str, Path] = {}
    for step in range(8):
        for f in rng.sample(files, 6):  # some arrive (or arrive again)
            present[f.name] = f
        for name in rng.sample(sorted(present), min(2, len(present))):
            del present[name]  # some go
        if present and step % 3 == 2:  # one is replaced by another letter's text
            name = rng.choice(sorted(present))
            present[name] = rng.choice(files)
        for old in folder.iterdir():
            if old.name not in present:
                old.unlink()
        for name, f in present.items():
            target = folder / name
            if not target.exists() or target.read_bytes() != f.read_bytes():
                shutil.copyfile(f, target)
        ingest([folder], store, batch_size=4, prune=True)
        _check(store)
    assert listed(store), "the generated letters cite documents that are not ingested"
