"""``chidao duties`` and ``chidao status``: what is due, and whether a document is in force.

Each command opens the store and calls one library function
(:func:`chidao.graph.analysis.duties.duty_statuses`,
:func:`chidao.graph.analysis.validity.document_status`); the result is drawn with rich,
or written as JSON or CSV.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import sys
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from chidao.cli.options import endpoint_options, format_option, store_option
from chidao.cli.stores import opened_store
from chidao.graph.analysis.duties import DUE_SOON_DAYS, DutyReport, DutyStatus, duty_statuses
from chidao.graph.analysis.lookup import find_organisation, resolve_document
from chidao.graph.analysis.validity import Validity, document_status, in_force_version

#: Columns of ``chidao duties --format csv``.
CSV_COLUMNS = (
    "status",
    "days",
    "due",
    "repeat",
    "kind",
    "assignee",
    "number",
    "issued",
    "issuer",
    "target",
    "evidence_number",
    "evidence_date",
    "evidence_is_report",
    "text",
    "file",
    "begin",
    "end",
    "directive",
)

_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _as_of(value: dt.datetime | None) -> dt.date:
    return value.date() if value is not None else dt.date.today()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _row(d: DutyStatus) -> dict[str, Any]:
    e = d.evidence
    return {
        "status": d.status,
        "days": d.days,
        "due": d.due,
        "repeat": d.repeat,
        "kind": d.kind,
        "assignee": d.assignee,
        "number": d.number,
        "issued": d.issued,
        "issuer": d.issuer,
        "target": d.target,
        "evidence_number": e.number if e else None,
        "evidence_date": e.date if e else None,
        "evidence_is_report": e.report if e else None,
        "text": d.text,
        "file": d.file,
        "begin": d.span[0] if d.span else None,
        "end": d.span[1] if d.span else None,
        "directive": d.directive,
    }


def _when(d: DutyStatus) -> str:
    if d.days is None:
        return ""
    days = "1 day" if d.days == 1 else f"{d.days} days"
    if d.status == "overdue":
        return f"{days} overdue"
    if d.status == "late":
        return f"{days} late"
    return f"in {days}"


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _table(report: DutyReport) -> None:
    # A pipe or a file gets a wide table; a terminal, its own width.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    t = Table(title=f"Duties as of {report.as_of}", box=box.SIMPLE_HEAD)
    for col, width in (("status", 11), ("when", 16), ("due", 15), ("kind", 6)):
        t.add_column(col, no_wrap=True, min_width=width)
    t.add_column("assignee", no_wrap=True, overflow="ellipsis", max_width=32)
    t.add_column("directive", no_wrap=True, min_width=20)
    t.add_column("evidence", no_wrap=True, min_width=19)
    t.add_column("duty", no_wrap=True, overflow="ellipsis", max_width=50)
    for d in report.duties:
        e = d.evidence
        evidence = ""
        if e is not None:
            evidence = f"{e.number or '(no number)'} {e.date or 'undated'}"
            evidence += " report" if e.report else ""
        due = d.due.isoformat() if d.due else ""
        if d.repeat:
            due += f" {d.repeat}"  # repeats: an ISO 8601 period, P1M, P3M
        directive = f"{d.number or '(no number)'} {d.issued or ''}".strip()
        t.add_row(
            d.status,
            _when(d),
            due,
            d.kind,
            escape(d.assignee or ""),
            escape(directive),
            escape(evidence),
            escape(_short(d.text)),
        )
    console.print(t)
    never = len(report.never_reported)
    console.print(f"reporting duties never reported: {never}")
    w = Table(title="Workload per organisation")
    w.add_column("organisation")
    w.add_column("total", justify="right")
    w.add_column("by status")
    for row in report.workload:
        counts = ", ".join(f"{k} {v}" for k, v in row.counts.items())
        w.add_row(escape(row.organisation), str(row.total), counts)
    console.print(w)


@click.command("duties")
@click.option("--org", default=None, metavar="NAME", help="Only this organisation's duties.")
@click.option("--as-of", "as_of", type=_DATE, default=None, help="Judge on this date [today].")
@click.option("--source", default=None, metavar="DOC", help="Only the duties DOC sets.")
@click.option("--issuer", default=None, metavar="NAME", help="Narrow --source's number.")
@click.option("--year", type=int, default=None, help="Narrow --source's number.")
@click.option(
    "--soon",
    type=click.IntRange(0),
    default=DUE_SOON_DAYS,
    show_default=True,
    help="Days ahead that count as due soon.",
)
@format_option("table", "json", "csv")
@store_option
@endpoint_options
def duties_command(
    org: str | None,
    as_of: dt.datetime | None,
    source: str | None,
    issuer: str | None,
    year: int | None,
    soon: int,
    fmt: str,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """List duties as of a date: overdue (with age), due soon, open, met (with the
    answering document), never reported, without deadline; and each organisation's
    workload.

    ORG is a name (accents optional) or IRI; DOC a number, file name or IRI.
    """
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        org_iri = find_organisation(store, org) if org else None
        doc_iri = resolve_document(store, source, issuer, year) if source else None
        report = duty_statuses(store, _as_of(as_of), org_iri, doc_iri, soon)
    if fmt == "json":
        out = {
            "as_of": report.as_of,
            "duties": [_row(d) for d in report.duties],
            "never_reported": len(report.never_reported),
            "workload": [dataclasses.asdict(w) | {"total": w.total} for w in report.workload],
        }
        click.echo(json.dumps(_jsonable(out), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, CSV_COLUMNS, lineterminator="\n")
        w.writeheader()
        for d in report.duties:
            w.writerow(_jsonable(_row(d)))
    else:
        _table(report)


def _status_json(v: Validity) -> dict[str, Any]:
    return {
        "document": dataclasses.asdict(v.document),
        "as_of": v.as_of,
        "state": v.state,
        "in_force": v.in_force,
        "reason": v.reason(),
        "changes": [{"kind": c.kind, "by": dataclasses.asdict(c.by)} for c in v.changes],
        "later": [{"kind": c.kind, "by": dataclasses.asdict(c.by)} for c in v.later],
        "chain": [_status_json(x) for x in v.chain],
        "in_force_version": [dataclasses.asdict(d) for d in in_force_version(v)],
    }


def _status_lines(v: Validity, depth: int = 0) -> list[str]:
    pad = "  " * depth
    lines = [f"{pad}{v.document.label()}: {v.state} — {v.reason()}"]
    for c in v.changes:
        if c.kind != v.state:
            lines.append(f"{pad}  also {c.kind} by {c.by.label()}")
    for c in v.later:
        lines.append(f"{pad}  later (after {v.as_of}): {c.kind} by {c.by.label()}")
    for nxt in v.chain:
        lines.extend(_status_lines(nxt, depth + 1))
    return lines


@click.command("status")
@click.argument("doc")
@click.option("--as-of", "as_of", type=_DATE, default=None, help="Status on this date [today].")
@click.option("--issuer", default=None, metavar="NAME", help="Narrow DOC's number.")
@click.option("--year", type=int, default=None, help="Narrow DOC's number.")
@format_option("table", "json", "csv")
@store_option
@endpoint_options
def status_command(
    doc: str,
    as_of: dt.datetime | None,
    issuer: str | None,
    year: int | None,
    fmt: str,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """Say whether DOC is in force on a date, and why: amended, replaced or repealed
    by which document, following replacements to the version in force.

    DOC is a number (12/QĐ-UBND), a file name or an IRI.
    """
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        iri = resolve_document(store, doc, issuer, year)
        v = document_status(store, iri, _as_of(as_of))
    if fmt == "json":
        click.echo(json.dumps(_jsonable(_status_json(v)), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["document", "as_of", "state", "in_force", "change", "by", "by_date", "by_iri"])
        rows = [(c.kind, c.by) for c in v.changes] or [(None, None)]
        for kind, by in rows:
            w.writerow(
                [
                    v.document.number or v.document.iri,
                    v.as_of.isoformat(),
                    v.state,
                    v.in_force,
                    kind or "",
                    (by.number or "") if by else "",
                    (by.date.isoformat() if by and by.date else ""),
                    by.iri if by else "",
                ]
            )
    else:
        for line in _status_lines(v):
            click.echo(line)
