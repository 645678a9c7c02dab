"""The resolver's caches key on everything a resolution reads: the issuer (context), the
province hint and the date; a cached answer is the answer a fresh resolution gives."""

from __future__ import annotations

from datetime import date

from chidao.extract import resolve
from chidao.extract.resolve import dated, resolve_organisation

RELATIVE = ("Ủy ban nhân dân Tỉnh", "Ban Thường vụ Tỉnh ủy", "UBND huyện", "Huyện ủy")
ABSOLUTE = ("Sở Y tế", "Bộ Tài chính", "HUYỆN ỦY CHÂU THÀNH", "Cục Thuế tỉnh Bắc Ninh")


def _fresh(printed, context=None, province_hint=None):
    resolve._resolve_cached.cache_clear()
    resolve._CONTEXT_FREE.clear()
    return resolve_organisation(printed, context, province_hint)


def test_relative_names_follow_each_issuer_through_the_cache() -> None:
    kim_son = resolve_organisation("Huyện ủy Kim Sơn")
    hai_lang = resolve_organisation("Huyện ủy Hải Lăng")
    assert kim_son is not None and hai_lang is not None
    # Interleaved, repeated: every call after the first per key is a cache hit.
    for _ in range(3):
        for ctx, province in ((kim_son, "Ninh Bình"), (hai_lang, "Quảng Trị")):
            org = resolve_organisation("Ủy ban nhân dân Tỉnh", ctx)
            assert org is not None and org.name == f"Ủy ban nhân dân tỉnh {province}"
            org = resolve_organisation("Ban Thường vụ Tỉnh ủy", ctx)
            assert org is not None and org.name == f"Tỉnh ủy {province}"


def test_cached_answers_equal_fresh_ones() -> None:
    contexts = [
        None,
        resolve_organisation("Huyện ủy Kim Sơn"),
        resolve_organisation("Tỉnh ủy Long An"),
    ]
    warm = {
        (p, i, h): resolve_organisation(p, c, h)
        for p in RELATIVE + ABSOLUTE
        for i, c in enumerate(contexts)
        for h in (None, "Long An")
    }
    for (p, i, h), org in warm.items():
        assert _fresh(p, contexts[i], h) == org, (p, i, h)


def test_context_free_answer_keeps_the_hint_drawn_from_the_issuer() -> None:
    # Namesake districts: the issuer's province decides, so it is part of the shared key.
    long_an = resolve_organisation("Tỉnh ủy Long An")
    tien_giang = resolve_organisation("Tỉnh ủy Tiền Giang")
    a = resolve_organisation("HUYỆN ỦY CHÂU THÀNH", long_an)
    b = resolve_organisation("HUYỆN ỦY CHÂU THÀNH", tien_giang)
    assert a is not None and b is not None
    assert a.parent == "Tỉnh ủy Long An" and b.parent == "Tỉnh ủy Tiền Giang"


def test_the_date_is_part_of_the_key_after_the_reform() -> None:
    # A 2026 commune letter sits right under the merged province; the same words before the
    # reform (or after a 2026 call has filled the cache) find no such commune.
    before = resolve_organisation("ĐẢNG ỦY XÃ KIẾN XƯƠNG")
    with dated(date(2026, 1, 1)):
        after = resolve_organisation("ĐẢNG ỦY XÃ KIẾN XƯƠNG")
    again = resolve_organisation("ĐẢNG ỦY XÃ KIẾN XƯƠNG")
    assert after is not None and after.parent == "Tỉnh ủy Hưng Yên"
    assert before is not None and before.parent is None
    assert again == before
