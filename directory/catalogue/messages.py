"""Pydantic validation errors turned into French messages that say what to do."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from directory.models import SolutionEntry

FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """('zone', 'communes', 2) -> 'zone.communes[2]'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _model_at(path: FieldPath, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model whose keys are expected at `path` (SolutionEntry, Zone, Eligibility…)."""
    model: type[BaseModel] | None = root
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue  # an item of a list of models: the same model
        info = model.model_fields.get(part)
        model = _first_model(info.annotation) if info else None
    return model


def _first_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if isinstance(annotation, types.UnionType) or origin is typing.Union or origin in (list, tuple):
        for arg in typing.get_args(annotation):
            found = _first_model(arg)
            if found:
                return found
    return None


def _suggest(value: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def _expected_values(error: ErrorDetails) -> list[str]:
    return re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", "")))


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


# What to write in a required field left blank (a fresh copy of _modele.yaml).
_BLANK_HINTS = {
    "nom": "écrivez le nom que le public connaît, 3 à 150 caractères",
    "description": "écrivez en phrases courtes ce que c'est, pour qui et comment en profiter",
    "zone": "indiquez où habitent les personnes concernées (communes, epci, territoires, "
    "departements, regions ou « france: true »)",
    "source": "collez l'adresse (https://…) de la page qui prouve l'information",
    "date_source": "écrivez la date que porte la page (2023-08-15, 2023-08 ou 2023), ou "
    "« inconnue » si elle n'est pas datée",
    "verifie_le": "écrivez la date à laquelle vous avez lu la source, AAAA-MM-JJ "
    "(par exemple 2026-11-25)",
    "structure": "écrivez le nom de la structure qui tient la permanence",
}


def _blank(error: ErrorDetails, path: FieldPath, root: type[BaseModel]) -> str:
    """A key written without a value: say which one and what it expects."""
    if path and isinstance(path[-1], int):
        name = format_path(path[:-1])
        values = _expected_values(error)
        hint = f" (valeurs possibles : {', '.join(values)})" if values else ""
        return (
            f"ligne vide dans « {name} » : écrivez une valeur après le « - »{hint}, "
            "ou retirez la ligne"
        )
    name = str(path[-1]) if path else ""
    model = _model_at(path[:-1], root)
    info = model.model_fields.get(name) if model else None
    values = _expected_values(error)
    if name in _BLANK_HINTS:
        hint = _BLANK_HINTS[name]
    elif values:
        hint = f"choisissez une valeur parmi : {', '.join(values)}"
    elif error["type"] in {"list_type", "set_type"}:
        hint = "écrivez une valeur par ligne, précédée de « - »"
    else:
        hint = "remplissez-le (voir les explications de _modele.yaml)"
    if info is not None and not info.is_required():
        if error["type"] in {"list_type", "set_type"}:
            return (
                f"champ « {name} » vide : {hint}, écrivez « [] » s'il n'y a rien, "
                "ou supprimez la ligne"
            )
        return f"champ « {name} » vide : {hint}, ou supprimez la ligne"
    return f"champ obligatoire « {name} » vide : {hint}"


_PATTERN_HINTS = {
    "communes": "code INSEE à 5 caractères, par exemple 34142 (Lodève)",
    "commune": "code INSEE à 5 caractères, par exemple 34142 (Lodève)",
    "epci": "numéro SIREN à 9 chiffres, par exemple 243400017",
    "departements": "code à 2 chiffres, par exemple 34",
    "regions": "code à 2 chiffres, par exemple 76",
    "territoires": "identifiant en minuscules avec tirets",
    "code_postal": "5 chiffres, par exemple 34700",
}


def message_for(
    error: ErrorDetails, root: type[BaseModel] = SolutionEntry
) -> tuple[FieldPath, str]:
    """Where the error is and what to tell the editor (`root`: the model of the whole file)."""
    path: FieldPath = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    field_name = next((p for p in reversed(path) if isinstance(p, str)), "")

    if value is None and kind != "missing":
        return path, _blank(error, path, root)
    if kind == "missing":
        return path, f"champ obligatoire « {field_name} » absent : ajoutez-le (voir _modele.yaml)"
    if kind == "extra_forbidden":
        model = _model_at(path[:-1], root)
        choices = list(model.model_fields) if model else []
        suggestion = _suggest(str(path[-1]), choices)
        message = f"clé inconnue « {path[-1]} »"
        if suggestion:
            return path, f"{message} — vouliez-vous dire « {suggestion} » ?"
        return path, f"{message} : retirez-la (clés possibles : {', '.join(choices)})"
    if kind == "enum":
        expected = _expected_values(error)
        suggestion = _suggest(str(value), expected)
        message = f"valeur inconnue « {_shown(value)} »"
        if suggestion:
            message += f" — vouliez-vous dire « {suggestion} » ?"
        return path, f"{message} Valeurs possibles : {', '.join(expected)}."
    if "field" in ctx:  # a model-level rule that names the field it is about
        return (*path, ctx["field"]), error["msg"]
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return path, "doit contenir des champs « clé: valeur » (voir _modele.yaml)"
    if kind in {"list_type", "set_type"}:
        return path, "doit être une liste : une valeur par ligne, précédée de « - »"
    if kind == "string_type":
        return path, "doit être un texte, pas une liste ni un groupe de champs"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return path, f"« {_shown(value)} » n'est pas un nombre entier (exemple : 18)"
    if kind in {"bool_parsing", "bool_type"}:
        return path, f"« {_shown(value)} » : écrivez true (oui) ou false (non)"
    if kind == "date_source_invalide":
        return path, error["msg"]
    if kind.startswith("date"):
        return path, (
            f"date invalide « {_shown(value)} » : écrivez-la AAAA-MM-JJ, par exemple 2025-09-11"
        )
    if kind == "string_too_short":
        return path, f"texte trop court : au moins {ctx.get('min_length')} caractères"
    if kind == "string_too_long":
        return path, f"texte trop long : au plus {ctx.get('max_length')} caractères"
    if kind == "too_short":
        return path, "liste vide : indiquez au moins une valeur"
    if kind == "too_long":
        return path, f"liste trop longue : au plus {ctx.get('max_length')} valeurs"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        relation = "au moins" if kind.startswith("greater") else "au plus"
        return path, f"« {_shown(value)} » hors limites : {relation} {bound}"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(field_name, "format invalide")
        return path, f"« {_shown(value)} » n'a pas le bon format : {hint}"
    if kind == "value_error" and field_name == "courriel":
        return (
            path,
            f"adresse électronique invalide « {_shown(value)} » (exemple : contact@exemple.fr)",
        )
    if kind.startswith(("texte_", "lien_", "telephone_", "horaires_")) or kind.endswith(
        ("_inconnu", "_inconnue", "_vide", "_inverses")
    ):
        return path, error["msg"]
    return path, f"valeur refusée : {error['msg']}"
