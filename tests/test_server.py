"""``newslint serve`` as a CMS meets it: the real server on a loopback port, spoken to over HTTP."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from servers import ARTICLE, Server, start

import newslint

HOUSE_NAMES = """\
people = [
  { name = "Ottoline Fairweather", wrong = ["Ottoline Fairwether"], role = "Minister" },
]
"""


@pytest.fixture(scope="module")
def house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A newsroom's configuration: a house names list, and the credit-format rule left out."""
    folder = tmp_path_factory.mktemp("house")
    (folder / "house-names.toml").write_text(HOUSE_NAMES, encoding="utf-8")
    (folder / "newslint.toml").write_text(
        'names = ["house-names.toml"]\nignore = ["credit-format"]\n[plugins]\ndisable = ["languagetool"]\n',
        encoding="utf-8",
    )
    return folder / "newslint.toml"


@pytest.fixture(scope="module")
def server(house: Path, tmp_path_factory: pytest.TempPathFactory):
    srv = start(["--config", str(house), "--workers", "2"], tmp_path_factory.mktemp("serve"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory):
    """A server with a token, one worker, a short time limit and a small body limit."""
    folder = tmp_path_factory.mktemp("strict")
    (folder / "token").write_text("s3cret-token\n", encoding="utf-8")
    (folder / "newslint.toml").write_text('[plugins]\ndisable = ["languagetool"]\n', encoding="utf-8")
    args = ["--config", str(folder / "newslint.toml"), "--token-file", str(folder / "token")]
    srv = start([*args, "--workers", "1", "--timeout", "0.5", "--max-body", "3"], folder)
    yield srv
    srv.stop()


AUTH = {"Authorization": "Bearer s3cret-token"}


def codes(answer) -> list[str]:
    return [d["code"] for d in answer.json["diagnostics"]]


def in_process(text: str, path: str, config: Path) -> list[dict]:
    with newslint.Checker(config_file=config) as checker:
        return [d.to_dict() for d in checker.check_text(text, path)]


# -- the envelope ---------------------------------------------------------------------


def test_check_answers_the_json_envelope_with_offsets(server: Server, house: Path) -> None:
    answer = server.check({"text": ARTICLE, "filename": "korea.txt"})
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/json"
    body = answer.json
    assert body["version"] == 1
    # exactly what the library (and so `check --format json`) finds, with the same configuration
    assert body["diagnostics"] == in_process(ARTICLE, "korea.txt", house)
    name = next(d for d in body["diagnostics"] if d["rule"] == "name-consistency")
    assert ARTICLE[name["offset"] : name["end_offset"]] == "Kim Jong-on"
    assert (name["line"], name["column"], name["suggestions"]) == (7, 49, ["Kim Jong-un"])
    caption = next(d for d in body["diagnostics"] if d["rule"] == "duplicate-caption")
    assert ARTICLE[caption["offset"] : caption["end_offset"]].startswith("Soldiers stand guard")
    assert caption["line"] == 11


def test_the_house_configuration_given_at_start_applies(server: Server) -> None:
    text = "Budget talks resume\n\nOttoline Fairwether said the budget would pass. Photo by AP\n"
    found = server.check({"text": text})
    assert found.status == 200
    name = [d for d in found.json["diagnostics"] if d["rule"] == "name-consistency"]
    assert [d["suggestions"] for d in name] == [["Ottoline Fairweather"]]  # from the house list
    assert "credit-format" not in {d["rule"] for d in found.json["diagnostics"]}  # ignored by the house


def test_format_filename_language_and_select(server: Server) -> None:
    md = "# Leaders meet\n\nThe *colour* of the talks: Kim Jong-on smiled.\n"
    answer = server.check({"text": md, "format": "markdown", "select": ["NL1"], "language": "en-US"})
    assert answer.status == 200
    assert codes(answer) == ["NL101"]
    assert answer.json["diagnostics"][0]["path"] == "<text>"
    us = server.check({"text": md, "filename": "story.md", "select": ["wrong-spelling-variant"], "language": "en-US"})
    assert [d["message"] for d in us.json["diagnostics"]] and all(
        d["path"] == "story.md" for d in us.json["diagnostics"]
    )
    assert "colour" in us.json["diagnostics"][0]["message"]
    html = server.check(
        {"text": "<h1>Talks</h1><p>Kim Jong-on &amp; aides.</p>", "format": "html", "select": ["NL101"]}
    )
    d = html.json["diagnostics"][0]
    assert "<h1>Talks</h1><p>Kim Jong-on &amp; aides.</p>"[d["offset"] : d["end_offset"]] == "Kim Jong-on"


def test_raw_upload_with_its_file_name(server: Server) -> None:
    md = "# Leaders meet\n\nKim Jong-on smiled and smiled.\n"
    answer = server.request(
        "POST",
        "/v1/check?select=NL101",
        md,
        {"Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": 'attachment; filename="korea.md"'},
    )
    assert answer.status == 200
    assert [(d["path"], d["code"], d["line"]) for d in answer.json["diagnostics"]] == [("korea.md", "NL101", 3)]
    # a name that is not ASCII, as the review page sends it (RFC 6266's filename*)
    named = server.request(
        "POST",
        "/v1/check?select=NL101",
        md,
        {"Content-Type": "text/markdown", "Content-Disposition": "attachment; filename*=UTF-8''Kor%C3%A9e%20talks.md"},
    )
    assert [d["path"] for d in named.json["diagnostics"]] == ["Korée talks.md"]


WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _word_file(folder: Path) -> bytes:
    docx = pytest.importorskip("docx", reason="the docx extra is not installed")
    doc = docx.Document()
    doc.add_heading("Korea talks", level=1)
    doc.add_paragraph("South Korea accepted an offer of talks from Kim Jong-on on Tuesday.")
    doc.save(folder / "korea.docx")
    return (folder / "korea.docx").read_bytes()


def test_a_word_file_as_a_raw_upload(server: Server, tmp_path: Path) -> None:
    headers = {"Content-Type": WORD, "Content-Disposition": "attachment; filename=korea.docx"}
    answer = server.request("POST", "/v1/check", _word_file(tmp_path), headers)
    assert answer.status == 200, answer.body
    name = [d for d in answer.json["diagnostics"] if d["code"] == "NL101"]
    assert [(d["path"], d["suggestions"]) for d in name] == [("korea.docx", ["Kim Jong-un"])]
    # the answer gives the document's text, one line a paragraph, which the offsets index
    text = answer.json["text"]
    assert text.splitlines() == ["Korea talks", "South Korea accepted an offer of talks from Kim Jong-on on Tuesday."]
    assert text[name[0]["offset"] : name[0]["end_offset"]] == "Kim Jong-on"


def test_fix_takes_a_raw_upload_with_its_file_name(server: Server) -> None:
    md = "# Talks resume\n\nKim Jong-on said the the *talks* would resume.\n"
    headers = {"Content-Type": "text/markdown", "Content-Disposition": 'attachment; filename="talks.md"'}
    answer = server.request("POST", "/v1/fix", md.encode("utf-8"), headers)
    assert answer.status == 200, answer.body
    assert answer.json["text"] == "# Talks resume\n\nKim Jong-on said the *talks* would resume.\n"
    assert [(d["path"], d["rule"]) for d in answer.json["applied"]] == [("talks.md", "doubled-word")]
    assert codes(answer) == ["NL101"]
    # query parameters as a check takes them, and the fix level; bytes in another encoding are decoded first
    raw = "Caf\u00e9 talks\n\nThe caf\u00e9 owner said the the talks went well.\n".encode("cp1252")
    latin = server.request(
        "POST", "/v1/fix?select=NL501&applicability=unsafe", raw, {"Content-Type": "text/plain; charset=cp1252"}
    )
    assert latin.status == 200, latin.body
    assert latin.json["text"] == "Caf\u00e9 talks\n\nThe caf\u00e9 owner said the talks went well.\n"
    wrong = server.request("POST", "/v1/fix?accept=NL101", md.encode("utf-8"), headers)
    assert (wrong.status, wrong.json["error"]["code"]) == (422, "bad-field")
    assert "applicability" in wrong.json["error"]["message"]


def test_fixes_are_not_offered_for_a_word_file_and_it_says_so(server: Server, tmp_path: Path) -> None:
    headers = {"Content-Type": WORD, "Content-Disposition": "attachment; filename=korea.docx"}
    answer = server.request("POST", "/v1/fix", _word_file(tmp_path), headers)
    assert answer.status == 422, answer.body
    assert answer.json["error"] == {
        "code": "fix-not-offered",
        "message": "fixes are not offered for Word documents (.docx): /v1/check gives the findings, "
        "to correct where it was written",
    }
    # nor for the other formats that are never rewritten
    nitf = "<nitf><body><body.head><hedline><hl1>Talks</hl1></hedline></body.head>"
    nitf += "<body.content><p>Kim Jong-on said the the talks would resume.</p></body.content></body></nitf>"
    xml = server.request("POST", "/v1/fix", {"text": nitf, "format": "nitf"})
    assert (xml.status, xml.json["error"]["code"]) == (422, "fix-not-offered")


def test_undecodable_bytes_are_read_with_a_fallback_and_reported(server: Server) -> None:
    raw = "Caf\u00e9 talks\n\nKim Jong-on met officials at the caf\u00e9.\n".encode("cp1252")
    answer = server.request("POST", "/v1/check", raw, {"Content-Type": "text/plain"})
    assert answer.status == 200
    assert {"NL002", "NL101"} <= set(codes(answer))
    # with the charset named, nothing needs guessing
    named = server.request("POST", "/v1/check", raw, {"Content-Type": "text/plain; charset=windows-1252"})
    assert "NL002" not in codes(named) and "NL101" in codes(named)


def test_fix_applies_safe_fixes_and_rechecks(server: Server) -> None:
    text = "Talks resume\n\nKim Jong-on said the the talks would resume.\n"
    answer = server.request("POST", "/v1/fix", {"text": text})
    assert answer.status == 200
    body = answer.json
    assert body["text"] == "Talks resume\n\nKim Jong-on said the talks would resume.\n"  # the doubled word only
    assert body["changed"] is True
    assert [d["rule"] for d in body["applied"]] == ["doubled-word"]
    assert codes(answer) == ["NL101"]  # the name is an editor's call, so it remains


def test_fix_applies_what_an_editor_accepted(server: Server) -> None:
    text = "Talks resume\n\nKim Jong-on said the the talks would resume.\n"
    found = server.check({"text": text})
    name = next(d for d in found.json["diagnostics"] if d["code"] == "NL101")
    accept = [{k: name[k] for k in ("code", "offset", "end_offset")}]
    answer = server.request("POST", "/v1/fix", {"text": text, "accept": accept})
    assert answer.status == 200
    assert answer.json["text"] == "Talks resume\n\nKim Jong-un said the the talks would resume.\n"
    assert [d["code"] for d in answer.json["applied"]] == ["NL101"]
    assert codes(answer) == ["NL501"]  # the doubled word was not chosen
    stale = server.request(
        "POST", "/v1/fix", {"text": text, "accept": [{"code": "NL101", "offset": 1, "end_offset": 3}]}
    )
    assert stale.status == 200 and stale.json["changed"] is False and len(stale.json["not_found"]) == 1


def test_rules_health_and_openapi(server: Server) -> None:
    rules = server.request("GET", "/v1/rules")
    assert rules.status == 200
    by_name = {r["name"]: r for r in rules.json["rules"]}
    assert by_name["name-consistency"]["code"] == "NL101" and by_name["name-consistency"]["enabled"] is True
    assert by_name["credit-format"]["enabled"] is False  # the house configuration
    health = server.request("GET", "/healthz")
    assert (health.status, health.json["status"], health.json["workers"]) == (200, "ok", 2)
    doc = server.request("GET", "/openapi.json").json
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {
        "/v1/check",
        "/v1/fix",
        "/v1/rules",
        "/healthz",
        "/openapi.json",
        "/",
        "/static/{name}",
    }


def test_openapi_lists_every_route_and_the_statuses_the_service_gives() -> None:
    pytest.importorskip("starlette")
    from newslint.server.app import create_app
    from newslint.server.openapi import openapi_document

    class NoPool:
        size = 1

        def alive(self) -> int:
            return 1

    app = create_app(NoPool(), [], __import__("newslint.server.app").server.app.Settings(), "0")  # type: ignore[arg-type]
    doc = openapi_document("0")
    routes = {(r.path, m.lower()) for r in app.routes for m in r.methods if m != "HEAD"}  # type: ignore[attr-defined]
    documented = {(p, m) for p, ops in doc["paths"].items() for m in ops}
    assert routes == documented
    for status in ("400", "408", "413", "415", "422"):
        assert status in doc["paths"]["/v1/check"]["post"]["responses"]


# -- bad input: a clear 4xx, never a 500, never a traceback ----------------------------


@pytest.mark.parametrize(
    ("body", "headers", "status", "code"),
    [
        (b"", {"Content-Type": "application/json"}, 400, "empty-body"),
        (b"", {"Content-Type": "text/plain"}, 400, "empty-body"),
        (b"text=hello", {"Content-Type": "application/x-www-form-urlencoded"}, 415, "unsupported-media-type"),
        (b"hello", {}, 415, "unsupported-media-type"),
        (b"\x89PNG\r\n", {"Content-Type": "image/png"}, 415, "unsupported-media-type"),
        (b'{"text": "caf\xe9"}', {"Content-Type": "application/json"}, 400, "not-utf8"),
        (b'{"text": "unfinished', {"Content-Type": "application/json"}, 400, "bad-json"),
        (b"[" * 100000, {"Content-Type": "application/json"}, 400, "bad-json"),
        (b'["a list"]', {"Content-Type": "application/json"}, 422, "bad-field"),
        (b'{"txt": "typo"}', {"Content-Type": "application/json"}, 422, "bad-field"),
        (b'{"text": 42}', {"Content-Type": "application/json"}, 422, "bad-field"),
        (b'{"text": "x", "format": "pdf"}', {"Content-Type": "application/json"}, 422, "bad-field"),
        (b'{"text": "x", "language": "fr"}', {"Content-Type": "application/json"}, 422, "bad-field"),
        (b'{"text": "x", "select": "NOPE1"}', {"Content-Type": "application/json"}, 422, "bad-option"),
        (b'{"text": "   "}', {"Content-Type": "application/json"}, 422, "unreadable-article"),
        # a malformed JSON article (the CMS record itself is broken)
        (
            b'{"text": "{\\"headline\\": \\"Talks\\", ", "format": "json"}',
            {"Content-Type": "application/json"},
            422,
            "unreadable-article",
        ),
        (b"hello", {"Content-Type": "text/plain; charset=klingon"}, 415, "unknown-charset"),
        (b"\xff\xfe\xfa", {"Content-Type": "text/plain; charset=utf-8"}, 400, "bad-encoding"),
    ],
)
def test_bad_input_gets_a_clear_4xx(server: Server, body: bytes, headers: dict, status: int, code: str) -> None:
    answer = server.request("POST", "/v1/check", body, headers)
    assert answer.status == status, answer.body
    error = answer.json["error"]
    assert error["code"] == code
    assert error["message"] and "\n" not in error["message"] and "Traceback" not in answer.body.decode()


def test_bad_fix_requests(server: Server) -> None:
    form = server.request("POST", "/v1/fix", "text=plain", {"Content-Type": "application/x-www-form-urlencoded"})
    assert (form.status, form.json["error"]["code"]) == (415, "unsupported-media-type")
    for payload in ({"text": "x", "applicability": "always"}, {"text": "x", "accept": [{"code": "NL101"}]}):
        answer = server.request("POST", "/v1/fix", payload)
        assert (answer.status, answer.json["error"]["code"]) == (422, "bad-field")


def test_unknown_paths_and_methods(server: Server) -> None:
    assert server.request("GET", "/v2/check").status == 404
    wrong = server.request("GET", "/v1/check")
    assert wrong.status == 405 and wrong.json["error"]["code"] == "method-not-allowed"


def test_a_20_mb_body_is_refused_with_413(server: Server) -> None:
    body = (ARTICLE * 20000)[: 20 * 1024 * 1024].encode()
    for headers in ({"Content-Type": "text/plain"}, {"Content-Type": "application/json"}):
        answer = server.request("POST", "/v1/check", body, headers)
        assert answer.status == 413
        assert answer.json["error"]["code"] == "too-large" and "10.0 MiB" in answer.json["error"]["message"]
    assert server.request("GET", "/healthz").status == 200


def test_a_streamed_body_past_the_limit_is_refused(strict: Server) -> None:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", strict.port, timeout=30)

    def chunks():
        for _ in range(8):  # 4 MiB in chunks, with no Content-Length: counted as it arrives
            yield b"word " * 104858

    try:
        conn.request(
            "POST", "/v1/check", body=chunks(), headers={"Content-Type": "text/plain", **AUTH}, encode_chunked=True
        )
        resp = conn.getresponse()
        assert resp.status == 413
        assert json.loads(resp.read())["error"]["code"] == "too-large"
    finally:
        conn.close()


# -- limits, tokens, concurrency ------------------------------------------------------


def test_a_check_past_the_time_limit_is_408_and_the_service_goes_on(strict: Server) -> None:
    slow = ("Kim Jong-on said the talks would go on for a long time, officials said. " * 20 + "\n\n") * 300
    answer = strict.check({"text": slow}, headers=AUTH)
    assert answer.status == 408
    assert answer.json["error"]["code"] == "timeout" and "0.5 s" in answer.json["error"]["message"]
    after = strict.check({"text": ARTICLE}, headers=AUTH)  # the stuck worker was replaced
    assert after.status == 200 and "NL101" in codes(after)
    assert strict.request("GET", "/healthz").json["workers"] == 1


def test_the_token_is_required_on_the_api(strict: Server) -> None:
    missing = strict.check({"text": ARTICLE})
    assert missing.status == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = strict.check({"text": ARTICLE}, headers={"Authorization": "Bearer guess"})
    assert wrong.status == 401
    assert strict.check({"text": ARTICLE}, headers=AUTH).status == 200
    assert strict.request("GET", "/v1/rules", headers=AUTH).status == 200
    assert strict.request("GET", "/healthz").status == 200  # health and the page itself are open
    assert strict.request("GET", "/").status == 200


def test_32_concurrent_clients_each_get_their_own_answer(server: Server, house: Path) -> None:
    people = ["Kim Jong-on", "Emmanuel Macorn", "Angela Merkle", "Vladimir Puttin"]
    articles = [
        ARTICLE.replace("Kim Jong-on", people[i % 4]).replace("next week", f"in {i + 2} weeks") for i in range(32)
    ]
    expected = {p: in_process(ARTICLE.replace("Kim Jong-on", p), "<text>", house) for p in people}
    answers: dict[int, object] = {}

    def client(i: int) -> None:
        for _ in range(3):
            answers[i] = server.check({"text": articles[i]})

    threads = [threading.Thread(target=client, args=(i,)) for i in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(answers) == 32
    for i, answer in answers.items():
        assert answer.status == 200  # type: ignore[attr-defined]
        got = answer.json["diagnostics"]  # type: ignore[attr-defined]
        name = [d for d in got if d["rule"] == "name-consistency"]
        want = [d for d in expected[people[i % 4]] if d["rule"] == "name-consistency"]
        assert [(d["message"], d["suggestions"]) for d in name] == [(d["message"], d["suggestions"]) for d in want]


def test_nothing_of_the_copy_is_logged_or_stored(server: Server) -> None:
    secret = "Zanzibarian ambassador Quillon Throckmorton resigns"
    server.check({"text": f"{secret}\n\n{secret} today, aides said.\n", "filename": "embargoed-scoop.txt"})
    server.request(
        "POST",
        "/v1/check",
        secret,
        {"Content-Type": "text/plain", "Content-Disposition": 'attachment; filename="embargoed-scoop.txt"'},
    )
    server.request("POST", "/v1/check", f'{{"text": "{secret}', {"Content-Type": "application/json"})
    server.request("POST", "/v1/check", {"text": secret, "format": "json"})
    log = server.log
    assert "POST /v1/check" in log  # the access log is there, and it holds no copy
    for word in ("Quillon", "Throckmorton", "Zanzibarian", "embargoed-scoop"):
        assert word not in log
    folder = server.log_path.parent
    for f in folder.rglob("*"):
        if f.is_file() and f != server.log_path:
            assert "Throckmorton" not in f.read_text(encoding="utf-8", errors="replace"), f


def test_serve_refuses_a_bad_configuration_in_one_line(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    import subprocess
    import sys

    (tmp_path / "newslint.toml").write_text("selekt = ['NL1']\n", encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "newslint", "serve", "--port", "0", "--config", str(tmp_path / "newslint.toml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert (
        "unknown key 'selekt'" in r.stderr and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    )


def test_sigterm_stops_the_workers_too(tmp_path: Path) -> None:
    import os
    import signal
    import time

    (tmp_path / "newslint.toml").write_text('[plugins]\ndisable = ["languagetool"]\n', encoding="utf-8")
    srv = start(["--config", str(tmp_path / "newslint.toml"), "--workers", "2"], tmp_path)
    pid = srv.proc.pid
    workers = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    assert len(workers) == 2
    srv.proc.send_signal(signal.SIGTERM)
    assert srv.proc.wait(30) == 0  # a clean stop: the plugins' session_finish hooks ran
    srv.stop()

    def gone(p: int) -> bool:
        try:
            os.kill(p, 0)
        except ProcessLookupError:
            return True
        return Path(f"/proc/{p}/stat").read_text().split(") ")[1].startswith("Z")

    deadline = time.monotonic() + 10
    while not all(gone(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(gone(w) for w in workers)
