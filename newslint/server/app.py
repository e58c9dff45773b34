"""The HTTP service: a small, versioned JSON API and the review page, on Starlette.

Starlette rather than FastAPI: the API's shapes are already defined once, by
``Diagnostic.to_dict`` and the ``check --format json`` envelope, so pydantic
models would describe them a second time (and pull in a compiled dependency);
the requests need hand-reading anyway (raw uploads, size limits counted while
the body streams in, errors in our own envelope); and the OpenAPI document is
data in :mod:`newslint.server.openapi`, which a test holds to the routes.

Every answer is JSON in one of two shapes: the check envelope, or
``{"version": 1, "error": {"code": ..., "message": ...}}`` with a 4xx status
for anything wrong with the request. No handler logs a request's body, and no
error message quotes it.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.message import Message
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from newslint.server import tasks
from newslint.server.openapi import openapi_document
from newslint.server.pool import Busy, Task, TimedOut, WorkerPool

log = logging.getLogger("newslint.server")

#: The article formats a JSON request may name, and the suffix that picks each one's loader.
FORMATS = {
    "text": ".txt",
    "markdown": ".md",
    "html": ".html",
    "json": ".json",  # the JSON article record, or Arc XP ANS
    "nitf": ".nitf",
    "newsml": ".nml",
    "xml": ".xml",  # NITF, NewsML-G2 or a WordPress export, told apart by their content
}

#: Content types taken as a raw upload of an article file (the JSON request is ``application/json``).
RAW_TYPES = {
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/octet-stream": "",
}

_REQUEST_KEYS = {"text", "format", "filename", "language", "select"}
_FIX_KEYS = _REQUEST_KEYS | {"applicability", "accept"}
#: What a raw upload gives as query parameters (a fix's ``accept`` list needs the JSON body).
_RAW_PARAMETERS = ("format", "language", "select")
_LANGUAGES = ("en", "en-GB", "en-US")


@dataclass(frozen=True)
class Settings:
    """How the service was started."""

    max_body: int = 10 * 1024 * 1024
    timeout: float = 10.0
    token: str | None = None


class BadRequest(Exception):
    """A request we cannot serve: its status, a stable code and one sentence."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _answer(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(body, status_code=status, headers=headers)


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return _answer(*tasks.error(status, code, message), headers=headers)


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB" if n >= 1024 * 1024 else f"{n} bytes"


# -- reading a request ---------------------------------------------------------------


async def _body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is known to pass ``limit``."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise BadRequest(400, "bad-length", "the Content-Length header is not a number") from None
        if size > limit:
            raise BadRequest(413, "too-large", f"the body is {_mib(size)}; the limit is {_mib(limit)}")
    chunks: list[bytes] = []
    seen = 0
    try:
        async for chunk in request.stream():
            seen += len(chunk)
            if seen > limit:
                raise BadRequest(413, "too-large", f"the body passes the limit of {_mib(limit)}")
            chunks.append(chunk)
    except ClientDisconnect:
        raise BadRequest(400, "disconnected", "the client went away before the body was sent") from None
    data = b"".join(chunks)
    if not data:
        raise BadRequest(400, "empty-body", 'the body is empty: send a JSON object with "text", or the article itself')
    return data


def _media_type(request: Request) -> tuple[str, dict[str, str]]:
    raw = request.headers.get("content-type")
    if not raw:
        return "", {}
    msg = Message()
    msg["content-type"] = raw
    params = {k.lower(): v for k, v in msg.get_params(failobj=[])[1:]}
    return msg.get_content_type().lower(), params


def _filename(request: Request) -> str | None:
    raw = request.headers.get("content-disposition")
    if not raw:
        return None
    msg = Message()
    msg["content-disposition"] = raw
    name = msg.get_filename()
    return name.replace("\\", "/").rsplit("/", 1)[-1] if name else None


def _strings(value: Any, key: str) -> list[str]:
    if isinstance(value, str):
        value = [p for p in value.replace(" ", ",").split(",") if p]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRequest(422, "bad-field", f'"{key}" must be a list of rule codes or names')
    return value


def _options(fields: dict[str, Any]) -> dict[str, Any]:
    """``select`` and ``language`` as the checker takes them."""
    out: dict[str, Any] = {"select": None, "language": None}
    if fields.get("select") is not None:
        out["select"] = _strings(fields["select"], "select")
    if fields.get("language") is not None:
        if fields["language"] not in _LANGUAGES:
            raise BadRequest(422, "bad-field", f'"language" must be one of {", ".join(_LANGUAGES)}')
        out["language"] = fields["language"]
    return out


def _paths(filename: str | None, fmt: str | None, default_suffix: str) -> tuple[str, str]:
    """(the path that picks the loader, the name the findings give)."""
    if filename is not None and (not isinstance(filename, str) or not filename.strip()):
        raise BadRequest(422, "bad-field", '"filename" must be a non-empty string')
    if fmt is not None:
        if fmt not in FORMATS:
            raise BadRequest(422, "bad-field", f'"format" must be one of {", ".join(FORMATS)}')
        suffix = FORMATS[fmt]
    else:
        suffix = ""
    name = filename or "<text>"
    if suffix:
        path = name if name.lower().endswith(suffix) else f"article{suffix}"
    elif filename:
        path = filename
    else:
        path = f"article{default_suffix or '.txt'}"
    return path, name


def _json_fields(data: bytes, allowed: set[str]) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadRequest(400, "not-utf8", f"the JSON body is not UTF-8 (byte {e.start} cannot be read)") from None
    try:
        fields = json.loads(text)
    except json.JSONDecodeError as e:  # the position, never the text around it
        raise BadRequest(
            400, "bad-json", f"the body is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}"
        ) from None
    except RecursionError:
        raise BadRequest(400, "bad-json", "the body is not valid JSON: nested too deeply") from None
    if not isinstance(fields, dict):
        raise BadRequest(422, "bad-field", 'the body must be a JSON object with a "text" string')
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise BadRequest(422, "bad-field", f'unknown field "{unknown[0]}" (fields: {", ".join(sorted(allowed))})')
    if not isinstance(fields.get("text"), str):
        raise BadRequest(422, "bad-field", '"text" is required and must be a string')
    return fields


async def _article(request: Request, limit: int, allowed: set[str], parameters: tuple[str, ...]) -> dict[str, Any]:
    """Read a check or fix request, JSON or raw upload, into a worker task's arguments.

    ``allowed`` are the JSON body's fields; ``parameters`` the query parameters
    a raw upload may give instead. ``raw`` in the result tells which it was.
    """
    media, params = _media_type(request)
    if media == "application/json":
        fields = _json_fields(await _body(request, limit), allowed)
        path, name = _paths(fields.get("filename"), fields.get("format"), ".txt")
        args = {"data": fields["text"], "path": path, "name": name, **_options(fields)}
        return {"fields": fields, "args": args, "raw": False}
    if media not in RAW_TYPES:
        accepted = ", ".join(("application/json", *RAW_TYPES))
        shown = media or "none"
        raise BadRequest(
            415, "unsupported-media-type", f"content type {shown} is not accepted (send one of {accepted})"
        )
    query = dict(request.query_params)
    unknown = sorted(set(query) - set(parameters))
    if unknown:
        raise BadRequest(
            422, "bad-field", f'unknown query parameter "{unknown[0]}" (parameters: {", ".join(parameters)})'
        )
    data = await _body(request, limit)
    charset = params.get("charset")
    payload: str | bytes = data
    if charset:
        try:
            payload = data.decode(charset)
        except LookupError:
            raise BadRequest(415, "unknown-charset", f"unknown charset {charset!r}") from None
        except UnicodeDecodeError as e:
            raise BadRequest(
                400, "bad-encoding", f"the body is not valid {charset} (byte {e.start} cannot be read)"
            ) from None
    path, name = _paths(_filename(request), query.get("format"), RAW_TYPES[media])
    return {"fields": query, "args": {"data": payload, "path": path, "name": name, **_options(query)}, "raw": True}


# -- the application -----------------------------------------------------------------


class _Auth:
    """ASGI middleware: with a token set, every ``/v1/`` call needs ``Authorization: Bearer TOKEN``."""

    def __init__(self, app: ASGIApp, token: str | None):
        self.app = app
        self.expected = f"Bearer {token}".encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.expected is None or scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"authorization", b"")
        if not hmac.compare_digest(given, self.expected):
            response = _error(
                401, "unauthorized", "this service needs Authorization: Bearer TOKEN", {"WWW-Authenticate": "Bearer"}
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


Handler = Callable[[Request], Awaitable[Response]]


def _guarded(handler: Handler) -> Handler:
    """Turn a refused request into its 4xx answer and a bug into a bare 500, never a traceback."""

    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except BadRequest as e:
            return _error(e.status, e.code, e.message)
        except Exception as e:  # the type only: a message could quote the copy
            log.error("internal error in %s: %s", request.url.path, type(e).__name__)
            return _error(500, "internal-error", f"internal error: {type(e).__name__}")

    return run


def create_app(pool: WorkerPool, rules: list[dict[str, Any]], settings: Settings, version: str) -> Starlette:
    """The ASGI application over a started :class:`WorkerPool`."""

    async def in_worker(func: Task, **kwargs: Any) -> Response:
        try:
            status, body = await pool.run(func, **kwargs)
        except TimedOut:
            return _error(408, "timeout", f"the check took longer than the {settings.timeout:g} s limit")
        except Busy:
            return _error(
                503, "busy", f"every worker stayed busy for {settings.timeout:g} s; try again", {"Retry-After": "1"}
            )
        return _answer(status, body)

    async def check(request: Request) -> Response:
        req = await _article(request, settings.max_body, _REQUEST_KEYS, _RAW_PARAMETERS)
        return await in_worker(tasks.check, raw=req["raw"], **req["args"])

    async def fix(request: Request) -> Response:
        req = await _article(request, settings.max_body, _FIX_KEYS, (*_RAW_PARAMETERS, "applicability"))
        fields = req["fields"]
        applicability = fields.get("applicability", "safe")
        if applicability not in ("safe", "unsafe"):
            raise BadRequest(422, "bad-field", '"applicability" must be "safe" or "unsafe"')
        accept = fields.get("accept")
        if accept is not None:
            accept = _accept_list(accept)
        return await in_worker(tasks.fix, applicability=applicability, accept=accept, **req["args"])

    async def list_rules(request: Request) -> Response:
        return _answer(200, {"version": tasks.API_VERSION, "rules": rules})

    async def healthz(request: Request) -> Response:
        alive = pool.alive()
        body = {"status": "ok" if alive else "down", "version": version, "workers": alive}
        return _answer(200 if alive else 503, body)

    async def openapi(request: Request) -> Response:
        return _answer(200, openapi_document(version))

    async def page(request: Request) -> Response:
        name = request.path_params.get("name", "index.html")
        if name not in _STATIC:
            return _error(404, "not-found", "no such page")
        data, media = _STATIC[name]
        headers = {"Cache-Control": "no-cache", "Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff"}
        return Response(data, media_type=media, headers=headers)

    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(404, "not-found", f"no such endpoint: {request.method} {request.url.path}")

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return _error(405, "method-not-allowed", f"{request.method} is not allowed on {request.url.path}")

    routes = [
        Route("/v1/check", _guarded(check), methods=["POST"]),
        Route("/v1/fix", _guarded(fix), methods=["POST"]),
        Route("/v1/rules", _guarded(list_rules), methods=["GET"]),
        Route("/healthz", _guarded(healthz), methods=["GET"]),
        Route("/openapi.json", _guarded(openapi), methods=["GET"]),
        Route("/", page, methods=["GET"]),
        Route("/static/{name}", page, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed})
    app.add_middleware(_Auth, token=settings.token)  # type: ignore[arg-type]
    return app


def _accept_list(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise BadRequest(422, "bad-field", '"accept" must be a list of findings')
    out = []
    for i, item in enumerate(value):
        ok = (
            isinstance(item, dict)
            and isinstance(item.get("code"), str)
            and all(
                isinstance(item.get(k), int) and not isinstance(item.get(k), bool) for k in ("offset", "end_offset")
            )
            and (item.get("suggestion") is None or isinstance(item["suggestion"], str))
        )
        if not ok:
            raise BadRequest(
                422, "bad-field", f'accept[{i}] needs "code", "offset" and "end_offset" (and may give a "suggestion")'
            )
        out.append({k: item.get(k) for k in ("code", "offset", "end_offset", "suggestion")})
    return out


def _load_static() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("newslint.server") / "static"
    types = {
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
    }
    out: dict[str, tuple[bytes, str]] = {}
    for entry in folder.iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1]
        if suffix in types:
            out[entry.name] = (entry.read_bytes(), types[suffix])
    return out


#: The page's files, read once: they are part of the package.
_STATIC = _load_static()
#: The page runs only its own script and talks only to this service.
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)
