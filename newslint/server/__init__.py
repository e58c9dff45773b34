"""``newslint serve``: the checking service a CMS calls, and the review page sub-editors use.

This module only adds the command; the service itself (:mod:`newslint.server.app`,
on Starlette and uvicorn) is imported when the command runs, so it needs the
``serve`` extra only then: ``pip install 'newslint[serve]'``. See ``docs/serve.md``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.hookspecs import hookimpl
from newslint.session import EXIT_OK, UsageError

if TYPE_CHECKING:
    import socket

    import pluggy

    import newslint

#: Where a token is read from when ``--token-file`` is not given (never a command-line
#: argument: other users of the machine can read those).
TOKEN_ENV = "NEWSLINT_SERVE_TOKEN"


@hookimpl
def newslint_add_commands(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve",
        help="run the checking service and review page",
        description=(
            "Serve the JSON API (POST /v1/check, POST /v1/fix, GET /v1/rules, GET /healthz, "
            "GET /openapi.json) and the review page at /. Copy is checked in memory, never logged or stored."
        ),
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    p.add_argument("--config", metavar="FILE", help="the house configuration, read once at start")
    p.add_argument("--workers", type=int, metavar="N", help="checking processes (default: one per core)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="time limit per request (default 10 s)")
    p.add_argument(
        "--max-body", type=float, default=10.0, metavar="MIB", help="largest request body accepted (default 10 MiB)"
    )
    p.add_argument(
        "--token-file",
        metavar="FILE",
        help=f"require 'Authorization: Bearer TOKEN' on /v1/ with the token in FILE (or in ${TOKEN_ENV})",
    )
    p.add_argument("--no-access-log", action="store_true", help="do not log one line per request")
    p.set_defaults(func=run_serve)


def _token(args: argparse.Namespace) -> str | None:
    if args.token_file:
        try:
            token = Path(args.token_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as e:
            raise UsageError(
                f"cannot read the token file {args.token_file}: {getattr(e, 'strerror', None) or e}"
            ) from None
        if not token:
            raise UsageError(f"the token file {args.token_file} is empty")
        return token
    return os.environ.get(TOKEN_ENV) or None


def _loopback(host: str) -> bool:
    import ipaddress  # the modules a service needs are imported when it starts, not by every run

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int) -> socket.socket:
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, addr = infos[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
        sock.listen(2048)
    except OSError as e:
        raise UsageError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    sock.set_inheritable(True)
    return sock


def rule_table(checker: newslint.Checker) -> list[dict[str, Any]]:
    """Every rule as ``GET /v1/rules`` lists it (the fields of ``newslint rules --format json``)."""
    config = checker.config
    return [
        {
            "code": r.code,
            "name": r.name,
            "summary": r.summary,
            "severity": config.rule_severity(r).value,
            "enabled": config.rule_enabled(r),
            "plugin": r.plugin,
            "url": r.url,
        }
        for r in checker.rules
    ]


def _server_class() -> type:
    import contextlib
    import signal

    import uvicorn

    class Server(uvicorn.Server):
        """uvicorn's server, but a SIGTERM or Ctrl-C ends :func:`run_serve` normally.

        uvicorn raises the signal again once it has stopped, which would end the process
        before the workers are stopped and the plugins' ``session_finish`` hooks run
        (a LanguageTool server started for the service would be left behind).
        """

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            caught = (signal.SIGINT, signal.SIGTERM)
            before = {sig: signal.signal(sig, self.handle_exit) for sig in caught}
            try:
                yield
            finally:
                for sig, handler in before.items():
                    signal.signal(sig, handler)

    return Server


def run_serve(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    try:
        import uvicorn

        from newslint.server.app import Settings, create_app
        from newslint.server.pool import WorkerPool, default_workers

        _Server = _server_class()
    except ImportError as e:
        raise UsageError(
            f"newslint serve needs the serve extra ({e.name} is missing): pip install 'newslint[serve]'"
        ) from None
    import newslint

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.timeout <= 0 or args.max_body <= 0:
        raise UsageError("--timeout and --max-body must be positive")
    token = _token(args)
    if not _loopback(args.host) and not token:
        print(
            f"newslint serve: warning: listening on {args.host} with no token: anyone who can reach it can use it "
            f"(set ${TOKEN_ENV} or --token-file)",
            file=sys.stderr,
        )
    checker = newslint.Checker(config_file=args.config)  # a bad configuration stops us here, exit status 2
    sock = _listen(args.host, args.port)
    pool = None
    try:
        checker.start()  # plugins' session_start once, resources warmed once, before the workers fork
        settings = Settings(max_body=int(args.max_body * 1024 * 1024), timeout=args.timeout, token=token)
        pool = WorkerPool(checker, args.workers or default_workers(), args.timeout)
        pool.start()
        app = create_app(pool, rule_table(checker), settings, newslint.__version__)
        server = _Server(
            uvicorn.Config(
                app,
                lifespan="off",
                access_log=not args.no_access_log,
                server_header=False,
                timeout_graceful_shutdown=5,
                log_level="info",
            )
        )
        host, port = sock.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        print(
            f"newslint serve: listening on http://{shown}:{port}/ with {pool.size} workers"
            f"{'; a token is required' if token else ''}; copy is never logged or stored",
            file=sys.stderr,
            flush=True,
        )
        server.run(sockets=[sock])
    finally:
        if pool is not None:
            pool.close()
        checker.close()
        sock.close()
    return EXIT_OK
