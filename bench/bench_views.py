"""How big an HTML view the browser copes with: the numbers behind the view thresholds.

For synthetic cascades of N documents (one central resolution, 63 provinces,
their districts), it times building the page in Python, then opens it in
headless Chromium and reads from the page when the first frame was drawn and
what one redraw of the whole (fitted) network costs — the price of every frame
of a pan or zoom. ``--layout vis`` forces vis-network's own hierarchical layout
at every size, ``--layout fixed`` the positions :mod:`chidao.graph.views.layout`
computes; ``auto`` is what ``chidao view`` does.

Usage::

    .venv/bin/python -m bench.bench_views --sizes 500,1500,2000,5000,10000 --layout fixed
    .venv/bin/python -m bench.bench_views --sizes 500,1500,3000 --layout vis
    .venv/bin/python -m bench.bench_views --sizes 1,10,100,1000,10000 --first-paint

Needs chromium and chromedriver (Debian: ``apt-get install chromium chromium-driver``).
"""

from __future__ import annotations

import argparse
import math
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import networkx as nx

from bench.browser import chromium
from chidao.graph.views import build as views


def campaign(n: int) -> nx.MultiDiGraph:
    """A central resolution carried out by 63 provinces and ``n − 64`` districts."""
    G = nx.MultiDiGraph()
    start = date(2021, 7, 1)
    G.add_node(
        "c",
        kind="document",
        number="68/NQ-CP",
        date=start,
        level="central",
        system="state",
        issuer="cp",
        issuer_name="Chính phủ",
        cited_only=False,
    )
    provinces = min(63, n - 1)
    per = math.ceil(max(n - 1 - provinces, 0) / provinces) if provinces else 0
    made = 1
    for p in range(provinces):
        G.add_node(
            f"p{p}",
            kind="document",
            number=f"{p + 1}-CV/TU",
            level="province",
            date=start + timedelta(days=5 + p % 9),
            system="party",
            issuer=f"tu{p}",
            issuer_name=f"Tỉnh ủy {p}",
            province=f"P{p}",
            cited_only=False,
        )
        G.add_edge(f"p{p}", "c", key="implements", lag_days=5 + p % 9)
        made += 1
        for d in range(per):
            if made >= n:
                break
            G.add_node(
                f"p{p}d{d}",
                kind="document",
                number=f"{d + 1}-CV/HU",
                level="district",
                date=start + timedelta(days=12 + d % 11),
                system="state" if d % 3 == 0 else "party",
                issuer=f"hu{p}.{d}",
                issuer_name=f"Huyện ủy {p}.{d}",
                province=f"P{p}",
                cited_only=False,
            )
            G.add_edge(f"p{p}d{d}", f"p{p}", key="implements", lag_days=7 + d % 11 - p % 9)
            made += 1
    return G


def driver(profile: str):
    return chromium(profile, timeout=900)


def measure(d, path: Path) -> tuple[int, float]:
    d.get(path.as_uri())
    while not (drawn := d.execute_script("return document.body.getAttribute('data-drawn')")):
        time.sleep(0.05)
    frame = d.execute_script(
        "network.fit({animation: false}); var t = performance.now();"
        "for (var i = 0; i < 5; i++) { network.redraw(); }"
        "return (performance.now() - t) / 5;"
    )
    return int(drawn), frame


def first_paint(sizes: str) -> None:
    """Per size and view, with the default grouping: what the first paint shows."""
    from bench.browser import FIRST_PAINT_JS

    profile = tempfile.mkdtemp(prefix="chidao-bench-")
    out = Path(tempfile.mkdtemp(prefix="chidao-views-"))
    d = driver(profile)
    print(
        "| documents | view | nodes drawn | fitted scale | smallest label px | smallest node px "
        "| overlapping labels | build s |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    try:
        for n in map(int, sizes.split(",")):
            G = campaign(n)
            makers = {
                "all": lambda G=G: views.corpus_view(G),
                "cascade": lambda G=G: views.cascade_view(G, "c"),
                "timeline": lambda G=G: views.timeline_view(G, "c"),
            }
            for name, make in makers.items():
                t = time.perf_counter()
                html = make()
                build = time.perf_counter() - t
                path = out / f"{name}-{n}.html"
                path.write_text(html, encoding="utf-8")
                measure(d, path)
                d.get(path.as_uri())
                while not d.execute_script("return document.body.getAttribute('data-drawn')"):
                    time.sleep(0.05)
                p = d.execute_script(FIRST_PAINT_JS)
                print(
                    f"| {n:,} | {name} | {p['nodes']:,} | {p['scale']:.2f} | {p['minFont']:.1f} "
                    f"| {p['minNode']:.1f} | {len(p['overlaps'])} | {build:.2f} |",
                    flush=True,
                )
    finally:
        d.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,1500,2000,5000,10000")
    ap.add_argument("--layout", choices=("auto", "vis", "fixed"), default="auto")
    ap.add_argument(
        "--group-by",
        default="none",
        help="none (every document drawn, the default here) or auto (as chidao view does)",
    )
    ap.add_argument(
        "--first-paint",
        action="store_true",
        help="instead: how each view (all, cascade, timeline) reads at first paint",
    )
    args = ap.parse_args()
    if args.first_paint:
        first_paint(args.sizes)
        return
    if args.layout == "vis":
        views.HIERARCHICAL_MAX_NODES = views.HIERARCHICAL_MAX_LANE = 10**9
    elif args.layout == "fixed":
        views.HIERARCHICAL_MAX_NODES = 0
    profile = tempfile.mkdtemp(prefix="chidao-bench-")
    out = Path(tempfile.mkdtemp(prefix="chidao-views-"))
    d = driver(profile)
    print("documents  drawn  layout  build_s  html_MB  first_draw_ms  frame_ms")
    try:
        for n in map(int, args.sizes.split(",")):
            G = campaign(n)
            t = time.perf_counter()
            html = views.corpus_view(G, group_by=args.group_by)
            build = time.perf_counter() - t
            path = out / f"view-{n}.html"
            path.write_text(html, encoding="utf-8")
            shown = html.count('"kind": "')  # one per drawn node
            layout = "vis" if '"hierarchical": {"enabled": true' in html else "fixed"
            drawn, frame = measure(d, path)
            print(
                f"{n:9,}  {shown:5,}  {layout:6}  {build:7.2f}  {len(html) / 1e6:7.1f}  "
                f"{drawn:13,}  {frame:8.1f}",
                flush=True,
            )
    finally:
        d.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
