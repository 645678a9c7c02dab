"""Store → :class:`networkx.MultiDiGraph`, exactly per the schema in :mod:`chidao.graph`.

:func:`load_graph` loads the whole store: what :func:`~chidao.graph.hubs.hubs`
and the corpus view need. :func:`load_neighbourhood` (a document's lineage and
cascade) and :func:`load_organisation` (an organisation and the documents
linked to it) load only the part of the store one question needs, so that a
lineage or cascade costs in proportion to its answer, not to the store: they
give the *induced subgraph* of :func:`load_graph` on the nodes they reach,
with the same attributes and edges.

Documents and organisations are read one property at a time over the union
of the files' graphs (``SELECT DISTINCT ?s ?x WHERE { ?s eli:number ?x }``),
keeping the least value any file gives, so the result is deterministic when
two files disagree and a file that leaves a property out does not blank it;
then the documents' own descriptions (the graph of the file they came from,
``GRAPH ?g``) win over what citations say of them; then one query per kind of
edge. The partial loaders run the very same queries, restricted by a
``VALUES`` block of IRIs the store itself returned (written by
:func:`~chidao.graph.sparql_text.sparql_iri`, which refuses anything that
could end an IRI early), a few hundred at a time. A store that offers
``pairs(predicate, iris, by_object=...)`` (the embedded one) answers the
document → document edges from its indexes instead, with the same rows: one
file states each of those, so an index lookup decodes few quads, where a
document's or an organisation's description, repeated by every file that
mentions it, is deduplicated faster by the query.

No query joins several patterns on one subject over the union: the union
default graph repeats a triple once per graph that holds it, so such a join
multiplies rows by the number of files that mention a much-cited node (k
files → k^6 rows). Joins run inside one file's graph (``GRAPH ?g``), or each
pattern is asked alone, ``DISTINCT``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

import networkx as nx
from rdflib import URIRef
from rdflib.term import Node

from chidao.graph.docnodes import CARRY_OUT
from chidao.graph.sparql_text import sparql_iri
from chidao.graph.store import PREFIXES, TripleStore

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

#: IRIs per ``VALUES`` block of the partial loaders: small enough for any
#: endpoint's request size, large enough that a cascade of a whole country
#: (some 1,500 documents) takes a handful of queries per step.
BATCH = 400

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

# The queries below take a VALUES block (or "" for the whole store) that
# restricts their first variable. It goes inside GRAPH ?g, where Oxigraph starts
# from it; outside, the graph pattern and its OPTIONALs are evaluated for every
# document first (100x slower for one document on a 1,000-file store).


def documents_own(values: str = "") -> str:
    """Documents (of ``values``) with a source file, with what their own file says."""
    return f"""
SELECT ?d {_DOC_AGGREGATES} (MIN(?name) AS ?file) WHERE {{
    GRAPH ?g {{
        {values}
        ?d prov:hadPrimarySource ?f .
        ?f nfo:fileName ?name .
        {_DOC_FIELDS}
    }}
}} GROUP BY ?d
"""


def doc_edges(prop: str, values: str = "") -> str:
    """``?a ?b`` linked by the document → document property ``prop`` (``?a`` or ``?b`` of
    ``values``).

    One property per query, as in :func:`fact`: with ``VALUES ?p`` Oxigraph scans
    each property over the whole store (0.8 s per query at 10^4 files).
    """
    return f"SELECT DISTINCT ?a ?b WHERE {{ {values} ?a {prop} ?b }}"


def org_edges(pattern: str, values: str = "") -> str:
    """``?d ?o`` pairs of one :data:`ORG_EDGES` pattern."""
    return f"SELECT DISTINCT ?d ?o WHERE {{ {values} {pattern} }}"


def sub_organisations(values: str = "") -> str:
    """``?o org:subOrganizationOf ?p`` pairs (``?o`` or ``?p`` of ``values``)."""
    return f"SELECT DISTINCT ?o ?p WHERE {{ {values} ?o org:subOrganizationOf ?p }}"


def values_of(var: str, iris: Iterable[str]) -> str:
    """A ``VALUES ?var { <…> … }`` block; every IRI checked by :func:`sparql_iri`.

    >>> values_of("d", ["https://w3id.org/chidao/doc/ubnd/2021/12-kh"])
    'VALUES ?d { <https://w3id.org/chidao/doc/ubnd/2021/12-kh> }'
    """
    return f"VALUES ?{var} {{ {' '.join(sparql_iri(i) for i in iris)} }}"


# --- reading rows ----------------------------------------------------------------------------


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


Rows = Iterator[tuple[Node | None, ...]]


def _expand(prop: str) -> str:
    """A prefixed property's IRI (``eli:cites`` → ``http://data.europa.eu/eli/ontology#cites``)."""
    prefix, _, local = prop.partition(":")
    return PREFIXES[prefix] + local


class Runner:
    """Runs the loaders' queries on a store, a few hundred IRIs at a time.

    ``run(query_of_values, var, iris)`` gives the rows of the query for ``iris``
    (``None``: the whole store). :meth:`edges` goes to the store's own ``pairs``
    look-up when it has one.
    """

    def __init__(self, store: TripleStore) -> None:
        self.store = store
        self._pairs: Callable[..., Iterator[tuple[Node, Node]]] | None = getattr(
            store, "pairs", None
        )

    def __call__(self, make: Callable[[str], str], var: str, iris: Iterable[str] | None) -> Rows:
        if iris is None:
            yield from self.store.query(make("")).rows
            return
        batch = sorted(set(iris))
        for start in range(0, len(batch), BATCH):
            yield from self.store.query(make(values_of(var, batch[start : start + BATCH]))).rows

    def edges(self, prop: str, iris: Iterable[str] | None, *, by_object: bool = False) -> Rows:
        """Distinct ``(a, b)`` of document → document property ``prop``, ``a``
        (``by_object``: ``b``) of ``iris``, as :func:`doc_edges` gives them."""
        if iris is None or self._pairs is None:
            yield from self(partial(doc_edges, prop), "b" if by_object else "a", iris)
            return
        yield from self._pairs(_expand(prop), sorted(set(iris)), by_object=by_object)


def _units(run: Runner, wanted: Iterable[str] | None) -> dict[str, dict[str, Any]]:
    """Units (all, or ``wanted`` and the units above them), by IRI."""
    found: dict[str, dict[str, Any]] = {}
    todo = None if wanted is None else set(wanted)
    asked: set[str] = set()
    while todo is None or todo:
        for u, name, level, broader in _least_rows(run, "chidao:AdminUnit", _UNIT_FIELDS, todo):
            found[str(u)] = {"name": _s(name), "level": _local(level), "broader": _s(broader)}
        if todo is None:
            break
        asked |= todo
        todo = {b for v in found.values() if (b := v["broader"])} - asked
    return found


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


#: Organisation property (prefixed) → position in a row of :func:`_least_rows`.
_ORG_FIELDS: dict[str, int] = {
    "skos:prefLabel": 1,
    "chidao:level": 2,
    "chidao:system": 3,
    "org:subOrganizationOf": 4,
    "dcterms:spatial": 5,
}

#: Administrative unit property → position in a row of :func:`_least_rows`.
_UNIT_FIELDS: dict[str, int] = {"skos:prefLabel": 1, "chidao:level": 2, "skos:broader": 3}

#: Document property → position, as in :data:`_DOC_AGGREGATES`.
_DOC_PROPS: dict[str, int] = {
    "eli:number": 1,
    "eli:type_document": 2,  # the type's skos:prefLabel: see _cited_docs
    "eli:date_document": 3,
    "dcterms:date": 4,
    "eli:passed_by": 5,
    "dcterms:title": 6,
}


def typed(cls: str, values: str = "") -> str:
    """Which subjects (of ``values``, binding ``?s``) have type ``cls`` (prefixed)."""
    return f"SELECT DISTINCT ?s WHERE {{ {values} ?s a {cls} }}"


def fact(prop: str, values: str = "") -> str:
    """What the files say of the subjects of ``values`` by ``prop`` (prefixed, or a path).

    One property per query: with ``VALUES ?p`` Oxigraph scans each property over
    the whole store before joining the subjects in.
    """
    return f"SELECT DISTINCT ?s ?x WHERE {{ {values} ?s {prop} ?x }}"


def _least_rows(
    run: Runner,
    cls: str,
    fields: dict[str, int],
    iris: Iterable[str] | None,
    all_of: int | None = None,
) -> list[list[Any]]:
    """``[s, value…]`` for the subjects of type ``cls`` (of ``iris``; ``None``: all),
    the least value any file gives for each of ``fields``.

    A much-cited document or a central body is described again by every file that
    mentions it (a ministry: most of the store). Joining its properties inside
    each file's graph costs a pass over all of them, and a ``MIN`` there is
    unbound as soon as one file leaves a property out (a citation without a date;
    a body named only as another's parent has no level). Asking each property over
    the union, ``DISTINCT``, costs one index scan (20x faster at 10^4 files) and
    keeps the least value any file gives: chidao writes a node's properties only
    next to its type. Field ``all_of`` keeps the set of all values instead.
    """
    found: dict[str, list[Any]] = {
        str(x): [URIRef(str(x))] + [None] * len(fields)
        for (x,) in run(partial(typed, cls), "s", iris)
    }
    for prop, i in fields.items():
        for x, value in run(partial(fact, prop), "s", None if iris is None else found):
            row = found.get(str(x))
            if row is None:  # another kind of node's value, in a whole-store load
                continue
            if value is None:
                continue
            if i == all_of:
                row[i] = (row[i] or set()) | {value}
            elif row[i] is None or _order(value) < _order(row[i]):
                row[i] = value
    return list(found.values())


def _order(term: Node) -> tuple[str, str]:
    # SPARQL's MIN on terms of one kind: lexical value, then language tag.
    return (str(term), getattr(term, "language", None) or "")


def _add_organisations(G: nx.MultiDiGraph, run: Runner, orgs: Iterable[str] | None) -> None:
    rows = _least_rows(run, "org:Organization", _ORG_FIELDS, orgs)
    wanted = None if orgs is None else {str(u) for *_, u in rows if u is not None}
    unit_info = _units(run, wanted)
    for o, name, level, system, parent, unit in rows:
        province, district = _unit_names(unit_info, _s(unit))
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


def _doc_attrs(row: tuple[Node | None, ...]) -> dict[str, Any]:
    number, typ, date, year, issuer, subject = row[1:7]
    day = _date(date)
    return {
        "number": _s(number),
        "doc_type": _s(typ),
        "date": day,
        "year": _year(year, day),
        "issuer": _s(issuer),
        "subject": _s(subject),
    }


def _cited_docs(run: Runner, iris: Iterable[str] | None) -> dict[str, dict[str, Any]]:
    """Documents (all, or those of ``iris`` that are documents) as any file describes them."""
    rows = _least_rows(run, "eli:LegalResource", _DOC_PROPS, iris, all_of=2)
    # The path eli:type_document/skos:prefLabel in one query makes Oxigraph walk
    # every label of the store: two steps instead, over the few type concepts.
    types = {str(t) for row in rows for t in row[2] or ()}  # type: ignore[union-attr]
    labels: dict[str, Node] = {}
    for t, label in run(partial(fact, "skos:prefLabel"), "s", types):
        if str(t) not in labels or _order(label) < _order(labels[str(t)]):
            labels[str(t)] = label
    for row in rows:
        found = [labels[str(t)] for t in row[2] or () if str(t) in labels]  # type: ignore[union-attr]
        row[2] = min(found, key=_order) if found else None
    return {
        str(row[0]): {"kind": "document", **_doc_attrs(row), "source": None, "cited_only": True}
        for row in rows
    }


def _add_documents(
    G: nx.MultiDiGraph, run: Runner, docs: dict[str, dict[str, Any]], all_docs: bool
) -> None:
    """Add ``docs`` (from :func:`_cited_docs`), their own files' descriptions winning."""
    for row in run(documents_own, "d", None if all_docs else docs):
        attrs = docs.setdefault(str(row[0]), {"kind": "document"})
        attrs.update({k: v for k, v in _doc_attrs(row).items() if v is not None})
        attrs["source"] = _s(row[7])
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


def _add_edges(
    G: nx.MultiDiGraph,
    run: Runner,
    docs: Iterable[str] | None,
    orgs: Iterable[str] | None,
    org_links: Iterable[tuple[str, str, str]] | None = None,
) -> None:
    """Every edge of the schema between nodes already in ``G``."""
    for prop, key in DOC_EDGES.items():
        for a, b in run.edges(prop, docs):
            if str(a) not in G or str(b) not in G:
                continue
            da, db = G.nodes[str(a)].get("date"), G.nodes[str(b)].get("date")
            lag = (da - db).days if da is not None and db is not None else None
            G.add_edge(str(a), str(b), key=key, lag_days=lag)
    if org_links is None:
        org_links = (
            (str(d), str(o), key)
            for pattern, key in ORG_EDGES.items()
            for d, o in run(lambda v, p=pattern: org_edges(p, v), "d", docs)
        )
    for d, o, key in org_links:
        if d in G and o in G:
            G.add_edge(d, o, key=key)
    for o, parent in run(sub_organisations, "o", orgs):
        if str(o) in G and str(parent) in G:
            G.add_edge(str(o), str(parent), key="sub_organization_of")


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
    run = Runner(store)
    _add_organisations(G, run, None)
    _add_documents(G, run, _cited_docs(run, None), all_docs=True)
    _add_edges(G, run, None, None)
    return G


def _induced(
    run: Runner, docs: dict[str, dict[str, Any]], orgs: Iterable[str] = ()
) -> nx.MultiDiGraph:
    """The induced subgraph of :func:`load_graph` on ``docs`` (from :func:`_cited_docs`),
    ``orgs`` and the issuers of ``docs``."""
    links = [
        (str(d), str(o), key)
        for pattern, key in ORG_EDGES.items()
        for d, o in run(lambda v, p=pattern: org_edges(p, v), "d", docs)
    ]
    # Issuers only: they give documents their issuer's name, level and units. Every
    # other organisation costs a pass over every file that mentions it (a ministry
    # is mentioned by most of the store), for nothing lineage or cascade reads.
    org_set = set(orgs) | {o for _, o, key in links if key == "issued_by"}
    G = nx.MultiDiGraph()
    _add_organisations(G, run, org_set)
    _add_documents(G, run, docs, all_docs=False)
    _add_edges(G, run, list(docs), [o for o in org_set if o in G], links)
    return G


def _linked(run: Runner, frontier: set[str], props: list[str], upward: bool) -> set[str]:
    """Documents linked to ``frontier`` by one of ``props`` (up: cited; down: citing)."""
    found: set[str] = set()
    for prop in props:
        for a, b in run.edges(prop, frontier, by_object=not upward):
            other = b if upward else a
            if isinstance(other, URIRef):
                found.add(str(other))
    return found


def load_neighbourhood(
    store: TripleStore,
    iri: str,
    *,
    up: bool = True,
    down: bool = True,
    relations: tuple[str, ...] = CARRY_OUT,
    max_depth: int | None = None,
    context: bool = False,
) -> nx.MultiDiGraph:
    """The part of the NetworkX view that ``iri``'s lineage and cascade need.

    Starting from document ``iri``, documents are gathered breadth first, a
    step at a time: *up*, what it carries out by one of ``relations``,
    transitively; *down*, what carries it out, transitively. The result is the
    induced subgraph of :func:`load_graph` on those documents and their
    issuers: the same nodes, attributes and edges, so that
    :func:`~chidao.graph.lineage.lineage` and
    :func:`~chidao.graph.cascade.cascade` give the same answers as on the whole
    graph, at a cost that grows with the answer rather than the store.

    Parameters
    ----------
    store : TripleStore
        The embedded or a remote store.
    iri : str
        The document's IRI (:func:`chidao.graph.lookup.resolve_document`).
    up, down : bool
        Follow what it carries out / what carries it out.
    relations : tuple of str
        Edge keys followed (those of :data:`DOC_EDGES`).
    max_depth : int, optional
        Steps to follow in each direction (``None``: until nothing new).
    context : bool
        Also the documents that those below ``iri`` directly carry out (what
        :func:`chidao.graph.view_select.cascade_nodes` draws beside a cascade).

    Returns
    -------
    networkx.MultiDiGraph
        Empty when ``iri`` is not a document of the store.

    Examples
    --------
    >>> from chidao.graph.store import OxigraphStore
    >>> load_neighbourhood(OxigraphStore(), "https://w3id.org/chidao/doc/x").number_of_nodes()
    0
    """
    run = Runner(store)
    docs = _cited_docs(run, [iri])
    if iri not in docs:
        return nx.MultiDiGraph()
    props = [p for p, key in DOC_EDGES.items() if key in relations]
    below: set[str] = set()
    for upward, wanted in ((True, up), (False, down)):
        if not wanted or not props:
            continue
        seen, frontier, depth = {iri}, {iri}, 0
        while frontier and (max_depth is None or depth < max_depth):
            new = _linked(run, frontier, props, upward) - seen
            docs.update(_cited_docs(run, new - docs.keys()))
            frontier = {n for n in new if n in docs}  # documents only, as in load_graph
            seen |= frontier
            depth += 1
        if not upward:
            below = seen - {iri}
    if context and below and props:
        beside = _linked(run, below, props, upward=True)
        docs.update(_cited_docs(run, beside - docs.keys()))
    return _induced(run, docs)


def load_organisation(store: TripleStore, org: str) -> nx.MultiDiGraph:
    """The part of the NetworkX view that organisation ``org``'s activity needs.

    The induced subgraph of :func:`load_graph` on ``org``, its parent and
    sub-organisations, the documents linked to it (it issued, received, was
    copied on or was assigned them) and their issuers: enough for
    :func:`chidao.graph.who.who` and
    :func:`chidao.graph.view_select.organisation_nodes`.

    Examples
    --------
    >>> from chidao.graph.store import OxigraphStore
    >>> load_organisation(OxigraphStore(), "https://w3id.org/chidao/org/x").number_of_nodes()
    0
    """
    run = Runner(store)
    if not any(True for _ in run(partial(typed, "org:Organization"), "s", [org])):
        return nx.MultiDiGraph()
    linked = {
        str(d)
        for pattern in ORG_EDGES
        for d, _ in run(lambda v, p=pattern: org_edges(p, v), "o", [org])
    }
    family = {str(o) for o, _ in run(sub_organisations, "p", [org])}
    family |= {str(p) for _, p in run(sub_organisations, "o", [org])}
    return _induced(run, _cited_docs(run, linked), {org} | family)
