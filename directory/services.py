"""Use cases shared by the HTML pages and their JSON twins."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from directory.eligibility_text import conditions_text
from directory.errors import NotFoundError
from directory.evidence import STALE_AFTER_DAYS, evidence_sentence, is_outdated
from directory.field_types import phone_uri
from directory.geo import Geography
from directory.hours import describe_hours
from directory.models import Solution, SolutionPublic
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
            "verification_texte": evidence_sentence(solution.date_source, solution.verifie_le),
            "information_ancienne": is_outdated(
                solution.date_source, today or date.today(), stale_after_days
            ),
        }
    )


class Desk(BaseModel):
    """A territory's info-mobility desk: who runs it, where, and its entry if known."""

    territoire_id: str
    territoire: str
    structure: str
    communes: int
    fiche: SolutionPublic | None


def desks(snapshot: Snapshot, geo: Geography) -> list[Desk]:
    found = []
    for territory in geo.territories.values():
        solution = snapshot.get(territory.permanence) if territory.permanence else None
        found.append(
            Desk(
                territoire_id=territory.id,
                territoire=territory.nom,
                structure=territory.structure,
                communes=sum(len(geo.epcis[code].membres) for code in territory.epci),
                fiche=to_public(solution, geo) if solution else None,
            )
        )
    return found


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
