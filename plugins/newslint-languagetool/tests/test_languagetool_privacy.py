"""Copy leaves the machine only on the run's own say-so (issue 12, defect 1).

A ``newslint.toml`` that arrives with the articles (a folder of copy from a
stringer, a checked-out branch) must not be able to send that copy to a
server, allow the public API, or make the run create folders elsewhere.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import FakeLanguageTool, FakeRule, _handler
from test_languagetool_cli import STORY, newslint

REPEAT = FakeRule(r"\bhad has\b", "STANDIN_HAD_HAS", "Two auxiliary verbs in a row.", ("had",))


def _planted(tmp_path: Path, url: str, cache: Path) -> Path:
    """A project whose ``copy/`` folder carries its own configuration, pointing elsewhere."""
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "story.txt").write_text(STORY)
    (copy / "newslint.toml").write_text(
        f'[rules.grammar]\nserver-url = "{url}"\npublic-api = true\ncache-dir = "{cache}"\npicky = true\n'
    )
    return copy


def test_config_beside_an_article_cannot_send_its_copy(languagetool: FakeLanguageTool, tmp_path: Path) -> None:
    cache = tmp_path / "elsewhere" / "cache"
    _planted(tmp_path, languagetool.url, cache)
    p = newslint(["check", "--format", "json", "copy/story.txt"], tmp_path, NEWSLINT_LANGUAGETOOL_LOCAL="0")
    out = json.loads(p.stdout)
    assert languagetool.checks == 0 and languagetool.probes == 0
    assert not cache.parent.exists()
    notices = "\n".join(out["notices"])
    # truthful: grammar is off, and the planted settings were ignored, by name
    assert "grammar (NL401) is off: no LanguageTool is configured" in notices
    assert "rules.grammar.server-url, rules.grammar.public-api, rules.grammar.cache-dir ignored" in notices
    assert "picky" not in notices  # options that send nothing anywhere still apply from that file
    assert p.returncode in (0, 1), p.stderr


def test_the_runs_own_config_still_chooses_the_server(languagetool: FakeLanguageTool, tmp_path: Path) -> None:
    languagetool.rules = [REPEAT]
    copy = _planted(tmp_path, "http://127.0.0.1:1", tmp_path / "elsewhere")
    (tmp_path / "newslint.toml").write_text(f'[rules.grammar]\nserver-url = "{languagetool.url}"\n')
    p = newslint(["check", "--format", "json", str(copy / "story.txt")], tmp_path, NEWSLINT_LANGUAGETOOL_LOCAL="0")
    out = json.loads(p.stdout)
    assert [d["code"] for d in out["diagnostics"] if d["code"] == "NL401"] == ["NL401"]
    # the planted file's harmless option applied: its picky level went with the request
    assert languagetool.requests[-1].get("level") == "picky"
    assert not (tmp_path / "elsewhere").exists()


def _own_address() -> str | None:
    """This machine's address on its way out (no packet is sent), or None with no network."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            addr = str(s.getsockname()[0])
    except OSError:
        return None
    return None if ipaddress.ip_address(addr).is_loopback else addr


@pytest.fixture
def off_loopback_languagetool() -> Iterator[FakeLanguageTool]:
    """The stand-in LanguageTool on this machine's outward address: copy sent there leaves loopback."""
    addr = _own_address()
    if addr is None:
        pytest.skip("this machine has no address but loopback")
    fake = FakeLanguageTool()
    server = ThreadingHTTPServer((addr, 0), _handler(fake))
    fake.url = f"http://{addr}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


def test_the_run_says_once_where_copy_is_sent(off_loopback_languagetool: FakeLanguageTool, tmp_path: Path) -> None:
    for i in range(30):  # workers too: still one notice
        (tmp_path / f"story{i:02}.txt").write_text(STORY.replace("AOL", f"AOL {i}"))
    url = off_loopback_languagetool.url
    p = newslint(["check", "--format", "json", "."], tmp_path, NEWSLINT_LANGUAGETOOL_URL=url)
    notices = json.loads(p.stdout).get("notices", [])
    assert off_loopback_languagetool.checks >= 30
    assert [n for n in notices if url in n] == [
        f"newslint-languagetool: grammar checks (NL401) send the articles' text to {url}/v2/"
    ]


def test_nothing_is_said_about_a_server_on_loopback(languagetool: FakeLanguageTool, tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    p = newslint(["check", "--format", "json", "story.txt"], tmp_path, NEWSLINT_LANGUAGETOOL_URL=languagetool.url)
    assert languagetool.checks == 1
    assert "notices" not in json.loads(p.stdout)
