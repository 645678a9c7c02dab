"""``chidao lineage / cascade / gaps / hubs / who`` end to end on the sample corpus."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from chidao.cli.main import main
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.oxigraph import OxigraphStore

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
SONG_HINH = "004_44141d7364da2aa0.txt"  # 281-CV/HU of Huyện ủy Sông Hinh
DOC = "https://w3id.org/chidao/doc/"


def _ingest(paths: list[Path], folder: Path) -> str:
    store = OxigraphStore(folder)
    try:
        summary = ingest(paths, store)
    finally:
        store.close()
    assert summary.ok, summary.errors
    return str(folder)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> str:
    # The flow: `chidao ingest data/samples`, then the analysis commands.
    store = str(tmp_path_factory.mktemp("samples") / "store")
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--store", store, "-q"])
    assert result.exit_code == 0, result.output
    return store


def run(store: str, *args: str):
    # A wide terminal: rich would otherwise wrap the lines the assertions read.
    runner = CliRunner(env={"COLUMNS": "200"})
    return runner.invoke(main, [*args, "--store", store], catch_exceptions=False)


def as_json(store: str, *args: str):
    result = run(store, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_lineage_of_the_song_hinh_letter(sample_store) -> None:
    data = as_json(sample_store, "lineage", "281-CV/HU")
    assert data["document"]["issuer_name"] == "Huyện ủy Sông Hinh"
    hops = sorted(
        (h["number"], h["relation"], h["issuer_name"], h["level"], h["lag_days"])
        for chain in data["chains"]
        for h in chain
    )
    assert hops == [
        ("125-KL/TU", "implements", "Tỉnh ủy Phú Yên", "province", 1),
        ("68/NQ-CP", "implements", "Chính phủ", "central", 67),
    ]

    out = run(sample_store, "lineage", "281-CV/HU").output
    assert "281-CV/HU · Huyện ủy Sông Hinh · district · 2021-09-06" in out
    assert "implements → 125-KL/TU · Tỉnh ủy Phú Yên · province · 2021-09-05 · 1 day before" in out
    assert "implements → 68/NQ-CP · Chính phủ · central · 2021-07-01 · 67 days before" in out


def test_cascade_of_resolution_68(sample_store) -> None:
    data = as_json(sample_store, "cascade", "68/NQ-CP")
    assert data["root"]["number"] == "68/NQ-CP"
    nodes = [
        (n["document"]["number"], n["document"]["level"], n["days_from_root"], n["relation"])
        for n in data["nodes"]
    ]
    assert nodes == [
        ("309-CV/TU", "province", 19, "implements"),
        ("281-CV/HU", "district", 67, "implements"),
    ]
    levels = [(s["level"], s["count"], s["first_days"], s["issuers"]) for s in data["levels"]]
    assert levels == [
        ("province", 1, 19, ["Tỉnh ủy Bắc Kạn"]),
        ("district", 1, 67, ["Huyện ủy Sông Hinh"]),
    ]

    out = run(sample_store, "cascade", "68/NQ-CP").output
    assert "implements ← 309-CV/TU · Tỉnh ủy Bắc Kạn · province · 2021-07-20 · +19 days" in out
    assert "implements ← 281-CV/HU · Huyện ủy Sông Hinh · district · 2021-09-06 · +67 days" in out
    assert "│ province │         1 │       0 │ 19 days │ 19 days │ Tỉnh ủy Bắc Kạn" in out


def test_documents_named_by_file_and_iri(sample_store) -> None:
    by_file = as_json(sample_store, "lineage", f"data/samples/{SONG_HINH}")
    iri = by_file["document"]["iri"]
    assert iri.startswith(DOC) and by_file["document"]["number"] == "281-CV/HU"
    assert as_json(sample_store, "lineage", iri) == by_file
    assert as_json(sample_store, "lineage", "số 281 - cv/hu") == by_file


def test_relations_option(sample_store) -> None:
    data = as_json(sample_store, "lineage", "281-CV/HU", "--relation", "cites")
    assert data["chains"] == []
    out = run(sample_store, "lineage", "281-CV/HU", "-r", "cites").output
    assert "carries out no document by cites" in out


@pytest.mark.parametrize("ref", ['68"}/NQ-CP', '"} . ?s ?p ?o } #', DOC + 'x"}'])
def test_hostile_reference_is_not_found(sample_store, ref: str) -> None:
    for command in ("lineage", "cascade", "gaps"):
        result = run(sample_store, command, ref)
        assert result.exit_code == 1
        assert "Error: no document" in result.output
        assert "SPARQL" not in result.output and "Traceback" not in result.output


def test_ambiguous_number_exits_non_zero(tmp_path) -> None:
    # The same letter re-issued a year later: 281-CV/HU exists in 2021 and 2022.
    text = (SAMPLES / SONG_HINH).read_text(encoding="utf-8")
    later = tmp_path / "in" / "281-2022.txt"
    later.parent.mkdir()
    later.write_text(text.replace("tháng 9 năm 2021", "tháng 9 năm 2022"), encoding="utf-8")
    shutil.copy(SAMPLES / SONG_HINH, later.parent / SONG_HINH)
    store = _ingest([later.parent], tmp_path / "store")

    result = run(store, "lineage", "281-CV/HU")
    assert result.exit_code == 1
    assert "'281-CV/HU' is ambiguous: 2 documents match" in result.output
    assert "/2021/281-cv-hu" in result.output and "/2022/281-cv-hu" in result.output
    assert as_json(store, "lineage", "281-CV/HU", "--year", "2022")["document"]["iri"].endswith(
        "/2022/281-cv-hu"
    )


def test_gaps_of_the_province_conclusion(sample_store) -> None:
    data = as_json(sample_store, "gaps", "125-KL/TU")
    assert data["unit"] == "Tỉnh Phú Yên" and data["unit_level"] == "district"
    assert list(data["covered"]) == ["Huyện Sông Hinh"]
    assert sorted(data["missing"]) == sorted(
        [
            "Thành phố Tuy Hoà",
            "Thị xã Sông Cầu",
            "Huyện Đồng Xuân",
            "Huyện Tuy An",
            "Huyện Sơn Hòa",
            "Huyện Tây Hoà",
            "Huyện Phú Hoà",
            "Thị xã Đông Hòa",
        ]
    )
    out = run(sample_store, "gaps", "125-KL/TU").output
    assert "1 of 9 district-level units of Tỉnh Phú Yên carry it out; 8 show no document." in out

    central = as_json(sample_store, "gaps", "68/NQ-CP")
    assert sorted(central["covered"]) == ["Tỉnh Bắc Kạn", "Tỉnh Phú Yên"]
    assert len(central["missing"]) == 61

    # a district letter: its communes, none of which wrote back in the sample corpus
    district = as_json(sample_store, "gaps", "281-CV/HU")
    assert (district["unit"], district["unit_level"]) == ("Huyện Sông Hinh", "commune")
    assert district["covered"] == {}
    assert len(district["missing"]) == 11 and "Thị trấn Hai Riêng" in district["missing"]


def test_hubs(sample_store) -> None:
    data = as_json(sample_store, "hubs", "--top", "2")
    assert [(r["number"], r["implemented_by"], r["cited_by"]) for r in data["all"]] == [
        ("68/NQ-CP", 2, 2),
        ("125-KL/TU", 1, 1),
    ]
    by_level = as_json(sample_store, "hubs", "--group", "level")
    assert list(by_level) == ["central", "province"]
    assert [r["number"] for r in by_level["central"]] == ["68/NQ-CP", "15/CT-TTg"]
    assert "68/NQ-CP" in run(sample_store, "hubs", "--by", "pagerank").output


def test_who(sample_store) -> None:
    data = as_json(sample_store, "who", "huyen uy song hinh")
    assert data["name"] == "Huyện ủy Sông Hinh"
    assert [i.rsplit("/", 1)[-1] for i in data["issued"]] == ["281-cv-hu"]
    ub = as_json(sample_store, "who", "UBND huyện Sông Hinh")
    assert [(x["number"], x["issuer_name"]) for x in ub["assigned"]] == [
        ("281-CV/HU", "Huyện ủy Sông Hinh")
    ]
    assert [s["issuer_name"] for s in ub["senders"]] == ["Huyện ủy Sông Hinh"]
    result = run(sample_store, "who", "Huyện ủy")
    assert result.exit_code == 1 and "is ambiguous" in result.output


def test_missing_store(tmp_path) -> None:
    result = run(str(tmp_path / "nothing"), "lineage", "68/NQ-CP")
    assert result.exit_code == 1
    assert "no store here yet" in result.output


def _rounded(value):
    # PageRank sums in whatever order the rows came: compare to 9 places.
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


@pytest.mark.server
def test_same_answers_through_a_sparql_endpoint(sample_store) -> None:
    from chidao.graph.store.server import OxigraphServer

    questions = [
        ("lineage", "281-CV/HU"),
        ("cascade", "68/NQ-CP"),
        ("gaps", "125-KL/TU"),
        ("hubs",),
        ("who", "UBND huyện Sông Hinh"),
    ]
    embedded = [as_json(sample_store, *q) for q in questions]
    with OxigraphServer(sample_store, port=0) as server:
        remote = CliRunner(env={"COLUMNS": "200"})
        for q, want in zip(questions, embedded, strict=True):
            result = remote.invoke(main, [*q, "--endpoint", server.query_url, "--format", "json"])
            assert result.exit_code == 0, result.output
            assert _rounded(json.loads(result.output)) == _rounded(want)
        # bound values travel as an escaped VALUES block: still just "not found"
        result = remote.invoke(main, ["lineage", '68"}/NQ-CP', "--endpoint", server.query_url])
        assert result.exit_code == 1
        assert "Error: no document numbered" in result.output


def test_rendering_of_relays_undated_and_disagreeing_dates(monkeypatch, sample_store) -> None:
    # A hand-built graph behind the commands: a province plan relayed by two districts.
    import networkx as nx

    from chidao.graph.analysis import questions

    G = nx.MultiDiGraph()
    for iri, number, level, day, issuer in [
        ("gov", "68/NQ-CP", "central", "2021-07-01", "Chính phủ"),
        ("kh", "12-KH/TU", "province", "2021-07-10", "Tỉnh ủy X"),
        ("d1", "7-CV/HU", "district", "2021-07-05", "Huyện ủy Y"),  # dated before kh
        ("d2", "8-CV/HU", "district", None, "Huyện ủy Z"),
    ]:
        when = date.fromisoformat(day) if day else None
        G.add_node(iri, kind="document", number=number, level=level, issuer_name=issuer,
                   issuer=f"org:{issuer}", date=when)  # fmt: skip
    G.add_edge("kh", "gov", key="implements", lag_days=9)
    G.add_edge("d1", "kh", key="implements", lag_days=-5)
    G.add_edge("d1", "gov", key="implements", lag_days=4)
    G.add_edge("d2", "kh", key="based_on", lag_days=None)
    monkeypatch.setattr(questions, "load_neighbourhood", lambda store, iri, **kw: G)
    monkeypatch.setattr(questions, "resolve_document", lambda store, ref, i, y: ref)
    # The made-up IRIs are not in the store: none is marked no longer in force.
    monkeypatch.setattr(questions, "not_in_force", lambda store, iris, as_of: {})

    out = run(sample_store, "cascade", "gov").output
    assert "implements ← 12-KH/TU · Tỉnh ủy X · province · 2021-07-10 · +9 days" in out
    assert "based_on ← 8-CV/HU · Huyện ủy Z · district · undated" in out
    # 7-CV/HU is dated before the plan it also carries out: it hangs under the resolution
    assert "├── implements ← 7-CV/HU · Huyện ủy Y · district · 2021-07-05 · +4 days (also" in out
    assert "│ district │         2 │       1 │ 4 days │ 4 days │ Huyện ủy Y, Huyện ủy Z │" in out
    assert "passed on by" in out and "│ Tỉnh ủy X │ province │ 1             │ 2" in out

    out = run(sample_store, "lineage", "d1").output
    assert "12-KH/TU · Tỉnh ủy X · province · 2021-07-10 · 5 days after (dates disagree)" in out
