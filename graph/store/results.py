"""Query input and output: a query from text or ``@file``, bound values, result formats.

Results are written as the W3C SPARQL 1.1 result formats (JSON, CSV, TSV) so
other tools read them; the terminal table is the CLI's business.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from chidao.errors import QueryError
from chidao.graph.store.oxigraph import QueryResult

RESULT_FORMATS = ("table", "csv", "tsv", "json")


def saved_queries() -> dict[str, Path]:
    """The saved queries shipped in ``chidao.data/queries`` by name (file stem)."""
    folder = Path(str(resources.files("chidao.data").joinpath("queries")))
    return {p.stem: p for p in sorted(folder.glob("*.rq"))}


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A saved query and what its leading comment says about it."""

    name: str
    purpose: str  # the comment's first line
    parameters: tuple[str, ...]  # variables its comment shows bound with --bind NAME=…
    text: str


_BIND_EXAMPLE = re.compile(r"--bind\s+([A-Za-z_][A-Za-z0-9_]*)=")


def describe_query(name: str, text: str) -> SavedQuery:
    """Read a query's purpose and parameters from its leading ``#`` comment.

    >>> q = describe_query("x", "# Tasks of one body.\\n#   chidao query @x --bind who=Y\\nSELECT")
    >>> q.purpose, q.parameters
    ('Tasks of one body.', ('who',))
    """
    comment = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        comment.append(stripped.lstrip("#").strip())
    purpose = next((line for line in comment if line), "")
    found = _BIND_EXAMPLE.findall("\n".join(comment))
    return SavedQuery(name, purpose, tuple(dict.fromkeys(found)), text)


def saved_query_list() -> list[SavedQuery]:
    """Every saved query, described (:func:`describe_query`), by name."""
    return [
        describe_query(name, path.read_text(encoding="utf-8"))
        for name, path in saved_queries().items()
    ]


def load_query(text: str) -> str:
    """The SPARQL text of ``text``: itself, or a file's content for ``@path``.

    ``@name`` also finds a saved query by name (``@cited-not-in-corpus``); an
    unknown name is an error that lists the known ones.
    """
    if not text.startswith("@"):
        return text
    ref = text[1:]
    path = Path(ref)
    if not path.is_file():
        known = saved_queries()
        name = ref.removesuffix(".rq")
        if name not in known:
            if "/" in ref or ref.endswith(".rq"):
                raise QueryError("cannot read the query file: no such file", source=ref)
            raise QueryError(
                f"no saved query named {name!r}; the saved queries are: {', '.join(known)} "
                "(chidao query --list describes them)"
            )
        path = known[name]
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"cannot read the query file: {exc.strerror or exc}", source=ref) from exc


@dataclass(frozen=True, slots=True)
class Binding:
    """A value given on the command line for a variable.

    ``any_language``: the value was typed as plain text (no quotes, no ``@lang``),
    so it matches a literal of that text whatever its language tag
    (:func:`chidao.graph.store.binding.bind_plain_text`).
    """

    name: str
    term: Node
    any_language: bool = False


def parse_binding_spec(spec: str) -> Binding:
    """``name=value`` → a :class:`Binding`, the value checked as an RDF term.

    ``<…>`` is an IRI, ``"…"@lang`` a language-tagged literal, ``"…"`` exactly
    a plain string, anything else plain text that matches any language tag.

    >>> parse_binding_spec("who=Chính phủ")
    Binding(name='who', term=rdflib.term.Literal('Chính phủ'), any_language=True)
    >>> parse_binding_spec('who="Chính phủ"').any_language
    False
    >>> parse_binding_spec("d=<a b>")
    Traceback (most recent call last):
    chidao.errors.QueryError: --bind d: not a valid IRI: <a b> (Invalid IRI code point ' ')
    """
    import pyoxigraph as ox  # checks terms as the store will

    name, sep, value = spec.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not name.isidentifier():
        raise QueryError(f"a binding is NAME=VALUE, not {spec!r}")
    if value.startswith("<") and value.endswith(">"):
        try:
            ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise QueryError(f"--bind {name}: not a valid IRI: {value} ({exc})") from None
        return Binding(name, URIRef(value[1:-1]))
    if value.startswith('"') and '"@' in value:
        text, _, lang = value[1:].rpartition('"@')
        try:
            ox.Literal(text, language=lang)
        except ValueError as exc:
            raise QueryError(f"--bind {name}: not a valid language tag: {lang!r} ({exc})") from None
        return Binding(name, Literal(text, lang=lang))
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return Binding(name, Literal(value[1:-1]))
    return Binding(name, Literal(value), any_language=True)


def parse_binding(spec: str) -> tuple[str, Node]:
    """``name=value`` → a variable and an RDF term, never spliced into query text.

    ``<…>`` is an IRI, ``"…"@lang`` a language-tagged literal, anything else a
    plain string literal (see :func:`parse_binding_spec`).

    >>> parse_binding("n=30/NQ-CP")
    ('n', rdflib.term.Literal('30/NQ-CP'))
    >>> parse_binding('who="Chính phủ"@vi')[1].language
    'vi'
    >>> parse_binding("d=<https://w3id.org/chidao/doc/x>")[1]
    rdflib.term.URIRef('https://w3id.org/chidao/doc/x')
    """
    binding = parse_binding_spec(spec)
    return binding.name, binding.term


def term_text(term: Node | None) -> str:
    """A term as plain text (the CSV form): IRIs and literals bare, unbound empty."""
    return "" if term is None else str(term)


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    return term.n3()


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def write_result(result: QueryResult, fmt: str, out: IO[str]) -> int:
    """Write a SELECT/ASK result as ``csv``, ``tsv`` or ``json``; return the row count."""
    if result.kind == "ask":
        if fmt == "json":
            json.dump({"head": {}, "boolean": bool(result.boolean)}, out)
            out.write("\n")
        else:
            out.write(f"{'true' if result.boolean else 'false'}\n")
        return 1
    if result.kind != "select":
        raise QueryError("CONSTRUCT/DESCRIBE results are graphs: use `chidao export`")
    names = result.variables
    n = 0
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(names)
        for row in result.rows:
            w.writerow([term_text(t) for t in row])
            n += 1
    elif fmt == "tsv":
        out.write("\t".join(f"?{v}" for v in names) + "\n")
        for row in result.rows:
            out.write("\t".join(_tsv_term(t) for t in row) + "\n")
            n += 1
    elif fmt == "json":
        # Streamed: one binding per line inside the standard document.
        out.write(json.dumps({"head": {"vars": names}})[:-1] + ', "results": {"bindings": [')
        for row in result.rows:
            b = {v: _json_term(t) for v, t in zip(names, row, strict=True) if t is not None}
            out.write(("\n" if n == 0 else ",\n") + json.dumps(b, ensure_ascii=False))
            n += 1
        out.write("\n]}}\n")
    else:
        raise QueryError(f"unknown result format {fmt!r}")
    return n


def rows_as_text(result: QueryResult) -> Iterable[list[str]]:
    """The rows of a SELECT result as plain strings (for a terminal table)."""
    for row in result.rows:
        yield [term_text(t) for t in row]
