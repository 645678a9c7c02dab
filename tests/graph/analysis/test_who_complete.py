"""`who` answers every question about an organisation, zero counts included."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_duties import DIRECTIVE, REPORT

from chidao.cli.main import main
from chidao.graph.analysis.questions import organisation_activity
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

# The province's letter, also copied (Nơi nhận) to a district it does not address.
LETTER = DIRECTIVE.replace("- Như trên,\n", "- Như trên,\n- Huyện ủy Hoa Lư,\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("who-letters")
    (d / "217.txt").write_text(LETTER, encoding="utf-8")
    reply = REPORT.format(upper="KIM SƠN", number="45", place="Kim Sơn", day="25", month="6")
    (d / "ks.txt").write_text(reply, encoding="utf-8")
    path = tmp_path_factory.mktemp("who-store") / "store"
    assert ingest([d], OxigraphStore(path)).ok
    return path


def _who(path: Path, name: str):  # type: ignore[no-untyped-def]
    return organisation_activity(OxigraphStore(path, read_only=True), name).activity


def test_an_addressee_assigned_a_task_sees_it_with_its_deadline(store: Path) -> None:
    a = _who(store, "Huyện ủy Nho Quan")
    assert [r.number for r in a.received] == ["217-CV/TU"]
    dated = [t for t in a.tasks if t.deadline is not None]
    assert [(t.number, t.deadline) for t in dated] == [("217-CV/TU", dt.date(2021, 6, 15))]
    assert "kiện toàn Ban Chỉ đạo" in dated[0].text
    assert a.counts["issued"] == 0 and a.counts["carried_out"] == 0 and a.counts["copied"] == 0
    assert a.counts["tasks"] == len(a.tasks) >= 1


def test_a_copy_is_not_a_receipt(store: Path) -> None:
    a = _who(store, "Huyện ủy Hoa Lư")
    assert [c.number for c in a.copied] == ["217-CV/TU"]
    assert a.counts == {
        "issued": 0, "received": 0, "copied": 1, "assigned": 0, "tasks": 0, "carried_out": 0
    }  # fmt: skip


def test_what_an_organisation_carried_out(store: Path) -> None:
    a = _who(store, "Huyện ủy Kim Sơn")
    assert [(c.number, c.implements) for c in a.carried_out] == [("45-BC/HU", ["217-CV/TU"])]
    assert a.counts["issued"] == 1 and a.counts["carried_out"] == 1


def test_the_command_shows_every_category_with_zeros(store: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["who", "Huyện ủy Hoa Lư", "--store", str(store)])
    assert out.exit_code == 0, out.output
    for line in ("issued (0)", "received (Kính gửi) (0)", "tasks (0)", "carried out (0)"):
        assert line in out.output
    assert "copied on (Nơi nhận) (1)" in out.output
    js = runner.invoke(
        main, ["who", "Huyện ủy Nho Quan", "--store", str(store), "--format", "json"]
    )
    data = json.loads(js.output)
    assert data["counts"]["issued"] == 0 and data["issued"] == []
    assert any(t["deadline"] == "2021-06-15" for t in data["tasks"])
    assert data["carried_out"] == []
