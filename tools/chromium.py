"""Debian's headless chromium, driven through its chromedriver by Selenium: the one place that says how.

Used by ``tools/review_screenshot.py`` (the screenshot in docs/serve.md) and by the review
page's tests (``tests/browser.py``, which adds the skip-or-fail policy). Browsers cannot be
downloaded here, so nothing fetches one: the system's ``chromium`` and ``chromedriver``
(``apt-get install -y chromium chromium-driver``) are used as they are.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
)
MISSING = "Debian's chromium and chromium-driver are not installed: apt-get install -y chromium chromium-driver"

#: Launch flags that work in a container as root with no network beyond the loopback.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def driver(user_data_dir: str | Path, *, window: tuple[int, int] = (1366, 860), extra: Sequence[str] = ()) -> Any:
    """A Selenium driver for a fresh headless chromium whose profile is ``user_data_dir``.

    Raises :class:`RuntimeError` (:data:`MISSING`) when chromium or its driver is not installed.
    """
    if CHROMIUM is None or CHROMEDRIVER is None:
        raise RuntimeError(MISSING)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--window-size={window[0]},{window[1]}", *extra, f"--user-data-dir={user_data_dir}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
