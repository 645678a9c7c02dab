"""`lineage` and `cascade` mark the documents no longer in force on --as-of."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_validity import DECISION, LETTERS

from chidao.cli.main import main
from chidao.graph.analysis.questions import document_cascade, document_lineage
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

# 90/QĐ-UBND is based on 12/QĐ-UBND, which 45/QĐ-UBND replaced on 2022-03-01.


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("marks-decisions")
    for name, fields in LETTERS.items():
        (folder / name).write_text(DECISION.format(**fields), encoding="utf-8")
    where = tmp_path_factory.mktemp("marks-store") / "store"
    assert ingest([folder], OxigraphStore(where)).ok
    return where


def _numbers(ended: dict) -> dict[str, tuple[str, str | None, dt.date | None]]:  # type: ignore[type-arg]
    return {k: (c.kind, c.by.number, c.by.date) for k, c in ended.items()}


def test_lineage_marks_the_replaced_document_after_its_replacement(path: Path) -> None:
    store = OxigraphStore(path, read_only=True)
    before = document_lineage(store, "90/QĐ-UBND", as_of=dt.date(2021, 12, 31))
    assert [h.number for c in before.chains for h in c] == ["12/QĐ-UBND"]
    assert before.no_longer_in_force == {}
    after = document_lineage(store, "90/QĐ-UBND", as_of=dt.date(2022, 6, 1))
    target = after.chains[0][0].target
    assert _numbers(after.no_longer_in_force) == {
        target: ("replaced", "45/QĐ-UBND", dt.date(2022, 3, 1))
    }


def test_cascade_marks_its_root(path: Path) -> None:
    store = OxigraphStore(path, read_only=True)
    tree = document_cascade(store, "12/QĐ-UBND", as_of=dt.date(2022, 6, 1))
    assert [n.document.number for n in tree.nodes] == ["90/QĐ-UBND"]
    assert tree.as_of == dt.date(2022, 6, 1)
    assert _numbers(tree.no_longer_in_force) == {
        tree.root.iri: ("replaced", "45/QĐ-UBND", dt.date(2022, 3, 1))
    }
    assert document_cascade(store, "12/QĐ-UBND", as_of=dt.date(2021, 1, 1)).no_longer_in_force == {}


def test_the_commands_show_the_mark_and_a_json_field(path: Path) -> None:
    runner = CliRunner()
    store = ["--store", str(path)]
    note = "no longer in force (replaced by 45/QĐ-UBND on 2022-03-01)"
    out = runner.invoke(main, ["lineage", "90/QĐ-UBND", "--as-of", "2022-06-01", *store])
    assert out.exit_code == 0, out.output
    assert note in " ".join(out.output.split())
    early = runner.invoke(main, ["lineage", "90/QĐ-UBND", "--as-of", "2021-06-01", *store])
    assert "no longer in force" not in early.output
    out = runner.invoke(main, ["cascade", "12/QĐ-UBND", "--as-of", "2022-06-01", *store])
    assert out.exit_code == 0 and note in " ".join(out.output.split())
    js = runner.invoke(
        main, ["cascade", "12/QĐ-UBND", "--as-of", "2022-06-01", "--format", "json", *store]
    )
    data = json.loads(js.output)
    assert data["as_of"] == "2022-06-01"
    (mark,) = data["no_longer_in_force"].values()
    assert (mark["kind"], mark["by"]["number"], mark["by"]["date"]) == (
        "replaced", "45/QĐ-UBND", "2022-03-01"
    )  # fmt: skip
    js = runner.invoke(
        main, ["lineage", "90/QĐ-UBND", "--as-of", "2022-06-01", "--format", "json", *store]
    )
    assert list(json.loads(js.output)["no_longer_in_force"].values())[0]["kind"] == "replaced"
    bad = runner.invoke(main, ["cascade", "12/QĐ-UBND", "--as-of", "June", *store])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
