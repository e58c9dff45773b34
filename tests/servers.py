"""Start the real ``newslint serve`` on a free loopback port, and talk HTTP to it (for the tests)."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

#: An article written for these tests: a misspelt known name and a caption used twice.
ARTICLE = """\
North and South Korea agree to talks at the border

Officials say the meeting could ease tensions before the Winter Olympics

Soldiers stand guard at the truce village of Panmunjom. Photograph: Reuters

South Korea has accepted an offer of talks from Kim Jong-on, the North Korean leader, \
who said in his new year speech that he was open to dialogue.

The two sides will meet at the border village next week, officials in Seoul said.

Soldiers stand guard at the truce village of Panmunjom. Photograph: Reuters

Analysts said the offer could be an attempt to drive a wedge between Seoul and Washington.
"""


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class Server:
    """A ``newslint serve`` process; :meth:`request` sends one HTTP request to it."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str] | None = None):
        self.log_path = cwd / "server.log"
        self._log = open(self.log_path, "wb")
        environment = {**os.environ, "TMPDIR": str(cwd), **(env or {})}
        environment.pop("NEWSLINT_DEBUG", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newslint", "serve", "--port", "0", *args],
            cwd=cwd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=environment,
        )
        self.port = 0
        self.port = self._wait_for_port()

    def _wait_for_port(self) -> int:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", text)
            if m:
                port = self.port = int(m.group(1))
                # the line is printed just before uvicorn starts serving the socket
                for _ in range(200):
                    try:
                        if self.request("GET", "/healthz").status == 200:
                            return port
                    except OSError:
                        time.sleep(0.05)
                return port
            if self.proc.poll() is not None:
                raise RuntimeError(f"newslint serve exited with {self.proc.returncode}:\n{text}")
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("newslint serve did not start within 90 s")

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def request(
        self,
        method: str,
        path: str,
        body: bytes | str | dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> Answer:
        headers = dict(headers or {})
        if isinstance(body, dict):
            body = json.dumps(body).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode("utf-8")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            return Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()

    def check(self, payload: dict[str, Any], **kw: Any) -> Answer:
        return self.request("POST", "/v1/check", payload, **kw)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log.close()


def need(module: str, extra: str) -> None:
    """Skip without ``module``, except in CI (``CI=true``), where a missing part is a failure."""
    try:
        __import__(module)
    except ImportError:
        message = f"{module} is not installed: pip install -e '.[{extra}]'"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must install it: see .ci/run)")
        pytest.skip(message)


def start(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Server:
    """A started server (a skip when the serve extra is not installed, outside CI)."""
    need("starlette", "serve")
    need("uvicorn", "serve")
    return Server(args, cwd, env)
