"""Search parameters as people give them: checked and resolved, or refused in French."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from directory import places
from directory.errors import InvalidInputError
from directory.geo import Commune, Geography
from directory.search.facets import FACETS, facet_labels

MAX_QUERY_CHARS = 200
MAX_PAGE = 1000
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20


class SearchParameterError(InvalidInputError):
    """A parameter cannot be used; the French message names it (mapped to a 422)."""

    def __init__(self, parameter: str, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(parameter, message, suggestions)
        self.parameter = parameter


@dataclass(frozen=True)
class SolutionSearchRequest:
    """What the API and the pages receive: free text, a commune as typed, facet values."""

    q: str = ""
    commune: str | None = None
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    page: int = 1
    par_page: int = DEFAULT_PER_PAGE
    destination: str | None = None


@dataclass(frozen=True)
class CheckedRequest:
    """A request whose parameters are valid, its communes resolved."""

    q: str
    commune: Commune | None
    other_communes: list[Commune]  # homonyms and look-alikes of the commune typed
    destination: Commune | None
    filters: dict[str, tuple[str, ...]]
    page: int
    per_page: int


def check_request(geo: Geography, request: SolutionSearchRequest) -> CheckedRequest:
    """The request with its communes resolved, or SearchParameterError."""
    if len(request.q) > MAX_QUERY_CHARS:
        raise SearchParameterError(
            "q",
            f"« q » : la recherche fait {len(request.q)} caractères, {MAX_QUERY_CHARS} au plus ; "
            "raccourcissez-la.",
        )
    _check_range("page", request.page, MAX_PAGE)
    _check_range("par_page", request.par_page, MAX_PER_PAGE)
    commune, others = resolve_commune(geo, request.commune) if request.commune else (None, [])
    destination = (
        resolve_commune(geo, request.destination, "destination")[0] if request.destination else None
    )
    return CheckedRequest(
        q=request.q,
        commune=commune,
        other_communes=others,
        destination=destination,
        filters=_checked_filters(geo, request.filters),
        page=request.page,
        per_page=request.par_page,
    )


def resolve_commune(
    geo: Geography, text: str, parameter: str = "commune"
) -> tuple[Commune, list[Commune]]:
    """The commune meant and the others it could be: a search makes its best guess (Hérault
    first, most populated first) and shows the alternatives, rather than refusing."""
    try:
        return places.resolve_commune(text, geo), []
    except places.PlaceError as error:
        if error.ambiguous and error.candidates:
            return error.candidates[0], list(error.candidates[1:])
        raise SearchParameterError(
            parameter,
            f"« {parameter} » : « {text.strip()[:60]} » ne correspond à aucune commune ; "
            "indiquez un nom de commune (Montpellier), un code postal (34000) ou un code "
            "INSEE (34172).",
            suggestions=[places.commune_value(c) for c in error.candidates],
        ) from None


def _checked_filters(
    geo: Geography, filters: Mapping[str, Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    known = facet_labels(geo)
    checked: dict[str, tuple[str, ...]] = {}
    for facet, given in filters.items():
        values = [value for value in given if value]  # a form's "any" option sends ""
        if facet not in known:
            raise SearchParameterError(
                facet, f"« {facet} » : filtre inconnu ; filtres possibles : {', '.join(FACETS)}."
            )
        for value in values:
            if value not in known[facet]:
                raise SearchParameterError(
                    facet,
                    f"« {facet} » : valeur inconnue « {value[:60]} » ; valeurs possibles : "
                    f"{', '.join(known[facet])}.",
                )
        if values:
            checked[facet] = tuple(dict.fromkeys(values))
    return checked


def _check_range(parameter: str, value: int, highest: int) -> None:
    if not 1 <= value <= highest:
        raise SearchParameterError(
            parameter, f"« {parameter} » doit être un nombre entier entre 1 et {highest}."
        )
