"""A PNG of an HTML view as headless Chromium draws it (how docs/cascade.png is made).

Usage::

    .venv/bin/chidao view 68/NQ-CP -o /tmp/cascade.html
    .venv/bin/python -m bench.view_screenshot /tmp/cascade.html docs/cascade.png

Optionally ``--hover NUMBER`` shows that document's tooltip.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bench.bench_views import driver


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", type=Path)
    ap.add_argument("png", type=Path)
    ap.add_argument("--width", type=int, default=1100)
    ap.add_argument("--height", type=int, default=560)
    ap.add_argument("--hover", metavar="NUMBER", help="Hover this document (its number).")
    args = ap.parse_args()
    profile = tempfile.mkdtemp(prefix="chidao-shot-")
    d = driver(profile)
    try:
        d.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": args.width, "height": args.height, "deviceScaleFactor": 1, "mobile": False},
        )
        d.get(args.html.resolve().as_uri())
        while not d.execute_script("return document.body.getAttribute('data-drawn')"):
            time.sleep(0.05)
        if args.hover:
            from selenium.webdriver.common.action_chains import ActionChains
            from selenium.webdriver.common.by import By

            x, y, w, h = d.execute_script(
                "var q = arguments[0];"
                "var id = network.body.data.nodes.getIds({filter: function (n) {"
                " return n.search.indexOf(q) === 0; }})[0];"
                "var p = network.canvasToDOM(network.getPosition(id));"
                "var r = document.getElementById('chidao-network').getBoundingClientRect();"
                "return [p.x, p.y, r.width, r.height];",
                args.hover.casefold(),
            )
            canvas = d.find_element(By.ID, "chidao-network")
            ActionChains(d).move_to_element_with_offset(
                canvas, int(x - w / 2), int(y - h / 2)
            ).pause(0.2).move_by_offset(1, 1).perform()
            time.sleep(0.8)
        time.sleep(0.3)
        args.png.parent.mkdir(parents=True, exist_ok=True)
        d.save_screenshot(str(args.png))
    finally:
        d.quit()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"wrote {args.png}")


if __name__ == "__main__":
    main()
