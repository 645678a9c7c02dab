"""The URLs a local SPARQL server answers on, from its bind address and port."""

from __future__ import annotations


class ServerAddress:
    """``url``, ``query_url``, ``update_url`` and ``store_url`` of a server on ``bind``:``port``.

    >>> class S(ServerAddress):
    ...     bind, port = "::1", 7878
    >>> S().query_url
    'http://[::1]:7878/query'
    """

    bind: str
    port: int

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:7878`` (an IPv6 address in brackets)."""
        host = f"[{self.bind}]" if ":" in self.bind else self.bind
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        """SPARQL 1.1 Protocol query endpoint."""
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        """SPARQL 1.1 Protocol update endpoint (refused with 403 when read-only)."""
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        """SPARQL 1.1 Graph Store Protocol endpoint."""
        return self.url + "/store"
