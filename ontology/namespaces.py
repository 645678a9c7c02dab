"""Namespace objects for every vocabulary term chidao writes or reads.

Terms are reached only through these objects.  rdflib's own namespaces are
used where rdflib ships them (``DCTERMS``, ``ORG``, ``PROV``, ``ODRL2``,
``SKOS``, ``XSD``); the others are :class:`rdflib.namespace.DefinedNamespace`
classes listing exactly the terms chidao uses, so a misspelt term raises
``AttributeError`` instead of minting a new IRI silently.

>>> ELI.number
rdflib.term.URIRef('http://data.europa.eu/eli/ontology#number')
>>> CHIDAO.Directive
rdflib.term.URIRef('https://w3id.org/chidao/ontology#Directive')
>>> ELI.nmber
Traceback (most recent call last):
...
AttributeError: term 'nmber' not in namespace 'http://data.europa.eu/eli/ontology#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    ODRL2,
    ORG,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
)

#: Base of every IRI chidao mints (documents, organisations, units, graphs).
BASE = "https://w3id.org/chidao/"


class ELI(DefinedNamespace):
    """European Legislation Identifier ontology (the terms chidao uses)."""

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True

    LegalResource: URIRef
    number: URIRef
    date_document: URIRef
    passed_by: URIRef
    type_document: URIRef
    based_on: URIRef
    cites: URIRef
    amends: URIRef
    repeals: URIRef
    ensures_implementation_of: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format 2.0 core: character spans of mentions."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    OffsetBasedString: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    isString: URIRef
    referenceContext: URIRef


class ITSRDF(DefinedNamespace):
    """ITS 2.0 RDF: the entity a NIF string refers to (``taIdentRef``)."""

    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")
    _fail = True

    taIdentRef: URIRef


class NFO(DefinedNamespace):
    """NEPOMUK File Ontology: a source file's name, location, encoding and hash."""

    _NS = Namespace("http://www.semanticdesktop.org/ontologies/2007/03/22/nfo#")
    _fail = True

    FileDataObject: URIRef
    FileHash: URIRef
    fileName: URIRef
    fileUrl: URIRef
    encoding: URIRef
    hasHash: URIRef
    hashAlgorithm: URIRef
    hashValue: URIRef


class SCHEMA(DefinedNamespace):
    """schema.org terms the ontology aligns local terms with (``recipient``)."""

    _NS = Namespace("https://schema.org/")
    _fail = True

    recipient: URIRef


class CHIDAO(DefinedNamespace):
    """chidao's own terms, minted only where no reused vocabulary fits.

    ``ontology/chidao.ttl`` defines each and says why it is local.
    """

    _NS = Namespace("https://w3id.org/chidao/ontology#")
    _fail = True

    # classes
    Directive: URIRef
    Signature: URIRef
    Mention: URIRef
    RecipientMention: URIRef
    DistributionMention: URIRef
    AssigneeMention: URIRef
    TaskMention: URIRef
    SignatureMention: URIRef
    CitationMention: URIRef
    HeaderMention: URIRef
    DutyMention: URIRef
    AdminUnit: URIRef
    Level: URIRef
    System: URIRef
    CitedOnlyDocument: URIRef
    CitedOnlyGraph: URIRef
    # properties
    addressedTo: URIRef
    distributedTo: URIRef
    level: URIRef
    system: URIRef
    issuePlace: URIRef
    numberKey: URIRef
    evidence: URIRef
    purpose: URIRef
    taskLabel: URIRef
    signature: URIRef
    signerName: URIRef
    signerPosition: URIRef
    onBehalfOf: URIRef
    relation: URIRef
    trigger: URIRef
    candidate: URIRef
    ambiguous: URIRef
    field: URIRef
    carryOut: URIRef
    # duties (chidao.graph.rdf.duties): a deadline's repeat and relative form, a report's office
    repeat: URIRef
    offset: URIRef
    anchor: URIRef
    via: URIRef
    # what the text as read is, when it is not the file as such (OCR, a converter, a web page)
    readingMethod: URIRef
    readingEngine: URIRef
    pageNumber: URIRef
    ocrConfidence: URIRef
    # header values not read from the document's own text
    pageField: URIRef
    inferredField: URIRef
    # spans: one property per kind of mention, from what the span supports to the span
    numberSpan: URIRef
    typeSpan: URIRef
    dateSpan: URIRef
    placeSpan: URIRef
    subjectSpan: URIRef
    issuerSpan: URIRef
    addresseeSpan: URIRef
    distributionSpan: URIRef
    taskSpan: URIRef
    assigneeSpan: URIRef
    signerNameSpan: URIRef
    signerPositionSpan: URIRef
    onBehalfOfSpan: URIRef
    citationSpan: URIRef
    reportTargetSpan: URIRef
    viaSpan: URIRef
    reportSubjectSpan: URIRef
    deadlineSpan: URIRef
    linkPending: URIRef
    linkGraph: URIRef
    linkDocument: URIRef
    linkStanding: URIRef
    citedIssuer: URIRef
    # individuals: levels and systems
    central: URIRef
    province: URIRef
    district: URIRef
    commune: URIRef
    party: URIRef
    state: URIRef
    front: URIRef
    LevelScheme: URIRef
    SystemScheme: URIRef
    DocumentTypeScheme: URIRef


__all__ = [
    "BASE",
    "CHIDAO",
    "DCTERMS",
    "ELI",
    "ITSRDF",
    "NFO",
    "NIF",
    "ODRL2",
    "ORG",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "XSD",
]
