"""An HTML view straight from a store: resolve what the user named, load its part, draw."""

from __future__ import annotations

from typing import Any

from chidao.errors import QueryError
from chidao.graph.analysis.load import load_graph, load_neighbourhood, load_organisation
from chidao.graph.analysis.lookup import find_organisation, resolve_document
from chidao.graph.analysis.nodes import CARRY_OUT
from chidao.graph.store.oxigraph import TripleStore
from chidao.graph.views.build import cascade_view, corpus_view, organisation_view, timeline_view


def store_view(
    store: TripleStore,
    *,
    doc: str | None = None,
    org: str | None = None,
    issuer: str | None = None,
    year: int | None = None,
    **view_options: Any,
) -> str:
    """The HTML view of ``doc``'s cascade, of ``org``'s neighbourhood, or of the corpus.

    ``doc`` is named as on the command line (number, file name or IRI, narrowed by
    ``issuer`` and ``year``: :func:`chidao.graph.analysis.lookup.resolve_document`); ``org``
    by name or IRI. With neither, the whole corpus is drawn. ``view_options`` go
    to :func:`~chidao.graph.views.build.cascade_view` and its siblings
    (``timeline=True``: :func:`~chidao.graph.views.build.timeline_view`).

    A document's or an organisation's view loads only its neighbourhood
    (:func:`~chidao.graph.analysis.load.load_neighbourhood`,
    :func:`~chidao.graph.analysis.load.load_organisation`); the corpus view loads all.

    Raises
    ------
    chidao.errors.QueryError
        If both ``doc`` and ``org`` are given, or what they name is not found
        or is ambiguous.
    """
    if doc is not None and org is not None:
        raise QueryError("name a document or an organisation, not both")
    # Resolve first: a typo fails before anything is loaded.
    if doc is not None:
        iri = resolve_document(store, doc, issuer, year)
        relations = view_options.get("relations", CARRY_OUT)
        draw = timeline_view if view_options.pop("timeline", False) else cascade_view
        G = load_neighbourhood(store, iri, relations=relations, context=True)
        return draw(G, iri, **view_options)
    if org is not None:
        iri = find_organisation(store, org)
        return organisation_view(load_organisation(store, iri), iri, **view_options)
    return corpus_view(load_graph(store), **view_options)
