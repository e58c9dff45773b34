"""The language server: newslint's findings as editor diagnostics, its fixes as code actions.

One :class:`newslint.Checker` per workspace folder, with that folder's
configuration and names authority, is built when the editor connects (or adds
the folder) and warmed on a thread of its own, so the first article opened is
checked with every resource loaded; every check then runs on that thread, off
the protocol's event loop, and a result is published only if the document has
not changed meanwhile. A changed configuration file, or changed settings,
rebuild the checkers and check every open document again.
Changes are checked after a pause in typing (``--debounce``); opening and
saving check at once. Positions are converted to the encoding the editor asked
for (UTF-16 unless it offers UTF-32 or UTF-8). Nothing of a document is logged.
"""

from __future__ import annotations

import asyncio
import bisect
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

import newslint

#: A document's language id, for a file name that does not say which loader reads it.
SUFFIX_OF_LANGUAGE = {"markdown": ".md", "html": ".html", "plaintext": ".txt", "json": ".json"}
KNOWN_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json")

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}

FIX_ALL = types.CodeActionKind.SourceFixAll + ".newslint"

#: The files whose change means new settings (``find_config_file`` looks for these).
CONFIG_NAMES = ("newslint.toml", "pyproject.toml")


class Lines:
    """Offsets in a text to LSP positions, counting columns in the editor's units."""

    def __init__(self, text: str, encoding: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        self.encoding = encoding

    def _units(self, s: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(s)
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(s.encode("utf-8"))
        return len(s.encode("utf-16-le")) // 2

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return types.Position(line=line, character=self._units(self.text[start:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, pos: types.Position) -> int:
        """The character offset of an LSP position (for ranges the editor sends)."""
        line = min(pos.line, len(self.starts) - 1)
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        text = self.text[start:end]
        units = 0
        for i, ch in enumerate(text):
            if units >= pos.character:
                return start + i
            units += self._units(ch)
        return end


@dataclass
class Checked:
    """The last check of one document: which version, its text, what was found."""

    version: int | None
    text: str
    path: str
    diagnostics: list[newslint.Diagnostic]


def uri_path(uri: str) -> str:
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return unquote(parsed.path)
    return unquote(parsed.path) or "untitled"


def folder_of(path: str, folders: tuple[str, ...]) -> str | None:
    """The innermost of the workspace ``folders`` that holds ``path``, or None."""
    inside = [f for f in folders if path == f or path.startswith(f.rstrip("/") + "/")]
    return max(inside, key=len) if inside else None


def loader_path(uri: str, language_id: str | None) -> str:
    """The path whose suffix picks the loader: the file's own, else one for its language."""
    path = uri_path(uri)
    if path.lower().endswith(KNOWN_SUFFIXES):
        return path
    return path + SUFFIX_OF_LANGUAGE.get(language_id or "", ".txt")


def workspace_folders(folders: Sequence[types.WorkspaceFolder] | None, root_uri: str | None) -> tuple[str, ...]:
    """The paths of the workspace's local folders (the root, for a client that gives no folders)."""
    uris = [f.uri for f in folders] if folders else [root_uri] if root_uri else []
    return tuple(uri_path(u) for u in uris if urlparse(u).scheme == "file" and Path(uri_path(u)).is_dir())


class NewslintServer(LanguageServer):
    """The pygls server with newslint's state: the checker, its thread, the last checks."""

    def __init__(self, config_file: str | None, debounce: float):
        from newslint import __version__

        super().__init__("newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.config_file = config_file
        self.config_from_command_line = config_file is not None
        self.debounce = debounce
        #: the workspace folders' paths, replaced whole (the checking thread reads it)
        self.folders: tuple[str, ...] = ()
        #: a workspace folder (None: a document in none) -> its checker; used on the checking thread only
        self.checkers: dict[str | None, newslint.Checker] = {}
        self.checking = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-check")
        self.checked: dict[str, Checked] = {}
        self.languages: dict[str, str] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}

    def settings(self, options: Any) -> None:
        """The client's settings (``initializationOptions``, or ``newslint`` in a configuration change).

        ``config`` and ``debounce`` as the options give them; ``--config`` on the command line wins.
        """
        options = options if isinstance(options, dict) else {}
        if isinstance(options.get("config"), str) and not self.config_from_command_line:
            self.config_file = options["config"] or None
        if isinstance(options.get("debounce"), (int, float)):
            self.debounce = float(options["debounce"])

    @property
    def encoding(self) -> str:
        """How the editor counts columns, as agreed at initialize (UTF-16 unless it offered another)."""
        return self.server_capabilities.position_encoding or types.PositionEncodingKind.Utf16

    # -- the checkers, on their own thread -----------------------------------------------

    def checker_for(self, path: str) -> newslint.Checker:
        """The checker of the workspace folder holding ``path``, built and warmed the first time (checking thread).

        ``--config`` (or the client's ``config`` setting) gives one file for
        every folder; else each folder's configuration is found from it, and
        each document's by walking up from the document, as ``newslint check``
        run in that folder finds them. A bad configuration raises
        :class:`~newslint.ConfigError`, and is tried again at the next check.
        """
        return self._checker(folder_of(path, self.folders))

    def _checker(self, folder: str | None) -> newslint.Checker:
        checker = self.checkers.get(folder)
        if checker is None:
            config = self.config_file
            if config and not self.config_from_command_line and self.folders:
                config = str(Path(self.folders[0]) / config)  # a client's relative path: from the workspace
            checker = newslint.Checker(config_file=config, root=folder)
            checker.start()
            self.checkers[folder] = checker
        return checker

    def warm(self, folders: tuple[str | None, ...]) -> None:
        """Build the folders' checkers in the background, so their first documents are checked warm."""

        def build(folder: str | None) -> None:
            try:
                self._checker(folder)
            except newslint.ConfigError:
                pass  # said when a document of that folder is checked

        for folder in folders:
            self.checking.submit(build, folder)

    def set_folders(self, folders: tuple[str, ...]) -> None:
        """Take the workspace's folders; a folder's checker goes with it, a new folder's is warmed."""
        gone: set[str | None] = {f for f in self.folders if f not in folders}
        added = tuple(f for f in folders if f not in self.folders)
        self.folders = folders
        self.checking.submit(self._close, gone)
        self.warm(added if folders else (None,))

    def reload(self) -> None:
        """New settings: close every checker (new ones read the configuration again) and check every document."""
        self.checking.submit(self._close, None)
        self.warm(self.folders or (None,))
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def _close(self, folders: set[str | None] | None) -> None:
        for folder in list(self.checkers):
            if folders is None or folder in folders:
                self.checkers.pop(folder).close()

    async def run_check(self, text: str, path: str) -> list[newslint.Diagnostic]:
        def check() -> list[newslint.Diagnostic]:
            return self.checker_for(path).check_text(text, path)

        return await asyncio.get_running_loop().run_in_executor(self.checking, check)

    def stop_checkers(self) -> None:
        self.checking.submit(self._close, None).result(timeout=30)

    # -- diagnostics ---------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check the document after ``delay`` seconds, replacing a check not yet started."""
        old = self.pending.pop(uri, None)
        if old is not None and not old.done():
            old.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        doc = self.workspace.get_text_document(uri)
        version, text = doc.version, doc.source
        path = loader_path(uri, self.languages.get(uri))
        try:
            found = await self.run_check(text, path)
        except newslint.ConfigError as e:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"newslint: {e}"))
            return
        except Exception as e:  # a bug: say which, never what the document held
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"newslint: {type(e).__name__}"))
            return
        current = self.workspace.get_text_document(uri)
        if current.version != version or current.source != text:
            return  # the document moved on; its own check is scheduled
        self.checked[uri] = Checked(version, text, path, found)
        lines = Lines(text, self.encoding)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=[lsp_diagnostic(d, lines) for d in found]
            )
        )

    # -- code actions --------------------------------------------------------------------

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        checked = self.checked.get(uri)
        if checked is None:
            return []
        checker = self.checker_for(checked.path)
        doc = self.workspace.get_text_document(uri)
        if doc.source != checked.text:
            return []  # stale: new diagnostics (and actions) come with the next check
        lines = Lines(checked.text, self.encoding)
        start, end = lines.offset(params.range.start), lines.offset(params.range.end)
        wanted = params.context.only
        actions: list[types.CodeAction] = []
        for d in checked.diagnostics:
            if d.end.offset < start or d.start.offset > end:
                continue
            if wanted and not any(types.CodeActionKind.QuickFix.startswith(k) for k in wanted):
                break
            for title, fix, preferred in _choices(d):
                edit = _edit(checker, checked, [replace(d, fix=fix)], lines, uri)
                if edit is None:
                    continue
                actions.append(
                    types.CodeAction(
                        title=title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[lsp_diagnostic(d, lines)],
                        edit=edit,
                        is_preferred=preferred,
                    )
                )
        if not wanted or any(FIX_ALL.startswith(k) or k.startswith(types.CodeActionKind.SourceFixAll) for k in wanted):
            safe = [d for d in checked.diagnostics if d.fix and d.fix.applicability == newslint.Applicability.SAFE]
            if safe:
                edit = _edit(checker, checked, safe, lines, uri)
                if edit is not None:
                    actions.append(types.CodeAction(title="newslint: apply every safe fix", kind=FIX_ALL, edit=edit))
        return actions


def _choices(d: newslint.Diagnostic) -> list[tuple[str, newslint.Fix, bool]]:
    """What an editor may choose for one finding: its own fix, or each suggestion (best first)."""
    out: list[tuple[str, newslint.Fix, bool]] = []
    safe = d.fix is not None and d.fix.applicability == newslint.Applicability.SAFE
    if d.fix is not None and d.fix.edits and d.fix.applicability != newslint.Applicability.DISPLAY_ONLY:
        title = d.fix.message or (f'Replace with "{d.suggestions[0]}"' if d.suggestions else "Apply the fix")
        if not safe:
            title += " (unsafe fix: check it)"
        out.append((title, replace(d.fix, applicability=newslint.Applicability.SAFE), safe))
    seen = {e.text for e in d.fix.edits} if out and d.fix and len(d.fix.edits) == 1 else set()
    for i, s in enumerate(d.suggestions):
        if s in seen:
            continue
        edit = newslint.Edit(d.start.offset, d.end.offset, s)
        title = f'Replace with "{s}"' if s else "Delete it"
        out.append((title, newslint.Fix((edit,), newslint.Applicability.SAFE), not out and i == 0 and safe))
    return out


def _edit(
    checker: newslint.Checker, checked: Checked, diagnostics: list[newslint.Diagnostic], lines: Lines, uri: str
) -> types.WorkspaceEdit | None:
    """The fixes as one text edit, made by the fix engine (markup escaped, quotations and overlaps refused)."""
    fixed = checker.apply_fixes(checked.text, diagnostics, "safe", path=checked.path)
    new, applied = fixed.text, fixed.applied
    old = checked.text
    if not applied or new == old:
        return None
    edits = sorted((e for d in applied if d.fix for e in d.fix.edits), key=lambda e: e.start)
    plain = old
    for e in reversed(edits):
        plain = plain[: e.start] + e.text + plain[e.end :]
    if plain == new:  # the fixes' own edits, as they are
        text_edits = [types.TextEdit(range=lines.range(e.start, e.end), new_text=e.text) for e in edits]
    else:  # the format needed its words escaped: the one span that changed
        head = 0
        limit = min(len(old), len(new))
        while head < limit and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
            tail += 1
        text_edits = [types.TextEdit(range=lines.range(head, len(old) - tail), new_text=new[head : len(new) - tail])]
    doc = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=checked.version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=doc, edits=text_edits)])


def lsp_diagnostic(d: newslint.Diagnostic, lines: Lines) -> types.Diagnostic:
    return types.Diagnostic(
        range=lines.range(d.start.offset, d.end.offset),
        severity=SEVERITY.get(d.severity.value, types.DiagnosticSeverity.Warning),
        code=d.code,
        code_description=types.CodeDescription(href=d.url) if d.url else None,
        source="newslint",
        message=f"{d.message} [{d.rule}]",
        data={"rule": d.rule, "suggestions": list(d.suggestions)},
    )


def build_server(config_file: str | None = None, debounce: float = 0.3) -> NewslintServer:
    """The server, its features registered; ``start_io()`` runs it on standard input and output."""
    server = NewslintServer(config_file, debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
        ls.settings(params.initialization_options)
        ls.set_folders(workspace_folders(params.workspace_folders, params.root_uri))

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_folders(ls: NewslintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        # pygls has updated its workspace: take its folders, and check each document under its own
        ls.set_folders(workspace_folders(list(ls.workspace.folders.values()), None))
        for uri in list(ls.workspace.text_documents):
            ls.schedule(uri, 0)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: NewslintServer, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings.get("newslint") if isinstance(params.settings, dict) else None
        ls.settings(settings)
        ls.reload()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: NewslintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(uri_path(c.uri).rsplit("/", 1)[-1] in CONFIG_NAMES for c in params.changes):
            ls.reload()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watch and watch.dynamic_registration:  # so a configuration edited on disk is read again
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
            registration = types.Registration(
                id="newslint-configuration", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
            )
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
            except Exception:  # a client that cannot watch: saving the file in the editor still reloads
                pass

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.languages[params.text_document.uri] = params.text_document.language_id
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        if uri_path(params.text_document.uri).rsplit("/", 1)[-1] in CONFIG_NAMES:
            ls.reload()
        else:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.checked.pop(uri, None)
        ls.languages.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    async def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        # on the checker's thread: one checker serves one thread at a time
        return await asyncio.get_running_loop().run_in_executor(ls.checking, ls.code_actions, params)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: NewslintServer, params: Any) -> None:
        ls.stop_checkers()

    return server
