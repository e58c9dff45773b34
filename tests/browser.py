"""Debian's headless chromium, driven through its chromedriver by Selenium (for the review page's tests).

Browsers cannot be downloaded here, so nothing fetches one: the system's ``chromium`` and
``chromedriver`` are used as they are. Outside CI a missing part skips the test with the
command that installs it; in CI (``CI=true``) it is a failure, so the page is never untested.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from servers import need

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
)

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
    "--window-size=1366,860",
)


def chromium(user_data_dir: Path | None = None):
    """A Selenium driver for a fresh headless chromium with an empty profile."""
    need("selenium", "test")
    if CHROMIUM is None or CHROMEDRIVER is None:
        message = "Debian's chromium and chromium-driver are not installed: apt-get install -y chromium chromium-driver"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (.ci/run installs them)")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={user_data_dir or tempfile.mkdtemp(prefix='newslint-chromium-')}")
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
