"""The one table of chidao's vocabulary choices: relations, levels, systems, kinds of span.

Everything that maps a name used in Python (a record's relation, an
organisation's level, the kind of a mention) to an RDF term is here, and the
builder, the loaders and the NIF view derive their own tables from it.

>>> RELATIONS["implements"].prop
rdflib.term.URIRef('http://data.europa.eu/eli/ontology#ensures_implementation_of')
>>> sorted(LEVELS) == ["central", "commune", "district", "province"]
True
>>> SPAN_KINDS["number"].prop.endswith("#numberSpan"), SPAN_KINDS["number"].field
(True, 'number')
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from chidao.ontology.namespaces import CHIDAO, DCTERMS, ELI


@dataclass(frozen=True, slots=True)
class Relation:
    """A citation relation: its property and the NetworkX edge key it loads as."""

    name: str
    prop: URIRef
    edge: str


#: Citation relation (``chidao.extract.records.RELATIONS``) → property and edge key.
#: ``repeals`` loads as a ``replaces`` edge: for lineage both end the older document.
RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in (
        Relation("implements", ELI.ensures_implementation_of, "implements"),
        Relation("based_on", ELI.based_on, "based_on"),
        Relation("amends", ELI.amends, "amends"),
        Relation("replaces", DCTERMS.replaces, "replaces"),
        Relation("repeals", ELI.repeals, "replaces"),
        Relation("cites", ELI.cites, "cites"),
    )
}

#: Level of an organisation or unit → concept (``chidao:LevelScheme``).
LEVELS: dict[str, URIRef] = {
    "central": CHIDAO.central,
    "province": CHIDAO.province,
    "district": CHIDAO.district,
    "commune": CHIDAO.commune,
}

#: System of an organisation → concept (``chidao:SystemScheme``).
SYSTEMS: dict[str, URIRef] = {
    "party": CHIDAO.party,
    "state": CHIDAO.state,
    "front": CHIDAO.front,
}


@dataclass(frozen=True, slots=True)
class SpanKind:
    """A kind of mention: the property from what it supports to its span.

    ``holder`` is what the property's subject is: the ``document``, the
    ``named`` thing (an organisation named by a recipient; a cited document),
    the ``task``, the ``signature``, a reporting ``duty`` or a ``deadline``
    (the duty's ``odrl:Constraint``).  ``mention`` and ``field`` are the NIF
    view's class and field (:mod:`chidao.graph.rdf.nif`).
    """

    name: str
    prop: URIRef
    holder: str
    mention: URIRef
    field: str | None = None


def _kind(
    name: str, local: str, holder: str, mention: URIRef, field: str | None = None
) -> SpanKind:
    return SpanKind(name, CHIDAO[local], holder, mention, field)


#: Kind of mention → its span property (each ``rdfs:subPropertyOf chidao:evidence``).
SPAN_KINDS: dict[str, SpanKind] = {
    k.name: k
    for k in (
        _kind("number", "numberSpan", "document", CHIDAO.HeaderMention, "number"),
        _kind("doc_type", "typeSpan", "document", CHIDAO.HeaderMention, "doc_type"),
        _kind("date", "dateSpan", "document", CHIDAO.HeaderMention, "date"),
        _kind("place", "placeSpan", "document", CHIDAO.HeaderMention, "place"),
        _kind("subject", "subjectSpan", "document", CHIDAO.HeaderMention, "subject"),
        _kind("issuer", "issuerSpan", "document", CHIDAO.HeaderMention, "issuer"),
        _kind("recipient", "addresseeSpan", "named", CHIDAO.RecipientMention),
        _kind("distribution", "distributionSpan", "named", CHIDAO.DistributionMention),
        _kind("task", "taskSpan", "task", CHIDAO.TaskMention),
        _kind("assignee", "assigneeSpan", "task", CHIDAO.AssigneeMention),
        _kind("name", "signerNameSpan", "signature", CHIDAO.SignatureMention, "name"),
        _kind("position", "signerPositionSpan", "signature", CHIDAO.SignatureMention, "position"),
        _kind(
            "on_behalf_of", "onBehalfOfSpan", "signature", CHIDAO.SignatureMention, "on_behalf_of"
        ),
        _kind("citation", "citationSpan", "named", CHIDAO.CitationMention),
        # a reporting duty's parts (chidao.graph.rdf.duties) and any duty's deadline
        _kind("report_target", "reportTargetSpan", "duty", CHIDAO.DutyMention, "report_target"),
        _kind("via", "viaSpan", "duty", CHIDAO.DutyMention, "via"),
        _kind("report_subject", "reportSubjectSpan", "duty", CHIDAO.DutyMention, "report_subject"),
        _kind("deadline", "deadlineSpan", "deadline", CHIDAO.DutyMention, "deadline"),
    )
}
