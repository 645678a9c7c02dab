"""Ingest and bad paths: each is reported as ``unreadable``, the run goes on, prune holds back."""

from __future__ import annotations

import shutil
from pathlib import Path

import _graph_records as R
from conftest import file_graphs

from chidao.graph.ingest.ingest import FileResult, ingest
from chidao.graph.store.oxigraph import OxigraphStore


def _folder(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in names:
        shutil.copy(R.SAMPLES / name, folder / name)
    return folder


def test_a_dangling_link_is_reported_and_the_good_file_ingested(tmp_path: Path) -> None:
    folder = _folder(tmp_path, R.SONG_HINH.name)
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    store = OxigraphStore()
    results: list[FileResult] = []
    summary = ingest([folder], store, progress=results.append)
    assert (summary.added, summary.unreadable, summary.failed) == (1, 1, 0)
    assert not summary.ok
    bad = [r for r in results if r.status == "unreadable"]
    assert len(bad) == 1 and bad[0].source == str(folder / "gone.txt")
    line = f"error: {folder / 'gone.txt'}: dangling symbolic link (to {tmp_path / 'nowhere.txt'})"
    assert bad[0].messages == (f"{line}; skipped",)
    assert len(file_graphs(store.graph_counts())) == 1


def test_prune_holds_back_when_a_path_was_unreadable(tmp_path: Path) -> None:
    folder = _folder(tmp_path, R.SONG_HINH.name, R.BAC_KAN.name)
    store = OxigraphStore()
    assert ingest([folder], store).added == 2
    (folder / R.BAC_KAN.name).unlink()
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    summary = ingest([folder], store, prune=True)
    # The walk was incomplete: the missing file may only be unlisted, so nothing is dropped.
    assert (summary.unreadable, summary.removed) == (1, 0)
    assert len(file_graphs(store.graph_counts())) == 2
    (folder / "gone.txt").unlink()
    summary = ingest([folder], store, prune=True)
    assert (summary.unreadable, summary.removed) == (0, 1) and summary.ok
    assert len(file_graphs(store.graph_counts())) == 1


def test_a_path_named_twice_and_a_bad_one_named_directly(tmp_path: Path) -> None:
    folder = _folder(tmp_path, R.SONG_HINH.name)
    link = tmp_path / "loose.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    results: list[FileResult] = []
    summary = ingest(
        [folder, folder / R.SONG_HINH.name, link], OxigraphStore(), progress=results.append
    )
    # A missing file named on its own is the extractor's to report: it fails, it is not walked.
    assert summary.added == 1 and summary.skipped == 1
    assert summary.failed + summary.unreadable == 1 and not summary.ok
    assert [r.source for r in results if r.status in ("failed", "unreadable")] == [str(link)]


def test_ocr_off_refuses_an_image(tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "photo.png"
    Image.new("L", (40, 20), 255).save(photo)
    results: list[FileResult] = []
    summary = ingest([photo], OxigraphStore(), ocr=False, progress=results.append)
    assert summary.failed == 1
    (result,) = results
    assert result.messages == (f"error: {photo}: PNG image: needs OCR, which is off (--no-ocr)",)


def test_the_total_counts_one_progress_call_per_path(tmp_path: Path) -> None:
    folder = _folder(tmp_path, R.SONG_HINH.name)
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    totals: list[int] = []
    results: list[FileResult] = []
    ingest([folder], OxigraphStore(), on_start=totals.append, progress=results.append)
    assert totals == [2] and len(results) == 2
