"""What the lean store implies, spelt out for `chidao export --provenance full`.

The store keeps duties lean (:mod:`chidao.graph.rdf.build`, :mod:`chidao.graph.rdf.duties`):
what is the same for every duty of a document, or for every deadline, is not
repeated on each, and no text is stored twice. ODRL 2.2 wants it said, so the
full export adds, in each duty's file graph:

* ``rdf:type odrl:Duty`` on every duty (what ``odrl:obligation`` points to);
* ``odrl:action chidao:carryOut`` on a duty that names no action (a task; a
  reporting duty keeps its stored ``odrl:inform``);
* ``odrl:assigner`` the document's issuer (``eli:passed_by``) on every duty under
  the document's ``odrl:obligation``;
* ``odrl:leftOperand odrl:dateTime`` and ``odrl:operator odrl:lteq`` on every
  deadline constraint (the stored ``odrl:rightOperand`` is the due date);
* ``chidao:taskLabel``, the list marker a task's text opens with ("1.", "a)", "Điều 2."),
  where the store does not state it (:func:`~chidao.graph.rdf.build.printed_label`).
"""

from __future__ import annotations

from collections.abc import Iterator

from chidao.graph.rdf.build import N_CHIDAO, N_ODRL2, N_RDF, nt_iri, nt_string, printed_label
from chidao.graph.store.oxigraph import TripleStore

# Each duty with its document's issuer, its stated action and label and its text.
_DUTIES = """
SELECT ?g ?duty ?issuer ?action ?label ?text WHERE {
  GRAPH ?g {
    ?doc odrl:obligation ?duty .
    OPTIONAL { ?doc eli:passed_by ?issuer }
    OPTIONAL { ?duty odrl:action ?action }
    OPTIONAL { ?duty chidao:taskLabel ?label }
    OPTIONAL { ?duty dcterms:description ?text }
  }
}
"""
# Each deadline constraint, in its file's graph.
_CONSTRAINTS = "SELECT DISTINCT ?g ?c WHERE { GRAPH ?g { ?duty odrl:constraint ?c } }"


def implied_quads(store: TripleStore) -> Iterator[str]:
    """The statements the lean store leaves implicit, as N-Quads lines.

    Each line is in the graph of the duty or constraint it completes.
    """
    seen: set[tuple[str, str]] = set()
    for g, duty, issuer, action, label, text in store.query(_DUTIES).rows:
        graph, node = nt_iri(str(g)), nt_iri(str(duty))
        if (str(g), str(duty)) not in seen:
            seen.add((str(g), str(duty)))
            yield f"{node} {N_RDF.type} {N_ODRL2.Duty} {graph} .\n"
            if action is None:
                yield f"{node} {N_ODRL2.action} {N_CHIDAO.carryOut} {graph} .\n"
            printed = printed_label(str(text)) if label is None and text is not None else None
            if action is None and printed is not None:
                yield f"{node} {N_CHIDAO.taskLabel} {nt_string(printed)} {graph} .\n"
        if issuer is not None:
            yield f"{node} {N_ODRL2.assigner} {nt_iri(str(issuer))} {graph} .\n"
    for g, c in store.query(_CONSTRAINTS).rows:
        graph, node = nt_iri(str(g)), nt_iri(str(c))
        yield f"{node} {N_ODRL2.leftOperand} {N_ODRL2.dateTime} {graph} .\n"
        yield f"{node} {N_ODRL2.operator} {N_ODRL2.lteq} {graph} .\n"
