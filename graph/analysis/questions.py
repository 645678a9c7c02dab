"""The analysis commands' questions, asked of a store: one function each.

Each function finds what the user named (:mod:`chidao.graph.analysis.lookup`), loads
only the part of the NetworkX view its question needs
(:mod:`chidao.graph.analysis.load`) and runs one analysis
(:mod:`chidao.graph.analysis`).  The command line calls these and only draws
the result; the benchmarks time them, so the figures are what a user waits for
(minus the interpreter's start-up).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import partial

import networkx as nx

from chidao.graph.analysis import (
    CARRY_OUT,
    Cascade,
    Coverage,
    DocInfo,
    DocRank,
    Hop,
    OrgActivity,
    cascade,
    coverage_gaps,
    hubs,
    lineage,
    who,
)
from chidao.graph.analysis.assigned import assigned_tasks, group_tasks
from chidao.graph.analysis.coverage import gazetteer_units
from chidao.graph.analysis.load import (
    describe_documents,
    load_citations,
    load_neighbourhood,
    load_organisation,
)
from chidao.graph.analysis.lookup import find_organisation, resolve_document
from chidao.graph.analysis.nodes import doc_info
from chidao.graph.analysis.validity import Change, not_in_force
from chidao.graph.store.oxigraph import TripleStore


@dataclass(frozen=True, slots=True)
class Lineage:
    """A document and the chains of documents it carries out, nearest first.

    ``no_longer_in_force``: which of them (the document included) were no longer in
    force on ``as_of``, each with the change that ended it.
    """

    document: DocInfo
    chains: list[list[Hop]]
    as_of: dt.date | None = None
    no_longer_in_force: dict[str, Change] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Gaps:
    """Which units below a document's issuer carry it out; ``numbers`` labels the documents."""

    coverage: Coverage
    numbers: dict[str, str]


@dataclass(frozen=True, slots=True)
class Activity:
    """What an organisation did; ``issued``: the :class:`DocInfo` of each document it issued."""

    activity: OrgActivity
    issued: dict[str, DocInfo]


def _carried_out(
    store: TripleStore,
    ref: str,
    issuer: str | None,
    year: int | None,
    relations: tuple[str, ...],
) -> tuple[str, nx.MultiDiGraph]:
    """The document ``ref`` names and the graph of what carries it out, transitively."""
    iri = resolve_document(store, ref, issuer, year)
    return iri, load_neighbourhood(store, iri, up=False, relations=relations)


def document_lineage(
    store: TripleStore,
    ref: str,
    issuer: str | None = None,
    year: int | None = None,
    relations: tuple[str, ...] = CARRY_OUT,
    max_depth: int | None = None,
    as_of: dt.date | None = None,
) -> Lineage:
    """What the document ``ref`` names carries out, all the way up.

    ``ref``, ``issuer`` and ``year`` name the document as
    :func:`~chidao.graph.analysis.lookup.resolve_document` reads them. The documents
    no longer in force on ``as_of`` (today if ``None``) are marked, in one query.

    Raises
    ------
    QueryError
        If ``ref`` names no document, or several.
    """
    iri = resolve_document(store, ref, issuer, year)
    return lineage_of(store, iri, relations, max_depth, as_of)


def lineage_of(
    store: TripleStore,
    iri: str,
    relations: tuple[str, ...] = CARRY_OUT,
    max_depth: int | None = None,
    as_of: dt.date | None = None,
) -> Lineage:
    """:func:`document_lineage` of the document ``iri`` (found already).

    Raises
    ------
    networkx.NodeNotFound
        If ``iri`` is not a document of the store.
    """
    # Everything above it: a chain capped at max_depth hops reads only documents
    # that many steps up, all of them there.
    G = load_neighbourhood(store, iri, down=False, relations=relations, documents_only=True)
    chains = lineage(G, iri, relations, max_depth)
    as_of = as_of or dt.date.today()
    shown = sorted({iri} | {hop.target for chain in chains for hop in chain})
    return Lineage(doc_info(G, iri), chains, as_of, not_in_force(store, shown, as_of))


def document_cascade(
    store: TripleStore,
    ref: str,
    issuer: str | None = None,
    year: int | None = None,
    relations: tuple[str, ...] = CARRY_OUT,
    as_of: dt.date | None = None,
) -> Cascade:
    """Every document that carries out the one ``ref`` names, transitively; those no
    longer in force on ``as_of`` (today if ``None``) are marked, in one query.

    Raises
    ------
    QueryError
        If ``ref`` names no document, or several.
    """
    iri = resolve_document(store, ref, issuer, year)
    return cascade_of(store, iri, relations, as_of)


def cascade_of(
    store: TripleStore,
    iri: str,
    relations: tuple[str, ...] = CARRY_OUT,
    as_of: dt.date | None = None,
) -> Cascade:
    """:func:`document_cascade` of the document ``iri`` (found already).

    Raises
    ------
    networkx.NodeNotFound
        If ``iri`` is not a document of the store.
    """
    G = load_neighbourhood(store, iri, up=False, relations=relations, documents_only=True)
    tree = cascade(G, iri, relations)
    as_of = as_of or dt.date.today()
    shown = sorted({iri} | {n.document.iri for n in tree.nodes})
    ended = not_in_force(store, shown, as_of)
    return dataclasses.replace(tree, as_of=as_of, no_longer_in_force=ended)


def document_gaps(
    store: TripleStore,
    ref: str,
    issuer: str | None = None,
    year: int | None = None,
    relations: tuple[str, ...] = CARRY_OUT,
) -> Gaps:
    """The units one level below the issuer of ``ref`` with no document carrying it out.

    Raises
    ------
    QueryError
        If ``ref`` names no document, or several.
    ValueError
        If the document's issuer has no level below it.
    """
    iri, G = _carried_out(store, ref, issuer, year, relations)
    result = coverage_gaps(G, iri, gazetteer_units(), relations)
    numbers = {n: G.nodes[n].get("number") or n for ns in result.covered.values() for n in ns}
    return Gaps(result, numbers)


def store_hubs(
    store: TripleStore, top: int = 10, by: str = "implemented_by", group: str | None = None
) -> dict[str, list[DocRank]]:
    """The documents most carried out (or cited, or by PageRank) in the whole store.

    Counted and ranked on the citations alone (:func:`load_citations`); only the
    documents listed are described (:func:`describe_documents`).
    """
    describe = partial(describe_documents, store)
    return hubs(load_citations(store), top=top, by=by, group=group, describe=describe)


def organisation_activity(store: TripleStore, ref: str) -> Activity:
    """What the organisation ``ref`` names issued, received, was copied on, was assigned
    (documents and their tasks) and carried out.

    Raises
    ------
    QueryError
        If ``ref`` names no organisation, or several.
    """
    iri = find_organisation(store, ref)
    G = load_organisation(store, iri)
    result = who(G, iri, assigned_tasks(store, iri, G), group_tasks=group_tasks(store, iri, G))
    return Activity(result, {n: doc_info(G, n) for n in result.issued})
