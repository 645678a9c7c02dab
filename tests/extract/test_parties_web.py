"""Recipients and distribution as web pages print them: flattened, in tables, cut short.

Short synthetic letters (no corpus text is copied).
"""

from __future__ import annotations

from chidao.extract.pipeline import extract_text

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 12/UBND-VX\nV/v tổ chức lễ hội\n"
    "Ninh Bình, ngày 05 tháng 3 năm 2024\n"
)
BODY = "\n\nỦy ban nhân dân tỉnh đề nghị các đơn vị thực hiện./.\n"


def names(parties: tuple) -> list[str]:
    return [p.name for p in parties]


def test_recipients_flattened_onto_one_line() -> None:
    text = HEADER + "Kính gửi: - Sở Tài chính; - Sở Nội vụ; - UBND các huyện, thành phố." + BODY
    assert names(extract_text(text).recipients) == [
        "Sở Tài chính",
        "Sở Nội vụ",
        "UBND các huyện, thành phố",
    ]


def test_recipients_laid_out_in_a_table() -> None:
    text = (
        HEADER
        + "| Kính gửi: | - Sở Tài chính; |\n| | - Sở Lao động - Thương binh và Xã hội; |\n"
        + "| | - UBND các huyện, thành phố. |"
        + BODY
    )
    assert names(extract_text(text).recipients) == [
        "Sở Tài chính",
        "Sở Lao động - Thương binh và Xã hội",
        "UBND các huyện, thành phố",
    ]


def test_recipients_lost_by_the_page_are_not_the_body() -> None:
    text = (
        HEADER
        + "Kính gửi:\n\n\n\nNgày 02 tháng 3 năm 2024, Bộ Văn hóa ban hành Công văn số 5/BVHTTDL "
        + "về lễ hội. Theo đó, các tỉnh tổ chức lễ hội an toàn, tiết kiệm."
        + BODY
    )
    assert extract_text(text).recipients == ()


def test_cut_document_gives_no_unfinished_distribution_entry_nor_signature() -> None:
    start = HEADER + "Kính gửi: Các sở, ban, ngành tỉnh." + BODY + "\nNơi nhận:\n- Như trên;\n"
    cut = extract_text(start + "- Chủ tịch, các PCT UBND tỉnh;\n- Lư")
    assert names(cut.distribution) == ["Như trên", "Chủ tịch, các PCT UBND tỉnh"]
    assert cut.signer.name is None and cut.signer.position is None
    # a whole "Lưu" line at the end is kept: it is the list's usual last entry
    whole = extract_text(start + "- Lưu: VT, VX")
    assert names(whole.distribution) == ["Như trên", "Lưu: VT, VX"]
    # a signature after the list: nothing is cut
    signed = extract_text(start + "- Các huyện\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n")
    assert names(signed.distribution) == ["Như trên", "Các huyện"]
    assert signed.signer.name is not None and signed.signer.name.value == "Nguyễn Văn An"
