"""Record → RDF: the triples of one source file's named graph.

:func:`record_triples` turns one :class:`~chidao.extract.records.Record` into
the triples of the named graph :func:`~chidao.graph.ids.graph_iri` names.  The
graph is self-contained: besides the document it holds the file (name, URL,
encoding, SHA-256), the extraction's PROV-O trail, every organisation and unit
it mentions with their labels, each cited document as far as the citation
describes it, and one NIF span per recipient, distribution entry, task,
assignee, signature part, citation and header value.  Replacing the graph
therefore replaces everything this file said and nothing any other file said.

Vocabulary terms come only from :mod:`chidao.ontology.namespaces`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from chidao import __version__
from chidao.extract.records import AdminUnit, Citation, Organisation, Party, Record, Task
from chidao.graph import ids
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


def _vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None  # an impossible date is reported by extraction, not typed here


def _int(n: int) -> Literal:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores every integer type as
    # xsd:integer, and a graph must read back from the store exactly as it was built.
    return Literal(n, datatype=XSD.integer)


class _Builder:
    """Collects the triples of one record's graph, without duplicates, in order."""

    def __init__(self, record: Record, lookup: ids.Lookup | None) -> None:
        self.record = record
        self.lookup = lookup
        self.graph = ids.graph_iri(record.sha256, record.source)
        self.file = ids.file_iri(record.sha256)
        self.doc = ids.record_doc_iri(record)
        self.issuer = ids.org_iri(record.issuer) if record.issuer else None
        self._out: dict[Triple, None] = {}

    def add(self, s: Node, p: Node, o: Node) -> None:
        self._out[(s, p, o)] = None

    def triples(self) -> list[Triple]:
        return list(self._out)

    # --- the file and its provenance ----------------------------------------------------

    def source(self) -> None:
        r, f, g = self.record, self.file, self.graph
        path = Path(ids.source_path(r.source))
        for cls in (NFO.FileDataObject, NIF.Context, PROV.Entity):
            self.add(f, RDF.type, cls)
        self.add(f, NFO.fileName, Literal(path.name))
        self.add(f, NFO.fileUrl, URIRef(path.as_uri()))
        self.add(f, NFO.encoding, Literal(r.encoding))
        digest = URIRef(f"{f}#sha256")
        self.add(f, NFO.hasHash, digest)
        self.add(digest, RDF.type, NFO.FileHash)
        self.add(digest, NFO.hashAlgorithm, Literal("SHA-256"))
        self.add(digest, NFO.hashValue, Literal(r.sha256))
        self.add(f, NIF.beginIndex, _int(0))
        self.add(f, NIF.endIndex, _int(r.length))

        activity = ids.local_iri(g, "extraction")
        agent = ids.agent_iri(__version__)
        self.add(g, RDF.type, PROV.Entity)
        self.add(g, PROV.wasDerivedFrom, f)
        self.add(g, PROV.wasGeneratedBy, activity)
        self.add(activity, RDF.type, PROV.Activity)
        self.add(activity, PROV.used, f)
        self.add(activity, PROV.wasAssociatedWith, agent)
        self.add(agent, RDF.type, PROV.SoftwareAgent)
        self.add(agent, RDFS.label, Literal(f"chidao {__version__}"))

    # --- spans --------------------------------------------------------------------------

    def mention(
        self,
        span: tuple[int, int],
        cls: URIRef,
        anchor: str,
        refers_to: URIRef | None = None,
    ) -> URIRef:
        m = ids.mention_iri(self.record.sha256, span)
        self.add(m, RDF.type, NIF.OffsetBasedString)
        self.add(m, RDF.type, cls)
        self.add(m, NIF.beginIndex, _int(span[0]))
        self.add(m, NIF.endIndex, _int(span[1]))
        self.add(m, NIF.anchorOf, Literal(anchor))
        self.add(m, NIF.referenceContext, self.file)
        if refers_to is not None:
            self.add(m, ITSRDF.taIdentRef, refers_to)
        return m

    # --- organisations and units --------------------------------------------------------

    def organisation(self, org: Organisation) -> URIRef:
        o = ids.org_iri(org)
        self.add(o, RDF.type, ORG.Organization)
        self.add(o, SKOS.prefLabel, _vi(org.name))
        if org.level in LEVELS:
            self.add(o, CHIDAO.level, LEVELS[org.level])
        if org.system in SYSTEMS:
            self.add(o, CHIDAO.system, SYSTEMS[org.system])
        parent = ids.parent_iri(org)
        if parent is not None and parent != o:
            self.add(o, ORG.subOrganizationOf, parent)
            self.add(parent, RDF.type, ORG.Organization)
            self.add(parent, SKOS.prefLabel, _vi(org.parent or ""))
        if org.unit is not None:
            unit = self.unit(org.unit)
            self.add(o, DCTERMS.spatial, unit)
            event = self._ended(org.unit)
            if event is not None and org.level == org.unit.level:
                self.add(o, ORG.changedBy, event)
        return o

    def unit(self, unit: AdminUnit) -> URIRef:
        path = ids.unit_path(unit)
        levels = ["province", "district", "commune"][: len(path)]
        levels[-1] = unit.level if unit.level in LEVELS else levels[-1]
        broader: URIRef | None = None
        iri = broader
        for depth, (name, level) in enumerate(zip(path, levels, strict=True)):
            iri = ids.unit_iri(path[: depth + 1])
            self.add(iri, RDF.type, CHIDAO.AdminUnit)
            self.add(iri, SKOS.prefLabel, _vi(name))
            self.add(iri, CHIDAO.level, LEVELS[level])
            if broader is not None:
                self.add(iri, SKOS.broader, broader)
            broader = iri
        assert iri is not None  # unit_path() is never empty
        if unit.code:
            self.add(iri, SKOS.notation, Literal(unit.code))
        event = self._ended(unit)
        if event is not None:
            self.add(iri, PROV.wasInvalidatedBy, event)
        return iri

    def _ended(self, unit: AdminUnit) -> URIRef | None:
        """The change event that ended ``unit`` (the day after its last valid day)."""
        last = _iso_date(unit.valid_until)
        if last is None:
            return None
        start = last + dt.timedelta(days=1)
        at = Literal(f"{start}T00:00:00+07:00", datatype=XSD.dateTime)  # midnight, Vietnam time
        event = ids.change_event_iri(start.isoformat())
        self.add(event, RDF.type, ORG.ChangeEvent)
        self.add(event, RDF.type, PROV.Activity)
        self.add(event, RDFS.label, Literal(f"Reorganisation of administrative units, {start}"))
        self.add(event, PROV.startedAtTime, at)
        self.add(ids.unit_iri(ids.unit_path(unit)), PROV.invalidatedAtTime, at)
        return event

    # --- documents ----------------------------------------------------------------------

    def document(
        self,
        d: URIRef,
        number: str | None,
        doc_type: str | None,
        date: str | None,
        year: int | None,
        issuer: URIRef | None,
    ) -> None:
        self.add(d, RDF.type, ELI.LegalResource)
        self.add(d, RDF.type, CHIDAO.Directive)
        if number:
            self.add(d, ELI.number, Literal(number))
        if doc_type:
            t = ids.doctype_iri(doc_type)
            self.add(d, ELI.type_document, t)
            self.add(t, RDF.type, SKOS.Concept)
            self.add(t, SKOS.inScheme, CHIDAO.DocumentTypeScheme)
            self.add(t, SKOS.prefLabel, _vi(doc_type))
        day = _iso_date(date)
        if day is not None:
            self.add(d, ELI.date_document, Literal(day.isoformat(), datatype=XSD.date))
            year = day.year
        if year:
            self.add(d, DCTERMS.date, Literal(f"{year:04d}", datatype=XSD.gYear))
        if issuer is not None:
            self.add(d, ELI.passed_by, issuer)

    def header(self) -> None:
        r, d = self.record, self.doc
        self.document(
            d,
            r.number.value if r.number else None,
            r.doc_type.value if r.doc_type else None,
            r.date.value if r.date else None,
            ids.record_year(r),
            self.organisation(r.issuer) if r.issuer else None,
        )
        self.add(d, PROV.hadPrimarySource, self.file)
        if r.subject is not None:
            self.add(d, DCTERMS.title, _vi(r.subject.value))
        if r.place is not None:
            self.add(d, CHIDAO.issuePlace, _vi(r.place.value))
        fields = {
            "number": r.number,
            "doc_type": r.doc_type,
            "date": r.date,
            "place": r.place,
            "subject": r.subject,
        }
        for name, m in fields.items():
            if m is not None and m.span is not None:
                node = self.mention(m.span, CHIDAO.HeaderMention, m.printed or m.value)
                self.add(node, CHIDAO.field, Literal(name))
                self.add(d, CHIDAO.evidence, node)
        if r.issuer is not None and r.issuer.span is not None and self.issuer is not None:
            anchor = r.issuer.printed or r.issuer.name
            node = self.mention(r.issuer.span, CHIDAO.HeaderMention, anchor, self.issuer)
            self.add(node, CHIDAO.field, Literal("issuer"))
            self.add(d, CHIDAO.evidence, node)

    def party(self, party: Party, cls: URIRef) -> tuple[URIRef, URIRef | None]:
        org = self.organisation(party.resolved) if party.resolved else None
        node = self.mention(party.span, cls, party.name, org)
        return node, org

    def recipients(self) -> None:
        for p in self.record.recipients:
            node, org = self.party(p, CHIDAO.RecipientMention)
            self.add(self.doc, CHIDAO.evidence, node)
            if org is not None:
                self.add(self.doc, CHIDAO.addressedTo, org)
        for p in self.record.distribution:
            node, org = self.party(p, CHIDAO.DistributionMention)
            self.add(self.doc, CHIDAO.evidence, node)
            if p.purpose:
                self.add(node, CHIDAO.purpose, _vi(p.purpose))
            if org is not None:
                self.add(self.doc, CHIDAO.distributedTo, org)

    def task(self, i: int, task: Task) -> None:
        k = ids.local_iri(self.graph, f"task-{i}")
        self.add(self.doc, ODRL2.obligation, k)
        self.add(k, RDF.type, ODRL2.Duty)
        self.add(k, ODRL2.action, CHIDAO.carryOut)
        self.add(k, DCTERMS.description, _vi(task.text))
        if task.label:
            self.add(k, CHIDAO.taskLabel, Literal(task.label))
        if self.issuer is not None:
            self.add(k, ODRL2.assigner, self.issuer)
        self.add(k, CHIDAO.evidence, self.mention(task.span, CHIDAO.TaskMention, task.text))
        if task.assignee is not None:
            node, org = self.party(task.assignee, CHIDAO.AssigneeMention)
            self.add(k, CHIDAO.evidence, node)
            if org is not None:
                self.add(k, ODRL2.assignee, org)
        deadline = _iso_date(task.deadline)
        if deadline is not None:
            c = ids.local_iri(self.graph, f"task-{i}-deadline")
            self.add(k, ODRL2.constraint, c)
            self.add(c, RDF.type, ODRL2.Constraint)
            self.add(c, ODRL2.leftOperand, ODRL2.dateTime)
            self.add(c, ODRL2.operator, ODRL2.lteq)
            self.add(c, ODRL2.rightOperand, Literal(deadline.isoformat(), datatype=XSD.date))

    def signature(self) -> None:
        signer = self.record.signer
        parts = (
            ("name", signer.name, CHIDAO.signerName),
            ("position", signer.position, CHIDAO.signerPosition),
            ("on_behalf_of", signer.on_behalf_of, CHIDAO.onBehalfOf),
        )
        if not any(m for _, m, _ in parts):
            return
        s = ids.local_iri(self.graph, "signature")
        self.add(self.doc, CHIDAO.signature, s)
        self.add(s, RDF.type, CHIDAO.Signature)
        for name, m, prop in parts:
            if m is None:
                continue
            self.add(s, prop, _vi(m.value))
            if m.span is not None:
                node = self.mention(m.span, CHIDAO.SignatureMention, m.printed or m.value)
                self.add(node, CHIDAO.field, Literal(name))
                self.add(s, CHIDAO.evidence, node)

    def citation(self, c: Citation) -> None:
        prop = RELATION_PROPERTIES.get(c.relation, ELI.cites)
        target = ids.citation_target(c, self.lookup)
        node = self.mention(c.span, CHIDAO.CitationMention, c.surface)
        self.add(self.doc, CHIDAO.evidence, node)
        self.add(node, CHIDAO.relation, prop)
        if c.trigger is not None:
            self.add(node, CHIDAO.trigger, _vi(c.trigger.printed or c.trigger.value))
        if target is None or target.iri == self.doc:
            return
        self.add(node, ITSRDF.taIdentRef, target.iri)
        self.add(self.doc, prop, target.iri)
        issuer = self.organisation(c.issuer) if c.issuer else None
        self.document(target.iri, c.number, c.doc_type, c.date, ids.citation_year(c), issuer)
        for cand in target.candidates:
            self.add(node, CHIDAO.candidate, cand)
            self.add(cand, RDF.type, ELI.LegalResource)
            self.add(cand, RDF.type, CHIDAO.Directive)
            self.add(cand, ELI.number, Literal(c.number))
        if target.ambiguous:
            self.add(node, CHIDAO.ambiguous, Literal(True))


def record_triples(record: Record, lookup: ids.Lookup | None = None) -> list[Triple]:
    """The triples of ``record``'s named graph (:func:`~chidao.graph.ids.graph_iri`).

    ``lookup`` resolves citations that omit their issuer or year against the
    documents already known (see :func:`~chidao.graph.ids.citation_target`).
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
    return b.triples()


def record_graph(record: Record, lookup: ids.Lookup | None = None) -> Graph:
    """``record``'s named graph as an in-memory :class:`rdflib.Graph` (identifier set)."""
    g = Graph(identifier=ids.graph_iri(record.sha256, record.source))
    for t in record_triples(record, lookup):
        g.add(t)
    return g
