"""How a document relates to a document it mentions: the relation words before the mention.

Within the sentence that holds the mention:

* ``sửa đổi, bổ sung`` right before the type word → ``amends`` (not when it names a
  new document: ``ban hành Nghị định sửa đổi, bổ sung Nghị định số 123`` cites 123);
* ``thay thế`` with this document as subject (``Công văn này thay thế …``, or opening the
  sentence) → ``replaces``; ``bãi bỏ``, ``hủy bỏ`` so → ``repeals``, and so is a mention
  followed by ``… hết hiệu lực kể từ ngày Quyết định này có hiệu lực`` (:func:`ceases_after`);
  ``sửa đổi, bổ sung`` described, not done (``Các nội dung sửa đổi, bổ sung Thông tư số
  156``, ``Thông tư số 65 đã sửa đổi …``) → ``cites``;
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
        if _done_here(folded, sentence, lo, amend.start() + lo):
            return Relation("amends", amend.start() + lo, amend.end() + lo)
        # "Các nội dung sửa đổi, bổ sung Thông tư số 156 …": an amendment made elsewhere
        return Relation("cites", amend.start() + lo, amend.end() + lo)
    for name, pattern in (("replaces", rx.REL_REPLACES_F), ("repeals", rx.REL_REPEALS_F)):
        for m in pattern.finditer(window):
            if _done_here(folded, sentence, lo, m.start() + lo):
                return Relation(name, m.start() + lo, m.end() + lo)
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


def ceases_after(folded: str, end: int) -> Relation | None:
    """``repeals`` when the words after a mention (ending at ``end``) say this document ends
    it: ``… hết hiệu lực kể từ ngày Quyết định này có hiệu lực``.

    >>> f = "quyet dinh so 12/2015 het hieu luc ke tu ngay quyet dinh nay co hieu luc."
    >>> ceases_after(f, 21).name
    'repeals'
    >>> ceases_after("thong tu so 12 da het hieu luc tu ngay 1/7 theo thong tu nay", 14) is None
    True
    """
    m = rx.REL_CEASES_AFTER_F.match(folded, end)
    if m is None:
        return None
    word = folded.find("het", end, m.end())
    return Relation("repeals", word, word + len("het hieu luc"))


def _done_here(folded: str, sentence: int, lo: int, at: int) -> bool:
    """Whether the verb at ``at`` (sửa đổi, thay thế, bãi bỏ) is this document's own act: it
    opens its sentence (after a label: ``Điều 1. Sửa đổi, bổ sung …``), or this document is
    its subject (``Công văn này thay thế …``, ``Quyết định này có hiệu lực … và bãi bỏ …``).

    >>> _done_here("sua doi, bo sung thong tu", 0, 0, 0)
    True
    >>> _done_here("cac noi dung sua doi, bo sung thong tu", 0, 0, 13)
    False
    """
    if rx.REL_SELF_SUBJECT_F.search(folded, lo, at):
        return True
    return lo == sentence and rx.REL_LABEL_ONLY_F.fullmatch(folded, sentence, at) is not None


def _nearer(a: Relation | None, b: Relation) -> Relation:
    return b if a is None or (b.end or 0) > (a.end or 0) else a


def _names_new_document(before: str) -> bool:
    # "ban hành Nghị định sửa đổi, bổ sung Nghị định số 123" describes a future document
    # that will amend the cited one; this document does not amend it.
    # ("Quyết định này sửa đổi, bổ sung …" is this document: it amends)
    m = rx.CITE_TYPE_F.search(before[-25:])
    return m is not None and not before[-25:][m.end() :].lstrip().startswith("nay")
