"""Store → :class:`networkx.MultiDiGraph`, exactly per the schema in :mod:`chidao.graph`.

What the commands load: ``lineage`` and ``cascade`` read :func:`load_chain` (one query:
the walk as a property path, each reached document's facts and links and the labels
of what it names; documents only), ``hubs`` reads :func:`load_citations` (every
document and citation, two bulk reads) and :func:`describe_documents` for the few it
lists; ``gaps``, ``who`` and the views read the induced subgraphs below, with the
organisations.

:func:`load_graph` loads the whole store: what :func:`~chidao.graph.analysis.hubs.hubs`
and the corpus view need. :func:`load_neighbourhood` (a document's lineage and
cascade) and :func:`load_organisation` (an organisation and the documents
linked to it) load only the part of the store one question needs, so that a
lineage or cascade costs in proportion to its answer, not to the store: they
give the *induced subgraph* of :func:`load_graph` on the nodes they reach,
with the same attributes and edges.

Every file is a self-contained graph, so a node is described again by each
file that mentions it, and queries over the union see one copy per file.
Two kinds of node, two rules, the same in the whole and the partial loads:

- *documents* (a central resolution: the ~1,500 files of its campaign) take,
  per property, the least value any file gives
  (``SELECT DISTINCT ?s ?x WHERE { ?s eli:number ?x }``), so a file that leaves
  a property out does not blank it, and their own file's description (``GRAPH
  ?g``) wins over what citations say of them;
- *organisations, units and document types* are described in the registry,
  once per distinct description (:mod:`chidao.graph.rdf.build`), and take, per
  property, the least value those descriptions give (:meth:`Runner.first`),
  whatever order the store lists them in. An organisation's
  ``sub_organization_of`` edge goes to that ``parent``.

The partial loaders restrict their queries by a ``VALUES`` block of IRIs the
store itself returned (each checked as :func:`~chidao.graph.rdf.sparql_text.sparql_iri`
does, refusing anything that could end an IRI early), a few hundred at a
time. They read each document once (:func:`doc_scan`: its type, facts and
links in one pass over its triples, filtered on the store's encoded terms so
that only the rows wanted are decoded: the documents it carries out come with
it); the documents citing a frontier come from the index of objects
(``pairs(..., by_object=True)``). So a lineage or cascade reads in
proportion to the documents it reaches and their citations, never to the
number of files that mention their issuers. On the embedded store the rows
of a partial load's queries are decoded in bulk (``select_rows``: one text
per query, each distinct term built once) rather than cell by cell.

No query joins several patterns on one subject over the union: the union
default graph repeats a triple once per graph that holds it, so such a join
multiplies rows by the number of files that mention a much-cited node (k
files → k^6 rows). Joins run inside one file's graph (``GRAPH ?g``), or each
pattern is asked alone, ``DISTINCT``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.term import Node

from chidao.graph.analysis.nodes import CARRY_OUT
from chidao.graph.rdf.sparql_text import sparql_iri
from chidao.graph.store.oxigraph import PREFIXES, TripleStore
from chidao.ontology.vocabulary import RELATIONS


def _prefixed(iri: str) -> str:
    """``iri`` with its namespace as a prefix the store's queries know (``eli:cites``)."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    raise ValueError(f"no prefix for {iri}")


#: Property (prefixed) → edge key, document → document (from the vocabulary table).
DOC_EDGES: dict[str, str] = {_prefixed(str(r.prop)): r.edge for r in RELATIONS.values()}

#: Pattern binding ``?d`` and ``?o`` → edge key, document → organisation.
ORG_EDGES: dict[str, str] = {
    "?d eli:passed_by ?o": "issued_by",
    "?d chidao:addressedTo ?o": "recipient",
    "?d chidao:distributedTo ?o": "distribution",
    "?d odrl:obligation ?k . ?k odrl:assignee ?o": "assignee",
}

#: Document → organisation edges that are one property (the rest of
#: :data:`ORG_EDGES` are paths): prefixed property → edge key.
DIRECT_ORG_EDGES: dict[str, str] = {
    "eli:passed_by": "issued_by",
    "chidao:addressedTo": "recipient",
    "chidao:distributedTo": "distribution",
}
DIRECT_ORG_PATTERNS = frozenset(f"?d {prop} ?o" for prop in DIRECT_ORG_EDGES)

#: IRIs per ``VALUES`` block of the partial loaders: small enough for any
#: endpoint's request size, large enough that a cascade of a whole country
#: (some 1,500 documents) takes a handful of queries per step.
BATCH = 400

_DOC_FIELDS = """
    OPTIONAL { ?d eli:number ?number }
    OPTIONAL { ?d eli:type_document ?type }
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
    """Documents (of ``values``) with a source file, with what their own file says
    (the type as its concept: :func:`_add_documents` names it)."""
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


# What sparql_iri refuses in an IRI, found in one pass over a whole batch.
_BREAKS_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def values_of(var: str, iris: Iterable[str], number: str | None = None) -> str:
    """A ``VALUES ?var { <…> … }`` block; every IRI checked by :func:`sparql_iri`.

    With ``number``, each IRI comes with its position, bound to ``?number``: a
    query can give that small integer back instead of the IRI, which the store
    would otherwise decode again for each row.

    >>> values_of("d", ["https://w3id.org/chidao/doc/ubnd/2021/12-kh"])
    'VALUES ?d { <https://w3id.org/chidao/doc/ubnd/2021/12-kh> }'
    >>> values_of("d", ["https://w3id.org/chidao/doc/a", "https://w3id.org/chidao/doc/b"], "i")
    'VALUES (?d ?i) { (<https://w3id.org/chidao/doc/a> 0) (<https://w3id.org/chidao/doc/b> 1) }'
    """
    iris = list(iris)
    if _BREAKS_IRI.search("".join(iris)) or not all(iris):
        for i in iris:
            sparql_iri(i)  # raises QueryError naming the IRI
    if number is not None:
        pairs = " ".join(f"(<{iri}> {n})" for n, iri in enumerate(iris))
        return f"VALUES (?{var} ?{number}) {{ {pairs} }}"
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


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
    (``None``: the whole store). :meth:`edges`, :meth:`first` and :meth:`having`
    go to the store's own index look-ups (``pairs``, ``first_objects``) when it
    has them.
    """

    def __init__(self, store: TripleStore) -> None:
        self.store = store
        self._pairs: Callable[..., Iterator[tuple[Node, Node]]] | None = getattr(
            store, "pairs", None
        )
        self._first: Callable[..., Iterator[tuple[Node, Node]]] | None = getattr(
            store, "first_objects", None
        )
        self._select: Callable[[str], Iterable[tuple[Node | None, ...]]] | None = getattr(
            store, "select_rows", None
        )

    def rows(self, sparql: str) -> Iterable[tuple[Node | None, ...]]:
        """The rows of one SELECT query, decoded in bulk where the store can."""
        if self._select is not None:
            return self._select(sparql)
        return self.store.query(sparql).rows

    def __call__(self, make: Callable[[str], str], var: str, iris: Iterable[str] | None) -> Rows:
        if iris is None:  # the whole store: decoded in bulk too (each distinct term once)
            yield from self.rows(make(""))
            return
        batch = sorted(set(iris))
        for start in range(0, len(batch), BATCH):
            yield from self.rows(make(values_of(var, batch[start : start + BATCH])))

    def numbered(
        self, make: Callable[[str], str], var: str, iris: Iterable[str]
    ) -> Iterator[tuple[str, Node | None, Node | None]]:
        """The rows ``(?i, a, b)`` of ``make`` for ``iris``, bound to ``var`` with
        their positions in ``?i`` (:func:`values_of`); ``?i`` comes back as the IRI."""
        batch = sorted(set(iris))
        for start in range(0, len(batch), BATCH):
            chunk = batch[start : start + BATCH]
            for n, a, b in self.rows(make(values_of(var, chunk, "i"))):
                yield chunk[int(n)], a, b  # type: ignore[arg-type]

    def edges(self, prop: str, iris: Iterable[str] | None, *, by_object: bool = False) -> Rows:
        """Distinct ``(a, b)`` of document → document property ``prop``, ``a``
        (``by_object``: ``b``) of ``iris``, as :func:`doc_edges` gives them."""
        if iris is None or self._pairs is None:
            yield from self(partial(doc_edges, prop), "b" if by_object else "a", iris)
            return
        yield from self._pairs(_expand(prop), sorted(set(iris)), by_object=by_object)

    @property
    def indexed(self) -> bool:
        """Whether the store answers :meth:`first` with index look-ups."""
        return self._first is not None

    def first(self, prop: str, iris: Iterable[str] | None) -> Rows:
        """``(s, x)``: for each subject (of ``iris``; ``None``: all) the least value of
        ``prop`` (prefixed), in SPARQL's ``MIN`` order.

        Organisations, units and types are described in the registry, once per
        distinct description, so reading every value costs a few rows per
        subject; the least one is the same whatever order the store lists them
        in (an in-memory store lists them as they were inserted).
        """
        best: dict[str, tuple[Node, Node]] = {}
        for s, x in self(partial(fact, prop), "s", iris):
            if x is None:
                continue
            held = best.get(str(s))
            if held is None or _order(x) < _order(held[1]):
                best[str(s)] = (s, x)  # type: ignore[assignment]
        yield from best.values()

    def having(self, cls: str, iris: Iterable[str] | None) -> set[str]:
        """The subjects (of ``iris``; ``None``: all) of type ``cls`` (prefixed)."""
        if iris is not None and self._first is not None:
            kind = URIRef(_expand(cls))
            return {str(s) for s, _ in self._first(_expand("rdf:type"), sorted(set(iris)), kind)}
        return {str(x) for (x,) in self(partial(typed, cls), "s", iris)}


def _units(run: Runner, wanted: Iterable[str] | None) -> dict[str, dict[str, Any]]:
    """Units (all, or ``wanted`` and the units above them), by IRI."""
    found: dict[str, dict[str, Any]] = {}
    todo = None if wanted is None else set(wanted)
    asked: set[str] = set()
    while todo is None or todo:
        for u, name, level, broader in _first_rows(run, "chidao:AdminUnit", _UNIT_FIELDS, todo):
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


#: Organisation property (prefixed) → position in a row of :func:`_first_rows`.
_ORG_FIELDS: dict[str, int] = {
    "skos:prefLabel": 1,
    "chidao:level": 2,
    "chidao:system": 3,
    "org:subOrganizationOf": 4,
    "dcterms:spatial": 5,
}

#: Administrative unit property → position in a row of :func:`_first_rows`.
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


#: What :func:`doc_scan` reads of a document besides its type.
SCANNED: tuple[str, ...] = tuple(
    dict.fromkeys([*_DOC_PROPS, *DIRECT_ORG_EDGES, *DOC_EDGES, "prov:hadPrimarySource"])
)


#: What :func:`doc_scan` gives back as ``?k``: the position of the property in this.
SCAN_CODES: tuple[str, ...] = ("rdf:type", *SCANNED)

# ?k: the position of ?p in SCAN_CODES, compared on the store's encoded terms (the
# filter of doc_scan lets only those through: the last needs no test).
_SCAN_CODE = (
    "".join(f"IF(?p = {p}, {k}, " for k, p in enumerate(SCAN_CODES[:-1]))
    + str(len(SCAN_CODES) - 1)
    + ")" * (len(SCAN_CODES) - 1)
)


def doc_scan(values: str) -> str:
    """Whether the subjects of ``values`` (``VALUES (?s ?i)``: :meth:`Runner.numbered`)
    are documents, with their facts and links: rows ``?i ?k ?x``, ``?k`` the
    property's position in :data:`SCAN_CODES`.

    One pass over each document's triples in every file, where one query per
    property costs an index seek per property and document; the filter runs on
    the store's encoded terms, so only the distinct rows wanted are decoded, and
    of those only the object: the document and the property come back as small
    integers, which the store writes without looking up their text (20% of the
    scan).
    """
    props = ", ".join(SCANNED)
    return (
        f"SELECT DISTINCT ?i ?k ?x WHERE {{ {values} ?s ?p ?x "
        f"FILTER(?p IN ({props}) || (?p = rdf:type && ?x = eli:LegalResource)) "
        f"BIND({_SCAN_CODE} AS ?k) }}"
    )


class Described:
    """What the files say of the documents a partial load reached, read once each.

    :meth:`documents` gives what :func:`_cited_docs` gives; :meth:`values` the
    distinct objects of one of :data:`SCANNED` (links included), as
    :func:`fact`, :func:`doc_edges` and :func:`org_edges` would.
    """

    def __init__(self, run: Runner) -> None:
        self.run = run
        self.facts: dict[str, dict[str, set[Node]]] = {}

    def read(self, iris: Iterable[str]) -> None:
        new = set(iris) - self.facts.keys()
        if not new:
            return
        for d in new:
            self.facts[d] = {}
        for s, k, x in self.run.numbered(doc_scan, "s", new):
            if x is not None:
                self.facts[s].setdefault(SCAN_CODES[int(k)], set()).add(x)  # type: ignore[arg-type]

    def values(self, doc: str, prop: str) -> set[Node]:
        return self.facts.get(doc, {}).get(prop, set())

    def documents(self, iris: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The documents of ``iris`` as any file describes them (as :func:`_cited_docs`)."""
        wanted = sorted(set(iris))
        self.read(wanted)
        rows: list[list[Any]] = []
        for d in wanted:
            facts = self.facts[d]
            if "rdf:type" not in facts:
                continue
            row: list[Any] = [URIRef(d)] + [None] * len(_DOC_PROPS)
            for prop, i in _DOC_PROPS.items():
                found = facts.get(prop)
                if found:
                    row[i] = set(found) if i == 2 else min(found, key=_order)
            rows.append(row)
        return _documents_of(self.run, rows)

    def own_rows(self, docs: Iterable[str]) -> list[list[Any]]:
        """The rows :func:`documents_own` gives for ``docs`` (all read already).

        A document whose files agree on each of its facts (one value over the
        union) has those values in its own file too, or the file leaves them out
        and the union's value is the one kept anyway: only its file's name is
        read. Documents that files disagree about are asked with the query.
        """
        owned = {d: files for d in docs if (files := self.values(d, "prov:hadPrimarySource"))}
        unclear = [d for d in owned if any(len(self.values(d, p)) > 1 for p in _DOC_PROPS)]
        rows = [list(row) for row in self.run(documents_own, "d", unclear)] if unclear else []
        names: dict[str, str] = {}
        clear = set(owned) - set(unclear)
        files = {str(f) for d in clear for f in owned[d]}
        for f, name in self.run(partial(fact, "nfo:fileName"), "s", files):
            if str(f) not in names or str(name) < names[str(f)]:
                names[str(f)] = str(name)
        for d in sorted(clear):
            found = [names[str(f)] for f in owned[d] if str(f) in names]
            if not found:
                continue  # no file name: not a document read from a file
            row: list[Any] = [URIRef(d)]
            for prop in _DOC_PROPS:
                values = self.values(d, prop)
                row.append(next(iter(values)) if values else None)
            rows.append([*row, Literal(min(found))])
        return rows


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


def _first_rows(
    run: Runner, cls: str, fields: dict[str, int], iris: Iterable[str] | None
) -> list[list[Any]]:
    """``[s, value…]`` for the subjects of type ``cls`` (of ``iris``; ``None``: all),
    for each of ``fields`` the first value the store lists (:meth:`Runner.first`).

    For the nodes every file describes again, organisations and units: the
    least value over every file (:func:`_least_rows`) costs a pass over each
    copy (a ministry's name: most of the store), where the first value costs
    one index seek. It is still a value some file gives, the same whichever
    files were loaded, so a partial load agrees with the whole graph.
    """
    found: dict[str, list[Any]] = {
        s: [URIRef(s)] + [None] * len(fields) for s in sorted(run.having(cls, iris))
    }
    # A store with index look-ups answers the whole load with them too, so that
    # both loads take their values from the very same reads.
    asked = None if iris is None and not run.indexed else found
    for prop, i in fields.items():
        for x, value in run.first(prop, asked):
            row = found.get(str(x))
            if row is not None:  # None: another kind of node's value, in a whole-store load
                row[i] = value
    return list(found.values())


def _order(term: Node) -> tuple[str, str]:
    # SPARQL's MIN on terms of one kind: lexical value, then language tag.
    return (str(term), getattr(term, "language", None) or "")


def _add_organisations(G: nx.MultiDiGraph, run: Runner, orgs: Iterable[str] | None) -> None:
    rows = _first_rows(run, "org:Organization", _ORG_FIELDS, orgs)
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
    return _documents_of(run, _least_rows(run, "eli:LegalResource", _DOC_PROPS, iris, all_of=2))


def _documents_of(run: Runner, rows: list[list[Any]]) -> dict[str, dict[str, Any]]:
    """Document attributes from rows of :func:`_least_rows` (the types as a set)."""
    # The path eli:type_document/skos:prefLabel in one query makes Oxigraph walk
    # every label of the store: two steps instead, over the few type concepts.
    types = {str(t) for row in rows for t in row[2] or ()}  # type: ignore[union-attr]
    labels = {str(t): label for t, label in run.first("skos:prefLabel", types)}
    for row in rows:
        found = [labels[str(t)] for t in row[2] or () if str(t) in labels]  # type: ignore[union-attr]
        row[2] = min(found, key=_order) if found else None
    return {
        str(row[0]): {"kind": "document", **_doc_attrs(row), "source": None, "cited_only": True}
        for row in rows
    }


def _add_documents(
    G: nx.MultiDiGraph,
    run: Runner,
    docs: dict[str, dict[str, Any]],
    all_docs: bool,
    own: list[list[Any]] | None = None,
) -> None:
    """Add ``docs`` (from :func:`_cited_docs`), their own files' descriptions winning.

    ``own``: the rows of :func:`documents_own` for ``docs``, when known already.
    """
    if own is None:
        own = [list(row) for row in run(documents_own, "d", None if all_docs else docs)]
    # A type concept is named as for a cited document (every file repeats the name).
    types = {str(row[2]) for row in own if row[2] is not None}
    labels = {str(t): label for t, label in run.first("skos:prefLabel", types)}
    for row in own:
        row[2] = labels.get(str(row[2])) if row[2] is not None else None
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
    doc_links: Iterable[tuple[str, str, str]] | None = None,
) -> None:
    """Every edge of the schema between nodes already in ``G``.

    ``org_links`` and ``doc_links`` (``(from, to, key)``) are the document →
    organisation and document → document links when they were read already.
    """
    if doc_links is None:
        doc_links = (
            (str(a), str(b), key)
            for prop, key in DOC_EDGES.items()
            for a, b in run.edges(prop, docs)
        )
    for a, b, key in doc_links:
        if a not in G or b not in G:
            continue
        da, db = G.nodes[a].get("date"), G.nodes[b].get("date")
        lag = (da - db).days if da is not None and db is not None else None
        G.add_edge(a, b, key=key, lag_days=lag)
    if org_links is None:
        org_links = (
            (str(d), str(o), key)
            for pattern, key in ORG_EDGES.items()
            for d, o in run(lambda v, p=pattern: org_edges(p, v), "d", docs)
        )
    for d, o, key in org_links:
        if d in G and o in G:
            G.add_edge(d, o, key=key)
    # An organisation's edge goes to its parent (the first the store lists), so
    # that a partial load needs no pass over every file that names a parent.
    for o in (n for n, kind in G.nodes(data="kind") if kind == "organisation"):
        parent = G.nodes[o]["parent"]
        if (orgs is None or o in orgs) and parent in G:
            G.add_edge(o, parent, key="sub_organization_of")


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
    >>> from chidao.graph.store.oxigraph import OxigraphStore
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


def load_documents(store: TripleStore) -> nx.MultiDiGraph:
    """:func:`load_graph` without the document → organisation edges (recipients, copies,
    assignees): the documents, their relations and their issuers' attributes, what
    :func:`~chidao.graph.analysis.hubs.hubs` ranks.  Those edges are most of the store's
    links and none of what a ranking reads.

    >>> from chidao.graph.store.oxigraph import OxigraphStore
    >>> load_documents(OxigraphStore()).number_of_nodes()
    0
    """
    G = nx.MultiDiGraph()
    run = Runner(store)
    _add_organisations(G, run, None)
    _add_documents(G, run, _cited_docs(run, None), all_docs=True)
    _add_edges(G, run, None, None, org_links=[])
    return G


def _induced(
    run: Runner, known: Described, docs: dict[str, dict[str, Any]], orgs: Iterable[str] = ()
) -> nx.MultiDiGraph:
    """The induced subgraph of :func:`load_graph` on ``docs`` (from
    :meth:`Described.documents`), ``orgs`` and the issuers of ``docs``."""
    ordered = sorted(docs)
    links = [
        (d, str(o), key)
        for prop, key in DIRECT_ORG_EDGES.items()
        for d in ordered
        for o in known.values(d, prop)
    ]
    links += [
        (str(d), str(o), key)
        for pattern, key in ORG_EDGES.items()
        if pattern not in DIRECT_ORG_PATTERNS
        for d, o in run(lambda v, p=pattern: org_edges(p, v), "d", ordered)
    ]
    doc_links = [
        (a, str(b), key)
        for prop, key in DOC_EDGES.items()
        for a in ordered
        for b in sorted(known.values(a, prop), key=str)
    ]
    # Issuers only: they give documents their issuer's name, level and units. Every
    # other organisation costs a pass over every file that mentions it (a ministry
    # is mentioned by most of the store), for nothing lineage or cascade reads.
    org_set = set(orgs) | {o for _, o, key in links if key == "issued_by"}
    G = nx.MultiDiGraph()
    _add_organisations(G, run, org_set)
    _add_documents(G, run, docs, all_docs=False, own=known.own_rows(docs))
    _add_edges(G, run, list(docs), [o for o in org_set if o in G], links, doc_links)
    return G


def _linked(
    run: Runner, known: Described, frontier: set[str], props: list[str], upward: bool
) -> set[str]:
    """Documents linked to ``frontier`` by one of ``props`` (up: cited; down: citing).

    Up, the links are part of what was read of the frontier; down, the store's
    index of objects finds the documents citing it.
    """
    found: set[str] = set()
    for prop in props:
        if upward:
            others = (b for a in frontier for b in known.values(a, prop))
        else:
            others = (a for a, _ in run.edges(prop, frontier, by_object=True))
        found.update(str(o) for o in others if isinstance(o, URIRef))
    return found


def reachable(run: Runner, iri: str, props: list[str], upward: bool) -> set[str]:
    """Every node ``iri`` reaches by one or more of ``props`` (``upward``: what it carries out,
    else what carries it out), in one query.

    Only documents carry these properties, so the nodes reached are those a step-by-step walk
    over documents reaches.
    """
    path = "(" + "|".join(props) + ")+"
    root = sparql_iri(iri)
    pattern = f"{root} {path} ?d" if upward else f"?d {path} {root}"
    return {str(d) for (d,) in run.store.query(f"SELECT DISTINCT ?d WHERE {{ {pattern} }}").rows}


def load_neighbourhood(
    store: TripleStore,
    iri: str,
    *,
    up: bool = True,
    down: bool = True,
    relations: tuple[str, ...] = CARRY_OUT,
    max_depth: int | None = None,
    context: bool = False,
    documents_only: bool = False,
) -> nx.MultiDiGraph:
    """The part of the NetworkX view that ``iri``'s lineage and cascade need.

    Starting from document ``iri``, documents are gathered breadth first, a
    step at a time: *up*, what it carries out by one of ``relations``,
    transitively; *down*, what carries it out, transitively. The result is the
    induced subgraph of :func:`load_graph` on those documents and their
    issuers: the same nodes, attributes and edges, so that
    :func:`~chidao.graph.analysis.lineage.lineage` and
    :func:`~chidao.graph.analysis.cascade.cascade` give the same answers as on the whole
    graph, at a cost that grows with the answer rather than the store.

    Parameters
    ----------
    store : TripleStore
        The embedded or a remote store.
    iri : str
        The document's IRI (:func:`chidao.graph.analysis.lookup.resolve_document`).
    up, down : bool
        Follow what it carries out / what carries it out.
    relations : tuple of str
        Edge keys followed (those of :data:`DOC_EDGES`).
    max_depth : int, optional
        Steps to follow in each direction (``None``: until nothing new).
    context : bool
        Also the documents that those below ``iri`` directly carry out (what
        :func:`chidao.graph.views.select.cascade_nodes` draws beside a cascade).
    documents_only : bool
        Only the documents, with the attributes of :data:`CHAIN_ATTRS`, and the edges
        between them (:func:`load_chain`: what lineage and cascade read, in a few bulk
        queries); with neither ``max_depth`` nor ``context``.

    Returns
    -------
    networkx.MultiDiGraph
        Empty when ``iri`` is not a document of the store.

    Examples
    --------
    >>> from chidao.graph.store.oxigraph import OxigraphStore
    >>> load_neighbourhood(OxigraphStore(), "https://w3id.org/chidao/doc/x").number_of_nodes()
    0
    """
    if documents_only:
        if max_depth is not None or context:
            raise ValueError("documents_only loads take neither max_depth nor context")
        return load_chain(store, iri, up=up, down=down, relations=relations)
    run = Runner(store)
    known = Described(run)
    docs = known.documents([iri])
    if iri not in docs:
        return nx.MultiDiGraph()
    props = [p for p, key in DOC_EDGES.items() if key in relations]
    below: set[str] = set()
    for upward, wanted in ((True, up), (False, down)):
        if not wanted or not props:
            continue
        if max_depth is None:
            # The whole answer in one query (a property path), then its documents described
            # in VALUES batches: no round trip per step of the walk.
            found = reachable(run, iri, props, upward)
            docs.update(known.documents(found - docs.keys()))
            if not upward:
                below = {n for n in found if n in docs} - {iri}
            continue
        seen, frontier, depth = {iri}, {iri}, 0
        while frontier and (max_depth is None or depth < max_depth):
            new = _linked(run, known, frontier, props, upward) - seen
            docs.update(known.documents(new - docs.keys()))
            frontier = {n for n in new if n in docs}  # documents only, as in load_graph
            seen |= frontier
            depth += 1
        if not upward:
            below = seen - {iri}
    if context and below and props:
        beside = _linked(run, known, below, props, upward=True)
        docs.update(known.documents(beside - docs.keys()))
    return _induced(run, known, docs)


def load_organisation(store: TripleStore, org: str) -> nx.MultiDiGraph:
    """The part of the NetworkX view that organisation ``org``'s activity needs.

    The induced subgraph of :func:`load_graph` on ``org``, its parent and
    sub-organisations, the documents linked to it (it issued, received, was
    copied on or was assigned them), the documents those it issued carry out
    (:data:`~chidao.graph.analysis.nodes.CARRY_OUT`) and their issuers: enough for
    :func:`chidao.graph.analysis.who.who` and
    :func:`chidao.graph.views.select.organisation_nodes`.

    Examples
    --------
    >>> from chidao.graph.store.oxigraph import OxigraphStore
    >>> load_organisation(OxigraphStore(), "https://w3id.org/chidao/org/x").number_of_nodes()
    0
    """
    run = Runner(store)
    if not run.having("org:Organization", [org]):
        return nx.MultiDiGraph()
    linked = {
        str(d)
        for pattern in ORG_EDGES
        for d, _ in run(lambda v, p=pattern: org_edges(p, v), "o", [org])
    }
    # Parents as :func:`_add_edges` links them: the first each names.
    named = {str(o) for o, _ in run(sub_organisations, "p", [org])}
    family = {str(o) for o, p in run.first("org:subOrganizationOf", named) if str(p) == org}
    family |= {str(p) for _, p in run.first("org:subOrganizationOf", [org])}
    known = Described(run)
    docs = known.documents(linked)
    # What its own documents carry out, so that who can say what it carried out.
    issued = {d for d in docs if URIRef(org) in known.values(d, "eli:passed_by")}
    props = [p for p, key in DOC_EDGES.items() if key in CARRY_OUT]
    above = _linked(run, known, issued, props, upward=True)
    docs.update(known.documents(above - docs.keys()))
    return _induced(run, known, docs, {org} | family)


# --- the documents a lineage or cascade reaches, in one bulk query --------------------------

#: What :func:`load_chain` and :func:`describe_documents` give each document: the
#: attributes of :func:`load_graph`'s document nodes that lineage, cascade and hubs
#: read and print (not ``year``, ``subject``, ``system`` nor the issuer's units:
#: what ``gaps``, ``who`` and the views read).
CHAIN_ATTRS: tuple[str, ...] = (
    "kind", "number", "doc_type", "date", "issuer", "issuer_name", "level", "source",
    "cited_only",
)  # fmt: skip

#: What :func:`chain_scan` reads of a document besides its type (of :data:`SCANNED`).
_CHAIN_PROPS: tuple[str, ...] = (
    "eli:number", "eli:type_document", "eli:date_document", "eli:passed_by",
    "prov:hadPrimarySource", *DOC_EDGES,
)  # fmt: skip

#: What :func:`chain_scan` reads of the issuers, type concepts and source files the
#: documents name (``rdf:type`` only with ``org:Organization``).
_NAMED_FIELDS: tuple[str, ...] = ("skos:prefLabel", "chidao:level", "nfo:fileName")

#: What :func:`chain_scan` gives back as ``?k``: the position of the property in this.
CHAIN_CODES: tuple[str, ...] = ("rdf:type", *_CHAIN_PROPS, *_NAMED_FIELDS)

_CHAIN_CODE = (
    "".join(f"IF(?p = {p}, {k}, " for k, p in enumerate(CHAIN_CODES[:-1]))
    + str(len(CHAIN_CODES) - 1)
    + ")" * (len(CHAIN_CODES) - 1)
)

#: From a document to the nodes :func:`chain_scan` describes beside it (or itself).
_NAMES = "(eli:passed_by|eli:type_document|prov:hadPrimarySource)?"


def chain_roots(iri: str, props: list[str], up: bool, down: bool) -> str:
    """A group pattern binding ``?s`` to ``iri`` and every document it reaches by one or
    more of ``props``: *up* what it carries out, *down* what carries it out.

    >>> print(chain_roots("urn:x:a", ["eli:based_on"], False, True))
    { SELECT DISTINCT ?s WHERE { ?s (eli:based_on)+ <urn:x:a> } } UNION { VALUES ?s { <urn:x:a> } }
    """
    root = sparql_iri(iri)
    path = "(" + "|".join(props) + ")+"
    walks = [f"{root} {path} ?s"] * (up and bool(props)) + [f"?s {path} {root}"] * (
        down and bool(props)
    )
    groups = [f"{{ SELECT DISTINCT ?s WHERE {{ {w} }} }}" for w in walks]
    return " UNION ".join([*groups, f"{{ VALUES ?s {{ {root} }} }}"])


def chain_scan(roots: str) -> str:
    """The documents ``roots`` binds as ``?s`` (:func:`chain_roots`, or a ``VALUES``
    block), with their facts and links, and the issuers, type concepts and source
    files they name, with their labels, levels and file names: one query, rows
    ``?n ?k ?x``, ``?k`` the property's position in :data:`CHAIN_CODES`.

    The nodes come first, in a subquery (the zero-or-one path keeps the documents
    themselves); then one pattern per node, filtered on the store's encoded terms
    (as :func:`doc_scan`). One ``OPTIONAL`` per attribute instead makes Oxigraph
    read that property over the whole store.
    """
    props = ", ".join((*_CHAIN_PROPS, *_NAMED_FIELDS))
    return (
        f"SELECT DISTINCT ?n ?k ?x WHERE {{ "
        f"{{ SELECT DISTINCT ?n WHERE {{ {roots} ?s {_NAMES} ?n }} }} ?n ?p ?x "
        f"FILTER(?p IN ({props}) "
        f"|| (?p = rdf:type && ?x IN (eli:LegalResource, org:Organization))) "
        f"BIND({_CHAIN_CODE} AS ?k) }}"
    )


def _least(values: Iterable[Node] | None) -> Node | None:
    """The least of ``values`` in SPARQL's ``MIN`` order (``None`` when there are none)."""
    return min(values, key=_order) if values else None


def _chain_documents(
    run: Runner, rows: Iterable[tuple[Node | None, ...]]
) -> dict[str, dict[str, Any]]:
    """The documents of :func:`chain_scan`'s rows with the attributes of
    :data:`CHAIN_ATTRS`, chosen as :func:`load_graph` chooses them."""
    facts: dict[str, dict[str, set[Node]]] = {}
    for n, k, x in rows:
        if x is not None:
            code = CHAIN_CODES[int(k)]  # type: ignore[arg-type]
            facts.setdefault(str(n), {}).setdefault(code, set()).add(x)
    legal, org = URIRef(_expand("eli:LegalResource")), URIRef(_expand("org:Organization"))
    docs = {d: f for d, f in facts.items() if legal in f.get("rdf:type", ())}
    # Issuers, type concepts, files: the least value of each field (Runner.first).
    about: dict[str, dict[str, Node | None]] = {
        n: {p: _least(f.get(p)) for p in ("rdf:type", *_NAMED_FIELDS)}
        for n, f in facts.items()
        if n not in docs
    }
    for n, named in about.items():
        named["rdf:type"] = org if org in facts[n].get("rdf:type", ()) else None
    return dict(_chain_nodes(run, docs, about))


def load_chain(
    store: TripleStore,
    iri: str,
    *,
    up: bool = True,
    down: bool = True,
    relations: tuple[str, ...] = CARRY_OUT,
) -> nx.MultiDiGraph:
    """The documents :func:`~chidao.graph.analysis.lineage.lineage` (``up``) and
    :func:`~chidao.graph.analysis.cascade.cascade` (``down``) of ``iri`` read, in one
    query (:func:`load_neighbourhood` with ``documents_only``).

    The query walks the ``relations`` as a property path and returns every reached
    document's facts and links, and the labels and levels of their issuers, the
    labels of their types and the names of their files (:func:`chain_scan`). The
    graph holds those documents, with the attributes of :func:`load_graph` listed in
    :data:`CHAIN_ATTRS` chosen by the same rules, and every document → document
    edge of :func:`load_graph` between them: the lineage and cascade are those of
    the whole graph. Organisations are not nodes (their name and level are on the
    documents they issued).

    Parameters
    ----------
    store : TripleStore
        The embedded or a remote store.
    iri : str
        The document's IRI (:func:`chidao.graph.analysis.lookup.resolve_document`).
    up, down : bool
        Follow what ``iri`` carries out (a lineage) / what carries it out (a cascade).
    relations : tuple of str
        Edge keys followed (those of :data:`DOC_EDGES`).

    Returns
    -------
    networkx.MultiDiGraph
        Empty when ``iri`` is not a document of the store.

    Examples
    --------
    >>> from chidao.graph.store.oxigraph import OxigraphStore
    >>> load_chain(OxigraphStore(), "https://w3id.org/chidao/doc/x").number_of_nodes()
    0
    """
    run = Runner(store)
    props = [p for p, key in DOC_EDGES.items() if key in relations]
    rows = run.rows(chain_scan(chain_roots(iri, props, up, down)))
    docs = _chain_documents(run, rows)
    if iri not in docs:
        return nx.MultiDiGraph()
    G = nx.MultiDiGraph()
    G.add_nodes_from(docs.items())
    G.add_edges_from(_chain_edges(G, docs))
    return G


def describe_documents(store: TripleStore, iris: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The documents of ``iris`` with the attributes of :data:`CHAIN_ATTRS`, as
    :func:`load_graph` gives them (those that are not documents are left out): one
    query per few hundred documents (:func:`chain_scan`).

    >>> from chidao.graph.store.oxigraph import OxigraphStore
    >>> describe_documents(OxigraphStore(), ["https://w3id.org/chidao/doc/x"])
    {}
    """
    run = Runner(store)
    docs = _chain_documents(run, list(run(chain_scan, "s", iris)))
    return {d: {k: v for k, v in attrs.items() if k != "_links"} for d, attrs in docs.items()}


def load_citations(store: TripleStore) -> nx.MultiDiGraph:
    """Every document of the store (``kind`` its only attribute) and every document →
    document edge of :func:`load_graph` (without ``lag_days``), the documents in
    :func:`load_documents`'s order: what :func:`~chidao.graph.analysis.hubs.hubs`
    counts and ranks, with :func:`describe_documents` for the few it lists.

    >>> from chidao.graph.store.oxigraph import OxigraphStore
    >>> load_citations(OxigraphStore()).number_of_nodes()
    0
    """
    run = Runner(store)
    G = nx.MultiDiGraph()
    # The order of this query is load_documents' order of documents, which PageRank's
    # sums follow: the same order gives the very same scores.
    docs = run(partial(typed, "eli:LegalResource"), "s", None)
    G.add_nodes_from((str(d), {"kind": "document"}) for (d,) in docs)
    G.add_edges_from(
        (a, b, key)
        for prop, key in DOC_EDGES.items()
        for a, b in ((str(a), str(b)) for a, b in run.edges(prop, None))
        if a in G and b in G
    )
    return G


def _label(about: dict[str, dict[str, Node | None]], concept: Node | None) -> Node | None:
    return None if concept is None else about.get(str(concept), {}).get("skos:prefLabel")


def _chain_nodes(
    run: Runner, docs: dict[str, dict[str, set[Node]]], about: dict[str, dict[str, Node | None]]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(iri, attributes)`` of each document, as :func:`_add_documents` gives them;
    ``_links`` holds its links to other documents (``{edge key: {iri}}``)."""
    rows: dict[str, list[Any]] = {}
    unclear: set[str] = set()
    for d in sorted(docs):
        f = docs[d]
        labels = [x for t in f.get("eli:type_document", ()) if (x := _label(about, t))]
        row: list[Any] = [URIRef(d)] + [None] * len(_DOC_PROPS)
        for prop, i in _DOC_PROPS.items():
            row[i] = _least(labels) if i == 2 else _least(f.get(prop))
        rows[d] = row
        # (only the facts read here count: one value of the others changes nothing here)
        if f.get("prov:hadPrimarySource") and any(len(f.get(p, ())) > 1 for p in _DOC_PROPS):
            unclear.add(d)
    # Files disagree about these: their own file's description wins, asked of it.
    own = {str(r[0]): list(r) for r in run(documents_own, "d", unclear)} if unclear else {}
    for d, row in rows.items():
        attrs: dict[str, Any] = {"kind": "document", **_doc_attrs(row)}
        attrs["source"], attrs["cited_only"] = None, True
        if d in own:
            mine = own[d]
            mine[2] = _label(about, mine[2])
            attrs.update({k: v for k, v in _doc_attrs(mine).items() if v is not None})
            attrs["source"], attrs["cited_only"] = _s(mine[7]), False
        elif d not in unclear:  # one value per fact: the file's are the union's
            files = docs[d].get("prov:hadPrimarySource", ())
            names = [n for x in files if (n := about.get(str(x), {}).get("nfo:fileName"))]
            if names:
                attrs["source"], attrs["cited_only"] = min(map(str, names)), False
        org = about.get(str(attrs["issuer"]), {}) if attrs["issuer"] else {}
        is_org = org.get("rdf:type") is not None
        attrs["issuer_name"] = _s(org.get("skos:prefLabel")) if is_org else None
        attrs["level"] = _local(org.get("chidao:level")) if is_org else None
        out = {k: attrs[k] for k in CHAIN_ATTRS}
        out["_links"] = {key: docs[d].get(prop, set()) for prop, key in DOC_EDGES.items()}
        yield d, out


def _chain_edges(
    G: nx.MultiDiGraph, docs: dict[str, dict[str, Any]]
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Every document → document edge between ``docs``, as :func:`_add_edges` adds them
    (and drops the ``_links`` they were read from)."""
    ordered = sorted(docs)
    for key in DOC_EDGES.values():
        for a in ordered:
            for b in sorted(map(str, docs[a]["_links"][key])):
                if b in docs:
                    da, db = G.nodes[a]["date"], G.nodes[b]["date"]
                    lag = (da - db).days if da is not None and db is not None else None
                    yield a, b, key, {"lag_days": lag}
    for a in ordered:
        del G.nodes[a]["_links"]
