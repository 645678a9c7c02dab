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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DefinedNamespace
from rdflib.term import Literal, Node, URIRef

from chidao import __version__
from chidao.extract.records import AdminUnit, Citation, Organisation, Party, Record, Task
from chidao.graph.rdf import ids
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

Triple = tuple[Node, Node, Node]

#: One statement: subject, predicate and object, each an RDF term in N-Triples syntax.
Statement = tuple[str, str, str]

#: Organisations, units and document types whose statements are remembered.
DESCRIPTION_CACHE = 1 << 14


# --- N-Triples terms -------------------------------------------------------------------------

# Characters no IRI may hold, written as \u escapes: a parser decodes them and then refuses
# the IRI, so a bad IRI fails the load and can never end the term early.
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')  # e.g. the space and ">" of "http://x> <y"
# What a string literal may not hold raw (N-Triples ECHAR), and the usual controls.
_STRING_BAD = re.compile(r'[\\"\n\r\t\b\f]')  # e.g. the quotes of 'Say "hi"'
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_UNECHAR = {v: k for k, v in _ECHAR.items()}
_ESCAPED = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|.)")  # e.g. \" or \u003E, read back


def _uchar(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04X}"


def nt_iri(iri: str) -> str:
    """``iri`` as an N-Triples term.

    >>> nt_iri("https://w3id.org/chidao/doc/chinh-phu/2021/30-nq-cp")
    '<https://w3id.org/chidao/doc/chinh-phu/2021/30-nq-cp>'
    >>> print(nt_iri("http://x> <http://y"))  # refused by any parser, never two terms
    <http://x\\u003E\\u0020\\u003Chttp://y>
    """
    if _IRI_BAD.search(iri) is None:
        return f"<{iri}>"
    return "<" + _IRI_BAD.sub(_uchar, iri) + ">"


def nt_string(text: str) -> str:
    """``text`` as a plain (``xsd:string``) literal.

    >>> print(nt_string('Say "hi"\\n'))
    "Say \\"hi\\"\\n"
    """
    if _STRING_BAD.search(text) is None:
        return f'"{text}"'
    return '"' + _STRING_BAD.sub(lambda m: _ECHAR[m.group()], text) + '"'


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

#: Citation relation (:data:`chidao.extract.records.RELATIONS`) → property.
RELATION_PROPERTIES: dict[str, URIRef] = {
    "implements": ELI.ensures_implementation_of,
    "based_on": ELI.based_on,
    "amends": ELI.amends,
    "replaces": DCTERMS.replaces,
    "repeals": ELI.repeals,
    "cites": ELI.cites,
}

LEVELS: dict[str, URIRef] = {
    "central": CHIDAO.central,
    "province": CHIDAO.province,
    "district": CHIDAO.district,
    "commune": CHIDAO.commune,
}
SYSTEMS: dict[str, URIRef] = {
    "party": CHIDAO.party,
    "state": CHIDAO.state,
    "front": CHIDAO.front,
}
_RELATIONS = {k: nt_iri(v) for k, v in RELATION_PROPERTIES.items()}
_LEVELS = {k: nt_iri(v) for k, v in LEVELS.items()}
_SYSTEMS = {k: nt_iri(v) for k, v in SYSTEMS.items()}


def _vi(text: str) -> str:
    return nt_string(text) + "@vi"


def _int(n: int) -> str:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores every integer type as
    # xsd:integer, and a graph must read back from the store exactly as it was built.
    return f'"{n}"^^{N_XSD.integer}'


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

    def ntriples(self) -> str:
        """The statements as an N-Triples document."""
        return "".join(f"{s} {p} {o} .\n" for s, p, o in self.triples)


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


@dataclass(frozen=True, slots=True, eq=False)
class _Part:
    """Statements that depend on a name only (an organisation, a unit): built once, cached."""

    term: str
    out: dict[Statement, None]
    iris: dict[str, str]
    event: str | None = None  # a unit's ending change event


def _part(term: str, c: _Collector, event: str | None = None) -> _Part:
    return _Part(term, c.out, c.iris, event)


@lru_cache(maxsize=DESCRIPTION_CACHE)
def _unit(unit: AdminUnit) -> _Part:
    """A unit, the units above it and the change event that ended it."""
    c = _Collector()
    path = ids.unit_path(unit)
    levels = ["province", "district", "commune"][: len(path)]
    levels[-1] = unit.level if unit.level in LEVELS else levels[-1]
    broader: str | None = None
    for depth, (name, level) in enumerate(zip(path, levels, strict=True)):
        iri = c.iri(ids.unit_iri(path[: depth + 1]))
        c.add(iri, _A, N_CHIDAO.AdminUnit)
        c.add(iri, N_SKOS.prefLabel, _vi(name))
        c.add(iri, N_CHIDAO.level, _LEVELS[level])
        if broader is not None:
            c.add(iri, N_SKOS.broader, broader)
        broader = iri
    assert broader is not None  # unit_path() is never empty
    if unit.code:
        c.add(broader, N_SKOS.notation, nt_string(unit.code))
    event = _ended(c, unit, broader)
    if event is not None:
        c.add(broader, N_PROV.wasInvalidatedBy, event)
    return _part(broader, c, event)


def _ended(c: _Collector, unit: AdminUnit, unit_term: str) -> str | None:
    """The change event that ended ``unit`` (the day after its last valid day)."""
    last = _iso_date(unit.valid_until)
    if last is None:
        return None
    start = last + dt.timedelta(days=1)
    at = f'"{start}T00:00:00+07:00"^^{N_XSD.dateTime}'  # midnight, Vietnam time
    event = c.iri(ids.change_event_iri(start.isoformat()))
    c.add(event, _A, N_ORG.ChangeEvent)
    c.add(event, _A, N_PROV.Activity)
    c.add(event, N_RDFS.label, nt_string(f"Reorganisation of administrative units, {start}"))
    c.add(event, N_PROV.startedAtTime, at)
    c.add(unit_term, N_PROV.invalidatedAtTime, at)
    return event


@lru_cache(maxsize=DESCRIPTION_CACHE)
def _organisation(org: Organisation) -> _Part:
    """An organisation (given without its mention's span), its parent and its unit."""
    c = _Collector()
    o = c.iri(ids.org_iri(org))
    c.add(o, _A, N_ORG.Organization)
    c.add(o, N_SKOS.prefLabel, _vi(org.name))
    if org.level in _LEVELS:
        c.add(o, N_CHIDAO.level, _LEVELS[org.level])
    if org.system in _SYSTEMS:
        c.add(o, N_CHIDAO.system, _SYSTEMS[org.system])
    parent = ids.parent_iri(org)
    if parent is not None and parent != ids.org_iri(org):
        p = c.iri(parent)
        c.add(o, N_ORG.subOrganizationOf, p)
        c.add(p, _A, N_ORG.Organization)
        c.add(p, N_SKOS.prefLabel, _vi(org.parent or ""))
    if org.unit is not None:
        unit = _unit(org.unit)
        c.out.update(unit.out)
        c.iris.update(unit.iris)
        c.add(o, N_DCTERMS.spatial, unit.term)
        if unit.event is not None and org.level == org.unit.level:
            c.add(o, N_ORG.changedBy, unit.event)
    return _part(o, c)


@lru_cache(maxsize=DESCRIPTION_CACHE)
def _doctype(doc_type: str) -> _Part:
    c = _Collector()
    t = c.iri(ids.doctype_iri(doc_type))
    c.add(t, _A, N_SKOS.Concept)
    c.add(t, N_SKOS.inScheme, N_CHIDAO.DocumentTypeScheme)
    c.add(t, N_SKOS.prefLabel, _vi(doc_type))
    return _part(t, c)


@lru_cache(maxsize=4)
def _agent(version: str) -> _Part:
    c = _Collector()
    agent = c.iri(ids.agent_iri(version))
    c.add(agent, _A, N_PROV.SoftwareAgent)
    c.add(agent, N_RDFS.label, nt_string(f"chidao {version}"))
    return _part(agent, c)


class _Builder(_Collector):
    """Collects the statements of one record's graph."""

    __slots__ = (
        "doc",
        "file",
        "file_iri",
        "graph",
        "graph_iri",
        "issuer",
        "lookup",
        "parts",
        "record",
    )

    def __init__(self, record: Record, lookup: ids.Lookup | None) -> None:
        super().__init__()
        self.record = record
        self.lookup = lookup
        # The cached parts already included (held, not just their ids: an entry the cache
        # drops meanwhile must not leave its id to a new part).
        self.parts: set[_Part] = set()
        self.graph_iri = ids.graph_iri(record.sha256, record.source)
        self.graph = self.iri(self.graph_iri)
        self.file_iri = str(ids.file_iri(record.sha256))
        self.file = self.iri(self.file_iri)
        self.doc = self.iri(ids.record_doc_iri(record))
        self.issuer = self.organisation(record.issuer) if record.issuer else None

    def include(self, part: _Part) -> str:
        if part not in self.parts:  # by identity
            self.parts.add(part)
            self.out.update(part.out)
            self.iris.update(part.iris)
        return part.term

    def statements(self) -> Statements:
        return Statements(tuple(self.out), tuple(self.iris))

    # --- the file and its provenance ----------------------------------------------------

    def source(self) -> None:
        r, f, g = self.record, self.file, self.graph
        path = Path(ids.source_path(r.source))
        for cls in (N_NFO.FileDataObject, N_NIF.Context, N_PROV.Entity):
            self.add(f, _A, cls)
        self.add(f, N_NFO.fileName, nt_string(path.name))
        self.add(f, N_NFO.fileUrl, self.iri(path.as_uri()))
        self.add(f, N_NFO.encoding, nt_string(r.encoding))
        digest = self.iri(f"{self.file_iri}#sha256")
        self.add(f, N_NFO.hasHash, digest)
        self.add(digest, _A, N_NFO.FileHash)
        self.add(digest, N_NFO.hashAlgorithm, nt_string("SHA-256"))
        self.add(digest, N_NFO.hashValue, nt_string(r.sha256))
        self.add(f, N_NIF.beginIndex, _int(0))
        self.add(f, N_NIF.endIndex, _int(r.length))

        activity = self.iri(ids.local_iri(self.graph_iri, "extraction"))
        agent = self.include(_agent(__version__))
        self.add(g, _A, N_PROV.Entity)
        self.add(g, N_PROV.wasDerivedFrom, f)
        self.add(g, N_PROV.wasGeneratedBy, activity)
        self.add(activity, _A, N_PROV.Activity)
        self.add(activity, N_PROV.used, f)
        self.add(activity, N_PROV.wasAssociatedWith, agent)

    # --- spans --------------------------------------------------------------------------

    def mention(
        self, span: tuple[int, int], cls: str, anchor: str, refers_to: str | None = None
    ) -> str:
        m = self.iri(ids.span_iri(self.file_iri, span))
        self.add(m, _A, N_NIF.OffsetBasedString)
        self.add(m, _A, cls)
        self.add(m, N_NIF.beginIndex, _int(span[0]))
        self.add(m, N_NIF.endIndex, _int(span[1]))
        self.add(m, N_NIF.anchorOf, nt_string(anchor))
        self.add(m, N_NIF.referenceContext, self.file)
        if refers_to is not None:
            self.add(m, N_ITSRDF.taIdentRef, refers_to)
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
        self.add(d, N_CHIDAO.numberKey, nt_string(ids.number_key(number)))

    def document(
        self,
        d: str,
        number: str | None,
        doc_type: str | None,
        date: str | None,
        year: int | None,
        issuer: str | None,
    ) -> None:
        self.add(d, _A, N_ELI.LegalResource)
        self.add(d, _A, N_CHIDAO.Directive)
        if number:
            self.numbered(d, number)
        if doc_type:
            self.add(d, N_ELI.type_document, self.include(_doctype(doc_type)))
        day = _iso_date(date)
        if day is not None:
            self.add(d, N_ELI.date_document, _date(day))
            year = day.year
        if year:
            self.add(d, N_DCTERMS.date, f'"{year:04d}"^^{N_XSD.gYear}')
        if issuer is not None:
            self.add(d, N_ELI.passed_by, issuer)

    def header(self) -> None:
        r, d = self.record, self.doc
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
                node = self.mention(m.span, N_CHIDAO.HeaderMention, m.printed or m.value)
                self.add(node, N_CHIDAO.field, nt_string(name))
                self.add(d, N_CHIDAO.evidence, node)
        if r.issuer is not None and r.issuer.span is not None and self.issuer is not None:
            anchor = r.issuer.printed or r.issuer.name
            node = self.mention(r.issuer.span, N_CHIDAO.HeaderMention, anchor, self.issuer)
            self.add(node, N_CHIDAO.field, nt_string("issuer"))
            self.add(d, N_CHIDAO.evidence, node)

    def party(self, party: Party, cls: str) -> tuple[str, str | None]:
        org = self.organisation(party.resolved) if party.resolved else None
        node = self.mention(party.span, cls, party.name, org)
        return node, org

    def recipients(self) -> None:
        for p in self.record.recipients:
            node, org = self.party(p, N_CHIDAO.RecipientMention)
            self.add(self.doc, N_CHIDAO.evidence, node)
            if org is not None:
                self.add(self.doc, N_CHIDAO.addressedTo, org)
        for p in self.record.distribution:
            node, org = self.party(p, N_CHIDAO.DistributionMention)
            self.add(self.doc, N_CHIDAO.evidence, node)
            if p.purpose:
                self.add(node, N_CHIDAO.purpose, _vi(p.purpose))
            if org is not None:
                self.add(self.doc, N_CHIDAO.distributedTo, org)

    def task(self, i: int, task: Task) -> None:
        k = self.iri(ids.local_iri(self.graph_iri, f"task-{i}"))
        self.add(self.doc, N_ODRL2.obligation, k)
        self.add(k, _A, N_ODRL2.Duty)
        self.add(k, N_ODRL2.action, N_CHIDAO.carryOut)
        self.add(k, N_DCTERMS.description, _vi(task.text))
        if task.label:
            self.add(k, N_CHIDAO.taskLabel, nt_string(task.label))
        if self.issuer is not None:
            self.add(k, N_ODRL2.assigner, self.issuer)
        self.add(k, N_CHIDAO.evidence, self.mention(task.span, N_CHIDAO.TaskMention, task.text))
        if task.assignee is not None:
            node, org = self.party(task.assignee, N_CHIDAO.AssigneeMention)
            self.add(k, N_CHIDAO.evidence, node)
            if org is not None:
                self.add(k, N_ODRL2.assignee, org)
        deadline = _iso_date(task.deadline)
        if deadline is not None:
            c = self.iri(ids.local_iri(self.graph_iri, f"task-{i}-deadline"))
            self.add(k, N_ODRL2.constraint, c)
            self.add(c, _A, N_ODRL2.Constraint)
            self.add(c, N_ODRL2.leftOperand, N_ODRL2.dateTime)
            self.add(c, N_ODRL2.operator, N_ODRL2.lteq)
            self.add(c, N_ODRL2.rightOperand, _date(deadline))

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
        self.add(s, _A, N_CHIDAO.Signature)
        for name, m, prop in parts:
            if m is None:
                continue
            self.add(s, prop, _vi(m.value))
            if m.span is not None:
                node = self.mention(m.span, N_CHIDAO.SignatureMention, m.printed or m.value)
                self.add(node, N_CHIDAO.field, nt_string(name))
                self.add(s, N_CHIDAO.evidence, node)

    def citation(self, c: Citation) -> None:
        prop = _RELATIONS.get(c.relation, N_ELI.cites)
        target = ids.citation_target(c, self.lookup)
        node = self.mention(c.span, N_CHIDAO.CitationMention, c.surface)
        self.add(self.doc, N_CHIDAO.evidence, node)
        self.add(node, N_CHIDAO.relation, prop)
        if c.trigger is not None:
            self.add(node, N_CHIDAO.trigger, _vi(c.trigger.printed or c.trigger.value))
        if target is None:
            return
        iri = self.iri(target.iri)
        if iri == self.doc:
            return
        self.add(node, N_ITSRDF.taIdentRef, iri)
        self.add(self.doc, prop, iri)
        issuer = self.organisation(c.issuer) if c.issuer else None
        self.document(iri, c.number, c.doc_type, c.date, ids.citation_year(c), issuer)
        for candidate in target.candidates:
            cand = self.iri(candidate)
            self.add(node, N_CHIDAO.candidate, cand)
            self.add(cand, _A, N_ELI.LegalResource)
            self.add(cand, _A, N_CHIDAO.Directive)
            self.numbered(cand, c.number or "")
        if target.ambiguous:
            self.add(node, N_CHIDAO.ambiguous, f'"true"^^{N_XSD.boolean}')


def record_statements(record: Record, lookup: ids.Lookup | None = None) -> Statements:
    """The statements of ``record``'s named graph (:func:`~chidao.graph.rdf.ids.graph_iri`).

    ``lookup`` resolves citations that omit their issuer or year against the
    documents already known (see :func:`~chidao.graph.rdf.ids.citation_target`).
    """
    b = _Builder(record, lookup)
    b.source()
    b.header()
    b.recipients()
    for i, task in enumerate(record.tasks, start=1):
        b.task(i, task)
    b.signature()
    for c in record.citations:
        b.citation(c)
    from chidao.graph.rdf.duties import add_duties  # here: that module imports this one

    return add_duties(b.statements(), record)


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


def record_triples(record: Record, lookup: ids.Lookup | None = None) -> list[Triple]:
    """:func:`record_statements` as rdflib triples."""
    return rdflib_triples(record_statements(record, lookup))


def record_graph(record: Record, lookup: ids.Lookup | None = None) -> Graph:
    """``record``'s named graph as an in-memory :class:`rdflib.Graph` (identifier set)."""
    g = Graph(identifier=ids.graph_iri(record.sha256, record.source))
    for t in record_triples(record, lookup):
        g.add(t)
    return g
