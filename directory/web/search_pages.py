"""HTML pages built on the search: home, results, browse by territory and by category."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.background import BackgroundTask

from directory import places
from directory.browse import categories, category, territories, territory_detail
from directory.dependencies import SearchContextDep, SettingsDep, TemplatesDep
from directory.needs import NEEDS
from directory.programme.web.search_hook import note_search_gap
from directory.search.facets import FACETS, facet_labels
from directory.search.params import MAX_QUERY_CHARS, SearchParameterError, SolutionSearchRequest
from directory.search.service import SearchContext, search_solutions
from directory.search_work import run_search_work
from directory.services import desks
from directory.urls import path_for
from directory.vocabulary import Category, Public
from directory.web.cards import result_cards
from directory.web.search_view import (
    SearchState,
    active_chips,
    active_filter_count,
    commune_choices,
    need_url,
    pagination,
)

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

FacetValues = Annotated[list[str], Query()]
PROFILES = (
    Public.JEUNES,
    Public.SENIORS,
    Public.DEMANDEURS_EMPLOI,
    Public.BENEFICIAIRES_DES_MINIMAS_SOCIAUX,
    Public.PERSONNES_EN_SITUATION_DE_HANDICAP,
    Public.ETUDIANTS,
    Public.ACTIFS,
    Public.FAMILLES,
)


@router.get("/", name="home")
def home(request: Request, templates: TemplatesDep, context: SearchContextDep) -> HTMLResponse:
    base = path_for(request, "search")
    return templates.TemplateResponse(
        request,
        "pages/accueil.html",
        {
            "total": len(context.snapshot.solutions),
            "profiles": [(p.value, p.label) for p in PROFILES],
            "need_links": [
                {"question": n.question, "title": n.title, "url": need_url(base, n.id)}
                for n in NEEDS
            ],
            "wheelchair_url": SearchState(
                filters={"categorie": [Category.TRANSPORT_ADAPTE.value]}
            ).url(base),
            "json_url": path_for(request, "api_home"),
        },
    )


@router.get("/recherche", name="search")
async def search_page(
    request: Request,
    templates: TemplatesDep,
    context: SearchContextDep,
    settings: SettingsDep,
    q: str = "",  # a longer text is cut, and the page says so: never refused
    commune: Annotated[str, Query(max_length=100)] = "",
    destination: Annotated[str, Query(max_length=100)] = "",
    categorie: FacetValues = [],  # noqa: B006  (FastAPI copies defaults)
    territoire: FacetValues = [],  # noqa: B006
    public: FacetValues = [],  # noqa: B006
    frais: FacetValues = [],  # noqa: B006
    acces: FacetValues = [],  # noqa: B006
    profil: Annotated[str, Query(max_length=60)] = "",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> HTMLResponse:
    filters = dict(zip(FACETS, (categorie, territoire, public, frais, acces), strict=True))
    if profil:  # "Vous êtes…" on the home page: what is for you, and what is for everyone
        filters["public"] = list(dict.fromkeys([*public, profil, Public.TOUS_PUBLICS.value]))
    filters = {name: [v for v in values if v] for name, values in filters.items()}
    cut = len(q) > MAX_QUERY_CHARS
    state = SearchState(
        q[:MAX_QUERY_CHARS], commune, {k: v for k, v in filters.items() if v}, page, destination
    )
    return await run_search_work(
        settings, context, lambda: render_results(request, templates, context, state, cut=cut)
    )


def render_results(
    request: Request,
    templates: TemplatesDep,
    context: SearchContext,
    state: SearchState,
    heading: dict[str, str] | None = None,
    cut: bool = False,
) -> HTMLResponse:
    base = path_for(request, "search")
    labels = facet_labels(context.geo)
    search_request = SolutionSearchRequest(
        state.q,
        state.commune or None,
        state.filters or {},
        state.page,
        destination=state.destination or None,
    )
    page_context: dict[str, object] = {
        "state": state,
        "heading": heading,
        "cut": cut,
        "commune_error": None,
        "destination_error": None,
        "commune_suggestions": [],
        "desks": [],  # only a page with nothing to show lists the desks and the needs
        "need_links": [],
        "cards": [],
        "json_url": state.url(path_for(request, "api_solutions")),
    }
    try:
        result = search_solutions(context, search_request)
    except SearchParameterError as error:
        if error.parameter not in {"commune", "destination"}:
            raise
        meant = [places.resolve_commune(value, context.geo) for value in error.suggestions]
        field = "destination" if error.parameter == "destination" else "commune"
        page_context.update(
            desks=desks(context.snapshot, context.geo),
            result=None,
            commune_suggestions=commune_choices(context.geo, state, base, meant, field),
            chips=[],
            page_links=[],
            filter_count=0,
        )
        page_context[f"{field}_error"] = error.message
        return templates.TemplateResponse(
            request, "pages/recherche.html", page_context, status_code=422
        )
    commune_name = result.commune.nom if result.commune else None
    destination_name = result.destination.nom if result.destination else None
    chips = active_chips(state, base, labels, commune_name, result.compris, destination_name)
    nothing = not result.total
    gap = None
    if nothing and state.q and not state.filters:  # the observatory of unmet needs
        # Written once the page is sent, in the thread pool: never on the event loop.
        commune_code = result.commune.code if result.commune else None
        gap = BackgroundTask(note_search_gap, request, state.q, commune_code)
    page_context.update(
        desks=desks(context.snapshot, context.geo) if not result.resultats else [],
        need_links=need_links(base, state.commune) if nothing else [],
        cards=result_cards(request, templates, context.snapshot, result.resultats),
        result=result,
        chips=chips,
        filter_count=active_filter_count(chips),
        page_links=pagination(state, base, result.pages),
        first_page_url=state.url(base, page=1),
        commune_suggestions=commune_choices(
            context.geo,
            state,
            base,
            [context.geo.communes[ref.code] for ref in result.autres_communes],
        ),
    )
    return templates.TemplateResponse(request, "pages/recherche.html", page_context, background=gap)


def need_links(base: str, commune: str) -> list[dict[str, str]]:
    """The home page's needs, offered when a search finds nothing."""
    return [{"question": n.question, "url": need_url(base, n.id, commune)} for n in NEEDS]


@router.get("/territoires", name="territories")
def territories_page(
    request: Request, templates: TemplatesDep, context: SearchContextDep
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "pages/territoires.html",
        {"territories": territories(context), "json_url": path_for(request, "api_territories")},
    )


@router.get("/territoires/{territory_id}", name="territory")
def territory_page(
    request: Request, territory_id: str, templates: TemplatesDep, context: SearchContextDep
) -> HTMLResponse:
    detail = territory_detail(context, territory_id)
    base = path_for(request, "search")
    more = {
        section.categorie: SearchState(
            filters={"territoire": [territory_id], "categorie": [section.categorie]}
        ).url(base)
        for section in detail.sections
    }
    return templates.TemplateResponse(
        request,
        "pages/territoire.html",
        {
            "detail": detail,
            "more": more,
            "cards": {
                s.categorie: result_cards(request, templates, context.snapshot, s.apercu)
                for s in detail.sections
            },
            "json_url": path_for(request, "api_territory", territory_id=territory_id),
        },
    )


@router.get("/categories", name="categories")
def categories_page(
    request: Request, templates: TemplatesDep, context: SearchContextDep
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "pages/categories.html",
        {"categories": categories(context), "json_url": path_for(request, "api_categories")},
    )


@router.get("/categories/{category_id}", name="category")
def category_page(
    request: Request,
    category_id: str,
    templates: TemplatesDep,
    context: SearchContextDep,
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> HTMLResponse:
    found = category(category_id)
    state = SearchState(filters={"categorie": [found.value]}, page=page)
    return render_results(
        request, templates, context, state, {"titre": found.label, "texte": found.description}
    )
