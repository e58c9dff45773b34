"""Every hook in ``newslint.hookspecs``, exercised through a real run by a plugin object.

``tests/test_meta.py`` checks that each hook's name appears in some test; this
is where each one is shown to do what ``docs/hooks.md`` says.
"""

from __future__ import annotations

import json

from conftest import TehRule, write

import newslint
from newslint.reporters import Reporter

STORY = "A headline about teh news\n\nThe first paragraph says teh thing.\n"


class CountReporter(Reporter):
    name = "count"
    description = "the number of findings"

    def render(self, report, stream, *, color=False):
        stream.write(f"{len(report.diagnostics)} in {len(report.files)}\n")


class StoryLoader:
    """Reads ``.story`` files: ``TITLE: ...`` then the body; leaves other files alone."""

    __name__ = "story-loader"

    @newslint.hookimpl
    def newslint_article_suffixes(self):
        return [".story"]

    @newslint.hookimpl
    def newslint_load_article(self, path, text, config):
        if not path.endswith(".story"):
            return None
        head, _, body = text.partition("\n")
        title = head.removeprefix("TITLE: ")
        blocks = (
            newslint.Block("headline", title, start=len("TITLE: ")),
            newslint.Block("paragraph", body.strip(), start=len(head) + 1),
        )
        return newslint.Article(path=path, source=text, blocks=blocks, format="story")


class Recorder:
    """Implements the remaining hooks and writes down how it was called."""

    __name__ = "recorder"

    def __init__(self):
        self.calls = []

    @newslint.hookimpl
    def newslint_add_rules(self):
        return [TehRule()]

    @newslint.hookimpl
    def newslint_add_reporters(self):
        return [CountReporter()]

    @newslint.hookimpl
    def newslint_add_commands(self, subparsers):
        p = subparsers.add_parser("hello", help="say hello")
        p.add_argument("--name", default="world")
        p.set_defaults(func=lambda args, manager: print(f"hello {args.name}") or 5)

    @newslint.hookimpl
    def newslint_session_start(self, session):
        self.calls.append(("start", len(session.rules) > 0))

    @newslint.hookimpl
    def newslint_session_finish(self, session, exitstatus):
        self.calls.append(("finish", exitstatus))

    @newslint.hookimpl
    def newslint_report_header(self, config):
        return [f"recorder: language is {config.language}"]


def test_newslint_add_rules(run_cli, tmp_path):
    p = write(tmp_path / "a.txt", STORY)
    r = run_cli("check", "--format", "json", "--select", "teh", "-j", "1", p, plugins=[Recorder()])
    assert [(d["code"], d["line"], d["column"]) for d in r.json["diagnostics"]] == [
        ("XT101", 1, 18),
        ("XT101", 3, 26),
    ]
    rules = run_cli("rules", plugins=[Recorder()])
    assert "XT101" in rules.out and "teh" in rules.out


def test_newslint_load_article_first_result_wins(run_cli, tmp_path):
    p = write(tmp_path / "a.story", "TITLE: Old teh headline\nBody with teh word.\n")
    r = run_cli(
        "check", "--format", "json", "--select", "teh", "-j", "1", p,
        plugins=[Recorder(), StoryLoader()],
    )
    found = [(d["field"], d["line"], d["column"]) for d in r.json["diagnostics"]]
    # positions map through the plugin's blocks into the source, past "TITLE: "
    assert found == [("headline", 1, 12), ("body", 2, 11)]
    # a suffix the plugin does not claim falls through to the plain-text loader
    q = write(tmp_path / "b.txt", "TITLE: teh\n")
    r = run_cli("check", "--format", "json", "--select", "teh", "-j", "1", q,
                plugins=[Recorder(), StoryLoader()])
    assert [(d["field"], d["column"]) for d in r.json["diagnostics"]] == [("headline", 8)]


def test_newslint_add_reporters(run_cli, tmp_path):
    p = write(tmp_path / "a.txt", STORY)
    r = run_cli("check", "--format", "count", "--select", "teh", "-j", "1", p, plugins=[Recorder()])
    assert r.out == "2 in 1\n" and r.status == 1


def test_newslint_add_commands(run_cli):
    r = run_cli("hello", "--name", "desk", plugins=[Recorder()])
    assert r.out == "hello desk\n" and r.status == 5


def test_newslint_session_start_and_finish(run_cli, tmp_path):
    rec = Recorder()
    p = write(tmp_path / "a.txt", STORY)
    r = run_cli("check", "--select", "teh", "-j", "1", p, plugins=[rec])
    assert r.status == 1
    assert rec.calls == [("start", True), ("finish", 1)]
    clean = write(tmp_path / "clean.txt", "Headline\n\nNothing here.\n")
    rec.calls.clear()
    run_cli("check", "--select", "teh", "-j", "1", clean, plugins=[rec])
    assert rec.calls == [("start", True), ("finish", 0)]


def test_newslint_report_header(run_cli, tmp_path):
    p = write(tmp_path / "a.txt", STORY)
    r = run_cli("check", "--select", "teh", "--language", "en-GB", "-j", "1", p, plugins=[Recorder()])
    # shown once, above the findings (other installed plugins may add their own notes)
    assert r.out.count("note: recorder: language is en-GB\n") == 1
    assert r.out.index("note: recorder") < r.out.index(f"{p}:1:18: warning XT101")
    r = run_cli("check", "--format", "json", "--select", "teh", "-j", "1", p, plugins=[Recorder()])
    assert "recorder: language is en" in r.json["notices"]


def test_the_library_api_runs_session_start_and_finish(tmp_path):
    # a plugin that sets up in session_start (LanguageTool's server) must see library runs too
    rec = Recorder()
    only_teh = newslint.Config(select=("teh",))
    found = newslint.check_text(STORY, "a.txt", config=only_teh, plugins=[rec])
    assert [d.code for d in found] == ["XT101", "XT101"]
    assert rec.calls == [("start", True), ("finish", 1)]
    rec.calls.clear()
    p = write(tmp_path / "a.txt", STORY)
    newslint.check_paths([p], config=only_teh, plugins=[rec])
    assert rec.calls == [("start", True), ("finish", 1)]


class Boom(newslint.Rule):
    """A rule that fails on an article saying BOOM (a plugin's bug)."""

    code = "XT901"
    name = "boom"
    summary = "Fails on BOOM"

    def check(self, article, ctx):
        if "BOOM" in article.source:
            raise RuntimeError("boom")
        return ()


class Booming(Recorder):
    __name__ = "booming"

    @newslint.hookimpl
    def newslint_add_rules(self):
        return [TehRule(), Boom()]


def test_check_text_again_and_again_is_a_run_each_time(monkeypatch):
    # the one-call functions reuse their session while nothing changes: each call is still
    # its own run, with its hooks, its findings and its exit status
    rec = Booming()
    only = newslint.Config(select=("teh", "boom"))
    first = newslint.check_text(STORY, "a.txt", config=only, plugins=[rec])
    failed = newslint.check_text("A headline\n\nBOOM went teh plugin.\n", "b.txt", config=only, plugins=[rec])
    again = newslint.check_text(STORY, "a.txt", config=only, plugins=[rec])
    assert first == again and [d.code for d in first] == ["XT101", "XT101"]
    assert sorted(d.code for d in failed) == ["NL001", "XT101"]
    assert rec.calls == [("start", True), ("finish", 1), ("start", True), ("finish", 3), ("start", True), ("finish", 1)]
    # a setting read from the environment is read again when it changes
    monkeypatch.setenv("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert newslint.check_text(STORY, "a.txt", config=only, plugins=[rec]) == first
    other = newslint.Config(select=("teh",))
    found = newslint.check_text("Fine\n\nBOOM teh\n", "c.txt", config=other, plugins=[rec])
    assert [d.code for d in found] == ["XT101"]


def test_session_hooks_get_a_read_only_view(run_cli, tmp_path):
    import dataclasses

    import pytest

    seen = []

    class Peek:
        __name__ = "peek"

        @newslint.hookimpl
        def newslint_session_start(self, session):
            seen.append(session)

    run_cli("check", "-j", "1", write(tmp_path / "a.txt", STORY), plugins=[Peek()])
    (view,) = seen
    assert view.config.language == "en" and any(r.code == "NL001" for r in view.rules)
    assert not hasattr(view, "run") and not hasattr(view, "manager")
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.config = newslint.Config()  # type: ignore[misc]


def test_a_session_is_a_context_manager(tmp_path):
    from newslint.config import ConfigResolver
    from newslint.session import Session

    rec = Recorder()
    p = write(tmp_path / "a.txt", STORY)
    with Session(resolver=ConfigResolver({"select": ("teh",)}), extra_plugins=[rec]) as session:
        assert rec.calls == [("start", True)]
        assert session.run([str(p)]) == 1
        assert [d.code for d in session.check_text("The teh end\n\nFine.\n", "b.txt")] == ["XT101"]
        assert rec.calls == [("start", True)]  # one start for the whole block
    assert rec.calls == [("start", True), ("finish", 1)]
    assert session.report is not None and len(session.report.diagnostics) == 2


def test_a_plugin_loader_is_used_on_folders(run_cli, tmp_path):
    # a folder is walked for the suffixes the loaders declare: check, audit and names build alike
    write(tmp_path / "stories" / "a.story", "TITLE: Old teh headline\nBody with teh word.\n")
    write(tmp_path / "stories" / "notes.csv", "teh,teh\n")
    r = run_cli("check", "--format", "json", "--select", "teh", "-j", "1", tmp_path / "stories",
                plugins=[Recorder(), StoryLoader()])
    story = str(tmp_path / "stories" / "a.story")
    found = [(d["path"], d["field"], d["line"]) for d in r.json["diagnostics"]]
    assert found == [(story, "headline", 1), (story, "body", 2)]
    r = run_cli("audit", "--rule", "teh", "--format", "json", tmp_path / "stories",
                plugins=[Recorder(), StoryLoader()])
    assert r.json["files"] == 1 and r.json["rules"][0]["hits"] == 2
    write(tmp_path / "stories" / "b.story", "TITLE: Talks\nMr Pennington said Graham Pennington won.\n")
    r = run_cli("names", "build", "-q", "--out", tmp_path / "names.json", tmp_path / "stories",
                plugins=[StoryLoader()])
    assert r.status == 0, r.err
    doc = json.loads((tmp_path / "names.json").read_text(encoding="utf-8"))
    assert doc["articles"] == 2 and [n["name"] for n in doc["names"]] == ["Graham Pennington"]


class WireLoader(StoryLoader):
    """``.story`` files of a wire system that stores copy in capitals: a fix is written in capitals too."""

    __name__ = "wire-loader"

    def __init__(self, refuse=False):
        self.refuse = refuse
        self.asked = []

    @newslint.hookimpl
    def newslint_fix_escape(self, format):
        self.asked.append(format)
        if format != "story":
            return None
        return (lambda original, replacement: None) if self.refuse else (lambda original, text: text.upper())


def test_newslint_fix_escape_writes_a_fix_as_the_loader_says(run_cli, tmp_path):
    p = write(tmp_path / "a.story", "TITLE: Old teh headline\nBody with teh word.\n")
    loader = WireLoader()
    r = run_cli("check", "--fix", "--select", "teh", "-j", "1", p, plugins=[Recorder(), loader])
    assert r.status == 0, r.out + r.err
    assert p.read_text(encoding="utf-8") == "TITLE: Old THE headline\nBody with THE word.\n"
    assert loader.asked == ["story"]
    # a plain-text article is no loader's format: its fix is written as is
    q = write(tmp_path / "b.txt", STORY)
    run_cli("check", "--fix", "--select", "teh", "-j", "1", q, plugins=[Recorder(), WireLoader()])
    assert q.read_text(encoding="utf-8") == STORY.replace("teh", "the")


def test_newslint_fix_escape_refusing_leaves_the_file_alone(run_cli, tmp_path):
    text = "TITLE: Old teh headline\nBody with teh word.\n"
    p = write(tmp_path / "a.story", text)
    r = run_cli("check", "--fix", "--select", "teh", "-j", "1", p, plugins=[Recorder(), WireLoader(refuse=True)])
    assert r.status == 1 and p.read_text(encoding="utf-8") == text
    # the library's Checker asks the same hook
    with newslint.Checker(plugins=[Recorder(), WireLoader()]) as checker:
        fixed = checker.apply_fixes(text, checker.check_text(text, path="a.story"))
    assert fixed.text == text.replace("teh", "THE") and len(fixed.applied) == 2
    with newslint.Checker(plugins=[WireLoader(refuse=True)]) as checker:
        assert not checker.writes_fixes("story") and checker.writes_fixes("html") and not checker.writes_fixes("docx")


def test_newslint_add_rules_is_called_through_pluggy(run_cli):
    # a hook wrapper sees the call: the spec can gain arguments like any pluggy hook
    seen = []

    class Wrapper:
        __name__ = "wrapper"

        @newslint.hookimpl(wrapper=True)
        def newslint_add_rules(self):
            rules = yield
            seen.append(len(rules))
            return rules

    r = run_cli("rules", plugins=[Recorder(), Wrapper()])
    assert r.status == 0 and "XT101" in r.out and seen and min(seen) >= 1


def test_two_reporters_of_one_name_are_an_error(run_cli, tmp_path):
    class Other:
        __name__ = "other-count"

        @newslint.hookimpl
        def newslint_add_reporters(self):
            return [CountReporter()]

    r = run_cli("check", "--format", "count", write(tmp_path / "a.txt", STORY), plugins=[Recorder(), Other()])
    assert r.status == 2
    assert "output format 'count' is provided by both" in r.err and "other-count" in r.err and "recorder" in r.err


def test_a_plugin_that_fails_to_load_names_its_distribution(tmp_path):
    import os
    import subprocess
    import sys

    site = tmp_path / "site"
    (site / "broken_plugin.py").parent.mkdir(parents=True)
    (site / "broken_plugin.py").write_text("raise ImportError('needs libfoo')\n")
    info = site / "newslint_broken-1.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-broken\nVersion: 1.2\n")
    (info / "entry_points.txt").write_text("[newslint]\nbroken = broken_plugin\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", None)
    p = subprocess.run([sys.executable, "-m", "newslint", "rules"], capture_output=True, text=True, env=env)
    assert p.returncode == 2, p.stderr
    expected = "plugin 'broken' from the distribution newslint-broken 1.2 failed to load: ImportError: needs libfoo"
    assert expected in p.stderr
    assert "Traceback" not in p.stderr
    argv = [sys.executable, "-m", "newslint", "rules", "--disable-plugin", "broken"]
    ok = subprocess.run(argv, capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr


def test_entry_points_come_from_the_cache_until_a_distribution_changes(tmp_path):
    """The second run reads the group from the cache; a changed or removed distribution is seen at once."""
    import os
    import subprocess
    import sys

    site = tmp_path / "site"
    site.mkdir()
    (site / "cached_plugin.py").write_text("")
    info = site / "newslint_cached-2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-cached\nVersion: 2.0\n")
    (info / "entry_points.txt").write_text("[newslint]\ncached = cached_plugin\n")
    env = {**os.environ, "PYTHONPATH": str(site), "NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", None)

    def plugins() -> list[str]:
        p = subprocess.run([sys.executable, "-m", "newslint", "plugins"], capture_output=True, text=True, env=env)
        assert p.returncode == 0, p.stderr
        return [line.split() for line in p.stdout.splitlines() if "cached" in line or "renamed" in line]

    assert plugins() == [["cached", "newslint-cached", "2.0"]]
    assert list((tmp_path / "cache").glob("entry-points-*.pickle"))
    assert plugins() == [["cached", "newslint-cached", "2.0"]]  # from the cache
    (info / "entry_points.txt").write_text("[newslint]\nrenamed = cached_plugin\n")
    os.utime(info / "entry_points.txt", ns=(1, 1))  # a different time even on a coarse clock
    assert plugins() == [["renamed", "newslint-cached", "2.0"]]
    (info / "entry_points.txt").unlink()
    (info / "METADATA").unlink()
    info.rmdir()
    assert plugins() == []
