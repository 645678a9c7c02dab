"""Stage *find*: header, recipients, distribution, signature and issuer on real snippets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract.clean import clean
from chidao.extract.find_header import find_header, org_line_text, parse_date
from chidao.extract.find_issuer import find_issuer
from chidao.extract.find_parties import (
    entry_to_party,
    find_distribution_block,
    find_recipients_block,
)
from chidao.extract.find_signature import find_signature
from chidao.extract.pipeline import extract_text

# Seed 003, as DOCX conversion left it.
PARTY_HEADER = """

**ĐẢNG BỘ TỈNH THÁI BÌNH
HUYỆN ỦY KIẾN XƯƠNG**

ĐẢNG CỘNG SẢN VIỆT NAM

SỐ 114 -CV/HU

Kiến Xương, ngày 07 tháng 5 năm 2021

*V/v thực hiện các biện pháp cấp bách
phòng, chống dịch Covid-19*

- Kính gửi:*
- Ủy ban nhân dân huyện,
 - Các phòng, ban, ngành, Mặt trận Tổ quốc, đoàn thể, cơ quan đơn vị trong toàn huyện,
 - Các tổ chức cơ sở đảng.

Hiện nay, dịch bệnh Covid-19 đã lây nhiễm vào địa bàn tỉnh.
"""

# Corpus 017: a receiving office's stamp above an OCR'd two-column header merged onto lines.
OCR_HEADER = """

CUC THUE TINH HOA BINH

Jira Sak & els 5 Be

BỘ TÀI CHÍNH | CONG HOAYXA HOI atts NGHIA lon NAM
TONG CUC THUE Doc lap - Ty do - Hanh phic
Số: 4302 /TCT-TTr Hà Nội, ngày OF thang 2! năm 2018

V/v tăng cường, công tác thanh tra,
kiêm tra và đôn đốc sô thu sau
thanh tra, kiểm tra vào NSNN.

gửi: Đồng chí Cục trưởng Cục Thuế các tỉnh, thành phố trực
thuộc Trung ương.

Thực hiện Thông bao số 439/TB-TCT ngày 16/10/2018 của Tổng cục
"""

# Corpus 012: a digital-signature stamp before the header.
STAMPED_HEADER = """
Ký bởi: Tổng cục Thuế
Địa chỉ: 123 Lò Đúc
Thời gian ký: 01.03.2023 15:52
BO TÀI CHÍNH CỘNG HOÀ XÃ HỘI CHỦ NGHIA VIỆT NAM
TONG CỤC THUÊ Độc lập - Tự do - Hạnh phúc
Số: 5Ï/TCT-TTKT Hà Nội, ngày C4 tháng 3 năm 2023
V/v tăng cường công tác thanh tra,
kiêm tra thuê năm 2023

Kính gửi: Cục Thuế các tỉnh, thành phố trực thuộc Trung ương.

Năm 2022, toàn ngành Thuế đã tích cực triển khai.
"""


def _header(text: str):
    c = clean(text)
    r = find_recipients_block(c)
    return c, find_header(c, r.opener[0] if r else None), r


def test_party_header() -> None:
    c, h, r = _header(PARTY_HEADER)
    assert h.number.value == "114-CV/HU"
    assert h.number.printed == "114 -CV/HU"
    assert c.original[h.number.span[0] : h.number.span[1]] == "114 -CV/HU"
    assert h.doc_type.value == "Công văn"
    assert h.date.value == "2021-05-07"
    assert h.place.value == "Kiến Xương"
    assert h.subject.value == "thực hiện các biện pháp cấp bách phòng, chống dịch Covid-19"
    assert [org_line_text(c, p) for p in h.org_lines] == [
        "ĐẢNG BỘ TỈNH THÁI BÌNH",
        "HUYỆN ỦY KIẾN XƯƠNG",
    ]
    issuer = find_issuer(c, h, (r.end, len(c.text)))
    assert (issuer.name, issuer.parent, issuer.level, issuer.system) == (
        "Huyện ủy Kiến Xương",
        "Tỉnh ủy Thái Bình",
        "district",
        "party",
    )


def test_recipients_as_printed() -> None:
    c, _, r = _header(PARTY_HEADER)
    names = [entry_to_party(c, e, None, distribution=False).name for e in r.entries]
    assert names == [
        "Ủy ban nhân dân huyện",
        "Các phòng, ban, ngành, Mặt trận Tổ quốc, đoàn thể, cơ quan đơn vị trong toàn huyện",
        "Các tổ chức cơ sở đảng",
    ]


def test_ocr_two_column_header_with_receiving_stamp() -> None:
    c, h, r = _header(OCR_HEADER)
    assert h.number.value == "4302/TCT-TTr"
    assert h.date is None  # "ngày OF thang 2!" cannot be read
    assert any(p.code == "unreadable-date" for p in h.problems)
    assert h.place.value == "Hà Nội"
    assert h.subject.value.startswith("tăng cường, công tác thanh tra, kiêm tra")
    # The stamp "CUC THUE TINH HOA BINH" above the header is not the issuer.
    assert [org_line_text(c, p) for p in h.org_lines] == ["BỘ TÀI CHÍNH", "TONG CUC THUE"]
    issuer = find_issuer(c, h, (r.end, len(c.text)))
    assert (issuer.name, issuer.parent, issuer.level) == (
        "Tổng cục Thuế",
        "Bộ Tài chính",
        "central",
    )
    names = [entry_to_party(c, e, None, distribution=False).name for e in r.entries]
    assert names == ["Đồng chí Cục trưởng Cục Thuế các tỉnh, thành phố trực thuộc Trung ương"]


def test_unreadable_number_is_none_with_a_problem() -> None:
    _, h, _ = _header(STAMPED_HEADER)
    assert h.number is None
    assert {p.code for p in h.problems} == {"unreadable-number", "unreadable-date"}
    assert h.doc_type.value == "Công văn"  # a V/v line and no title


def test_digital_signature_stamp_is_not_the_header() -> None:
    c, h, r = _header(STAMPED_HEADER)
    assert [org_line_text(c, p) for p in h.org_lines] == ["BO TÀI CHÍNH", "TONG CỤC THUÊ"]
    assert find_issuer(c, h, (r.end, len(c.text))).name == "Tổng cục Thuế"


def test_impossible_date_is_none_with_a_problem() -> None:
    rec = extract_text(PARTY_HEADER.replace("ngày 07 tháng 5", "ngày 31 tháng 2"))
    assert rec.date is None
    assert [p.code for p in rec.problems if p.code.endswith("date")] == ["impossible-date"]


def test_parse_date_forms() -> None:
    assert parse_date("15", "02", "2021") == "2021-02-15"
    assert parse_date("6", "9", "2021") == "2021-09-06"
    assert parse_date("31", "2", "2021") is None
    assert parse_date("2#", "9", "2021") is None


def test_title_gives_type_and_subject() -> None:
    # Seed 001 has no header block: the title and its v/v line open the text.
    c, h, _ = _header(
        "\n\nCHỈ THỊ\n\nv/v tiếp tục tăng cường công tác phòng, chống dịch COVID-19\n\n"
        "Tình hình đại dịch COVID-19 trên địa bàn toàn tỉnh nói chung.\n"
    )
    assert h.doc_type.value == "Chỉ thị"
    assert h.subject.value == "tiếp tục tăng cường công tác phòng, chống dịch COVID-19"
    assert h.number is None


def test_missing_header_issuer_from_body_and_gazetteer() -> None:
    text = (
        "\n\nCHỈ THỊ\n\nv/v tiếp tục tăng cường công tác phòng, chống dịch COVID-19\n\n"
        "Tình hình đại dịch trên địa bàn toàn tỉnh nói chung, trong đó có huyện A Lưới chúng ta "
        "nói riêng đang diễn biến phức tạp. Để ngăn chặn, Ban Thường vụ Huyện ủy yêu cầu:\n\n"
        "1. Cấp uỷ, chính quyền các địa phương tăng cường công tác lãnh đạo.\n"
    )
    rec = extract_text(text)
    assert (rec.issuer.name, rec.issuer.parent, rec.issuer.level) == (
        "Huyện ủy A Lưới",
        "Tỉnh ủy Thừa Thiên Huế",
        "district",
    )


def test_distribution_purpose_and_signature_column() -> None:
    # Corpus 017: the signature column merged onto the Nơi nhận lines.
    text = (
        "Tổng cục Thuế yêu cầu đồng chí Cục trưởng nghiêm túc triển khai thực hiện.\n\n"
        "Nơi nhận: KT.TONG CỤC TRƯỞNG\n- Như trên; PHÓ TỎNG CỤC TRƯỞNG\n\n"
        "- Lãnh dao Téng cục Thuế (để chi đạo);\n- Các Vụ: DNL, KK, KTNB, QLN;\n"
        "- Luu: VT; TTr G9).\n\nQaơ Ảnh Tuấn\n\nw\n"
    )
    c = clean(text)
    d = find_distribution_block(c)
    parties = [entry_to_party(c, e, None, distribution=True) for e in d.entries]
    assert [p.name for p in parties] == [
        "Như trên",
        "Lãnh dao Téng cục Thuế",
        "Các Vụ: DNL, KK, KTNB, QLN",
        "Luu: VT; TTr G9)",
    ]
    assert parties[1].purpose == "để chi đạo"
    sig = find_signature(c, distribution_start=d.opener[0]).signer
    assert sig.on_behalf_of.value == "K/T Tong cục trưởng"
    assert sig.position.value == "Phó tỏng cục trưởng"
    assert sig.name.value == "Qaơ Ảnh Tuấn"


def test_signature_with_digital_stamp_and_unaccented_copy() -> None:
    # Seed 002.
    text = (
        "Nơi nhận:\n\nGửi bản giấy và bản điện tử:\n\n- Như trên (thực hiện),\n"
        "- Các đồng chí UV BTV Tỉnh ủy (theo dõi, chỉ đạo),\n- Lưu Văn phòng Tỉnh ủy.\n\n"
        "**T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ**\n\n\n\nPhuong Thi Thanh\n\nCơ quan Tỉnh ủy\n"
        "2021.07.20 13:38:23 +07:00\n\nPhương Thị Thanh"
    )
    c = clean(text)
    d = find_distribution_block(c)
    names = [entry_to_party(c, e, None, distribution=True).name for e in d.entries]
    assert names == ["Như trên", "Các đồng chí UV BTV Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"]
    sig = find_signature(c, distribution_start=d.opener[0]).signer
    assert sig.on_behalf_of.value == "T/M Ban thường vụ"
    assert sig.position.value == "Phó bí thư"
    assert sig.name.value == "Phương Thị Thanh"


def test_bar_purpose_in_distribution() -> None:
    # Seed 001: "- Các ban Đảng, UBKT, VPTU, | *để báo cáo*"
    c = clean("Nơi nhận:\n\n- Ban Thường vụ Tỉnh ủy,\n- Các ban Đảng, UBKT, VPTU, | *để báo cáo*\n")
    d = find_distribution_block(c)
    parties = [entry_to_party(c, e, None, distribution=True) for e in d.entries]
    assert [p.name for p in parties] == ["Ban Thường vụ Tỉnh ủy", "Các ban Đảng, UBKT, VPTU"]
    assert parties[1].purpose == "để báo cáo"


def test_drafter_tag_dropped_counts_kept() -> None:
    c = clean("Nơi nhận:\n- Như trên;\n- Lưu: VT, QLT (Thi).\n")
    d = find_distribution_block(c)
    assert [entry_to_party(c, e, None, True).name for e in d.entries] == [
        "Như trên",
        "Lưu: VT, QLT",
    ]
    c = clean("Nơi nhận:\n- Như trên;\n- Lưu: VT, CNTT (2b).\n")
    d = find_distribution_block(c)
    assert entry_to_party(c, d.entries[-1], None, True).name == "Lưu: VT, CNTT (2b)"


def test_director_signing_directly() -> None:
    # Corpus 057: no T/M or K/T, the Giám đốc signs.
    text = (
        "Trân trọng./.\nNơi nhận: GIÁM ĐỐC\n- Như trên;\n- Các PGĐ;\n"
        "- Lưu: VT, QLT (Thi).\nPhan Văn Mến"
    )
    c = clean(text)
    d = find_distribution_block(c)
    sig = find_signature(c, distribution_start=d.opener[0]).signer
    assert sig.on_behalf_of is None
    assert sig.position.value == "Giám đốc"
    assert sig.name.value == "Phan Văn Mến"
    assert [entry_to_party(c, e, None, True).name for e in d.entries] == [
        "Như trên",
        "Các PGĐ",
        "Lưu: VT, QLT",
    ]


# Decree 30 layout of a provincial People's Committee letter, with the rule under the issuer.
PEOPLES_COMMITTEE_LETTER = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NAM
-------
Số: 1234/UBND-KGVX
V/v tăng cường công tác phòng, chống
dịch bệnh do vi rút Corona gây ra
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Quảng Nam, ngày 12 tháng 3 năm 2020

Kính gửi:
- Các Sở, Ban, ngành thuộc tỉnh;
- UBND các huyện, thị xã, thành phố.

Thực hiện Công điện số 05/CĐ-TTg ngày 28/02/2020 của Thủ tướng Chính phủ, Chủ tịch UBND tỉnh
chỉ đạo:
1. Sở Y tế chủ trì, phối hợp với các đơn vị liên quan theo dõi chặt chẽ tình hình dịch bệnh.

Nơi nhận:
- Như trên;
- TT TU, HĐND tỉnh (b/c);
- Lưu: VT, KGVX.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH



Trần Văn Tân
"""


def test_peoples_committee_letter() -> None:
    rec = extract_text(PEOPLES_COMMITTEE_LETTER)
    assert (rec.issuer.name, rec.issuer.parent, rec.issuer.level, rec.issuer.system) == (
        "Ủy ban nhân dân tỉnh Quảng Nam",
        None,
        "province",
        "state",
    )
    assert (rec.number.value, rec.doc_type.value, rec.date.value, rec.place.value) == (
        "1234/UBND-KGVX",
        "Công văn",
        "2020-03-12",
        "Quảng Nam",
    )
    assert [p.name for p in rec.recipients] == [
        "Các Sở, Ban, ngành thuộc tỉnh",
        "UBND các huyện, thị xã, thành phố",
    ]
    # Two authority lines: the first is on_behalf_of, the position is under the second.
    assert rec.signer.on_behalf_of.value == "T/M Ủy ban nhân dân"
    assert rec.signer.position.value == "Phó chủ tịch"
    assert rec.signer.name.value == "Trần Văn Tân"
    assert [p.name for p in rec.distribution] == ["Như trên", "TT TU, HĐND tỉnh", "Lưu: VT, KGVX"]


def test_party_conclusion_without_recipients() -> None:
    # "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH" speaks for the Tỉnh ủy; no Kính gửi: the body follows the title.
    text = (
        "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH QUẢNG NINH\n*\nSố 125-KL/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Quảng Ninh, ngày 20 tháng 8 năm 2021\n\nKẾT LUẬN\n"
        "của Ban Thường vụ Tỉnh ủy về công tác phòng, chống dịch Covid-19\n\n"
        "Ngày 19/8/2021, Ban Thường vụ Tỉnh ủy họp. Ban Thường vụ Tỉnh ủy kết luận như sau:\n"
        "1. Các huyện ủy, thị ủy, thành ủy tiếp tục lãnh đạo, chỉ đạo thực hiện nghiêm.\n\n"
        "Nơi nhận:\n- Các đồng chí Tỉnh ủy viên,\n- Lưu Văn phòng Tỉnh ủy.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\n\n\nNguyễn Xuân Ký\n"
    )
    rec = extract_text(text)
    assert (rec.issuer.name, rec.issuer.level, rec.issuer.system) == (
        "Tỉnh ủy Quảng Ninh",
        "province",
        "party",
    )
    assert rec.doc_type.value == "Kết luận"
    assert rec.tasks, "the body after the title was searched"
    assert [p.name for p in rec.distribution] == [
        "Các đồng chí Tỉnh ủy viên",
        "Lưu Văn phòng Tỉnh ủy",
    ]
    assert rec.signer.name.value == "Nguyễn Xuân Ký"


def test_commune_letter_after_the_2025_reform() -> None:
    # From 2025-07-01 a commune sits right under the province (no district).
    text = (
        "ĐẢNG BỘ TỈNH HƯNG YÊN\nĐẢNG ỦY XÃ KIẾN XƯƠNG\n*\nSố 15-CV/ĐU\n"
        "V/v triển khai nhiệm vụ sau sắp xếp đơn vị hành chính\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Kiến Xương, ngày 10 tháng 8 năm 2025\nKính gửi: Các chi bộ trực thuộc.\n"
        "Ban Thường vụ Đảng ủy xã yêu cầu:\n1. Các chi bộ trực thuộc quán triệt, triển khai.\n"
    )
    rec = extract_text(text)
    assert (rec.issuer.name, rec.issuer.parent, rec.issuer.level) == (
        "Đảng ủy xã Kiến Xương",
        "Tỉnh ủy Hưng Yên",
        "commune",
    )
    assert rec.issuer.unit is not None and rec.issuer.unit.valid_until is None


def test_namesake_district_placed_by_the_province_the_letter_names() -> None:
    text = (
        "HUYỆN ỦY BẢO LÂM\n\nSố 12-CV/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "Bảo Lâm, ngày 15 tháng 02 năm 2021\n\nKính gửi: Các chi bộ trực thuộc.\n\n"
        "Thực hiện Công văn số 5-CV/TU của Ban Thường vụ Tỉnh ủy Lâm Đồng, Ban Thường vụ "
        "Huyện ủy yêu cầu:\n1. Các chi bộ thực hiện.\n"
    )
    rec = extract_text(text)
    assert (rec.issuer.name, rec.issuer.parent) == ("Huyện ủy Bảo Lâm", "Tỉnh ủy Lâm Đồng")


def test_numeric_date_line_and_hyphenated_place() -> None:
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Bà Rịa - Vũng Tàu, ngày 01-7-2021\n\nỦY BAN NHÂN DÂN\nTỈNH BÀ RỊA - VŨNG TÀU\n"
        "Số: 05/CĐ-UBND\n\nCÔNG ĐIỆN\nVề việc phòng, chống bão số 5\n\n"
        "Chủ tịch UBND tỉnh điện:\n- Các sở, ban, ngành;\n- UBND các huyện, thị xã, thành phố.\n"
    )
    rec = extract_text(text)
    assert rec.date.value == "2021-07-01"
    assert rec.place.value == "Bà Rịa - Vũng Tàu"
    assert rec.doc_type.value == "Công điện"
    assert rec.issuer.name == "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"
    assert [p.name for p in rec.recipients] == [
        "Các sở, ban, ngành",
        "UBND các huyện, thị xã, thành phố",
    ]


_LINES = [
    "ĐẢNG BỘ TỈNH LÂM ĐỒNG",
    "HUYỆN ỦY BẢO LÂM",
    "Số 395-CV/HU",
    "SỐ 114 -CV/HU",
    "Số: 3{85 /BNG-LS",
    "Bảo Lâm, ngày 15 tháng 02 năm 2021",
    "Hà Nội, ngày 31 tháng 2 năm 2021",
    "V/v thực hiện các biện pháp",
    "Kính gửi: - Ủy ban nhân dân huyện,",
    "- Các Ban của Huyện ủy,",
    "Nơi nhận: KT.TONG CỤC TRƯỞNG",
    "- Như trên; PHÓ TỎNG CỤC TRƯỞNG",
    "T/M BAN THƯỜNG VỤ",
    "PHÓ BÍ THƯ",
    "Nguyễn Văn A",
    "--- PAGE BREAK ---",
    "**",
    "",
    "1- Giao Ủy ban nhân dân huyện chỉ đạo thực hiện.",
    "BỘ TÀI CHÍNH | CONG HOAYXA HOI atts NGHIA lon NAM",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=30), max_size=25))
def test_any_arrangement_extracts_with_spans_in_range(lines: list[str]) -> None:
    text = "\n".join(lines)
    record = extract_text(text).to_json()
    for key, mention in record["spans"].items():
        if mention["span"] is not None:
            s, e = mention["span"]
            assert 0 <= s <= e <= len(text), key


def test_recipients_with_blank_lines_between_entries() -> None:
    # OCR often leaves blank lines between list lines (corpus 059); a list ending in "," or ";"
    # goes on at the next bullet, one ending in "." stops.
    text = (
        "TỔNG CỤC THUẾ\nSố: 12/TCT-CS\nV/v chính sách thuế\n\n"
        "Kính gửi:\n\n- Cục Thuế tỉnh Nghệ An;\n"
        "\n- Cục Thuế tỉnh Hà Tĩnh.\n\n- Trả lời công văn số 5/CT-TTHT, Tổng cục Thuế có ý kiến:\n"
    )
    rec = extract_text(text)
    assert [p.name for p in rec.recipients] == ["Cục Thuế tỉnh Nghệ An", "Cục Thuế tỉnh Hà Tĩnh"]
    assert [p.resolved.name for p in rec.recipients] == [
        "Cục Thuế tỉnh Nghệ An",
        "Cục Thuế tỉnh Hà Tĩnh",
    ]


# A provincial People's Committee letter (invented, in the Decree 30 layout) whose number
# line OCR turned to garbage; the date line is patched per case below.
GARBLED_NUMBER_LETTER = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
Số: ???/@@-XX
V/v tăng cường phòng, chống lụt bão

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Ninh Bình, ngày 12 tháng 3 năm 2021

Kính gửi: Các sở, ban, ngành tỉnh.

1. Giao Sở Nông nghiệp và Phát triển nông thôn chủ trì kiểm tra các tuyến đê.
"""


def test_regression_garbage_number_line_is_never_the_issuer() -> None:
    # Bug: "Số: ???/@@-XX" folds to "so: ???/@@-xx", whose "so" is also "Sở": the number line
    # was taken for an organisation line and became the issuer "Số: ???/@@-xx".
    rec = extract_text(GARBLED_NUMBER_LETTER)
    assert rec.number is None
    assert rec.issuer is not None and rec.issuer.name == "Ủy ban nhân dân tỉnh Ninh Bình"
    (p,) = [p for p in rec.problems if p.code == "unreadable-number"]
    assert p.span is not None and GARBLED_NUMBER_LETTER[p.span[0] : p.span[1]] == "???/@@-XX"


@pytest.mark.parametrize(
    ("old", "new", "field", "code"),
    [
        # OCR added a digit to the year: "năm 20211" was read as 2021.
        ("ngày 12 tháng 3 năm 2021", "ngày 12 tháng 3 năm 20211", "date", "implausible-date"),
        ("ngày 12 tháng 3 năm 2021", "ngày 12 tháng 3 năm 1066", "date", "implausible-date"),
        ("ngày 12 tháng 3 năm 2021", "12/3/20211", "date", "implausible-date"),
        ("Số: ???/@@-XX", "Số: 0000/UBND-NN", "number", "impossible-number"),
        ("Số: ???/@@-XX", "Số: 12/1066/QĐ-UBND", "number", "impossible-number"),
    ],
)
def test_regression_implausible_dates_and_numbers_give_none_and_a_problem(
    old: str, new: str, field: str, code: str
) -> None:
    # Bug: implausible years and serial 0000 were accepted silently.
    text = GARBLED_NUMBER_LETTER.replace(old, new)
    if field == "date":
        text = text.replace("Số: ???/@@-XX", "Số: 217/UBND-NN")
    rec = extract_text(text)
    assert getattr(rec, field) is None
    (p,) = [p for p in rec.problems if p.code == code]
    assert p.span is not None and new.split(": ")[-1].split(", ")[0] in text[p.span[0] : p.span[1]]


def test_plausible_dates_and_numbers_still_read() -> None:
    text = GARBLED_NUMBER_LETTER.replace("Số: ???/@@-XX", "Số: 38/2015/QĐ-UBND")
    rec = extract_text(text)
    assert rec.number is not None and rec.number.value == "38/2015/QĐ-UBND"
    assert rec.date is not None and rec.date.value == "2021-03-12"
    assert parse_date("1", "1", "1930") == "1930-01-01" and parse_date("1", "1", "1929") is None


def test_headerless_letter_placed_by_a_territory_followed_by_a_comma() -> None:
    # "huyện Hải Lăng, Ban Thường vụ …": the comma ended no name, so "Lăng," was no capitalised
    # word and the relative "Huyện ủy" stayed unplaced.
    text = (
        "Thực hiện Kết luận số 37-KL/TU ngày 20/7/2021 của Ban Thường vụ Tỉnh ủy, để tăng cường "
        "công tác phòng, chống dịch trên địa bàn huyện Hải Lăng, Ban Thường vụ Huyện ủy yêu "
        "cầu:\n\n1. Ủy ban nhân dân huyện chỉ đạo các xã kiểm soát chặt chẽ người về từ vùng "
        "dịch.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Hữu Phước\n"
    )
    rec = extract_text(text)
    assert rec.issuer is not None
    assert (rec.issuer.name, rec.issuer.parent) == ("Huyện ủy Hải Lăng", "Tỉnh ủy Quảng Trị")
    assert rec.citations[0].issuer is not None
    assert rec.citations[0].issuer.name == "Tỉnh ủy Quảng Trị"


def test_unaccented_signature_block_gives_the_name_not_the_position() -> None:
    # An OCR copy without accents: "CHU TICH" (Chu is a family name) is the position.
    text = (
        "UY BAN NHAN DAN\nTINH QUANG NAM\nSo: 456/UBND-KT\nV/v tang cuong quan ly thi truong\n\n"
        "Kinh gui: So Cong Thuong.\n\n1. So Cong Thuong kiem tra thi truong.\n\n"
        "Noi nhan:\n- Nhu tren;\n- Luu: VT.\n\nTM. UY BAN NHAN DAN\nCHU TICH\n\nLe Tri Thanh\n"
    )
    rec = extract_text(text)
    assert rec.signer is not None and rec.signer.name is not None
    assert rec.signer.name.value == "Le Tri Thanh"


def test_short_headerless_letter_under_a_signature_stamp() -> None:
    # Only a "Ký bởi" stamp above a short body: the header zone swallowed the whole letter
    # (no line of the body is 120 characters long), so no tasks and no signature were found.
    text = (
        "Ký bởi: Ủy ban nhân dân tỉnh Quảng Nam\nThời gian ký: 08.06.2023 15:01:02 +07:00\n\n"
        "Thực hiện Chỉ thị số 13/CT-TTg ngày 17/5/2023 của Thủ tướng Chính phủ, Ủy ban nhân dân "
        "tỉnh yêu cầu:\n\n1. Sở Công Thương chủ trì, phối hợp với Công an tỉnh kiểm tra thị "
        "trường.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Trí Thanh\n"
    )
    rec = extract_text(text)
    assert rec.issuer is not None and rec.issuer.name == "Ủy ban nhân dân tỉnh Quảng Nam"
    assert [t.assignee.name for t in rec.tasks if t.assignee] == ["Sở Công Thương"]
    assert rec.signer is not None and rec.signer.name is not None
    assert rec.signer.name.value == "Lê Trí Thanh"


def test_department_placed_under_its_peoples_committee_in_a_merged_header() -> None:
    # "SỞ Y TẾ" under "ỦY BAN NHÂN DÂN / TỈNH HÀ TĨNH" (columns merged by OCR) was left as a
    # bare "Sở Y tế": a department that resolves with a level still needs its unit.
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH HÀ TĨNH Độc lập - Tự do - Hạnh phúc\nSỞ Y TẾ\n\n"
        "Số: 1567/SYT-NVY Hà Tĩnh, ngày 21 tháng 6 năm 2022\n"
        "V/v tăng cường phòng chống dịch sốt xuất huyết\n\n"
        "Kính gửi: Trung tâm Y tế các huyện, thành phố, thị xã.\n\n"
        "Thực hiện cong văn số 1203/UBND-VX ngày 10/6/2022 của UBND tỉnh, Sở Y tế yêu cầu:\n"
    )
    rec = extract_text(text)
    assert rec.issuer is not None
    assert (rec.issuer.name, rec.issuer.parent, rec.issuer.level) == (
        "Sở Y tế tỉnh Hà Tĩnh",
        "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "province",
    )
    assert rec.citations[0].issuer is not None
    assert rec.citations[0].issuer.name == "Ủy ban nhân dân tỉnh Hà Tĩnh"


def test_party_committee_office_named_by_its_committee_above_it() -> None:
    # "VĂN PHÒNG" under "TỈNH ỦY NINH BÌNH" was a bare "Văn phòng" (and the body's relative
    # "Văn phòng Tỉnh ủy" stood in): the organ belongs to the committee printed above it.
    text = (
        "TỈNH ỦY NINH BÌNH\nVĂN PHÒNG\n*\nSố 1120-CV/VPTU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "Ninh Bình, ngày 3/8/2021\n\nV/v chuẩn bị hội nghị Ban Chấp hành Đảng bộ tỉnh\n\n"
        "Kính gửi: Các ban đảng Tỉnh ủy.\n\nVăn phòng Tỉnh ủy đề nghị:\n\n"
        "1. Ban Tổ chức Tỉnh ủy chuẩn bị báo cáo công tác cán bộ.\n"
    )
    rec = extract_text(text)
    assert rec.issuer is not None
    assert (rec.issuer.name, rec.issuer.parent, rec.issuer.level, rec.issuer.system) == (
        "Văn phòng Tỉnh ủy Ninh Bình",
        "Tỉnh ủy Ninh Bình",
        "province",
        "party",
    )


def test_regression_scan_spaces_out_the_digits_of_the_day() -> None:
    # OCR of a scanned header letter-spaces its digits: "Số: 1 0 2 7 /BYT-KCB", "ngày 2 4
    # tháng 1 2". Before, the date line was not seen (no date, no place).
    text = (
        "BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Số: 1 0 2 7 /BYT-KCB Hà Nội, ngày 2 4 tháng 1 2 năm 2021\n"
        "V/v hướng dẫn cách ly y tế tại nhà\n\n"
        "Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương\n\n"
        "Bộ Y tế đề nghị Sở Y tế các tỉnh, thành phố triển khai thực hiện.\n"
    )
    rec = extract_text(text)
    assert rec.date.value == "2021-12-24"
    assert rec.date.printed == "ngày 2 4 tháng 1 2 năm 2021"
    assert rec.place.value == "Hà Nội"
    assert rec.number.value == "1027/BYT-KCB"
    # one digit stays one digit: "ngày 2 tháng 4" is 2 April
    rec = extract_text(text.replace("ngày 2 4 tháng 1 2", "ngày 2 tháng 4"))
    assert rec.date.value == "2021-04-02"


def test_regression_conclusion_notice_subject_in_capitals() -> None:
    # A Party "THÔNG BÁO" prints its subject's head in capitals under the title ("KẾT LUẬN CỦA
    # BAN THƯỜNG VỤ TỈNH ỦY" / "về …"); that line was skipped as a stray capital line.
    text = (
        "TỈNH ỦY QUẢNG TRỊ                    ĐẢNG CỘNG SẢN VIỆT NAM\n*\n"
        "Số 215-TB/TU                         Quảng Trị, ngày 20 tháng 4 năm 2023\n\n"
        "THÔNG BÁO\nKẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY\n"
        "về công tác phòng, chống thiên tai năm 2023\n\n"
        "Tại phiên họp ngày 17/4/2023, Ban Thường vụ Tỉnh ủy kết luận như sau:\n\n"
        "1. Văn phòng Tỉnh ủy theo dõi, đôn đốc, báo cáo Thường trực Tỉnh ủy.\n"
    )
    rec = extract_text(text)
    assert rec.doc_type.value == "Thông báo"
    assert rec.subject.value == (
        "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY về công tác phòng, chống thiên tai năm 2023"
    )
    # a short capital subject of a Nghị quyết is the subject too
    rec = extract_text(
        text.replace(
            "THÔNG BÁO\nKẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY\n", "NGHỊ QUYẾT\nVỀ CÔNG TÁC CÁN BỘ\n"
        ).replace("về công tác phòng, chống thiên tai năm 2023\n", "")
    )
    assert rec.subject.value == "VỀ CÔNG TÁC CÁN BỘ"


@pytest.mark.parametrize(
    "last_line",
    [
        "- Lưu: VT, PC (2b). Bùi Văn Nam",  # the name after the entry's last mark
        "- Lưu: VT.                                   Lê Văn Bình",  # after a column gap
        "- Cổng TTĐT Bộ Y tế; Lê Văn Bình",
    ],
)
def test_regression_signer_name_merged_onto_the_last_distribution_line(last_line: str) -> None:
    # A two-column conversion puts the signer's name at the end of a "Nơi nhận" line; it was
    # neither the signer nor cut from the entry.
    text = (
        "ỦY BAN NHÂN DÂN\nHUYỆN HẢI LĂNG\nSố: 1234/UBND-VP\nV/v phòng, chống dịch\n\n"
        "Kính gửi: Các cơ quan, đơn vị thuộc huyện.\n\n"
        "Yêu cầu Thủ trưởng các cơ quan, đơn vị triển khai thực hiện./.\n\n"
        "Nơi nhận:                                    KT. CHỦ TỊCH\n"
        "- Như trên;                                   PHÓ CHỦ TỊCH\n"
        "- UBND tỉnh (b/c);\n" + last_line + "\n"
    )
    rec = extract_text(text)
    name = last_line.split()[-3:]
    assert rec.signer.name.value == " ".join(name)
    assert " ".join(name) not in rec.distribution[-1].name
    # an entry that names a person is an entry, not the signer
    rec = extract_text(text.replace(last_line, "- Thứ trưởng Vũ Thị Mai;\n- Lưu: VT."))
    assert rec.signer.name is None
    assert [p.name for p in rec.distribution][-2:] == ["Thứ trưởng Vũ Thị Mai", "Lưu: VT"]


def test_regression_second_authority_layer_merged_onto_an_entry() -> None:
    # "TL. CHỦ TỊCH" / "KT. CHÁNH VĂN PHÒNG" / "PHÓ CHÁNH VĂN PHÒNG" merged onto the "Nơi
    # nhận" lines: the second layer is no position (before: "Chánh văn phòng").
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 312/TB-UBND\n\nTHÔNG BÁO\nÝ kiến kết luận của Chủ "
        "tịch UBND tỉnh\n\nCác sở, ngành thực hiện nghiêm./.\n\n"
        "Nơi nhận:                                 TL. CHỦ TỊCH\n"
        "- CT, các PCT UBND tỉnh;                  KT. CHÁNH VĂN PHÒNG\n"
        "- Các sở, ngành liên quan;                PHÓ CHÁNH VĂN PHÒNG\n"
        "- Lưu: VT, K19.                           Nguyễn Văn Hậu\n"
    )
    signer = extract_text(text).signer
    assert signer.on_behalf_of.value == "T/L Chủ tịch"
    assert signer.position.value.lower() == "phó chánh văn phòng"
    assert signer.name.value == "Nguyễn Văn Hậu"
