"""``newslint languagetool``: say which LanguageTool a run would use, and download one."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newslint_languagetool.runtime import Runtime, download_folder, installed_languagetool
from newslint_languagetool.settings import Settings, SettingsError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "languagetool",
        help="show which LanguageTool the grammar rule uses, or download one",
        description=(
            "Show which LanguageTool server the grammar rule (NL401) would use with the "
            "environment (NEWSLINT_LANGUAGETOOL_URL, ..._LOCAL, ..._PUBLIC_API) and the options "
            "given here, or download LanguageTool for a local server (needs network access and Java 17+)."
        ),
    )
    p.add_argument("action", nargs="?", choices=("status", "download"), default="status")
    p.add_argument("--server-url", default="", help="a LanguageTool server to try")
    p.add_argument("--public-api", action="store_true", help="allow the public API")
    p.add_argument("--no-local-server", action="store_true", help="do not start a local server")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, manager: Any = None) -> int:
    if args.action == "download":
        return download()
    options: dict[str, Any] = {"server_url": args.server_url}
    if args.public_api:
        options["public_api"] = True
    if args.no_local_server:
        options["local_server"] = False
    try:
        settings = Settings.from_options(options)
    except SettingsError as e:
        print(f"newslint languagetool: {e}", file=sys.stderr)
        return 2
    runtime = Runtime(share=False)
    try:
        res = runtime.resolve(settings.connection)
        if res.backend is None:
            print("No LanguageTool is reachable; grammar checks (NL401) would be off:")
            for r in res.reasons:
                print(f"  - {r}")
            return 1
        print(f"LanguageTool: {res.backend.kind} at {res.backend.url}")
        return 0
    finally:
        runtime.close()


def download() -> int:
    """Download LanguageTool into language-tool-python's folder (``LTP_PATH``)."""
    install = installed_languagetool()
    if install is not None:
        print(f"LanguageTool is already in {install}")
        return 0
    try:
        from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool

        print(f"Downloading LanguageTool {LTP_DOWNLOAD_VERSION} to {download_folder()} ...")
        LocalLanguageTool.from_version_name(LTP_DOWNLOAD_VERSION).download()
    except BaseException as e:  # language-tool-python raises SystemExit for some Java problems
        if isinstance(e, KeyboardInterrupt):
            raise
        print(f"newslint languagetool: the download failed: {e}", file=sys.stderr)
        return 1
    print(f"LanguageTool is in {installed_languagetool() or download_folder()}")
    return 0
