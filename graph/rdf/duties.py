"""Duties → RDF: deadlines and reporting duties as ODRL, each with its span.

:func:`add_duties` adds the :attr:`~chidao.extract.records.Record.duties` of one record
to what :func:`~chidao.graph.rdf.build.build_record` built: :func:`duty_statements` to
the file's graph, in the builder's N-Triples form, and the registry descriptions of the
bodies the duties name (a report's addressee, the office it goes through).

* A task's deadlines become ``odrl:constraint`` nodes of the task's ``odrl:Duty``
  (``task-N``, the builder's), one node per deadline span (``deadline-B-E``, shared by
  a task and the report it asks for when the same words set both): ``odrl:rightOperand``
  the due date (``xsd:date``) where the text gives it; a repeat adds ``chidao:repeat``
  (``"P1M"^^xsd:duration``: the repeat ODRL's ``odrl:timeInterval`` would carry, kept
  off ``odrl:constraint`` because the shapes want every constraint's right operand to be
  a date), a relative deadline ``chidao:offset`` and ``chidao:anchor`` (``signing``,
  ``receipt``, ``date``). A due date the task gives that no deadline span carries is
  stated span-less (``task-N-deadline``). ``odrl:leftOperand odrl:dateTime`` and
  ``odrl:operator odrl:lteq``, the same on every deadline, are left to the full export
  (:mod:`chidao.graph.rdf.implied`).
* A reporting duty is an ``odrl:Duty`` of its own under the document's
  ``odrl:obligation``: ``odrl:action odrl:inform``, ``odrl:assignee`` (who reports),
  ``odrl:informedParty`` (to whom), ``chidao:via`` (the office it goes through),
  ``dcterms:isPartOf`` its task, and the same deadline constraints. What it is on
  ("kết quả thực hiện") is a span of its clause, whose text the duty's
  ``dcterms:description`` already holds: only the span is stored.
* Spans follow the builder's lean model, one statement from what the span supports to
  the span's IRI (``<file/SHA#char=b,e>``): the reporting duty's clause by
  ``chidao:taskSpan`` (as a task's), its addressee, office and subject by
  ``chidao:reportTargetSpan``, ``chidao:viaSpan``, ``chidao:reportSubjectSpan``, a
  deadline by ``chidao:deadlineSpan`` from its constraint; a name that did not resolve
  keeps its printed text (``nif:anchorOf``), as the builder does for a party.

The terms are the ontology's (``ontology/chidao.ttl``); the four span kinds are in
:data:`~chidao.ontology.vocabulary.SPAN_KINDS`, so the NIF view spells them out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from chidao.extract.records import Deadline, Duty, Organisation, Party, Record
from chidao.graph.rdf import build, ids
from chidao.graph.rdf.build import Built, Statements, Vocabulary, nt_iri, nt_string
from chidao.ontology.namespaces import CHIDAO, DCTERMS, NIF, ODRL2, RDF, XSD
from chidao.ontology.vocabulary import SPAN_KINDS

_DCT, _NIF, _ODRL, _XSD = Vocabulary(DCTERMS), Vocabulary(NIF), Vocabulary(ODRL2), Vocabulary(XSD)
_CHIDAO = Vocabulary(CHIDAO)
_A = Vocabulary(RDF).type
_TASK_SPAN = nt_iri(str(SPAN_KINDS["task"].prop))
_REPEAT, _OFFSET, _ANCHOR = _CHIDAO.repeat, _CHIDAO.offset, _CHIDAO.anchor
_VIA = _CHIDAO.via
_SPAN = {
    k: nt_iri(str(SPAN_KINDS[k].prop))
    for k in ("report_target", "via", "report_subject", "deadline")
}


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


def _date(value: str | None) -> str | None:
    try:
        return f'"{dt.date.fromisoformat(value).isoformat()}"^^{_XSD.date}' if value else None
    except ValueError:
        return None


def _duration(value: str) -> str:
    return f'"{value}"^^{_XSD.duration}'


def _bare(org: Organisation) -> Organisation:
    """The body without its mention (its description does not depend on it)."""
    return Organisation(org.name, org.parent, org.level, org.system, org.unit)


def duty_statements(record: Record) -> Statements:
    """The statements of ``record``'s duties, for its file's graph.

    >>> from chidao.extract.records import Deadline, Duty, Mention, Party, Task
    >>> task = Task("1. Các xã báo cáo UBND huyện hằng quý.", (0, 38), Party("Các xã", (3, 9)))
    >>> report = Duty("report", "Các xã báo cáo UBND huyện hằng quý", (3, 37), task=1,
    ...               target=Party("UBND huyện", (18, 28)),
    ...               deadlines=(Deadline("periodic", "hằng quý", (29, 37), "2021-06-30", "P3M"),))
    >>> r = Record("a.txt", "0" * 64, "utf-8", 38, tasks=(task,),
    ...            duties=(Duty("task", task.text, task.span, task=1), report))
    >>> nt = " . ".join(" ".join(t) for t in duty_statements(r).triples) + " ."
    >>> "<http://www.w3.org/ns/odrl/2/inform>" in nt, '"P3M"^^' in nt, '"2021-06-30"^^' in nt
    (True, True, True)
    >>> "#char=29,37> ." in nt  # the deadline's span
    True
    """
    out = _Out()
    graph = ids.graph_iri(record.sha256, record.source)
    file = str(ids.file_iri(record.sha256))
    doc = out.iri(ids.record_doc_iri(record))
    tasks = {n: out.iri(ids.local_iri(graph, f"task-{n}")) for n in range(1, len(record.tasks) + 1)}
    dated: set[tuple[int, str]] = set()  # (task, due date) stated with a span
    for i, duty in enumerate(record.duties, start=1):
        if duty.kind == "task" and duty.task in tasks:
            node = tasks[duty.task]
            dated.update((duty.task, d.date) for d in duty.deadlines if d.date)
        elif duty.kind == "report":
            node = out.iri(ids.local_iri(graph, f"duty-{i}"))
            _report(out, node, doc, file, duty, tasks.get(duty.task or 0))
        else:
            continue
        for deadline in duty.deadlines:
            _constraint(out, node, graph, deadline, file)
    for n, task in enumerate(record.tasks, start=1):
        # A due date the task gives that no deadline span carries: stated without a span.
        due = _date(task.deadline)
        if due is not None and (n, task.deadline) not in dated:
            c = out.iri(ids.local_iri(graph, f"task-{n}-deadline"))
            out.add(tasks[n], _ODRL.constraint, c)
            out.add(c, _ODRL.rightOperand, due)
    return out.statements()


def named_bodies(record: Record) -> list[Organisation]:
    """The resolved bodies ``record``'s duties name (assignee, addressee, office), each once."""
    found: dict[str, Organisation] = {}
    for duty in record.duties:
        for party in (duty.assignee, duty.target, duty.via):
            if party is not None and party.resolved is not None:
                org = _bare(party.resolved)
                found.setdefault(str(ids.org_iri(org)), org)
    return list(found.values())


def add_duties(built: Built, record: Record) -> Built:
    """``built`` (the builder's, of ``record``) with the duties' statements in the file's
    graph and the registry descriptions of the bodies they name."""
    extra = duty_statements(record)
    if not extra.triples:
        return built
    out = built.with_statements(extra)
    parts = {p.graph: p for p in out.registry}
    for org in named_bodies(record):
        # The builder's own description of a body, so that both meet in one registry graph.
        for part in build._organisation(org).closure():
            parts.setdefault(part.graph, part)
    # Only the registry changes: every other field of ``built`` (its citations…) is kept.
    return dataclasses.replace(out, registry=tuple(parts.values()))


def _span(out: _Out, holder: str, prop: str, file: str, span: tuple[int, int]) -> str:
    m = out.iri(ids.span_iri(file, span))
    out.add(holder, prop, m)
    return m


def _org(out: _Out, party: Party | None) -> str | None:
    if party is None or party.resolved is None:
        return None
    return out.iri(ids.org_iri(_bare(party.resolved)))


def _report(
    out: _Out,
    node: str,
    doc: str,
    file: str,
    duty: Duty,
    task: str | None,
) -> None:
    out.add(doc, _ODRL.obligation, node)  # an odrl:Duty by the property's range
    out.add(node, _ODRL.action, _ODRL.inform)
    out.add(node, _DCT.description, _vi(duty.text))
    _span(out, node, _TASK_SPAN, file, duty.span)
    if task is not None:
        out.add(node, _DCT.isPartOf, task)
    assignee = _org(out, duty.assignee)
    if assignee is not None:
        out.add(node, _ODRL.assignee, assignee)
    for kind, party, prop in (
        ("report_target", duty.target, _ODRL.informedParty),
        ("via", duty.via, _VIA),
    ):
        if party is None:
            continue
        m = _span(out, node, _SPAN[kind], file, party.span)
        org = _org(out, party)
        if org is not None:
            out.add(node, prop, org)
        else:
            out.add(m, _NIF.anchorOf, nt_string(party.name))  # nothing else holds the name
    if duty.subject is not None and duty.subject.span is not None:
        _span(out, node, _SPAN["report_subject"], file, duty.subject.span)


def _constraint(out: _Out, duty: str, graph: str, deadline: Deadline, file: str) -> None:
    """``duty``'s deadline: one node per deadline span, so a task and the report it asks
    for, due by the same words, share it. Every deadline is ``odrl:leftOperand
    odrl:dateTime`` ``odrl:operator odrl:lteq``: the full export adds the two."""
    begin, end = deadline.span
    c = out.iri(ids.local_iri(graph, f"deadline-{begin}-{end}"))
    out.add(duty, _ODRL.constraint, c)  # untyped: odrl:constraint's range says it
    due = _date(deadline.date)
    if due is not None:
        out.add(c, _ODRL.rightOperand, due)
    if deadline.period:
        out.add(c, _REPEAT, _duration(deadline.period))
    if deadline.offset:
        out.add(c, _OFFSET, _duration(deadline.offset))
    if deadline.anchor:
        out.add(c, _ANCHOR, nt_string(deadline.anchor))
    _span(out, c, _SPAN["deadline"], file, deadline.span)
