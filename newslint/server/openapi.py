"""The service's OpenAPI 3.1 document, served at ``/openapi.json``.

Written as data, once; ``tests/test_server.py`` holds it to the routes the
application really has and to the answers it really gives.
"""

from __future__ import annotations

from typing import Any

_ERROR = {
    "type": "object",
    "required": ["version", "error"],
    "properties": {
        "version": {"const": 1},
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "description": "stable, kebab-case: too-large, bad-json, timeout, ..."},
                "message": {"type": "string", "description": "one sentence for a person"},
            },
        },
    },
}

_DIAGNOSTIC = {
    "type": "object",
    "description": "One finding, as `newslint check --format json` writes it",
    "required": [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "offset",
        "end_offset",
        "rule",
        "code",
        "severity",
        "message",
        "suggestions",
    ],
    "properties": {
        "path": {"type": "string"},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1, "description": "in characters"},
        "end_line": {"type": "integer", "minimum": 1},
        "end_column": {"type": "integer", "minimum": 1, "description": "exclusive"},
        "offset": {"type": "integer", "minimum": 0, "description": "0-based character offset into the text"},
        "end_offset": {"type": "integer", "minimum": 0, "description": "exclusive"},
        "rule": {"type": "string"},
        "code": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string"},
        "field": {"type": ["string", "null"]},
        "suggestions": {"type": "array", "items": {"type": "string"}},
        "fix": {"type": ["object", "null"]},
        "url": {"type": ["string", "null"]},
        "data": {"type": "object"},
    },
}

_ENVELOPE = {
    "type": "object",
    "required": ["version", "diagnostics"],
    "properties": {
        "version": {"const": 1},
        "diagnostics": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}},
        "files": {"type": "integer"},
        "notices": {"type": "array", "items": {"type": "string"}},
        "text": {
            "type": "string",
            "description": "a raw upload's article as read, which the offsets index (a .docx: one line a paragraph)",
        },
    },
}

_REQUEST = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {
        "text": {"type": "string", "description": "the article"},
        "format": {
            "enum": ["text", "markdown", "html", "json", "nitf", "newsml", "xml"],
            "description": "default: from filename, else text (a .docx goes as a raw upload)",
        },
        "filename": {"type": "string", "description": "names the article in the findings; its suffix picks the format"},
        "language": {"enum": ["en", "en-GB", "en-US"]},
        "select": {"type": "array", "items": {"type": "string"}, "description": "rule codes, prefixes or names"},
    },
}

_FIX_REQUEST = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {
        **_REQUEST["properties"],  # type: ignore[dict-item]
        "applicability": {"enum": ["safe", "unsafe"], "default": "safe"},
        "accept": {
            "type": "array",
            "description": "apply only these findings' fixes, as an editor chose them",
            "items": {
                "type": "object",
                "required": ["code", "offset", "end_offset"],
                "properties": {
                    "code": {"type": "string"},
                    "offset": {"type": "integer"},
                    "end_offset": {"type": "integer"},
                    "suggestion": {"type": "string", "description": "default: the finding's own fix"},
                },
            },
        },
    },
}

_FIX_RESULT = {
    "allOf": [{"$ref": "#/components/schemas/Envelope"}],
    "type": "object",
    "required": ["text", "changed", "applied"],
    "properties": {
        "text": {"type": "string", "description": "the article with the fixes applied"},
        "changed": {"type": "boolean"},
        "applied": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}},
        "refused": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}},
        "not_found": {"type": "array", "items": {"type": "object"}},
    },
}


def _errors(*statuses: int) -> dict[str, Any]:
    meaning = {
        400: "the body is empty, not UTF-8 JSON, or not valid JSON",
        401: "a token is set and the request did not give it",
        408: "the check ran past the time limit",
        413: "the body passes the size limit",
        415: "the content type is not accepted",
        422: "a field is missing or wrong, the article cannot be read, or (a fix) its format is never rewritten",
        503: "every worker stayed busy",
    }
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {str(s): {"description": meaning[s], "content": ref} for s in statuses}


def _json(ref: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


def _raw_parameters(*names: str) -> list[dict[str, Any]]:
    """The query parameters a raw upload gives instead of JSON fields."""
    return [
        {"name": n, "in": "query", "required": False, "schema": {"type": "string"}, "description": f"{n}, raw upload"}
        for n in names
    ]


def openapi_document(version: str) -> dict[str, Any]:
    """The OpenAPI document for this version of newslint."""
    kinds = (
        "text/plain",
        "text/markdown",
        "text/html",
        "application/xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    raw = {t: {"schema": {"type": "string", "format": "binary"}} for t in kinds}
    raw["application/octet-stream"] = {"schema": {"type": "string", "format": "binary"}}
    check_errors = _errors(400, 401, 408, 413, 415, 422, 503)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newslint",
            "version": version,
            "description": (
                "Editorial checks for news copy. Copy sent here is checked in memory and never logged or stored. "
                "A raw upload names its file in Content-Disposition (attachment; filename=story.md)."
            ),
        },
        "paths": {
            "/v1/check": {
                "post": {
                    "summary": "Check one article",
                    "parameters": _raw_parameters("format", "language", "select"),
                    "requestBody": {"required": True, "content": {**_json("CheckRequest"), **raw}},
                    "responses": {"200": {"description": "the findings", "content": _json("Envelope")}, **check_errors},
                }
            },
            "/v1/fix": {
                "post": {
                    "summary": "Apply the safe fixes, or the ones an editor chose",
                    "parameters": _raw_parameters("format", "language", "select", "applicability"),
                    "requestBody": {"required": True, "content": {**_json("FixRequest"), **raw}},
                    "responses": {
                        "200": {"description": "the fixed text", "content": _json("FixResult")},
                        **check_errors,
                    },
                }
            },
            "/v1/rules": {
                "get": {
                    "summary": "Every rule, with its code, name, summary, severity and state",
                    "responses": {
                        "200": {"description": "the rules", "content": {"application/json": {}}},
                        **_errors(401),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Whether the workers are up",
                    "responses": {"200": {"description": "up"}, "503": {"description": "no worker is alive"}},
                }
            },
            "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI"}}}},
            "/": {"get": {"summary": "The review page", "responses": {"200": {"description": "HTML"}}}},
            "/static/{name}": {
                "get": {
                    "summary": "The review page's script and style sheet",
                    "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "a file"}, "404": {"description": "no such file"}},
                }
            },
        },
        "components": {
            "schemas": {
                "CheckRequest": _REQUEST,
                "FixRequest": _FIX_REQUEST,
                "Envelope": _ENVELOPE,
                "FixResult": _FIX_RESULT,
                "Diagnostic": _DIAGNOSTIC,
                "Error": _ERROR,
            },
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
