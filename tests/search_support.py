"""Search test support: a synthetic catalogue (each entry proves a behaviour), a closed port."""

from __future__ import annotations

import dataclasses
import os
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from meilisearch import Client
from sqlmodel import Session

from directory.db import create_db_engine
from directory.geo import Geography
from directory.migrations import migrate
from directory.models import CatalogueState, Solution, SolutionEntry
from directory.search.document import SearchDocument
from directory.search.embedded import EmbeddedEngine
from directory.search.meili import MeiliEngine
from directory.search.model import SearchEngine, SearchQuery, SearchResults
from directory.search.plan import SearchPlan, plan_search
from directory.search.settings import SearchSettings
from directory.search.understanding import QueryUnderstanding

LODEVE, MONTPELLIER, BEDARIEUX, SETE, BEZIERS = "34142", "34172", "34028", "34301", "34032"
GIGNAC, CLERMONT, SAINT_PONS, LUNEL = "34114", "34079", "34284", "34145"
METROPOLE, LODEVOIS, CLERMONTAIS = "243400017", "200017341", "243400355"
VALLEE_HERAULT, GRAND_ORB = "243400694", "200042646"

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

# More entries for sentences people type (test_search_queries): names that are split or joined,
# lines that stop in some communes only, entries that need a licence, a car or a smartphone.
SENTENCE_ENTRIES: dict[str, dict[str, Any]] = {
    "resa-tam-bus-reservation": {
        "nom": "Résa'TaM, les bus sur réservation de la Métropole",
        "categorie": "transport-a-la-demande",
        "description": "Réservez votre trajet en bus la veille, par téléphone ou en ligne.",
        "zone": {"epci": [METROPOLE]},
        "dessert": {"epci": [METROPOLE]},
        "publics": ["tous-publics"],
        "frais": "payant",
        "modes_accueil": ["a-distance"],
        "caracteristiques": ["reservation"],
    },
    "blablacar-daily-domicile-travail": {
        "nom": "BlaBlaCar Daily, covoiturage domicile-travail",
        "categorie": "covoiturage",
        "description": "Une application pour partager le trajet quotidien vers votre travail.",
        "zone": {"departements": ["34"]},
        "publics": ["tous-publics"],
        "frais": "gratuit",
        "modes_accueil": ["a-distance"],
        "prerequis": ["smartphone"],
        "motifs": ["travail"],
    },
    "eco-cheque-voiture-electrique": {
        "nom": "Éco-chèque mobilité pour une voiture électrique d'occasion",
        "categorie": "aide-financiere",
        "description": "La Région aide à acheter une voiture électrique d'occasion.",
        "zone": {"regions": ["76"]},
        "publics": ["tous-publics"],
        "nature": "aide",
        "montant_max": 2000,
    },
    "remise-en-selle-adultes": {
        "nom": "Cours de remise en selle pour adultes",
        "categorie": "velo",
        "description": "Apprenez à faire du vélo, ou reprenez confiance sur la route, avec un "
        "moniteur.",
        "zone": {"epci": [METROPOLE]},
        "publics": ["tous-publics"],
        "frais": "payant",
        "modes_accueil": ["en-presentiel"],
    },
    "transport-solidaire-lodeve": {
        "nom": "Transport solidaire de Lodève",
        "categorie": "transport-solidaire",
        "description": "Des chauffeurs bénévoles vous emmènent chez le médecin, à la pharmacie "
        "ou faire vos courses.",
        "zone": {"communes": [LODEVE]},
        "publics": ["seniors", "personnes-en-situation-de-handicap"],
        "frais": "payant",
        "modes_accueil": ["a-distance"],
        "motifs": ["sante", "courses"],
        "caracteristiques": ["porte-a-porte", "accompagnement"],
    },
    "location-voiture-insertion": {
        "nom": "Location de voitures à petit prix pour l'insertion",
        "categorie": "vehicule",
        "description": "Une voiture louée quelques semaines pour aller travailler ou en formation.",
        "zone": {"territoires": ["pays-coeur-d-herault"]},
        "publics": ["demandeurs-emploi"],
        "frais": "payant",
        "modes_accueil": ["en-presentiel"],
        "prerequis": ["permis-b"],
        "motifs": ["travail", "formation"],
    },
    "ligne-covoiturage-gignac-clermont": {
        "nom": "Ligne de covoiturage spontané Gignac – Clermont-l'Hérault",
        "categorie": "covoiturage",
        "description": "Attendez à l'arrêt : un conducteur du coin vous prend en chemin.",
        "zone": {"communes": [GIGNAC, CLERMONT]},
        "publics": ["tous-publics"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
    },
    "car-lodeve-montpellier": {
        "nom": "Car express Lodève – Montpellier",
        "categorie": "transport-public",
        "description": "Un car direct, matin et soir, par l'autoroute A750.",
        "zone": {"epci": [LODEVOIS, VALLEE_HERAULT, METROPOLE]},
        "dessert": {"communes": [LODEVE, GIGNAC, MONTPELLIER]},
        "publics": ["tous-publics"],
        "frais": "payant",
    },
    "car-bedarieux-saint-pons": {
        "nom": "Car ligne Bédarieux – Saint-Pons-de-Thomières",
        "categorie": "transport-public",
        "description": "Le car s'arrête dans les villages de la vallée de l'Orb et du Jaur.",
        "zone": {"epci": [GRAND_ORB]},
        "dessert": {"communes": [BEDARIEUX, SAINT_PONS]},
        "publics": ["tous-publics"],
        "frais": "payant",
        "caracteristiques": ["velo-a-bord"],
    },
    "microcredit-vehicule-coeur-herault": {
        "nom": "Microcrédit pour acheter ou réparer un véhicule",
        "categorie": "aide-financiere",
        "description": "Un prêt à taux réduit quand la banque dit non, pour une voiture en "
        "panne ou à acheter.",
        "zone": {"territoires": ["pays-coeur-d-herault"]},
        "publics": ["beneficiaires-des-minimas-sociaux", "demandeurs-emploi"],
        "nature": "pret",
        "montant_max": 5000,
        "modes_accueil": ["en-presentiel"],
    },
    "aide-trajets-entretien-embauche": {
        "nom": "Aide aux trajets pour un entretien d'embauche",
        "categorie": "aide-financiere",
        "description": "Vos frais de trajet remboursés pour un entretien, une formation ou "
        "une reprise d'emploi loin de chez vous.",
        "zone": {"france": True},
        "publics": ["demandeurs-emploi"],
        "frais": "gratuit",
        "nature": "aide",
        "motifs": ["travail", "formation"],
        "modes_accueil": ["a-distance"],
    },
    "permanence-mobilite-coeur-herault": {
        "nom": "Permanence info-mobilité du Cœur d'Hérault",
        "categorie": "conseil-mobilite",
        "description": "Un conseiller vous reçoit et cherche avec vous comment vous déplacer.",
        "zone": {"territoires": ["pays-coeur-d-herault"]},
        "publics": ["tous-publics"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel", "a-distance"],
    },
    "velos-libre-service-montpellier": {
        "nom": "Vélos en libre-service de Montpellier",
        "categorie": "velo",
        "description": "Prenez un vélo à une station et rendez-le à une autre.",
        "zone": {"epci": [METROPOLE]},
        "publics": ["tous-publics"],
        "frais": "payant",
        "modes_accueil": ["a-distance"],
        "prerequis": ["savoir-faire-du-velo", "carte-bancaire", "smartphone"],
    },
    "pass-transport-jeunes": {
        "nom": "Trains et cars à 1 € pour les 12-26 ans",
        "categorie": "aide-financiere",
        "description": "Les jeunes voyagent à petit prix dans les trains et cars de la région.",
        "zone": {"regions": ["76"]},
        "publics": ["jeunes"],
        "eligibilite": {"age_min": 12, "age_max": 26},
    },
    "autostop-organise-herault": {
        "nom": "Rezo Pouce, l'autostop organisé",
        "categorie": "covoiturage",
        "description": "Inscrivez-vous, attendez à un arrêt Rezo Pouce : des conducteurs "
        "inscrits vous prennent.",
        "zone": {"departements": ["34"]},
        "publics": ["tous-publics"],
        "frais": "gratuit",
    },
    "tad-vallee-herault": {
        "nom": "TADAM, transport à la demande de la Vallée de l'Hérault",
        "categorie": "transport-a-la-demande",
        "description": "Un minibus sur réservation vers les marchés, les gares et les "
        "services de santé.",
        "zone": {"epci": [VALLEE_HERAULT]},
        "dessert": {"epci": [VALLEE_HERAULT]},
        "publics": ["tous-publics"],
        "frais": "payant",
        "caracteristiques": ["reservation"],
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


def catalogue(geo: Geography, entries: dict[str, dict[str, Any]] | None = None) -> list[Solution]:
    chosen = ENTRIES if entries is None else entries
    return [make_solution(entry_id, fields, geo) for entry_id, fields in chosen.items()]


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


@dataclass(frozen=True)
class Finder:
    """An engine with the query understanding the site puts in front of it."""

    engine: SearchEngine
    understanding: QueryUnderstanding
    geo: Geography

    @property
    def name(self) -> str:
        return self.engine.name

    def plan(self, text: str = "", **options: Any) -> SearchPlan:
        commune = options.pop("commune", None)
        destination = options.pop("destination", None)
        keys = options.pop("commune_keys", None)
        options.setdefault("per_page", 100)
        plan = plan_search(
            self.understanding,
            self.geo,
            text,
            commune=self.geo.communes[commune] if commune else None,
            destination=self.geo.communes[destination] if destination else None,
            **options,
        )
        if keys is not None:
            plan = dataclasses.replace(
                plan, query=dataclasses.replace(plan.query, commune_keys=keys)
            )
        return plan

    def search(self, text: str = "", **options: Any) -> SearchResults:
        return self.engine.search(self.plan(text, **options).query)

    def query(self, query: SearchQuery) -> SearchResults:
        return self.engine.search(query)


ENGINES = ["integre", pytest.param("meilisearch", marks=pytest.mark.meilisearch)]


def open_finder(
    kind: str,
    embedded: EmbeddedEngine,
    documents: list[SearchDocument],
    settings: SearchSettings,
    geo: Geography,
) -> Iterator[Finder]:
    """The engine named `kind` over the documents, with the embedded index's understanding
    (as on the site). Meilisearch only when MEILI_URL is set; its test index is removed after."""
    if kind == "integre":
        yield Finder(embedded, embedded.understanding, geo)
        return
    url = os.environ.get("MEILI_URL")
    if not url:
        pytest.skip(
            "Meilisearch absent : définissez MEILI_URL (et MEILI_ADMIN_KEY) pour cette suite"
        )
    admin_key = os.environ.get("MEILI_ADMIN_KEY")
    index = f"test_{uuid.uuid4().hex[:10]}"
    meili = MeiliEngine(
        url,
        index,
        settings,
        api_key=os.environ.get("MEILI_API_KEY") or admin_key,
        admin_key=admin_key,
    )
    meili.rebuild(documents)
    yield Finder(meili, embedded.understanding, geo)
    Client(url, admin_key).delete_index(index)


def closed_port() -> int:
    """A local port nobody listens on: connections to it are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
