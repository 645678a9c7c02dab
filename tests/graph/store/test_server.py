"""The Oxigraph SPARQL server over a chidao store (``chidao serve``).

Every test that starts a server stops it: the :class:`OxigraphServer` context
manager terminates (then kills) the child, and the tests check it is gone.
Servers bind to 127.0.0.1 on a free port.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal
from rdflib.term import Node
from SPARQLWrapper import JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from chidao.cli.main import main
from chidao.errors import StoreError
from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.folder import mark
from chidao.graph.store.oxigraph import OxigraphStore
from chidao.graph.store.remote import RemoteStore
from chidao.graph.store.results import saved_queries
from chidao.graph.store.server import OxigraphServer, find_oxigraph, free_port, is_loopback

pytestmark = pytest.mark.server

EX = "http://example.org/"
SAMPLES = Path(__file__).resolve().parents[3] / "data" / "samples"
SAVED = saved_queries()

# A bound example per saved query that documents one (see its comment).
BOUND = {
    "implementing-documents": {"implemented_number": Literal("68/NQ-CP")},
    "instructions-received": {"issuer": Literal("Huyện ủy Sông Hinh", lang="vi")},
    "tasks-by-organisation": {"assignee": Literal("Ủy ban nhân dân huyện Sông Hinh", lang="vi")},
}


def _post(url: str, field: str, text: str, accept: str = "application/sparql-results+json"):
    data = urllib.parse.urlencode({field: text}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with two named graphs, written by pyoxigraph as the embedded store does."""
    path = tmp_path_factory.mktemp("small") / "store"
    store = ox.Store(str(path))
    for g in ("g1", "g2"):
        store.add(
            ox.Quad(
                ox.NamedNode(EX + "doc/" + g),
                ox.NamedNode(EX + "number"),
                ox.Literal(f"{g}/KH-UBND"),
                ox.NamedNode(EX + "graph/" + g),
            )
        )
    store.flush()
    del store  # releases the RocksDB lock
    mark(path, "ready")  # as chidao marks the stores it creates
    return path


def test_executable_matches_pyoxigraph() -> None:
    exe = find_oxigraph()
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True).stdout
    assert out.split()[-1].split(".")[:2] == ox.__version__.split(".")[:2]


def test_server_of_another_release_line_is_refused(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("chidao.graph.store.server._executable_version", lambda exe: "0.4.11")
    with pytest.raises(StoreError, match="does not match pyoxigraph"):
        find_oxigraph()


def test_missing_server_names_the_extra(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(StoreError, match=r"chidao\[server\]"):
        find_oxigraph()


def test_read_only_server_answers_and_refuses_updates(small_store: Path) -> None:
    with OxigraphServer(small_store, port=0) as server:
        process = server.process
        assert server.url.startswith("http://127.0.0.1:")
        status, body = _post(
            server.query_url, "query", f"SELECT ?n WHERE {{ ?d <{EX}number> ?n }} ORDER BY ?n"
        )
        assert status == 200
        rows = json.loads(body)["results"]["bindings"]
        # Union default graph: the triples of both named graphs are seen without GRAPH.
        assert [r["n"]["value"] for r in rows] == ["g1/KH-UBND", "g2/KH-UBND"]

        with pytest.raises(urllib.error.HTTPError) as refused:
            _post(server.update_url, "update", f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")
        assert refused.value.code == 403
        status, body = _post(server.query_url, "query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2"
    assert process is not None and process.poll() is not None, "server still running"


def test_writable_server_accepts_updates(tmp_path: Path) -> None:
    with OxigraphServer(tmp_path / "new", port=0, writable=True) as server:
        _post(server.update_url, "update", f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}", "*/*")
        _, body = _post(server.query_url, "query", f"ASK {{ <{EX}a> <{EX}b> <{EX}c> }}")
        assert json.loads(body)["boolean"] is True
    # What the server wrote, the embedded store reads.
    assert len(ox.Store.read_only(str(tmp_path / "new"))) == 1


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        OxigraphServer(tmp_path / "absent", port=0).start()


def test_port_in_use_is_a_clear_error(small_store: Path) -> None:
    with OxigraphServer(small_store, port=0) as first:
        with pytest.raises(StoreError, match="already in use"):
            OxigraphServer(small_store, port=first.port).start()


HOLD_STORE = """
import sys, time, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])  # RocksDB's exclusive lock, as during an ingest
print("open", flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the lock holder is read from /proc/locks")
@pytest.mark.parametrize("writable", [False, True])
def test_store_open_for_writing_elsewhere(small_store: Path, writable: bool) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(small_store)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        server = OxigraphServer(small_store, port=0, writable=writable)
        with pytest.raises(StoreError, match=f"open for writing by process {holder.pid}"):
            server.start()
        assert server.process is None, "a server was started"
    finally:
        holder.kill()
        holder.wait()
    with OxigraphServer(small_store, port=0, writable=writable) as server:
        assert server.running  # once the writer is gone, it serves


def test_lock_error_from_the_server_is_explained(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Where /proc/locks cannot tell (not Linux), the server's own lock failure is explained.
    monkeypatch.setattr("chidao.graph.store.server.store_writer", lambda path: None)
    path = tmp_path / "locked"
    holder = ox.Store(str(path))
    try:
        server = OxigraphServer(path, port=0, writable=True)
        with pytest.raises(StoreError, match="open in another process"):
            server.start()
        assert server.process is None
    finally:
        del holder


def test_bind_address_and_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    server = OxigraphServer("s", bind="::1", port=7000)
    assert server.url == "http://[::1]:7000"
    assert server.command("oxigraph")[-3:] == ["--bind", "[::1]:7000", "--union-default-graph"]
    assert "serve-read-only" in server.command("oxigraph")
    assert "serve" in OxigraphServer("s", writable=True).command("oxigraph")


def _wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float = 30) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if needle in line:
            return lines
    raise AssertionError(f"{needle!r} not printed: {lines}")


def _children(pid: int) -> list[int]:
    psutil = pytest.importorskip("psutil")
    return [c.pid for c in psutil.Process(pid).children(recursive=True)]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_cli_serve_stops_cleanly(small_store: Path, sig: signal.Signals) -> None:
    psutil = pytest.importorskip("psutil")
    port = free_port()
    cmd = [sys.executable, "-c", "from chidao.cli.main import main; main()", "serve"]
    cmd += ["--store", str(small_store)]
    proc = subprocess.Popen(
        [*cmd, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = _wait_for_line(proc, "Ctrl-C")
        assert f"http://127.0.0.1:{port}/query" in "".join(lines)
        assert "read-only" in lines[0]
        children = _children(proc.pid)
        assert children, "no server child process"
        _, body = _post(f"http://127.0.0.1:{port}/query", "query", "ASK { ?s ?p ?o }")
        assert json.loads(body)["boolean"] is True
        proc.send_signal(sig)  # Ctrl-C, or a service manager's stop
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0, out
        assert "Stopped." in out
        assert not [c for c in children if psutil.pid_exists(c) and _alive(psutil, c)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _alive(psutil, pid: int) -> bool:  # type: ignore[no-untyped-def]
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_cli_serve_errors_are_click_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none"), "--port", "0"])
    assert result.exit_code == 1
    assert "no store here" in result.output


def test_cli_serve_warns_off_loopback(tmp_path: Path) -> None:
    # The warning comes before the store is opened; the missing store then stops it.
    result = CliRunner().invoke(
        main, ["serve", "--store", str(tmp_path / "none"), "--bind", "0.0.0.0", "--port", "0"]
    )
    assert "anyone who can reach this host" in result.output
    assert result.exit_code == 1


# -- the sample corpus behind a read-only server ---------------------------------------


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded store of the sample corpus, built by ``ingest``, then closed."""
    path = tmp_path_factory.mktemp("samples") / "store"
    store = OxigraphStore(path)
    summary = ingest([SAMPLES], store)
    store.close()
    del store  # the RocksDB lock goes with the last reference
    assert summary.ok and summary.added == 5
    return path


@pytest.fixture(scope="module")
def sample_server(sample_store: Path):  # type: ignore[no-untyped-def]
    server = OxigraphServer(sample_store, port=0)
    try:
        yield server.start()
    finally:
        server.stop()
    assert not server.running


def _canonical(rows, variables: list[str]) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """Rows as sortable text; blank node labels differ between stores, so they are masked."""

    def text(term: Node | None) -> str:
        if term is None:
            return "UNBOUND"
        return "_:b" if isinstance(term, BNode) else term.n3()

    return sorted(tuple(text(t) for t in row) for row in rows)


def test_saved_queries_exist() -> None:
    assert len(SAVED) >= 4


@pytest.mark.parametrize("name", sorted(SAVED))
def test_saved_query_same_answer_from_server(
    name: str, sample_store: Path, sample_server: OxigraphServer
) -> None:
    sparql = SAVED[name].read_text(encoding="utf-8")
    embedded = OxigraphStore(sample_store, read_only=True)
    expected = embedded.query(sparql)
    expected_rows = _canonical(expected.rows, expected.variables)
    assert expected_rows, f"{name} returns no rows on the sample corpus"

    # A real client, as a user's script would call it: SPARQLWrapper, JSON results.
    client = SPARQLWrapper(sample_server.query_url)
    client.setQuery(sparql)
    client.setReturnFormat(JSON)
    client.setMethod("POST")
    answer = client.query().convert()
    variables = answer["head"]["vars"]
    assert variables == expected.variables
    got = [tuple(_json_term(b.get(v)) for v in variables) for b in answer["results"]["bindings"]]
    assert _canonical(got, variables) == expected_rows

    # And chidao's own RemoteStore, with and without bound values.
    remote = RemoteStore(sample_server.query_url)
    via_remote = remote.query(sparql)
    assert _canonical(via_remote.rows, via_remote.variables) == expected_rows
    if name in BOUND:
        bound_embedded = embedded.query(sparql, BOUND[name])
        bound_expected = _canonical(bound_embedded.rows, bound_embedded.variables)
        # The binding took effect (a paged query's default page may be another body's).
        assert bound_expected and bound_expected != expected_rows
        bound_remote = remote.query(sparql, BOUND[name])
        assert _canonical(bound_remote.rows, bound_remote.variables) == bound_expected


def _json_term(binding: dict | None) -> Node | None:  # type: ignore[type-arg]
    """A SPARQL JSON binding as an rdflib term (xsd:string literals as plain ones)."""
    from rdflib import URIRef
    from rdflib.namespace import XSD

    if binding is None:
        return None
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if binding["type"] == "bnode":
        return BNode(binding["value"])
    datatype = binding.get("datatype")
    if datatype == str(XSD.string):
        datatype = None
    return Literal(binding["value"], lang=binding.get("xml:lang"), datatype=datatype)


def test_served_store_counts_match(sample_store: Path, sample_server: OxigraphServer) -> None:
    embedded = OxigraphStore(sample_store, read_only=True)
    remote = RemoteStore(sample_server.query_url)
    assert remote.triple_count() == embedded.triple_count() > 0
    assert remote.graph_counts() == embedded.graph_counts()


def test_real_client_update_refused(sample_server: OxigraphServer) -> None:
    client = SPARQLWrapper(sample_server.query_url, updateEndpoint=sample_server.update_url)
    client.setMethod("POST")
    client.setQuery(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}b> <{EX}c> }} }}")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as refused:
        client.query()
    assert "403" in str(refused.value) or "read-only" in str(refused.value)
    remote = RemoteStore(sample_server.query_url)
    with pytest.raises(StoreError, match="read-only"):
        remote.update(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")
    assert not remote.has_graph(EX + "g")
