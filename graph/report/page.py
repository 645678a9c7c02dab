"""A report as one self-contained HTML page: tables, and charts as inline SVG.

The page has no script at all and its Content-Security-Policy forbids every
fetch (``default-src 'none'``): it opens offline, and nothing it shows (document
text is autoescaped) can run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from chidao import __version__
from chidao.files import write_text_whole
from chidao.graph.report import plots
from chidao.graph.report.data import CorpusReport, DocumentReport
from chidao.graph.report.tables import Table, corpus_tables, document_tables

_ASSETS = Path(__file__).resolve().parent / "assets"


@dataclass(frozen=True)
class Section:
    """One heading of the page, with its text, an optional chart and table."""

    title: str
    text: tuple[str, ...] = ()
    svg: str | None = None
    table: Table | None = None
    numeric: frozenset[int] = field(default_factory=frozenset)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_ASSETS),
        autoescape=select_autoescape(["html", "j2"], default=True),
    )


def _render(
    title: str, intro: list[str], header: list[tuple[str, str]], sections: list[Section]
) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title, intro=intro, header=header, sections=sections, version=__version__
    )


def _days(d: float | None) -> str:
    return "unknown" if d is None else f"{d:g} d"


def document_page(r: DocumentReport) -> str:
    """The HTML report on one document."""
    root = r.cascade.root
    tables = document_tables(r)
    header = [
        ("Number", root.number or "—"),
        ("Type", root.doc_type or "—"),
        ("Date", root.date.strftime("%d/%m/%Y") if root.date else "undated"),
        ("Issuer", root.issuer_name or "—"),
        ("Level", root.level or "unknown"),
        ("Source", root.source or "known only from citations"),
    ]
    intro = [f"{len(r.cascade.nodes):,} documents carry it out, directly or through others."]
    if root.date is None:
        intro.append("The document is undated: every lag from it is unknown.")
    sections = []
    if r.gaps is not None:
        cov = r.gaps.coverage
        word = f"{cov.unit_level or 'unit'}s"
        text = [
            f"{len(cov.covered)} of {r.units} {word} in force on its date (gazetteer) "
            "carry it out; the curve counts each from its first document."
        ]
        unknown = sum(1 for d in r.first_days.values() if d is None)
        if unknown:
            text.append(f"{unknown} covered {word} have no dated document: not on the curve.")
        curves = {cov.unit_level or "units": r.curve}
        for level, (units, curve) in r.deeper.items():
            reached = round(curve[-1][1] * units) if curve else 0
            text.append(
                f"{level.capitalize()}s: {reached} of {units} in force on its date have a "
                f"dated document at {level} level or below carrying it out."
            )
            curves[level] = curve
        sections.append(
            Section(
                "Diffusion: share of units carrying it out, by day, per level",
                tuple(text),
                plots.diffusion_svg(curves, "units") if r.curve and root.date else None,
                tables["diffusion"],
                frozenset({1, 2}),
            )
        )
    lags = {
        s.level: [n.days_from_root for n in r.cascade.nodes if n.document.level == s.level]
        for s in r.lags
    }
    sections.append(
        Section(
            "Lags per level (days after the document)",
            (),
            plots.lags_svg(r.lags, lags) if any(s.median is not None for s in r.lags) else None,
            tables["levels"],
            frozenset(range(1, 8)),
        )
    )
    if r.gaps is not None:
        missing = r.gaps.coverage.missing
        sections.append(
            Section(
                f"Gaps: {len(missing)} {r.gaps.coverage.unit_level or 'unit'}s with no document",
                (", ".join(missing) or "none",),
            )
        )
    elif r.gaps_error:
        sections.append(Section("Gaps", (r.gaps_error,)))
    head = ["number", "issuer", "level", "date", "days from root"]
    for name, nodes in (("Fastest", r.fastest), ("Slowest", r.slowest)):
        if nodes:
            rows = [
                [
                    n.document.number or "—",
                    n.document.issuer_name or "—",
                    n.document.level or "—",
                    n.document.date.isoformat() if n.document.date else "—",
                    _days(n.days_from_root),
                ]
                for n in nodes
            ]
            sections.append(Section(name, (), None, (head, rows), frozenset({4})))
    if r.chains:
        rows = [
            [" → ".join(f"{n.document.number or '?'} ({_days(n.lag_days)})" for n in chain)]
            for chain in r.chains
        ]
        sections.append(
            Section(
                f"Chains through intermediate documents ({len(r.chains)})",
                ("Each step: a document and its lag after the one it carries out.",),
                None,
                (["chain from the document down"], rows),
            )
        )
    sections.append(
        Section(
            "Every document carrying it out", (), None, tables["documents"], frozenset({5, 6, 7})
        )
    )
    sections.append(Section("Units", (), None, tables["units"], frozenset({2})))
    title = f"Report on {root.number or root.iri}" + (
        f", {root.issuer_name}" if root.issuer_name else ""
    )
    return _render(title, intro, header, sections)


def corpus_page(r: CorpusReport) -> str:
    """The HTML report on the whole corpus."""
    tables = corpus_tables(r)
    sections = [
        Section(
            "Documents per level per month",
            ("Documents with a file and a date, by the month of their date.",),
            plots.months_svg(r.per_month) if r.per_month else None,
            tables["per_month"],
            frozenset(range(1, 10)),
        ),
        Section(
            "Median lag by level and province",
            ("Days from a document to the one it carries out, over its carrying-out edges.",),
            None,
            tables["median_lag"],
            frozenset({2, 3}),
        ),
        Section("Top hubs: most carried out", (), None, tables["hubs"], frozenset({3, 4})),
        Section(
            "Coverage of the central documents",
            (
                "Provinces in force on the document's date (gazetteer) "
                "with a document carrying it out.",
            ),
            None,
            tables["central"],
            frozenset({2, 3}),
        ),
    ]
    return _render("The corpus", [f"{r.documents:,} documents in the store."], [], sections)


def write_page(html: str, path: str | Path) -> Path:
    """Write ``html`` to ``path`` whole (:func:`chidao.files.write_text_whole`); the path."""
    return write_text_whole(html, path, "report")
