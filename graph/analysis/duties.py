"""Duties as of a date: what is open, overdue, due soon, met (and by which document), never
reported, or without a deadline; and each organisation's workload.

:func:`duty_statuses` reads the duties the graph holds (:mod:`chidao.graph.rdf.duties`:
tasks and reporting duties, ``odrl:Duty`` with their ``odrl:dateTime`` constraints and
repeats) with a few SPARQL queries, and decides each one for each body that must do it:

* **who**: the resolved assignee; for a group (``Các huyện ủy``, ``Các sở, ngành``) the
  resolved addressees of the directive whose kind the group names (``Huyện ủy Kim Sơn``
  for ``Các huyện ủy``), or all of them when it names none of theirs; a duty nobody
  resolved stays with its printed assignee and can only be open or overdue;
* **evidence**: a later document issued by that body that cites the directive (carries
  it out, reports on it, or only mentions it), dated on or before the as-of date; a
  ``Báo cáo`` (``-BC/`` in the number) is marked as a report;
* **status**: ``met`` (evidence on or before the due date, or any evidence for a duty
  without one), ``late`` (evidence after it), ``overdue`` (none, due date passed),
  ``due-soon`` (none, due within ``soon`` days), ``open`` (none, due later),
  ``no-deadline`` (none, no due date). A repeating duty is judged on its last period
  due by the as-of date (evidence since the period before), or on its first if none is.

Every value the user gives reaches the store as a bound variable, never as query text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib.term import Node

from chidao.extract.clean import fold
from chidao.extract.find_duties import next_due
from chidao.graph.store.oxigraph import TripleStore

#: Statuses in the order they are listed.
STATUSES = ("overdue", "due-soon", "open", "no-deadline", "late", "met")

#: Days ahead that count as "due soon".
DUE_SOON_DAYS = 14

#: Relations by which a later document answers a directive.
RESPONSE_RELATIONS = (
    "http://data.europa.eu/eli/ontology#ensures_implementation_of",
    "http://data.europa.eu/eli/ontology#based_on",
    "http://data.europa.eu/eli/ontology#cites",
)

_INFORM = "http://www.w3.org/ns/odrl/2/inform"
_CHAR = re.compile(r"#char=(\d+),(\d+)$")  # e.g. …/file/ab12#char=12,40

# Every duty of every document: its kind (by action: a task states none), its text.
_DUTIES = """
SELECT DISTINCT ?doc ?duty ?action ?text WHERE {
    ?doc odrl:obligation ?duty .
    ?duty dcterms:description ?text .
    OPTIONAL { ?duty odrl:action ?action }
}
"""
# A duty's deadline constraints: the due date and a repeat.
_DEADLINES = """
SELECT DISTINCT ?duty ?c ?due ?repeat WHERE {
    ?duty odrl:constraint ?c .
    OPTIONAL { ?c odrl:rightOperand ?due }
    OPTIONAL { ?c chidao:repeat ?repeat }
}
"""
# Who must do a duty (resolved), whom a report goes to, and the task a report belongs to.
_PARTIES = """
SELECT DISTINCT ?duty ?p ?o WHERE {
    VALUES ?p { odrl:assignee odrl:informedParty dcterms:isPartOf }
    ?doc odrl:obligation ?duty .
    ?duty ?p ?o .
}
"""
# The span a duty was read from (its IRI holds the offsets: <file/SHA#char=b,e>) and its file.
_SPANS = """
SELECT DISTINCT ?duty ?span ?file WHERE {
    ?doc odrl:obligation ?duty .
    ?duty chidao:taskSpan ?span .
    BIND (IRI(STRBEFORE(STR(?span), "#")) AS ?f)
    ?f nfo:fileName ?file .
}
"""
# A task's assignee as printed, where it did not resolve (the builder keeps the name then).
_PRINTED = """
SELECT DISTINCT ?duty ?name WHERE {
    ?doc odrl:obligation ?duty .
    ?duty chidao:assigneeSpan ?m .
    ?m nif:anchorOf ?name .
}
"""
# The facts of documents: number, date, issuer, type, addressees.
_DOCS = """
SELECT DISTINCT ?doc ?p ?o WHERE {
    VALUES ?p { eli:number eli:date_document eli:passed_by eli:type_document
                chidao:addressedTo }
    ?doc a chidao:Directive ; ?p ?o .
}
"""
# Documents that cite another, with the relation.
_CITES = """
SELECT DISTINCT ?d ?rel ?x WHERE {
    VALUES ?rel { eli:ensures_implementation_of eli:based_on eli:cites }
    ?d ?rel ?x .
}
"""
# Labels of organisations and document types.
_LABELS = "SELECT DISTINCT ?o ?label WHERE { ?o skos:prefLabel ?label }"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A document that answers a directive: issued by the body that must, citing it."""

    iri: str
    number: str | None
    date: dt.date | None
    report: bool  # a Báo cáo (``-BC/``)


@dataclass(frozen=True, slots=True)
class DutyStatus:
    """One duty of one body as of a date."""

    directive: str  # IRI
    number: str | None
    issued: dt.date | None
    issuer: str | None  # name
    kind: str  # task | report
    text: str
    assignee: str | None  # the body's name (resolved), or the printed assignee
    assignee_iri: str | None
    target: str | None  # a report's addressee
    due: dt.date | None
    repeat: str | None  # ISO 8601 duration
    status: str  # one of STATUSES
    days: int | None  # overdue: days past due; late: days late; due-soon/open: days left
    evidence: Evidence | None
    file: str | None
    span: tuple[int, int] | None

    @property
    def reported(self) -> bool:
        """Whether a reporting duty has any answer (``False`` is "never reported")."""
        return self.evidence is not None


@dataclass(frozen=True, slots=True)
class Workload:
    """How many duties an organisation has, by status."""

    organisation: str
    iri: str | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class DutyReport:
    """Every duty as of a date, and the workload per organisation."""

    as_of: dt.date
    duties: list[DutyStatus]
    workload: list[Workload]

    def by_status(self, status: str) -> list[DutyStatus]:
        return [d for d in self.duties if d.status == status]

    @property
    def never_reported(self) -> list[DutyStatus]:
        """Reporting duties without any answer by the as-of date."""
        return [d for d in self.duties if d.kind == "report" and not d.reported]


def _s(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _offsets(iri: str) -> tuple[int, int] | None:
    """The offsets of a span IRI (RFC 5147).

    >>> _offsets("https://w3id.org/chidao/file/ab12#char=12,40")
    (12, 40)
    """
    m = _CHAR.search(iri)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _rows(store: TripleStore, query: str) -> Iterable[tuple[Node | None, ...]]:
    return store.query(query).rows


def _is_report(number: str | None, doc_type: str | None) -> bool:
    """``45-BC/HU``, ``12/BC-UBND`` or a type labelled Báo cáo.

    >>> _is_report("45-BC/HU", None), _is_report("12/BC-UBND", None), _is_report("7-CV/TU", None)
    (True, True, False)
    """
    key = (number or "").upper().replace(" ", "")
    if "-BC/" in key or "/BC-" in key or key.endswith("/BC"):
        return True
    return fold(doc_type or "") == "bao cao"


def _type_words(name: str) -> str:
    """The kind of body a name starts with: ``huyen uy`` for ``Huyện ủy Kim Sơn``."""
    words = fold(name).split()
    if len(words) >= 3 and words[:3] == ["uy", "ban", "nhan"]:
        return "uy ban nhan dan"
    return " ".join(words[:2])


def _for_group(printed: str | None, addressees: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The addressees an unresolved assignee stands for.

    No printed assignee (a report asked of the addressees): all of them. A group or a
    list (``Các huyện ủy, thành ủy``): those whose kind it names. A single name that did
    not resolve (``Sở Nông nghiệp và Phát triển nông thôn``): none.

    >>> to = [("a", "Huyện ủy Kim Sơn"), ("b", "Sở Y tế tỉnh Ninh Bình")]
    >>> _for_group("Các huyện ủy, thành ủy", to), _for_group("Ban Dân vận", to)
    ([('a', 'Huyện ủy Kim Sơn')], [])
    """
    if printed is None:
        return addressees
    text = fold(printed)
    if not (text.split()[:1] in (["cac"], ["nhung"], ["moi"]) or "," in text):
        return []
    # An addressee that is itself a group ("Các cơ quan, ban, ngành …") is no one body.
    return [
        (iri, name)
        for iri, name in addressees
        if fold(name).split()[:1] not in (["cac"], ["nhung"]) and _type_words(name) in text
    ]


def _due(
    first: dt.date | None, repeat: str | None, as_of: dt.date
) -> tuple[dt.date | None, dt.date | None]:
    """The due date a duty is judged on as of ``as_of``, and the one before it (repeats)."""
    if first is None or repeat is None:
        return first, None
    day = None if first.day == _month_end(first) else first.day
    prev, due = None, first
    while True:
        nxt = next_due(due, repeat, day)
        if nxt > as_of:
            return due, prev
        prev, due = due, nxt


def _month_end(day: dt.date) -> int:
    return ((day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)).day


def _status(
    due: dt.date | None, evidence: Evidence | None, as_of: dt.date, soon: int
) -> tuple[str, int | None]:
    if evidence is not None:
        if due is None or evidence.date is None or evidence.date <= due:
            return "met", None
        return "late", (evidence.date - due).days
    if due is None:
        return "no-deadline", None
    if due < as_of:
        return "overdue", (as_of - due).days
    left = (due - as_of).days
    return ("due-soon" if left <= soon else "open"), left


def duty_statuses(
    store: TripleStore,
    as_of: dt.date | None = None,
    org: str | None = None,
    source: str | None = None,
    soon: int = DUE_SOON_DAYS,
) -> DutyReport:
    """Every duty in ``store`` as of ``as_of`` (today if ``None``), for each body that must
    do it; ``org`` (an organisation IRI) keeps that body's, ``source`` (a document IRI)
    that directive's. Directives dated after ``as_of`` are not yet issued and left out.

    The :class:`DutyReport` lists the duties (overdue first, oldest first) and the
    workload of each organisation, busiest first.
    """
    as_of = as_of or dt.date.today()
    labels = {str(o): str(label) for o, label in _rows(store, _LABELS)}
    docs: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for d, p, o in _rows(store, _DOCS):
        docs[str(d)][str(p).rsplit("#", 1)[-1]].append(str(o))

    def one(doc: str, key: str) -> str | None:
        values = docs.get(doc, {}).get(key)
        return min(values) if values else None

    duties = [(str(d), str(k), str(a), str(t)) for d, k, a, t in _rows(store, _DUTIES)]
    deadlines: dict[str, list[tuple[dt.date | None, str | None]]] = defaultdict(list)
    for k, _c, due, repeat in _rows(store, _DEADLINES):
        deadlines[str(k)].append((_day(_s(due)), _s(repeat)))
    parties: dict[str, dict[str, str]] = defaultdict(dict)
    for k, p, o in _rows(store, _PARTIES):
        parties[str(k)][str(p).rsplit("/", 1)[-1].rsplit("#", 1)[-1]] = str(o)
    printed = {str(k): str(name) for k, name in _rows(store, _PRINTED)}
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    for k, span, fname in _rows(store, _SPANS):
        offsets = _offsets(str(span))
        if offsets is not None:
            spans[str(k)] = (str(fname), offsets)
    answers: dict[str, list[str]] = defaultdict(list)
    for d, _rel, x in _rows(store, _CITES):
        answers[str(x)].append(str(d))

    out: list[DutyStatus] = []
    for doc, duty, action, text in duties:
        if source is not None and doc != source:
            continue
        issued = _day(one(doc, "date_document"))
        if issued is not None and issued > as_of:
            continue  # not yet issued
        kind = "report" if action == _INFORM else "task"
        mine = parties.get(duty, {})
        task = mine.get("isPartOf")
        assignee = mine.get("assignee") or (parties.get(task, {}).get("assignee") if task else None)
        who_printed = printed.get(duty) or (printed.get(task) if task else None)
        if assignee is not None:
            bodies = [(assignee, labels.get(assignee, assignee))]
        else:
            addressees = [(a, labels.get(a, a)) for a in docs.get(doc, {}).get("addressedTo", [])]
            bodies = _for_group(who_printed, sorted(addressees, key=lambda x: x[1]))
        if not bodies:
            bodies = [(None, who_printed)]  # type: ignore[list-item]
        # A date before the directive is a cut-off its text describes, never its deadline
        # (the task finder's first date can be one: "đóng bảo hiểm trước ngày 01/01/2016").
        firsts = [
            d
            for d in deadlines.get(duty, [])
            if d[0] is not None and (issued is None or d[0] >= issued)
        ]
        first, repeat = min(firsts, key=lambda d: d[0]) if firsts else (None, None)  # type: ignore[type-var]
        due, prev = _due(first, repeat, as_of)
        since = prev or issued
        target = mine.get("informedParty")
        where = spans.get(duty)
        for body_iri, body_name in bodies:
            if org is not None and body_iri != org:
                continue
            evidence = _evidence(doc, body_iri, answers, docs, since, as_of) if body_iri else None
            status, days = _status(due, evidence, as_of, soon)
            out.append(
                DutyStatus(
                    directive=doc,
                    number=one(doc, "number"),
                    issued=issued,
                    issuer=labels.get(one(doc, "passed_by") or ""),
                    kind=kind,
                    text=text,
                    assignee=body_name,
                    assignee_iri=body_iri,
                    target=labels.get(target) if target else None,
                    due=due,
                    repeat=repeat,
                    status=status,
                    days=days,
                    evidence=evidence,
                    file=where[0] if where else None,
                    span=where[1] if where else None,
                )
            )
    out.sort(key=_order)
    return DutyReport(as_of, out, _workload(out))


def _evidence(
    doc: str,
    body: str,
    answers: dict[str, list[str]],
    docs: dict[str, dict[str, list[str]]],
    since: dt.date | None,
    as_of: dt.date,
) -> Evidence | None:
    """The first document ``body`` issued that cites ``doc``, between ``since`` and ``as_of``."""
    found: list[Evidence] = []
    for d in set(answers.get(doc, ())):
        facts = docs.get(d, {})
        if body not in facts.get("passed_by", ()):
            continue
        date = _day(min(facts.get("date_document", []), default=None))
        if date is not None and (date > as_of or (since is not None and date < since)):
            continue
        number = min(facts.get("number", []), default=None)
        types = facts.get("type_document", [])
        report = _is_report(number, None) or any(t.rstrip("/").endswith("bao-cao") for t in types)
        found.append(Evidence(d, number, date, report))
    if not found:
        return None
    # The earliest answer; a report before any other answer of the same day.
    return min(found, key=lambda e: (e.date or dt.date.max, not e.report, e.iri))


def _order(d: DutyStatus) -> tuple[int, int, str, str, int]:
    return (
        STATUSES.index(d.status),
        -(d.days or 0) if d.status == "overdue" else (d.days or 0),
        d.number or "",
        d.assignee or "",
        d.span[0] if d.span else 0,
    )


def _workload(duties: list[DutyStatus]) -> list[Workload]:
    counts: dict[tuple[str, str | None], Counter[str]] = defaultdict(Counter)
    for d in duties:
        counts[(d.assignee or "(no assignee)", d.assignee_iri)][d.status] += 1
    rows = [
        Workload(name, iri, {s: c[s] for s in STATUSES if c[s]})
        for (name, iri), c in counts.items()
    ]
    rows.sort(key=lambda w: (-w.counts.get("overdue", 0), -w.total, w.organisation))
    return rows
