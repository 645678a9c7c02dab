"""A :class:`~chidao.graph.store.oxigraph.TripleStore` behind a SPARQL 1.1 endpoint.

:class:`RemoteStore` speaks the SPARQL 1.1 Protocol over plain HTTP
(``urllib``) to the Oxigraph server (``chidao serve``), Virtuoso, Fuseki or any
other SPARQL 1.1 store: queries and updates are POSTed as form fields.
Results are parsed by pyoxigraph's SPARQL-results and N-Triples parsers and
converted with the same function as the embedded store's, so a query answers
with identical terms from either store.

Plain HTTP rather than rdflib's ``SPARQLUpdateStore`` keeps every request
under our control: :meth:`RemoteStore.write` sends each file's replacement
inside ONE update request (``DROP SILENT GRAPH …`` for its old graphs, then
``INSERT DATA``), several small files per request. The Oxigraph server applies
a request as a whole or not at all. Virtuoso does not roll back a request that
fails half-way: there, a failed write can leave the graphs of that one
request partly written (the error says so; ingesting those files again
replaces them, as every write drops its graphs first).

Bound values are joined in as a ``VALUES`` block and every term is escaped
(:mod:`chidao.graph.rdf.sparql_text`); nothing is spliced.

The endpoint's default graph must be the union of its named graphs, as the
embedded store queries it: ``chidao serve`` starts Oxigraph that way
(``--union-default-graph``); Virtuoso does so by default.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from chidao.errors import QueryError, StoreError
from chidao.graph.rdf.sparql_text import (
    bind_values,
    declared_prefixes,
    query_form,
    sparql_iri,
    sparql_term,
)
from chidao.graph.store.oxigraph import (
    EXPORT_FORMATS,
    PREFIXES,
    GraphWrite,
    QueryResult,
    Triple,
    check_iris,
    from_ox,
    to_ox,
)
from chidao.ontology.namespaces import BASE

#: Where the named graphs of source files live (:func:`chidao.graph.rdf.ids.graph_iri`).
CHIDAO_GRAPHS = BASE + "graph/"

#: Triples per ``INSERT DATA`` operation. Virtuoso 7 compiles each one to SQL
#: and gives up between 1,200 and 1,500 triples ("SP031: The length of
#: generated SQL text has exceeded 10000 lines"); Oxigraph has no such limit.
TRIPLES_PER_INSERT = 1_000

#: Triples per update request :meth:`RemoteStore.write` sends (whole files only).
TRIPLES_PER_REQUEST = 4_000

# Results formats we ask for, best first, and their pyoxigraph parsers.
_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_RESULTS_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/tab-separated-values;q=0.8"
)
_GRAPHS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_GRAPHS_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"


class RemoteStore:
    """A triple store reached through a SPARQL 1.1 query (and update) endpoint.

    Implements :class:`chidao.graph.store.oxigraph.TripleStore`.

    Parameters
    ----------
    endpoint
        The query URL, e.g. ``http://127.0.0.1:7878/query`` (Oxigraph) or
        ``http://localhost:8890/sparql`` (Virtuoso).
    update_endpoint
        The update URL where it differs. For an Oxigraph server's ``…/query``
        the default is its ``…/update``; otherwise ``endpoint`` itself.
        ``user:password@`` in a URL is answered to the server's HTTP Basic or
        Digest challenge (and never sent elsewhere or printed).
    timeout
        Seconds to wait for each HTTP answer.
    read_only
        Refuse writes here, before any request (as the embedded store opened
        read-only does); a read-only server refuses them anyway.
    triples_per_request, triples_per_insert
        Size limits of :meth:`write`'s update requests and of each
        ``INSERT DATA`` in them (see :data:`TRIPLES_PER_INSERT`).

    Examples
    --------
    >>> store = RemoteStore("http://127.0.0.1:7878/query")
    >>> store.update_endpoint
    'http://127.0.0.1:7878/update'
    """

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        *,
        timeout: float = 300.0,
        read_only: bool = False,
        triples_per_request: int = TRIPLES_PER_REQUEST,
        triples_per_insert: int = TRIPLES_PER_INSERT,
    ) -> None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        self.endpoint = _take_credentials(_check_url(endpoint), passwords)
        self.update_endpoint = _take_credentials(
            _check_url(update_endpoint or default_update_url(endpoint)), passwords
        )
        # Answers a 401 with Basic or Digest, whichever the server asks for
        # (Virtuoso's /sparql-auth wants Digest).
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPBasicAuthHandler(passwords),
            urllib.request.HTTPDigestAuthHandler(passwords),
        )
        self.timeout = timeout
        self.read_only = read_only
        self.triples_per_request = triples_per_request
        self.triples_per_insert = triples_per_insert
        # Whole-store reads (counts, listings, export) stop at chidao's own graphs:
        # a shared server holds others (Virtuoso keeps its system graphs there).
        self._ours = f"FILTER(STRSTARTS(STR(?g), {sparql_term(Literal(CHIDAO_GRAPHS))}))"

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r}, update_endpoint={self.update_endpoint!r})"

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the SPARQL 1.1 Protocol -----------------------------------------------------------

    def _post(self, url: str, form: dict[str, str], accept: str) -> tuple[str, bytes]:
        """POST ``form``; the answer's media type and body."""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Accept": accept,
        }
        data = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(url, data=data, headers=headers, method="POST")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                media = response.headers.get_content_type()
                return media, response.read()
        except urllib.error.HTTPError as err:
            raise _http_error(url, err, is_update="update" in form) from err
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            if isinstance(reason, TimeoutError):
                raise StoreError(
                    f"the SPARQL endpoint gave no answer within {self.timeout:g} s",
                    source=url,
                ) from err
            raise StoreError(f"cannot reach the SPARQL endpoint: {reason}", source=url) from err

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of the graphs.

        ``bindings`` pre-bind variables to RDF terms (a ``VALUES`` block, escaped).
        The prefixes of :data:`chidao.graph.store.oxigraph.PREFIXES` may be used undeclared.

        Raises
        ------
        QueryError
            If the endpoint rejects the query (its message is included).
        StoreError
            If the endpoint cannot be reached, fails, or answers in a format
            that is not SPARQL results.
        """
        text = _with_prefixes(bind_values(sparql, bindings))
        graph_form = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
        accept = _GRAPHS_ACCEPT if graph_form else _RESULTS_ACCEPT
        media, body = self._post(self.endpoint, {"query": text}, accept)
        try:
            if graph_form:
                fmt = _GRAPHS.get(media, ox.RdfFormat.N_TRIPLES)
                triples = [
                    (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                    for t in ox.parse(body, format=fmt)
                ]
                return QueryResult("graph", triples=iter(triples))  # type: ignore[arg-type]
            result = ox.parse_query_results(
                body, format=_RESULTS.get(media, ox.QueryResultsFormat.JSON)
            )
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(result))
            names = [v.value for v in result.variables]
            rows = [tuple(from_ox(sol[n]) for n in names) for sol in result]
            return QueryResult("select", variables=names, rows=iter(rows))
        except (SyntaxError, ValueError) as err:
            raise StoreError(
                f"the endpoint's answer ({media}) is not a SPARQL result: {err}",
                source=self.endpoint,
            ) from err

    def update(self, sparql: str) -> None:
        """Send one SPARQL 1.1 Update request (several operations may be joined by ``;``).

        Raises
        ------
        StoreError
            If the endpoint refuses writes (a read-only server) or fails.
        QueryError
            If the endpoint rejects the update as invalid.
        """
        if self.read_only:
            raise StoreError("the store is open read-only", source=self.update_endpoint)
        self._post(self.update_endpoint, {"update": _with_prefixes(sparql)}, "*/*")

    # --- writing documents -------------------------------------------------------------------

    def write(self, batch: Sequence[GraphWrite]) -> None:
        """Replace the graphs of ``batch`` (and drop what each replaces).

        Every file's drop and insert travel in ONE update request, which the
        Oxigraph server applies as a whole or not at all: readers see a
        file's old graph or its new one, never a mix, and a failed request
        leaves the store as it was. Files are grouped into requests of at most
        :attr:`triples_per_request` triples (a bigger file goes alone), so a
        large batch is several requests, each atomic; an interrupted batch
        leaves whole files, and ingest's next run resumes after them. A term
        that is not valid RDF fails the whole batch before any request is sent.
        """
        try:
            check_iris(batch)  # a bad term fails the batch before any request is sent
        except ValueError as err:
            raise StoreError(f"invalid RDF term, nothing written: {err}") from err
        for group in _groups(batch, self.triples_per_request):
            try:
                self.update(write_update(group, self.triples_per_insert))
            except (StoreError, QueryError) as err:
                names = [str(w.graph) for w in group]
                shown = ", ".join(names[:3]) + (
                    f" and {len(names) - 3} more" if len(names) > 3 else ""
                )
                raise type(err)(
                    f"{err.message} (writing {shown}; a server without transactional "
                    "updates may have left these graphs partly written)",
                    source=err.source,
                ) from err

    # --- reading -----------------------------------------------------------------------------

    def has_graph(self, graph: str) -> bool:
        """Whether the named graph ``graph`` is stored."""
        res = self.query("ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(graph)})
        return bool(res.boolean)

    def graphs_for_file(self, path: str) -> list[str]:
        """The named graphs built from the file at absolute ``path``."""
        res = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?f . "
            "?f nfo:fileUrl ?url } }",
            {"url": URIRef(Path(path).as_uri())},
        )
        return sorted(str(row[0]) for row in res.rows)

    def named_graphs(self) -> Iterator[str]:
        """Every named graph's IRI."""
        res = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours} }}")
        for row in res.rows:
            yield str(row[0])

    def graph_triples(self, graph: str) -> Iterator[Triple]:
        """The triples of one named graph."""
        res = self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(graph)})
        yield from res.rows  # type: ignore[misc]

    def triple_count(self, graph: str | None = None) -> int:
        """Triples in ``graph``, or quads (triples summed over chidao's named graphs)."""
        if graph is not None:
            count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
            res = self.query(count, {"g": URIRef(graph)})
        else:
            res = self.query(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours} }}"
            )
        row = next(iter(res.rows), None)
        return int(row[0]) if row and row[0] is not None else 0  # type: ignore[arg-type]

    def graph_counts(self) -> dict[str, int]:
        """Triples per named graph."""
        res = self.query(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours} }} "
            "GROUP BY ?g"
        )
        return {str(g): int(n) for g, n in res.rows}  # type: ignore[arg-type]

    def export(self, fmt: str, out: IO[bytes]) -> None:
        """Write the store in ``fmt`` (:data:`chidao.graph.store.oxigraph.EXPORT_FORMATS`).

        Dataset formats keep each file's named graph; triple formats get the
        union of the graphs, as from the embedded store.
        """
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of {sorted(EXPORT_FORMATS)}")
        rdf_format = EXPORT_FORMATS[fmt]
        if rdf_format.supports_datasets:
            rows = self.query(
                f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours} }}"
            ).rows
            quads = (ox.Quad(*(to_ox(t) for t in row)) for row in rows)  # type: ignore[arg-type]
            ox.serialize(quads, out, format=rdf_format, prefixes=PREFIXES)
            return
        res = self.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours} }}"
        )
        triples = (ox.Triple(*(to_ox(t) for t in triple)) for triple in res.triples)
        ox.serialize(triples, out, format=rdf_format, prefixes=PREFIXES)

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""


def write_update(batch: Sequence[GraphWrite], triples_per_insert: int = TRIPLES_PER_INSERT) -> str:
    """The single SPARQL update that replaces every graph of ``batch``.

    Old graphs are dropped first, then the new triples are inserted in
    ``INSERT DATA`` operations of at most ``triples_per_insert`` triples.
    Every IRI is checked first (:func:`chidao.graph.store.oxigraph.check_iris`); the
    statements' N-Triples terms are SPARQL terms as they stand.

    >>> from rdflib import URIRef as U
    >>> w = GraphWrite(U("http://e/g2"), [(U("http://e/a"), U("http://e/b"), U("http://e/c"))],
    ...                replaces=("http://e/g1",))
    >>> print(write_update([w]))
    DROP SILENT GRAPH <http://e/g1> ;
    DROP SILENT GRAPH <http://e/g2> ;
    INSERT DATA {
    GRAPH <http://e/g2> {
    <http://e/a> <http://e/b> <http://e/c> .
    }
    }
    """
    try:
        statements = check_iris(batch)
    except ValueError as err:
        raise StoreError(f"invalid RDF term, nothing written: {err}") from err
    drops = [
        f"DROP SILENT GRAPH {sparql_iri(str(old))}"
        for w in batch
        for old in (*w.replaces, str(w.graph))
    ]
    inserts: list[str] = []
    chunk: list[str] = []
    size = 0
    for w, st in zip(batch, statements, strict=True):
        head = f"GRAPH {sparql_iri(str(w.graph))} {{\n"
        triples = st.triples
        for start in range(0, len(triples), triples_per_insert):
            part = triples[start : start + triples_per_insert]
            if chunk and size + len(part) > triples_per_insert:
                inserts.append("INSERT DATA {\n" + "".join(chunk) + "}")
                chunk, size = [], 0
            chunk.append(head + "".join(f"{s} {p} {o} .\n" for s, p, o in part) + "}\n")
            size += len(part)
    if chunk:
        inserts.append("INSERT DATA {\n" + "".join(chunk) + "}")
    return " ;\n".join(drops + inserts)


def _groups(batch: Sequence[GraphWrite], limit: int) -> Iterator[list[GraphWrite]]:
    """``batch`` cut into runs of whole files holding at most ``limit`` triples each.

    >>> from rdflib import URIRef as U
    >>> sizes = [3, 2, 4, 1]
    >>> ws = [GraphWrite(U(f"http://e/g{i}"), [None] * n) for i, n in enumerate(sizes)]
    >>> [[len(w.triples) for w in g] for g in _groups(ws, 5)]
    [[3, 2], [4, 1]]
    """
    group: list[GraphWrite] = []
    size = 0
    for w in batch:
        n = len(w.triples)
        if group and size + n > limit:
            yield group
            group, size = [], 0
        group.append(w)
        size += n
    if group:
        yield group


def default_update_url(endpoint: str) -> str:
    """The update URL that goes with ``endpoint``.

    Oxigraph serves queries at ``/query`` and updates at ``/update``; most
    other servers (Virtuoso's ``/sparql``, Fuseki's dataset URL) take both at
    one URL.

    >>> default_update_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/update'
    >>> default_update_url("http://localhost:8890/sparql")
    'http://localhost:8890/sparql'
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.path.endswith("/query"):
        path = parts.path[: -len("query")] + "update"
        return urllib.parse.urlunsplit(parts._replace(path=path))
    return endpoint


def _with_prefixes(sparql: str) -> str:
    """``sparql`` preceded by the declarations of the shared prefixes it does not declare."""
    own = declared_prefixes(sparql)
    head = "".join(
        f"PREFIX {name}: {sparql_iri(iri)}\n" for name, iri in PREFIXES.items() if name not in own
    )
    return head + sparql


def _check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError("not an http(s) SPARQL endpoint URL", source=url)
    return url


def _take_credentials(url: str, passwords: urllib.request.HTTPPasswordMgr) -> str:
    """``url`` without ``user:password@``; the credentials go to ``passwords`` for it.

    >>> mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    >>> _take_credentials("http://dba:s%40cret@localhost:8890/sparql-auth", mgr)
    'http://localhost:8890/sparql-auth'
    >>> mgr.find_user_password(None, "http://localhost:8890/sparql-auth")
    ('dba', 's@cret')
    """
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    bare = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    user = urllib.parse.unquote(parts.username)
    passwords.add_password(None, bare, user, urllib.parse.unquote(parts.password or ""))
    return bare


def _http_error(url: str, err: urllib.error.HTTPError, *, is_update: bool) -> Exception:
    try:
        detail = err.read().decode("utf-8", "replace").strip()
    except OSError:
        detail = ""
    detail = detail[:500] or str(err.reason)
    if err.code in (401, 403):
        what = "refused the update (is it read-only?)" if is_update else "refused the request"
        return StoreError(f"the endpoint {what}: HTTP {err.code}: {detail}", source=url)
    if err.code == 400:
        return QueryError(f"the endpoint rejected the request: {detail}", source=url)
    return StoreError(f"the endpoint failed: HTTP {err.code}: {detail}", source=url)


__all__ = ["RemoteStore", "default_update_url", "write_update"]
