"""The query page ``chidao serve`` shows at ``/``: self-contained, offline.

It lists chidao's saved queries (with their purpose and parameters) and the
prefixes every query may use undeclared, sends the query to the server's own
``/query`` and shows the answer as a table. Everything is inline: it fetches
nothing from anywhere else (the server's Content-Security-Policy forbids it
too), and every value from the store is shown as text (``textContent``),
never as HTML.
"""

from __future__ import annotations

import html
import json

from chidao.graph.store.oxigraph import PREFIXES
from chidao.graph.store.results import saved_query_list

_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>chidao SPARQL</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;max-width:80em}
textarea{width:100%;height:16em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 6px;
vertical-align:top;text-align:left}#status{margin-left:1em;color:#555}
details{margin:.5em 0}code{font-size:12px}
</style></head><body>
<h1>chidao SPARQL endpoint</h1>
<p>Endpoint: <code>__ENDPOINT__</code> (__MODE__). The default graph is the union of every
file's graph; the prefixes below may be used without declaring them.</p>
<label>Saved query: <select id="saved"><option value="">(write your own)</option></select></label>
<p id="purpose"></p>
<textarea id="q" spellcheck="false">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20</textarea>
<p><button id="run">Run</button><span id="status"></span></p>
<details><summary>Prefixes</summary><table id="prefixes"></table></details>
<div id="out"></div>
<script>
"use strict";
const SAVED = __SAVED__;
const PREFIXES = __PREFIXES__;
const $ = (id) => document.getElementById(id);
const cell = (tag, text) => {
  const c = document.createElement(tag); c.textContent = text; return c;
};
for (const [name, iri] of Object.entries(PREFIXES)) {
  const tr = document.createElement("tr");
  tr.append(cell("td", name + ":"), cell("td", iri));
  $("prefixes").append(tr);
}
for (const q of SAVED) {
  const o = document.createElement("option");
  o.value = q.name; o.textContent = q.name + " - " + q.purpose;
  $("saved").append(o);
}
$("saved").addEventListener("change", () => {
  const q = SAVED.find((x) => x.name === $("saved").value);
  if (!q) { $("purpose").textContent = ""; return; }
  $("q").value = q.text;
  const params = q.parameters.join(", ");
  $("purpose").textContent = q.purpose + (params ?
    " Parameters (bind them with VALUES, or chidao query --bind): " + params : "");
});
$("run").addEventListener("click", async () => {
  $("status").textContent = "running…"; $("out").replaceChildren();
  const t0 = performance.now();
  try {
    const r = await fetch("query", {method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
      body: new URLSearchParams({query: $("q").value})});
    const text = await r.text();
    const ms = Math.round(performance.now() - t0);
    if (!r.ok) { $("status").textContent = "HTTP " + r.status + ": " + text; return; }
    if ((r.headers.get("Content-Type") || "").includes("json")) {
      const data = JSON.parse(text);
      if ("boolean" in data) {
        $("status").textContent = String(data.boolean) + " (" + ms + " ms)"; return;
      }
      const vars = data.head.vars, table = document.createElement("table");
      const head = document.createElement("tr");
      for (const v of vars) head.append(cell("th", v));
      table.append(head);
      for (const b of data.results.bindings) {
        const tr = document.createElement("tr");
        for (const v of vars) tr.append(cell("td", b[v] ? b[v].value : ""));
        table.append(tr);
      }
      $("out").append(table);
      $("status").textContent = data.results.bindings.length + " rows (" + ms + " ms)";
    } else {
      $("out").append(cell("pre", text)); $("status").textContent = ms + " ms";
    }
  } catch (e) { $("status").textContent = String(e); }
});
</script></body></html>
"""


def _script_json(value: object) -> str:
    """``value`` as JSON that cannot close the ``<script>`` element it sits in."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def query_page(endpoint: str, *, writable: bool) -> str:
    """The page's HTML, with the saved queries and the prefixes inlined.

    >>> page = query_page("http://127.0.0.1:7878/query", writable=False)
    >>> "prefix.cc" in page, "http-equiv" in page, "tasks-by-organisation" in page
    (False, False, True)
    """
    saved = [
        {"name": q.name, "purpose": q.purpose, "parameters": list(q.parameters), "text": q.text}
        for q in saved_query_list()
    ]
    return (
        _TEMPLATE.replace("__ENDPOINT__", html.escape(endpoint))
        .replace("__MODE__", "read-write" if writable else "read-only")
        .replace("__SAVED__", _script_json(saved))
        .replace("__PREFIXES__", _script_json(PREFIXES))
    )


__all__ = ["query_page"]
