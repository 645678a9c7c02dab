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
