"""Headless Chromium through Selenium, as the view benchmarks and browser tests start it.

One place for the flags: without the background-networking ones Chromium keeps
trying to reach Google's hosts, which this kind of machine refuses.
"""

from __future__ import annotations

import shutil
from typing import Any

#: Command-line flags for a headless, offline, throw-away Chromium.
FLAGS = (
    "--headless=new",
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,900",
)


def chromium_paths() -> tuple[str | None, str | None]:
    """The Chromium and ChromeDriver executables on PATH (``None`` where missing)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    return browser, shutil.which("chromedriver")


def chromium(profile: str, *, timeout: float, log_browser: bool = False) -> Any:
    """A Selenium driver of headless Chromium using the profile folder ``profile``.

    ``timeout`` bounds page loads and scripts, in seconds; ``log_browser`` keeps
    the console for ``driver.get_log("browser")``.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, chromedriver = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = browser or "/usr/bin/chromium"
    for arg in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(arg)
    if log_browser:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_page_load_timeout(timeout)
    driver.set_script_timeout(timeout)
    return driver


# What the first paint shows: the scale, each drawn node's shape size and label
# font on screen (px), and every pair of node labels (documents, groups, axis
# ticks and band names alike) whose boxes (shape and label) overlap.
#: Run in a drawn view (``return`` value: a dict). The view tests assert on it and
#: ``bench/bench_views.py --first-paint`` prints it.
FIRST_PAINT_JS = """
var s = network.getScale(), out = {scale: s, nodes: 0, minNode: 1e9, minFont: 1e9, overlaps: []};
var boxes = [];
network.body.data.nodes.get().forEach(function (item) {
  var node = network.body.nodes[item.id];
  if (item.kind !== 'axis') {
    out.nodes++;
    out.minNode = Math.min(out.minNode, Math.min(node.shape.width, node.shape.height) * s);
  }
  out.minFont = Math.min(out.minFont, node.labelModule.fontOptions.size * s);
  // The node's whole box: its shape and the label beside or inside it.
  var b = network.getBoundingBox(item.id);
  boxes.push([String(item.id), b.left, b.top, b.right, b.bottom]);
});
boxes.sort(function (a, b) { return a[1] - b[1]; });
for (var i = 0; i < boxes.length; i++) {
  for (var j = i + 1; j < boxes.length && boxes[j][1] < boxes[i][3]; j++) {
    var a = boxes[i], b = boxes[j];
    if (a[2] < b[4] && b[2] < a[4]) out.overlaps.push([a[0], b[0]]);
  }
}
return out;
"""
