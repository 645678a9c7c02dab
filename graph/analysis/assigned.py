"""The tasks and reporting duties assigned to one organisation, read from a store in one query.

Tasks are not nodes of the NetworkX view (:mod:`chidao.graph`): each is an
``odrl:Duty`` under its document's ``odrl:obligation``, with its text
(``dcterms:description``), the resolved ``odrl:assignee`` and its deadlines
(``odrl:constraint`` … ``odrl:rightOperand``). :func:`assigned_tasks` reads those of one
organisation inside each file's graph (a duty and its document are described by the
same file), so the rows do not multiply with the files that mention the organisation.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

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
    found: dict[tuple[str, str], list[object]] = {}
    for doc, duty, action, text, due in Runner(store)(tasks_query, "o", [org]):
        key = (str(doc), str(duty))
        day = _day(due)
        held = found.get(key)
        if held is None:
            found[key] = [action, text, day]
        elif day is not None and (held[2] is None or day < held[2]):  # type: ignore[operator]
            held[2] = day
    out = []
    for (doc, _duty), (action, text, day) in sorted(found.items()):
        a = G.nodes[doc] if doc in G else {}
        out.append(
            AssignedTask(
                document=doc,
                number=a.get("number"),
                date=a.get("date"),
                issuer_name=a.get("issuer_name"),
                kind="report" if str(action) == _INFORM else "task",
                text=str(text) if text is not None else "",
                deadline=day,  # type: ignore[arg-type]
            )
        )
    return out
