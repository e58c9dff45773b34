"""The local server's life cycle, with a stand-in ``java`` that serves the ``/v2`` API.

language-tool-python builds the command line (``java -cp .../languagetool-server.jar
org.languagetool.server.HTTPServer -p PORT``); the stand-in ``java`` on PATH answers
``-version`` like Java 17 and otherwise serves the stand-in LanguageTool on that port.
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import newslint_languagetool
import pytest
from newslint_languagetool import GrammarRule, Runtime
from newslint_languagetool.settings import Settings

import newslint
from newslint.loaders.text import parse_text

STUB = textwrap.dedent(
    """
    import json, sys, urllib.parse
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class H(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def reply(self, body):
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            self.reply([{"name": "English", "code": "en", "longCode": "en-GB"}])

        def do_POST(self):
            form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            text = form["text"][0]
            i = text.find("had has")
            matches = [] if i < 0 else [{
                "message": "Two auxiliary verbs in a row.", "offset": len(text[:i].encode("utf-16-le")) // 2,
                "length": 7, "replacements": [{"value": "had"}],
                "rule": {"id": "STANDIN_HAD_HAS", "description": "Auxiliary verbs",
                         "issueType": "grammar", "category": {"id": "GRAMMAR", "name": "Grammar"}},
            }]
            self.reply({"matches": matches})

    port = int(sys.argv[sys.argv.index("-p") + 1])
    HTTPServer(("127.0.0.1", port), H).serve_forever()
    """
)


def fake_java(bin_dir: Path, body: str) -> None:
    bin_dir.mkdir(parents=True, exist_ok=True)
    java = bin_dir / "java"
    java.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-version" ]; then echo \'openjdk version "17.0.15" 2025-04-15\' >&2; exit 0; fi\n' + body
    )
    java.chmod(0o755)


@pytest.fixture
def local_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A LanguageTool "download" and a stand-in Java on PATH."""
    install = tmp_path / "ltp" / "LanguageTool-6.6"
    install.mkdir(parents=True)
    (install / "languagetool-server.jar").write_bytes(b"")
    (tmp_path / "stub.py").write_text(STUB)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp"))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    return tmp_path


def test_local_server_is_started_once_used_and_stopped(
    local_install: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_java(local_install / "bin", f'exec "{sys.executable}" "{local_install / "stub.py"}" "$@"\n')
    runtime = Runtime()
    monkeypatch.setattr(newslint_languagetool, "RUNTIME", runtime)
    config = newslint.Config()
    try:
        assert newslint_languagetool.newslint_report_header(config=config) is None  # it works: no notice
        (server,) = runtime._servers
        process = server.process
        assert process is not None and process.poll() is None
        assert "org.languagetool.server.HTTPServer" in server.command()
        rule = GrammarRule(runtime)
        ctx = newslint.RuleContext(config=config, options=config.rule_options(rule))
        for name in ("a.txt", "b.txt"):
            article = parse_text(name, f"Headline {name}\n\nAOL, had has mixed fortunes.\n")
            assert [(d.start.line, d.start.column) for d in rule.check(article, ctx)] == [(3, 6)]
        assert len(runtime._servers) == 1  # one server for the whole run
    finally:
        newslint_languagetool.newslint_session_finish(session=None, exitstatus=130)
    assert process.poll() is not None  # stopped, as after Ctrl-C
    assert runtime._servers == []


def test_a_server_that_exits_at_start_is_explained(local_install: Path) -> None:
    fake_java(local_install / "bin", "echo 'Error: could not open jar' >&2; exit 1\n")
    runtime = Runtime(share=False)
    res = runtime.resolve(Settings.from_options({}).connection)
    assert res.backend is None
    assert any("did not start" in r and "status 1" in r for r in res.reasons), res.reasons
    assert runtime._servers == []


def test_a_server_that_never_answers_is_stopped(local_install: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_java(local_install / "bin", "exec sleep 30\n")
    monkeypatch.setattr("newslint_languagetool.runtime.START_TIMEOUT", 0.5)
    runtime = Runtime(share=False)
    res = runtime.resolve(Settings.from_options({}).connection)
    assert any("did not start within 0.5 s" in r for r in res.reasons), res.reasons
    assert runtime._servers == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux only")
def test_server_stops_when_newslint_is_killed(local_install: Path) -> None:
    import signal
    import subprocess
    import time

    fake_java(local_install / "bin", f'exec "{sys.executable}" "{local_install / "stub.py"}" "$@"\n')
    code = textwrap.dedent(
        """
        import sys, time
        from newslint_languagetool import Runtime
        from newslint_languagetool.settings import Settings
        rt = Runtime(share=False)
        assert rt.resolve(Settings.from_options({}).connection).backend is not None
        print(rt._servers[0].process.pid, flush=True)
        time.sleep(60)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert parent.stdout is not None
        server_pid = int(parent.stdout.readline())
        os.kill(parent.pid, signal.SIGKILL)  # no Python code runs: no session finish, no exit handler
        parent.wait()
        for _ in range(100):  # the kernel delivers SIGTERM to the server; wait for it to go
            try:
                os.kill(server_pid, 0)
            except ProcessLookupError:
                break
            # a dead child of init may linger as a zombie for a moment; look at its state
            try:
                with open(f"/proc/{server_pid}/stat") as f:
                    if f.read().split(") ")[1].startswith("Z"):
                        break
            except FileNotFoundError:
                break
            time.sleep(0.05)
        else:
            os.kill(server_pid, signal.SIGKILL)
            pytest.fail("the LanguageTool server outlived a killed newslint")
    finally:
        if parent.poll() is None:
            parent.kill()
