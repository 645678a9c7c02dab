"""The tasks and reporting duties assigned to one organisation, read from a store in one query.

Tasks are not nodes of the NetworkX view (:mod:`chidao.graph`): each is an
``odrl:Duty`` under its document's ``odrl:obligation``, with its text
(``dcterms:description``), the resolved ``odrl:assignee`` and its deadlines
(``odrl:constraint`` … ``odrl:rightOperand``). :func:`assigned_tasks` reads those of one
organisation inside each file's graph (a duty and its document are described by the
same file), so the rows do not multiply with the files that mention the organisation.

:func:`group_tasks` reads the duties an organisation has as one of a group: those of
the directives addressed to it whose assignee did not resolve to one body and is a
group or list of its kind (``Các huyện ủy`` for ``Huyện ủy Kim Sơn``), or that name no
assignee (asked of all the addressees) — the reading of ``chidao duties``
(:func:`chidao.graph.analysis.duties.stands_for`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import networkx as nx

from chidao.graph.analysis.duties import stands_for
from chidao.graph.analysis.load import Runner
from chidao.graph.analysis.who import AssignedTask
from chidao.graph.store.oxigraph import TripleStore

_INFORM = "http://www.w3.org/ns/odrl/2/inform"


def tasks_query(values: str) -> str:
    """Duties whose ``odrl:assignee`` is one of ``values`` (binding ``?o``): ``?doc ?duty
    ?action ?text ?due``, one row per deadline (none: ``?due`` unbound)."""
    return f"""
SELECT DISTINCT ?doc ?duty ?action ?text ?due WHERE {{
    GRAPH ?g {{
        {values}
        ?duty odrl:assignee ?o .
        ?doc odrl:obligation ?duty .
        OPTIONAL {{ ?duty odrl:action ?action }}
        OPTIONAL {{ ?duty dcterms:description ?text }}
        OPTIONAL {{ ?duty odrl:constraint ?c . ?c odrl:rightOperand ?due }}
    }}
}}
"""


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


def assigned_tasks(store: TripleStore, org: str, G: nx.MultiDiGraph) -> list[AssignedTask]:
    """The tasks (and reporting duties) assigned to organisation ``org``.

    ``G`` gives the documents' number, date and issuer (the partial load of
    :func:`~chidao.graph.analysis.load.load_organisation` holds every document that
    assigns ``org`` a task). A duty with several deadlines keeps the earliest.

    Examples
    --------
    >>> from chidao.graph.store.oxigraph import OxigraphStore
    >>> assigned_tasks(OxigraphStore(), "https://w3id.org/chidao/org/x", nx.MultiDiGraph())
    []
    """
    rows = Runner(store)(tasks_query, "o", [org])
    return _assigned(((*row, None) for row in rows), G)  # named itself: no group


def _assigned(
    rows: Iterable[tuple[Any, Any, Any, Any, Any, str | None]], G: nx.MultiDiGraph
) -> list[AssignedTask]:
    """One :class:`AssignedTask` per duty of ``rows`` (``doc, duty, action, text, due, group``,
    one row per deadline), keeping its earliest deadline; ``G`` names the documents."""
    found: dict[tuple[str, str], list[Any]] = {}
    for doc, duty, action, text, due, group in rows:
        key = (str(doc), str(duty))
        day = _day(due)
        held = found.get(key)
        if held is None:
            found[key] = [action, text, day, group]
        elif day is not None and (held[2] is None or day < held[2]):
            held[2] = day
    out = []
    for (doc, _duty), (action, text, day, group) in sorted(found.items()):
        a = G.nodes[doc] if doc in G else {}
        out.append(
            AssignedTask(
                document=doc,
                number=a.get("number"),
                date=a.get("date"),
                issuer_name=a.get("issuer_name"),
                kind="report" if str(action) == _INFORM else "task",
                text=str(text) if text is not None else "",
                deadline=day,
                group=group,
            )
        )
    return out


def group_query(values: str) -> str:
    """Duties of documents addressed to one of ``values`` (binding ``?o``) with no resolved
    assignee: ``?doc ?duty ?action ?text ?due ?printed ?task ?task_who ?task_printed``
    (a report takes its task's assignee)."""
    return f"""
SELECT DISTINCT ?doc ?duty ?action ?text ?due ?printed ?task ?task_who ?task_printed WHERE {{
    GRAPH ?g {{
        {values}
        ?doc chidao:addressedTo ?o ; odrl:obligation ?duty .
        FILTER NOT EXISTS {{ ?duty odrl:assignee ?anyone }}
        OPTIONAL {{ ?duty odrl:action ?action }}
        OPTIONAL {{ ?duty dcterms:description ?text }}
        OPTIONAL {{ ?duty odrl:constraint ?c . ?c odrl:rightOperand ?due }}
        OPTIONAL {{ ?duty chidao:assigneeSpan ?m . ?m nif:anchorOf ?printed }}
        OPTIONAL {{
            ?duty dcterms:isPartOf ?task .
            OPTIONAL {{ ?task odrl:assignee ?task_who }}
            OPTIONAL {{ ?task chidao:assigneeSpan ?tm . ?tm nif:anchorOf ?task_printed }}
        }}
    }}
}}
"""


_LABEL = "SELECT ?o ?name WHERE { ?o skos:prefLabel ?name } ORDER BY ?name LIMIT 1"


def group_tasks(store: TripleStore, org: str, G: nx.MultiDiGraph) -> list[AssignedTask]:
    """The tasks (and reporting duties) ``org`` has as one of a group or of the addressees.

    ``group`` holds the assignee as printed (``""``: the directive gives the task to all
    its addressees). A report whose task names ``org`` itself is listed too (``None``):
    the body that must do a task reports on it.

    Examples
    --------
    >>> from chidao.graph.store.oxigraph import OxigraphStore
    >>> group_tasks(OxigraphStore(), "https://w3id.org/chidao/org/x", nx.MultiDiGraph())
    []
    """
    from rdflib import URIRef

    rows = list(store.query(_LABEL, {"o": URIRef(org)}).rows)
    name = str(rows[0][1]) if rows else ""
    kept = []
    for doc, duty, action, text, due, printed, _task, task_who, task_printed in Runner(store)(
        group_query, "o", [org]
    ):
        if task_who is not None and str(task_who) != org:
            continue  # its task's own body reports
        if task_who is not None:
            group = None
        else:
            said = printed if printed is not None else task_printed
            group = str(said) if said is not None else ""
            if not stands_for(group or None, [(org, name)]):
                continue
        kept.append((doc, duty, action, text, due, group))
    return _assigned(kept, G)
