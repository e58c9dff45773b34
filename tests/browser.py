"""Debian's headless chromium, driven through its chromedriver by Selenium (for the review page's tests).

How chromium is found and started is ``tools/chromium.py``'s to say; this module adds the
policy: outside CI a missing part skips the test with the command that installs it; in CI
(``CI=true``) it is a failure, so the page is never untested.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from servers import need

# how chromium is found and started is said once, in tools/chromium.py (the screenshot tool uses it too)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import chromium as chromium_tool  # noqa: E402


def chromium(user_data_dir: Path | None = None):
    """A Selenium driver for a fresh headless chromium with an empty profile."""
    need("selenium", "test")
    if chromium_tool.CHROMIUM is None or chromium_tool.CHROMEDRIVER is None:
        if os.environ.get("CI") == "true":
            pytest.fail(chromium_tool.MISSING + " (.ci/run installs them)")
        pytest.skip(chromium_tool.MISSING)
    return chromium_tool.driver(user_data_dir or tempfile.mkdtemp(prefix="newslint-chromium-"))
