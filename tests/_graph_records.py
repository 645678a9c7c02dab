"""Hand-built records of two sample documents, for the graph tests.

They are what extraction should give (see ../shared/gold/seeds.json), built by
hand so that the graph tests do not depend on the extractor's progress.  Spans
are looked up in the real sample text, so they are real spans.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from chidao.extract.records import (
    AdminUnit,
    Citation,
    Mention,
    Organisation,
    Party,
    Record,
    Signer,
    Task,
)

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
SONG_HINH = SAMPLES / "004_44141d7364da2aa0.txt"
BAC_KAN = SAMPLES / "002_5bba84921d00a5fa.txt"


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def mention(text: str, value: str, printed: str | None = None) -> Mention:
    return Mention(value, span(text, printed or value), printed)


GOVERNMENT = Organisation("Chính phủ", level="central", system="state")


def song_hinh(path: Path = SONG_HINH, text: str | None = None) -> Record:
    """281-CV/HU of Huyện ủy Sông Hinh (sample 004)."""
    text = _text(path) if text is None else text
    data = text.encode("utf-8")
    district = AdminUnit(
        "Huyện Sông Hinh", "district", code="562", province="Tỉnh Phú Yên", valid_until="2025-06-30"
    )
    province = AdminUnit("Tỉnh Phú Yên", "province", code="54", province="Tỉnh Phú Yên")
    issuer = Organisation(
        "Huyện ủy Sông Hinh",
        parent="Tỉnh ủy Phú Yên",
        level="district",
        system="party",
        unit=district,
        printed="HUYỆN ỦY SÔNG HINH",
        span=span(text, "HUYỆN ỦY SÔNG HINH"),
    )
    ubnd = Organisation(
        "Ủy ban nhân dân huyện Sông Hinh",
        parent="Ủy ban nhân dân tỉnh Phú Yên",
        level="district",
        system="state",
        unit=district,
    )
    province_committee = Organisation(
        "Tỉnh ủy Phú Yên", level="province", system="party", unit=province
    )
    first_task = "1- Bí thư Đảng ủy các xã, thị trấn, thủ trưởng các cơ quan, ban ngành"
    s8 = span(text, "8- UBND huyện")
    return Record(
        source=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="utf-8",
        length=len(text),
        number=mention(text, "281-CV/HU"),
        doc_type=Mention("Công văn"),
        issuer=issuer,
        date=mention(text, "2021-09-06", "ngày 6 tháng 9 năm 2021"),
        place=mention(text, "Sông Hinh", "Sông Hinh, ngày"[:9]),
        subject=Mention(
            "triển khai, thực hiện Kết luận của Ban Thường vụ Tỉnh ủy về một số nhiệm vụ "
            "trong công tác phòng, chống dịch Covid-19",
            span(text, "V/v triển khai"),
        ),
        recipients=(
            Party(
                "HĐND, UBND, Ủy ban MTTQ Việt Nam huyện",
                span(text, "HĐND, UBND, Ủy ban MTTQ Việt Nam huyện"),
            ),
            Party("Các ban đảng Huyện ủy", span(text, "Các ban đảng Huyện ủy")),
            Party("UBND các xã, thị trấn", span(text, "UBND các xã, thị trấn")),
        ),
        signer=Signer(
            name=mention(text, "Nguyễn Chí Hiền"),
            position=mention(text, "Phó Bí thư", "PHÓ BÍ THƯ"),
            on_behalf_of=mention(text, "T/M Ban Thường vụ", "T/M BAN THƯỜNG VỤ"),
        ),
        tasks=(
            Task(
                first_task,
                span(text, first_task),
                label="1-",
                assignee=Party(
                    "Bí thư Đảng ủy các xã, thị trấn",
                    span(text, "Bí thư Đảng ủy các xã, thị trấn"),
                ),
            ),
            Task(
                "8- UBND huyện",
                s8,
                label="8-",
                assignee=Party("UBND huyện", (s8[0] + 3, s8[1]), resolved=ubnd),
                deadline="2021-09-30",
            ),
        ),
        distribution=(
            Party(
                "Văn phòng Tỉnh ủy",
                span(text, "Văn phòng Tỉnh ủy"),
                resolved=province_committee,
                purpose="b/c",
            ),
        ),
        citations=(
            Citation(
                "Kết luận số 125-KL/TU, ngày 05/9/2021 của Ban Thường vụ Tỉnh ủy",
                span(text, "Kết luận số 125-KL/TU, ngày 05/9/2021 của Ban Thường vụ Tỉnh ủy"),
                doc_type="Kết luận",
                number="125-KL/TU",
                date="2021-09-05",
                year=2021,
                issuer=province_committee,
                relation="implements",
                trigger=mention(text, "Thực hiện"),
            ),
            Citation(
                "Nghị quyết 68/NQ-CP ngày 01/7/2021 của Chính phủ",
                span(text, "Nghị quyết 68/NQ-CP ngày 01/7/2021 của Chính phủ"),
                doc_type="Nghị quyết",
                number="68/NQ-CP",
                date="2021-07-01",
                year=2021,
                issuer=GOVERNMENT,
                relation="implements",
            ),
        ),
    )


def bac_kan(path: Path = BAC_KAN) -> Record:
    """309-CV/TU of Tỉnh ủy Bắc Kạn (sample 002): cites 68/NQ-CP too."""
    text = _text(path)
    surface = "Nghị quyết số 68/NQ-CP ngày 01 tháng 7 năm 2021 của Chính phủ"
    return Record(
        source=str(path),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding="utf-8",
        length=len(text),
        number=mention(text, "309-CV/TU"),
        doc_type=Mention("Công văn"),
        issuer=Organisation(
            "Tỉnh ủy Bắc Kạn",
            level="province",
            system="party",
            unit=AdminUnit("Tỉnh Bắc Kạn", "province", code="06", province="Tỉnh Bắc Kạn"),
            printed="TỈNH ỦY BẮC KẠN",
            span=span(text, "TỈNH ỦY BẮC KẠN"),
        ),
        date=mention(text, "2021-07-20", "ngày 20 tháng 7 năm 2021"),
        citations=(
            Citation(
                surface,
                span(text, surface),
                doc_type="Nghị quyết",
                number="68/NQ-CP",
                date="2021-07-01",
                year=2021,
                issuer=GOVERNMENT,
                relation="implements",
            ),
        ),
    )


def hand_store():
    """An in-memory store holding the two hand-built records (linked, as ingest leaves it)."""
    from chidao.graph.ingest.link import link
    from chidao.graph.rdf import ids
    from chidao.graph.rdf.build import record_triples
    from chidao.graph.store.oxigraph import GraphWrite, OxigraphStore

    store = OxigraphStore()
    for record in (song_hinh(), bac_kan()):
        store.write(
            [GraphWrite(ids.graph_iri(record.sha256, record.source), record_triples(record))]
        )
    link(store)
    return store
