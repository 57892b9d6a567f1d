"""Export of the catalogue as data·inclusion services, so curated entries can flow nationally."""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
from data_inclusion.schema.v1 import TypeService

from directory.eligibility_text import age_range
from directory.french import in_sentence
from directory.geo import Geography
from directory.models import Solution
from directory.text import fold
from directory.vocabulary import Category
from directory.zones import eligibility_codes

SOURCE = "annuaire-mobilite-herault"

_SERVICE_TYPE = {
    Category.AIDE_FINANCIERE: TypeService.AIDE_FINANCIERE,
    Category.VEHICULE: TypeService.AIDE_MATERIELLE,
    Category.PERMIS: TypeService.FORMATION,
    Category.CONSEIL_MOBILITE: TypeService.ACCOMPAGNEMENT,
}


def slugify(text: str) -> str:
    """« Cœur d'Hérault » -> « coeur-d-herault »."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "inconnu"


def access_conditions(solution: Solution) -> str | None:
    """Structured eligibility and prerequisites written out, for `conditions_acces`."""
    rules = solution.eligibilite
    parts = []
    ages = age_range(rules.age_min, rules.age_max)
    if ages:
        parts.append(f"{ages.capitalize()}.")
    if rules.statuts:
        parts.append("Pour : " + ", ".join(s.label for s in rules.statuts) + ".")
    if rules.demandeur_emploi_depuis_mois:
        parts.append(f"Inscrit à France Travail depuis {rules.demandeur_emploi_depuis_mois} mois.")
    if rules.sous_conditions_de_ressources:
        parts.append("Sous conditions de ressources.")
    if rules.conditions:
        parts.append(rules.conditions)
    if solution.prerequis:
        needs = ", ".join(in_sentence(p.label) for p in solution.prerequis)
        parts.append(f"Il faut : {needs}.")
    return " ".join(parts) or None


def _e164(number: str | None) -> str | None:
    if not number or re.fullmatch(r"3\d{3}", number):
        return number
    parsed = phonenumbers.parse(number, "FR")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def to_service(solution: Solution, geo: Geography, site_url: str) -> dict[str, Any]:
    """One entry as a data·inclusion `Service` record (plain JSON values)."""
    commune = geo.commune(solution.commune) if solution.commune else None
    service_type = _SERVICE_TYPE.get(solution.categorie)
    return {
        "source": SOURCE,
        "structure_id": f"{SOURCE}--{slugify(solution.operateur or solution.nom)}",
        "id": f"{SOURCE}--{solution.id}",
        "nom": solution.nom,
        "description": solution.description,
        "lien_source": f"{site_url.rstrip('/')}/solutions/{solution.id}",
        "date_maj": solution.verifie_le.isoformat(),
        "type": service_type.value if service_type else None,
        "thematiques": sorted(t.value for t in solution.thematiques),
        "frais": solution.frais.value if solution.frais else None,
        "frais_precisions": solution.frais_precisions,
        "publics": sorted(p.value for p in solution.publics),
        "publics_precisions": solution.publics_precisions,
        "conditions_acces": access_conditions(solution),
        "commune": commune.nom if commune else None,
        "code_postal": solution.code_postal,
        "code_insee": solution.commune,
        "adresse": solution.adresse,
        "telephone": _e164(solution.telephone),
        "courriel": solution.courriel,
        "modes_accueil": sorted(m.value for m in solution.modes_accueil) or None,
        "zone_eligibilite": eligibility_codes(geo, solution.zone),
        "lien_mobilisation": solution.lien_mobilisation,
        "modes_mobilisation": sorted(m.value for m in solution.modes_mobilisation) or None,
        "mobilisable_par": sorted(m.value for m in solution.mobilisable_par),
        "mobilisation_precisions": solution.mobilisation_precisions,
        "horaires_accueil": solution.horaires,
    }


def export_services(
    solutions: list[Solution], geo: Geography, site_url: str
) -> list[dict[str, Any]]:
    """The services offered to the public; one probably closed is not published further."""
    return [to_service(solution, geo, site_url) for solution in solutions if solution.in_service]
