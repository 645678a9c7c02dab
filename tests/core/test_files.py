"""Output files are written whole: never half-written, never a stray temporary file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chidao.errors import ChidaoError
from chidao.files import write_text_whole


def test_a_new_file_replaces_the_old_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "view.html"
    path.write_text("old", encoding="utf-8")
    write_text_whole("new ✓", path, "view")
    assert path.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "report.html"
    path.write_text("old", encoding="utf-8")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(ChidaoError, match="cannot write the report: No space left"):
        write_text_whole("new", path, "report")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_missing_folder_is_one_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(ChidaoError, match="cannot write the view") as err:
        write_text_whole("x", tmp_path / "nowhere" / "v.html", "view")
    assert "v.html" in str(err.value.source)
