"""The records extraction produces: frozen dataclasses that carry spans.

Every span is ``(start, end)`` into the text *as read* (after decoding, before
cleaning), so ``text[start:end]`` is the printed form a value came from.  A
value that was normalised (``207-CV/HU`` from ``SỐ 207 -CV/HU``, ``2021-05-07``
from ``ngày 12 tháng 3 năm 2021``, ``Huyện ủy Kim Sơn`` from ``HUYỆN ỦY KIM SƠN``)
keeps the printed text beside it in ``printed``.  Derived values that were
never printed (a parent body found in the gazetteer, a level) have no span.

:meth:`Record.to_json` gives the JSON shape ``chidao extract --format json``
writes and ``../shared/eval/score.py`` reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


def _span(span: Span | None) -> list[int] | None:
    return [span[0], span[1]] if span is not None else None


def _unspan(raw: Any) -> Span | None:
    return (int(raw[0]), int(raw[1])) if raw else None


@dataclass(frozen=True, slots=True)
class Mention:
    """A value and where it was printed.

    ``value`` is the normalised value; ``printed`` the cleaned printed text
    (debris removed, lines joined) and ``span`` its place in the text as read.
    """

    value: str
    span: Span | None = None
    printed: str | None = None
    #: Where the value comes from: ``"document"`` (its own text), ``"page"`` (the web page's
    #: metadata block or lead line around it: ``span`` is then in the page furniture) or
    #: ``"inferred"`` (derived from other parts of the document).
    origin: str = "document"

    def to_json(self) -> dict[str, Any]:
        out = {"value": self.value, "printed": self.printed, "span": _span(self.span)}
        if self.origin != "document":
            out["origin"] = self.origin
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> Mention | None:
        if not raw or raw.get("value") is None:
            return None
        return cls(
            raw["value"],
            _unspan(raw.get("span")),
            raw.get("printed"),
            raw.get("origin", "document"),
        )


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """An administrative unit from the gazetteer (pre- or post-2025)."""

    name: str  # "Huyện Đức Trọng"
    level: str  # province | district | commune
    code: str | None = None  # GSO code
    province: str | None = None  # "Tỉnh Ninh Bình"
    district: str | None = None
    valid_until: str | None = None  # ISO date the unit ceased, e.g. "2025-06-30"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "level": self.level,
            "code": self.code,
            "province": self.province,
            "district": self.district,
            "valid_until": self.valid_until,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> AdminUnit | None:
        if not raw:
            return None
        return cls(
            raw["name"],
            raw["level"],
            raw.get("code"),
            raw.get("province"),
            raw.get("district"),
            raw.get("valid_until"),
        )


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation in canonical form (``Huyện ủy Đức Trọng``, ``Chính phủ``).

    ``printed``/``span`` is the mention it was resolved from, if any.
    ``parent`` is the body directly above, ``level`` one of central, province,
    district, commune; ``system`` one of party, state, front.
    """

    name: str
    parent: str | None = None
    level: str | None = None
    system: str | None = None
    unit: AdminUnit | None = None
    printed: str | None = None
    span: Span | None = None
    #: ``"document"``, ``"page"`` (named by the web page around the document, ``span`` there)
    #: or ``"inferred"`` (the unit completed from the place line, title or authority line).
    origin: str = "document"

    def to_json(self) -> dict[str, Any]:
        out = {
            "name": self.name,
            "parent": self.parent,
            "level": self.level,
            "system": self.system,
            "unit": self.unit.to_json() if self.unit else None,
            "printed": self.printed,
            "span": _span(self.span),
        }
        if self.origin != "document":
            out["origin"] = self.origin
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any] | str | None) -> Organisation | None:
        if not raw:
            return None
        if isinstance(raw, str):
            return cls(raw)
        return cls(
            name=raw["name"],
            parent=raw.get("parent"),
            level=raw.get("level"),
            system=raw.get("system"),
            unit=AdminUnit.from_json(raw.get("unit")),
            printed=raw.get("printed"),
            span=_unspan(raw.get("span")),
            origin=raw.get("origin", "document"),
        )


@dataclass(frozen=True, slots=True)
class Party:
    """A recipient, a distribution entry or a task's actor, as printed.

    ``name`` is the printed name (debris and purpose removed); ``resolved`` the
    canonical organisation where the mention can be resolved (``UBND huyện`` in a
    district letter → ``Ủy ban nhân dân huyện Đức Trọng``); ``purpose`` the
    bracketed or ``|``-separated purpose of a distribution entry (``để báo cáo``).
    """

    name: str
    span: Span
    resolved: Organisation | None = None
    purpose: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "span": _span(self.span),
            "resolved": self.resolved.to_json() if self.resolved else None,
            "purpose": self.purpose,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Party:
        return cls(
            name=raw["name"],
            span=_unspan(raw.get("span")) or (0, 0),
            resolved=Organisation.from_json(raw.get("resolved")),
            purpose=raw.get("purpose"),
        )


@dataclass(frozen=True, slots=True)
class Task:
    """One numbered or bulleted instruction and the actor who must carry it out."""

    text: str
    span: Span
    assignee: Party | None = None
    label: str | None = None  # "1-", "a)", "-" as printed
    deadline: str | None = None  # ISO date, where the task names one

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": _span(self.span),
            "label": self.label,
            "assignee": self.assignee.to_json() if self.assignee else None,
            "deadline": self.deadline,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Task:
        return cls(
            text=raw["text"],
            span=_unspan(raw.get("span")) or (0, 0),
            assignee=Party.from_json(raw["assignee"]) if raw.get("assignee") else None,
            label=raw.get("label"),
            deadline=raw.get("deadline"),
        )


@dataclass(frozen=True, slots=True)
class Signer:
    name: Mention | None = None
    position: Mention | None = None
    on_behalf_of: Mention | None = None  # "T/M Ban Thường vụ", "K/T Chủ tịch"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name.value if self.name else None,
            "position": self.position.value if self.position else None,
            "on_behalf_of": self.on_behalf_of.value if self.on_behalf_of else None,
            "spans": {
                k: m.to_json()
                for k, m in (
                    ("name", self.name),
                    ("position", self.position),
                    ("on_behalf_of", self.on_behalf_of),
                )
                if m is not None
            },
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> Signer:
        raw = raw or {}
        spans = raw.get("spans") or {}

        def one(key: str) -> Mention | None:
            if key in spans:
                return Mention.from_json(spans[key])
            return Mention(raw[key]) if raw.get(key) else None

        return cls(name=one("name"), position=one("position"), on_behalf_of=one("on_behalf_of"))


RELATIONS = ("implements", "based_on", "amends", "replaces", "repeals", "cites")


@dataclass(frozen=True, slots=True)
class Citation:
    """A mention of another document.

    ``surface`` is the mention as printed from the type word to the issuer;
    ``relation`` one of :data:`RELATIONS`; ``trigger`` the word that decided it
    (``Thực hiện``, ``Căn cứ``) and its span.
    """

    surface: str
    span: Span
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    year: int | None = None  # from the number (``38/2015/TT-BTC``) or the date
    issuer: Organisation | None = None
    relation: str = "cites"
    trigger: Mention | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "surface": self.surface,
            "span": _span(self.span),
            "doc_type": self.doc_type,
            "number": self.number,
            "date": self.date,
            "year": self.year,
            "issuer": self.issuer.to_json() if self.issuer else None,
            "relation": self.relation,
            "trigger": self.trigger.to_json() if self.trigger else None,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Citation:
        return cls(
            surface=raw["surface"],
            span=_unspan(raw.get("span")) or (0, 0),
            doc_type=raw.get("doc_type"),
            number=raw.get("number"),
            date=raw.get("date"),
            year=raw.get("year"),
            issuer=Organisation.from_json(raw.get("issuer")),
            relation=raw.get("relation") or "cites",
            trigger=Mention.from_json(raw.get("trigger")),
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input that did not stop extraction."""

    code: str  # e.g. "no-header", "impossible-date", "truncated"
    message: str
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "span": _span(self.span)}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Problem:
        return cls(raw["code"], raw["message"], _unspan(raw.get("span")))


@dataclass(frozen=True, slots=True)
class Reading:
    """How the text as read was made when it is not in the file as such (OCR, a converter).

    ``text`` is that text: every span of the record is an offset into it, so
    ``reading.text[start:end]`` checks any span.  ``method`` is ``ocr`` (a scan or
    a photo; a PDF whose text-less pages were OCR'd), ``convert`` (legacy Word,
    RTF, OpenDocument through LibreOffice) or ``html`` (a saved web page);
    ``engine`` the program and its version (``tesseract 5.3.0``); ``pages`` the
    OCR'd pages as ``(page number, mean word confidence 0–100 or None)``.

    >>> r = Reading("Số 12-CV/HU", "ocr", "tesseract 5.3.0", ((1, 91.5),))
    >>> Reading.from_json(r.to_json()) == r
    True
    """

    text: str
    method: str
    engine: str
    pages: tuple[tuple[int, float | None], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "engine": self.engine,
            "pages": [{"page": n, "confidence": c} for n, c in self.pages],
            "text": self.text,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> Reading | None:
        if not raw:
            return None
        pages = tuple((int(p["page"]), p.get("confidence")) for p in raw.get("pages") or ())
        return cls(raw["text"], raw["method"], raw["engine"], pages)


@dataclass(frozen=True, slots=True)
class Record:
    """Everything extracted from one document."""

    source: str  # path as given
    sha256: str  # of the file's bytes
    encoding: str  # detected encoding of the bytes ("utf-8", "windows-1258", "tcvn3", …)
    length: int  # characters in the text as read
    reading: Reading | None = None  # OCR'd or converted: the text as read, and how
    number: Mention | None = None
    doc_type: Mention | None = None
    issuer: Organisation | None = None
    date: Mention | None = None  # value is ISO YYYY-MM-DD
    place: Mention | None = None
    subject: Mention | None = None
    recipients: tuple[Party, ...] = ()
    signer: Signer = field(default_factory=Signer)
    tasks: tuple[Task, ...] = ()
    distribution: tuple[Party, ...] = ()
    citations: tuple[Citation, ...] = ()
    problems: tuple[Problem, ...] = ()
    duties: tuple[Duty, ...] = ()

    @property
    def year(self) -> int | None:
        """The document's year, from its date or (State style) its number."""
        if self.date is not None:
            return int(self.date.value[:4])
        return None

    def to_json(self) -> dict[str, Any]:
        def v(m: Mention | None) -> str | None:
            return m.value if m is not None else None

        scalars = {
            "number": self.number,
            "doc_type": self.doc_type,
            "date": self.date,
            "place": self.place,
            "subject": self.subject,
        }
        return {
            "source": self.source,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "length": self.length,
            **({"reading": self.reading.to_json()} if self.reading is not None else {}),
            **{k: v(m) for k, m in scalars.items()},
            "issuer": self.issuer.to_json() if self.issuer else None,
            "recipients": [p.to_json() for p in self.recipients],
            "signer": self.signer.to_json(),
            "tasks": [t.to_json() for t in self.tasks],
            "distribution": [p.to_json() for p in self.distribution],
            "citations": [c.to_json() for c in self.citations],
            "spans": {k: m.to_json() for k, m in scalars.items() if m is not None},
            "problems": [p.to_json() for p in self.problems],
            "duties": [d.to_json() for d in self.duties],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Record:
        """Rebuild a record from :meth:`to_json` output (a line of ``chidao extract``).

        >>> r = Record("a.txt", "0" * 64, "utf-8", 10, number=Mention("217-CV/HU", (3, 12)))
        >>> Record.from_json(r.to_json()) == r
        True
        """
        spans = raw.get("spans") or {}

        def scalar(key: str) -> Mention | None:
            if key in spans:
                return Mention.from_json(spans[key])
            return Mention(raw[key]) if raw.get(key) is not None else None

        return cls(
            source=raw["source"],
            sha256=raw.get("sha256", ""),
            encoding=raw.get("encoding", "utf-8"),
            length=int(raw.get("length", 0)),
            reading=Reading.from_json(raw.get("reading")),
            number=scalar("number"),
            doc_type=scalar("doc_type"),
            issuer=Organisation.from_json(raw.get("issuer")),
            date=scalar("date"),
            place=scalar("place"),
            subject=scalar("subject"),
            recipients=tuple(Party.from_json(p) for p in raw.get("recipients") or ()),
            signer=Signer.from_json(raw.get("signer")),
            tasks=tuple(Task.from_json(t) for t in raw.get("tasks") or ()),
            distribution=tuple(Party.from_json(p) for p in raw.get("distribution") or ()),
            citations=tuple(Citation.from_json(c) for c in raw.get("citations") or ()),
            problems=tuple(Problem.from_json(p) for p in raw.get("problems") or ()),
            duties=tuple(Duty.from_json(d) for d in raw.get("duties") or ()),
        )


# --- duties and deadlines (extract/find_duties.py) -------------------------------------------

#: Deadline kinds: a calendar date, a period after a start, a repeat.
DEADLINE_KINDS = ("date", "relative", "periodic")

#: Duty kinds: a task's own duty, and a duty to report.
DUTY_KINDS = ("task", "report")


@dataclass(frozen=True, slots=True)
class Deadline:
    """When a duty is due, as printed (``text``/``span``) and resolved.

    ``kind`` is one of :data:`DEADLINE_KINDS`. ``date`` is the (first) due date, ISO,
    where it can be known from the text and the document's date: ``trước ngày 30/6/2021``
    → ``2021-06-30``; ``trong 15 ngày kể từ ngày ký`` in a letter of 2021-05-07 →
    ``2021-05-22`` (``offset`` ``P15D``, ``anchor`` ``signing``); ``trước ngày 15 hằng
    tháng`` → the first 15th after the letter (``period`` ``P1M``, ``day`` 15). A start
    the text does not date (``kể từ ngày nhận được``: ``anchor`` ``receipt``) leaves
    ``date`` ``None``. ``period`` and ``offset`` are ISO 8601 durations.

    >>> d = Deadline("periodic", "hằng quý", (10, 18), period="P3M", date="2021-06-30")
    >>> Deadline.from_json(d.to_json()) == d
    True
    """

    kind: str
    text: str
    span: Span
    date: str | None = None
    period: str | None = None  # P1W, P1M, P3M, P6M, P1Y
    offset: str | None = None  # P15D, P2M: a relative deadline's distance from its start
    anchor: str | None = None  # signing | receipt | date: what a relative deadline counts from
    day: int | None = None  # day of the month (or of ``month``) a repeat falls on
    month: int | None = None  # month of a yearly repeat ("15/12 hằng năm")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "span": _span(self.span),
            "date": self.date,
            "period": self.period,
            "offset": self.offset,
            "anchor": self.anchor,
            "day": self.day,
            "month": self.month,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Deadline:
        return cls(
            kind=raw["kind"],
            text=raw["text"],
            span=_unspan(raw.get("span")) or (0, 0),
            date=raw.get("date"),
            period=raw.get("period"),
            offset=raw.get("offset"),
            anchor=raw.get("anchor"),
            day=raw.get("day"),
            month=raw.get("month"),
        )


@dataclass(frozen=True, slots=True)
class Duty:
    """A duty a document sets: a task's own (``kind`` ``task``) or a duty to report.

    ``task`` is the 1-based number of the task in :attr:`Record.tasks` the duty belongs
    to (``None`` for a report asked outside any task). A report has ``trigger`` (the
    verb as printed), ``target`` (the body it goes to, resolved), ``via`` (``qua Văn
    phòng …``) and ``subject`` (``kết quả thực hiện Công văn này``); ``assignee`` is who
    must do it (the task's actor). ``deadlines`` are those printed in the duty's text.

    >>> d = Duty("report", "báo cáo Ban Thường vụ", (5, 25), task=2,
    ...          trigger=Mention("báo cáo", (5, 12)))
    >>> Duty.from_json(d.to_json()) == d
    True
    """

    kind: str
    text: str
    span: Span
    task: int | None = None
    assignee: Party | None = None
    target: Party | None = None
    via: Party | None = None
    subject: Mention | None = None
    trigger: Mention | None = None
    deadlines: tuple[Deadline, ...] = ()

    def to_json(self) -> dict[str, Any]:
        def party(p: Party | None) -> dict[str, Any] | None:
            return p.to_json() if p is not None else None

        return {
            "kind": self.kind,
            "text": self.text,
            "span": _span(self.span),
            "task": self.task,
            "assignee": party(self.assignee),
            "target": party(self.target),
            "via": party(self.via),
            "subject": self.subject.to_json() if self.subject else None,
            "trigger": self.trigger.to_json() if self.trigger else None,
            "deadlines": [d.to_json() for d in self.deadlines],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Duty:
        def party(key: str) -> Party | None:
            return Party.from_json(raw[key]) if raw.get(key) else None

        return cls(
            kind=raw["kind"],
            text=raw["text"],
            span=_unspan(raw.get("span")) or (0, 0),
            task=raw.get("task"),
            assignee=party("assignee"),
            target=party("target"),
            via=party("via"),
            subject=Mention.from_json(raw.get("subject")),
            trigger=Mention.from_json(raw.get("trigger")),
            deadlines=tuple(Deadline.from_json(d) for d in raw.get("deadlines") or ()),
        )
