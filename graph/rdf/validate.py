"""SHACL validation of the store against the shapes shipped in :mod:`chidao.ontology`.

Each file's named graph is validated on its own (pySHACL, no inference): the
graphs are self-contained, and a violation is reported with the file it came
from.  :class:`ValidationReport` gathers the violations of every graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, URIRef
from rdflib.term import Node

from chidao.graph.rdf.ids import REGISTRY_GRAPHS
from chidao.graph.store.oxigraph import PREFIXES, TripleStore
from chidao.ontology import shapes_path
from chidao.ontology.namespaces import CHIDAO, NFO, NIF, PROV, RDF, SH


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: where (graph, file, focus node, path) and why."""

    graph: str
    file: str | None
    focus: str
    path: str | None
    message: str
    severity: str

    def line(self) -> str:
        where = self.file or self.graph
        path = f" {self.path}" if self.path else ""
        return f"{where}: {self.focus}{path}: {self.message}"


@dataclass
class ValidationReport:
    """The violations found in ``graphs`` named graphs."""

    graphs: int = 0
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations

    def text(self) -> str:
        """A readable report: one line per violation, then a summary line."""
        lines = [v.line() for v in self.violations]
        verdict = "conforms" if self.conforms else f"{len(self.violations)} violation(s)"
        lines.append(f"{self.graphs} graph(s) checked: {verdict}")
        return "\n".join(lines)


@cache
def shapes_graph() -> Graph:
    """The shipped SHACL shapes, parsed once."""
    return Graph().parse(shapes_path(), format="turtle")


@cache
def _names() -> Graph:
    """An empty graph whose namespace manager knows chidao's prefixes, to shorten IRIs."""
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri, override=True)
    return g


def _short(term: Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        try:
            return _names().namespace_manager.normalizeUri(term)
        except Exception:  # an IRI rdflib cannot abbreviate is shown whole
            return f"<{term}>"
    return str(term)


def span_violations(data: Graph, graph_iri: str | None = None) -> list[Violation]:
    """Spans (``<file>#char=b,e`` objects of a ``chidao:…Span`` property) that begin at or after
    their end, or end after the end of their file (its ``nif:endIndex``).

    One pass over the statements; as SHACL-SPARQL constraints pySHACL would run them once per
    file over every statement.

    >>> from rdflib import Literal
    >>> g = Graph()
    >>> f = URIRef("https://w3id.org/chidao/file/" + "a" * 64)
    >>> _ = g.add((f, RDF.type, NFO.FileDataObject)).add((f, NIF.endIndex, Literal(10)))
    >>> d = URIRef("https://w3id.org/chidao/doc/x")
    >>> _ = g.add((d, CHIDAO.numberSpan, URIRef(f + "#char=2,8")))
    >>> _ = g.add((d, CHIDAO.dateSpan, URIRef(f + "#char=8,12")))
    >>> _ = g.add((d, CHIDAO.placeSpan, URIRef(f + "#char=5,5")))
    >>> for v in span_violations(g):
    ...     print(v.message.replace(str(f), "<file>"))
    a span begins before it ends: <file>#char=5,5
    a span ends after the end of its file: <file>#char=8,12
    """
    lengths = {}
    for f in data.subjects(RDF.type, NFO.FileDataObject):
        end = data.value(f, NIF.endIndex)
        if end is not None:
            lengths[str(f)] = int(end)
    name = next(data.objects(None, NFO.fileName), None)
    out = []
    prefix = str(CHIDAO)
    for _h, p, span in data:
        ps = str(p)
        if not (ps.startswith(prefix) and ps.endswith("Span")) or not isinstance(span, URIRef):
            continue
        file, sep, offsets = str(span).partition("#char=")
        if not sep or file not in lengths:
            continue
        begin, _, end = offsets.partition(",")
        if not (begin.isdigit() and end.isdigit()):
            continue
        why = None
        if int(begin) >= int(end):
            why = "a span begins before it ends"
        elif int(end) > lengths[file]:
            why = "a span ends after the end of its file"
        if why is not None:
            out.append(
                Violation(
                    graph=graph_iri or str(data.identifier),
                    file=str(name) if name is not None else None,
                    focus=_short(URIRef(file)) or file,
                    path=None,
                    message=f"{why}: {span}",
                    severity="sh:Violation",
                )
            )
    return sorted(out, key=lambda v: v.message)


def validate_graph(data: Graph, graph_iri: str | None = None) -> list[Violation]:
    """The SHACL violations of one graph, and its spans' (:func:`span_violations`)."""
    spans = span_violations(data, graph_iri)
    from pyshacl import validate as shacl_validate  # slow to import: only when validating

    conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=True
    )
    if conforms:
        return spans
    name = next(data.objects(None, NFO.fileName), None)
    out = list(spans)
    for r in results.subjects(RDF.type, SH.ValidationResult):
        out.append(
            Violation(
                graph=graph_iri or str(data.identifier),
                file=str(name) if name is not None else None,
                focus=_short(results.value(r, SH.focusNode)) or "?",
                path=_short(results.value(r, SH.resultPath)),
                message=str(results.value(r, SH.resultMessage) or "violation"),
                severity=_short(results.value(r, SH.resultSeverity)) or "",
            )
        )
    return sorted(out, key=lambda v: (v.file or "", v.focus, v.path or "", v.message))


#: Graphs validated together: one pySHACL run has a fixed cost (~0.2 s), so graphs
#: are checked in chunks and only a chunk that fails is checked graph by graph.
CHUNK = 200


def _file_graph(store: TripleStore, iri: str) -> Graph | None:
    data = Graph(identifier=URIRef(iri))
    for t in store.graph_triples(iri):
        data.add(t)
    if next(data.triples((URIRef(iri), PROV.wasDerivedFrom, None)), None) is None:
        return None  # not a file graph of chidao's
    return data


def registry_graph(store: TripleStore, names: Iterable[str]) -> Graph:
    """The registry's descriptions (organisations, units, document types, events) as one graph,
    one description per node.

    Files that print a body differently (``Cục Thuế`` / ``Cục thuế``, an OCR slip) describe the
    same node in two registry graphs; like two files giving two dates for one cited document,
    that is a disagreement between files, not a violation of either. So each node keeps the
    statements of the first registry graph (in IRI order) that describes it.
    """
    out = Graph()
    described: set[Node] = set()
    for iri in sorted(n for n in names if n.startswith(REGISTRY_GRAPHS)):
        triples = list(store.graph_triples(iri))
        subjects = {s for s, _, _ in triples}
        fresh = subjects - described
        for t in triples:
            if t[0] in fresh:
                out.add(t)
        described |= subjects
    return out


def validate_store(
    store: TripleStore,
    graphs: Iterable[str] | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> ValidationReport:
    """Validate every named graph of ``store`` (or only ``graphs``).

    ``progress`` is called with the number of graphs checked after each chunk.
    Files that disagree with each other (two dates for one cited document) are
    not violations: each graph is judged on its own.
    """
    report = ValidationReport()
    names = sorted(graphs if graphs is not None else store.named_graphs())
    # A file's graph names organisations and units the registry describes: checked with it.
    registry = registry_graph(store, store.named_graphs())
    for start in range(0, len(names), chunk):
        loaded = [(iri, _file_graph(store, iri)) for iri in names[start : start + chunk]]
        parts = [(iri, g) for iri, g in loaded if g is not None]
        report.graphs += len(parts)
        union = Graph()
        union += registry
        for _, g in parts:
            union += g
        from pyshacl import validate as shacl_validate

        conforms, _results, _text = shacl_validate(
            union, shacl_graph=shapes_graph(), inference="none", advanced=True
        )
        if not conforms or any(span_violations(g) for _, g in parts):
            for iri, g in parts:
                report.violations.extend(validate_graph(g + registry, iri))
        if progress is not None:
            progress(report.graphs)
    return report
