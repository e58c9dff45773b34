"""A real LanguageTool for a test suite: the plugin's own tests, and newslint's docs examples.

One function, :func:`real_server`, finds the download and Java 17+, starts a local
server on loopback and warms it up in the languages asked for, or says why it cannot
(a pytest skip, or a failure when ``NEWSLINT_TEST_REAL_LANGUAGETOOL=1``, as in CI).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from newslint_languagetool.client import Client
from newslint_languagetool.runtime import (
    START_TIMEOUT,
    WARM_UP_TEXT,
    LocalServer,
    Runtime,
    download_folder,
    installed_languagetool,
)

#: "1" (CI): a test that needs the real LanguageTool fails, instead of skipping, without it
ENV_REAL_REQUIRED = "NEWSLINT_TEST_REAL_LANGUAGETOOL"
#: Where the tests find it: this variable (CI's own folder), else the download folder
ENV_REAL_FOLDER = "NEWSLINT_TEST_LANGUAGETOOL_FOLDER"


def real_download_folder() -> Path:
    """The folder the real-LanguageTool tests read, as the shell set it (read it at import,
    before a fixture points ``LTP_PATH`` at an empty folder for the other tests)."""
    folder = os.environ.get(ENV_REAL_FOLDER)
    return Path(folder) if folder else download_folder()


def real_server(folder: Path, languages: Sequence[str] = ("en-GB",)) -> LocalServer:
    """A started LanguageTool from ``folder``, warm in ``languages``; the caller closes it.

    Without a download or Java 17+ the test is skipped with the reason, or fails with it
    under ``NEWSLINT_TEST_REAL_LANGUAGETOOL=1``.
    """
    import pytest

    install = installed_languagetool(folder)
    java, version = Runtime(share=False).java()
    why = ""
    if install is None:
        why = f"LanguageTool is not downloaded to {folder} (newslint languagetool download)"
    elif java is None or (version or 0) < 17:
        why = "no Java 17+ for a local LanguageTool"
    if why:
        if os.environ.get(ENV_REAL_REQUIRED) == "1":
            pytest.fail(f"{ENV_REAL_REQUIRED}=1 but {why}")
        pytest.skip(why)
    assert install is not None and java is not None
    server = LocalServer(install, java, languages[0])
    server.start()
    for language in languages[1:]:  # each language loads its rules on first use
        Client(server.url, timeout=START_TIMEOUT).check(WARM_UP_TEXT, {"language": language})
    return server
