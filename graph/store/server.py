"""Serving the store: :func:`serve` (chidao's guarded endpoint), and the upstream
Oxigraph server as a child process (:class:`OxigraphServer`).

``chidao serve`` runs :class:`chidao.graph.store.endpoint.Endpoint`, which
enforces time, size, concurrency and memory limits that the Oxigraph server
binary cannot (see that module). :class:`OxigraphServer` stays for talking to
a stock SPARQL 1.1 server: the tests check :class:`RemoteStore` and the
analyses against it, and it serves a store for tools that want exactly Oxigraph.

The server is the ``oxigraph`` executable from PyPI's ``oxigraph`` package
(``pip install 'chidao[server]'``). It reads the same RocksDB folder as the
embedded store (pyoxigraph), so the two must come from the same release line:
:func:`find_oxigraph` refuses a server whose ``major.minor`` differs.

The server runs as a child process. :class:`OxigraphServer` starts it, waits
until it answers HTTP, and always stops it (``terminate`` then ``kill``), also
when the parent is interrupted; on Linux the child is additionally told to die
with its parent, so a crashed Python process leaves no orphan listening on a
port.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO

import pyoxigraph

from chidao.errors import StoreError
from chidao.graph.store.address import ServerAddress
from chidao.graph.store.endpoint import Endpoint, Limits
from chidao.graph.store.folder import Folder, inspect_folder, refusal, store_writer

DEFAULT_BIND = "127.0.0.1"
DEFAULT_PORT = 7878


def find_oxigraph() -> str:
    """Path of the ``oxigraph`` server executable, checked against pyoxigraph's version.

    The executable installed next to the running Python (a virtualenv's ``bin``)
    wins over one on ``PATH``, so the server matches the pyoxigraph in use.

    Raises
    ------
    StoreError
        If no executable is found, or its ``major.minor`` version differs from
        pyoxigraph's (the on-disk format may differ between release lines).
    """
    local = Path(sys.executable).parent / "oxigraph"
    exe = str(local) if local.is_file() and os.access(local, os.X_OK) else shutil.which("oxigraph")
    if exe is None:
        raise StoreError(
            "the Oxigraph server is not installed: pip install 'chidao[server]'",
            source="oxigraph",
        )
    server_version = _executable_version(exe)
    if _minor(server_version) != _minor(pyoxigraph.__version__):
        raise StoreError(
            f"server version {server_version} does not match pyoxigraph "
            f"{pyoxigraph.__version__}; install the same release line "
            f"(pip install 'oxigraph=={pyoxigraph.__version__}')",
            source=exe,
        )
    return exe


def _executable_version(exe: str) -> str:
    try:
        out = subprocess.run(
            [exe, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError) as err:
        raise StoreError(f"cannot run the Oxigraph server: {err}", source=exe) from err
    # "oxigraph 0.5.13"
    return out.split()[-1] if out.split() else "?"


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def is_loopback(bind: str) -> bool:
    """Whether ``bind`` (a host name or address) only accepts local connections.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost")
    (True, True, True)
    >>> is_loopback("0.0.0.0")
    False
    """
    if bind == "localhost":
        return True
    try:
        return ipaddress.ip_address(bind.strip("[]")).is_loopback
    except ValueError:
        return False


class OxigraphServer(ServerAddress):
    """The Oxigraph SPARQL 1.1 server over one store folder, as a child process.

    Read-only (``oxigraph serve-read-only``) unless ``writable``; then
    ``oxigraph serve``, which takes the store's exclusive lock. Use it as a
    context manager, so the process is stopped whatever happens::

        with OxigraphServer(path, port=0) as server:
            print(server.query_url)

    Parameters
    ----------
    store_path
        The store folder. Read-only mode needs an existing store; writable
        mode creates one if the folder is missing or empty.
    bind
        Address to listen on; loopback by default.
    port
        TCP port; ``0`` picks a free one.
    writable
        Accept SPARQL Update and Graph Store Protocol writes.
    union_default_graph
        Queries without ``GRAPH`` see the union of all named graphs, as the
        embedded store's queries do (each source file is its own named graph).
    timeout_s
        Per-query timeout the server enforces, or ``None``.
    """

    def __init__(
        self,
        store_path: str | os.PathLike[str],
        *,
        bind: str = DEFAULT_BIND,
        port: int = DEFAULT_PORT,
        writable: bool = False,
        union_default_graph: bool = True,
        timeout_s: int | None = None,
    ) -> None:
        self.store_path = Path(store_path)
        self.bind = bind
        self.port = port
        self.writable = writable
        self.union_default_graph = union_default_graph
        self.timeout_s = timeout_s
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    # -- lifecycle -------------------------------------------------------------

    def command(self, exe: str) -> list[str]:
        """The server's command line."""
        cmd = [
            exe,
            "serve" if self.writable else "serve-read-only",
            "--location",
            str(self.store_path),
            "--bind",
            f"{self.bind}:{self.port}" if ":" not in self.bind else f"[{self.bind}]:{self.port}",
        ]
        if self.union_default_graph:
            cmd.append("--union-default-graph")
        if self.timeout_s is not None:
            cmd += ["--timeout-s", str(self.timeout_s)]
        return cmd

    def start(self, wait_s: float = 30.0) -> OxigraphServer:
        """Start the server and return once it answers HTTP.

        Raises
        ------
        StoreError
            If the store is missing (read-only mode), the port is taken, the
            store is locked by another process, or the server does not come up
            within ``wait_s`` seconds. The child is stopped before raising.
        """
        if self.process is not None:
            raise StoreError("server already started", source=str(self.store_path))
        self._check_store()
        exe = find_oxigraph()
        if self.port == 0:
            self.port = free_port(self.bind)
        elif not port_is_free(self.bind, self.port):
            # Checked first: otherwise whatever listens there would pass for our server.
            raise StoreError(
                f"port {self.port} on {self.bind} is already in use: choose another --port",
                source=str(self.store_path),
            )
        # The child's output goes to a file, not a pipe, so a chatty server can
        # never block on a full pipe that nobody reads.
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            self.command(exe),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            # Own session: Ctrl-C reaches only us, and we stop the child in order.
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        try:
            self._wait_ready(wait_s)
        except BaseException:
            self.stop()
            raise
        return self

    def _check_store(self) -> None:
        path = self.store_path
        found = inspect_folder(path)
        if found in (Folder.NOT_A_FOLDER, Folder.OTHER, Folder.CREATING):
            raise refusal(path, found, write=self.writable)
        if not self.writable and found in (Folder.MISSING, Folder.EMPTY):
            raise StoreError(
                "no store here to serve read-only: ingest documents first "
                "(chidao ingest) or pass --writable to start an empty store",
                source=str(path),
            )
        writer = store_writer(path)
        if writer is not None:
            # A writable server could not open it; a read-only one would read a
            # store changing under it, which Oxigraph leaves undefined.
            raise StoreError(
                f"the store is open for writing by process {writer} (a chidao ingest, or "
                "a writable server): serve it once that ends; to ingest while serving, "
                "run `chidao serve --writable` and `chidao ingest --endpoint URL/query`",
                source=str(path),
            )

    def _wait_ready(self, wait_s: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + wait_s
        while True:
            code = self.process.poll()
            if code is not None:
                raise StoreError(self._explain_exit(code), source=str(self.store_path))
            try:
                with urllib.request.urlopen(self.url + "/", timeout=1):
                    return
            except urllib.error.HTTPError:
                return  # it answers HTTP: that is all we wait for
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise StoreError(
                    f"the server did not answer at {self.url} within {wait_s:g} s",
                    source=str(self.store_path),
                )
            time.sleep(0.05)

    def _explain_exit(self, code: int) -> str:
        log = self.output()
        first = next((ln for ln in log.splitlines() if ln.startswith("Error")), log.strip())
        if "LOCK" in log:
            return (
                "the store is open in another process (an ingest, or another "
                "writable server): stop it, or serve read-only without --writable"
            )
        if "Address already in use" in log or "AddrInUse" in log:
            return f"port {self.port} on {self.bind} is already in use: choose another --port"
        return f"the Oxigraph server exited with code {code}: {first}"

    def output(self) -> str:
        """What the server has printed so far."""
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        text = self._log.read().decode("utf-8", "replace")
        self._log.seek(0, os.SEEK_END)
        return text

    @property
    def running(self) -> bool:
        """Whether the child process is alive."""
        return self.process is not None and self.process.poll() is None

    def wait(self) -> int:
        """Block until the server exits (or the caller is interrupted); its exit code."""
        assert self.process is not None, "server not started"
        return self.process.wait()

    def stop(self, grace_s: float = 5.0) -> None:
        """Stop the server: SIGTERM, then SIGKILL after ``grace_s``. Idempotent."""
        proc = self.process
        if proc is not None:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(grace_s)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> OxigraphServer:
        return self.start() if self.process is None else self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def free_port(bind: str = DEFAULT_BIND) -> int:
    """A TCP port that is free on ``bind`` right now."""
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((bind.strip("[]"), 0))
        return int(sock.getsockname()[1])


def port_is_free(bind: str, port: int) -> bool:
    """Whether nothing listens on ``bind:port`` (a bind attempt succeeds).

    With ``SO_REUSEADDR``, as servers bind: connections of a server that just
    stopped, waiting out TIME_WAIT, do not make a free port look taken.
    """
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((bind.strip("[]"), port))
        except OSError:
            return False
    return True


def _die_with_parent() -> None:
    """In the child, before exec: receive SIGTERM when the parent dies (Linux)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


@contextlib.contextmanager
def _signals_as_interrupt() -> Iterator[None]:
    """While serving, turn Ctrl-C, SIGTERM and a closed terminal (SIGHUP) into
    KeyboardInterrupt, so the ``finally`` that stops the child always runs.

    SIGINT is set explicitly because a shell starts background jobs with it
    ignored, and then ``kill -INT`` would do nothing. A SIGHUP ignored on
    purpose (``nohup``) stays ignored.
    """

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    wanted = [signal.SIGINT, signal.SIGTERM]
    if hasattr(signal, "SIGHUP") and signal.getsignal(signal.SIGHUP) != signal.SIG_IGN:
        wanted.append(signal.SIGHUP)
    previous = {}
    try:
        for signum in wanted:
            previous[signum] = signal.signal(signum, interrupt)
    except ValueError:  # not the main thread: signals are not ours to set
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def serve(
    store_path: str | os.PathLike[str],
    *,
    bind: str = DEFAULT_BIND,
    port: int = DEFAULT_PORT,
    writable: bool = False,
    adopt: bool = False,
    limits: Limits | None = None,
    on_ready: Callable[[Endpoint], None] | None = None,
) -> int:
    """Serve ``store_path`` with chidao's endpoint until Ctrl-C (or SIGTERM), then stop it.

    The endpoint (:class:`chidao.graph.store.endpoint.Endpoint`) runs queries in
    worker processes it can kill, under ``limits``. ``on_ready`` is called with
    the running endpoint (to print its addresses). Returns ``0``.

    Raises
    ------
    StoreError
        If the server cannot start (see :meth:`Endpoint.start`).
    """
    endpoint = Endpoint(
        store_path, bind=bind, port=port, writable=writable, adopt=adopt, limits=limits
    )
    with _signals_as_interrupt():
        try:
            endpoint.start()
            if on_ready is not None:
                on_ready(endpoint)
            endpoint.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            endpoint.stop()
    return 0
