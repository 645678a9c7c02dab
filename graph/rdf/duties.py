"""Duties → RDF: deadlines and reporting duties as ODRL, each with its span.

:func:`duty_statements` turns the :attr:`~chidao.extract.records.Record.duties` of one
record into statements of that record's named graph, in the builder's N-Triples form
(:class:`~chidao.graph.rdf.build.Statements`); :func:`add_duties` appends them to what
:func:`~chidao.graph.rdf.build.record_statements` built.

* A task's deadlines become ``odrl:constraint`` nodes of the task's ``odrl:Duty``
  (``task-N``, the builder's): ``odrl:leftOperand odrl:dateTime``, ``odrl:operator
  odrl:lteq``, ``odrl:rightOperand`` the due date (``xsd:date``) where the text gives it;
  a repeat adds ``chidao:repeat`` (``"P1M"^^xsd:duration``: the repeat ODRL's
  ``odrl:timeInterval`` would carry, kept off ``odrl:constraint`` because the shapes
  want every constraint's right operand to be a date), a relative deadline
  ``chidao:offset`` and ``chidao:anchor`` (``signing``, ``receipt``, ``date``).
* A reporting duty is an ``odrl:Duty`` of its own under the document's
  ``odrl:obligation``: ``odrl:action odrl:inform``, ``odrl:assignee`` (who reports),
  ``odrl:informedParty`` (to whom), ``chidao:via`` (the office it goes through),
  ``chidao:reportOn`` (on what), ``dcterms:isPartOf`` its task, and the same deadline
  constraints.
* Every printed value has a ``chidao:DutyMention`` span (``chidao:field`` ``duty``,
  ``target``, ``via``, ``subject``, ``deadline``) linked by ``chidao:evidence``.

The terms ``chidao:DutyMention``, ``chidao:repeat``, ``chidao:offset``, ``chidao:anchor``,
``chidao:via`` and ``chidao:reportOn`` are minted here (:data:`DUTY`) until the
ontology module lists them.
"""

from __future__ import annotations

import datetime as dt

from rdflib import Namespace

from chidao.extract.records import Deadline, Duty, Organisation, Party, Record
from chidao.graph.rdf import ids
from chidao.graph.rdf.build import Statements, Vocabulary, nt_iri, nt_string
from chidao.ontology.namespaces import (
    BASE,
    CHIDAO,
    DCTERMS,
    ITSRDF,
    NIF,
    ODRL2,
    ORG,
    RDF,
    SKOS,
    XSD,
)

#: The duty terms not (yet) in :class:`chidao.ontology.namespaces.CHIDAO`: same namespace.
DUTY = Namespace(BASE + "ontology#")

_C, _DCT, _ITS, _NIF = Vocabulary(CHIDAO), Vocabulary(DCTERMS), Vocabulary(ITSRDF), Vocabulary(NIF)
_ODRL, _ORG, _SKOS, _XSD = Vocabulary(ODRL2), Vocabulary(ORG), Vocabulary(SKOS), Vocabulary(XSD)
_A = Vocabulary(RDF).type
_DUTY_MENTION = nt_iri(str(DUTY.DutyMention))
_REPEAT, _OFFSET, _ANCHOR = (nt_iri(str(DUTY[t])) for t in ("repeat", "offset", "anchor"))
_VIA, _REPORT_ON = nt_iri(str(DUTY.via)), nt_iri(str(DUTY.reportOn))
_LEVELS = {k: nt_iri(str(CHIDAO[k])) for k in ("central", "province", "district", "commune")}
_SYSTEMS = {k: nt_iri(str(CHIDAO[k])) for k in ("party", "state", "front")}


class _Out:
    """Statements and the IRIs they hold, each once, in order."""

    def __init__(self) -> None:
        self.triples: dict[tuple[str, str, str], None] = {}
        self.iris: dict[str, None] = {}

    def iri(self, value: str) -> str:
        value = str(value)
        self.iris[value] = None
        return nt_iri(value)

    def add(self, s: str, p: str, o: str) -> None:
        self.triples[(s, p, o)] = None

    def statements(self) -> Statements:
        return Statements(tuple(self.triples), tuple(self.iris))


def _vi(text: str) -> str:
    return nt_string(text) + "@vi"


def _int(n: int) -> str:
    return f'"{n}"^^{_XSD.integer}'


def _date(value: str | None) -> str | None:
    try:
        return f'"{dt.date.fromisoformat(value).isoformat()}"^^{_XSD.date}' if value else None
    except ValueError:
        return None


def _duration(value: str) -> str:
    return f'"{value}"^^{_XSD.duration}'


def duty_statements(record: Record) -> Statements:
    """The statements of ``record``'s duties, for its named graph.

    >>> from chidao.extract.records import Deadline, Duty, Mention, Party, Task
    >>> task = Task("1. Các xã báo cáo UBND huyện hằng quý.", (0, 38), Party("Các xã", (3, 9)))
    >>> report = Duty("report", "Các xã báo cáo UBND huyện hằng quý", (3, 37), task=1,
    ...               target=Party("UBND huyện", (18, 28)),
    ...               deadlines=(Deadline("periodic", "hằng quý", (29, 37), "2021-06-30", "P3M"),))
    >>> r = Record("a.txt", "0" * 64, "utf-8", 38, tasks=(task,),
    ...            duties=(Duty("task", task.text, task.span, task=1), report))
    >>> nt = duty_statements(r).ntriples()
    >>> "<http://www.w3.org/ns/odrl/2/inform>" in nt, '"P3M"^^' in nt, '"2021-06-30"^^' in nt
    (True, True, True)
    """
    out = _Out()
    graph = ids.graph_iri(record.sha256, record.source)
    file = out.iri(ids.file_iri(record.sha256))
    doc = out.iri(ids.record_doc_iri(record))
    issuer = _organisation(out, record.issuer) if record.issuer else None
    tasks = {n: out.iri(ids.local_iri(graph, f"task-{n}")) for n in range(1, len(record.tasks) + 1)}
    for i, duty in enumerate(record.duties, start=1):
        if duty.kind == "task" and duty.task in tasks:
            node = tasks[duty.task]
            builder_deadline = record.tasks[duty.task - 1].deadline
            # The builder already states the task's first date (task-N-deadline).
            deadlines = [
                d for d in duty.deadlines if not (d.kind == "date" and d.date == builder_deadline)
            ]
        elif duty.kind == "report":
            node = out.iri(ids.local_iri(graph, f"duty-{i}"))
            _report(out, node, doc, file, duty, issuer, tasks.get(duty.task or 0))
            deadlines = list(duty.deadlines)
        else:
            continue
        for k, deadline in enumerate(deadlines, start=1):
            c = out.iri(ids.local_iri(graph, f"duty-{i}-deadline-{k}"))
            _constraint(out, node, c, deadline, file)
    return out.statements()


def add_duties(statements: Statements, record: Record) -> Statements:
    """``statements`` (the builder's, of ``record``) with the duties' statements after them."""
    extra = duty_statements(record)
    if not extra.triples:
        return statements
    seen = set(statements.triples)
    triples = statements.triples + tuple(t for t in extra.triples if t not in seen)
    known = set(statements.iris)
    return Statements(triples, statements.iris + tuple(i for i in extra.iris if i not in known))


def _mention(
    out: _Out, file: str, span: tuple[int, int], anchor: str, field: str, ref: str | None = None
) -> str:
    m = out.iri(ids.span_iri(file[1:-1], span))
    out.add(m, _A, _NIF.OffsetBasedString)
    out.add(m, _A, _DUTY_MENTION)
    out.add(m, _NIF.beginIndex, _int(span[0]))
    out.add(m, _NIF.endIndex, _int(span[1]))
    out.add(m, _NIF.anchorOf, nt_string(anchor))
    out.add(m, _NIF.referenceContext, file)
    out.add(m, _C.field, nt_string(field))
    if ref is not None:
        out.add(m, _ITS.taIdentRef, ref)
    return m


def _organisation(out: _Out, org: Organisation) -> str:
    """An organisation as the builder describes it (type, label, level, system, parent)."""
    o = out.iri(ids.org_iri(org))
    out.add(o, _A, _ORG.Organization)
    out.add(o, _SKOS.prefLabel, _vi(org.name))
    if org.level in _LEVELS:
        out.add(o, _C.level, _LEVELS[org.level])
    if org.system in _SYSTEMS:
        out.add(o, _C.system, _SYSTEMS[org.system])
    parent = ids.parent_iri(org)
    if parent is not None and parent != ids.org_iri(org):
        p = out.iri(parent)
        out.add(o, _ORG.subOrganizationOf, p)
        out.add(p, _A, _ORG.Organization)
        out.add(p, _SKOS.prefLabel, _vi(org.parent or ""))
    return o


def _party(out: _Out, party: Party | None) -> str | None:
    return _organisation(out, party.resolved) if party and party.resolved else None


def _report(
    out: _Out,
    node: str,
    doc: str,
    file: str,
    duty: Duty,
    issuer: str | None,
    task: str | None,
) -> None:
    out.add(doc, _ODRL.obligation, node)
    out.add(node, _A, _ODRL.Duty)
    out.add(node, _ODRL.action, _ODRL.inform)
    out.add(node, _DCT.description, _vi(duty.text))
    out.add(node, _C.evidence, _mention(out, file, duty.span, duty.text, "duty"))
    if issuer is not None:
        out.add(node, _ODRL.assigner, issuer)
    if task is not None:
        out.add(node, _DCT.isPartOf, task)
    assignee = _party(out, duty.assignee)
    if assignee is not None:
        out.add(node, _ODRL.assignee, assignee)
    for field, party, prop in (
        ("target", duty.target, _ODRL.informedParty),
        ("via", duty.via, _VIA),
    ):
        if party is None:
            continue
        org = _party(out, party)
        out.add(node, _C.evidence, _mention(out, file, party.span, party.name, field, org))
        if org is not None:
            out.add(node, prop, org)
    if duty.subject is not None and duty.subject.span is not None:
        out.add(node, _REPORT_ON, _vi(duty.subject.value))
        m = _mention(out, file, duty.subject.span, duty.subject.value, "subject")
        out.add(node, _C.evidence, m)


def _constraint(out: _Out, duty: str, c: str, deadline: Deadline, file: str) -> None:
    out.add(duty, _ODRL.constraint, c)
    out.add(c, _A, _ODRL.Constraint)
    out.add(c, _ODRL.leftOperand, _ODRL.dateTime)
    out.add(c, _ODRL.operator, _ODRL.lteq)
    due = _date(deadline.date)
    if due is not None:
        out.add(c, _ODRL.rightOperand, due)
    if deadline.period:
        out.add(c, _REPEAT, _duration(deadline.period))
    if deadline.offset:
        out.add(c, _OFFSET, _duration(deadline.offset))
    if deadline.anchor:
        out.add(c, _ANCHOR, nt_string(deadline.anchor))
    out.add(c, _C.evidence, _mention(out, file, deadline.span, deadline.text, "deadline"))
