"""``chidao lineage``, ``cascade``, ``gaps``, ``hubs`` and ``who``: questions about the graph.

Each command opens the store and calls one function of
:mod:`chidao.graph.analysis.questions` (which finds what the user named and loads only
the part of the graph its question needs: the whole store only for ``hubs``);
the result is drawn with rich, or written as JSON with ``--format json``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from chidao.cli.options import doc_ref_options, endpoint_options, format_option, store_option
from chidao.cli.stores import opened_store
from chidao.extract.records import RELATIONS
from chidao.graph.analysis import CARRY_OUT, Cascade, Coverage, DocInfo, DocRank, Hop, OrgActivity
from chidao.graph.analysis.hubs import GROUPS, RANK_KEYS
from chidao.graph.analysis.nodes import to_jsonable
from chidao.graph.analysis.questions import (
    document_cascade,
    document_gaps,
    document_lineage,
    organisation_activity,
    store_hubs,
)
from chidao.graph.analysis.validity import Change, ended_note

F = TypeVar("F", bound=Callable[..., Any])


def relation_option(fn: F) -> F:
    """``--relation R`` (repeatable): which citation relations count as carrying out."""
    return click.option(
        "-r",
        "--relation",
        "relations",
        multiple=True,
        type=click.Choice(RELATIONS),
        help=f"Relation to follow (repeat for several) [default: {', '.join(CARRY_OUT)}].",
    )(fn)


def as_of_option(fn: F) -> F:
    """``--as-of DATE``: the date on which documents are marked no longer in force."""
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Mark documents no longer in force on this date (YYYY-MM-DD) [default: today].",
    )(fn)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _ended(ended: dict[str, Change], iri: str) -> str:
    """The red mark of a document no longer in force, or nothing."""
    change = ended.get(iri)
    return f" · [red]{_esc(ended_note(change))}[/red]" if change is not None else ""


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2))


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _days(n: int | float | None) -> str:
    if n is None:
        return "—"
    if isinstance(n, float) and not n.is_integer():
        return f"{n:.1f} days"
    return "1 day" if int(n) == 1 else f"{int(n)} days"


def _lag_up(lag: int | None) -> str:
    """How long before the citing document the cited one was dated (dates can disagree)."""
    if lag is None:
        return ""
    return (
        f"{_days(lag)} before" if lag >= 0 else f"{_days(-lag)} after [red](dates disagree)[/red]"
    )


def _label(d: DocInfo | Hop | DocRank, note: str = "") -> str:
    """``number · issuer · level · date · note``, then whether it is known only from citations."""
    source = getattr(d, "source", None)
    # A letter with no number is known by its file: say which.
    number = d.number or (f"(no number: {source})" if source else "(no number)")
    parts = [f"[bold]{_esc(number)}[/bold]"]
    parts.append(_esc(d.issuer_name or "issuer unknown"))
    parts.append(d.level or "level unknown")
    if not isinstance(d, DocRank):
        parts.append(d.date.isoformat() if d.date else "undated")
    if note:
        parts.append(note)
    if d.cited_only:
        parts.append("[dim]known only from citations[/dim]")
    return " · ".join(parts)


def _esc(text: str) -> str:
    return escape(text)


def _relations(relations: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(relations) or CARRY_OUT


# --- lineage ---------------------------------------------------------------------------------


@click.command("lineage")
@click.argument("doc")
@doc_ref_options
@relation_option
@click.option("--max-depth", type=click.IntRange(1), default=None, help="Longest chain, in hops.")
@as_of_option
@format_option("tree", "json")
@store_option
@endpoint_options
def lineage_command(
    doc: str,
    issuer: str | None,
    year: int | None,
    relations: tuple[str, ...],
    max_depth: int | None,
    as_of: dt.datetime | None,
    fmt: str,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """Show what DOC carries out, all the way up.

    DOC is a number (43/NQ-CP, "Số 418-CV/TU"), a source file name or an IRI.
    Each hop shows the relation, the higher document's issuer and level, and
    the lag in days between the two dates. Documents replaced or repealed by
    --as-of (default today) are marked "no longer in force".
    """
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        found = document_lineage(
            store, doc, issuer, year, _relations(relations), max_depth, _day(as_of)
        )
    root, chains, ended = found.document, found.chains, found.no_longer_in_force
    if fmt == "json":
        _echo_json(
            {
                "document": dataclasses.asdict(root),
                "chains": chains,
                "as_of": found.as_of,
                "no_longer_in_force": ended,
            }
        )
        return
    tree = Tree(_label(root) + _ended(ended, root.iri))
    branches: dict[tuple[str, ...], Tree] = {(): tree}
    for chain in chains:
        path: tuple[str, ...] = ()
        for hop in chain:
            parent = branches[path]
            path = (*path, hop.target)
            if path not in branches:
                lag = _lag_up(hop.lag_days)
                mark = _ended(ended, hop.target)
                branches[path] = parent.add(
                    f"[cyan]{hop.relation}[/cyan] → {_label(hop, lag)}{mark}"
                )
    console = _console()
    console.print(tree)
    if not chains:
        console.print(f"It carries out no document by {', '.join(_relations(relations))}.")


# --- cascade ---------------------------------------------------------------------------------


def _cascade_tree(c: Cascade) -> Tree:
    ended = c.no_longer_in_force
    tree = Tree(_label(c.root) + _ended(ended, c.root.iri))
    branches: dict[str, Tree] = {c.root.iri: tree}
    for n in c.nodes:
        days = f"+{_days(n.days_from_root)}" if n.days_from_root is not None else ""
        also = f" [dim](also carries out {len(n.also_carries_out)} more)[/dim]"
        text = f"[cyan]{n.relation}[/cyan] ← {_label(n.document, days)}"
        text += _ended(ended, n.document.iri)
        branches[n.document.iri] = branches[n.parent].add(
            text + (also if n.also_carries_out else "")
        )
    return tree


def _cascade_table(c: Cascade) -> Table:
    table = Table(title="by level (days after the root document)")
    for col in ("level", "documents", "undated", "first", "median", "issued by"):
        table.add_column(col, justify="right" if col in ("documents", "undated") else "left")
    for s in c.levels:
        table.add_row(
            s.level or "unknown",
            str(s.count),
            str(s.undated),
            _days(s.first_days),
            _days(s.median_days),
            _esc(", ".join(s.issuers)),
        )
    return table


@click.command("cascade")
@click.argument("doc")
@doc_ref_options
@relation_option
@as_of_option
@format_option("tree", "json")
@store_option
@endpoint_options
def cascade_command(
    doc: str,
    issuer: str | None,
    year: int | None,
    relations: tuple[str, ...],
    as_of: dt.datetime | None,
    fmt: str,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """Show every document that carries out DOC, transitively, level by level.

    The tree places each document under the one it carries out that came
    last before it; the table gives per level the number of documents and the
    first and median lag in days after DOC; the bodies that passed it on
    follow. Documents replaced or repealed by --as-of (default today) are marked
    "no longer in force".
    """
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        result = document_cascade(store, doc, issuer, year, _relations(relations), _day(as_of))
    if fmt == "json":
        _echo_json(result)
        return
    console = _console()
    console.print(_cascade_tree(result))
    if not result.nodes:
        console.print("No document in the store carries it out.")
        return
    console.print(_cascade_table(result))
    if result.relays:
        relays = Table(title="passed on by")
        for col in ("body", "level", "its documents", "carried out by"):
            relays.add_column(col)
        for r in result.relays:
            relays.add_row(
                _esc(r.issuer_name or r.issuer or "unknown"),
                r.level or "unknown",
                str(r.documents),
                str(r.carried_out_by),
            )
        console.print(relays)


# --- gaps ------------------------------------------------------------------------------------


@click.command("gaps")
@click.argument("doc")
@doc_ref_options
@relation_option
@format_option("table", "json")
@store_option
@endpoint_options
def gaps_command(
    doc: str,
    issuer: str | None,
    year: int | None,
    relations: tuple[str, ...],
    fmt: str,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """List the units one level below DOC's issuer with no document carrying it out.

    For a central document these are the provinces, for a province document
    its districts (its communes from 1 July 2025), for a district document its
    communes: as the gazetteer lists them at DOC's date.
    """
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        try:
            found = document_gaps(store, doc, issuer, year, _relations(relations))
        except ValueError as exc:  # a document with no level below it
            raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        _echo_json(found.coverage)
        return
    _print_coverage(found.coverage, found.numbers)


def _print_coverage(result: Coverage, numbers: dict[str, str]) -> None:
    console = _console()
    total = len(result.covered) + len(result.missing)
    where = result.unit or "the country"
    console.print(
        f"{_label(result.document)}\n{len(result.covered)} of {total} "
        f"{result.unit_level or 'unit'}-level units of {_esc(where)} carry it out; "
        f"{len(result.missing)} show no document."
    )
    table = Table()
    table.add_column("unit")
    table.add_column("documents carrying it out")
    for unit, docs in result.covered.items():
        table.add_row(_esc(unit), _esc(", ".join(numbers[d] for d in docs)))
    for unit in result.missing:
        table.add_row(_esc(unit), "[red]none in the store[/red]")
    console.print(table)


# --- hubs ------------------------------------------------------------------------------------


@click.command("hubs")
@click.option(
    "--top", type=click.IntRange(1), default=10, show_default=True, help="Rows per group."
)
@click.option(
    "--by", type=click.Choice(RANK_KEYS), default="implemented_by", show_default=True,
    help="Rank by documents carrying it out, documents citing it, or PageRank.",
)  # fmt: skip
@click.option("--group", type=click.Choice(GROUPS), default=None, help="One ranking per group.")
@format_option("table", "json")
@store_option
@endpoint_options
def hubs_command(
    top: int,
    by: str,
    group: str | None,
    fmt: str,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """Rank the documents most carried out, most cited, or central by PageRank."""
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        result = store_hubs(store, top=top, by=by, group=group)
    if fmt == "json":
        _echo_json({k: [dataclasses.asdict(r) for r in v] for k, v in result.items()})
        return
    console = _console()
    if not result:
        console.print("No document in the store is cited by another.")
    for name, ranks in result.items():
        table = Table(title=None if name == "all" else _esc(name))
        for col in ("#", "document", "carried out by", "cited by", "PageRank"):
            table.add_column(col, justify="left" if col == "document" else "right")
        for i, r in enumerate(ranks, 1):
            table.add_row(
                str(i), _label(r), str(r.implemented_by), str(r.cited_by), f"{r.pagerank:.4f}"
            )
        console.print(table)


# --- who -------------------------------------------------------------------------------------


@click.command("who")
@click.argument("org")
@format_option("table", "json")
@store_option
@endpoint_options
def who_command(
    org: str,
    fmt: str,
    store_path: str | None,
    endpoint: str | None,
    update_endpoint: str | None,
) -> None:
    """Show what ORG issued, received, was copied on, was assigned and carried out.

    Every category is shown with its count, zero included: documents issued,
    received as addressee (Kính gửi), copied (Nơi nhận), the tasks assigned (text,
    deadline, source document), the documents it issued that carry out another,
    and who sent it documents.

    ORG is a name (accents and case optional; add the place's words to choose
    between namesakes) or an IRI.
    """
    with opened_store(store_path, endpoint, update_endpoint, read_only=True) as store:
        found = organisation_activity(store, org)
    if fmt == "json":
        _echo_json(found.activity)
        return
    _print_who(found.activity, {n: _label(d) for n, d in found.issued.items()})


def _print_who(a: OrgActivity, labels: dict[str, str]) -> None:
    console = _console()
    console.print(f"[bold]{_esc(a.name or a.organisation)}[/bold] · {a.level or 'level unknown'}")
    c = a.counts
    # Every category with its count, zeros too: "none" is an answer.
    console.print(
        f"issued {c['issued']} · received {c['received']} · copied on {c['copied']} · "
        f"assigned tasks in {c['assigned']} document(s) ({c['tasks']} task(s), "
        f"{c['group_tasks']} more as one of a group) · "
        f"carried out {c['carried_out']}"
    )
    console.print(f"issued ({c['issued']})")
    for n in a.issued:
        console.print(f"  {labels[n]}")
    for title, items in (("received (Kính gửi)", a.received), ("copied on (Nơi nhận)", a.copied),
                         ("assigned tasks by", a.assigned)):  # fmt: skip
        if not items:
            console.print(f"{title} (0)")
            continue
        table = Table(title=f"{title} ({len(items)})")
        for col in ("document", "date", "from"):
            table.add_column(col)
        for x in items:
            table.add_row(
                _esc(x.number or x.document),
                x.date.isoformat() if x.date else "undated",
                _esc(x.issuer_name or x.issuer or "unknown"),
            )
        console.print(table)
    if a.tasks:
        table = Table(title=f"tasks ({len(a.tasks)})")
        for col in ("task", "kind", "deadline", "from document"):
            table.add_column(col)
        for t in a.tasks:
            table.add_row(
                _esc(t.text),
                t.kind,
                t.deadline.isoformat() if t.deadline else "none given",
                _esc(t.number or t.document),
            )
        console.print(table)
    else:
        console.print("tasks (0)")
    if a.group_tasks:
        table = Table(title=f"tasks as one of a group or of the addressees ({len(a.group_tasks)})")
        for col in ("task", "kind", "given to", "deadline", "from document"):
            table.add_column(col)
        for t in a.group_tasks:
            given = {None: "it (its task's report)", "": "all addressees"}.get(t.group)
            table.add_row(
                _esc(t.text),
                t.kind,
                given or _esc(t.group or ""),
                t.deadline.isoformat() if t.deadline else "none given",
                _esc(t.number or t.document),
            )
        console.print(table)
    else:
        console.print("tasks as one of a group or of the addressees (0)")
    if a.carried_out:
        table = Table(title=f"carried out ({len(a.carried_out)})")
        for col in ("its document", "date", "carries out"):
            table.add_column(col)
        for d in a.carried_out:
            table.add_row(
                _esc(d.number or d.document),
                d.date.isoformat() if d.date else "undated",
                _esc(", ".join(d.implements)),
            )
        console.print(table)
    else:
        console.print("carried out (0)")
    if a.senders:
        table = Table(title="from whom")
        for col in ("body", "level", "documents"):
            table.add_column(col)
        for s in a.senders:
            table.add_row(
                _esc(s.issuer_name or s.issuer or "unknown"), s.level or "—", str(s.documents)
            )
        console.print(table)
