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

    async def start(self, workspace: Path, *args: str, encodings: list | None = None) -> object:
        t = self.types
        await self.client.start_io(sys.executable, "-m", "newslint", "lsp", *args, cwd=str(workspace))
        caps = (
            t.ClientCapabilities(general=t.GeneralClientCapabilities(position_encodings=encodings))
            if encodings
            else (t.ClientCapabilities())
        )
        result = await self.client.initialize_async(
            t.InitializeParams(capabilities=caps, root_uri=workspace.as_uri(), process_id=None)
        )
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
