"""A pyvis network → one self-contained, offline HTML file.

pyvis's own templates do not work offline: every ``cdn_resources`` mode links
Bootstrap from jsdelivr, ``"local"`` and ``"remote"`` load vis-network from
cdnjs, and when a title contains ``href`` the template shows it with
``innerHTML``. So chidao renders pyvis's data (:meth:`pyvis.network.Network.
get_network_data`) with its own template (``assets/view.html.j2``): the
vis-network 9.1.2 script and stylesheet that ship inside the pyvis wheel are
inlined, the node and edge data travel in a ``<script type="application/json">``
block, tooltips are built as DOM text nodes (``assets/view.js``), and a
Content-Security-Policy allows no fetch of any kind and only the two inline
scripts, by hash.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, select_autoescape

from chidao import __version__
from chidao.errors import ChidaoError

if TYPE_CHECKING:  # pyvis pulls in IPython: imported only to draw
    from pyvis.network import Network

VIS_VERSION = "9.1.2"
_ASSETS = Path(__file__).resolve().parent / "assets"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)

#: Characters that may not appear raw inside a ``<script>`` block (``</script>``,
#: ``<!--``) or that JavaScript once treated as line ends.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@dataclass(frozen=True, slots=True)
class Legend:
    """What the legend overlay lists: ``(name, colour, key)`` levels (``key`` is the
    nodes' ``lvl``, which the level's switch shows or hides), ``(name, shape)``
    systems, ``(name, shape, fill, border, dashed)`` marks and ``(name, colour,
    dashed)`` relations."""

    levels: tuple[tuple[str, str, str], ...] = ()
    shapes: tuple[tuple[str, str], ...] = ()
    marks: tuple[tuple[str, str, str, str, bool], ...] = ()
    relations: tuple[tuple[str, str, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """The words around the drawing: title, subtitle lines, warnings, legend."""

    title: str
    subtitle: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    legend: Legend = field(default_factory=Legend)


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element.

    >>> script_json({"s": "</script><b>"})
    '{"s": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, default=str)
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}"
    try:
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise ChidaoError(
            f"vis-network {VIS_VERSION} is missing from the installed pyvis ({exc}); "
            "reinstall pyvis>=0.3.2",
            source=str(lib),
        ) from exc
    # The source map is not shipped: DevTools would try to fetch it.
    js = _SOURCE_MAP.sub("", js)
    return js, css


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_ASSETS),
        autoescape=select_autoescape(["html", "j2"], default=True),
        keep_trailing_newline=True,
    )


def render_html(net: Network, page: Page) -> str:
    """The offline HTML page drawing ``net`` under ``page``'s title and legend.

    Node and edge attributes may carry ``tip``: a list of ``[label, value]`` (or
    ``[note]``) rows that the page turns into the tooltip, as text.
    """
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    vis_js, vis_css = _vis_assets()
    view_js = (_ASSETS / "view.js").read_text(encoding="utf-8")
    view_css = (_ASSETS / "view.css").read_text(encoding="utf-8")
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options)}
    csp = "; ".join(
        (
            "default-src 'none'",
            f"script-src {_hash(vis_js)} {_hash(view_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    template = _environment().get_template("view.html.j2")
    return template.render(
        title=page.title,
        subtitle=page.subtitle,
        notes=page.notes,
        legend=page.legend,
        csp=csp,
        version=__version__,
        vis_version=VIS_VERSION,
        vis_js=vis_js,
        vis_css=vis_css,
        view_js=view_js,
        view_css=view_css,
        data_json=script_json(data),
    )
