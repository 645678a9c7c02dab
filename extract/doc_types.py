"""Stage 4, *resolve*: the document type, from a printed title or the number's type code.

The annotation guidelines: a printed title (``CHỈ THỊ``) wins; otherwise the
number's type code (``CV`` Công văn, ``NQ`` Nghị quyết, ``CĐ`` Công điện, …);
a State letter numbered ``…/UBND-XX`` is a Công văn.
"""

from __future__ import annotations

from chidao.extract import regexes as rx
from chidao.extract.clean import fold

#: Type code (folded, upper case) → document type, per the annotation guidelines.
DOC_TYPE_CODES = {
    "CV": "Công văn",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "NQ": "Nghị quyết",
    "TB": "Thông báo",
    "CD": "Công điện",
    "KH": "Kế hoạch",
    "QD": "Quyết định",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "QC": "Quy chế",
    "QDI": "Quy định",
    "TTR": "Tờ trình",
    "ND": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CTR": "Chương trình",
    "CTHD": "Chương trình hành động",
    "DA": "Đề án",
    "BB": "Biên bản",
    "PL": "Pháp lệnh",
    "L": "Luật",
}

#: Printed type words (folded) → document type, longest first when matching.
DOC_TYPE_WORDS = {fold(v): v for v in DOC_TYPE_CODES.values()} | {
    "quy dinh": "Quy định",
    "thong tu lien tich": "Thông tư liên tịch",
    "bo luat": "Bộ luật",
    "luat": "Luật",
    "hien phap": "Hiến pháp",
    "thong tri": "Thông tri",
    "chuong trinh hanh dong": "Chương trình hành động",
}
#: Party type codes that differ from the State's: ``05-TT/TW`` is a Thông tri (a State
#: ``12/2020/TT-BTC`` is a Thông tư).
PARTY_DOC_TYPE_CODES = {"TT": "Thông tri"}


def doc_type_from_code(code: str) -> str | None:
    """The document type a number's type code stands for.

    >>> doc_type_from_code("CV"), doc_type_from_code("CĐ"), doc_type_from_code("QĐ")
    ('Công văn', 'Công điện', 'Quyết định')
    >>> doc_type_from_code("UBND") is None
    True
    """
    return DOC_TYPE_CODES.get(fold(code.strip()).upper())


def doc_type_from_number(number: str) -> str | None:
    """The document type a registration number implies.

    Party numbers put the code after a dash (``217-CV/HU``), State numbers after
    the slash (``43/NQ-CP``, ``38/2015/TT-BTC``); a State number whose first
    code is an issuer (``1234/UBND-VX``, ``4302/TCT-TTr``) is a Công văn.

    >>> doc_type_from_number("37-KL/TU"), doc_type_from_number("19/CT-TTg")
    ('Kết luận', 'Chỉ thị')
    >>> doc_type_from_number("1234/UBND-VX")
    'Công văn'
    >>> doc_type_from_number("05-TT/TW"), doc_type_from_number("147-CTHĐ/TU")
    ('Thông tri', 'Chương trình hành động')
    """
    number = number.strip()
    m = rx.NUMBER_TYPE_PARTY.match(number)
    if m and "/" in number and number.index("-") < number.index("/"):
        code = fold(m.group("code").strip()).upper()
        return PARTY_DOC_TYPE_CODES.get(code) or doc_type_from_code(m.group("code"))
    m = rx.NUMBER_TYPE_STATE.match(number)
    if m:
        return doc_type_from_code(m.group("code")) or "Công văn"
    return None


def doc_type_from_word(word: str) -> str | None:
    """The document type a printed title word names (``CHỈ THỊ``, ``Công điện khẩn``)."""
    f = " ".join(fold(word).split())
    for key in sorted(DOC_TYPE_WORDS, key=len, reverse=True):
        if f == key or f.startswith(key + " "):
            return DOC_TYPE_WORDS[key]
    return None
