"""Is a document in force on a date? What the corpus says about it: amended, replaced, repealed.

:func:`document_status` reads the documents that amend (``eli:amends``), replace
(``dcterms:replaces``) or repeal (``eli:repeals``) a document, as the citing documents
state it (``sửa đổi, bổ sung``, ``thay thế``, ``bãi bỏ``), keeps those dated on or before
the as-of date, and says:

* ``not-yet-issued``: the document is dated after the as-of date;
* ``repealed`` / ``replaced``: not in force, with the document that did it; a replacement
  is followed on (``chain``) to the version in force on that date;
* ``amended``: in force as amended, with the amending documents;
* ``in-force``: the corpus records no change.

A change whose document has no date counts (the corpus says it happened, not when).
Every value reaches the store as a bound variable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rdflib import URIRef

from chidao.graph.analysis.load import values_of
from chidao.graph.analysis.lookup import describe_document
from chidao.graph.store.oxigraph import TripleStore

#: Property → what it did to the document it points to.
CHANGES = {
    "http://data.europa.eu/eli/ontology#amends": "amended",
    "http://purl.org/dc/terms/replaces": "replaced",
    "http://data.europa.eu/eli/ontology#repeals": "repealed",
}

#: Longest replacement chain followed (a loop in the data stops it sooner).
MAX_CHAIN = 20

# Documents (VALUES ?doc) replaced or repealed, by whom and when: one query for a whole tree.
_ENDED = """
SELECT DISTINCT ?doc ?rel ?by ?date ?number WHERE {{
    {values}
    VALUES ?rel {{ dcterms:replaces eli:repeals }}
    ?by ?rel ?doc .
    FILTER (?by != ?doc)
    OPTIONAL {{ ?by eli:date_document ?date }}
    OPTIONAL {{ ?by eli:number ?number }}
}}
"""

# The documents that changed ?doc (bound), and how.
_CHANGED_BY = """
SELECT DISTINCT ?by ?rel ?doc WHERE {
    VALUES ?rel { eli:amends dcterms:replaces eli:repeals }
    ?by ?rel ?doc .
    FILTER (?by != ?doc)
}
"""


@dataclass(frozen=True, slots=True)
class DocRef:
    """A document as the store knows it."""

    iri: str
    number: str | None
    date: dt.date | None
    issuer: str | None

    def label(self) -> str:
        parts = [self.number or "(no number)", self.issuer or "issuer unknown"]
        parts.append(self.date.isoformat() if self.date else "undated")
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Change:
    """A document that amended, replaced or repealed another."""

    kind: str  # amended | replaced | repealed
    by: DocRef


@dataclass(frozen=True, slots=True)
class Validity:
    """A document's status on ``as_of`` and why."""

    document: DocRef
    as_of: dt.date
    state: str  # in-force | amended | replaced | repealed | not-yet-issued
    changes: list[Change]  # in effect by as_of, oldest first
    later: list[Change]  # dated after as_of
    chain: list[Validity] = field(default_factory=list)  # replaced: the replacements on

    @property
    def in_force(self) -> bool:
        return self.state in ("in-force", "amended")

    def reason(self) -> str:
        """One line: the state and the documents that decided it."""
        if self.state == "not-yet-issued":
            return f"not yet issued on {self.as_of} (dated {self.document.date})"
        if self.state == "in-force":
            return "in force: the corpus records no amendment, replacement or repeal"
        decisive = [c for c in self.changes if c.kind == self.state]
        by = "; ".join(c.by.label() for c in decisive)
        if self.state == "amended":
            return f"in force as amended by {by}"
        return f"not in force: {self.state} by {by}"


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _ref(store: TripleStore, iri: str) -> DocRef:
    c = describe_document(store, iri)
    if c is None:
        return DocRef(iri, None, None, None)
    return DocRef(iri, c.number, _day(c.date), c.issuer_name)


def _changes(store: TripleStore, iri: str) -> list[Change]:
    rows = store.query(_CHANGED_BY, {"doc": URIRef(iri)}).rows
    out = [Change(CHANGES[str(rel)], _ref(store, str(by))) for by, rel, _doc in rows]
    return sorted(out, key=lambda c: (c.by.date or dt.date.min, c.by.number or "", c.by.iri))


def document_status(
    store: TripleStore, iri: str, as_of: dt.date | None = None, _seen: frozenset[str] = frozenset()
) -> Validity:
    """The status of document ``iri`` on ``as_of`` (today if ``None``)."""
    as_of = as_of or dt.date.today()
    doc = _ref(store, iri)
    changes = _changes(store, iri)
    now = [c for c in changes if c.by.date is None or c.by.date <= as_of]
    later = [c for c in changes if c.by.date is not None and c.by.date > as_of]
    if doc.date is not None and doc.date > as_of:
        return Validity(doc, as_of, "not-yet-issued", [], changes)
    kinds = {c.kind for c in now}
    state = next((k for k in ("repealed", "replaced", "amended") if k in kinds), "in-force")
    chain: list[Validity] = []
    seen = _seen | {iri}
    if state == "replaced" and len(seen) < MAX_CHAIN:
        for c in now:
            if c.kind == "replaced" and c.by.iri not in seen:
                chain.append(document_status(store, c.by.iri, as_of, seen))
    return Validity(doc, as_of, state, now, later, chain)


def in_force_version(status: Validity) -> list[DocRef]:
    """The documents in force in place of ``status``'s, following replacements.

    A document in force is its own; a repealed one has none.
    """
    if status.in_force:
        return [status.document]
    return [d for nxt in status.chain for d in in_force_version(nxt)]


def _s(term: object) -> str | None:
    return None if term is None else str(term)


def _rank(c: Change) -> tuple[dt.date, str, str, str]:
    return (c.by.date or dt.date.min, c.by.iri, c.kind, c.by.number or "")


def ended_note(change: Change) -> str:
    """``no longer in force (replaced by 45/QĐ-UBND on 2022-03-01)``: how a tree marks it.

    >>> ended_note(Change("replaced", DocRef("x", "45/QĐ-UBND", dt.date(2022, 3, 1), None)))
    'no longer in force (replaced by 45/QĐ-UBND on 2022-03-01)'
    >>> ended_note(Change("repealed", DocRef("x", None, None, None)))
    'no longer in force (repealed by x, undated)'
    """
    by = change.by.number or change.by.iri
    when = f"on {change.by.date.isoformat()}" if change.by.date else "undated"
    sep = " " if change.by.date else ", "
    return f"no longer in force ({change.kind} by {by}{sep}{when})"


def not_in_force(
    store: TripleStore, iris: list[str], as_of: dt.date | None = None
) -> dict[str, Change]:
    """Which of ``iris`` were no longer in force on ``as_of`` (today if ``None``), each with
    the (earliest) document that replaced or repealed it: one query, for marking the
    documents of a lineage or a cascade.
    """
    as_of = as_of or dt.date.today()
    if not iris:
        return {}
    found: dict[str, Change] = {}
    rows = store.query(_ENDED.format(values=values_of("doc", iris))).rows
    for doc, rel, by, date, number in rows:
        day = _day(str(date) if date is not None else None)
        if day is not None and day > as_of:
            continue
        change = Change(CHANGES[str(rel)], DocRef(str(by), _s(number), day, None))
        held = found.get(str(doc))
        # The earliest change wins; between rows of one change (files that disagree on
        # its number), the least number, so that the answer does not depend on row order.
        if held is None or _rank(change) < _rank(held):
            found[str(doc)] = change
    return found
