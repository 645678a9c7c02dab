"""Store → :class:`networkx.MultiDiGraph`, exactly per the schema in :mod:`chidao.graph`.

A handful of SPARQL queries stream rows into the graph: one pass for the
documents' own descriptions (the graph of the file they came from), one for
what citations say of every document (which fills in documents known only
from citations), one for organisations and their units, and one per kind of
edge.  Aggregates (``MIN``) make the result deterministic when two files
disagree; a document's own file wins over what others say of it.

Every join runs inside one file's graph (``GRAPH ?g``): each file's graph is
self-contained, and the union default graph repeats a triple once per graph
that holds it, so joining several patterns over the union multiplies rows by
the number of files that mention a much-cited node (k files → k^6 rows).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
from rdflib.term import Node

from chidao.graph.store import TripleStore

#: Property (prefixed) → edge key, document → document.
DOC_EDGES: dict[str, str] = {
    "eli:ensures_implementation_of": "implements",
    "eli:based_on": "based_on",
    "eli:amends": "amends",
    "dcterms:replaces": "replaces",
    "eli:repeals": "replaces",
    "eli:cites": "cites",
}

#: Pattern binding ``?d`` and ``?o`` → edge key, document → organisation.
ORG_EDGES: dict[str, str] = {
    "?d eli:passed_by ?o": "issued_by",
    "?d chidao:addressedTo ?o": "recipient",
    "?d chidao:distributedTo ?o": "distribution",
    "?d odrl:obligation ?k . ?k odrl:assignee ?o": "assignee",
}

_DOC_FIELDS = """
    OPTIONAL { ?d eli:number ?number }
    OPTIONAL { ?d eli:type_document/skos:prefLabel ?type }
    OPTIONAL { ?d eli:date_document ?date }
    OPTIONAL { ?d dcterms:date ?year }
    OPTIONAL { ?d eli:passed_by ?issuer }
    OPTIONAL { ?d dcterms:title ?subject }
"""
_DOC_AGGREGATES = (
    "(MIN(?number) AS ?n) (MIN(?type) AS ?t) (MIN(?date) AS ?dt) (MIN(STR(?year)) AS ?y) "
    "(MIN(?issuer) AS ?i) (MIN(?subject) AS ?s)"
)

# Every document, with what any file says of it.
DOCUMENTS_ALL = f"""
SELECT ?d {_DOC_AGGREGATES} WHERE {{
    GRAPH ?g {{
        ?d a eli:LegalResource .
        {_DOC_FIELDS}
    }}
}} GROUP BY ?d
"""

# Documents with a source file, with what their own file says.
DOCUMENTS_OWN = f"""
SELECT ?d {_DOC_AGGREGATES} (MIN(?name) AS ?file) WHERE {{
    GRAPH ?g {{
        ?d prov:hadPrimarySource ?f .
        ?f nfo:fileName ?name .
        {_DOC_FIELDS}
    }}
}} GROUP BY ?d
"""

ORGANISATIONS = """
SELECT ?o (MIN(?label) AS ?name) (MIN(?lv) AS ?level) (MIN(?sy) AS ?system)
       (MIN(?p) AS ?parent) (MIN(?u) AS ?unit) WHERE {
    GRAPH ?g {
        ?o a org:Organization .
        OPTIONAL { ?o skos:prefLabel ?label }
        OPTIONAL { ?o chidao:level ?lv }
        OPTIONAL { ?o chidao:system ?sy }
        OPTIONAL { ?o org:subOrganizationOf ?p }
        OPTIONAL { ?o dcterms:spatial ?u }
    }
} GROUP BY ?o
"""

UNITS = """
SELECT ?u (MIN(?label) AS ?name) (MIN(?lv) AS ?level) (MIN(?b) AS ?broader) WHERE {
    GRAPH ?g {
        ?u a chidao:AdminUnit .
        OPTIONAL { ?u skos:prefLabel ?label }
        OPTIONAL { ?u chidao:level ?lv }
        OPTIONAL { ?u skos:broader ?b }
    }
} GROUP BY ?u
"""


def _s(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _date(term: Node | None) -> dt.date | None:
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(str(term))
    except ValueError:
        return None


def _year(term: Node | None, date: dt.date | None) -> int | None:
    if date is not None:
        return date.year
    text = _s(term)
    return int(text[:4]) if text and text[:4].isdigit() else None


def _local(term: Node | None) -> str | None:
    """A level or system concept's local name (``…ontology#district`` → ``district``)."""
    text = _s(term)
    return text.rsplit("#", 1)[-1] if text else None


def _units(store: TripleStore) -> dict[str, dict[str, Any]]:
    units: dict[str, dict[str, Any]] = {}
    for u, name, level, broader in store.query(UNITS).rows:
        units[str(u)] = {"name": _s(name), "level": _local(level), "broader": _s(broader)}
    return units


def _unit_names(units: dict[str, dict[str, Any]], unit: str | None) -> tuple[str | None, ...]:
    """``(province, district)`` names for a unit, walking up its ``skos:broader`` chain."""
    found: dict[str, str | None] = {"province": None, "district": None}
    seen: set[str] = set()
    while unit is not None and unit in units and unit not in seen:
        seen.add(unit)
        info = units[unit]
        if info["level"] in found and found[info["level"]] is None:
            found[info["level"]] = info["name"]
        unit = info["broader"]
    return found["province"], found["district"]


def load_graph(store: TripleStore) -> nx.MultiDiGraph:
    """The NetworkX view of ``store``.

    Parameters
    ----------
    store : TripleStore
        The embedded or a remote store.

    Returns
    -------
    networkx.MultiDiGraph
        Documents and organisations as nodes, relations as keyed edges, exactly
        as documented in :mod:`chidao.graph`.

    Examples
    --------
    >>> from chidao.graph.store import OxigraphStore
    >>> G = load_graph(OxigraphStore())
    >>> G.number_of_nodes(), G.is_multigraph(), G.is_directed()
    (0, True, True)
    """
    G = nx.MultiDiGraph()
    units = _units(store)

    for o, name, level, system, parent, unit in store.query(ORGANISATIONS).rows:
        province, district = _unit_names(units, _s(unit))
        G.add_node(
            str(o),
            kind="organisation",
            name=_s(name),
            level=_local(level),
            system=_local(system),
            parent=_s(parent),
            province=province,
            district=district,
        )

    docs: dict[str, dict[str, Any]] = {}
    for d, number, typ, date, year, issuer, subject in store.query(DOCUMENTS_ALL).rows:
        day = _date(date)
        docs[str(d)] = {
            "kind": "document",
            "number": _s(number),
            "doc_type": _s(typ),
            "date": day,
            "year": _year(year, day),
            "issuer": _s(issuer),
            "subject": _s(subject),
            "source": None,
            "cited_only": True,
        }
    for d, number, typ, date, year, issuer, subject, file in store.query(DOCUMENTS_OWN).rows:
        day = _date(date)
        own = {
            "number": _s(number),
            "doc_type": _s(typ),
            "date": day,
            "year": _year(year, day),
            "issuer": _s(issuer),
            "subject": _s(subject),
        }
        attrs = docs.setdefault(str(d), {"kind": "document"})
        attrs.update({k: v for k, v in own.items() if v is not None})
        attrs["source"] = _s(file)
        attrs["cited_only"] = False

    for iri, attrs in docs.items():
        org = G.nodes[attrs["issuer"]] if attrs.get("issuer") in G else {}
        G.add_node(
            iri,
            **attrs,
            issuer_name=org.get("name"),
            level=org.get("level"),
            system=org.get("system"),
            province=org.get("province"),
            district=org.get("district"),
        )

    values = " ".join(DOC_EDGES)
    rows = store.query(
        f"SELECT DISTINCT ?a ?p ?b WHERE {{ VALUES ?p {{ {values} }} ?a ?p ?b }}"
    ).rows
    keys = {_expand(k): v for k, v in DOC_EDGES.items()}
    for a, p, b in rows:
        if str(a) not in G or str(b) not in G:
            continue
        da, db = G.nodes[str(a)].get("date"), G.nodes[str(b)].get("date")
        lag = (da - db).days if da is not None and db is not None else None
        G.add_edge(str(a), str(b), key=keys[str(p)], lag_days=lag)

    for pattern, key in ORG_EDGES.items():
        for d, o in store.query(f"SELECT DISTINCT ?d ?o WHERE {{ {pattern} }}").rows:
            if str(d) in G and str(o) in G:
                G.add_edge(str(d), str(o), key=key)
    for o, parent in store.query(
        "SELECT DISTINCT ?o ?p WHERE { ?o org:subOrganizationOf ?p }"
    ).rows:
        if str(o) in G and str(parent) in G:
            G.add_edge(str(o), str(parent), key="sub_organization_of")
    return G


def _expand(prefixed: str) -> str:
    from chidao.graph.store import PREFIXES

    prefix, local = prefixed.split(":", 1)
    return PREFIXES[prefix] + local
