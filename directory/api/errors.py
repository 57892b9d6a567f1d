"""API errors as JSON in French: bad parameters get a 422 that names the parameter."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from directory.search.params import SearchParameterError

API_PREFIX = "/api/"


def install_api_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SearchParameterError, _parameter_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]


def french_message(error: dict[str, Any]) -> str:
    """One pydantic validation error as a French sentence naming the parameter."""
    location = [str(part) for part in error.get("loc", ()) if isinstance(part, str)]
    parameter = location[-1] if location else "requête"
    context = error.get("ctx") or {}
    value = str(error.get("input", ""))[:60]
    messages = {
        "int_parsing": f"« {value} » n'est pas un nombre entier",
        "int_from_float": f"« {value} » n'est pas un nombre entier",
        "greater_than_equal": f"doit être au moins {context.get('ge')}",
        "greater_than": f"doit dépasser {context.get('gt')}",
        "less_than_equal": f"doit être au plus {context.get('le')}",
        "less_than": f"doit être inférieur à {context.get('lt')}",
        "string_too_long": f"{context.get('max_length')} caractères au plus",
        "string_too_short": f"{context.get('min_length')} caractères au moins",
        "missing": "paramètre obligatoire",
    }
    return f"{parameter} : {messages.get(error.get('type', ''), 'valeur invalide')}."


def error_body(items: list[tuple[list[str], str, str]]) -> dict[str, Any]:
    return {
        "message": " ".join(message for _, message, _ in items),
        "detail": [
            {"loc": location, "msg": message, "type": kind} for location, message, kind in items
        ],
    }


async def _parameter_error(request: Request, error: SearchParameterError) -> Response:
    body = error_body([(["query", error.parameter], error.message, "parametre_invalide")])
    return JSONResponse(body, status_code=422)


async def _validation_error(request: Request, error: RequestValidationError) -> Response:
    if not request.url.path.startswith(API_PREFIX):  # the HTML pages handle their own errors
        return await request_validation_exception_handler(request, error)
    items = [
        ([str(part) for part in e.get("loc", ())], french_message(e), str(e.get("type")))
        for e in error.errors()
    ]
    return JSONResponse(error_body(items), status_code=422)
