"""Validated scalar types of an entry: plain text, web links, phone numbers, geographic codes."""

from __future__ import annotations

import difflib
import re
from datetime import date as date_type
from datetime import timedelta
from typing import Annotated, Any

import opening_hours
import phonenumbers
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    HttpUrl,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from directory.text import hidden_characters, without_hidden_characters

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_SCRIPT_SCHEME = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTTP_URL = TypeAdapter(HttpUrl)


def _as_text(value: Any) -> Any:
    """YAML plain scalars such as 2024 or true are accepted where text is expected."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return str(value)
    return value


def _plain_text(value: str) -> str:
    tag = _TAG.search(value)
    if tag:
        raise PydanticCustomError(
            "texte_html",
            "le texte contient du HTML ({tag}) : écrivez du texte simple, sans balise",
            {"tag": tag.group(0)[:40]},
        )
    if _SCRIPT_SCHEME.search(value):
        raise PydanticCustomError(
            "texte_script",
            "le texte contient un lien « javascript: » ou « data: » : retirez-le",
        )
    if _CONTROL.search(value):
        raise PydanticCustomError(
            "texte_controle", "le texte contient un caractère de contrôle invisible : retirez-le"
        )
    # Invisible direction and zero-width characters go (`check_hidden_characters` tells the
    # editor): they only ever change how the text looks.
    return without_hidden_characters(value).strip()


def _name(value: str) -> str:
    hidden = hidden_characters(value)
    if hidden:
        raise PydanticCustomError(
            "nom_caractere_cache",
            "le nom contient un caractère invisible qui change son affichage ou le fait "
            "ressembler à un autre ({codes}) : retapez le nom au clavier, sans le copier-coller",
            {"codes": ", ".join(hidden)},
        )
    return value


PlainText = Annotated[str, BeforeValidator(_as_text), AfterValidator(_plain_text)]
"""Text written by an editor: never HTML, never a script link, never an invisible character
that changes how it is shown."""

Name = Annotated[str, BeforeValidator(_as_text), AfterValidator(_name), AfterValidator(_plain_text)]
"""A name people read and search for: a hidden character is an error, not removed."""

ShortText = Annotated[PlainText, Field(min_length=1, max_length=500)]
ShortName = Annotated[Name, Field(min_length=1, max_length=500)]
LongText = Annotated[PlainText, Field(min_length=1, max_length=5000)]


def _web_link(value: str) -> str:
    value = value.strip()
    if not re.match(r"https?://", value, flags=re.IGNORECASE):
        raise PydanticCustomError(
            "lien_invalide",
            "lien invalide « {value} » : il doit commencer par https:// (ou http://)",
            {"value": value[:80]},
        )
    try:
        _HTTP_URL.validate_python(value)
    except ValidationError:
        raise PydanticCustomError(
            "lien_invalide",
            "lien invalide « {value} » : vérifiez l'adresse (espaces, caractères interdits)",
            {"value": value[:80]},
        ) from None
    return value


WebLink = Annotated[str, Field(max_length=2000), AfterValidator(_web_link)]
"""An http(s) address; anything else (javascript:, data:, ftp:) is refused."""


def _phone(value: Any) -> str:
    text = str(value).strip()
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        number = None
    digits = re.sub(r"\D", "", text)
    if number is not None and phonenumbers.is_valid_number(number):
        if number.country_code == 33:
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if re.fullmatch(r"3\d{3}", digits) and len(text) <= 6:
        return digits  # French short service numbers such as 3949
    raise PydanticCustomError(
        "telephone_invalide",
        "numéro de téléphone invalide « {value} » : écrivez les 10 chiffres, "
        "par exemple 04 67 22 87 87 (ou un numéro court à 4 chiffres comme 3949)",
        {"value": text[:40]},
    )


Phone = Annotated[str, BeforeValidator(_phone)]
"""A French phone number, stored in national format: « 04 67 22 87 87 »."""


def phone_uri(number: str) -> str:
    """The tel: URI of a stored number."""
    if re.fullmatch(r"3\d{3}", number):
        return f"tel:{number}"
    parsed = phonenumbers.parse(number, "FR")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.RFC3966)


def _opening_hours(value: str) -> str:
    value = value.strip()
    if not opening_hours.validate(value):
        raise PydanticCustomError(
            "horaires_invalides",
            "horaires illisibles « {value} » : utilisez la syntaxe OpenStreetMap, "
            "par exemple « Mo-Fr 08:30-12:30,14:00-17:00; Sa 09:00-12:00 »",
            {"value": value[:80]},
        )
    return value


OpeningHours = Annotated[str, Field(max_length=500), AfterValidator(_opening_hours)]


def _geo(info: ValidationInfo) -> Any:
    return (info.context or {}).get("geo")


def _code(value: Any) -> Any:
    """YAML reads 34142 as a number: accept it as the code it is."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _known_commune(value: str, info: ValidationInfo) -> str:
    geo = _geo(info)
    if geo is not None and geo.commune(value) is None:
        raise PydanticCustomError(
            "commune_inconnue",
            "code commune inconnu « {value} » : indiquez le code INSEE (COG 2026) de la "
            "commune, par exemple 34142 pour Lodève (ce n'est pas le code postal)",
            {"value": value},
        )
    return value


def _known_epci(value: str, info: ValidationInfo) -> str:
    geo = _geo(info)
    if geo is not None and value not in geo.epcis:
        raise PydanticCustomError(
            "epci_inconnu",
            "code EPCI inconnu « {value} » : indiquez le numéro SIREN à 9 chiffres de "
            "l'intercommunalité, par exemple 243400694 pour la CC Vallée de l'Hérault",
            {"value": value},
        )
    return value


def _known_departement(value: str, info: ValidationInfo) -> str:
    geo = _geo(info)
    if geo is not None and value not in geo.departements:
        raise PydanticCustomError(
            "departement_inconnu",
            "code département inconnu « {value} » : par exemple 34 pour l'Hérault",
            {"value": value},
        )
    return value


def _known_region(value: str, info: ValidationInfo) -> str:
    geo = _geo(info)
    if geo is not None and value not in geo.regions:
        raise PydanticCustomError(
            "region_inconnue",
            "code région inconnu « {value} » : par exemple 76 pour l'Occitanie",
            {"value": value},
        )
    return value


def _known_territory(value: str, info: ValidationInfo) -> str:
    geo = _geo(info)
    if geo is not None and value not in geo.territories:
        known = sorted(geo.territories)
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
        hint = f"vouliez-vous dire « {close[0]} » ? " if close else ""
        raise PydanticCustomError(
            "territoire_inconnu",
            "territoire inconnu « {value} » — {hint}Territoires possibles : {known}",
            {"value": value, "hint": hint, "known": ", ".join(known)},
        )
    return value


CommuneCode = Annotated[
    str,
    BeforeValidator(_code),
    Field(pattern=r"^\d[\dAB]\d{3}$", description="Code INSEE de la commune (5 caractères)."),
    AfterValidator(_known_commune),
]
EpciCode = Annotated[
    str,
    BeforeValidator(_code),
    Field(pattern=r"^\d{9}$", description="Numéro SIREN de l'EPCI (9 chiffres)."),
    AfterValidator(_known_epci),
]
DepartementCode = Annotated[
    str,
    BeforeValidator(_code),
    Field(pattern=r"^(\d{2}|2A|2B|97\d)$", description="Code du département (34 = Hérault)."),
    AfterValidator(_known_departement),
]
RegionCode = Annotated[
    str,
    BeforeValidator(_code),
    Field(pattern=r"^\d{2}$", description="Code de la région (76 = Occitanie)."),
    AfterValidator(_known_region),
]
TerritoryId = Annotated[
    str,
    Field(pattern=r"^[a-z0-9-]+$", description="Identifiant d'un territoire du programme."),
    AfterValidator(_known_territory),
]
PostalCode = Annotated[str, BeforeValidator(_code), Field(pattern=r"^\d{5}$")]


UNKNOWN_DATE = "inconnue"
_EVIDENCE_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _evidence_date(value: Any) -> str:
    """2023-08-15, 2023-08 or 2023 (as precise as the source), or « inconnue »."""
    if isinstance(value, date_type):
        return value.isoformat()
    text = str(value).strip().lower()
    if text == UNKNOWN_DATE:
        return UNKNOWN_DATE
    match = _EVIDENCE_DATE.match(text)
    valid = match is not None
    if match:
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            date_type(year or 1, month or 1, day or 1)
        except ValueError:
            valid = False
        valid = valid and 1990 <= (year or 0) <= 2100
    if not valid:
        raise PydanticCustomError(
            "date_source_invalide",
            "date de la source invalide « {value} » : écrivez la date que porte la page, aussi "
            "précise qu'elle le dit (2023-08-15, 2023-08 ou 2023), ou « inconnue » si la page "
            "n'est pas datée",
            {"value": text[:40]},
        )
    return text


EvidenceDate = Annotated[str, BeforeValidator(_evidence_date)]
"""When the source says its information dates from: a day, a month, a year, or « inconnue »."""


def evidence_period(value: str) -> tuple[date_type, date_type] | None:
    """The first and last day an evidence date may mean; None when it is unknown."""
    match = _EVIDENCE_DATE.match(value)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if day is not None and month is not None:
        exact = date_type(year, month, day)
        return exact, exact
    if month is not None:
        last = date_type(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return date_type(year, month, 1), last
    return date_type(year, 1, 1), date_type(year, 12, 31)


def _flag(value: Any) -> Any:
    """Editors may write oui/non as well as true/false."""
    if isinstance(value, str):
        return {"oui": True, "non": False, "vrai": True, "faux": False}.get(
            value.strip().lower(), value
        )
    return value


Flag = Annotated[bool, BeforeValidator(_flag)]
"""A yes/no field: true, false, oui or non."""
