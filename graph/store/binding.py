"""Plain text given with ``--bind`` matches a literal whatever its language tag.

``chidao query @tasks-by-organisation --bind assignee=Ủy ban nhân dân huyện Sông Hinh``
should find the organisation whose name is stored as ``"…"@vi``. SPARQL
compares terms exactly, so the binding layer looks up which forms of the text
the store holds — the plain string or the string tagged with one of
:data:`LANGUAGES` — with one bound lookup each (an index seek in the embedded
store), and binds what it finds:

- one form (the usual case): that term is bound like any other value;
- several forms: they are bound together as the rows of a ``VALUES`` block,
  every term escaped by :func:`chidao.graph.rdf.sparql_text.sparql_term` —
  the way values reach a remote endpoint, never user text spliced in;
- none: the plain string is bound (the query then finds nothing, as it should).
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Literal
from rdflib.term import Node

from chidao.graph.rdf.sparql_text import sparql_term, where_brace
from chidao.graph.store.oxigraph import TripleStore
from chidao.graph.store.results import Binding

#: Language tags a plain-text value is also tried with: chidao writes names and
#: text as ``@vi``; ``en`` for vocabularies and translated labels.
LANGUAGES = ("vi", "en")

_STORED = "SELECT ?o WHERE { ?s ?p ?o } LIMIT 1"


def stored_forms(store: TripleStore, text: str) -> list[Literal]:
    """The literals with lexical form ``text`` (plain or tagged with one of :data:`LANGUAGES`)
    that the store holds as an object."""
    candidates = [Literal(text)] + [Literal(text, lang=lang) for lang in LANGUAGES]
    found = []
    for literal in candidates:
        if next(iter(store.query(_STORED, {"o": literal}).rows), None) is not None:
            found.append(literal)
    return found


def bind_plain_text(
    store: TripleStore, sparql: str, bindings: Sequence[Binding]
) -> tuple[str, dict[str, Node]]:
    """The query and the bindings to run it with, plain-text values resolved to the
    stored forms (see the module's description)."""
    bound: dict[str, Node] = {}
    rows: list[tuple[str, list[Literal]]] = []
    for b in bindings:
        if not b.any_language:
            bound[b.name] = b.term
            continue
        forms = stored_forms(store, str(b.term))
        if len(forms) <= 1:
            bound[b.name] = forms[0] if forms else b.term
        else:
            rows.append((b.name, forms))
    for name, forms in rows:
        block = f"VALUES ?{name} {{ {' '.join(sparql_term(f) for f in forms)} }}"
        at = where_brace(sparql) + 1
        sparql = f"{sparql[:at]} {block}{sparql[at:]}"
    return sparql, bound


__all__ = ["LANGUAGES", "bind_plain_text", "stored_forms"]
