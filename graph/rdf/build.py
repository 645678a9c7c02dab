"""Record → RDF: the statements of one source file's named graph.

:func:`record_statements` turns one :class:`~chidao.extract.records.Record`
into the statements of the named graph :func:`~chidao.graph.rdf.ids.graph_iri`
names.  The graph is self-contained: besides the document it holds the file
(name, URL, encoding, SHA-256), the extraction's PROV-O trail, every
organisation and unit it mentions with their labels, each cited document as
far as the citation describes it, and one NIF span per recipient,
distribution entry, task, assignee, signature part, citation and header value.
Replacing the graph therefore replaces everything this file said and nothing
any other file said.

Statements are written directly as N-Triples terms (:class:`Statements`), the
text the store's bulk loader reads: building rdflib terms for the ~400
statements of a document and converting them again for the store cost more
than extracting it.  Work that depends on a name only (an organisation's or a
unit's description, a document type, a slug) is done once per process and
cached (bounded); within a graph each is emitted once.  :func:`record_triples`
and :func:`record_graph` give the same graph as rdflib terms, parsed from
that text by rdflib's own N-Triples parser, for views, tests and rdflib code.

Vocabulary terms come only from :mod:`chidao.ontology.namespaces`, each
serialised once (:class:`Vocabulary`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DefinedNamespace
from rdflib.term import Literal, Node, URIRef

from chidao import __version__
from chidao.extract.records import (
    AdminUnit,
    Citation,
    Organisation,
    Party,
    Reading,
    Record,
    Task,
)
from chidao.graph.rdf import ids

# N-Triples term syntax lives in chidao.graph.rdf.terms (nt_iri, nt_string re-exported here).
from chidao.graph.rdf.terms import _ESCAPED, _UNECHAR, nt_iri, nt_string
from chidao.ontology.namespaces import (
    CHIDAO,
    DCTERMS,
    ELI,
    ITSRDF,
    NFO,
    NIF,
    ODRL2,
    ORG,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
)
from chidao.ontology.vocabulary import LEVELS, RELATIONS, SPAN_KINDS, SYSTEMS

Triple = tuple[Node, Node, Node]

#: One statement: subject, predicate and object, each an RDF term in N-Triples syntax.
Statement = tuple[str, str, str]

#: Organisations, units and document types whose statements are remembered.
DESCRIPTION_CACHE = 1 << 14


class Vocabulary:
    """A namespace object's terms in N-Triples syntax, each serialised once.

    The terms the namespace declares are serialised when the object is made
    (at import); any other name goes through the namespace object, so a
    misspelt term raises ``AttributeError`` as the namespace does.

    >>> Vocabulary(ELI).number
    '<http://data.europa.eu/eli/ontology#number>'
    >>> Vocabulary(ELI).nmber
    Traceback (most recent call last):
    ...
    AttributeError: term 'nmber' not in namespace 'http://data.europa.eu/eli/ontology#'
    """

    def __init__(self, namespace: type[DefinedNamespace]) -> None:
        self._namespace = namespace
        for name in namespace.__annotations__:
            if not name.startswith("_"):
                setattr(self, name, nt_iri(str(namespace[name])))

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        term = nt_iri(str(getattr(self._namespace, name)))
        setattr(self, name, term)  # later look-ups find the instance attribute
        return term


N_CHIDAO, N_DCTERMS, N_ELI, N_ITSRDF = map(Vocabulary, (CHIDAO, DCTERMS, ELI, ITSRDF))
N_NFO, N_NIF, N_ODRL2, N_ORG = map(Vocabulary, (NFO, NIF, ODRL2, ORG))
N_PROV, N_RDF, N_RDFS, N_SKOS, N_XSD = map(Vocabulary, (PROV, RDF, RDFS, SKOS, XSD))
_A = N_RDF.type


@dataclass(frozen=True, slots=True)
class PrintedCitation:
    """A citation without issuer or year, as its file's graph states it (IRIs as text).

    What it points to is derived from the store (:mod:`chidao.graph.rdf.links`).
    """

    graph: str  # the citing file's graph
    doc: str  # the citing document
    relation: str  # the property, e.g. eli:ensures_implementation_of
    placeholder: str  # doc/<issuer or _>/<year or _>/<number>
    span: str
    key: str  # the number's key (chidao:numberKey)


#: Citation relation (:data:`chidao.extract.records.RELATIONS`) → property.
RELATION_PROPERTIES: dict[str, URIRef] = {k: r.prop for k, r in RELATIONS.items()}
_RELATIONS = {k: nt_iri(v) for k, v in RELATION_PROPERTIES.items()}
_LEVELS = {k: nt_iri(v) for k, v in LEVELS.items()}
_SYSTEMS = {k: nt_iri(v) for k, v in SYSTEMS.items()}
_SPANS = {k: nt_iri(v.prop) for k, v in SPAN_KINDS.items()}
# Where a header value came from, when not the document's own text (Mention.origin).
_ORIGINS = {"page": N_CHIDAO.pageField, "inferred": N_CHIDAO.inferredField}


def _vi(text: str) -> str:
    return nt_string(text) + "@vi"


def _int(n: int) -> str:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores every integer type as
    # xsd:integer, and a graph must read back from the store exactly as it was built.
    return f'"{n}"^^{N_XSD.integer}'


def _decimal(x: float) -> str:
    """``x`` as an ``xsd:decimal`` in Oxigraph's canonical form (``91``, ``91.5``).

    >>> _decimal(91.0).split("^^")[0], _decimal(87.25).split("^^")[0], _decimal(87.254)[:7]
    ('"91"', '"87.25"', '"87.25"')
    """
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return f'"{text}"^^{N_XSD.decimal}'


def _date(day: dt.date) -> str:
    return f'"{day.isoformat()}"^^{N_XSD.date}'


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None  # an impossible date is reported by extraction, not typed here


# --- collecting statements -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Statements:
    """One graph's statements in N-Triples syntax, without duplicates, in order.

    ``iris`` lists every IRI the statements hold that was not checked already
    (all but vocabulary terms, which are valid by construction): a store
    checks each before it loads the text leniently, without its parser
    checking every occurrence again.  Whoever builds statements by hand must
    list them too.  :func:`nt_iri` escapes the characters no IRI may hold, so a
    bad IRI can only be refused, never change the statements around it.
    """

    triples: tuple[Statement, ...]
    iris: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.triples)


class _Collector:
    """Statements and the IRIs they hold, each once, in order."""

    __slots__ = ("iris", "out")

    def __init__(self) -> None:
        self.out: dict[Statement, None] = {}
        self.iris: dict[str, str] = {}  # IRI → its N-Triples term

    def iri(self, value: str) -> str:
        value = str(value)  # a URIRef never equals the same text as a str
        term = self.iris.get(value)
        if term is None:
            term = self.iris[value] = nt_iri(value)
        return term

    def add(self, s: str, p: str, o: str) -> None:
        self.out[(s, p, o)] = None


# --- the registry: organisations, units, document types, events, the agent ------------------


@dataclass(frozen=True, slots=True, eq=False)
class RegistryGraph:
    """The description of one organisation, unit, document type, event or agent.

    It depends on the name only, so it is the same in every file that names
    it: the store holds it once, in its own named graph, whose IRI is a hash
    of the statements (:func:`~chidao.graph.rdf.ids.registry_graph_iri`): two
    files that describe a body alike share that graph, two that differ (a
    parent read differently) add a second one, whatever the order of ingest.
    ``needs`` are the descriptions it refers to (a body's unit, a unit's
    province), each a registry graph of its own.
    """

    graph: URIRef
    iri: str  # what it describes
    statements: Statements
    needs: tuple[RegistryGraph, ...] = ()

    @property
    def term(self) -> str:
        """:attr:`iri` as an N-Triples term."""
        return nt_iri(self.iri)

    def closure(self) -> Iterator[RegistryGraph]:
        """This description and all it needs, depth first."""
        yield self
        for part in self.needs:
            yield from part.closure()


#: The class of the term each registry graph describes (an event is a prov:Activity too): what
#: :mod:`chidao.graph.ingest.collect` looks for, so that it reads the registry and not every file.
REGISTRY_TYPES = (
    N_ORG.Organization,
    N_CHIDAO.AdminUnit,
    N_SKOS.Concept,
    N_ORG.ChangeEvent,
    N_PROV.SoftwareAgent,
)


def _registered(iri: URIRef, c: _Collector, *needs: RegistryGraph | None) -> RegistryGraph:
    statements = Statements(tuple(c.out), tuple(c.iris))
    graph = ids.registry_graph_iri(statements.triples)
    return RegistryGraph(graph, str(iri), statements, tuple(n for n in needs if n is not None))


@lru_cache(maxsize=DESCRIPTION_CACHE)
def _event(start: dt.date) -> RegistryGraph:
    """The reorganisation of administrative units that took effect on ``start``."""
    c = _Collector()
    iri = ids.change_event_iri(start.isoformat())
    event = c.iri(iri)
    c.add(event, _A, N_ORG.ChangeEvent)
    c.add(event, _A, N_PROV.Activity)
    c.add(event, N_RDFS.label, nt_string(f"Reorganisation of administrative units, {start}"))
    c.add(event, N_PROV.startedAtTime, _midnight(start))
    return _registered(iri, c)


def _midnight(day: dt.date) -> str:
    return f'"{day}T00:00:00+07:00"^^{N_XSD.dateTime}'  # midnight, Vietnam time


def _end(unit: AdminUnit) -> dt.date | None:
    """The day the change event that ended ``unit`` took effect (after its last valid day)."""
    last = _iso_date(unit.valid_until)
    return None if last is None else last + dt.timedelta(days=1)


@lru_cache(maxsize=DESCRIPTION_CACHE)
def _unit_node(
    path: tuple[str, ...], level: str, code: str | None = None, end: dt.date | None = None
) -> RegistryGraph:
    """The unit at ``path`` (province first), the one above it and its end, if it ended."""
    c = _Collector()
    unit = ids.unit_iri(path)
    iri = c.iri(unit)
    c.add(iri, _A, N_CHIDAO.AdminUnit)
    c.add(iri, N_SKOS.prefLabel, _vi(path[-1]))
    c.add(iri, N_CHIDAO.level, _LEVELS[level])
    above = None
    if len(path) > 1:
        above = _unit_node(path[:-1], ("province", "district")[len(path) - 2])
        c.add(iri, N_SKOS.broader, c.iri(above.iri))
    if code:
        c.add(iri, N_SKOS.notation, nt_string(code))
    event = None
    if end is not None:
        event = _event(end)
        c.add(iri, N_PROV.invalidatedAtTime, _midnight(end))
        c.add(iri, N_PROV.wasInvalidatedBy, c.iri(event.iri))
    return _registered(unit, c, above, event)


def _unit(unit: AdminUnit) -> RegistryGraph:
    path = tuple(ids.unit_path(unit))
    level = ["province", "district", "commune"][: len(path)][-1]
    level = unit.level if unit.level in LEVELS else level
    return _unit_node(path, level, unit.code or None, _end(unit))


@lru_cache(maxsize=DESCRIPTION_CACHE)
def _organisation(org: Organisation) -> RegistryGraph:
    """An organisation (given without its mention's span), its parent's name and its unit."""
    c = _Collector()
    iri = ids.org_iri(org)
    o = c.iri(iri)
    c.add(o, _A, N_ORG.Organization)
    c.add(o, N_SKOS.prefLabel, _vi(org.name))
    if org.level in _LEVELS:
        c.add(o, N_CHIDAO.level, _LEVELS[org.level])
    if org.system in _SYSTEMS:
        c.add(o, N_CHIDAO.system, _SYSTEMS[org.system])
    parent = ids.parent_iri(org)
    above = None
    if parent is not None and parent != ids.org_iri(org):
        above = _named(parent, org.parent or "")
        c.add(o, N_ORG.subOrganizationOf, c.iri(parent))
    unit = event = None
    if org.unit is not None:
        unit = _unit(org.unit)
        c.add(o, N_DCTERMS.spatial, c.iri(unit.iri))
        end = _end(org.unit)
        if end is not None and org.level == org.unit.level:
            event = _event(end)
            c.add(o, N_ORG.changedBy, c.iri(event.iri))
    return _registered(iri, c, unit, event, above)


@lru_cache(maxsize=DESCRIPTION_CACHE)
def _named(iri: URIRef, name: str) -> RegistryGraph:
    """An organisation known by its name only (a parent, as its children name it).

    Its own graph, so the hundred bodies under one province committee share it.
    """
    c = _Collector()
    o = c.iri(iri)
    c.add(o, _A, N_ORG.Organization)
    c.add(o, N_SKOS.prefLabel, _vi(name))
    return _registered(iri, c)


@lru_cache(maxsize=DESCRIPTION_CACHE)
def _doctype(doc_type: str) -> RegistryGraph:
    c = _Collector()
    iri = ids.doctype_iri(doc_type)
    t = c.iri(iri)
    c.add(t, _A, N_SKOS.Concept)
    c.add(t, N_SKOS.inScheme, N_CHIDAO.DocumentTypeScheme)
    c.add(t, N_SKOS.prefLabel, _vi(doc_type))
    return _registered(iri, c)


@lru_cache(maxsize=4)
def _agent(version: str) -> RegistryGraph:
    c = _Collector()
    iri = ids.agent_iri(version)
    agent = c.iri(iri)
    c.add(agent, _A, N_PROV.SoftwareAgent)
    c.add(agent, N_RDFS.label, nt_string(f"chidao {version}"))
    return _registered(iri, c)


# --- one file's graph ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Built:
    """What one record says: its file's graph and the registry descriptions it names.

    ``statements`` is the graph :attr:`graph` (what the file says, and where);
    ``registry`` the descriptions of the organisations, units, document types
    and events it refers to, each once.  To add statements of another kind to
    a file's graph, build them from the record and pass them to
    :meth:`with_statements`.
    """

    graph: URIRef
    statements: Statements
    registry: tuple[RegistryGraph, ...] = ()
    citations: tuple[PrintedCitation, ...] = ()  # those without issuer or year

    def with_statements(self, extra: Statements) -> Built:
        """The same, with ``extra`` statements added to the file's graph (duplicates dropped)."""
        triples = tuple(dict.fromkeys((*self.statements.triples, *extra.triples)))
        iris = tuple(dict.fromkeys((*self.statements.iris, *extra.iris)))
        return Built(self.graph, Statements(triples, iris), self.registry, self.citations)

    def all_statements(self, known: Mapping[str, Iterable[str]] | None = None) -> Statements:
        """The file's statements, the registry's it refers to and its links (resolved
        among ``known``, number key → documents): a self-contained graph."""
        from chidao.graph.rdf.links import link_statements

        triples = dict.fromkeys(self.statements.triples)
        iris = dict.fromkeys(self.statements.iris)
        parts = [p.statements for p in self.registry]
        if self.citations:
            parts.append(link_statements(str(self.graph), self.citations, known or {}))
        for part in parts:
            triples.update(dict.fromkeys(part.triples))
            iris.update(dict.fromkeys(part.iris))
        return Statements(tuple(triples), tuple(iris))


class _Builder(_Collector):
    """Collects the statements of one record's graph."""

    __slots__ = (
        "doc",
        "file",
        "file_iri",
        "graph",
        "graph_iri",
        "issuer",
        "citations",
        "parts",
        "record",
    )

    def __init__(self, record: Record) -> None:
        super().__init__()
        self.record = record
        self.citations: list[PrintedCitation] = []
        self.parts: dict[URIRef, RegistryGraph] = {}  # the registry graphs named, once each
        self.graph_iri = ids.graph_iri(record.sha256, record.source)
        self.graph = self.iri(self.graph_iri)
        self.file_iri = str(ids.file_iri(record.sha256))
        self.file = self.iri(self.file_iri)
        self.doc = self.iri(ids.record_doc_iri(record))
        self.issuer = self.organisation(record.issuer) if record.issuer else None

    def include(self, part: RegistryGraph) -> str:
        for p in part.closure():
            self.parts.setdefault(p.graph, p)
        return self.iri(part.iri)

    def built(self) -> Built:
        statements = Statements(tuple(self.out), tuple(self.iris))
        return Built(self.graph_iri, statements, tuple(self.parts.values()), tuple(self.citations))

    # --- the file and its provenance ----------------------------------------------------

    def source(self) -> None:
        r, f, g = self.record, self.file, self.graph
        path = Path(ids.source_path(r.source))
        # The file's hash is in its IRI, its text in the file: the NIF view adds the rest.
        self.add(f, _A, N_NFO.FileDataObject)
        self.add(f, N_NFO.fileName, nt_string(path.name))
        self.add(f, N_NFO.fileUrl, self.iri(path.as_uri()))
        self.add(f, N_NFO.encoding, nt_string(r.encoding))
        self.add(f, N_NIF.endIndex, _int(r.length))
        self.add(g, N_PROV.wasDerivedFrom, f)
        self.add(g, N_PROV.wasAttributedTo, self.include(_agent(__version__)))
        if r.reading is not None:
            self.reading(f, r.reading)

    def reading(self, f: str, reading: Reading) -> None:
        """The text the spans point into when it is not the file as such, and how it was made.

        Stored once, on the file: ``nif:isString`` (the NIF view reads the spans' text
        from it), ``chidao:readingMethod``, ``chidao:readingEngine`` and, per OCR'd page,
        ``<file#page=N>`` ``dcterms:isPartOf`` the file with ``chidao:pageNumber`` and
        ``chidao:ocrConfidence`` (when the engine gave one).
        """
        self.add(f, N_NIF.isString, nt_string(reading.text))
        self.add(f, N_CHIDAO.readingMethod, nt_string(reading.method))
        self.add(f, N_CHIDAO.readingEngine, nt_string(reading.engine))
        for number, confidence in reading.pages:
            page = self.iri(f"{self.file_iri}#page={number}")
            self.add(page, N_DCTERMS.isPartOf, f)
            self.add(page, N_CHIDAO.pageNumber, _int(number))
            if confidence is not None:
                self.add(page, N_CHIDAO.ocrConfidence, _decimal(confidence))

    # --- spans --------------------------------------------------------------------------

    def span(self, holder: str, kind: str, span: tuple[int, int]) -> str:
        """``holder`` rests on the text at ``span``: one statement (the IRI has the offsets)."""
        m = self.iri(ids.span_iri(self.file_iri, span))
        self.add(holder, _SPANS[kind], m)
        return m

    # --- organisations ------------------------------------------------------------------

    def organisation(self, org: Organisation) -> str:
        if org.printed is not None or org.span is not None:
            # The description does not depend on the mention: one cache entry per body.
            org = Organisation(org.name, org.parent, org.level, org.system, org.unit)
        return self.include(_organisation(org))

    # --- documents ----------------------------------------------------------------------

    def numbered(self, d: str, number: str) -> None:
        self.add(d, N_ELI.number, nt_string(number))
        self.add(d, N_CHIDAO.numberKey, nt_string(ids.number_lookup_key(number)))

    def document(
        self,
        d: str,
        number: str | None,
        doc_type: str | None,
        date: str | None,
        year: int | None,
        issuer: str | None,
        typed: bool = True,
    ) -> None:
        if typed:  # a placeholder is typed by its links graph, where it stays a document
            self.add(d, _A, N_ELI.LegalResource)
        if number:
            self.numbered(d, number)
        if doc_type:
            self.add(d, N_ELI.type_document, self.include(_doctype(doc_type)))
        day = _iso_date(date)
        if day is not None:
            self.add(d, N_ELI.date_document, _date(day))
        elif year:  # the year alone where no date was read (a full date carries it)
            self.add(d, N_DCTERMS.date, f'"{year:04d}"^^{N_XSD.gYear}')
        if issuer is not None:
            self.add(d, N_ELI.passed_by, issuer)

    def header(self) -> None:
        r, d = self.record, self.doc
        self.add(d, _A, N_CHIDAO.Directive)
        self.document(
            d,
            r.number.value if r.number else None,
            r.doc_type.value if r.doc_type else None,
            r.date.value if r.date else None,
            ids.record_year(r),
            self.issuer,
        )
        self.add(d, N_PROV.hadPrimarySource, self.file)
        if r.subject is not None:
            self.add(d, N_DCTERMS.title, _vi(r.subject.value))
        if r.place is not None:
            self.add(d, N_CHIDAO.issuePlace, _vi(r.place.value))
        fields = {
            "number": r.number,
            "doc_type": r.doc_type,
            "date": r.date,
            "place": r.place,
            "subject": r.subject,
        }
        for name, m in fields.items():
            if m is not None and m.span is not None:
                self.span(d, name, m.span)
            if m is not None:
                self.origin(name, m.origin)
        if r.issuer is not None and self.issuer is not None:
            if r.issuer.span is not None:
                self.span(d, "issuer", r.issuer.span)
            self.origin("issuer", r.issuer.origin)

    def origin(self, name: str, origin: str) -> None:
        """A header value not read from the document's own text: one statement naming it."""
        if origin in _ORIGINS:
            self.add(self.doc, _ORIGINS[origin], nt_string(name))

    def party(self, party: Party, kind: str) -> str | None:
        """The organisation a party names (if resolved), with its span; else the span alone."""
        org = self.organisation(party.resolved) if party.resolved else None
        m = self.span(org or self.doc, kind, party.span)
        if org is None:
            # No fact rests on it: the printed name is kept, as nothing else holds it.
            self.add(m, N_NIF.anchorOf, nt_string(party.name))
        return org

    def recipients(self) -> None:
        for p in self.record.recipients:
            org = self.party(p, "recipient")
            if org is not None:
                self.add(self.doc, N_CHIDAO.addressedTo, org)
        for p in self.record.distribution:
            org = self.party(p, "distribution")
            if p.purpose:
                self.add(
                    self.iri(ids.span_iri(self.file_iri, p.span)), N_CHIDAO.purpose, _vi(p.purpose)
                )
            if org is not None:
                self.add(self.doc, N_CHIDAO.distributedTo, org)

    def task(self, i: int, task: Task) -> None:
        k = self.iri(ids.local_iri(self.graph_iri, f"task-{i}"))
        self.add(self.doc, N_ODRL2.obligation, k)
        # Lean: a task's class (odrl:Duty, odrl:obligation's range), action (chidao:carryOut)
        # and assigner (the document's issuer) go without saying; the full export says them.
        self.add(k, N_DCTERMS.description, _vi(task.text))
        if task.label and task.label != printed_label(task.text):
            # The label the text opens with is text stored twice: the full export says it.
            self.add(k, N_CHIDAO.taskLabel, nt_string(task.label))
        self.span(k, "task", task.span)
        if task.assignee is not None:
            a = task.assignee
            org = self.organisation(a.resolved) if a.resolved else None
            m = self.span(k, "assignee", a.span)
            if org is not None:
                self.add(k, N_ODRL2.assignee, org)
            else:
                self.add(m, N_NIF.anchorOf, nt_string(a.name))
        # Its deadlines, with their spans, are stated with the duties' (rdf/duties.py).

    def signature(self) -> None:
        signer = self.record.signer
        parts = (
            ("name", signer.name, N_CHIDAO.signerName),
            ("position", signer.position, N_CHIDAO.signerPosition),
            ("on_behalf_of", signer.on_behalf_of, N_CHIDAO.onBehalfOf),
        )
        if not any(m for _, m, _ in parts):
            return
        s = self.iri(ids.local_iri(self.graph_iri, "signature"))
        self.add(self.doc, N_CHIDAO.signature, s)
        for name, m, prop in parts:
            if m is None:
                continue
            self.add(s, prop, _vi(m.value))
            if m.span is not None:
                self.span(s, name, m.span)

    def citation(self, c: Citation) -> None:
        """The citation as printed: a complete one links its document, a year-less or
        issuer-less one describes its placeholder and leaves the link to
        :mod:`chidao.graph.rdf.links`."""
        prop = _RELATIONS.get(c.relation, N_ELI.cites)
        relation = str(RELATION_PROPERTIES.get(c.relation, ELI.cites))
        if not c.number:
            # Nothing to link: the span records that the file cites something here.
            m = self.span(self.doc, "citation", c.span)
            self.add(m, N_CHIDAO.relation, prop)
            return
        issuer_key = ids.org_iri(c.issuer).rsplit("/", 1)[1] if c.issuer else None
        year = ids.citation_year(c)
        target = ids.doc_iri(c.number, issuer_key, year)
        iri = self.iri(target)
        if iri == self.doc:
            return  # a document does not cite itself
        m = self.span(iri, "citation", c.span)
        issuer = self.organisation(c.issuer) if c.issuer else None
        complete = issuer_key is not None and year is not None
        self.document(iri, c.number, c.doc_type, c.date, year, issuer, typed=complete)
        if complete:
            self.add(self.doc, prop, iri)
            return
        self.add(m, N_CHIDAO.relation, prop)
        self.citations.append(
            PrintedCitation(
                str(self.graph_iri),
                self.doc[1:-1],
                relation,
                str(target),
                ids.span_iri(self.file_iri, c.span),
                ids.number_lookup_key(c.number),
            )
        )


def printed_label(text: str) -> str | None:
    """The list marker ``text`` opens with, as the extractor reads a task's label.

    >>> printed_label("1. Sở Y tế chủ trì"), printed_label("Điều 2. Ban Tuyên giáo")
    ('1.', 'Điều 2.')
    >>> printed_label("Giao Sở Y tế") is None
    True
    """
    from chidao.extract.regexes import TASK_LABEL  # here: the analyses never need the regexes

    m = TASK_LABEL.match(text)
    return m.group("label") if m else None


def build_record(record: Record) -> Built:
    """What ``record`` says: its file's graph and the registry descriptions it refers to.

    Pure: it reads nothing but the record.  A citation without issuer or year
    is kept as printed (:attr:`Built.citations`); what it points to is derived
    from the store later (:mod:`chidao.graph.rdf.links`).
    """
    b = _Builder(record)
    b.source()
    b.header()
    b.recipients()
    for i, task in enumerate(record.tasks, start=1):
        b.task(i, task)
    b.signature()
    for c in record.citations:
        b.citation(c)
    from chidao.graph.rdf.duties import add_duties  # here: that module imports this one

    built = b.built()
    return add_duties(built, record)


def record_statements(record: Record) -> Statements:
    """The statements of ``record``'s own named graph (:func:`~chidao.graph.rdf.ids.graph_iri`),
    without the registry descriptions (:func:`build_record` gives both)."""
    return build_record(record).statements


def _unescape(m: re.Match[str]) -> str:
    text = m.group()
    return chr(int(text[2:], 16)) if text[1] == "u" else _UNECHAR[text]


@lru_cache(maxsize=1 << 16)
def rdflib_term(term: str) -> Node:
    """An N-Triples term as written here (:func:`nt_iri`, :func:`nt_string`…) as an rdflib term.

    >>> rdflib_term('"Say \\\\"hi\\\\""@vi')
    rdflib.term.Literal('Say "hi"', lang='vi')
    >>> rdflib_term(f'"7"^^{N_XSD.integer}')
    rdflib.term.Literal('7', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if term.startswith("<"):
        return URIRef(_ESCAPED.sub(_unescape, term[1:-1]))
    end = term.rindex('"')  # every quote inside is escaped: the last one closes the string
    text = _ESCAPED.sub(_unescape, term[1:end])
    rest = term[end + 1 :]
    if rest.startswith("@"):
        return Literal(text, lang=rest[1:])
    if rest.startswith("^^<"):
        return Literal(text, datatype=rdflib_term(rest[2:]))
    return Literal(text)


def rdflib_triples(statements: Iterable[Statement]) -> list[Triple]:
    """``statements`` as rdflib triples.

    >>> [(s.n3(), o.n3()) for s, p, o in rdflib_triples([(nt_iri("http://e/a"), _A, '"A"@vi')])]
    [('<http://e/a>', '"A"@vi')]
    """
    if isinstance(statements, Statements):
        statements = statements.triples
    term = rdflib_term
    return [(term(s), term(p), term(o)) for s, p, o in statements]


def record_triples(
    record: Record, known: Mapping[str, Iterable[str]] | None = None
) -> list[Triple]:
    """Everything ``record`` says as rdflib triples: its graph, the registry
    descriptions it refers to and its links graph, as one self-contained graph.

    ``known`` (number key → document IRIs) resolves year-less citations as the
    store would (:func:`chidao.graph.rdf.links.link_statements`); by default
    nothing else is known.
    """
    return rdflib_triples(build_record(record).all_statements(known or {}))


def record_graph(record: Record, known: Mapping[str, Iterable[str]] | None = None) -> Graph:
    """``record``'s named graph as an in-memory :class:`rdflib.Graph` (identifier set)."""
    g = Graph(identifier=ids.graph_iri(record.sha256, record.source))
    for t in record_triples(record, known):
        g.add(t)
    return g
