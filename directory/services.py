"""Use cases shared by the HTML pages and their JSON twins."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pydantic import BaseModel, Field

from directory.desks import DeskEntry, DeskPlace
from directory.eligibility_text import conditions_text
from directory.errors import NotFoundError
from directory.evidence import STALE_AFTER_DAYS, evidence_sentence, is_outdated
from directory.field_types import phone_uri
from directory.geo import Geography
from directory.hours import describe_hours
from directory.models import Solution, SolutionPublic
from directory.prices import price
from directory.snapshot import Snapshot


def to_public(
    solution: Solution,
    geo: Geography,
    today: date | None = None,
    stale_after_days: int = STALE_AFTER_DAYS,
) -> SolutionPublic:
    """The stored solution plus the names and texts a reader needs; its age is judged on the
    date its evidence carries, never on the day someone read it."""
    commune = geo.commune(solution.commune) if solution.commune else None
    return SolutionPublic.model_validate(
        {
            **solution.model_dump(exclude={"fichier", "empreinte"}),
            "categorie_libelle": solution.categorie.label,
            "zone_noms": geo.describe_zone(solution.zone),
            "destinations_noms": geo.describe_zone(solution.destinations)
            if solution.destinations
            else [],
            "commune_nom": commune.nom if commune else None,
            "horaires_texte": describe_hours(solution.horaires) if solution.horaires else [],
            "telephone_uri": phone_uri(solution.telephone) if solution.telephone else None,
            "sur_orientation": solution.professionals_only,
            "conditions_texte": conditions_text(solution),
            "prix": price(solution),
            "verification_texte": evidence_sentence(solution.date_source, solution.verifie_le),
            "information_ancienne": is_outdated(
                solution.date_source, today or date.today(), stale_after_days
            ),
        }
    )


class DeskPlaceOut(BaseModel):
    nom: str
    adresse: str | None = Field(description="Numéro, rue, code postal et commune, si connus.")
    horaires_texte: list[str]
    horaires_precisions: str | None


class Desk(BaseModel):
    """A territory's info-mobility desk: who runs it, how to reach it, where and when it is
    held (data/permanences.yaml), and its catalogue entry if there is one."""

    territoire_id: str
    territoire: str
    structure: str
    communes: int
    telephone: str | None
    telephone_uri: str | None
    courriel: str | None
    site_web: str | None
    rendez_vous: str | None = Field(description="Comment prendre rendez-vous.")
    par_telephone: str | None = Field(description="Comment se passe une permanence par téléphone.")
    lieux: list[DeskPlaceOut]
    a_completer: list[str] = Field(
        description="Ce que les éditeurs doivent encore trouver (data/permanences.yaml)."
    )
    fiche: SolutionPublic | None


def desks(
    snapshot: Snapshot, geo: Geography, entries: Mapping[str, DeskEntry] | None = None
) -> list[Desk]:
    """The programme's desks, one per territory, from data/permanences.yaml (`entries`);
    without it, only what the territories and the catalogue entries say."""
    return [
        desk_of(territory.id, snapshot, geo, entries or {})
        for territory in geo.territories.values()
    ]


def desk_of(
    territory_id: str, snapshot: Snapshot, geo: Geography, entries: Mapping[str, DeskEntry]
) -> Desk:
    territory = geo.territories[territory_id]
    entry = entries.get(territory_id)
    entry_id = (entry.fiche if entry else None) or territory.permanence
    solution = snapshot.get(entry_id) if entry_id else None
    return Desk(
        territoire_id=territory.id,
        territoire=territory.nom,
        structure=entry.structure if entry else territory.structure,
        communes=sum(len(geo.epcis[code].membres) for code in territory.epci),
        telephone=entry.telephone if entry else None,
        telephone_uri=phone_uri(entry.telephone) if entry and entry.telephone else None,
        courriel=str(entry.courriel) if entry and entry.courriel else None,
        site_web=entry.site_web if entry else None,
        rendez_vous=entry.rendez_vous if entry else None,
        par_telephone=entry.par_telephone if entry else None,
        lieux=[_place(place, geo) for place in entry.lieux] if entry else [],
        a_completer=entry.missing() if entry else ["toute la permanence"],
        fiche=to_public(solution, geo) if solution else None,
    )


def _place(place: DeskPlace, geo: Geography) -> DeskPlaceOut:
    commune = geo.commune(place.commune) if place.commune else None
    town = " ".join(p for p in (place.code_postal, commune.nom if commune else None) if p)
    address = ", ".join(p for p in (place.adresse, town) if p) or None
    return DeskPlaceOut(
        nom=place.nom,
        adresse=address,
        horaires_texte=describe_hours(place.horaires) if place.horaires else [],
        horaires_precisions=place.horaires_precisions,
    )


def solution_detail(
    snapshot: Snapshot,
    geo: Geography,
    solution_id: str,
    stale_after_days: int = STALE_AFTER_DAYS,
) -> SolutionPublic:
    solution = snapshot.get(solution_id)
    if solution is None:
        raise NotFoundError(f"Aucune solution ne porte l'identifiant « {solution_id} ».")
    return to_public(solution, geo, stale_after_days=stale_after_days)
