"""Hand-built graphs (schema of chidao.graph) shared by the view tests."""

from __future__ import annotations

from datetime import date, timedelta

import networkx as nx

#: A subject that would run script if it were ever put into the page as HTML.
XSS_SUBJECT = (
    "</script><script>window.__pwned = 1</script>"
    '<img src=x onerror="window.__pwned = 2"> "double" \'single\' & <b>bold</b>'
)


def _doc(G: nx.MultiDiGraph, iri: str, cited_only: bool = False, **attrs) -> None:
    G.add_node(iri, kind="document", cited_only=cited_only, **attrs)


def cascade_graph() -> nx.MultiDiGraph:
    """A Government resolution carried out by a province conclusion (known only from
    citations) and a district letter whose subject is an XSS payload; plus an
    unrelated document, the organisations and their links."""
    G = nx.MultiDiGraph()
    G.add_node("org:cp", kind="organisation", name="Chính phủ", level="central", system="state")
    G.add_node(
        "org:tu",
        kind="organisation",
        name="Tỉnh ủy Phú Yên",
        level="province",
        system="party",
        province="Phú Yên",
    )
    G.add_node(
        "org:hu",
        kind="organisation",
        name="Huyện ủy Sông Hinh",
        level="district",
        system="party",
        parent="org:tu",
        province="Phú Yên",
        district="Sông Hinh",
    )
    _doc(
        G,
        "doc:nq68",
        number="68/NQ-CP",
        doc_type="Nghị quyết",
        date=date(2021, 7, 1),
        issuer="org:cp",
        issuer_name="Chính phủ",
        level="central",
        system="state",
        subject="Một số chính sách hỗ trợ",
        cited_only=True,
    )
    _doc(
        G,
        "doc:kl125",
        number="125-KL/TU",
        doc_type="Kết luận",
        date=date(2021, 9, 5),
        issuer="org:tu",
        issuer_name="Tỉnh ủy Phú Yên",
        level="province",
        system="party",
        province="Phú Yên",
        cited_only=True,
    )
    _doc(
        G,
        "doc:cv281",
        number="281-CV/HU",
        doc_type="Công văn",
        date=date(2021, 9, 6),
        issuer="org:hu",
        issuer_name="Huyện ủy Sông Hinh",
        level="district",
        system="party",
        province="Phú Yên",
        district="Sông Hinh",
        subject=XSS_SUBJECT,
        source="004.txt",
    )
    _doc(
        G,
        "doc:other",
        number="309-CV/TU",
        date=date(2021, 7, 20),
        issuer="org:bk",
        issuer_name="Tỉnh ủy Bắc Kạn",
        level="province",
        system="party",
        province="Bắc Kạn",
    )
    G.add_edge("doc:kl125", "doc:nq68", key="implements", lag_days=66)
    G.add_edge("doc:cv281", "doc:kl125", key="implements", lag_days=1)
    G.add_edge("doc:cv281", "doc:nq68", key="based_on", lag_days=67)
    G.add_edge("doc:other", "doc:nq68", key="cites", lag_days=19)
    G.add_edge("doc:cv281", "org:hu", key="issued_by")
    G.add_edge("doc:kl125", "org:tu", key="issued_by")
    G.add_edge("doc:nq68", "org:cp", key="issued_by")
    G.add_edge("doc:cv281", "org:tu", key="recipient")
    G.add_edge("org:hu", "org:tu", key="sub_organization_of")
    return G


def campaign_graph(provinces: int, districts_per_province: int) -> nx.MultiDiGraph:
    """One central resolution, one document per province carrying it out and one per
    district carrying out its province's: ``1 + p + p·d`` documents."""
    G = nx.MultiDiGraph()
    start = date(2021, 1, 4)
    _doc(
        G,
        "c",
        number="1/NQ-CP",
        date=start,
        issuer="cp",
        issuer_name="Chính phủ",
        level="central",
        system="state",
    )
    for p in range(provinces):
        pid = f"p{p}"
        _doc(
            G,
            pid,
            number=f"{p + 1}-CV/TU",
            date=start + timedelta(days=3 + p % 7),
            issuer=f"tu{p}",
            issuer_name=f"Tỉnh ủy P{p}",
            level="province",
            system="party",
            province=f"P{p}",
        )
        G.add_edge(pid, "c", key="implements", lag_days=3 + p % 7)
        for d in range(districts_per_province):
            did = f"p{p}d{d}"
            _doc(
                G,
                did,
                number=f"{d + 1}-CV/HU",
                date=start + timedelta(days=10 + d % 5),
                issuer=f"hu{p}.{d}",
                issuer_name=f"Huyện ủy D{p}.{d}",
                level="district",
                system="party" if d % 2 else "state",
                province=f"P{p}",
            )
            G.add_edge(did, pid, key="implements", lag_days=7 + d % 5 - p % 7)
    return G
