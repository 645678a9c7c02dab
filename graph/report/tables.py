"""The report's numbers as rows: the page's tables and the CSV files share them."""

from __future__ import annotations

import csv
from pathlib import Path

from chidao.errors import ChidaoError
from chidao.graph.report.data import CorpusReport, DocumentReport

Table = tuple[list[str], list[list[object]]]


def _num(value: object) -> object:
    return "" if value is None else value


def document_tables(r: DocumentReport) -> dict[str, Table]:
    """``name → (header, rows)`` of a document report (``levels``, ``documents``, …)."""
    levels = [
        [
            s.level or "unknown",
            s.count,
            s.unknown,
            *map(_num, (s.minimum, s.q1, s.median, s.q3, s.maximum)),
        ]
        for s in r.lags
    ]
    docs = [
        [
            n.document.number or "",
            n.document.issuer_name or "",
            n.document.level or "",
            n.document.date.isoformat() if n.document.date else "",
            n.relation,
            n.depth,
            _num(n.lag_days),
            _num(n.days_from_root),
            n.document.iri,
        ]
        for n in r.cascade.nodes
    ]
    units: list[list[object]] = []
    if r.gaps is not None:
        cov, numbers = r.gaps.coverage, r.gaps.numbers
        for unit, iris in cov.covered.items():
            names = "; ".join(numbers.get(i, i) for i in iris)
            units.append([unit, "yes", _num(r.first_days.get(unit)), names])
        units.extend([unit, "no", "", ""] for unit in cov.missing)
    return {
        "levels": (
            ["level", "documents", "lag unknown", "min", "q1", "median", "q3", "max"],
            levels,
        ),
        "documents": (
            [
                "number",
                "issuer",
                "level",
                "date",
                "relation",
                "depth",
                "lag days",
                "days from root",
                "iri",
            ],
            docs,
        ),
        "units": (["unit", "carried out", "first day", "documents"], units),
        "diffusion": (["level", "day", "share of units"], diffusion_rows(r)),
    }


def diffusion_rows(r: DocumentReport) -> list[list[object]]:
    """``[level, day, share]`` of each diffusion curve, the gaps' level first."""
    rows: list[list[object]] = []
    if r.gaps is not None:
        level = r.gaps.coverage.unit_level or ""
        rows.extend([level, d, round(s, 4)] for d, s in r.curve)
    for level, (_, curve) in r.deeper.items():
        rows.extend([level, d, round(s, 4)] for d, s in curve)
    return rows


def corpus_tables(r: CorpusReport) -> dict[str, Table]:
    """``name → (header, rows)`` of the corpus report."""
    levels = sorted({lv for c in r.per_month.values() for lv in c})
    return {
        "per_month": (
            ["month", *levels],
            [[m, *(c.get(lv, 0) for lv in levels)] for m, c in r.per_month.items()],
        ),
        "median_lag": (
            ["level", "province", "edges", "median lag days"],
            [[lv, p, n, med] for (lv, p), (n, med) in r.median_lag.items()],
        ),
        "hubs": (
            ["number", "issuer", "level", "carried out by", "cited by"],
            [
                [h.number or "", h.issuer_name or "", h.level or "", h.implemented_by, h.cited_by]
                for h in r.hubs
            ],
        ),
        "central": (
            ["number", "issuer", "units carrying it out", "units", "iri"],
            [[c.number or "", c.issuer_name or "", c.covered, c.units, c.iri] for c in r.central],
        ),
    }


def write_csv(tables: dict[str, Table], folder: str | Path) -> list[Path]:
    """Write each table to ``folder/<name>.csv`` (UTF-8) and return the paths.

    Raises
    ------
    chidao.errors.ChidaoError
        If the folder or a file cannot be written.
    """
    folder = Path(folder)
    out = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, (header, rows) in tables.items():
            path = folder / f"{name}.csv"
            with path.open("w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(header)
                w.writerows(rows)
            out.append(path)
    except OSError as exc:
        raise ChidaoError(
            f"cannot write the CSV files: {exc.strerror}", source=str(folder)
        ) from exc
    return out
