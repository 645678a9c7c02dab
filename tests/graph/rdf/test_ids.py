"""IRIs and keys (chidao.graph.rdf.ids), and the doctests of the graph-building modules."""

from __future__ import annotations

import doctest
import importlib

import pytest

from chidao.graph.rdf import build as rdf
from chidao.graph.rdf import ids


@pytest.mark.parametrize(
    "module",
    ["chidao.graph.rdf.ids", "chidao.graph.rdf.build", "chidao.graph.store.remote"],
)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("68/NQ-CP", "68/nq-cp"),
        ("  số 68 / nq - cp ", "68/nq-cp"),
        ("SỐ 114 -CV/HU", "114-cv/hu"),
        ("Số: 309-CV/TU.", "309-cv/tu"),
        ("05/CĐ-UBND", "05/cd-ubnd"),
        ("05/CD\u2011UBND", "05/cd-ubnd"),  # non-breaking hyphen
        ("12/QĐ\u2013UBND", "12/qd-ubnd"),  # en dash
        ("12\uff0fQĐ-UBND", "12/qd-ubnd"),  # full-width solidus
        ("68/NQ-CP'", "68/nq-cp'"),  # other characters are kept: no false match
    ],
)
def test_number_key(text: str, key: str) -> None:
    assert ids.number_lookup_key(text) == key


def test_number_key_agrees_with_the_slug_of_a_document_iri() -> None:
    # Two printings that name one document (one IRI) have one key.
    a, b = "Số 12/CĐ-UBND", "12/CD - UBND"
    assert ids.number_lookup_key(a) == ids.number_lookup_key(b)
    assert ids.doc_iri(a.removeprefix("Số "), "x", 2021) == ids.doc_iri(b, "x", 2021)


def test_caches_are_bounded() -> None:
    # A corpus of 10^6 files must not grow the process: every cache has a size limit.
    for fn in (ids.slug, ids.number_lookup_key, ids.source_path, rdf.rdflib_term):
        assert fn.cache_info().maxsize is not None


def test_bodies_named_by_their_kind_are_told_apart_by_their_own_unit() -> None:
    # Regression: "Văn phòng Tỉnh ủy" of every province, and "Ban Tuyên giáo Huyện ủy" of
    # every district of a province, were one organisation (and their documents could merge).
    from chidao.extract.records import AdminUnit, Organisation
    from chidao.graph.rdf import ids

    def district(name: str) -> AdminUnit:
        return AdminUnit(name, "district", province="Tỉnh Hà Giang")

    offices = {
        ids.org_iri(
            Organisation("Văn phòng Tỉnh ủy", level="province", unit=AdminUnit(p, "province"))
        )
        for p in ("Tỉnh Cao Bằng", "Tỉnh Phú Thọ")
    }
    boards = {
        ids.org_iri(Organisation("Ban Tuyên giáo Huyện ủy", level="district", unit=district(d)))
        for d in ("Huyện Vị Xuyên", "Huyện Xín Mần")
    }
    assert len(offices) == 2 and len(boards) == 2
    # A body named after its unit keeps the key it had: the units above it only.
    own = Organisation("Huyện ủy Vị Xuyên", level="district", unit=district("Huyện Vị Xuyên"))
    assert str(ids.org_iri(own)).endswith("/org/huyen-uy-vi-xuyen.tinh-ha-giang")
    # Its board's parent is that same node.
    board = Organisation(
        "Ban Tuyên giáo Huyện ủy",
        level="district",
        unit=district("Huyện Vị Xuyên"),
        parent="Huyện ủy Vị Xuyên",
    )
    assert ids.parent_iri(board) == ids.org_iri(own)
    # A commune called "An" is not named by "Ban Dân vận" (whole words only).
    an = AdminUnit("Xã An", "commune", province="Tỉnh B", district="Huyện C")
    assert str(ids.org_iri(Organisation("Ban Dân vận Đảng ủy", level="commune", unit=an))).endswith(
        "/org/ban-dan-van-dang-uy.tinh-b.huyen-c.xa-an"
    )
