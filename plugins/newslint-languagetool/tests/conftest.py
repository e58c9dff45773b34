"""A stand-in LanguageTool server on loopback, answering in the documented ``/v2`` format.

It finds configured phrases in the posted text and answers with matches whose
``offset`` and ``length`` are in UTF-16 code units, as LanguageTool's are.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from newslint_languagetool import settings as lt_settings
from newslint_languagetool.runtime import ENV_SHARED, LocalServer, Runtime
from newslint_languagetool.testing import real_download_folder, real_server

#: Where the real-LanguageTool tests find it, as the shell set it (every other test sees an empty one)
REAL_DOWNLOAD_FOLDER = real_download_folder()


@dataclass
class FakeRule:
    """Answer a match wherever ``pattern`` occurs (group 1 when it has one)."""

    pattern: str
    rule_id: str
    message: str
    replacements: tuple[str, ...] = ()
    category: str = "GRAMMAR"
    issue_type: str = "grammar"


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@dataclass
class FakeLanguageTool:
    """State and behaviour of the stand-in server; tests change ``mode`` and ``rules``."""

    rules: list[FakeRule] = field(default_factory=list)
    mode: str = "ok"  # ok | error500 | ratelimit | slow | garbage | toolong
    retry_after: str | None = None
    delay: float = 0.0
    max_chars: int = 10**9
    requests: list[dict[str, str]] = field(default_factory=list)
    probes: int = 0
    url: str = ""

    @property
    def checks(self) -> int:
        return len(self.requests)

    def answer(self, form: dict[str, str]) -> dict[str, Any]:
        text = form["text"]
        disabled = set(filter(None, form.get("disabledRules", "").split(",")))
        matches = []
        for r in self.rules:
            if r.rule_id in disabled:
                continue
            for m in re.finditer(r.pattern, text):
                g = 1 if m.groups() else 0
                start, end = m.start(g), m.end(g)
                matches.append(
                    {
                        "message": r.message,
                        "shortMessage": "",
                        "replacements": [{"value": v} for v in r.replacements],
                        "offset": utf16(text[:start]),
                        "length": utf16(text[start:end]),
                        "context": {"text": text[max(0, start - 20) : end + 20], "offset": 0, "length": 0},
                        "sentence": text,
                        "type": {"typeName": "Other"},
                        "rule": {
                            "id": r.rule_id,
                            "description": r.message,
                            "issueType": r.issue_type,
                            "category": {"id": r.category, "name": r.category.title()},
                        },
                        "ignoreForIncompleteSentence": False,
                        "contextForSureMatch": 0,
                    }
                )
        matches.sort(key=lambda d: d["offset"])
        return {
            "software": {"name": "LanguageTool", "version": "6.6", "apiVersion": 1, "status": ""},
            "warnings": {"incompleteResults": False},
            "language": {"name": "English", "code": form.get("language", "")},
            "matches": matches,
        }


def _handler(fake: FakeLanguageTool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def _send(self, status: int, body: bytes, ctype: str = "application/json", **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/v2/languages"):
                fake.probes += 1
                body = [{"name": "English (GB)", "code": "en", "longCode": "en-GB"}]
                self._send(200, json.dumps(body).encode())
            else:
                self._send(404, b"not found", "text/plain")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8")
            form = {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
            if not self.path.rstrip("/").endswith("/v2/check"):
                self._send(404, b"not found", "text/plain")
                return
            fake.requests.append(form)
            if fake.mode == "slow" or fake.delay:
                time.sleep(fake.delay or 2.0)
            if fake.mode == "error500":
                self._send(500, b"Error: Internal Error: java.lang.RuntimeException", "text/plain")
            elif fake.mode == "ratelimit":
                headers = {"Retry-After": fake.retry_after} if fake.retry_after else {}
                self._send(429, b"Too many requests", "text/plain", **headers)
            elif fake.mode == "garbage":
                self._send(200, b"<html>proxy error</html>", "text/html")
            elif len(form.get("text", "")) > fake.max_chars:
                self._send(413, b"Error: Your text exceeds the limit", "text/plain")
            else:
                self._send(200, json.dumps(fake.answer(form)).encode("utf-8"))

    return Handler


@pytest.fixture
def languagetool() -> Iterator[FakeLanguageTool]:
    """A stand-in LanguageTool on 127.0.0.1 (random port), serving from a thread."""
    fake = FakeLanguageTool()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def real_languagetool() -> Iterator[LocalServer]:
    """One real LanguageTool for the whole test session, started from the download folder.

    ``newslint languagetool download`` puts it there (``.ci/run`` does). The
    server listens on loopback, on a free port; tests read ``.url`` each time,
    since a test that crashes it on purpose gets it restarted on another port.
    """
    server = real_server(REAL_DOWNLOAD_FOLDER, ("en-GB", "en", "en-US"))
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No LanguageTool settings leak in from the shell or between tests, nor a downloaded LanguageTool."""
    monkeypatch.setenv("LTP_PATH", str(tmp_path_factory.getbasetemp() / "no-languagetool-downloaded"))
    for name in (
        lt_settings.ENV_URL,
        lt_settings.ENV_LOCAL,
        lt_settings.ENV_PUBLIC,
        lt_settings.ENV_TIMEOUT,
        lt_settings.ENV_REQUIRED,
        lt_settings.ENV_CACHE_DIR,
        ENV_SHARED,
    ):
        monkeypatch.delenv(name, raising=False)
    yield
    os.environ.pop(ENV_SHARED, None)  # a runtime under test may have exported its decisions


@pytest.fixture
def runtime() -> Iterator[Runtime]:
    rt = Runtime(share=False)
    yield rt
    rt.reset()
