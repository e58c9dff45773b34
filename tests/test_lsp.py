"""``newslint lsp`` driven as an editor drives it: pygls' own client over standard input and output."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from servers import ARTICLE, need

HOUSE_NAMES = 'people = [{ name = "Ottoline Fairweather", wrong = ["Ottoline Fairwether"] }]\n'


class Editor:
    """A pygls client with the diagnostics the server published, per document."""

    def __init__(self) -> None:
        from lsprotocol import types
        from pygls.lsp.client import LanguageClient

        self.types = types
        self.client = LanguageClient("newslint-tests", "1")
        self.published: dict[str, asyncio.Queue] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.queue(params.uri).put_nowait(params)

    def queue(self, uri: str) -> asyncio.Queue:
        return self.published.setdefault(uri, asyncio.Queue())

    async def start(
        self, workspace: Path, *args: str, encodings: list | None = None, folders: list[Path] | None = None
    ) -> object:
        t = self.types
        await self.client.start_io(sys.executable, "-m", "newslint", "lsp", *args, cwd=str(workspace))
        caps = (
            t.ClientCapabilities(general=t.GeneralClientCapabilities(position_encodings=encodings))
            if encodings
            else (t.ClientCapabilities())
        )
        listed = [t.WorkspaceFolder(f.as_uri(), f.name) for f in folders] if folders else None
        params = t.InitializeParams(caps, root_uri=workspace.as_uri(), process_id=None, workspace_folders=listed)
        result = await self.client.initialize_async(params)
        self.client.initialized(t.InitializedParams())
        return result

    def open(self, path: Path, text: str, language: str = "plaintext") -> str:
        uri = path.as_uri()
        self.client.text_document_did_open(
            self.types.DidOpenTextDocumentParams(self.types.TextDocumentItem(uri, language, 1, text))
        )
        return uri

    async def diagnostics(self, uri: str, timeout: float = 60):
        return await asyncio.wait_for(self.queue(uri).get(), timeout)

    async def codes_until(self, uri: str, want: list[str], timeout: float = 60) -> list[str]:
        """The codes of the document's published diagnostics, once they are ``want`` (a check may come first)."""

        async def wait() -> list[str]:
            while True:
                got = sorted(d.code for d in (await self.queue(uri).get()).diagnostics)
                if got == want:
                    return got

        return await asyncio.wait_for(wait(), timeout)

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 180))


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    need("pygls", "lsp")
    (tmp_path / "house-names.toml").write_text(HOUSE_NAMES, encoding="utf-8")
    (tmp_path / "newslint.toml").write_text(
        'names = ["house-names.toml"]\n[plugins]\ndisable = ["languagetool"]\n', encoding="utf-8"
    )
    return tmp_path


def test_open_the_founding_article_get_diagnostics_and_code_actions(workspace: Path) -> None:
    async def session() -> None:
        editor = Editor()
        t = editor.types
        init = await editor.start(workspace)
        assert init.server_info.name == "newslint"
        assert init.capabilities.code_action_provider is not None
        uri = editor.open(workspace / "korea.txt", ARTICLE)
        published = await editor.diagnostics(uri)
        assert published.version == 1
        found = sorted(published.diagnostics, key=lambda d: d.range.start.line)
        assert [(d.code, d.range.start.line, d.range.start.character, d.severity) for d in found] == [
            ("NL101", 6, 48, t.DiagnosticSeverity.Warning),
            ("NL201", 10, 0, t.DiagnosticSeverity.Warning),
        ]
        name = found[0]
        assert name.source == "newslint" and name.message.startswith('"Kim Jong-on" may be a misspelling')
        assert (name.range.end.line, name.range.end.character) == (6, 59)

        actions = await editor.client.text_document_code_action_async(
            t.CodeActionParams(
                text_document=t.TextDocumentIdentifier(uri),
                range=name.range,
                context=t.CodeActionContext(diagnostics=[name]),
            )
        )
        quick = [a for a in actions if a.kind == t.CodeActionKind.QuickFix]
        assert [a.title for a in quick] == ['Replace with "Kim Jong-un"']
        assert quick[0].is_preferred is False  # a name is an editor's call (display-only: offered, never preferred)
        (change,) = quick[0].edit.document_changes
        (edit,) = change.edits
        assert edit.new_text == "Kim Jong-un" and edit.range == name.range
        assert change.text_document.version == 1
        await editor.stop()

    run(session())


def test_a_change_is_checked_after_the_pause_and_a_fix_all_action_applies_safe_fixes(workspace: Path) -> None:
    async def session() -> None:
        editor = Editor()
        t = editor.types
        await editor.start(workspace, "--debounce", "0.2")
        uri = editor.open(workspace / "budget.md", "# Budget\n\nOttoline Fairwether spoke.\n", "markdown")
        first = await editor.diagnostics(uri)
        assert [d.code for d in first.diagnostics] == ["NL101"]  # from the workspace's house names list
        assert "Ottoline Fairweather" in first.diagnostics[0].message
        # two keystrokes in quick succession: one check, of the last version
        for version, text in (
            (2, "# Budget\n\nOttoline Fairweather said the the"),
            (3, "# Budget\n\nOttoline Fairweather said the the plan.\n"),
        ):
            editor.client.text_document_did_change(
                t.DidChangeTextDocumentParams(
                    text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
        after = await editor.diagnostics(uri)
        assert after.version == 3
        assert [d.code for d in after.diagnostics] == ["NL501"]
        actions = await editor.client.text_document_code_action_async(
            t.CodeActionParams(
                text_document=t.TextDocumentIdentifier(uri),
                range=t.Range(t.Position(0, 0), t.Position(0, 0)),
                context=t.CodeActionContext(diagnostics=[], only=[t.CodeActionKind.SourceFixAll]),
            )
        )
        assert [a.title for a in actions] == ["newslint: apply every safe fix"]
        (edit,) = actions[0].edit.document_changes[0].edits
        assert (edit.range.start.line, edit.range.start.character, edit.new_text) == (2, 29, "")
        assert edit.range.end == t.Position(2, 33)  # the second " the" deleted
        editor.client.text_document_did_close(t.DidCloseTextDocumentParams(t.TextDocumentIdentifier(uri)))
        closed = await editor.diagnostics(uri)
        assert list(closed.diagnostics) == []
        await editor.stop()

    run(session())


def test_positions_count_in_the_editors_units(workspace: Path) -> None:
    async def session() -> None:
        editor = Editor()
        t = editor.types
        text = "Talks\n\n\U0001f600 \U0001f600 Kim Jong-on arrived.\n"
        for encodings, column in (([t.PositionEncodingKind.Utf16], 6), ([t.PositionEncodingKind.Utf32], 4)):
            editor = Editor()
            init = await editor.start(workspace, encodings=encodings)
            assert init.capabilities.position_encoding == encodings[0]
            uri = editor.open(workspace / "emoji.txt", text)
            published = await editor.diagnostics(uri)
            name = next(d for d in published.diagnostics if d.code == "NL101")
            assert (name.range.start.line, name.range.start.character) == (2, column)
            await editor.stop()

    run(session())


def _desk(folder: Path, person: str, wrong: str, disable: list[str], extra: str = "") -> Path:
    folder.mkdir()
    (folder / "names.toml").write_text(f'people = [{{ name = "{person}", wrong = ["{wrong}"] }}]\n', encoding="utf-8")
    plugins = ", ".join(f'"{p}"' for p in ["languagetool", *disable])
    (folder / "newslint.toml").write_text(f'names = ["names.toml"]\n{extra}[plugins]\ndisable = [{plugins}]\n')
    return folder


DESK_STORY = """\
Budget talks resume

Ministers meet again

Ottoline Fairwether met Bartholomew Quinse at the Treasury. Photograph: PA

The talks went on into the night.

Ottoline Fairwether met Bartholomew Quinse at the Treasury. Photograph: PA
"""


def test_each_workspace_folder_has_its_own_configuration_and_changes_are_followed(tmp_path: Path) -> None:
    """Desks in one workspace, each with its own rules and house names; folders and settings that change."""
    need("pygls", "lsp")
    (tmp_path / "newslint.toml").write_text('[plugins]\ndisable = ["languagetool"]\n', encoding="utf-8")
    politics = _desk(tmp_path / "politics", "Ottoline Fairweather", "Ottoline Fairwether", [])
    business = _desk(tmp_path / "business", "Bartholomew Quince", "Bartholomew Quinse", ["newslint.rules.captions"])
    sport = _desk(tmp_path / "sport", "Nobody Here", "Nobody Hear", ["newslint.rules.captions"])

    async def session() -> None:
        editor = Editor()
        t = editor.types
        init = await editor.start(tmp_path, folders=[politics, business])
        assert init.capabilities.workspace.workspace_folders.change_notifications
        a = editor.open(politics / "story.txt", DESK_STORY)
        b = editor.open(business / "story.txt", DESK_STORY)
        c = editor.open(sport / "story.txt", DESK_STORY)
        # politics: its own names list (Fairweather, not Quince), and the repeated caption
        first = await editor.diagnostics(a)
        assert sorted(d.code for d in first.diagnostics) == ["NL101", "NL101", "NL201"]
        assert [d.message for d in first.diagnostics if d.code == "NL101"] == [
            '"Ottoline Fairwether" is a known misspelling of "Ottoline Fairweather" [name-consistency]'
        ] * 2
        # business: Quince's names list, and its configuration turns the captions plugin off (a run-level setting)
        second = await editor.diagnostics(b)
        assert [d.message for d in second.diagnostics] == [
            '"Bartholomew Quinse" is a known misspelling of "Bartholomew Quince" [name-consistency]'
        ] * 2
        # sport is no workspace folder yet: the plugins are those found from where the editor started
        assert sorted(d.code for d in (await editor.diagnostics(c)).diagnostics) == ["NL201"]

        # sport joins the workspace and business leaves: each document is checked again under its folder
        editor.client.workspace_did_change_workspace_folders(
            t.DidChangeWorkspaceFoldersParams(
                t.WorkspaceFoldersChangeEvent(
                    added=[t.WorkspaceFolder(sport.as_uri(), "sport")],
                    removed=[t.WorkspaceFolder(business.as_uri(), "business")],
                )
            )
        )
        assert await editor.codes_until(c, []) == []  # sport's own settings: no captions plugin
        assert await editor.codes_until(b, ["NL101", "NL101", "NL201"])  # business's captions checked again

        # politics' configuration changes on disk: the editor reports the watched file, and it is read again
        (politics / "newslint.toml").write_text(
            'names = ["names.toml"]\nignore = ["NL201"]\n[plugins]\ndisable = ["languagetool"]\n', encoding="utf-8"
        )
        changed = t.FileEvent((politics / "newslint.toml").as_uri(), t.FileChangeType.Changed)
        editor.client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams([changed]))
        assert await editor.codes_until(a, ["NL101", "NL101"])
        # the client's settings change: one configuration file (sport's) for every folder
        editor.client.workspace_did_change_configuration(
            t.DidChangeConfigurationParams(settings={"newslint": {"config": str(sport / "newslint.toml")}})
        )
        assert await editor.codes_until(a, []) == []
        await editor.stop()

    run(session())
