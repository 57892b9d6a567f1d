"""The desk situation suite: people as advisors meet them, and what an advisor must read.

Each case was run on the frozen copy of the real catalogue (tests/fixtures/desk-catalogue) and
read as a careful advisor would before its expectations were written: what « L'essentiel »
must and must not hold, what must be proposed with which reasons, what must be set aside and
why. The same situations run on the live catalogue (data/solutions), where only what must
always hold is checked (tests/test_desk_catalogue_invariants.py).
"""

from __future__ import annotations

from .matching_support import Case

METROPOLE = "disponible dans toute la métropole (Montpellier Méditerranée Métropole)"
COEUR = "disponible dans tout le Pays Cœur d'Hérault"
HLV = "disponible dans tout le Pays Haut Languedoc et Vignobles"
TO_CONFIRM = "informations à confirmer auprès de l'opérateur"
ON_REFERRAL = "sur orientation d'un professionnel"
GRAND_ORB = "disponible dans toute la CC Grand Orb Communauté de Communes en Languedoc"
ADAPTED = "transport adapté aux personnes à mobilité réduite"
REDUCED_MOBILITY = "réservé aux personnes à mobilité réduite"
SOLIDARIO_OUT = (
    "réservé aux demandeurs d'emploi, aux bénéficiaires du RSA, aux bénéficiaires de l'ASPA, "
    "aux bénéficiaires de l'AAH ou aux demandeurs d'asile et réfugiés"
)
MINIMA_JOBSEEKERS_YOUNG = (
    "s'adresse aux bénéficiaires des minima sociaux, aux demandeurs d'emploi ou aux jeunes"
)

# --- Pays Cœur d'Hérault ----------------------------------------------------------------------
COEUR_CASES = [
    Case(
        "Mme Martin, 68, retired in Lodève, no car, no licence, health care in Clermont",
        {
            "commune": "Lodève",
            "destinations": ["Clermont"],  # the only Clermont of the Hérault
            "age": 68,
            "statuts": ["retraite"],
            "permis": "non",
            "voiture": "non",
            "motifs": ["sante"],
        },
        propose={
            "cars-lio-montpellier-gignac-clermont-lodeve": [
                "s'arrête à Lodève",
                "va à Clermont-l'Hérault",
            ],
            "transports-pmr-34": ["va à Clermont-l'Hérault", "pour les séniors"],
        },
        check={
            "transports-pmr-34": ["pour les personnes à mobilité réduite : à vérifier"],
            "gihp-saam-transport-accompagne-herault": [
                "pour les personnes en situation de handicap : à vérifier"
            ],
        },
        reject={
            "pass-scolaire-lio-herault-monomodal": ["réservé aux collégiens et lycéens"],
            "abeille-verte-deux-chevaux-lodeve": ["ne va pas à Clermont-l'Hérault"],
            "solidario-tarif-solidaire-lio": [SOLIDARIO_OUT],
        },
        not_proposed=["eco-cheque-mobilite-vehicule-electrique-occasion"],  # needs a licence
        shortlist=["cars-lio-montpellier-gignac-clermont-lodeve"],
        not_shortlisted=[
            "transports-pmr-34",  # a private disability transport is not her first answer
            "bonus-velo-adapte-pmr-region",
            "gihp-saam-transport-accompagne-herault",
            "cles-de-route-auto-ecole-lodeve",
            "trains-lio-occitanie",  # Lodève has no station
            # they do not take her to Clermont: a car park for car-poolers, a week's e-bike
            "aires-covoiturage-departement-herault",
            "tous-a-velo-pret-velo-electrique-departement",
        ],
        absent=["trains-lio-occitanie"],
    ),
    Case(
        "Mme Martin again, who said she has no disability",
        {
            "commune": "Lodève",
            "destinations": ["Clermont-l'Hérault"],
            "age": 68,
            "statuts": ["retraite"],
            "handicap": "non",
            "permis": "non",
            "voiture": "non",
            "motifs": ["sante"],
        },
        reject={"transports-pmr-34": [REDUCED_MOBILITY]},
        not_proposed=["bonus-velo-adapte-pmr-region", "gihp-saam-transport-accompagne-herault"],
        # reimbursed medical transport is for everyone on prescription: not a disability service
        propose={
            "transport-medical-taxi-conventionne-assurance-maladie": [
                "pour les rendez-vous de santé",
                "porte à porte",
            ]
        },
        shortlist=["cars-lio-montpellier-gignac-clermont-lodeve"],
    ),
    Case(
        "a 22-year-old job seeker in Gignac, no licence, first shift at 6 in Clermont",
        {
            "commune": "Gignac",
            "destinations": ["Clermont-l'Hérault"],
            "age": 22,
            "demandeur_emploi": "oui",
            "demandeur_emploi_depuis_mois": 4,
            "permis": "non",
            "voiture": "non",
            "motifs": ["travail"],
            "creneaux": ["tot"],
        },
        propose={
            "cars-lio-montpellier-gignac-clermont-lodeve": [
                "s'arrête à Gignac",
                "va à Clermont-l'Hérault",
            ],
            "bougeons-coeur-herault-pret-scooter": [
                "pour les demandeurs d'emploi et les jeunes",
                "pour aller au travail",
                "pour avoir un véhicule",
            ],
            "aide-mobilite-france-travail": ["pour les demandeurs d'emploi"],
            "permis-a-un-euro-par-jour": ["pour les 15 à 25 ans", "pour passer le permis"],
        },
        check={
            "cars-lio-montpellier-gignac-clermont-lodeve": ["horaires avant 7 h : à vérifier"],
            "picholines-ligne-covoiturage-spontane-gignac-clermont": [
                "trajet jusqu'à Clermont-l'Hérault : à vérifier"
            ],
        },
        reject={
            "aide-permis-france-travail": [
                "nécessite 6 mois d'inscription à France Travail (4 aujourd'hui)"
            ],
            "bougeons-coeur-herault-pret-voiture": ["nécessite le permis B"],
            "tadam-transport-a-la-demande-vallee-herault": ["ne va pas à Clermont-l'Hérault"],
        },
        shortlist=["cars-lio-montpellier-gignac-clermont-lodeve"],
    ),
    Case(
        "a refugee registered at France Travail in Lodève, no licence, no car",
        {
            "commune": "Lodève",
            "age": 31,
            "statuts": ["demandeur-asile-refugie"],
            "demandeur_emploi": "oui",
            "permis": "non",
            "voiture": "non",
            "motifs": ["travail", "formation"],
        },
        propose={
            "solidario-tarif-solidaire-lio": [
                "pour les demandeurs d'emploi et les demandeurs d'asile et réfugiés"
            ],
            "bougeons-coeur-herault-preparation-permis": ["pour passer le permis"],
        },
        check={"solidario-tarif-solidaire-lio": ["plafond de ressources : à vérifier"]},
        shortlist=[
            "cars-lio-montpellier-gignac-clermont-lodeve",
            "bougeons-coeur-herault-preparation-permis",  # no licence: the licence is a need
            "bougeons-coeur-herault-pret-scooter",  # no car: a vehicle is a need
        ],
    ),
    Case(
        "a 77-year-old in Gignac who cannot travel alone",
        {
            "commune": "Gignac",
            "age": 77,
            "statuts": ["retraite"],
            "contraintes": ["besoin-accompagnement"],
            "voiture": "non",
        },
        propose={
            "sortir-plus-agirc-arrco-sorties-accompagnees": [
                "pour les 75 ans et plus",
                "pour les retraités",
                "porte à porte",
                "avec accompagnement",
            ],
            "transports-pmr-34": [ADAPTED],  # needing company is a reduced mobility
        },
        check={"transports-pmr-34": ["pas d'accompagnement prévu"]},
        shortlist=["sortir-plus-agirc-arrco-sorties-accompagnees"],
        not_shortlisted=["rezo-pouce-autostop-organise-herault"],
        first={"se-deplacer": "sortir-plus-agirc-arrco-sorties-accompagnees"},
    ),
    Case(
        "an 80-year-old in Lodève who needs company for her shopping",
        {
            "commune": "Lodève",
            "age": 80,
            "statuts": ["retraite"],
            "contraintes": ["besoin-accompagnement"],
            "voiture": "non",
            "motifs": ["courses"],
        },
        propose={
            "abeille-verte-deux-chevaux-lodeve": [
                "disponible à Lodève",
                "pour les séniors",
                "porte à porte",
                "avec accompagnement",
            ],
        },
        shortlist=[
            "abeille-verte-deux-chevaux-lodeve",
            "sortir-plus-agirc-arrco-sorties-accompagnees",
        ],
        first={"se-deplacer": "abeille-verte-deux-chevaux-lodeve"},
    ),
    Case(
        "a salaried worker in Clermont-l'Hérault whose car broke down",
        {
            "commune": "Clermont-l'Hérault",
            "age": 44,
            "statuts": ["salarie"],
            "permis": "oui",
            "voiture": "en-panne",
            "motifs": ["travail"],
        },
        propose={
            "garage-solidaire-passerelles-coeur-herault": [COEUR, "pour faire réparer sa voiture"]
        },
        reject={"cpf-mon-compte-formation-permis": ["la personne a déjà le permis B"]},
        shortlist=["garage-solidaire-passerelles-coeur-herault"],
        first={"vehicule": "garage-solidaire-passerelles-coeur-herault"},
    ),
    Case(
        "an early worker in Gignac with a broken car and a job in Montpellier",
        {
            "commune": "Gignac",
            "destinations": ["Montpellier"],
            "age": 33,
            "statuts": ["salarie"],
            "permis": "oui",
            "voiture": "en-panne",
            "motifs": ["travail"],
            "creneaux": ["tot"],
        },
        propose={
            "pole-echanges-multimodal-gignac": ["s'arrête à Gignac", "va à Montpellier"],
            "blablacar-daily-covoiturage-metropole": ["va à Montpellier"],
        },
        check={"pole-echanges-multimodal-gignac": ["horaires avant 7 h : à vérifier"]},
        reject={
            "tam-pass-gratuite-habitants-metropole": [
                "hors zone : Montpellier Méditerranée Métropole uniquement"
            ],
            "tadam-transport-a-la-demande-vallee-herault": ["ne va pas à Montpellier"],
        },
        # the garage first, then a way to work tomorrow
        shortlist=["garage-solidaire-passerelles-coeur-herault", "pole-echanges-multimodal-gignac"],
    ),
    Case(
        "a 20-year-old followed by the Mission locale in Clermont, no smartphone",
        {
            "commune": "Clermont-l'Hérault",
            "age": 20,
            "statuts": ["jeune-mission-locale"],
            "smartphone": "non",
            "voiture": "non",
        },
        propose={"bougeons-coeur-herault-pret-scooter": ["pour les jeunes"]},
        reject={
            "plus-egal-zero-lio-12-26-ans": ["nécessite un smartphone"],
            "karos-covoiturage-application-region": ["nécessite un smartphone"],
        },
        shortlist=["cars-lio-montpellier-gignac-clermont-lodeve"],
        not_shortlisted=["plus-egal-zero-lio-12-26-ans"],
    ),
    Case(
        "a job seeker registered for 8 months in Gignac, no licence",
        {
            "commune": "Gignac",
            "age": 45,
            "demandeur_emploi": "oui",
            "demandeur_emploi_depuis_mois": 8,
            "permis": "non",
        },
        propose={
            "aide-permis-france-travail": [
                "pour les demandeurs d'emploi",
                "inscrit à France Travail depuis au moins 6 mois",
                "pour passer le permis",
            ]
        },
        reject={"permis-a-un-euro-par-jour": ["réservé aux 15 à 25 ans"]},
        shortlist=["aide-permis-france-travail"],
        first={"permis": "aide-permis-france-travail"},
    ),
    Case(
        "a job seeker in Lodève, licence but no car, interview in Montpellier",
        {
            "commune": "Lodève",
            "destinations": ["Montpellier"],
            "age": 30,
            "demandeur_emploi": "oui",
            "permis": "oui",
            "voiture": "non",
            "motifs": ["travail"],
        },
        propose={
            "cars-lio-montpellier-gignac-clermont-lodeve": ["va à Montpellier"],
            "aide-mobilite-france-travail": ["pour aller au travail"],
            "bons-sncf-france-travail-entretien-embauche": ["pour les demandeurs d'emploi"],
            "tam-tramway-bus-non-habitants-metropole": ["pour circuler à Montpellier"],
        },
        reject={
            "tam-pass-gratuite-habitants-metropole": [
                "hors zone : Montpellier Méditerranée Métropole uniquement"
            ],
            "aide-permis-france-travail": ["la personne a déjà le permis B"],
        },
        # the TaM is for getting around once in Montpellier, not from Lodève
        check={"tam-tramway-bus-non-habitants-metropole": [TO_CONFIRM]},
        shortlist=[
            "cars-lio-montpellier-gignac-clermont-lodeve",
            "aide-mobilite-france-travail",
        ],
        not_shortlisted=["tam-tramway-bus-non-habitants-metropole"],
    ),
    Case(
        "a 66-year-old in Saint-André-de-Sangonis shopping in Gignac, no smartphone",
        {
            "commune": "Saint-André-de-Sangonis",
            "destinations": ["Gignac"],
            "age": 66,
            "statuts": ["retraite"],
            "voiture": "non",
            "smartphone": "non",
            "motifs": ["courses"],
        },
        propose={
            "tadam-transport-a-la-demande-vallee-herault": [
                "s'arrête à Saint-André-de-Sangonis",
                "va à Gignac",
                "porte à porte",
            ],
        },
        reject={"covoiturage-avec-lio-aide-region": ["nécessite un smartphone"]},
        shortlist=[
            "tadam-transport-a-la-demande-vallee-herault",
            "cars-lio-montpellier-gignac-clermont-lodeve",
        ],
    ),
    Case(
        "a salaried worker in Aniane who must reach Gignac at the weekend",
        {
            "commune": "Aniane",
            "destinations": ["Gignac"],
            "age": 40,
            "statuts": ["salarie"],
            "voiture": "non",
            "motifs": ["travail"],
            "creneaux": ["week-end"],
        },
        propose={"tadam-transport-a-la-demande-vallee-herault": ["va à Gignac", "porte à porte"]},
        check={
            "tadam-transport-a-la-demande-vallee-herault": ["horaires le week-end : à vérifier"]
        },
        reject={"bougeons-coeur-herault-pret-scooter": [MINIMA_JOBSEEKERS_YOUNG]},
        shortlist=["tadam-transport-a-la-demande-vallee-herault"],
    ),
    Case(
        "a person without internet in Aniane going to Gignac",
        {
            "commune": "Aniane",
            "destinations": ["Gignac"],
            "age": 60,
            "contraintes": ["sans-internet"],
            "voiture": "non",
        },
        reject={"picholines-covoiturage-coeur-herault": ["nécessite un accès à internet"]},
        not_proposed=["plus-egal-zero-lio-12-26-ans", "mobicoop-covoiturage-sans-commission"],
        shortlist=["tadam-transport-a-la-demande-vallee-herault"],
    ),
    Case(
        "a walker in Saint-Jean-de-Fos going to Saint-Guilhem-le-Désert",
        {
            "commune": "Saint-Jean-de-Fos",
            "destinations": ["Saint-Guilhem-le-Désert"],
            "age": 35,
            "voiture": "non",
            "motifs": ["loisirs"],
        },
        propose={
            "navettes-grand-site-saint-guilhem-pont-du-diable": [
                "s'arrête à Saint-Jean-de-Fos",
                "va à Saint-Guilhem-le-Désert",
                "pour les loisirs",
                "gratuit",
            ]
        },
        shortlist=["navettes-grand-site-saint-guilhem-pont-du-diable"],
    ),
    Case(
        "a resident of Le Caylar, on the Larzac, going to Lodève for paperwork",
        {
            "commune": "Le Caylar",
            "destinations": ["Lodève"],
            "age": 58,
            "voiture": "non",
            "motifs": ["demarches"],
        },
        # no coach stop known on the Larzac: said, and nothing pretends otherwise
        reject={"cars-lio-herault": ["pas d'arrêt connu au Caylar"]},
        check={"rezo-pouce-autostop-organise-herault": ["trajet jusqu'à Lodève : à vérifier"]},
        not_shortlisted=["cars-lio-herault", "cars-lio-montpellier-gignac-clermont-lodeve"],
    ),
    Case(
        "an RSA recipient in Lodève who came about paying for her trips",
        {
            "commune": "Lodève",
            "age": 42,
            "statuts": ["beneficiaire-rsa"],
            "demandeur_emploi": "non",
            "voiture": "non",
            "besoin_principal": "payer",
        },
        propose={
            "solidario-tarif-solidaire-lio": ["pour les bénéficiaires du RSA"],
            "afie-departement-herault-rsa": ["pour les bénéficiaires du RSA"],
        },
        reject={
            "aide-mobilite-france-travail": ["réservé aux demandeurs d'emploi"],
            "bons-sncf-france-travail-entretien-embauche": ["réservé aux demandeurs d'emploi"],
        },
        shortlist=["solidario-tarif-solidaire-lio", "afie-departement-herault-rsa"],
    ),
    Case(
        "a 17-year-old pupil in Lodève without a licence",
        {"commune": "Lodève", "age": 17, "statuts": ["scolaire"], "permis": "non"},
        propose={
            "pass-scolaire-lio-herault-monomodal": ["pour les collégiens et lycéens", "gratuit"],
            "permis-a-un-euro-par-jour": ["pour les 15 à 25 ans"],
        },
        reject={
            "abeille-verte-deux-chevaux-lodeve": ["s'adresse aux séniors"],
            "aide-mobilite-france-travail": ["réservé aux demandeurs d'emploi"],
        },
        shortlist=["pass-scolaire-lio-herault-monomodal"],
    ),
    Case(
        "a retired person in Soubès going to a Montpellier hospital",
        {
            "commune": "Soubès",
            "destinations": ["Montpellier"],
            "age": 68,
            "statuts": ["retraite"],
            "voiture": "non",
            "motifs": ["sante"],
        },
        propose={
            # used once in Montpellier: true only with a destination there
            "tam-tramway-bus-non-habitants-metropole": ["pour circuler à Montpellier"],
            "transports-pmr-34": ["va à Montpellier", "pour les séniors"],
        },
        reject={
            "cars-lio-herault": ["pas d'arrêt connu à Soubès"],
            "tam-pass-gratuite-habitants-metropole": [
                "hors zone : Montpellier Méditerranée Métropole uniquement"
            ],
        },
        not_shortlisted=["transports-pmr-34"],
    ),
]

# --- Pays Haut Languedoc et Vignobles ---------------------------------------------------------
HLV_CASES = [
    Case(
        "a resident of Bédarieux, nothing else said: nothing false about the Métropole",
        {"commune": "Bédarieux"},
        propose={
            "trains-lio-ligne-des-causses-beziers-bedarieux": ["s'arrête à Bédarieux"],
            "lio-ligne-682-bedarieux-saint-pons-velo": ["s'arrête à Bédarieux"],
            # a trip defined by where it goes, which also goes where the person lives
            "voie-verte-passa-pais": [
                "disponible dans toute la CC Grand Orb Communauté de Communes en Languedoc"
            ],
        },
        check={
            # for trips to the Métropole only: said, never « disponible » in the Pays
            "blablacar-daily-covoiturage-metropole": [
                "seulement vers Montpellier Méditerranée Métropole"
            ],
            "pass-scolaire-lio-herault-monomodal": [
                "réservé aux collégiens et lycéens : à vérifier"
            ],
        },
        reject={"tam-tramway-bus-non-habitants-metropole": ["pas d'arrêt connu à Bédarieux"]},
        not_shortlisted=[
            "blablacar-daily-covoiturage-metropole",
            "pass-scolaire-lio-herault-monomodal",
        ],
    ),
    Case(
        "a 22-year-old job seeker in Bédarieux, no licence, no car",
        {
            "commune": "Bédarieux",
            "age": 22,
            "demandeur_emploi": "oui",
            "demandeur_emploi_depuis_mois": 5,
            "permis": "non",
            "voiture": "non",
            "motifs": ["travail"],
        },
        propose={
            "aide-mobilite-france-travail": ["pour les demandeurs d'emploi"],
            "solidario-tarif-solidaire-lio": ["pour les demandeurs d'emploi"],
            "permis-a-un-euro-par-jour": ["pour les 15 à 25 ans", "pour passer le permis"],
            "cpf-mon-compte-formation-permis": ["pour les demandeurs d'emploi"],
        },
        reject={
            "aide-permis-france-travail": [
                "nécessite 6 mois d'inscription à France Travail (5 aujourd'hui)"
            ],
            "tam-tramway-bus-non-habitants-metropole": ["pas d'arrêt connu à Bédarieux"],
        },
        shortlist=["aide-mobilite-france-travail", "permis-a-un-euro-par-jour"],
        not_shortlisted=["blablacar-daily-covoiturage-metropole"],
    ),
    Case(
        "a resident of Saint-Pons-de-Thomières without a car",
        {"commune": "Saint-Pons-de-Thomières", "voiture": "non"},
        propose={
            "car-lio-685-montpellier-saint-pons-de-thomieres": [
                "s'arrête à Saint-Pons-de-Thomières"
            ],
            "lio-ligne-682-bedarieux-saint-pons-velo": ["s'arrête à Saint-Pons-de-Thomières"],
        },
        reject={
            "trains-lio-occitanie": ["pas d'arrêt connu à Saint-Pons-de-Thomières"],
            "prime-covoiturage-100-euros-nouveaux-conducteurs": ["nécessite un véhicule"],
        },
        shortlist=["car-lio-685-montpellier-saint-pons-de-thomieres"],
    ),
    Case(
        "a wheelchair user in Bédarieux on the disability allowance",
        {
            "commune": "Bédarieux",
            "age": 45,
            "statuts": ["beneficiaire-aah"],
            "contraintes": ["fauteuil-roulant"],
            "voiture": "non",
        },
        propose={
            "transports-pmr-34": [
                "pour les personnes en situation de handicap",
                ADAPTED,
                "accessible en fauteuil roulant",
            ],
            "solidario-tarif-solidaire-lio": ["pour les bénéficiaires de l'AAH"],
        },
        check={
            "gihp-saam-transport-accompagne-herault": ["accès en fauteuil roulant : à vérifier"]
        },
        reject={"voie-verte-passa-pais": ["nécessite de savoir faire du vélo"]},
        shortlist=["transports-pmr-34", "solidario-tarif-solidaire-lio"],
        first={"se-deplacer": "transports-pmr-34"},
    ),
    Case(
        "an RSA recipient in Saint-Pons whose car broke down, to get to work",
        {
            "commune": "Saint-Pons-de-Thomières",
            "age": 38,
            "statuts": ["beneficiaire-rsa"],
            "permis": "oui",
            "voiture": "en-panne",
            "motifs": ["travail"],
        },
        propose={
            "afie-departement-herault-rsa": [
                "pour les bénéficiaires du RSA",
                "pour aller au travail",
            ]
        },
        check={"afie-departement-herault-rsa": [ON_REFERRAL]},
        # no garage of the Cœur d'Hérault for the Pays Haut Languedoc
        absent=[
            "garage-solidaire-passerelles-coeur-herault",
            "bougeons-coeur-herault-pret-voiture",
        ],
        shortlist=[
            "afie-departement-herault-rsa",
            "car-lio-685-montpellier-saint-pons-de-thomieres",  # a bus while the car is off
        ],
    ),
    Case(
        "an RSA recipient in Bédarieux with a broken car",
        {
            "commune": "Bédarieux",
            "age": 36,
            "statuts": ["beneficiaire-rsa"],
            "permis": "oui",
            "voiture": "en-panne",
        },
        propose={"solidario-tarif-solidaire-lio": ["pour les bénéficiaires du RSA"]},
        shortlist=["afie-departement-herault-rsa", "solidario-tarif-solidaire-lio"],
    ),
    Case(
        "a 72-year-old on the minimum pension in Olonzac, no car, no smartphone",
        {
            "commune": "Olonzac",
            "age": 72,
            "statuts": ["retraite", "beneficiaire-aspa"],
            "voiture": "non",
            "smartphone": "non",
            "motifs": ["courses"],
        },
        propose={"solidario-tarif-solidaire-lio": ["pour les bénéficiaires de l'ASPA"]},
        not_proposed=["karos-covoiturage-application-region", "covoiturage-avec-lio-aide-region"],
        shortlist=["solidario-tarif-solidaire-lio"],
        absent=["tadam-transport-a-la-demande-vallee-herault", "abeille-verte-deux-chevaux-lodeve"],
    ),
    Case(
        "a 14-year-old pupil in Bédarieux going to school in Béziers",
        {"commune": "Bédarieux", "destinations": ["Béziers"], "age": 14, "statuts": ["scolaire"]},
        propose={
            "trains-lio-ligne-des-causses-beziers-bedarieux": [
                "s'arrête à Bédarieux",
                "va à Béziers",
            ],
            "pass-scolaire-lio-herault-monomodal": ["pour les collégiens et lycéens"],
        },
        reject={
            "lio-ligne-682-bedarieux-saint-pons-velo": ["pas d'arrêt connu à Béziers"],
        },
        shortlist=[
            "trains-lio-ligne-des-causses-beziers-bedarieux",
            "pass-scolaire-lio-herault-monomodal",
        ],
    ),
    Case(
        "a 76-year-old in Bédarieux who needs company to her dialysis in Béziers",
        {
            "commune": "Bédarieux",
            "destinations": ["Béziers"],
            "age": 76,
            "statuts": ["retraite"],
            "contraintes": ["besoin-accompagnement"],
            "voiture": "non",
            "motifs": ["sante"],
        },
        propose={
            "transport-medical-taxi-conventionne-assurance-maladie": [
                "va à Béziers",
                "pour les rendez-vous de santé",
                "porte à porte",
            ],
            "sortir-plus-agirc-arrco-sorties-accompagnees": ["va à Béziers"],
        },
        reject={"voie-verte-passa-pais": ["ne va pas à Béziers"]},
        shortlist=[
            "sortir-plus-agirc-arrco-sorties-accompagnees",
            "transport-medical-taxi-conventionne-assurance-maladie",
        ],
        not_shortlisted=["rezo-pouce-autostop-organise-herault"],
    ),
    Case(
        "a 55-year-old job seeker in Capestang going to Béziers for work",
        {
            "commune": "Capestang",
            "destinations": ["Béziers"],
            "age": 55,
            "demandeur_emploi": "oui",
            "voiture": "non",
            "motifs": ["travail"],
        },
        propose={
            "aide-mobilite-france-travail": ["pour aller au travail"],
            "velociutat-beziers-velo-ecole": ["disponible dans toute la CC Sud-Hérault"],
        },
        check={"aires-covoiturage-departement-herault": ["trajet jusqu'à Béziers : à vérifier"]},
        shortlist=["aide-mobilite-france-travail"],
    ),
    Case(
        "a salaried worker in Hérépian, licence but no car, job in Béziers",
        {
            "commune": "Hérépian",
            "destinations": ["Béziers"],
            "age": 29,
            "statuts": ["salarie"],
            "permis": "oui",
            "voiture": "non",
            "motifs": ["travail"],
        },
        # carpool areas on the road to Béziers: where drivers go is to check, never denied
        propose={"aires-covoiturage-herepian-grand-orb": [GRAND_ORB, "gratuit"]},
        check={"aires-covoiturage-herepian-grand-orb": ["trajet jusqu'à Béziers : à vérifier"]},
        reject={
            "trains-lio-ligne-des-causses-beziers-bedarieux": [
                "hors zone : Béziers, Magalas, Bédarieux et Millau uniquement"
            ]
        },
        shortlist=["aires-covoiturage-herepian-grand-orb"],
    ),
    Case(
        "a resident of Bédarieux going to Millau, outside the Hérault",
        {"commune": "Bédarieux", "destinations": ["Millau"], "age": 40, "voiture": "non"},
        propose={"trains-lio-occitanie": ["s'arrête à Bédarieux", "va à Millau"]},
        shortlist=["trains-lio-occitanie"],
    ),
    Case(
        "a resident of Olonzac without a car: a thin offer, said as it is",
        {"commune": "Olonzac", "voiture": "non"},
        check={
            "solidario-tarif-solidaire-lio": ["plafond de ressources : à vérifier"],
            "pass-scolaire-lio-herault-monomodal": [
                "réservé aux collégiens et lycéens : à vérifier"
            ],
        },
        reject={"prime-covoiturage-100-euros-nouveaux-conducteurs": ["nécessite un véhicule"]},
        absent=[
            "tadam-transport-a-la-demande-vallee-herault",
            "tam-pass-gratuite-habitants-metropole",
        ],
        not_shortlisted=["pass-scolaire-lio-herault-monomodal", "solidario-tarif-solidaire-lio"],
    ),
]

# --- Montpellier Méditerranée Métropole -------------------------------------------------------
METROPOLE_CASES = [
    Case(
        "a wheelchair user in Montpellier with an inclusion card, going to Lattes",
        {
            "commune": "Montpellier",
            "destinations": ["Lattes"],
            "age": 35,
            "statuts": ["beneficiaire-aah", "carte-mobilite-inclusion"],
            "contraintes": ["fauteuil-roulant"],
            "handicap": "oui",
        },
        propose={
            "gihp-transport-adapte-metropole": [
                METROPOLE,
                "va à Lattes",
                "pour les personnes en situation de handicap",
                "accessible en fauteuil roulant",
                "porte à porte",
            ],
            "tam-accompagnateur-gratuit-personne-handicapee": [
                "pour les titulaires d'une carte mobilité inclusion"
            ],
        },
        # no bike, no scooter: none of them carries a wheelchair
        reject={
            "vieux-biclou-remise-en-selle-adultes": ["vélo non adapté au fauteuil roulant"],
            "velomagg-libre-service": ["nécessite de savoir faire du vélo"],
        },
        shortlist=["gihp-transport-adapte-metropole", "solidario-tarif-solidaire-lio"],
        not_shortlisted=["apije-location-deux-roues-petit-prix", "apije-preparation-permis"],
        first={"se-deplacer": "gihp-transport-adapte-metropole"},
    ),
    Case(
        "a 30-year-old RSA recipient in Montpellier who wants the licence",
        {
            "commune": "Montpellier",
            "age": 30,
            "statuts": ["beneficiaire-rsa"],
            "permis": "non",
            "voiture": "non",
        },
        propose={
            "apije-preparation-permis": [
                METROPOLE,
                "pour les bénéficiaires des minima sociaux",
                "pour passer le permis",
            ],
            "tam-pass-gratuite-habitants-metropole": ["s'arrête à Montpellier", "gratuit"],
        },
        check={"apije-preparation-permis": [ON_REFERRAL]},
        reject={
            "aide-permis-france-travail": ["réservé aux demandeurs d'emploi"],
            "apije-location-voiture-petit-prix": ["nécessite le permis B"],
        },
        shortlist=["tam-pass-gratuite-habitants-metropole", "apije-preparation-permis"],
    ),
    Case(
        "an asylum seeker in Montpellier without licence or car",
        {
            "commune": "Montpellier",
            "age": 28,
            "statuts": ["demandeur-asile-refugie"],
            "permis": "non",
            "voiture": "non",
        },
        propose={
            "solidario-tarif-solidaire-lio": ["pour les demandeurs d'asile et réfugiés"],
            "tam-pass-gratuite-habitants-metropole": ["gratuit"],
        },
        reject={"eco-cheque-mobilite-vehicule-electrique-occasion": ["nécessite le permis B"]},
        shortlist=["tam-pass-gratuite-habitants-metropole", "solidario-tarif-solidaire-lio"],
        first={"payer": "solidario-tarif-solidaire-lio"},
    ),
    Case(
        "a night-shift worker in Lattes going to Montpellier late and early",
        {
            "commune": "Lattes",
            "destinations": ["Montpellier"],
            "age": 40,
            "statuts": ["salarie"],
            "voiture": "non",
            "motifs": ["travail"],
            "creneaux": ["tard", "tot"],
        },
        propose={
            "tam-pass-gratuite-habitants-metropole": ["s'arrête à Lattes", "va à Montpellier"]
        },
        check={
            "tam-pass-gratuite-habitants-metropole": [
                "horaires après 21 h : à vérifier",
                "horaires avant 7 h : à vérifier",
            ]
        },
        reject={
            "tam-bustram-ligne-a": ["hors zone : Montpellier et Castelnau-le-Lez uniquement"],
            "aide-mobilite-france-travail": ["réservé aux demandeurs d'emploi"],
        },
        # the TaM's evening buses, which let people off between stops, first for her
        shortlist=["tam-descente-a-la-demande-bus-soir"],
    ),
    Case(
        "a 19-year-old apprentice in Castelnau-le-Lez preparing the licence",
        {"commune": "Castelnau-le-Lez", "age": 19, "statuts": ["apprenti"], "permis": "non"},
        propose={
            "aide-permis-apprentis-500-euros": ["pour les apprentis", "pour passer le permis"],
            "bourse-permis-castelnau-le-lez": ["disponible à Castelnau-le-Lez"],
            "resa-tam-bus-a-la-demande": ["s'arrête à Castelnau-le-Lez"],
        },
        reject={
            "bourse-permis-ville-de-montpellier": ["hors zone : Montpellier uniquement"],
            "aide-permis-france-travail": ["réservé aux demandeurs d'emploi"],
        },
        shortlist=["aide-permis-apprentis-500-euros", "tam-pass-gratuite-habitants-metropole"],
        before=[("aide-permis-apprentis-500-euros", "apije-preparation-permis")],
    ),
    Case(
        "a 20-year-old student in Montpellier who comes home after 9 pm",
        {
            "commune": "Montpellier",
            "age": 20,
            "statuts": ["etudiant"],
            "voiture": "non",
            "creneaux": ["tard"],
        },
        propose={"plus-egal-zero-lio-12-26-ans": ["pour les 12 à 26 ans"]},
        check={"tam-pass-gratuite-habitants-metropole": ["horaires après 21 h : à vérifier"]},
        shortlist=["tam-descente-a-la-demande-bus-soir"],
    ),
    Case(
        "a 19-year-old in Montpellier followed by the Mission locale, no bank card",
        {
            "commune": "Montpellier",
            "age": 19,
            "statuts": ["jeune-mission-locale"],
            "contraintes": ["sans-carte-bancaire"],
            "voiture": "non",
        },
        propose={"bourse-permis-ville-de-montpellier": ["disponible à Montpellier"]},
        check={
            "plus-egal-zero-lio-12-26-ans": ["paiement sans carte bancaire : à vérifier"],
            "apije-location-deux-roues-petit-prix": ["paiement sans carte bancaire : à vérifier"],
        },
        shortlist=["tam-pass-gratuite-habitants-metropole"],
    ),
    Case(
        "a worker in Pérols who cannot ride a bike",
        {
            "commune": "Pérols",
            "age": 45,
            "statuts": ["salarie"],
            "contraintes": ["ne-sait-pas-faire-du-velo"],
            "voiture": "non",
            "motifs": ["travail"],
        },
        propose={
            "vieux-biclou-remise-en-selle-adultes": [
                "pour apprendre à faire du vélo",
                "avec accompagnement",
            ]
        },
        reject={
            "bonus-forfait-mobilite-durable-region-velo": ["nécessite de savoir faire du vélo"]
        },
        not_proposed=["velomagg-libre-service", "vieux-biclou-bourse-velos-occasion"],
        shortlist=["tam-pass-gratuite-habitants-metropole", "vieux-biclou-remise-en-selle-adultes"],
    ),
    Case(
        "a 78-year-old in Montpellier going to hospital, no disability",
        {
            "commune": "Montpellier",
            "destinations": ["Montpellier"],
            "age": 78,
            "statuts": ["retraite"],
            "handicap": "non",
            "voiture": "non",
            "motifs": ["sante"],
        },
        reject={"transports-pmr-34": [REDUCED_MOBILITY]},
        not_proposed=["gihp-transport-adapte-metropole", "bonus-velo-adapte-pmr-region"],
        shortlist=[
            "tam-pass-gratuite-habitants-metropole",
            "sortir-plus-agirc-arrco-sorties-accompagnees",
        ],
        not_shortlisted=["transports-pmr-34", "gihp-transport-adapte-metropole"],
    ),
    Case(
        "a person under justice supervision in Montpellier, no licence",
        {
            "commune": "Montpellier",
            "age": 26,
            "statuts": ["sous-main-de-justice"],
            "permis": "non",
            "voiture": "non",
        },
        propose={
            "cles-de-route-auto-ecole-montpellier": [
                "pour les personnes suivies par la justice",
                "pour passer le permis",
            ]
        },
        shortlist=["tam-pass-gratuite-habitants-metropole"],
    ),
    Case(
        "a job seeker from a priority neighbourhood of Montpellier, 14 months registered",
        {
            "commune": "Montpellier",
            "age": 34,
            "statuts": ["resident-qpv"],
            "demandeur_emploi": "oui",
            "demandeur_emploi_depuis_mois": 14,
            "permis": "non",
            "voiture": "non",
            "motifs": ["travail"],
        },
        propose={
            "aide-permis-france-travail": ["inscrit à France Travail depuis au moins 6 mois"],
            "aide-mobilite-france-travail": ["pour aller au travail"],
        },
        shortlist=["aide-mobilite-france-travail", "aide-permis-france-travail"],
    ),
    Case(
        "a salaried worker in Lattes with a smartphone but no licence, job in Montpellier",
        {
            "commune": "Lattes",
            "destinations": ["Montpellier"],
            "age": 35,
            "statuts": ["salarie"],
            "permis": "non",
            "smartphone": "oui",
            "motifs": ["travail"],
        },
        propose={
            "blablacar-daily-covoiturage-metropole": [
                "va à Montpellier",
                "pas besoin du permis B",
            ]
        },
        shortlist=[
            "tam-pass-gratuite-habitants-metropole",
            "blablacar-daily-covoiturage-metropole",
        ],
    ),
    Case(
        "a driver with a car in Castelnau-le-Lez: no licence course for her",
        {
            "commune": "Castelnau-le-Lez",
            "age": 40,
            "statuts": ["salarie"],
            "permis": "oui",
            "voiture": "oui",
            "smartphone": "oui",
        },
        reject={
            "cpf-mon-compte-formation-permis": ["la personne a déjà le permis B"],
            "bourse-permis-castelnau-le-lez": ["la personne a déjà le permis B"],
        },
        not_shortlisted=["cpf-mon-compte-formation-permis"],
    ),
    Case(
        "a salaried resident of Jacou who is not registered at France Travail",
        {
            "commune": "Jacou",
            "age": 50,
            "statuts": ["salarie"],
            "demandeur_emploi": "non",
            "permis": "non",
        },
        propose={"cpf-mon-compte-formation-permis": ["pour les actifs"]},
        reject={"aide-permis-france-travail": ["réservé aux demandeurs d'emploi"]},
        not_proposed=[
            "aide-mobilite-france-travail",
            "bons-sncf-france-travail-entretien-embauche",
        ],
        shortlist=["tam-pass-gratuite-habitants-metropole"],
    ),
]

# --- Outside the three territories -------------------------------------------------------------
ELSEWHERE_CASES = [
    Case(
        "a resident of Agde going to Montpellier: no desk territory, the offer still said",
        {"commune": "Agde", "destinations": ["Montpellier"], "age": 50, "voiture": "non"},
        propose={
            "trains-lio-montpellier-sete-agde-beziers": ["s'arrête à Agde", "va à Montpellier"]
        },
        reject={"cars-lio-herault": ["pas d'arrêt connu à Agde"]},
        shortlist=["trains-lio-montpellier-sete-agde-beziers"],
    ),
]

SITUATIONS = [*COEUR_CASES, *HLV_CASES, *METROPOLE_CASES, *ELSEWHERE_CASES]
