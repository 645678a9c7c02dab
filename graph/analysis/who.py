"""Who: what an organisation issued, received and was assigned, and from whom."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from chidao.graph.analysis.nodes import CARRY_OUT, doc_info, is_document, level_rank

#: Document → organisation edges by which an organisation is addressed.
RECEIVING: tuple[str, ...] = ("recipient", "distribution", "assignee")


@dataclass(frozen=True, slots=True)
class Addressed:
    """A document that reached the organisation: as ``recipient``, as a copy in the
    ``distribution`` list, or as the ``assignee`` of one of its tasks."""

    document: str
    number: str | None
    date: date | None
    role: str
    issuer: str | None
    issuer_name: str | None


@dataclass(frozen=True, slots=True)
class AssignedTask:
    """A task of a document assigned to the organisation: its text, its first deadline
    (``None``: the text gives none) and the document it comes from."""

    document: str
    number: str | None
    date: date | None
    issuer_name: str | None
    kind: str  # task | report
    text: str
    deadline: date | None
    #: For a task given to a group or list the body is one of, as printed ("Các huyện ủy",
    #: "" when the directive gives a task to all its addressees); ``None`` when named itself.
    group: str | None = None


@dataclass(frozen=True, slots=True)
class CarriedOut:
    """A document the organisation issued that carries out others (``implements``)."""

    document: str
    number: str | None
    date: date | None
    implements: list[str]  # the numbers (or IRIs) of the documents it carries out


@dataclass(frozen=True, slots=True)
class Sender:
    """A body that addressed the organisation, and how many of its documents did."""

    issuer: str | None
    issuer_name: str | None
    level: str | None
    documents: int


@dataclass(frozen=True, slots=True)
class OrgActivity:
    """One organisation's part in the graph.

    ``issued`` lists its documents' IRIs; ``received``, ``copied`` and
    ``assigned`` the documents addressed to it in each role; ``senders`` the
    issuers of those, most documents first; ``parent`` and ``children`` its
    place in the hierarchy (``sub_organization_of``); ``tasks`` the tasks assigned
    to it; ``carried_out`` the documents it issued that carry out another;
    ``counts`` how many of each, zeros included.
    """

    organisation: str
    name: str | None
    level: str | None
    system: str | None
    parent: str | None
    children: list[str]
    issued: list[str]
    received: list[Addressed]
    copied: list[Addressed]
    assigned: list[Addressed]
    senders: list[Sender]
    tasks: list[AssignedTask]
    carried_out: list[CarriedOut]
    counts: dict[str, int]
    #: Tasks of directives addressed to it, given to a group it is one of (``Các huyện ủy``)
    #: or to all the addressees, as ``chidao duties`` reads them.
    group_tasks: list[AssignedTask] = field(default_factory=list)


def _by_date(G: nx.MultiDiGraph, n: str) -> tuple[date, str, str]:
    a = G.nodes[n]
    return (a.get("date") or date.max, a.get("number") or "", n)


def _carried_out(
    G: nx.MultiDiGraph, issued: list[str], relations: tuple[str, ...]
) -> list[CarriedOut]:
    out = []
    for d in issued:
        targets = {
            v for _, v, k in G.out_edges(d, keys=True) if k in relations and is_document(G, v)
        }
        if targets:
            a = G.nodes[d]
            implements = [
                G.nodes[t].get("number") or t for t in sorted(targets, key=lambda n: _by_date(G, n))
            ]
            out.append(CarriedOut(d, a.get("number"), a.get("date"), implements))
    return out


def who(
    G: nx.MultiDiGraph,
    org: str,
    tasks: Sequence[AssignedTask] = (),
    relations: tuple[str, ...] = CARRY_OUT,
    group_tasks: Sequence[AssignedTask] = (),
) -> OrgActivity:
    """What ``org`` issued, received, was copied on and was assigned, and from whom.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The document graph (schema in :mod:`chidao.graph`).
    org : str
        IRI of an organisation node.
    tasks : sequence of AssignedTask
        The tasks assigned to ``org`` (tasks are not nodes of the graph:
        :func:`chidao.graph.analysis.assigned.assigned_tasks` reads them from a store).
    relations : tuple of str
        Edge keys by which a document carries out another.
    group_tasks : sequence of AssignedTask
        Tasks ``org`` has as one of a group or of the addressees
        (:func:`chidao.graph.analysis.assigned.group_tasks`).

    Returns
    -------
    OrgActivity
        Documents are listed by date (undated last), then number.

    Raises
    ------
    networkx.NodeNotFound
        If ``org`` is not an organisation of ``G``.

    Examples
    --------
    >>> from datetime import date
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("tu", kind="organisation", name="Tỉnh ủy Ninh Bình", level="province")
    >>> G.add_node("hu", kind="organisation", name="Huyện ủy Kim Sơn", level="district",
    ...            parent="tu")
    >>> G.add_node("ub", kind="organisation", name="UBND huyện Kim Sơn", level="district")
    >>> G.add_node("kl", kind="document", number="52-KL/TU", issuer="tu",
    ...            issuer_name="Tỉnh ủy Ninh Bình", date=date(2021, 9, 5))
    >>> G.add_node("cv", kind="document", number="217-CV/HU", issuer="hu",
    ...            issuer_name="Huyện ủy Kim Sơn", date=date(2021, 9, 6))
    >>> _ = G.add_edge("kl", "tu", key="issued_by")
    >>> _ = G.add_edge("cv", "hu", key="issued_by")
    >>> _ = G.add_edge("kl", "hu", key="recipient")
    >>> _ = G.add_edge("cv", "ub", key="recipient")
    >>> _ = G.add_edge("cv", "ub", key="assignee")
    >>> _ = G.add_edge("hu", "tu", key="sub_organization_of")
    >>> a = who(G, "hu")
    >>> a.issued, [r.number for r in a.received], a.parent
    (['cv'], ['52-KL/TU'], 'tu')
    >>> [(s.issuer_name, s.documents) for s in who(G, "ub").senders]
    [('Huyện ủy Kim Sơn', 1)]
    >>> _ = G.add_edge("cv", "kl", key="implements")
    >>> [(c.number, c.implements) for c in who(G, "hu").carried_out]
    [('217-CV/HU', ['52-KL/TU'])]
    >>> {k: n for k, n in who(G, "ub").counts.items() if n}  # zeros are counted too
    {'received': 1, 'assigned': 1}
    """
    if org not in G or G.nodes[org].get("kind") != "organisation":
        raise nx.NodeNotFound(f"organisation {org!r} is not in the graph")
    a = G.nodes[org]
    issued = {u for u, _, k in G.in_edges(org, keys=True) if k == "issued_by" and is_document(G, u)}
    # Documents whose issuer attribute names the organisation count too: a
    # partial graph may lack the issued_by edge.
    issued |= {n for n in G if is_document(G, n) and G.nodes[n].get("issuer") == org}
    roles: dict[str, list[Addressed]] = {r: [] for r in RECEIVING}
    for u, _, k in G.in_edges(org, keys=True):
        if k in roles and is_document(G, u):
            d = doc_info(G, u)
            roles[k].append(Addressed(u, d.number, d.date, k, d.issuer, d.issuer_name))
    for items in roles.values():
        items.sort(key=lambda x: _by_date(G, x.document))
    senders: dict[str | None, set[str]] = {}
    names: dict[str | None, tuple[str | None, str | None]] = {}
    for items in roles.values():
        for x in items:
            key = x.issuer or x.issuer_name
            senders.setdefault(key, set()).add(x.document)
            level = G.nodes[x.issuer].get("level") if x.issuer in G else None
            names[key] = (x.issuer_name, level)
    counts = Counter({k: len(v) for k, v in senders.items()})
    parent = a.get("parent") or next(
        (v for _, v, k in G.out_edges(org, keys=True) if k == "sub_organization_of"), None
    )
    children = sorted(
        {u for u, _, k in G.in_edges(org, keys=True) if k == "sub_organization_of"}
        | {n for n, p in G.nodes(data="parent") if p == org and n != org}
    )
    issued_list = sorted(issued, key=lambda n: _by_date(G, n))
    done = _carried_out(G, issued_list, relations)

    def by_due(t: AssignedTask) -> tuple[date, date, str]:
        return (t.deadline or date.max, t.date or date.max, t.number or "")

    task_list = sorted(tasks, key=by_due)
    group_list = sorted(group_tasks, key=by_due)
    tally = {
        "issued": len(issued_list),
        "received": len(roles["recipient"]),
        "copied": len(roles["distribution"]),
        "assigned": len(roles["assignee"]),
        "tasks": len(task_list),
        "carried_out": len(done),
        "group_tasks": len(group_list),
    }
    return OrgActivity(
        organisation=org,
        name=a.get("name"),
        level=a.get("level"),
        system=a.get("system"),
        parent=parent,
        children=children,
        issued=issued_list,
        received=roles["recipient"],
        copied=roles["distribution"],
        assigned=roles["assignee"],
        senders=[
            Sender(
                k if k in G else None,
                names[k][0],
                names[k][1],
                n,
            )
            for k, n in sorted(
                counts.items(),
                key=lambda kv: (-kv[1], level_rank(names[kv[0]][1]), names[kv[0]][0] or ""),
            )
        ],
        tasks=task_list,
        carried_out=done,
        counts=tally,
        group_tasks=group_list,
    )
