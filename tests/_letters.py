"""Short synthetic district letters citing a province plan, for the link stage and the queries.

Three districts of Ninh Bình answer ``Kế hoạch số 12-KH/TU`` of the Ban Thường vụ Tỉnh ủy:
:data:`YEARLESS` cites it without its date (its link is derived by the link stage),
:data:`DATED` names it in full (so making it known), :data:`OTHER` cites another plan.
"""

from __future__ import annotations

from pathlib import Path

LETTER = """ĐẢNG BỘ TỈNH NINH BÌNH
HUYỆN ỦY {upper}
*
Số {number}-CV/HU
V/v triển khai thực hiện Kế hoạch của Ban Thường vụ Tỉnh ủy

ĐẢNG CỘNG SẢN VIỆT NAM
{name}, ngày 20 tháng 3 năm 2021

Kính gửi: Các chi bộ, đảng bộ trực thuộc Huyện ủy.

{cites}, Ban Thường vụ Huyện ủy đề nghị các chi bộ, đảng bộ trực thuộc tổ chức quán triệt.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Nguyễn Văn An
"""

YEARLESS = "Thực hiện Kế hoạch số 12-KH/TU của Ban Thường vụ Tỉnh ủy về tuyên truyền"
DATED = "Thực hiện Kế hoạch số 12-KH/TU ngày 05/3/2021 của Ban Thường vụ Tỉnh ủy về tuyên truyền"
OTHER = "Thực hiện Kế hoạch số 13-KH/TU ngày 06/3/2021 của Ban Thường vụ Tỉnh ủy về thi đua"

#: The plan's IRI once known.
PLAN = "https://w3id.org/chidao/doc/tinh-uy-ninh-binh/2021/12-kh-tu"

#: File name → (district in capitals, district, the letter's number).
DISTRICTS = {
    "kim-son.txt": ("KIM SƠN", "Kim Sơn", 45),
    "yen-khanh.txt": ("YÊN KHÁNH", "Yên Khánh", 46),
    "hoa-lu.txt": ("HOA LƯ", "Hoa Lư", 47),
}


def write_letter(folder: Path, name: str, cites: str) -> Path:
    """Write district ``name``'s letter (a key of :data:`DISTRICTS`) citing as ``cites`` says."""
    upper, place, number = DISTRICTS[name]
    path = folder / name
    text = LETTER.format(upper=upper, name=place, number=number, cites=cites)
    path.write_text(text, encoding="utf-8")
    return path


def write_letters(folder: Path, letters: dict[str, str]) -> Path:
    """Create ``folder`` holding each district's letter of ``letters`` (file name → citation)."""
    folder.mkdir()
    for name, cites in letters.items():
        write_letter(folder, name, cites)
    return folder
