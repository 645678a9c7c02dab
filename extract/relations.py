"""How a document relates to a document it mentions: the relation words before the mention.

Within the sentence that holds the mention:

* ``sửa đổi, bổ sung`` right before the type word → ``amends`` (not when it names a
  new document: ``ban hành Nghị định sửa đổi, bổ sung Nghị định số 123`` cites 123);
* ``thay thế``, ``bãi bỏ`` with this document as subject (``Công văn này thay thế …``,
  or opening the sentence) → ``replaces``;
* ``Căn cứ`` anywhere before → ``based_on`` (``Căn cứ quy định tại khoản 1 Điều 9
  Nghị định số 126``);
* otherwise the nearest of: an implementing verb (``Thực hiện``, ``Triển khai``,
  ``Quán triệt``, ``đúng tinh thần``, ``chỉ đạo tại``) → ``implements``, unless it
  only frames (``trong thời gian thực hiện``, ``việc thực hiện``); ``theo`` right
  before the mention → ``implements`` in a sentence that directs (``Tăng cường phối
  hợp … theo Thông tư liên tịch số 85``), ``cites`` in one that describes; a
  referring phrase (``quy định tại``, ``Tiếp theo``, ``trả lời``) → ``cites``.

A mention that follows another one in the same sentence with no relation word in
between shares its relation (``Thực hiện Nghị quyết số 01/NQ-CP …; Quyết định số
33/QĐ-TCT …``).  Matching is on folded text (:func:`chidao.extract.clean.fold`);
sentence boundaries are found in the cleaned text, where capitals survive.
"""

from __future__ import annotations

from dataclasses import dataclass

from chidao.extract import regexes as rx

#: How far back (characters) a relation word may stand from the mention it governs.
WINDOW = 600


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation and the span (cleaned-text offsets) of the words that decided it."""

    name: str
    start: int | None = None
    end: int | None = None


def sentence_start(text: str, pos: int, floor: int = 0) -> int:
    """Start of the sentence holding ``pos`` (not before ``floor``, nor :data:`WINDOW` back).

    >>> sentence_start("Xong. Thực hiện Kết luận", 16)
    6
    """
    lo = max(floor, pos - WINDOW)
    start = lo
    for m in rx.REL_BOUNDARY.finditer(text, lo, pos):
        start = m.end()
    while start < pos and text[start] in " \n":
        start += 1
    return start


def classify(folded: str, sentence: int, lo: int, hi: int) -> Relation | None:
    """The relation decided by the words in ``folded[lo:hi]`` (``hi`` = the mention's start).

    ``folded`` is folded text with line breaks as spaces.

    ``sentence`` is where the sentence starts (``<= lo``); ``None`` when no relation
    word stands between ``lo`` and ``hi``.

    >>> f = "thuc hien y kien chi dao tai "
    >>> classify(f, 0, 0, len(f)).name
    'implements'
    >>> classify("can cu quy dinh tai khoan 1 dieu 9 ", 0, 0, 35).name
    'based_on'
    >>> f = "doanh nghiep su dung hoa don theo "
    >>> classify(f, 0, 0, len(f)).name
    'cites'
    """
    window = folded[lo:hi]
    amend = rx.REL_AMENDS_F.search(window)
    if amend is not None and not _names_new_document(window[: amend.start()]):
        return Relation("amends", amend.start() + lo, amend.end() + lo)
    for m in rx.REL_REPLACES_F.finditer(window):
        if m.start() == 0 and lo == sentence or rx.REL_SELF_SUBJECT_F.search(window[: m.start()]):
            return Relation("replaces", m.start() + lo, m.end() + lo)
    best: Relation | None = None
    based = None
    for based in rx.REL_BASED_ON_F.finditer(window):
        best = Relation("based_on", based.start() + lo, based.end() + lo)
    for m in rx.REL_IMPLEMENTS_F.finditer(window):
        # (within the sentence: "… Ngày thành lập Đảng" / "Thực hiện …" is no "đang thực hiện")
        before = folded[max(sentence, lo + m.start() - 20) : lo + m.start()]
        if m.group(0).endswith(("thuc hien", "trien khai")) and rx.REL_NOT_IMPLEMENTING_F.search(
            before
        ):
            candidate = Relation("cites", m.start() + lo, m.end() + lo)
        else:
            candidate = Relation("implements", m.start() + lo, m.end() + lo)
        best = _nearer(best, candidate)
    for m in rx.REL_CITES_F.finditer(window):
        if based is not None and based.start() <= m.start() < based.end():
            continue  # "Căn cứ quy định tại …"
        best = _nearer(best, Relation("cites", m.start() + lo, m.end() + lo))
    theo = rx.REL_THEO_F.search(window)
    if theo is not None and (best is None or best.name != "implements"):
        directs = rx.REL_DIRECTIVE_F.search(folded[sentence:hi])
        best = Relation("implements" if directs else "cites", theo.start() + lo, theo.end() + lo)
    return best


def _nearer(a: Relation | None, b: Relation) -> Relation:
    return b if a is None or (b.end or 0) > (a.end or 0) else a


def _names_new_document(before: str) -> bool:
    # "ban hành Nghị định sửa đổi, bổ sung Nghị định số 123" describes a future document
    # that will amend the cited one; this document does not amend it.
    return bool(rx.CITE_TYPE_F.search(before[-25:]))
