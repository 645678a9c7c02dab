"""The issuing body named by the code inside a document number.

A State number ends in the issuer's code (``43/NQ-CP`` → ``CP``, the Government;
``38/2015/TT-BTC`` → ``BTC``, the Ministry of Finance; ``4357/TCHQ-GSQL`` →
``TCHQ``, with the drafting unit after it), a Party number after its slash
(``1789-CV/VPTW``).  Where a citation prints no ``của …``, the code is how a reader
knows who issued it.  Only national bodies, whose codes are fixed by law, are
listed: a local code (``UBND``, ``CT``) means different bodies in different places.
"""

from __future__ import annotations

import re

from chidao.extract.clean import fold

#: Folded issuer code → canonical name of the body.
ISSUER_BY_CODE: dict[str, str] = {
    "qh": "Quốc hội",
    "ubtvqh": "Ủy ban Thường vụ Quốc hội",
    "cp": "Chính phủ",
    "ttg": "Thủ tướng Chính phủ",
    "vpcp": "Văn phòng Chính phủ",
    "vptw": "Văn phòng Trung ương Đảng",
    "btc": "Bộ Tài chính",
    "byt": "Bộ Y tế",
    "bca": "Bộ Công an",
    "bqp": "Bộ Quốc phòng",
    "bct": "Bộ Công Thương",
    "bng": "Bộ Ngoại giao",
    "bnv": "Bộ Nội vụ",
    "btp": "Bộ Tư pháp",
    "bxd": "Bộ Xây dựng",
    "bkhdt": "Bộ Kế hoạch và Đầu tư",
    "bgtvt": "Bộ Giao thông vận tải",
    "btttt": "Bộ Thông tin và Truyền thông",
    "bgddt": "Bộ Giáo dục và Đào tạo",
    "bldtbxh": "Bộ Lao động - Thương binh và Xã hội",
    "ldtbxh": "Bộ Lao động - Thương binh và Xã hội",
    "bnnptnt": "Bộ Nông nghiệp và Phát triển nông thôn",
    "btnmt": "Bộ Tài nguyên và Môi trường",
    "bvhttdl": "Bộ Văn hóa, Thể thao và Du lịch",
    "bkhcn": "Bộ Khoa học và Công nghệ",
    "nhnn": "Ngân hàng Nhà nước Việt Nam",
    "ttcp": "Thanh tra Chính phủ",
    "kttn": "Kiểm toán Nhà nước",
    "tct": "Tổng cục Thuế",
    "tchq": "Tổng cục Hải quan",
    "bhxh": "Bảo hiểm xã hội Việt Nam",
    "tld": "Tổng Liên đoàn Lao động Việt Nam",
    "ubdt": "Ủy ban Dân tộc",
}

#: Folded Party codes of a committee, named relative to the citing body (Guideline
#: 36-HD/VPTW): ``05-CT/TU`` in a district letter is that province's committee.  ``TW``
#: is left out: Bộ Chính trị, Ban Bí thư and the Central Committee share it.
COMMITTEE_BY_CODE: dict[str, str] = {
    "tu": "Tỉnh ủy",
    "thu": "Thành ủy",
    "hu": "Huyện ủy",
    "qu": "Quận ủy",
}

#: Folded type codes of documents that several bodies issue together: a Thông tư liên tịch
#: (``02/2019/TTLT-BTC-BCA``), a Nghị quyết liên tịch, a Quy chế / Chương trình phối hợp.
JOINT_TYPE_CODES = frozenset("ttlt nqlt qcph ctph".split())

#: Folded type codes that stand before the issuer's code in a State number.
TYPE_CODES = frozenset("nq nd qd ct cd tt ttlt tb kh hd bc ttr qcph kl cv qc".split())

_SEGMENT = re.compile(r"[0-9a-z&]+")
_JOINT_HINT = re.compile(r"(?i)(?:lt|ph)\s*-")  # the end of TTLT, NQLT, QCPH, CTPH
_TERM_DIGITS = re.compile(r"[0-9il]+$")  # "QH14", OCR'd "UBTVQHI5"


def issuer_code(number: str) -> str | None:
    """The folded issuer code of a number, or ``None``.

    >>> issuer_code("38/2015/TT-BTC"), issuer_code("1789-CV/VPTW"), issuer_code("03/2021/UBTVQHI5")
    ('btc', 'vptw', 'ubtvqh')
    >>> issuer_code("4357/TCHQ-GSQL")
    'tchq'
    """
    folded = fold(number)
    if "/" not in folded:
        return None
    party = re.match(r"\d+-[a-z]+/", folded) is not None
    tail = folded.split("/", 1)[1]
    segments = [s for s in _SEGMENT.findall(tail) if not s.isdigit()]
    if not segments:
        return None
    if party:
        return segments[-1]
    first = segments[0]
    if first in TYPE_CODES and len(segments) > 1:
        first = segments[1]
    stripped = _TERM_DIGITS.sub("", first) if first.startswith(("qh", "ubtvqh")) else first
    return stripped or None


def issuer_from_number(number: str) -> str | None:
    """The national body a number's code names, or ``None``.

    >>> issuer_from_number("123/2020/NĐ-CP"), issuer_from_number("19/CT-TTg")
    ('Chính phủ', 'Thủ tướng Chính phủ')
    >>> issuer_from_number("1234/UBND-VX") is None
    True
    """
    code = issuer_code(number)
    return ISSUER_BY_CODE.get(code) if code else None


def committee_from_number(number: str) -> str | None:
    """The committee a Party number's code names, relative (``Tỉnh ủy``), or ``None``.

    >>> committee_from_number("37-KL/TU"), committee_from_number("217-CV/HU")
    ('Tỉnh ủy', 'Huyện ủy')
    >>> committee_from_number("19/CT-TTg") is None, committee_from_number("05-CT/TW") is None
    (True, True)
    """
    if re.match(r"\d+-[a-z]+/", fold(number)) is None:
        return None
    code = issuer_code(number)
    return COMMITTEE_BY_CODE.get(code) if code else None


def joint_issuers_from_number(number: str) -> tuple[str, ...]:
    """The national bodies of a joint State number, in its order (``()`` unless two or more).

    >>> joint_issuers_from_number("02/2019/TTLT-BTC-BCA")
    ('Bộ Tài chính', 'Bộ Công an')
    >>> joint_issuers_from_number("11/2021/TT-BTC"), joint_issuers_from_number("5120/BTC-TCT")
    ((), ())
    """
    if _JOINT_HINT.search(number) is None:
        return ()  # no "…LT-" / "…PH-" type code: one issuer (and no fold needed)
    folded = fold(number)
    if "/" not in folded or re.match(r"\d+-[a-z]+/", folded):
        return ()
    segments = [s for s in _SEGMENT.findall(folded.split("/", 1)[1]) if not s.isdigit()]
    if not segments or segments[0] not in JOINT_TYPE_CODES or len(segments) < 3:
        return ()  # "5120/BTC-TCT": a ministry's letter drafted by its Tổng cục, one issuer
    segments = segments[1:]
    names = tuple(ISSUER_BY_CODE.get(s) for s in segments)
    if None in names or len(set(names)) < len(names):
        return ()  # a drafting unit after the issuer ("2210/TCHQ-GSQL"), not a second issuer
    return names  # type: ignore[return-value]
