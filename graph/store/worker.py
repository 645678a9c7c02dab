"""One SPARQL worker process: evaluates queries (and, for a writable server, updates)
over the store with pyoxigraph, one at a time, and answers in serialised bytes.

The server (:mod:`chidao.graph.store.endpoint`) runs a few of these and kills
one whose query runs too long, grows too large or whose client went away:
killing the process is the only way to stop an Oxigraph evaluation and give
its memory back. Run as ``python -m chidao.graph.store.worker STORE MODE``;
requests and answers are frames on stdin/stdout (:func:`write_frame`).

This module imports only pyoxigraph and the standard library (a respawned
worker is ready in a fraction of a second).
"""

from __future__ import annotations

import json
import os
import struct
import sys
import time
from typing import IO, Any

import pyoxigraph as ox

#: Media types offered for solutions (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE);
#: the first is the default.
SOLUTION_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
GRAPH_TYPES = (
    "application/n-triples",
    "text/turtle",
    "application/rdf+xml",
    "application/n-quads",
    "application/trig",
    "application/ld+json",
)

_HEADER = struct.Struct(">II")  # lengths of the JSON head and of the body


def write_frame(out: IO[bytes], head: dict[str, Any], body: bytes = b"") -> None:
    """Write one frame: a JSON head and a body of bytes."""
    data = json.dumps(head).encode("utf-8")
    out.write(_HEADER.pack(len(data), len(body)) + data + body)
    out.flush()


def read_frame(stream: IO[bytes]) -> tuple[dict[str, Any], bytes] | None:
    """Read one frame (``None`` at end of stream)."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    n_head, n_body = _HEADER.unpack(header)
    head = json.loads(stream.read(n_head))
    return head, stream.read(n_body)


def choose(accept: str, offers: tuple[str, ...]) -> str | None:
    """The offer the ``Accept`` header prefers (the first offer for ``*/*`` or none).

    >>> choose("text/csv, application/sparql-results+json;q=0.5", SOLUTION_TYPES)
    'text/csv'
    >>> choose("application/json", SOLUTION_TYPES) is None
    True
    >>> choose("", GRAPH_TYPES)
    'application/n-triples'
    """
    best: tuple[float, int, str] | None = None
    for order, part in enumerate(p.strip() for p in (accept or "*/*").split(",")):
        if not part:
            continue
        media, *params = (x.strip() for x in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        for offer in offers:
            kind = offer.split("/")[0]
            if media in (offer, "*/*", f"{kind}/*"):
                if best is None or (q, -order) > (best[0], best[1]):
                    best = (q, -order, offer)
                break
    return None if best is None else best[2]


class TooLarge(Exception):
    """The serialised result passed the byte limit."""


class _CappedBuffer:
    """A binary sink that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def evaluate(db: ox.Store, request: dict[str, Any], prefixes: dict[str, str]) -> tuple[dict, bytes]:
    """Run one request; the answer's head (``status``, ``media`` or ``error``) and body."""
    op = request.get("op")
    try:
        if op == "update":
            db.update(request["text"], prefixes=prefixes)
            return {"status": 204}, b""
        result = db.query(request["text"], prefixes=prefixes, use_default_graph_as_union=True)
    except SyntaxError as exc:
        return {"status": 400, "error": f"invalid SPARQL: {exc}"}, b""
    except (OSError, RuntimeError, ValueError) as exc:
        return {"status": 500, "error": f"the query failed: {exc}"}, b""
    graph = isinstance(result, ox.QueryTriples)
    offers = GRAPH_TYPES if graph else SOLUTION_TYPES
    media = choose(request.get("accept", ""), offers)
    if media is None:
        return {
            "status": 406,
            "error": "none of the requested media types can be served; use one of: "
            + ", ".join(offers),
        }, b""
    sink = _CappedBuffer(int(request["max_bytes"]))
    try:
        if graph:
            result.serialize(sink, ox.RdfFormat.from_media_type(media))
        else:
            result.serialize(sink, ox.QueryResultsFormat.from_media_type(media))
    except TooLarge:
        return {"status": 413, "error": "too large"}, b""
    except (OSError, RuntimeError, ValueError) as exc:
        if isinstance(exc.__cause__ or exc.__context__, TooLarge):
            return {"status": 413, "error": "too large"}, b""
        return {"status": 500, "error": f"the query failed: {exc}"}, b""
    return {"status": 200, "media": media}, b"".join(sink.parts)


def _open(path: str, writable: bool) -> ox.Store:
    if writable:
        return ox.Store(path)
    deadline = time.monotonic() + 10.0
    while True:  # the race with a writer's compaction: see chidao.graph.store.oxigraph
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError) as exc:
            if "No such file" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def files_signature(path: str) -> tuple[str, int, int]:
    """What changes when a writer commits to the store at ``path``: RocksDB's ``CURRENT``
    (the manifest it names) and that manifest's size and time (each flush, bulk load and
    compaction appends to it; ``chidao optimize`` swaps in a new folder). Two ``stat``s.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (pathlib.Path(d) / "CURRENT").write_text("MANIFEST-000005")
    ...     _ = (pathlib.Path(d) / "MANIFEST-000005").write_bytes(b"12345")
    ...     files_signature(d)[:2]
    ('MANIFEST-000005', 5)
    """
    try:
        with open(os.path.join(path, "CURRENT"), encoding="ascii") as f:
            manifest = f.read().strip()
        st = os.stat(os.path.join(path, manifest))
        return manifest, st.st_size, st.st_mtime_ns
    except OSError:
        return "", 0, 0  # mid-swap: the next request looks again


def main(argv: list[str]) -> int:
    """Serve requests on stdin/stdout until stdin closes.

    ``argv``: store folder, mode (``read`` opens the store read-only and opens it
    again when its files changed since — a later ingest or ``chidao optimize`` —
    so that a long-running server answers from the store as it is now; ``fresh``
    reopens it read-only whenever the request's ``generation`` — the writer's
    count of updates — changed, to see its latest commits; ``write`` opens it for
    writing and flushes after each update), and the prefixes as JSON.
    """
    path, mode, prefixes_json = argv
    prefixes = json.loads(prefixes_json)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    try:
        db = _open(path, writable=mode == "write")
    except (OSError, RuntimeError) as exc:
        write_frame(stdout, {"status": 500, "error": f"cannot open the store: {exc}"})
        return 1
    write_frame(stdout, {"status": 200, "ready": os.getpid()})
    seen = 0  # the writer's update count when the store was opened here
    opened = files_signature(path)  # the store's files when opened here
    while (frame := read_frame(stdin)) is not None:
        request, _ = frame
        if mode == "read" and (now := files_signature(path)) != opened and now[0]:
            try:
                db = _open(path, writable=False)
                opened = now
            except (OSError, RuntimeError):
                pass  # a writer mid-compaction: answer from the store as last opened
        if mode == "fresh" and request.get("generation", 0) != seen:
            try:
                db = _open(path, writable=False)
                seen = request.get("generation", 0)
            except (OSError, RuntimeError) as exc:
                write_frame(stdout, {"status": 500, "error": f"cannot open the store: {exc}"})
                continue
        head, body = evaluate(db, request, prefixes)
        if mode == "write" and request.get("op") == "update" and head.get("status") == 204:
            db.flush()  # readers reopen from files, not by replaying a long write-ahead log
        write_frame(stdout, head, body)
    if mode == "write":
        db.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
