"""Validity: a decision amended, then replaced, and its replacement replaced in turn."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal

from chidao.cli.main import main
from chidao.graph.analysis.lookup import resolve_document
from chidao.graph.analysis.validity import document_status, in_force_version, not_in_force
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore
from chidao.graph.store.results import load_query

DECISION = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH

Số: {number}/QĐ-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Ninh Bình, ngày {day} tháng {month} năm {year}

QUYẾT ĐỊNH
{subject}

ỦY BAN NHÂN DÂN TỈNH NINH BÌNH

Điều 1. {article}

Điều 2. Quyết định này có hiệu lực kể từ ngày ký{tail}.

Nơi nhận:
- Như Điều 2,
- Lưu VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Phạm Quang Ngọc
"""

LETTERS = {
    "a.txt": dict(
        number="12",
        day="15",
        month="01",
        year="2020",
        subject="Ban hành Quy chế quản lý cụm công nghiệp",
        article="Ban hành kèm theo Quyết định này Quy chế quản lý cụm công nghiệp.",
        tail="",
    ),
    "b.txt": dict(
        number="30",
        day="10",
        month="03",
        year="2021",
        subject="Sửa đổi, bổ sung Quy chế quản lý cụm công nghiệp",
        article="Sửa đổi, bổ sung một số điều của Quyết định số 12/QĐ-UBND ngày 15/01/2020 "
        "của Ủy ban nhân dân tỉnh Ninh Bình như sau.",
        tail="",
    ),
    "c.txt": dict(
        number="45",
        day="01",
        month="03",
        year="2022",
        subject="Ban hành Quy chế quản lý cụm công nghiệp",
        article="Ban hành Quy chế quản lý cụm công nghiệp.",
        tail=" và thay thế Quyết định số 12/QĐ-UBND ngày 15/01/2020 của Ủy ban nhân dân "
        "tỉnh Ninh Bình",
    ),
    "d.txt": dict(
        number="8",
        day="05",
        month="02",
        year="2023",
        subject="Ban hành Quy chế quản lý cụm công nghiệp",
        article="Ban hành Quy chế quản lý cụm công nghiệp.",
        tail=" và thay thế Quyết định số 45/QĐ-UBND ngày 01/3/2022 của Ủy ban nhân dân "
        "tỉnh Ninh Bình",
    ),
    # cites the first decision: a citation of a document no longer in force from 2022
    "e.txt": dict(
        number="90",
        day="20",
        month="06",
        year="2022",
        subject="Kế hoạch phát triển cụm công nghiệp",
        article="Căn cứ Quyết định số 12/QĐ-UBND ngày 15/01/2020 của Ủy ban nhân dân tỉnh "
        "Ninh Bình, ban hành Kế hoạch phát triển cụm công nghiệp.",
        tail="",
    ),
}


def write_decisions(folder: Path) -> Path:
    """Write the decisions of :data:`LETTERS` into ``folder``; returns it."""
    for name, fields in LETTERS.items():
        (folder / name).write_text(DECISION.format(**fields), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    folder = write_decisions(tmp_path_factory.mktemp("decisions"))
    s = OxigraphStore(tmp_path_factory.mktemp("store") / "store")
    ingest([folder], s)
    return s


def _status(store: OxigraphStore, number: str, as_of: str):
    iri = resolve_document(store, number)
    return document_status(store, iri, dt.date.fromisoformat(as_of))


def test_status_follows_the_amend_replace_chain(store: OxigraphStore) -> None:
    assert _status(store, "12/QĐ-UBND", "2019-12-31").state == "not-yet-issued"
    assert _status(store, "12/QĐ-UBND", "2020-06-01").state == "in-force"
    amended = _status(store, "12/QĐ-UBND", "2021-06-01")
    assert (amended.state, amended.in_force) == ("amended", True)
    assert [c.by.number for c in amended.changes] == ["30/QĐ-UBND"]
    assert [c.by.number for c in amended.later] == ["45/QĐ-UBND"]
    replaced = _status(store, "12/QĐ-UBND", "2022-06-01")
    assert (replaced.state, replaced.in_force) == ("replaced", False)
    assert "replaced by 45/QĐ-UBND" in replaced.reason()
    assert [(v.document.number, v.state) for v in replaced.chain] == [("45/QĐ-UBND", "in-force")]
    # a year on, the replacement is replaced too: the chain runs to the version in force
    twice = _status(store, "12/QĐ-UBND", "2023-06-01")
    assert [(v.document.number, v.state) for v in twice.chain] == [("45/QĐ-UBND", "replaced")]
    assert [d.number for d in in_force_version(twice)] == ["8/QĐ-UBND"]


def test_status_command(store: OxigraphStore) -> None:
    store.flush()
    runner = CliRunner()
    args = ["status", "12/QĐ-UBND", "--store", str(store.path), "--as-of", "2023-06-01"]
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "not in force: replaced by 45/QĐ-UBND" in res.output
    assert "8/QĐ-UBND" in res.output
    res = runner.invoke(main, [*args, "--format", "json"])
    data = json.loads(res.output)
    assert (data["state"], data["in_force"]) == ("replaced", False)
    assert [d["number"] for d in data["in_force_version"]] == ["8/QĐ-UBND"]
    res = runner.invoke(main, [*args, "--format", "csv"])
    assert res.output.splitlines()[1:] == [
        "12/QĐ-UBND,2023-06-01,replaced,False,amended,30/QĐ-UBND,2021-03-10,"
        "https://w3id.org/chidao/doc/uy-ban-nhan-dan-tinh-ninh-binh/2021/30-qd-ubnd",
        "12/QĐ-UBND,2023-06-01,replaced,False,replaced,45/QĐ-UBND,2022-03-01,"
        "https://w3id.org/chidao/doc/uy-ban-nhan-dan-tinh-ninh-binh/2022/45-qd-ubnd",
    ]
    res = runner.invoke(main, ["status", "77/QĐ-UBND", "--store", str(store.path)])
    assert res.exit_code == 1 and "no document numbered '77/QĐ-UBND'" in res.output


def test_saved_query_of_citations_of_documents_not_in_force(store: OxigraphStore) -> None:
    query = load_query("@citations-of-documents-not-in-force")

    def stale(as_of: str) -> dict[str, tuple[str, str]]:
        result = store.query(query, {"as_of": Literal(as_of)})
        return {str(r[2]): (str(r[4]), str(r[5] or "")) for r in result.rows}

    assert stale("2021-06-01")["90/QĐ-UBND"] == ("0", "")
    assert stale("2022-06-01")["90/QĐ-UBND"] == ("1", "12/QĐ-UBND replaced by 45/QĐ-UBND")
    assert stale("2022-06-01")["30/QĐ-UBND"] == ("1", "12/QĐ-UBND replaced by 45/QĐ-UBND")


def test_lookup_of_a_file_name(store: OxigraphStore, tmp_path: Path) -> None:
    v = document_status(store, resolve_document(store, "b.txt"), dt.date(2022, 1, 1))
    assert (v.document.number, v.state) == ("30/QĐ-UBND", "in-force")


def test_not_in_force_marks_a_batch(store: OxigraphStore) -> None:
    iris = [resolve_document(store, n) for n in ("12/QĐ-UBND", "45/QĐ-UBND", "8/QĐ-UBND")]
    ended = not_in_force(store, iris, dt.date(2022, 6, 1))
    assert {iris.index(k): (c.kind, c.by.date) for k, c in ended.items()} == {
        0: ("replaced", dt.date(2022, 3, 1))
    }
    later = not_in_force(store, iris, dt.date(2023, 6, 1))
    assert sorted(iris.index(k) for k in later) == [0, 1]
    assert not_in_force(store, [], dt.date(2023, 6, 1)) == {}
