"""``newslint languagetool``: say which LanguageTool a run would use, and download one."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newslint_languagetool import maven
from newslint_languagetool.runtime import Runtime, download_folder, installed_languagetool
from newslint_languagetool.settings import Settings, SettingsError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "languagetool",
        help="show which LanguageTool the grammar rule uses, or download one",
        description=(
            "Show which LanguageTool server the grammar rule (NL401) would use with the "
            "environment (NEWSLINT_LANGUAGETOOL_URL, ..._LOCAL, ..._PUBLIC_API) and the options "
            "given here, or download LanguageTool for a local server: from Maven Central with Maven "
            "(the default; version pinned, checksums kept), or language-tool-python's zip. A local "
            "server needs Java 17+."
        ),
    )
    p.add_argument("action", nargs="?", choices=("status", "download"), default="status")
    p.add_argument("--source", choices=("maven", "zip"), default="maven",
                   help="where download fetches LanguageTool from (default: maven)")
    p.add_argument("--version", default=maven.PINNED_VERSION, dest="lt_version",
                   help=f"the LanguageTool release to download (default: {maven.PINNED_VERSION}, the tested one)")
    p.add_argument("--server-url", default="", help="a LanguageTool server to try")
    p.add_argument("--public-api", action="store_true", help="allow the public API")
    p.add_argument("--no-local-server", action="store_true", help="do not start a local server")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, manager: Any = None) -> int:
    if args.action == "download":
        return download(args.source, args.lt_version)
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


def download(source: str = "maven", version: str = maven.PINNED_VERSION) -> int:
    """Fetch LanguageTool into language-tool-python's folder (``LTP_PATH``); 0 when it is there."""
    folder = download_folder()
    if source == "maven":
        print(f"Resolving LanguageTool {version} from Maven Central into {folder} ...", flush=True)
        try:
            install = maven.download(folder, version)
        except maven.DownloadError as e:
            print(f"newslint languagetool: the download failed: {e}", file=sys.stderr)
            return 1
        manifest = maven.read_manifest(install) or {}
        print(f"LanguageTool {version} is in {install} ({len(manifest.get('jars', {}))} jars, "
              f"SHA-256 of the classpath {str(manifest.get('sha256', '?'))[:16]}...)")
        return 0
    target = folder / f"LanguageTool-{version}"
    if target.is_dir() and installed_languagetool() == target:
        print(f"LanguageTool is already in {target}")
        return 0
    try:
        from language_tool_python.download_lt import LocalLanguageTool

        print(f"Downloading LanguageTool {version} to {folder} ...", flush=True)
        LocalLanguageTool.from_version_name(version).download()
    except BaseException as e:  # language-tool-python raises SystemExit for some Java problems
        if isinstance(e, KeyboardInterrupt):
            raise
        print(f"newslint languagetool: the download failed: {e} (Maven Central may be reachable where "
              "languagetool.org is not: try --source maven)", file=sys.stderr)
        return 1
    print(f"LanguageTool is in {installed_languagetool() or folder}")
    return 0
