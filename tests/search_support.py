"""Search test support: a synthetic catalogue (each entry proves a behaviour), a closed port."""

from __future__ import annotations

import socket
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session

from directory.db import create_db_engine
from directory.geo import Geography
from directory.migrations import migrate
from directory.models import CatalogueState, Solution, SolutionEntry

LODEVE, MONTPELLIER, BEDARIEUX, SETE, BEZIERS = "34142", "34172", "34028", "34301", "34032"
METROPOLE, LODEVOIS, CLERMONTAIS = "243400017", "200017341", "243400355"

ENTRIES: dict[str, dict[str, Any]] = {
    "garage-solidaire-lodevois": {
        "nom": "Garage solidaire du Lodévois",
        "categorie": "vehicule",
        "description": "Faites réparer votre voiture à petit prix. Le garage vend aussi des "
        "véhicules d'occasion.",
        "operateur": "Association Garage Lodévois",
        "zone": {"communes": [LODEVE]},
        "publics": ["beneficiaires-des-minimas-sociaux"],
        "frais": "payant",
        "modes_accueil": ["en-presentiel"],
    },
    "garage-associatif-beziers": {
        "nom": "Garage associatif de Béziers",
        "categorie": "vehicule",
        "description": "Entretien de votre voiture par des mécaniciens bénévoles, à prix doux.",
        "zone": {"communes": [BEZIERS]},
        "publics": ["tous-publics"],
        "frais": "payant",
        "modes_accueil": ["en-presentiel"],
    },
    "covoiturage-coeur-herault": {
        "nom": "Covoiturage du quotidien en Cœur d'Hérault",
        "categorie": "covoiturage",
        "description": "Trouvez des conducteurs pour partager vos trajets vers le travail, sans "
        "frais d'inscription.",
        "zone": {"territoires": ["pays-coeur-d-herault"]},
        "publics": ["tous-publics"],
        "frais": "gratuit",
        "modes_accueil": ["a-distance"],
    },
    "location-vae-montpellier": {
        "nom": "Location longue durée de vélos à assistance électrique",
        "categorie": "velo",
        "description": "Louez un vélo électrique au mois pour vos trajets quotidiens dans la "
        "métropole.",
        "zone": {"epci": [METROPOLE]},
        "publics": ["tous-publics"],
        "frais": "payant",
        "modes_accueil": ["en-presentiel"],
    },
    "atelier-velo-bedarieux": {
        "nom": "Atelier vélo participatif de Bédarieux",
        "categorie": "velo",
        "description": "Apprenez à entretenir votre bicyclette avec des bénévoles. Pièces "
        "d'occasion à petit prix.",
        "zone": {"communes": [BEDARIEUX]},
        "publics": ["tous-publics"],
        "modes_accueil": ["en-presentiel"],
    },
    "trottinettes-montpellier": {
        "nom": "Trottinettes électriques en libre-service",
        "categorie": "velo",
        "description": "Des trottinettes à louer à la minute dans le centre de Montpellier.",
        "zone": {"communes": [MONTPELLIER]},
        "publics": ["tous-publics"],
        "frais": "payant",
        "modes_accueil": ["a-distance"],
    },
    "auto-ecole-sociale-montpellier": {
        "nom": "Auto-école sociale de Montpellier",
        "categorie": "permis",
        "description": "Une auto-école associative pour préparer le code et la conduite à votre "
        "rythme, avec un accompagnement renforcé.",
        "zone": {"epci": [METROPOLE]},
        "publics": ["demandeurs-emploi", "jeunes"],
        "frais": "payant",
        "modes_accueil": ["en-presentiel"],
    },
    "aide-permis-departement": {
        "nom": "Aide au permis de conduire du Département",
        "categorie": "permis",
        "description": "Le Département de l'Hérault finance une partie du permis B pour les "
        "jeunes en insertion.",
        "zone": {"departements": ["34"]},
        "publics": ["jeunes"],
        "frais": "gratuit",
        "modes_accueil": ["a-distance"],
    },
    "navette-reservation-lodevois": {
        "nom": "Navette sur réservation du Lodévois",
        "categorie": "transport-a-la-demande",
        "description": "Réservez la veille : un minibus vient vous chercher et vous emmène au "
        "marché ou à la gare routière.",
        "zone": {"epci": [LODEVOIS]},
        "publics": ["tous-publics"],
        "frais": "payant",
        "modes_accueil": ["a-distance"],
    },
    "transport-fauteuil-herault": {
        "nom": "Service de transport pour personnes en fauteuil",
        "categorie": "transport-adapte",
        "description": "Un véhicule équipé vous conduit à vos rendez-vous si vous ne pouvez pas "
        "prendre les transports en commun.",
        "zone": {"departements": ["34"]},
        "publics": ["personnes-en-situation-de-handicap"],
        "frais": "payant",
        "modes_accueil": ["a-distance"],
    },
    "cars-lio-herault": {
        "nom": "Lignes régulières de cars liO dans l'Hérault",
        "categorie": "transport-public",
        "description": "Les cars liO relient les villages aux villes. Achetez votre billet à bord.",
        "zone": {"departements": ["34"]},
        "publics": ["tous-publics"],
        "frais": "payant",
    },
    "navette-hopital-clermont": {
        "nom": "Navette solidaire vers l'hôpital de Clermont-l'Hérault",
        "categorie": "transport-solidaire",
        "description": "Des bénévoles vous conduisent à l'hôpital et vous ramènent, pour 2 € le "
        "trajet.",
        "zone": {"epci": [CLERMONTAIS]},
        "publics": ["seniors"],
        "frais": "payant",
        "modes_accueil": ["a-distance"],
    },
    "plateforme-mobilite-emploi": {
        "nom": "Plateforme mobilité d'emploi",
        "categorie": "conseil-mobilite",
        "description": "Un conseiller fait le point sur vos besoins de déplacement pour aller au "
        "travail et vous oriente.",
        "zone": {"regions": ["76"]},
        "publics": ["demandeurs-emploi"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel", "a-distance"],
    },
    "pret-scooter-sete": {
        "nom": "Prêt de scooters pour les jeunes de Sète",
        "categorie": "vehicule",
        "description": "Un deux-roues prêté pour quelques mois, car il faut pouvoir aller "
        "travailler.",
        "zone": {"communes": [SETE]},
        "publics": ["jeunes"],
        "frais": "payant",
        "modes_accueil": ["en-presentiel"],
    },
    "tarif-reduit-ter": {
        "nom": "Tarif réduit sur les trains régionaux",
        "categorie": "aide-financiere",
        "description": "Voyagez moins cher en TER avec une carte de réduction régionale.",
        "zone": {"regions": ["76"]},
        "publics": ["tous-publics"],
    },
    "bourse-carburant-apprentis": {
        "nom": "Bourse carburant des apprentis",
        "categorie": "aide-financiere",
        "description": "Une somme versée chaque mois pour payer l'essence des trajets vers "
        "l'entreprise.",
        "zone": {"france": True},
        "publics": ["jeunes"],
        "frais": "gratuit",
        "modes_accueil": ["a-distance"],
    },
}

TOPICS = {
    "vehicule": "mobilite--acceder-a-un-vehicule",
    "permis": "mobilite--preparer-un-permis",
    "aide-financiere": "mobilite--financer-ma-mobilite",
    "conseil-mobilite": "mobilite--etre-accompagne-dans-son-parcours-mobilite",
}


def make_solution(entry_id: str, fields: dict[str, Any], geo: Geography) -> Solution:
    """A Solution validated like a YAML entry (codes checked against the geography)."""
    data = {
        "thematiques": [
            TOPICS.get(fields["categorie"], "mobilite--mobilite-douce-partagee-collective")
        ],
        "mobilisable_par": ["usagers"],
        "source": "https://exemple.fr/source",
        "date_source": "2026-01",
        "verifie_le": date(2026, 1, 15),
        "fiabilite": "confirme",
        **fields,
    }
    entry = SolutionEntry.model_validate(data, context={"geo": geo})
    return Solution.model_validate(
        {**entry.model_dump(), "id": entry_id, "fichier": f"{entry_id}.yaml", "empreinte": "0"}
    )


def catalogue(geo: Geography) -> list[Solution]:
    return [make_solution(entry_id, fields, geo) for entry_id, fields in ENTRIES.items()]


def store(database_url: str, solutions: list[Solution]) -> None:
    """Write the solutions as a synced catalogue (version 1) into a fresh database."""
    engine = create_db_engine(database_url)
    migrate(engine)
    with Session(engine) as session, session.begin():
        for solution in solutions:
            session.add(solution)
        session.add(
            CatalogueState(id=1, version=1, synced_at=datetime.now(UTC), entries=len(solutions))
        )
    engine.dispose()


def closed_port() -> int:
    """A local port nobody listens on: connections to it are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
