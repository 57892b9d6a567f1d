"""Realistic desk situations: what must be proposed, what must not, and the reasons given.

Run on the fixture catalogue (tests/fixtures/matching), whose entries mirror the real kinds of
solutions of the Hérault with fictitious contacts.
"""

from __future__ import annotations

from datetime import date

import pytest

from .matching_support import Case, check_case

CASES = [
    Case(
        "senior in a Lodévois village, no car, hospital in Montpellier",
        {
            "commune": "Soubès",
            "destinations": ["Montpellier"],
            "age": 68,
            "statuts": ["retraite"],
            "voiture": "non",
            "motifs": ["sante"],
        },
        propose={
            "transport-pmr-prive-herault": [
                "pour les séniors",
                "va à Montpellier",
                "porte à porte",
            ],
            # a network used once there: it does not stop in Soubès
            "tram-bus-visiteurs-metropole": ["pour circuler à Montpellier"],
        },
        # private adapted transport: for a senior who may walk fine, to check
        check={
            "transport-pmr-prive-herault": ["pour les personnes à mobilité réduite : à vérifier"]
        },
        reject={
            "cars-regionaux-herault": ["pas d'arrêt connu à Soubès"],
            "tram-bus-gratuit-metropole": [
                "hors zone : Montpellier Méditerranée Métropole uniquement"
            ],
            "pret-permis-jeunes": ["réservé aux 15 à 25 ans"],
        },
        absent=["transport-solidaire-lodeve", "velos-libre-service-metropole"],
        # the local car-pool platform may take her there; organised hitch-hiking across the
        # département or the city's network on arrival are not what she is handed first
        shortlist=["plateforme-covoiturage-coeur-herault"],
        not_shortlisted=[
            "transport-pmr-prive-herault",
            "microcredit-vehicule-herault",
            "autostop-organise-herault",
            "tram-bus-visiteurs-metropole",
        ],
    ),
    Case(
        "22-year-old job seeker in Gignac, no licence, job in Clermont-l'Hérault at 6 am",
        {
            "commune": "Gignac",
            "destinations": ["Clermont-l'Hérault"],
            "age": 22,
            "statuts": ["demandeur-emploi"],
            "demandeur_emploi_depuis_mois": 4,
            "permis": "non",
            "voiture": "non",
            "motifs": ["travail"],
            "creneaux": ["tot"],
        },
        propose={
            "ligne-covoiturage-gignac-clermont": [
                "s'arrête à Gignac",
                "va à Clermont-l'Hérault",
                "pas besoin du permis B",
                "gratuit",
            ],
            "cars-regionaux-herault": ["circule avant 7 h"],
            "pret-scooter-coeur-herault": ["pour aller au travail", "pas besoin du permis B"],
            "auto-ecole-sociale-coeur-herault": ["pour passer le permis"],
            "aide-deplacements-emploi": ["pour les demandeurs d'emploi", "pour aller au travail"],
        },
        check={
            "ligne-covoiturage-gignac-clermont": ["horaires avant 7 h : à vérifier"],
            "pret-scooter-coeur-herault": ["sur orientation d'un professionnel"],
            "auto-ecole-sociale-coeur-herault": [
                "informations de 2017 : à confirmer auprès de l'opérateur"
            ],
        },
        reject={
            "pret-voiture-coeur-herault": ["nécessite le permis B"],
            "leasing-voiture-electrique": ["nécessite le permis B"],
            "aide-permis-demandeurs-emploi": [
                "nécessite 6 mois d'inscription à France Travail (4 aujourd'hui)"
            ],
            "tad-vallee-herault": ["ne va pas à Clermont-l'Hérault"],
        },
        first={"vehicule": "pret-scooter-coeur-herault"},
    ),
    Case(
        "wheelchair user in Bédarieux, disability allowance",
        {
            "commune": "Bédarieux",
            "age": 45,
            "statuts": ["beneficiaire-aah", "carte-mobilite-inclusion"],
            "voiture": "non",
            "contraintes": ["fauteuil-roulant"],
        },
        propose={
            "transport-pmr-prive-herault": [
                "transport adapté aux personnes à mobilité réduite",
                "accessible en fauteuil roulant",
                "porte à porte",
            ],
            "transport-accompagne-herault": ["pour les personnes en situation de handicap"],
            "tarif-solidaire-region": ["pour les bénéficiaires de l'AAH"],
        },
        check={
            "ligne-car-bedarieux-saint-pons": ["accès en fauteuil roulant : à vérifier"],
            "transport-accompagne-herault": ["informations à confirmer auprès de l'opérateur"],
        },
        reject={"voie-verte-haut-languedoc": ["nécessite de savoir faire du vélo"]},
        first={"se-deplacer": "transport-pmr-prive-herault"},
        shortlist=["transport-pmr-prive-herault"],
        before=[("transport-accompagne-herault", "ligne-car-bedarieux-saint-pons")],
    ),
    Case(
        "RSA recipient in Saint-Pons-de-Thomières whose car broke down",
        {
            "commune": "Saint-Pons-de-Thomières",
            "age": 38,
            "statuts": ["beneficiaire-rsa"],
            "voiture": "en-panne",
            "motifs": ["travail"],
        },
        propose={
            "garage-solidaire-haut-languedoc": [
                "disponible dans tout le Pays Haut Languedoc et Vignobles",
                "pour faire réparer sa voiture",
            ],
            "microcredit-vehicule-herault": ["pour faire réparer sa voiture"],
            "aide-reprise-emploi-rsa": ["pour les bénéficiaires du RSA", "pour aller au travail"],
            "tarif-solidaire-region": ["pour les bénéficiaires du RSA"],
        },
        check={
            "garage-solidaire-haut-languedoc": ["plafond de ressources : à vérifier"],
            "aide-reprise-emploi-rsa": ["sur orientation d'un professionnel"],
        },
        reject={"aide-deplacements-emploi": ["réservé aux demandeurs d'emploi"]},
        absent=["garage-solidaire-coeur-herault"],
        before=[
            ("garage-solidaire-haut-languedoc", "leasing-voiture-electrique"),
            ("microcredit-vehicule-herault", "leasing-voiture-electrique"),
        ],
    ),
    Case(
        "student in Montpellier who comes home after 9 pm",
        {
            "commune": "Montpellier",
            "age": 20,
            "statuts": ["etudiant"],
            "voiture": "non",
            "creneaux": ["tard"],
        },
        propose={
            "tram-bus-gratuit-metropole": [
                "s'arrête à Montpellier",
                "circule après 21 h",
                "gratuit",
            ],
            "transports-jeunes-region": ["pour les 12 à 26 ans"],
        },
        check={"tad-reservation-metropole": ["horaires : ne circule pas après 21 h"]},
        before=[("tram-bus-gratuit-metropole", "tad-reservation-metropole")],
        first={"se-deplacer": "tram-bus-gratuit-metropole"},
    ),
    Case(
        "82-year-old in Lodève who needs to be accompanied, no smartphone",
        {
            "commune": "Lodève",
            "age": 82,
            "statuts": ["retraite"],
            "voiture": "non",
            "smartphone": "non",
            "contraintes": ["besoin-accompagnement"],
            "motifs": ["courses"],
        },
        propose={
            "transport-solidaire-lodeve": [
                "disponible à Lodève",
                "pour les séniors",
                "porte à porte",
                "avec accompagnement",
                "se demande par téléphone",
            ],
        },
        check={"cars-regionaux-herault": ["pas d'accompagnement prévu"]},
        reject={"autostop-organise-herault": ["nécessite de pouvoir se déplacer seul"]},
        first={"se-deplacer": "transport-solidaire-lodeve"},
    ),
    Case(
        "job seeker for 9 months in Montpellier, no licence",
        {
            "commune": "34172",
            "age": 30,
            "statuts": ["demandeur-emploi"],
            "demandeur_emploi_depuis_mois": 9,
            "permis": "non",
        },
        propose={
            "aide-permis-demandeurs-emploi": [
                "inscrit à France Travail depuis au moins 6 mois",
                "pour les demandeurs d'emploi",
                "pour passer le permis",
            ],
        },
        reject={"location-voiture-metropole": ["nécessite le permis B"]},
        first={"permis": "aide-permis-demandeurs-emploi"},
    ),
    Case(
        "job seeker in Jacou who does not know since when",
        {"commune": "Jacou", "age": 40, "statuts": ["demandeur-emploi"]},
        propose={"aide-permis-demandeurs-emploi": ["pour les demandeurs d'emploi"]},
        check={
            "aide-permis-demandeurs-emploi": [
                "6 mois d'inscription à France Travail : à vérifier",
                "autres conditions : voir la fiche",
            ]
        },
    ),
    Case(
        "only the commune is known: everything stays, with what to check",
        {"commune": "Lodève (34700)"},
        propose={"transport-solidaire-lodeve": ["disponible à Lodève"]},
        check={
            "tarif-solidaire-region": [
                "réservé aux demandeurs d'emploi, aux bénéficiaires du RSA, aux bénéficiaires "
                "de l'ASPA ou aux bénéficiaires de l'AAH : à vérifier",
                "plafond de ressources : à vérifier",
            ],
            "pret-permis-jeunes": ["âge (réservé aux 15 à 25 ans) : à vérifier"],
            "transport-solidaire-lodeve": ["pour les séniors : à vérifier"],
            "aide-permis-demandeurs-emploi": ["6 mois d'inscription à France Travail : à vérifier"],
        },
    ),
    Case(
        "18-year-old apprentice in Clermont-l'Hérault preparing the licence",
        {
            "commune": "Clermont-l'Hérault",
            "age": 18,
            "statuts": ["apprenti"],
            "permis": "non",
        },
        propose={
            "aide-permis-apprentis": ["pour les apprentis", "gratuit"],
            "pret-permis-jeunes": ["pour les 15 à 25 ans"],
            "navette-sante-clermont": ["s'arrête à Clermont-l'Hérault", "gratuit"],
        },
        check={"navette-sante-clermont": ["seulement pour les rendez-vous de santé"]},
        reject={"aide-permis-demandeurs-emploi": ["réservé aux demandeurs d'emploi"]},
    ),
    Case(
        "Clermont-l'Hérault resident going to work: the health shuttle does not fit",
        {"commune": "Clermont-l'Hérault", "age": 40, "motifs": ["travail"]},
        reject={"navette-sante-clermont": ["seulement pour les rendez-vous de santé"]},
    ),
    Case(
        "dialysis in Béziers three times a week from Bédarieux",
        {
            "commune": "Bédarieux",
            "destinations": ["Béziers"],
            "age": 70,
            "statuts": ["retraite"],
            "voiture": "non",
            "motifs": ["sante"],
            "besoin": "dialyse à Béziers trois fois par semaine",
        },
        propose={
            "transport-benevole-grand-orb": [
                "va à Béziers",
                "pour les rendez-vous de santé",
                "porte à porte",
            ],
            "transport-pmr-prive-herault": ["va à Béziers", "pour les séniors"],
        },
        check={"transport-benevole-grand-orb": ["informations à confirmer auprès de l'opérateur"]},
        reject={"ligne-car-bedarieux-saint-pons": ["pas d'arrêt connu à Béziers"]},
    ),
    Case(
        "weekend worker in Gignac",
        {
            "commune": "Gignac",
            "age": 35,
            "statuts": ["salarie"],
            "voiture": "non",
            "motifs": ["travail"],
            "creneaux": ["week-end"],
        },
        propose={"cars-regionaux-herault": ["circule le week-end"]},
        check={"tad-vallee-herault": ["horaires : ne circule pas le week-end"]},
        before=[("cars-regionaux-herault", "tad-vallee-herault")],
    ),
    Case(
        "13-year-old pupil in Lodève",
        {"commune": "Lodève", "age": 13, "statuts": ["scolaire"]},
        propose={"transports-jeunes-region": ["pour les 12 à 26 ans"]},
        check={"transports-jeunes-region": ["smartphone nécessaire : à vérifier"]},
        reject={"leasing-voiture-electrique": ["réservé aux 18 ans et plus"]},
        absent=["aide-permis-apprentis"],  # two reasons: not a near miss
    ),
    Case(
        "Montpellier resident who cannot ride a bike",
        {"commune": "Montpellier", "age": 50, "contraintes": ["ne-sait-pas-faire-du-velo"]},
        propose={
            "remise-en-selle-metropole": ["avec accompagnement", "pour apprendre à faire du vélo"]
        },
        reject={"velos-libre-service-metropole": ["nécessite de savoir faire du vélo"]},
    ),
    Case(
        "Montpellier resident without a bank card",
        {"commune": "Castelnau-le-Lez", "age": 45, "contraintes": ["sans-carte-bancaire"]},
        reject={"velos-libre-service-metropole": ["nécessite une carte bancaire"]},
    ),
    Case(
        "Aniane resident without internet",
        {"commune": "Aniane", "contraintes": ["sans-internet"]},
        propose={"tad-vallee-herault": ["porte à porte", "se demande par téléphone"]},
        reject={
            "plateforme-covoiturage-coeur-herault": ["nécessite un accès à internet"],
            "transports-jeunes-region": ["nécessite un smartphone"],
        },
    ),
    Case(
        "a carpool bonus that has ended",
        {"commune": "Montpellier", "age": 40, "statuts": ["salarie"]},
        reject={"prime-covoiturage-conducteurs": ["dispositif terminé le 30 juin 2027"]},
        today=date(2027, 7, 15),
    ),
    Case(
        "a carpool bonus about to end",
        {"commune": "Montpellier", "age": 40, "statuts": ["salarie"]},
        propose={"prime-covoiturage-conducteurs": ["gratuit"]},
        check={
            "prime-covoiturage-conducteurs": [
                "se termine le 30 juin 2027",
                "permis B nécessaire : à vérifier",
                "smartphone nécessaire : à vérifier",
            ]
        },
        today=date(2027, 5, 1),
    ),
    Case(
        "Lodève resident with no trip to the Métropole: its local offer is not listed",
        {"commune": "Lodève", "age": 30},
        absent=[
            "tram-bus-gratuit-metropole",
            "velos-libre-service-metropole",
            "location-voiture-metropole",
            "garage-solidaire-haut-languedoc",
        ],
        propose={"permanence-mobilite-coeur-herault": ["gratuit"]},
    ),
    Case(
        "Gignac resident: the rest of the Pays Cœur d'Hérault is explained",
        {"commune": "Gignac", "age": 50},
        reject={"navette-sante-clermont": ["hors zone : Clermont-l'Hérault uniquement"]},
        absent=["ligne-car-bedarieux-saint-pons"],
    ),
    Case(
        "wheelchair user in Montpellier with a mobility inclusion card",
        {
            "commune": "Montpellier",
            "age": 35,
            "statuts": ["beneficiaire-aah", "carte-mobilite-inclusion"],
            "contraintes": ["fauteuil-roulant"],
        },
        propose={
            "transport-adapte-metropole": [
                "pour les titulaires d'une carte mobilité inclusion",
                "accessible en fauteuil roulant",
            ]
        },
        # cycling lessons are no answer to a wheelchair
        reject={"remise-en-selle-metropole": ["vélo non adapté au fauteuil roulant"]},
        first={"se-deplacer": "transport-adapte-metropole"},
        shortlist=["transport-adapte-metropole"],
    ),
    Case(
        "disability allowance without the card: the Métropole's adapted transport is explained",
        {"commune": "Montpellier", "age": 35, "statuts": ["beneficiaire-aah"]},
        reject={
            "transport-adapte-metropole": ["réservé aux titulaires d'une carte mobilité inclusion"]
        },
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case) -> None:
    check_case(case)


def test_there_are_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20
