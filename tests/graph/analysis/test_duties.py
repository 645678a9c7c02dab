"""Duties in the graph and as of a date: one district reported on time, one late, one never."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from chidao.cli.main import main
from chidao.extract.pipeline import extract_text
from chidao.graph.analysis.duties import duty_statuses
from chidao.graph.analysis.lookup import find_organisation, resolve_document
from chidao.graph.ingest.ingest import ingest
from chidao.graph.rdf.build import printed_label, record_graph
from chidao.graph.rdf.validate import validate_graph
from chidao.graph.store.oxigraph import OxigraphStore
from chidao.graph.store.results import load_query
from chidao.ontology.namespaces import CHIDAO, DCTERMS, ELI, NIF, ODRL2, RDF

DIRECTIVE = """TỈNH ỦY NINH BÌNH

Số 217-CV/TU

ĐẢNG CỘNG SẢN VIỆT NAM

Ninh Bình, ngày 07 tháng 5 năm 2021

V/v sơ kết công tác phòng, chống thiên tai

Kính gửi:
- Huyện ủy Kim Sơn,
- Huyện ủy Yên Mô,
- Huyện ủy Nho Quan.

Ban Thường vụ Tỉnh ủy yêu cầu:

1. Các huyện ủy tổ chức sơ kết công tác phòng, chống thiên tai và báo cáo kết quả thực hiện \
về Ban Thường vụ Tỉnh ủy (qua Văn phòng Tỉnh ủy) trước ngày 30/6/2021.

2. Sở Nông nghiệp và Phát triển nông thôn chủ trì rà soát các công trình đê điều, định kỳ \
hằng quý báo cáo Ủy ban nhân dân tỉnh.

3. Huyện ủy Nho Quan hoàn thành việc kiện toàn Ban Chỉ đạo trước ngày 15/6/2021.

4. Huyện ủy Kim Sơn rà soát đảng viên được kết nạp trước ngày 01/01/2016.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Trần Văn Nam
"""

REPORT = """ĐẢNG BỘ TỈNH NINH BÌNH
HUYỆN ỦY {upper}

Số {number}-BC/HU

ĐẢNG CỘNG SẢN VIỆT NAM

{place}, ngày {day} tháng {month} năm 2021

BÁO CÁO
kết quả thực hiện Công văn số 217-CV/TU ngày 07/5/2021 của Ban Thường vụ Tỉnh ủy

Thực hiện Công văn số 217-CV/TU ngày 07/5/2021 của Ban Thường vụ Tỉnh ủy về sơ kết công \
tác phòng, chống thiên tai, Ban Thường vụ Huyện ủy báo cáo kết quả như sau:

1. Huyện ủy đã tổ chức sơ kết tại 100% tổ chức cơ sở đảng.

Nơi nhận:
- Ban Thường vụ Tỉnh ủy (b/c),
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Nguyễn Văn An
"""

KIM_SON = "Huyện ủy Kim Sơn"
YEN_MO = "Huyện ủy Yên Mô"
NHO_QUAN = "Huyện ủy Nho Quan"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("letters")
    (d / "217.txt").write_text(DIRECTIVE, encoding="utf-8")
    # Kim Sơn reports before the deadline, Yên Mô ten days after it, Nho Quan never.
    on_time = REPORT.format(upper="KIM SƠN", number="45", place="Kim Sơn", day="25", month="6")
    late = REPORT.format(upper="YÊN MÔ", number="52", place="Yên Mô", day="10", month="7")
    (d / "ks.txt").write_text(on_time, encoding="utf-8")
    (d / "ym.txt").write_text(late, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def store(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    s = OxigraphStore(tmp_path_factory.mktemp("store") / "store")
    ingest([folder], s)
    return s


def _reports(store: OxigraphStore, as_of: str) -> dict[str | None, tuple]:
    report = duty_statuses(store, dt.date.fromisoformat(as_of))
    return {
        d.assignee: (d.status, d.days, d.evidence.number if d.evidence else None)
        for d in report.duties
        if d.kind == "report" and d.repeat is None
    }


def test_on_time_late_never(store: OxigraphStore) -> None:
    assert _reports(store, "2021-10-01") == {
        KIM_SON: ("met", None, "45-BC/HU"),
        YEN_MO: ("late", 10, "52-BC/HU"),
        NHO_QUAN: ("overdue", 93, None),
    }


def test_before_the_deadline_nothing_is_overdue(store: OxigraphStore) -> None:
    assert _reports(store, "2021-06-20") == {
        KIM_SON: ("due-soon", 10, None),  # its report is dated after 20 June
        YEN_MO: ("due-soon", 10, None),
        NHO_QUAN: ("due-soon", 10, None),
    }
    assert _reports(store, "2021-05-01") == {}  # the directive is not issued yet


def test_never_reported_workload_and_filters(store: OxigraphStore) -> None:
    report = duty_statuses(store, dt.date(2021, 10, 1))
    never = {(d.assignee, d.status) for d in report.never_reported}
    assert (NHO_QUAN, "overdue") in never
    assert KIM_SON not in {a for a, _ in never} and YEN_MO not in {a for a, _ in never}
    # The quarterly report of an unresolved body: open, judged on its last quarter.
    quarterly = [d for d in report.duties if d.repeat == "P3M"]
    assert [(d.kind, d.assignee, d.due, d.status) for d in quarterly] == [
        ("task", "Sở Nông nghiệp và Phát triển nông thôn", dt.date(2021, 9, 30), "overdue"),
        ("report", "Sở Nông nghiệp và Phát triển nông thôn", dt.date(2021, 9, 30), "overdue"),
    ]
    workload = {w.organisation: w.counts for w in report.workload}
    assert workload[NHO_QUAN] == {"overdue": 3}  # the task, its report, its own task
    # "kết nạp trước ngày 01/01/2016": a cut-off before the letter, no deadline (met by the
    # report that cites the letter)
    assert workload[KIM_SON] == {"met": 3}
    cut_off = [d for d in report.duties if d.text.startswith("4.")]
    assert [(d.due, d.status) for d in cut_off] == [(None, "met")]
    org = find_organisation(store, "huyen uy yen mo")
    mine = duty_statuses(store, dt.date(2021, 10, 1), org=org)
    assert {d.assignee for d in mine.duties} == {YEN_MO}
    doc = resolve_document(store, "217-CV/TU")
    assert {d.directive for d in duty_statuses(store, dt.date(2021, 10, 1), source=doc).duties} == {
        doc
    }


def test_duties_command_json_csv_table(store: OxigraphStore, tmp_path: Path) -> None:
    runner = CliRunner()
    path = str(store.path)
    store.flush()
    args = ["duties", "--store", path, "--as-of", "2021-10-01"]
    res = runner.invoke(main, [*args, "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["as_of"] == "2021-10-01"
    rows = [r for r in data["duties"] if r["kind"] == "report" and r["due"] == "2021-06-30"]
    assert {(r["assignee"], r["status"], r["evidence_number"]) for r in rows} == {
        (KIM_SON, "met", "45-BC/HU"),
        (YEN_MO, "late", "52-BC/HU"),
        (NHO_QUAN, "overdue", None),
    }
    res = runner.invoke(main, [*args, "--format", "csv", "--org", "Huyện ủy Nho Quan"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("status,days,due")
    assert lines[1].startswith("overdue,108,2021-06-15,,task,Huyện ủy Nho Quan")
    assert all(line.startswith("overdue,93,2021-06-30") for line in lines[2:]) and len(lines) == 4
    res = runner.invoke(main, args)
    assert res.exit_code == 0 and "93 days overdue" in res.output and "52-BC/HU" in res.output
    res = runner.invoke(main, [*args, "--source", "999-CV/TU"])
    assert res.exit_code == 1 and "no document numbered '999-CV/TU'" in res.output


def test_the_saved_query_counts_overdue_duties(store: OxigraphStore) -> None:
    query = load_query("@overdue-duties-by-organisation")
    result = store.query(query, {"as_of": Literal("2021-10-01")})
    rows = [[str(t) if t is not None else None for t in row] for row in result.rows]
    # Only the resolved assignee counts here (groups are expanded by `chidao duties`).
    assert rows == [
        ["2021-10-01", NHO_QUAN, "1", "1", "1", "108"],
        ["2021-10-01", KIM_SON, "1", "0", "0", None],  # a cut-off date is no deadline
    ]
    result = store.query(query, {"as_of": Literal("2021-06-01")})
    assert sorted([str(t) for t in row][3:5] for row in result.rows) == [["0", "0"], ["1", "0"]]


def test_duties_in_the_graph_are_odrl_with_spans(folder: Path) -> None:
    text = (folder / "217.txt").read_text(encoding="utf-8")
    record = extract_text(text, str(folder / "217.txt"))
    g = record_graph(record)
    reports = list(g.subjects(ODRL2.action, ODRL2.inform))
    assert len(reports) == 2
    first = next(
        r
        for r in reports
        if g.value(r, ODRL2.informedParty) is not None
        and str(
            g.value(
                g.value(r, ODRL2.informedParty),
                URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
            )
        )
        == "Tỉnh ủy Ninh Bình"
    )
    assert (None, ODRL2.obligation, first) in g
    assert g.value(first, DCTERMS.isPartOf) is not None
    assert (
        str(
            g.value(
                g.value(first, CHIDAO.via), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
            )
        )
        == "Văn phòng Tỉnh ủy Ninh Bình"
    )
    dues = {str(g.value(c, ODRL2.rightOperand)) for c in g.objects(first, ODRL2.constraint)}
    assert dues == {"2021-06-30"}

    def spelled(prop: URIRef, holder: URIRef = first) -> str:
        # one statement per span: its IRI holds the offsets (<file/SHA#char=b,e>)
        (m,) = list(g.objects(holder, prop))
        b, e = map(int, str(m).rsplit("#char=", 1)[1].split(","))
        return text[b:e]

    anchors = {
        "target": spelled(CHIDAO.reportTargetSpan),
        "via": spelled(CHIDAO.viaSpan),
        "subject": spelled(CHIDAO.reportSubjectSpan),
        "duty": spelled(CHIDAO.taskSpan),
    }
    assert anchors["target"] == "Ban Thường vụ Tỉnh ủy"
    assert anchors["via"] == "Văn phòng Tỉnh ủy"
    assert anchors["subject"] == "kết quả thực hiện"
    assert anchors["duty"].startswith("Các huyện ủy tổ chức sơ kết")
    (c,) = list(g.objects(first, ODRL2.constraint))
    assert spelled(CHIDAO.deadlineSpan, c) == "trước ngày 30/6/2021"
    assert not list(g.subjects(RDF.type, NIF.OffsetBasedString))  # the lean model: no NIF strings
    # the quarterly report: its first due date and the repeat
    quarterly = next(r for r in reports if r != first)
    (c,) = list(g.objects(quarterly, ODRL2.constraint))
    assert str(g.value(c, ODRL2.rightOperand)) == "2021-06-30"
    assert str(g.value(c, CHIDAO.repeat)) == "P3M"
    assert validate_graph(g) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--org", "Huyện ủy Không Có"], "no organisation called 'Huyện ủy Không Có'"),
        (["--as-of", "2021-13-01"], "Invalid value for '--as-of'"),
        (["--source", '1"}/X'], "no document numbered"),
    ],
)
def test_duties_command_bad_input_is_one_clear_line(
    store: OxigraphStore, extra: list[str], message: str
) -> None:
    store.flush()
    res = CliRunner().invoke(main, ["duties", "--store", str(store.path), *extra])
    assert res.exit_code != 0 and message in res.output
    assert "Traceback" not in res.output


_COUNT = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s {p} ?o }} }}"


def test_the_store_is_lean_and_the_full_export_is_complete_odrl(
    folder: Path, tmp_path: Path
) -> None:
    store_dir = tmp_path / "store"
    lean = OxigraphStore(store_dir)
    ingest([folder], lean)
    # Stored: no per-duty assigner, no per-task action, no constant operands.
    for p in ("odrl:assigner", "odrl:leftOperand", "odrl:operator"):
        assert int(next(iter(lean.query(_COUNT.format(p=p)).rows))[0]) == 0, p
    lean.close()
    out = tmp_path / "full.nq"
    result = CliRunner().invoke(
        main, ["export", "--store", str(store_dir), "--provenance", "full", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    ds = Dataset(default_union=True)
    ds.parse(out, format="nquads")
    pairs = list(ds.subject_objects(ODRL2.obligation))
    assert pairs
    for doc, duty in pairs:
        # Every duty: one action (a task's is carry-out), its document's issuer as assigner.
        assert (duty, RDF.type, ODRL2.Duty) in ds
        actions = set(ds.objects(duty, ODRL2.action))
        assert len(actions) == 1 and actions <= {CHIDAO.carryOut, ODRL2.inform}, duty
        assert set(ds.objects(duty, ODRL2.assigner)) == set(ds.objects(doc, ELI.passed_by))
        if ODRL2.inform not in actions:  # a task: its label as its text opens with it
            text = str(ds.value(duty, DCTERMS.description))
            label = ds.value(duty, CHIDAO.taskLabel)
            assert (label is None) == (printed_label(text) is None)
            assert label is None or text.startswith(str(label))
    constraints = {o for _, o in ds.subject_objects(ODRL2.constraint)}
    assert constraints
    for c in constraints:
        assert ds.value(c, ODRL2.leftOperand) == ODRL2.dateTime
        assert ds.value(c, ODRL2.operator) == ODRL2.lteq
