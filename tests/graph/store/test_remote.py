"""RemoteStore against a real, writable Oxigraph server; SPARQL text without splicing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from chidao.cli.main import main
from chidao.errors import QueryError, StoreError
from chidao.graph.rdf.sparql_text import bind_values, query_form, sparql_term, where_brace
from chidao.graph.store.endpoint import Endpoint
from chidao.graph.store.oxigraph import (
    GraphWrite,
    OxigraphStore,
    TripleStore,
    export_bytes,
    open_store,
)
from chidao.graph.store.remote import CHIDAO_GRAPHS, RemoteStore, default_update_url, write_update
from chidao.graph.store.server import OxigraphServer, free_port

EX = "http://example.org/"
SAMPLES = Path(__file__).resolve().parents[3] / "data" / "samples"
G = CHIDAO_GRAPHS + "test/"  # where chidao keeps source files' graphs
P = URIRef(EX + "p")
HOSTILE = 'x" } ; DROP ALL ; INSERT DATA { <http://e/a> <http://e/b> "pwned'


# -- SPARQL text -------------------------------------------------------------------


def test_literals_are_escaped() -> None:
    text = sparql_term(Literal(HOSTILE + "\n\\", lang="vi"))
    assert (
        text == '"x\\" } ; DROP ALL ; INSERT DATA { <http://e/a> <http://e/b> \\"pwned\\n\\\\"@vi'
    )
    from rdflib.namespace import XSD  # imported here: pytest's collector trips on DefinedNamespace

    assert sparql_term(Literal("2021", datatype=XSD.gYear)).endswith("^^<" + str(XSD.gYear) + ">")


def test_blank_node_labels_are_safe() -> None:
    assert sparql_term(BNode("b0")) == "_:b0"
    odd = sparql_term(BNode("x> } ; DROP ALL"))
    assert odd.startswith("_:b") and odd[2:].isalnum()
    assert odd == sparql_term(BNode("x> } ; DROP ALL"))  # the same node, the same label


@pytest.mark.parametrize(
    "iri", ["http://x> } ; DROP ALL ; #", "http://x y", "", "http://x/{g}", "http://x/\n"]
)
def test_breaking_iris_are_refused(iri: str) -> None:
    with pytest.raises(QueryError):
        sparql_term(URIRef(iri))


@pytest.mark.parametrize(
    ("query", "opening"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "{ ?s ?p ?o }"),
        ("select * { ?s ?p ?o }", "{ ?s ?p ?o }"),
        ('SELECT ("{where}" AS ?x) # WHERE {\n WHERE { ?s ?p ?o }', "{ ?s ?p ?o }"),
        ("PREFIX w: <http://e/where#>\nASK { ?s w:where ?o }", "{ ?s w:where ?o }"),
        ("CONSTRUCT { ?s ?p ?where } WHERE { ?s ?p ?where }", "{ ?s ?p ?where }"),
        ("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", "{ ?s ?p ?o }"),
        (
            'SELECT ?s WHERE { { SELECT ?s { ?s ?p """}""" } } }',
            '{ { SELECT ?s { ?s ?p """}""" } } }',
        ),
    ],
)
def test_where_brace(query: str, opening: str) -> None:
    assert query[where_brace(query) :] == opening


def test_where_brace_refusals() -> None:
    with pytest.raises(QueryError):
        where_brace("CONSTRUCT WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError):
        where_brace("DESCRIBE <http://e/a>")
    with pytest.raises(QueryError):
        query_form("INSERT DATA { <http://e/a> <http://e/b> 1 }")


def test_bind_values_rejects_bad_variables_and_blank_nodes() -> None:
    with pytest.raises(QueryError):
        bind_values("SELECT * { ?s ?p ?o }", {"s) } ; #": URIRef(EX + "a")})
    with pytest.raises(QueryError):
        bind_values("SELECT * { ?s ?p ?o }", {"s": BNode()})


def test_update_url_defaults() -> None:
    assert default_update_url("http://h:7878/query") == "http://h:7878/update"
    assert default_update_url("http://h:8890/sparql") == "http://h:8890/sparql"
    store = RemoteStore("http://u:p%40ss@h:8890/sparql")
    assert store.endpoint == "http://h:8890/sparql"
    with pytest.raises(StoreError):
        RemoteStore("file:///etc/passwd")


# -- against a real server -------------------------------------------------------


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    with OxigraphServer(tmp_path / "store", port=0, writable=True) as running:
        yield running
    assert not running.running


@pytest.fixture
def remote(server: OxigraphServer) -> RemoteStore:
    return RemoteStore(server.query_url)


def _triples(*objects: str) -> list[tuple[URIRef, URIRef, Literal]]:
    return [(URIRef(EX + "d"), P, Literal(o, lang="vi")) for o in objects]


def _write(store: TripleStore, graph: str, triples, replaces: tuple[str, ...] = ()) -> None:  # type: ignore[no-untyped-def]
    store.write([GraphWrite(URIRef(graph), triples, replaces)])


def _objects(store: TripleStore) -> set[str]:
    return {str(row[0]) for row in store.query(f"SELECT ?o {{ ?s <{P}> ?o }}").rows}


def test_open_store_endpoint_branch() -> None:
    store = open_store(endpoint="http://127.0.0.1:7878/query", read_only=True)
    assert isinstance(store, RemoteStore) and isinstance(store, TripleStore)
    assert store.update_endpoint == "http://127.0.0.1:7878/update"
    with pytest.raises(StoreError, match="read-only"):
        store.update("CLEAR ALL")  # refused before any request is sent
    with pytest.raises(StoreError, match="needs --endpoint"):
        open_store(update_endpoint="http://127.0.0.1:7878/update")


@pytest.mark.server
def test_write_replaces_whole_graphs_and_leaves_others(remote: RemoteStore) -> None:
    _write(remote, G + "g1", _triples("a", "b"))
    _write(remote, G + "g2", _triples("c"))
    assert remote.triple_count() == 3
    assert remote.triple_count(G + "g1") == 2
    _write(remote, G + "g1", _triples("z"))
    assert remote.graph_counts() == {G + "g1": 1, G + "g2": 1}
    assert _objects(remote) == {"z", "c"}
    # A new version of a file drops the graph it replaces, in the same request.
    _write(remote, G + "g3", _triples("y"), replaces=(G + "g1",))
    assert sorted(remote.named_graphs()) == [G + "g2", G + "g3"]
    assert remote.has_graph(G + "g3") and not remote.has_graph(G + "g1")
    assert list(remote.graph_triples(G + "g3")) == _triples("y")


@pytest.mark.server
def test_write_in_size_limited_requests(server: OxigraphServer) -> None:
    remote = RemoteStore(server.query_url, triples_per_request=3, triples_per_insert=2)
    sent: list[str] = []
    real_update = remote.update

    def recording_update(sparql: str) -> None:
        sent.append(sparql)
        real_update(sparql)

    remote.update = recording_update  # type: ignore[method-assign]
    batch = [
        GraphWrite(URIRef(G + "a"), _triples("1", "2")),
        GraphWrite(URIRef(G + "b"), _triples("3")),
        GraphWrite(URIRef(G + "c"), _triples("4", "5", "6", "7", "8")),  # bigger than a request
    ]
    remote.write(batch)
    assert len(sent) == 2  # a + b, then c alone
    assert sent[1].count("INSERT DATA") == 3  # c's five triples in inserts of at most two
    assert remote.graph_counts() == {G + "a": 2, G + "b": 1, G + "c": 5}


def test_write_update_drops_before_inserting() -> None:
    w = GraphWrite(URIRef(G + "new"), _triples("x", "y", "z"), replaces=(G + "old",))
    text = write_update([w], triples_per_insert=2)
    assert text.index("DROP SILENT GRAPH <" + G + "old>") < text.index("INSERT DATA")
    assert text.count("INSERT DATA") == 2 and text.count("DROP SILENT GRAPH") == 2


@pytest.mark.server
def test_whole_store_reads_stop_at_chidao_graphs(remote: RemoteStore) -> None:
    # A shared server holds other graphs too (Virtuoso's system graphs, other projects).
    remote.update(f"INSERT DATA {{ GRAPH <{EX}elsewhere> {{ <{EX}a> <{EX}b> <{EX}c> }} }}")
    _write(remote, G + "g1", _triples("a"))
    assert remote.triple_count() == 1
    assert list(remote.named_graphs()) == [G + "g1"]
    assert remote.graph_counts() == {G + "g1": 1}
    assert b"elsewhere" not in export_bytes(remote, "nq")


@pytest.mark.server
def test_failed_write_changes_nothing(remote: RemoteStore) -> None:
    _write(remote, G + "g1", _triples("old"))
    # The request fails at its last operation, after the drop and the insert
    # have run: the server applies all of it or none.
    failing = (
        f"DROP SILENT GRAPH <{G}g1> ;\n"
        f"INSERT DATA {{ GRAPH <{G}g1> {{ <{EX}d> <{P}> 'new' }} }} ;\n"
        f"DROP GRAPH <{EX}absent>"
    )
    with pytest.raises(StoreError):
        remote.update(failing)
    assert _objects(remote) == {"old"}


@pytest.mark.server
def test_hostile_text_round_trips(remote: RemoteStore) -> None:
    _write(remote, G + "g", _triples(HOSTILE))
    assert remote.triple_count() == 1
    result = remote.query(f"SELECT ?d WHERE {{ ?d <{P}> ?o }}", {"o": Literal(HOSTILE, lang="vi")})
    assert [row[0] for row in result.rows] == [URIRef(EX + "d")]


@pytest.mark.server
def test_bindings_constrain_before_aggregation(remote: RemoteStore) -> None:
    _write(remote, G + "g", _triples("a", "b", "c"))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?d ?p ?o }"
    assert int(next(remote.query(count).rows)[0]) == 3  # type: ignore[arg-type]
    bound = remote.query(count, {"o": Literal("b", lang="vi")})
    assert int(next(bound.rows)[0]) == 1  # type: ignore[arg-type]


@pytest.mark.server
def test_query_forms_and_shared_prefixes(remote: RemoteStore) -> None:
    _write(
        remote,
        G + "g",
        [(URIRef(EX + "d"), URIRef("http://data.europa.eu/eli/ontology#number"), Literal("1/KH"))],
    )
    assert remote.query("ASK { ?s ?p ?o }").boolean is True
    graph = Graph()
    graph += remote.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").triples
    assert len(graph) == 1
    # eli: is one of the shared prefixes a query may use undeclared, as with the embedded store.
    rows = remote.query('SELECT ?d WHERE { ?d eli:number "1/KH" }').rows
    assert [str(r[0]) for r in rows] == [EX + "d"]
    # A query's own declaration wins over the shared one.
    own = remote.query("PREFIX eli: <http://example.org/other#> ASK { ?d eli:number ?n }")
    assert own.boolean is False
    with pytest.raises(QueryError, match="rejected"):
        remote.query("SELECT ?x WHERE { ?x")


@pytest.mark.server
def test_export_matches_embedded(remote: RemoteStore) -> None:
    embedded = OxigraphStore(None)  # in memory
    for i in range(3):
        for store in (remote, embedded):
            _write(store, f"{G}g{i}", _triples(f"t{i}", f"u{i}"))
    for fmt in ("nq", "trig", "nt", "ttl", "jsonld"):
        got, expected = Dataset(), Dataset()
        parse_as = {"nq": "nquads", "nt": "nt", "ttl": "turtle", "jsonld": "json-ld"}.get(fmt, fmt)
        got.parse(data=export_bytes(remote, fmt), format=parse_as)
        expected.parse(data=export_bytes(embedded, fmt), format=parse_as)
        names = {g.identifier for g in expected.graphs() if len(g)}
        assert {g.identifier for g in got.graphs() if len(g)} == names, fmt
        for g in expected.graphs():
            assert isomorphic(got.graph(g.identifier), g), fmt


@pytest.mark.server
def test_read_only_server_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with OxigraphServer(path, port=0, writable=True) as server:
        _write(RemoteStore(server.query_url), G + "g", _triples("a"))
    with OxigraphServer(path, port=0) as server:
        remote = RemoteStore(server.query_url)
        with pytest.raises(StoreError, match="read-only") as refused:
            _write(remote, G + "g", _triples("b"))
        assert G + "g" in str(refused.value)  # the error names the graphs it was writing
        assert remote.triple_count() == 1


def test_silent_endpoint_times_out() -> None:
    import socket

    with socket.socket() as listener:  # accepts connections, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        remote = RemoteStore(f"http://127.0.0.1:{listener.getsockname()[1]}/query", timeout=0.5)
        with pytest.raises(StoreError, match=r"no answer within 0\.5 s"):
            remote.triple_count()


def test_unreachable_endpoint() -> None:
    remote = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=5)
    with pytest.raises(StoreError, match="cannot reach"):
        remote.triple_count()


# -- the commands through --endpoint ----------------------------------------------------


def _numbers(store_args: list[str]) -> list[str]:
    result = CliRunner().invoke(
        main,
        ["query", "SELECT DISTINCT ?n WHERE { ?d eli:number ?n } ORDER BY ?n", "--format", "csv"]
        + store_args,
    )
    assert result.exit_code == 0, result.output
    return [line.strip() for line in result.output.splitlines()[1:] if line.strip()]


def _analysis(command: str, number: str, store_args: list[str]) -> object:
    result = CliRunner().invoke(main, [command, number, "--format", "json", *store_args])
    return result.exit_code, json.loads(result.output) if result.exit_code == 0 else result.output


@pytest.fixture(params=["oxigraph", "chidao"])
def any_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """A writable server over a new store: the upstream Oxigraph server, or chidao's own."""
    if request.param == "oxigraph":
        with OxigraphServer(tmp_path / "served", port=0, writable=True) as running:
            yield running
    else:
        with Endpoint(tmp_path / "served", port=0, writable=True) as running:
            yield running


@pytest.mark.server
def test_ingest_through_endpoint_matches_embedded(tmp_path: Path, any_server) -> None:  # type: ignore[no-untyped-def]
    server = any_server
    runner = CliRunner()
    local = ["--store", str(tmp_path / "embedded")]
    remote = ["--endpoint", server.query_url]

    for args in (local, remote, remote):  # the second remote run must change nothing
        result = runner.invoke(main, ["ingest", str(SAMPLES), "-q", *args])
        assert result.exit_code == 0, result.output
    assert "5 unchanged" in result.output

    embedded = OxigraphStore(tmp_path / "embedded", read_only=True)
    through_server = RemoteStore(server.query_url)
    assert through_server.triple_count() == embedded.triple_count() > 500
    assert through_server.graph_counts() == embedded.graph_counts()

    numbers = _numbers(local)
    assert numbers == _numbers(remote) and len(numbers) >= 5
    chains = followers = 0
    for number in numbers:
        expected = _analysis("lineage", number, local)
        assert _analysis("lineage", number, remote) == expected, number
        chains += len(expected[1]["chains"]) if expected[0] == 0 else 0  # type: ignore[index]
        expected = _analysis("cascade", number, local)
        assert _analysis("cascade", number, remote) == expected, number
        followers += len(expected[1]["nodes"]) if expected[0] == 0 else 0  # type: ignore[index]
    assert chains > 0 and followers > 0, "the samples link no documents: nothing compared"


def test_credentials_answer_the_servers_challenge() -> None:
    import base64
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen: list[str | None] = []

    class Guarded(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append(self.headers.get("Authorization"))
            if (
                self.headers.get("Authorization")
                != "Basic " + base64.b64encode(b"reader:p@ss").decode()
            ):
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
                self.end_headers()
                return
            body = b'{"head":{},"boolean":true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Guarded)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://reader:p%40ss@127.0.0.1:{httpd.server_port}/sparql"
        remote = RemoteStore(url, timeout=10)
        assert "p%40ss" not in repr(remote) and "reader" not in repr(remote)
        assert remote.query("ASK { ?s ?p ?o }").boolean is True
        assert seen[0] is None and seen[-1] is not None  # sent only when challenged
        with pytest.raises(StoreError, match="HTTP 401"):
            RemoteStore(url.replace("p%40ss", "wrong"), timeout=10).query("ASK { ?s ?p ?o }")
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.mark.server
def test_stats_export_validate_through_endpoint(tmp_path: Path, server: OxigraphServer) -> None:
    runner = CliRunner()
    local = ["--store", str(tmp_path / "embedded")]
    remote = ["--endpoint", server.query_url]
    for args in (local, remote):
        result = runner.invoke(main, ["ingest", str(SAMPLES), "-q", *args])
        assert result.exit_code == 0, result.output

    stats = [runner.invoke(main, ["stats", "--format", "json", *a]) for a in (local, remote)]
    assert [r.exit_code for r in stats] == [0, 0], [r.output for r in stats]
    assert json.loads(stats[1].output) == json.loads(stats[0].output)
    assert json.loads(stats[1].output)["documents"] >= 5

    exported = []
    for args in (local, remote):
        out = tmp_path / f"export-{len(exported)}.nq"
        result = runner.invoke(main, ["export", "--format", "nq", "-o", str(out), *args])
        assert result.exit_code == 0, result.output
        exported.append(Dataset().parse(out, format="nquads"))
    assert len(exported[1]) == len(exported[0]) > 500
    assert {str(g.identifier) for g in exported[1].graphs()} == {
        str(g.identifier) for g in exported[0].graphs()
    }

    checked = [runner.invoke(main, ["validate", *a]) for a in (local, remote)]
    assert checked[1].exit_code == checked[0].exit_code == 0, checked[1].output
    assert "5 graph(s) checked: conforms" in checked[1].output


@pytest.mark.server
def test_partial_loads_through_endpoint_match_embedded(
    tmp_path: Path, server: OxigraphServer
) -> None:
    from chidao.graph.analysis.load import load_graph, load_neighbourhood, load_organisation

    runner = CliRunner()
    for args in (["--store", str(tmp_path / "embedded")], ["--endpoint", server.query_url]):
        assert runner.invoke(main, ["ingest", str(SAMPLES), "-q", *args]).exit_code == 0
    local = OxigraphStore(tmp_path / "embedded", read_only=True)
    remote = RemoteStore(server.query_url)

    def same(a, b) -> None:  # type: ignore[no-untyped-def]
        assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
        assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))

    G = load_graph(local)
    same(load_graph(remote), G)
    for node, kind in G.nodes(data="kind"):
        if kind == "document":
            same(load_neighbourhood(remote, node), load_neighbourhood(local, node))
        else:
            same(load_organisation(remote, node), load_organisation(local, node))
