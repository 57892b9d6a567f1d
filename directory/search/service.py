"""Searching the directory: the use case shared by the JSON API and the HTML pages."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from directory.geo import Commune, Geography
from directory.models import Solution
from directory.prices import price_label
from directory.search.facets import FACET_TITLES, FRAIS_NOT_GIVEN, facet_labels
from directory.search.model import SearchQuery, SearchResults
from directory.search.params import SolutionSearchRequest, check_request
from directory.search.plan import SearchPlan, plan_search
from directory.search.runtime import SearchRuntime
from directory.snapshot import Snapshot
from directory.vocabulary import Category, Prerequisite

SHORT_DESCRIPTION_CHARS = 160


@dataclass(frozen=True)
class SearchContext:
    """What a search needs: the engines, the current catalogue and the geography."""

    runtime: SearchRuntime
    snapshot: Snapshot
    geo: Geography


class CommuneRef(BaseModel):
    code: str = Field(description="Code INSEE de la commune.")
    nom: str = Field(description="Nom de la commune.")
    departement: str = Field(description="Code du département.")


class SolutionHit(BaseModel):
    id: str = Field(description="Identifiant public de la fiche.")
    nom: str = Field(description="Nom de la solution.")
    categorie: str = Field(description="Code de la catégorie.")
    categorie_libelle: str = Field(description="Nom de la catégorie, en clair.")
    description_courte: str = Field(description="Début de la description.")
    frais: str = Field(description="gratuit, payant ou non-renseigne.")
    frais_libelle: str = Field(description="Frais, en clair (le filtre « Frais »).")
    prix_libelle: str | None = Field(
        description="Ce que la personne paie ou reçoit : « Aide jusqu'à 1 200 € », « Prêt », "
        "« Location », « Gratuit », « Payant », « Prix non renseigné » ; vide quand seul le "
        "détail des prix est connu."
    )
    zone: list[str] = Field(description="Où la solution s'applique, en clair.")
    score: float | None = Field(
        description="Pertinence selon le moteur (absente quand on parcourt sans mots)."
    )


class FacetOption(BaseModel):
    valeur: str = Field(description="Valeur à passer en paramètre pour filtrer.")
    libelle: str = Field(description="Valeur en clair.")
    nombre: int = Field(description="Nombre exact de résultats avec cette valeur.")
    selectionnee: bool = Field(description="Vrai si ce filtre est actif.")


class Facet(BaseModel):
    nom: str = Field(description="Nom du paramètre de filtre (categorie, public…).")
    titre: str = Field(description="Titre à afficher.")
    options: list[FacetOption] = Field(
        description="Valeurs possibles ; les nombres tiennent compte des autres filtres, "
        "pas de celui-ci, pour proposer des alternatives."
    )


class UnderstoodNeed(BaseModel):
    id: str = Field(description="Identifiant du besoin (data/besoins.yaml).")
    libelle: str = Field(description="Le besoin en clair : « passer le permis de conduire ».")


class UnderstoodPlace(BaseModel):
    role: str = Field(description="commune (lieu d'habitation ou de départ) ou destination.")
    commune: CommuneRef
    texte: str = Field(description="Les mots de la recherche qui nomment ce lieu.")
    recherche_sans: str = Field(description="La même recherche, sans ces mots.")


class Understood(BaseModel):
    """What the search understood of the words typed."""

    besoins: list[UnderstoodNeed] = Field(description="Besoins reconnus, dans l'ordre.")
    lieux: list[UnderstoodPlace] = Field(
        description="Lieux lus dans la recherche et retenus comme commune ou destination."
    )
    mots: list[str] = Field(description="Mots cherchés, du plus parlant au moins parlant.")
    mots_trouves: list[str] = Field(
        description="Les mots que contiennent les meilleurs résultats : tous les « mots », ou "
        "les premiers quand aucune fiche ne les contient tous."
    )
    mots_absents: list[str] = Field(
        description="Mots cherchés que les meilleurs résultats ne contiennent pas."
    )
    mots_ignores: list[str] = Field(description="Mots qu'aucune fiche ne contient.")
    prerequis_ecartes: list[str] = Field(
        description="Prérequis des solutions écartées (« Avoir le permis B »)."
    )
    tronquee: bool = Field(description="Vrai si la recherche était trop longue pour être lue.")

    @property
    def every_word_found(self) -> bool:
        return len(self.mots_trouves) == len(self.mots)


class SolutionSearchPage(BaseModel):
    """One page of results with its facets: the same model for the API and the pages."""

    q: str = Field(description="La recherche telle que reçue.")
    commune: CommuneRef | None = Field(description="La commune retenue pour filtrer.")
    autres_communes: list[CommuneRef] = Field(
        default=[], description="Autres communes que le texte peut désigner (homonymes…)."
    )
    destination: CommuneRef | None = Field(
        default=None, description="Où la personne va : les solutions qui n'y vont pas sont ôtées."
    )
    compris: Understood | None = Field(
        default=None, description="Ce que la recherche a compris des mots tapés."
    )
    filtres: dict[str, list[str]] = Field(description="Filtres actifs, par facette.")
    resultats: list[SolutionHit] = Field(description="Les fiches de la page, dans l'ordre.")
    total: int = Field(description="Nombre total de résultats.")
    page: int = Field(description="Numéro de la page (à partir de 1).")
    par_page: int = Field(description="Nombre de résultats par page.")
    pages: int = Field(description="Nombre de pages.")
    facettes: list[Facet] = Field(description="Filtres possibles avec le nombre de résultats.")
    moteur: str = Field(description="Moteur qui a répondu : integre ou meilisearch.")
    degrade: bool = Field(
        description="Vrai si Meilisearch est configuré mais n'a pas répondu : "
        "le moteur intégré a pris le relais."
    )
    duree_ms: float = Field(description="Durée de la recherche dans le moteur (ms).")


def search_solutions(context: SearchContext, request: SolutionSearchRequest) -> SolutionSearchPage:
    """Check the request, understand it, search, and describe the page.

    Raises SearchParameterError."""
    checked = check_request(context.geo, request)
    plan = plan_search(
        context.runtime.understanding(context.snapshot),
        context.geo,
        checked.q,
        commune=checked.commune,
        destination=checked.destination,
        filters=checked.filters,
        page=checked.page,
        per_page=checked.per_page,
    )
    results = context.runtime.search(context.snapshot, plan.query)
    page = describe_page(
        results, plan.query, request.q, plan.commune, context.snapshot, context.geo
    )
    page.autres_communes = [_commune_ref(c) for c in checked.other_communes]
    page.destination = _commune_ref(plan.destination) if plan.destination else None
    page.compris = understood(plan, results)
    return page


def understood(plan: SearchPlan, results: SearchResults) -> Understood:
    """What the page says back: needs, places read, words used and words set aside."""
    understanding = plan.understanding
    words = [term for term in plan.query.words if term.need is None]
    found = plan.query.words[: results.matched_terms or 0] if results.total else ()
    places = [
        UnderstoodPlace(
            role=role,
            commune=_commune_ref(p.commune),
            texte=understanding.said(p),
            recherche_sans=understanding.without(p),
        )
        for p, role in ((plan.commune_said, "commune"), (plan.destination_said, "destination"))
        if p is not None
    ]
    return Understood(
        besoins=[UnderstoodNeed(id=n.id, libelle=n.libelle) for n in understanding.needs],
        lieux=places,
        mots=[t.typed for t in words],
        mots_trouves=[t.typed for t in found if t.need is None],
        mots_absents=[t.typed for t in words if t not in found],
        mots_ignores=list(understanding.ignored),
        prerequis_ecartes=[Prerequisite(p).label for p in understanding.excluded_prerequisites],
        tronquee=understanding.truncated,
    )


def describe_page(
    results: SearchResults,
    query: SearchQuery,
    text: str,
    commune: Commune | None,
    snapshot: Snapshot,
    geo: Geography,
) -> SolutionSearchPage:
    labels = facet_labels(geo)
    # An index a little behind the database may name an entry that is gone: skip it.
    solutions = [s for s in map(snapshot.get, results.ids) if s is not None]
    scores = {hit.id: hit.score for hit in results.hits}
    facets = []
    for name, title in FACET_TITLES.items():
        selected = query.filters.get(name, ())
        counts = {c.value: c.count for c in results.facets.get(name, ())}
        values = [*counts, *(v for v in selected if v not in counts)]
        options = [
            FacetOption(
                valeur=value,
                libelle=labels[name].get(value, value),
                nombre=counts.get(value, 0),
                selectionnee=value in selected,
            )
            for value in values
        ]
        facets.append(Facet(nom=name, titre=title, options=options))
    return SolutionSearchPage(
        q=text,
        commune=_commune_ref(commune) if commune else None,
        filtres={name: list(values) for name, values in query.filters.items()},
        resultats=[solution_hit(s, scores.get(s.id), snapshot, geo) for s in solutions],
        total=results.total,
        page=query.page,
        par_page=query.per_page,
        pages=-(-results.total // query.per_page),
        facettes=facets,
        moteur=results.engine,
        degrade=results.degraded,
        duree_ms=round(results.took_ms, 3),
    )


def _commune_ref(commune: Commune) -> CommuneRef:
    return CommuneRef(code=commune.code, nom=commune.nom, departement=commune.departement)


def short_description(text: str, limit: int = SHORT_DESCRIPTION_CHARS) -> str:
    """The first sentences that fit, or the text cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence_end = cut.rfind(". ")
    if sentence_end >= limit // 2:
        return cut[: sentence_end + 1]
    word_end = cut.rfind(" ")
    return (cut[:word_end] if word_end > 0 else cut).rstrip(" ,;:") + "…"


HITS = "search_hits"  # Snapshot.extras: each entry's hit, made on its first appearance


def solution_hit(
    solution: Solution, score: float | None, snapshot: Snapshot, geo: Geography
) -> SolutionHit:
    """An entry as a result. What it says depends only on the entry, so it is made once per
    catalogue version (short description, zone in words, labels); only the score changes."""
    made: dict[str, SolutionHit] = snapshot.extras.setdefault(HITS, {})
    hit = made.get(solution.id)
    if hit is None:
        hit = made[solution.id] = _hit(solution, geo)
    return hit if score is None else hit.model_copy(update={"score": score})


def _hit(solution: Solution, geo: Geography) -> SolutionHit:
    category = Category(solution.categorie)
    frais = solution.frais.value if solution.frais else FRAIS_NOT_GIVEN
    return SolutionHit(
        id=solution.id,
        nom=solution.nom,
        categorie=category.value,
        categorie_libelle=category.label,
        description_courte=short_description(solution.description),
        frais=frais,
        frais_libelle=facet_labels(geo)["frais"][frais],
        prix_libelle=price_label(solution),
        zone=geo.describe_zone(solution.zone),
        score=None,
    )
