"""chidao's endpoint under hostile queries (issue #17, items 1 and 2): every limit answers
with a clear error and the server goes on answering.

A small store (the five samples); every server binds 127.0.0.1 on a free port and is
stopped by its context manager.
"""

from __future__ import annotations

import json
import socket
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest

from chidao.graph.ingest.ingest import ingest
from chidao.graph.store.endpoint import MB, Endpoint, Limits, uses_service
from chidao.graph.store.oxigraph import OxigraphStore
from chidao.graph.store.results import saved_queries
from chidao.graph.store.server import port_is_free

pytestmark = pytest.mark.server

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "samples"
LIGHT = "SELECT ?n WHERE { ?d eli:number ?n } ORDER BY ?n LIMIT 5"
CROSS = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# Grows memory fast: one string built from a cross product.
HUNGRY = (
    "SELECT (STRLEN(GROUP_CONCAT(CONCAT(STR(?a), STR(?d)))) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "store"
    with OxigraphStore(path) as db:
        ingest([SAMPLES], db)
    return path


def _query(url: str, text: str, accept: str = "text/csv", timeout: float = 60) -> tuple[int, str]:
    data = urllib.parse.urlencode({"query": text}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def test_light_queries_answer_as_the_embedded_store(store: Path) -> None:
    with Endpoint(store, port=0) as ep:
        status, body = _query(ep.query_url, LIGHT)
        assert status == 200
        with OxigraphStore(store, read_only=True) as db:
            expected = [str(row[0]) for row in db.query(LIGHT).rows]
        assert body.splitlines()[1:] == expected
        status, body = _query(ep.query_url, LIGHT, accept="application/sparql-results+json")
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == len(expected)
        status, body = _query(ep.query_url, "ASK { ?s ?p ?o }", accept="application/json")
        assert status == 406 and "application/sparql-results+json" in body
        status, body = _query(ep.query_url, "SELEC nothing")
        assert status == 400 and "invalid SPARQL" in body


def test_a_query_past_the_time_limit_is_stopped(store: Path) -> None:
    with Endpoint(store, port=0, limits=Limits(timeout_s=1.0, workers=1)) as ep:
        (before,) = ep.worker_pids()
        started = time.monotonic()
        status, body = _query(ep.query_url, CROSS)
        assert status == 503 and "time limit" in body
        assert time.monotonic() - started < 5
        assert not psutil.pid_exists(before) or psutil.Process(before).status() == "zombie"
        _wait_for_idle_worker(ep)
        status, _ = _query(ep.query_url, LIGHT)
        assert status == 200


def test_a_query_past_the_memory_ceiling_is_stopped(store: Path) -> None:
    limits = Limits(timeout_s=60, workers=1, worker_memory_bytes=150 * MB)
    with Endpoint(store, port=0, limits=limits) as ep:
        status, body = _query(ep.query_url, HUNGRY)
        assert status == 503 and ("memory" in body), body
        # Checked every 10 ms: the overshoot is what a query allocates in that time.
        assert ep.peak_worker_rss < 150 * MB + 100 * MB
        _wait_for_idle_worker(ep)
        assert _query(ep.query_url, LIGHT)[0] == 200


def test_an_answer_past_the_size_limit_is_refused(store: Path) -> None:
    with Endpoint(store, port=0, limits=Limits(max_result_bytes=10_000)) as ep:
        status, body = _query(ep.query_url, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 413 and "10,000 bytes" in body
        assert _query(ep.query_url, LIGHT)[0] == 200


def test_excess_concurrent_queries_get_503(store: Path) -> None:
    limits = Limits(timeout_s=3, workers=1, queue_wait_s=0.2)
    with Endpoint(store, port=0, limits=limits) as ep:
        slow = threading.Thread(target=_query, args=(ep.query_url, CROSS))
        slow.start()
        time.sleep(0.3)
        status, body = _query(ep.query_url, LIGHT)
        slow.join()
        assert status == 503 and "busy" in body
        _wait_for_idle_worker(ep)  # the slow query's worker was killed and is being replaced
        assert _query(ep.query_url, LIGHT)[0] == 200


def _wait_for_idle_worker(ep: Endpoint) -> None:
    deadline = time.monotonic() + 30
    while not ep.worker_pids():
        assert time.monotonic() < deadline, "no worker came back"
        time.sleep(0.05)


def test_a_client_that_hangs_up_stops_its_query(store: Path) -> None:
    with Endpoint(store, port=0, limits=Limits(timeout_s=60, workers=1)) as ep:
        (worker,) = ep.worker_pids()
        body = urllib.parse.urlencode({"query": CROSS})
        with socket.create_connection(("127.0.0.1", ep.port)) as sock:
            sock.sendall(
                (
                    "POST /query HTTP/1.1\r\nHost: x\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n{body}"
                ).encode()
            )
            time.sleep(0.5)
        deadline = time.monotonic() + 5
        while psutil.pid_exists(worker) and psutil.Process(worker).status() != "zombie":
            assert time.monotonic() < deadline, "the worker kept evaluating"
            time.sleep(0.05)
        _wait_for_idle_worker(ep)
        assert _query(ep.query_url, LIGHT)[0] == 200


def _listener() -> tuple[socket.socket, list[int]]:
    """A loopback listener that counts the connections it receives."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    hits: list[int] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            hits.append(1)
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    return sock, hits


@pytest.mark.parametrize("allow", [False, True])
def test_service_is_refused_unless_allowed(store: Path, allow: bool) -> None:
    listener, hits = _listener()
    port = listener.getsockname()[1]
    query = f"SELECT * WHERE {{ service <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    try:
        limits = Limits(allow_federation=allow, timeout_s=5)
        with Endpoint(store, port=0, limits=limits) as ep:
            status, body = _query(ep.query_url, query)
            if allow:
                assert hits, "federation allowed: the server should have called the service"
            else:
                assert status == 403 and "--allow-federation" in body
                assert not hits
            assert _query(ep.query_url, LIGHT)[0] == 200
    finally:
        listener.close()


def test_service_detection_ignores_strings_iris_and_names() -> None:
    assert uses_service("SELECT * { SeRvIcE SILENT <http://e/> { ?s ?p ?o } }")
    assert uses_service("SELECT * { ?s ?p ?o }\n#x\nSERVICE <http://e/> {}")
    assert not uses_service('SELECT * { ?s ?p """SERVICE <http://e/> {}""" }')
    assert not uses_service("SELECT ?service { ?service a <http://e/SERVICE> }")
    assert not uses_service("SELECT * { ?s ex:SERVICE ?o }")


def test_the_page_knows_chidao_and_loads_nothing_from_elsewhere(store: Path) -> None:
    with Endpoint(store, port=0) as ep:
        with urllib.request.urlopen(ep.url + "/", timeout=10) as response:
            page = response.read().decode("utf-8")
            csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    for name in saved_queries():
        assert name in page
    assert "eli:" not in page or '"eli": "http://data.europa.eu/eli/ontology#"' in page
    assert "<script src" not in page and "<link" not in page and "prefix.cc" not in page
    assert "@import" not in page and "url(" not in page


def test_a_read_only_endpoint_refuses_updates_and_a_writable_one_applies_them(
    store: Path, tmp_path: Path
) -> None:
    update = (
        "INSERT DATA { GRAPH <https://w3id.org/chidao/graph/t> { <http://e/a> <http://e/b> 1 } }"
    )

    def post_update(url: str) -> tuple[int, str]:
        data = urllib.parse.urlencode({"update": update}).encode()
        try:
            with urllib.request.urlopen(url, data=data, timeout=30) as response:
                return response.status, ""
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode()

    with Endpoint(store, port=0) as ep:
        assert post_update(ep.update_url) == (403, "The server is read-only\n")
    with Endpoint(tmp_path / "new", port=0, writable=True) as ep:
        assert post_update(ep.update_url)[0] == 204
        status, body = _query(ep.query_url, "SELECT ?o WHERE { <http://e/a> <http://e/b> ?o }")
        assert status == 200 and body.splitlines()[1:] == ["1"]


def _closed_by_server(port: int) -> None:
    """One request the server answers and then closes first: its side of the connection
    waits out TIME_WAIT on ``port``."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        while sock.recv(65536):
            pass
        time.sleep(0.1)


def test_a_restarted_server_gets_its_port_back(store: Path) -> None:
    with Endpoint(store, port=0) as ep:
        port = ep.port
        _closed_by_server(port)
    plain = socket.socket()
    try:
        with pytest.raises(OSError):  # the situation: a bind without SO_REUSEADDR fails
            plain.bind(("127.0.0.1", port))
    finally:
        plain.close()
    assert port_is_free("127.0.0.1", port)
    with Endpoint(store, port=port) as again:
        assert _query(again.query_url, LIGHT)[0] == 200


def test_workers_die_with_the_server(store: Path) -> None:
    ep = Endpoint(store, port=0, limits=Limits(workers=2)).start()
    pids = ep.worker_pids()
    assert len(pids) == 2
    ep.stop()
    time.sleep(0.2)
    assert all(not psutil.pid_exists(p) or psutil.Process(p).status() == "zombie" for p in pids)


def _hostile_mix(url: str, total: int = 200, threads: int = 20) -> dict[str, list]:
    """``total`` queries from ``threads`` threads: saved queries, cross products, SELECT *,
    SERVICE, in a fixed rotation. Per kind: (status, seconds) of each answer."""
    saved = [p.read_text(encoding="utf-8") for p in saved_queries().values()]
    kinds = [("light", LIGHT), ("cross", CROSS), ("select-all", "SELECT * WHERE { ?s ?p ?o }")]
    kinds += [("service", "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")]
    kinds += [("saved", q) for q in saved]
    jobs = [kinds[i % len(kinds)] for i in range(total)]
    out: dict[str, list] = {}
    lock = threading.Lock()

    def run(job: tuple[str, str]) -> None:
        started = time.monotonic()
        try:
            status, _ = _query(url, job[1], timeout=120)
        except OSError as exc:  # no HTTP answer at all: the server failed
            status = f"{type(exc).__name__}"
        with lock:
            out.setdefault(job[0], []).append((status, time.monotonic() - started))

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(run, jobs))
    return out


def test_the_hostile_mix_leaves_the_server_alive_and_fast(store: Path) -> None:
    limits = Limits(timeout_s=1, workers=2, queue_wait_s=5, max_result_bytes=256 * 1024)
    with Endpoint(store, port=0, limits=limits) as ep:
        results = _hostile_mix(ep.query_url)
        statuses = {s for answers in results.values() for s, _ in answers}
        assert statuses <= {200, 403, 413, 503}, statuses  # every request got an HTTP answer
        assert all(s == 403 for s, _ in results["service"])
        assert all(s in (200, 503) for s, _ in results["cross"])
        assert ep.running
        _wait_for_idle_worker(ep)
        # Light queries after the storm.
        times = []
        for _ in range(40):
            started = time.monotonic()
            assert _query(ep.query_url, LIGHT)[0] == 200
            times.append(time.monotonic() - started)
        assert statistics.quantiles(times, n=20)[18] <= 1.0


def test_slow_queries_leave_a_worker_to_quick_ones(store: Path) -> None:
    limits = Limits(timeout_s=3, trial_s=0.3, workers=2, queue_wait_s=30)
    with Endpoint(store, port=0, limits=limits) as ep:
        slow = [threading.Thread(target=_query, args=(ep.query_url, CROSS)) for _ in range(3)]
        for thread in slow:
            thread.start()
        time.sleep(0.8)  # every cross product has had its trial and waits in the slow lane
        answers = [_query(ep.query_url, LIGHT)[0] for _ in range(10)]
        still_running = sum(thread.is_alive() for thread in slow)
        for thread in slow:
            thread.join()
        assert answers == [200] * 10
        assert still_running >= 1  # the quick queries did not wait for the slow ones


def test_a_foreign_store_is_served_only_when_adopted(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from chidao.errors import StoreError

    path = tmp_path / "theirs"
    db = ox.Store(str(path))
    db.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    db.flush()
    del db
    with pytest.raises(StoreError, match="--adopt"):
        Endpoint(path, port=0).start()
    with Endpoint(path, port=0, adopt=True) as ep:
        status, body = _query(ep.query_url, "SELECT ?o WHERE { ?s <http://e/p> ?o }")
        assert status == 200 and body.splitlines()[1:] == ["o"]


def test_workers_die_when_the_server_is_killed(store: Path) -> None:
    import signal
    import subprocess
    import sys

    chidao = str(Path(sys.executable).parent / "chidao")
    server = subprocess.Popen(
        [chidao, "serve", "--store", str(store), "--port", "0", "--workers", "2"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if "Ctrl-C" in line:
                break
        workers = psutil.Process(server.pid).children()
        assert len(workers) == 2
        server.send_signal(signal.SIGKILL)
        server.wait()
        gone, alive = psutil.wait_procs(workers, timeout=5)
        assert not alive, "a worker outlived the server"
    finally:
        if server.poll() is None:
            server.kill()


def test_a_read_only_server_sees_a_later_ingest(tmp_path: Path) -> None:
    first, rest = sorted(SAMPLES.glob("*.txt"))[:1], sorted(SAMPLES.glob("*.txt"))[1:]
    path = tmp_path / "store"
    with OxigraphStore(path) as db:
        ingest(first, db)
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d prov:hadPrimarySource ?f }"
    with Endpoint(path, port=0, limits=Limits(workers=1)) as ep:
        assert _query(ep.query_url, count)[1].splitlines()[1:] == ["1"]
        with OxigraphStore(path) as db:  # an ingest while the server runs
            ingest(rest, db)
        assert _query(ep.query_url, count)[1].splitlines()[1:] == [str(1 + len(rest))]
        with OxigraphStore(path) as db:  # and a rebuild swapped in under it
            db.rebuild()
        assert _query(ep.query_url, count)[1].splitlines()[1:] == [str(1 + len(rest))]
