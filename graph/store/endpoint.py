"""chidao's SPARQL 1.1 endpoint: an HTTP front over killable pyoxigraph worker processes.

Why not the Oxigraph server binary: it cannot be made safe to expose. Its
``--timeout-s`` does not stop a running evaluation (a ``COUNT`` went on for
60 s past a 5 s timeout), it caps neither result size, concurrency nor memory
(200 queries from 20 threads made it use 24 GB and get killed), and it runs
``SERVICE`` clauses, making requests to any address a query names. An
evaluation inside a process can only be stopped by ending the process, so:

- the front is the standard library's :class:`http.server.ThreadingHTTPServer`
  (one thread per connection, a bounded number of connections);
- queries run in a fixed pool of worker processes
  (:mod:`chidao.graph.store.worker`); a request waits briefly for a free
  worker, else it gets ``503`` and a clear message;
- lanes keep quick queries quick: a query text seen for the first time runs
  on trial, for at most :attr:`Limits.trial_s`; one that needs longer is
  stopped, remembered as slow (by its text) and run again in the slow lane,
  which may hold at most ``workers - 1`` workers — so one worker is always
  left to the others. Waiting queries known to be quick go first, then those
  on trial, then slow ones; copies of a text on trial wait for its verdict;
- a worker whose query passes the time limit, grows past the memory ceiling
  (its resident memory is checked every few milliseconds; its address space
  is capped too) or whose client hangs up is killed (SIGKILL) and replaced:
  the evaluation stops and its memory goes back to the system;
- results are serialised in the worker into a buffer capped in bytes (``413``
  past it) — nothing is streamed that was not counted;
- ``SERVICE`` is refused (``403``) unless the server was started with
  federation allowed;
- ``/`` is chidao's own page (:mod:`chidao.graph.store.page`): it knows the
  shared prefixes and the saved queries and loads nothing from elsewhere.

A read-only server's workers open the store read-only, and again before a query
when its files changed since (a later ``chidao ingest`` or ``chidao optimize``:
:func:`chidao.graph.store.worker.files_signature`, two ``stat`` calls). A writable
server has one writer process (updates, in turn) and its query workers reopen
the store read-only for every query, so they see every committed update.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import itertools
import json
import os
import re
import resource
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from chidao.errors import StoreError
from chidao.graph.store.address import ServerAddress
from chidao.graph.store.folder import store_writer
from chidao.graph.store.worker import read_frame, write_frame

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one server allows.

    Parameters
    ----------
    timeout_s
        Longest evaluation of one query (the worker is killed past it).
    trial_s
        A query text not seen before first runs for at most this long; one that
        needs more is stopped and run again as a *slow* query, and slow queries
        may take at most ``workers - 1`` workers, so one always stays free for
        the others.
    max_result_bytes
        Largest serialised answer.
    workers
        Queries evaluated at once (one process each).
    queue_wait_s
        How long a request waits for a free worker before ``503``.
    worker_memory_bytes
        Resident memory a worker may reach before it is killed.
    allow_federation
        Run ``SERVICE`` clauses (outgoing HTTP requests) instead of refusing them.
    max_request_bytes
        Largest query request body.
    max_update_bytes
        Largest update request body (a writable server; ingest sends whole files).
    max_connections
        Connections served at once; more get ``503`` at once.
    """

    timeout_s: float = 30.0
    trial_s: float = 1.0
    max_result_bytes: int = 64 * MB
    workers: int = 2
    queue_wait_s: float = 2.0
    worker_memory_bytes: int = 1024 * MB
    allow_federation: bool = False
    max_request_bytes: int = 1 * MB
    max_update_bytes: int = 256 * MB
    max_connections: int = 64

    @property
    def address_space_bytes(self) -> int:
        """The hard cap on a worker's address space (RLIMIT_AS): the memory ceiling plus
        the virtual reservations of Python, RocksDB's threads and allocator arenas."""
        return self.worker_memory_bytes + 1024 * MB


class Refused(Exception):
    """A request answered with an error status and a one-line message."""

    def __init__(self, status: int, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.reason = reason  # "timeout", "memory", "gone", "crash", "busy" or ""


# --- worker processes ----------------------------------------------------------------------

_PR_SET_PDEATHSIG = 1


def _child_setup(address_space: int) -> Callable[[], None]:
    def setup() -> None:
        with contextlib.suppress(OSError, ValueError):
            resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        if sys.platform == "linux":  # die with the server, even if it is SIGKILLed
            with contextlib.suppress(OSError, AttributeError):
                ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    return setup


def _rss(pid: int) -> int:
    """Resident memory of ``pid`` in bytes (0 if unknown)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


class Worker:
    """One worker process and its pipes."""

    def __init__(self, store: Path, mode: str, limits: Limits, prefixes: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "chidao.graph.store.worker",
                str(store),
                mode,
                json.dumps(prefixes),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=_child_setup(limits.address_space_bytes),
        )
        self.peak_rss = 0
        ready = self._answer(deadline=time.monotonic() + 60, client=None, memory=None)
        if ready is None or "ready" not in ready[0]:
            self.kill()
            error = ready[0].get("error") if ready else "the worker did not start"
            raise StoreError(str(error), source=str(store))

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            self.process.wait(5)
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()

    def ask(
        self,
        request: dict[str, Any],
        *,
        timeout_s: float | None,
        client: socket.socket | None,
        memory: int | None,
    ) -> tuple[dict[str, Any], bytes]:
        """Send ``request`` and wait for the answer; raises :class:`Refused` (and leaves the
        worker dead) on a timeout, a memory overrun, a client gone or a crash."""
        assert self.process.stdin is not None
        try:
            write_frame(self.process.stdin, request)
        except OSError as exc:
            raise Refused(503, "the query worker stopped; try again") from exc
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        answer = self._answer(deadline=deadline, client=client, memory=memory)
        if answer is None:  # _answer killed it or it died
            raise Refused(503, self._death, self._reason)
        return answer

    _death = "the query worker stopped"
    _reason = "crash"

    def _answer(
        self, *, deadline: float | None, client: socket.socket | None, memory: int | None
    ) -> tuple[dict[str, Any], bytes] | None:
        out = self.process.stdout
        assert out is not None
        while True:
            ready, _, _ = select.select([out], [], [], 0.01)
            if ready:
                frame = read_frame(out)
                if frame is None:
                    code = self.process.wait()
                    oom = code in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGKILL)
                    self._death = (
                        "the query ran out of memory (the worker's address space is capped)"
                        if oom
                        else f"the query worker stopped (exit code {code})"
                    )
                    self._reason = "memory" if oom else "crash"
                    self.kill()
                    return None
                return frame
            rss = _rss(self.pid)
            self.peak_rss = max(self.peak_rss, rss)
            if memory is not None and rss > memory:
                self.kill()
                self._death = (
                    f"the query needed more than the server's memory ceiling of "
                    f"{memory // MB} MB per query and was stopped"
                )
                self._reason = "memory"
                return None
            if deadline is not None and time.monotonic() > deadline:
                self.kill()
                self._death = "the query ran past the server's time limit and was stopped"
                self._reason = "timeout"
                return None
            if client is not None and _hung_up(client):
                self.kill()
                self._death = "the client closed the connection; the query was stopped"
                self._reason = "gone"
                return None


def _hung_up(sock: socket.socket) -> bool:
    """Whether the peer closed ``sock`` (a readable socket with nothing to read)."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        if not readable:
            return False
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (OSError, ValueError):
        return True


class Pool:
    """A fixed number of query workers, replaced when killed, and the writer (if any)."""

    def __init__(
        self, store: Path, *, writable: bool, limits: Limits, prefixes: dict[str, str]
    ) -> None:
        self.store = store
        self.limits = limits
        self.prefixes = prefixes
        self.mode = "fresh" if writable else "read"
        self.writer: Worker | None = None
        self._writer_lock = threading.Lock()
        self._idle: list[Worker] = []
        self._lock = threading.Condition()
        # (lane, ticket) of the requests waiting for a worker. Lanes: 0 known quick,
        # 1 on trial (a text not seen yet), 2 known slow; lower lanes go first.
        self._waiting: list[tuple[int, int]] = []
        self._tickets = itertools.count()
        self._slow_running = 0
        self._max_slow = max(1, limits.workers - 1)
        self._verdicts: OrderedDict[str, str] = OrderedDict()  # text digest → quick | slow
        self._trials: dict[str, threading.Event] = {}  # texts on trial now
        self._closed = False
        self.peak_rss = 0
        self.generation = 0  # updates applied: a query worker reopens when it changed
        # Every worker is started from this one long-lived thread: Linux sends the
        # die-with-parent signal when the *thread* that forked a child ends.
        self._spawner = ThreadPoolExecutor(1, thread_name_prefix="chidao-spawn")
        try:
            if writable:
                self.writer = self._spawn("write")
            for _ in range(limits.workers):
                self._idle.append(self._spawn(self.mode))
        except BaseException:
            self.close()
            raise

    def _spawn(self, mode: str) -> Worker:
        return self._spawner.submit(Worker, self.store, mode, self.limits, self.prefixes).result()

    def query(self, request: dict[str, Any], client: socket.socket | None) -> tuple[dict, bytes]:
        """Evaluate a query on a free worker (see :attr:`Limits.trial_s` for the two lanes).

        Raises
        ------
        Refused
            ``503`` when no worker frees up in time, or the query passed a limit.
        """
        key = hashlib.sha256(request["text"].encode("utf-8")).hexdigest()
        while True:
            with self._lock:
                verdict = self._verdicts.get(key)
                trial = self._trials.get(key)
                if verdict is None and trial is None:  # first of its text: it goes on trial
                    trial = self._trials[key] = threading.Event()
                    break
            if verdict is not None:
                return self._run_known(request, client, key, quick=verdict == "quick")
            # The same text is on trial: wait for the verdict rather than try it twice.
            if not trial.wait(self.limits.queue_wait_s + self.limits.trial_s):
                raise Refused(503, "the server is busy; try again in a moment", "busy")
        try:
            answer = self._run(request, client, lane=1, timeout_s=self.limits.trial_s)
        except Refused as exc:
            if exc.reason in ("timeout", "memory"):
                self._remember(key, "slow")
            self._end_trial(key)
            if exc.reason != "timeout" or self.limits.trial_s >= self.limits.timeout_s:
                raise
            return self._run(request, client, lane=2, timeout_s=self.limits.timeout_s)
        else:
            self._remember(key, "quick")
            return answer
        finally:
            self._end_trial(key)

    def _end_trial(self, key: str) -> None:
        with self._lock:
            trial = self._trials.pop(key, None)
        if trial is not None:
            trial.set()

    def _run_known(
        self, request: dict[str, Any], client: socket.socket | None, key: str, *, quick: bool
    ) -> tuple[dict, bytes]:
        if not quick:
            return self._run(request, client, lane=2, timeout_s=self.limits.timeout_s)
        try:  # known quick: first in line, for the trial time
            return self._run(request, client, lane=0, timeout_s=self.limits.trial_s)
        except Refused as exc:
            if exc.reason != "timeout" or self.limits.trial_s >= self.limits.timeout_s:
                raise
            self._remember(key, "slow")  # it was quick once (the store grew, or a bigger answer)
            return self._run(request, client, lane=2, timeout_s=self.limits.timeout_s)

    def _remember(self, key: str, verdict: str) -> None:
        with self._lock:
            self._verdicts[key] = verdict
            self._verdicts.move_to_end(key)
            while len(self._verdicts) > 10_000:
                self._verdicts.popitem(last=False)

    def _run(
        self, request: dict[str, Any], client: socket.socket | None, *, lane: int, timeout_s: float
    ) -> tuple[dict, bytes]:
        worker = self._acquire(lane)
        request = {**request, "generation": self.generation}
        try:
            answer = worker.ask(
                request, timeout_s=timeout_s, client=client, memory=self.limits.worker_memory_bytes
            )
        except Refused:
            self._release(lane, None)
            self._replace()
            raise
        finally:
            with self._lock:
                self.peak_rss = max(self.peak_rss, worker.peak_rss)
        self._release(lane, worker)
        return answer

    def _acquire(self, lane: int) -> Worker:
        """A free worker for ``lane``: quick requests go first; slow ones only while fewer
        than ``workers - 1`` slow queries run."""
        ticket = (lane, next(self._tickets))
        deadline = time.monotonic() + self.limits.queue_wait_s
        with self._lock:
            self._waiting.append(ticket)
            self._waiting.sort()
            try:
                while True:
                    if self._idle and self._first_runnable() == ticket:
                        if lane == 2:
                            self._slow_running += 1
                        return self._idle.pop()
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise Refused(
                            503,
                            f"the server is busy: {self.limits.workers} queries are running; "
                            "try again in a moment",
                            "busy",
                        )
                    self._lock.wait(left)
            finally:
                self._waiting.remove(ticket)
                self._lock.notify_all()

    def _first_runnable(self) -> tuple[int, int] | None:
        for ticket in self._waiting:
            if ticket[0] < 2 or self._slow_running < self._max_slow:
                return ticket
        return None

    def _release(self, lane: int, worker: Worker | None) -> None:
        with self._lock:
            if lane == 2:
                self._slow_running -= 1
            if worker is not None:
                self._idle.append(worker)
            self._lock.notify_all()

    def update(self, request: dict[str, Any]) -> tuple[dict, bytes]:
        if self.writer is None:
            raise Refused(403, "The server is read-only")
        with self._writer_lock:
            try:
                answer = self.writer.ask(
                    request, timeout_s=None, client=None, memory=self.limits.worker_memory_bytes
                )
                with self._lock:
                    self.generation += 1  # query workers reopen the store before their next query
                return answer
            except Refused:
                self.writer = self._spawn("write")
                raise

    def _replace(self) -> None:
        """Start a worker in place of a killed one, in the background."""

        def start() -> None:
            while not self._closed:
                try:
                    worker = Worker(self.store, self.mode, self.limits, self.prefixes)
                except (StoreError, OSError):
                    time.sleep(0.5)
                    continue
                with self._lock:
                    if not self._closed:
                        self._idle.append(worker)
                        self._lock.notify_all()
                        return
                worker.kill()
                return

        with contextlib.suppress(RuntimeError):  # closed meanwhile: nothing to replace
            self._spawner.submit(start)

    def pids(self) -> list[int]:
        """The worker processes' ids (for measuring the server's memory)."""
        with self._lock:
            found = [w.pid for w in self._idle]
        return found + ([self.writer.pid] if self.writer else [])

    def close(self) -> None:
        self._closed = True
        self._spawner.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()
        if self.writer is not None and self.writer.process.poll() is None:
            with self._writer_lock:
                assert self.writer.process.stdin is not None
                with contextlib.suppress(OSError):
                    self.writer.process.stdin.close()  # the writer flushes and exits
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.writer.process.wait(10)
                self.writer.kill()


# --- the HTTP front ------------------------------------------------------------------------

# SERVICE as a keyword: outside strings, IRIs and comments, not part of a prefixed name.
# Oxigraph does not decode \\u escapes in keywords, so none can hide it.
_STRINGS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w:.\-?$])SERVICE(?![\w:\-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """Whether ``query`` holds a ``SERVICE`` clause (a federated query).

    >>> uses_service('SELECT * { SERVICE <http://e/> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT * { ?s <http://e/SERVICE> "SERVICE" } # SERVICE')
    False
    >>> uses_service('SELECT * { ?s ex:service ?service }')
    False
    """
    return bool(_SERVICE.search(_STRINGS.sub(" ", query)))


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    timeout = 30  # a client that stops sending mid-request frees its thread
    server_version = "chidao"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # quiet: the terminal shows the addresses, not every request

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve(lambda: self._route("GET"))

    def do_POST(self) -> None:  # noqa: N802
        self._serve(lambda: self._route("POST"))

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(lambda: self._route("GET"), head=True)

    def do_PUT(self) -> None:  # noqa: N802
        self._serve(lambda: self._route("PUT"))

    def do_DELETE(self) -> None:  # noqa: N802
        self._serve(lambda: self._route("DELETE"))

    def _serve(self, route: Callable[[], tuple[int, str, bytes]], head: bool = False) -> None:
        front = self.server
        with front.count_lock:
            front.active += 1
            crowded = front.active > front.limits.max_connections
        try:
            if crowded:
                status, media, body = 503, "text/plain; charset=utf-8", b"the server is busy\n"
                self.close_connection = True
            else:
                try:
                    status, media, body = route()
                except Refused as exc:
                    status, media = exc.status, "text/plain; charset=utf-8"
                    body = (exc.message + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            if status == 503:
                self.send_header("Retry-After", "1")
            if media.startswith("text/html"):
                self.send_header("Content-Security-Policy", _CSP)
            self.end_headers()
            if not head:
                self.wfile.write(body)
        except (ConnectionError, TimeoutError, OSError):
            self.close_connection = True
        finally:
            with front.count_lock:
                front.active -= 1

    def _route(self, method: str) -> tuple[int, str, bytes]:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html") and method == "GET":
            return 200, "text/html; charset=utf-8", self.server.page
        if url.path == "/query":
            if method == "POST":
                params = self._body_params(params, "query")
            elif method != "GET":
                raise Refused(405, "use GET or POST for /query")
            return self._query(params)
        if url.path == "/update":
            if method != "POST":
                raise Refused(405, "use POST for /update")
            if self.server.pool.writer is None:
                self.close_connection = True  # the body is not read: the connection ends
                raise Refused(403, "The server is read-only")
            params = self._body_params(params, "update")
            text = _one(params, "update")
            head, _ = self.server.pool.update({"op": "update", "text": text})
            return self._reply(head, b"")
        if url.path == "/store":
            if method != "GET":
                raise Refused(405, "the Graph Store Protocol is read-only here: write with /update")
            return self._graph(params)
        raise Refused(404, "not found: the endpoint is /query (and /update when writable)")

    def _body_params(self, params: dict[str, list[str]], field: str) -> dict[str, list[str]]:
        length = int(self.headers.get("Content-Length") or 0)
        limits = self.server.limits
        most = limits.max_update_bytes if field == "update" else limits.max_request_bytes
        if length > most:
            self.close_connection = True
            raise Refused(413, f"the request is larger than {most:,} bytes")
        body = self.rfile.read(length) if length else b""
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == f"application/sparql-{field}":
            return {**params, field: [body.decode("utf-8", "replace")]}
        if media in ("", "application/x-www-form-urlencoded"):
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            return {**params, **form}
        raise Refused(415, f"send the {field} as a form field or as application/sparql-{field}")

    def _query(self, params: dict[str, list[str]]) -> tuple[int, str, bytes]:
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise Refused(400, "default-graph-uri and named-graph-uri are not supported: use GRAPH")
        text = _one(params, "query")
        if not self.server.limits.allow_federation and uses_service(text):
            raise Refused(
                403,
                "SERVICE (federated query) is disabled on this server: it would make the "
                "server send requests elsewhere; start it with --allow-federation to allow it",
            )
        request = {
            "op": "query",
            "text": text,
            "accept": self.headers.get("Accept") or "",
            "max_bytes": self.server.limits.max_result_bytes,
        }
        head, body = self.server.pool.query(request, self.connection)
        return self._reply(head, body)

    def _graph(self, params: dict[str, list[str]]) -> tuple[int, str, bytes]:
        graph = _one(params, "graph")
        if not re.fullmatch(r"[^<>\"{}|^`\\\s]+:[^<>\"{}|^`\\\s]*", graph):
            raise Refused(400, "graph= must be an absolute IRI")
        request = {
            "op": "query",
            "text": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
            "accept": self.headers.get("Accept") or "",
            "max_bytes": self.server.limits.max_result_bytes,
        }
        head, body = self.server.pool.query(request, self.connection)
        return self._reply(head, body)

    def _reply(self, head: dict[str, Any], body: bytes) -> tuple[int, str, bytes]:
        status = int(head.get("status", 500))
        if status == 413:
            limit = self.server.limits.max_result_bytes
            raise Refused(
                413,
                f"the result is larger than the server's limit of {limit:,} bytes: "
                "narrow the query or add LIMIT",
            )
        if "error" in head:
            raise Refused(status, str(head["error"]))
        if status == 204:
            return 204, "text/plain; charset=utf-8", b""
        media = str(head.get("media", "application/octet-stream"))
        if media.startswith("text/") or media.endswith(("json", "xml")):
            media += "; charset=utf-8"
        return status, media, body


def _one(params: dict[str, list[str]], name: str) -> str:
    values = params.get(name) or []
    if len(values) != 1 or not values[0].strip():
        raise Refused(400, f"give exactly one {name}= parameter")
    return values[0]


_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'"
)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True  # restart at once, whatever TIME_WAIT connections remain
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], family: int, limits: Limits) -> None:
        self.address_family = family
        super().__init__(address, _Handler)
        self.limits = limits
        self.count_lock = threading.Lock()
        self.active = 0
        self.pool: Pool
        self.page: bytes


class Endpoint(ServerAddress):
    """chidao's SPARQL endpoint over one store folder, until :meth:`stop`.

    Examples
    --------
    ``with Endpoint(path, port=0) as ep: print(ep.query_url)`` serves in a
    background thread and stops on leaving the block.
    """

    def __init__(
        self,
        store_path: str | os.PathLike[str],
        *,
        bind: str = "127.0.0.1",
        port: int = 7878,
        writable: bool = False,
        adopt: bool = False,
        limits: Limits | None = None,
    ) -> None:
        self.store_path = Path(store_path)
        self.bind = bind
        self.port = port
        self.writable = writable
        self.adopt = adopt
        self.limits = limits or Limits()
        self._http: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Endpoint:
        """Check the store, start the workers, listen; serve in a background thread.

        Raises
        ------
        StoreError
            The folder is not a store chidao may serve, the store is locked by a
            writer, or the address cannot be bound.
        """
        # Imported here: the checks and the page pull in rdflib, which workers never need.
        from chidao.graph.store.oxigraph import PREFIXES, OxigraphStore
        from chidao.graph.store.page import query_page

        writer = store_writer(self.store_path)
        if writer is not None:
            raise StoreError(
                f"the store is open for writing by process {writer} (a chidao ingest, or "
                "a writable server): serve it once that ends; to ingest while serving, "
                "run `chidao serve --writable` and `chidao ingest --endpoint URL/query`",
                source=str(self.store_path),
            )
        # The embedded store's checks: refuse what is not chidao's, create/finish/adopt.
        OxigraphStore(self.store_path, read_only=not self.writable, adopt=self.adopt).close()
        family = socket.AF_INET6 if ":" in self.bind else socket.AF_INET
        try:
            http = _HTTPServer((self.bind.strip("[]"), self.port), family, self.limits)
        except OSError as exc:
            if exc.errno in (98, 48):  # EADDRINUSE (Linux, BSD)
                raise StoreError(
                    f"port {self.port} on {self.bind} is already in use: choose another --port",
                    source=str(self.store_path),
                ) from exc
            raise StoreError(f"cannot listen on {self.bind}:{self.port}: {exc.strerror}") from exc
        try:
            http.pool = Pool(
                self.store_path, writable=self.writable, limits=self.limits, prefixes=PREFIXES
            )
        except BaseException:
            http.server_close()
            raise
        http.page = query_page(self.query_url, writable=self.writable).encode("utf-8")
        self.port = http.server_address[1]
        self._http = http
        self._thread = threading.Thread(target=http.serve_forever, kwargs={"poll_interval": 0.1})
        self._thread.daemon = True
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def worker_pids(self) -> list[int]:
        return self._http.pool.pids() if self._http else []

    @property
    def peak_worker_rss(self) -> int:
        """The largest resident memory a worker reached while answering (bytes)."""
        return self._http.pool.peak_rss if self._http else 0

    def wait(self) -> None:
        """Block until the server stops (or the caller is interrupted)."""
        while self.running:
            time.sleep(0.2)

    def stop(self) -> None:
        """Stop listening, then stop every worker (the writer flushes first). Idempotent."""
        http, self._http = self._http, None
        if http is None:
            return
        http.shutdown()
        http.server_close()
        http.pool.close()
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> Endpoint:
        return self.start() if self._http is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


__all__ = ["Endpoint", "Limits", "Refused", "uses_service"]
