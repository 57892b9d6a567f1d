"""Domain errors, and their single mapping to a French HTML page or a French JSON body."""

from __future__ import annotations

import logging
import typing
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic_core import core_schema
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class DirectoryError(Exception):
    """Base of the errors a service may raise; each one knows its HTTP status."""

    status_code = 400
    title = "Demande incorrecte"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(DirectoryError):
    status_code = 404
    title = "Page introuvable"


class InvalidInputError(DirectoryError):
    """A parameter the user gave cannot be used; `field` names it."""

    status_code = 422
    title = "Information à corriger"

    def __init__(
        self,
        field: str,
        message: str,
        suggestions: list[Any] | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.suggestions = suggestions or []
        self.details = details or []  # every problem when there are several, each with its field


_FIELD_MESSAGES = {
    "missing": "ce champ est obligatoire",
    "int_parsing": "doit être un nombre entier (reçu : « {input} »)",
    "int_type": "doit être un nombre entier",
    "greater_than_equal": "est trop petit (minimum {ge})",
    "less_than_equal": "est trop grand (maximum {le})",
    "string_too_long": "est trop long (au plus {max_length} caractères)",
    "string_too_short": "est trop court (au moins {min_length} caractères)",
    "enum": "valeur inconnue ; valeurs possibles : {expected}",
    "literal_error": "valeur inconnue ; valeurs possibles : {expected}",
    "bool_parsing": "doit valoir oui ou non",
    "json_invalid": "le corps de la requête n'est pas du JSON valide",
    "model_attributes_type": "doit être un objet JSON",
    "list_type": "doit être une liste",
    "string_type": "doit être un texte",
    "extra_forbidden": "champ inconnu : retirez-le ou vérifiez son nom",
    "too_long": "contient trop de valeurs (au plus {max_length})",
    "too_short": "doit contenir au moins {min_length} valeur(s)",
    "float_parsing": "doit être un nombre",
    "date_from_datetime_parsing": "doit être une date AAAA-MM-JJ",
    "date_parsing": "doit être une date AAAA-MM-JJ",
    "url_parsing": "n'est pas une adresse web valide",
    "string_pattern_mismatch": "n'a pas le bon format",
}


# pydantic's own error types: their messages are English. Ours (custom types) are French.
_LIBRARY_ERROR_TYPES = frozenset(typing.get_args(core_schema.ErrorType))


def french_validation_errors(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    """FastAPI's validation errors as French messages naming the parameter."""
    details = []
    for error in errors:
        location = [
            str(part) for part in error.get("loc", ()) if part not in ("query", "body", "path")
        ]
        field = ".".join(location) or "requête"
        template = _FIELD_MESSAGES.get(error.get("type", ""))
        ctx = {
            k: str(v).replace("'", "").replace(" or ", " ou ")
            for k, v in (error.get("ctx") or {}).items()
        }
        ctx["input"] = str(error.get("input", ""))[:60]
        if template:
            try:
                message = template.format(**ctx)
            except (KeyError, IndexError):
                message = template
        elif error.get("type") not in _LIBRARY_ERROR_TYPES:
            message = str(error.get("msg"))  # our own validators already speak French
        else:
            message = "valeur refusée"  # never show a library's English message
        details.append({"champ": field, "message": f"« {field} » {message}"})
    return details


def _wants_json(request: Request) -> bool:
    return (
        request.url.path.startswith("/api")
        or "application/json" in request.headers.get("accept", "").split(",")[0]
    )


def _error_page(request: Request, status: int, title: str, messages: list[str]) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "pages/erreur.html",
        {"titre": title, "messages": messages, "statut": status},
        status_code=status,
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DirectoryError)
    def on_domain_error(request: Request, error: DirectoryError) -> Response:
        body: dict[str, Any] = {"erreur": error.title, "message": error.message}
        if isinstance(error, InvalidInputError):
            body["champ"] = error.field
            if error.suggestions:
                body["suggestions"] = error.suggestions
            if error.details:
                body["details"] = error.details
        if _wants_json(request):
            return JSONResponse(body, status_code=error.status_code)
        return _error_page(request, error.status_code, error.title, [error.message])

    @app.exception_handler(RequestValidationError)
    def on_validation_error(request: Request, error: RequestValidationError) -> Response:
        details = french_validation_errors(list(error.errors()))
        if _wants_json(request):
            body = {
                "erreur": "Paramètres invalides",
                "message": " ; ".join(d["message"] for d in details),
                "champ": details[0]["champ"] if details else "requête",
                "details": details,
            }
            return JSONResponse(body, status_code=422)
        return _error_page(request, 422, "Information à corriger", [d["message"] for d in details])

    @app.exception_handler(StarletteHTTPException)
    def on_http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 404:
            title, message = "Page introuvable", "Cette page n'existe pas ou a été déplacée."
        elif error.status_code == 405:
            title, message = "Action impossible", "Cette adresse ne s'utilise pas de cette façon."
        else:
            title, message = "Erreur", str(error.detail)
        if _wants_json(request):
            return JSONResponse(
                {"erreur": title, "message": message}, status_code=error.status_code
            )
        return _error_page(request, error.status_code, title, [message])

    @app.exception_handler(Exception)
    def on_unexpected_error(request: Request, error: Exception) -> Response:
        # The handler runs after the except block: the error is passed, or the log has no trace.
        log.error("unexpected error on %s", request.url.path, exc_info=error)
        title = "Erreur du serveur"
        message = (
            "Un problème technique nous empêche d'afficher cette page. Réessayez dans un instant."
        )
        if _wants_json(request):
            return JSONResponse({"erreur": title, "message": message}, status_code=500)
        try:
            return _error_page(request, 500, title, [message])
        except Exception:  # the page itself failed: answer in plain text, never crash
            return HTMLResponse(f"<h1>{title}</h1><p>{message}</p>", status_code=500)
