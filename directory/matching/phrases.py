"""The French wording of the matching's facts: why a solution fits, what to check, why not.

Short phrases an advisor can read out as they are: « disponible à Lodève », « pour les 12 à
26 ans », « plafond de ressources : à vérifier », « nécessite le permis B ».
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from directory.field_types import UNKNOWN_DATE
from directory.french import date_fr, join_fr
from directory.geo import Chain, Geography, ZoneLevel, ZoneLike
from directory.matching.facts import Fact, Kind
from directory.matching.profile import Person
from directory.matching.situation import SLOT_LABELS
from directory.vocabulary import Prerequisite, Public, Purpose, Status

STATUS_NOUNS = {
    Status.DEMANDEUR_EMPLOI: "demandeurs d'emploi",
    Status.BENEFICIAIRE_RSA: "bénéficiaires du RSA",
    Status.BENEFICIAIRE_ASS: "bénéficiaires de l'ASS",
    Status.BENEFICIAIRE_AAH: "bénéficiaires de l'AAH",
    Status.BENEFICIAIRE_ASPA: "bénéficiaires de l'ASPA",
    Status.ETUDIANT: "étudiants",
    Status.SCOLAIRE: "collégiens et lycéens",
    Status.APPRENTI: "apprentis",
    Status.JEUNE_MISSION_LOCALE: "jeunes suivis par une Mission locale",
    Status.SALARIE: "salariés",
    Status.RETRAITE: "retraités",
    Status.CARTE_MOBILITE_INCLUSION: "titulaires d'une carte mobilité inclusion",
    Status.RESIDENT_QPV: "habitants des quartiers prioritaires",
    Status.RESIDENT_FRR: "habitants des communes France Ruralités Revitalisation",
    Status.DEMANDEUR_ASILE_REFUGIE: "demandeurs d'asile et réfugiés",
    Status.SOUS_MAIN_DE_JUSTICE: "personnes placées sous main de justice",
}
PUBLIC_NOUNS = {
    Public.ACTIFS: "actifs",
    Public.BENEFICIAIRES_DES_MINIMAS_SOCIAUX: "bénéficiaires des minima sociaux",
    Public.DEMANDEURS_EMPLOI: "demandeurs d'emploi",
    Public.ETUDIANTS: "étudiants",
    Public.FAMILLES: "familles",
    Public.FEMMES: "femmes",
    Public.JEUNES: "jeunes",
    Public.PERSONNES_EN_SITUATION_DE_HANDICAP: "personnes en situation de handicap",
    Public.PERSONNES_EN_SITUATION_D_URGENCE: "personnes en situation d'urgence",
    Public.PERSONNES_EN_SITUATION_JURIDIQUE_SPECIFIQUE: "personnes suivies par la justice",
    Public.PERSONNES_EXILEES: "personnes exilées",
    Public.RESIDENTS_QPV_FRR: "habitants des quartiers prioritaires ou des communes FRR",
    Public.SENIORS: "séniors",
    Public.TOUS_PUBLICS: "tous publics",
}
PURPOSE_PHRASES = {
    Purpose.TRAVAIL: ("pour aller au travail", "travail"),
    Purpose.FORMATION: ("pour aller en formation", "formation"),
    Purpose.SANTE: ("pour les rendez-vous de santé", "santé"),
    Purpose.COURSES: ("pour faire les courses", "courses"),
    Purpose.DEMARCHES: ("pour les démarches administratives", "démarches"),
    Purpose.LOISIRS: ("pour les loisirs", "loisirs"),
}
NEEDS_PHRASES = {  # (exclusion, thing to check)
    Prerequisite.PERMIS_B: ("nécessite le permis B", "permis B nécessaire"),
    Prerequisite.VEHICULE: ("nécessite un véhicule", "véhicule nécessaire"),
    Prerequisite.SAVOIR_FAIRE_DU_VELO: (
        "nécessite de savoir faire du vélo",
        "savoir faire du vélo",
    ),
    Prerequisite.SMARTPHONE: ("nécessite un smartphone", "smartphone nécessaire"),
    Prerequisite.INTERNET: ("nécessite un accès à internet", "accès à internet nécessaire"),
    Prerequisite.CARTE_BANCAIRE: ("nécessite une carte bancaire", "carte bancaire nécessaire"),
    Prerequisite.SE_DEPLACER_SEUL: (
        "nécessite de pouvoir se déplacer seul",
        "pouvoir se déplacer seul",
    ),
}
DEPARTEMENT_PHRASES = {  # Occitanie, where the person almost always lives
    "09": "dans toute l'Ariège",
    "11": "dans tout l'Aude",
    "12": "dans tout l'Aveyron",
    "30": "dans tout le Gard",
    "31": "dans toute la Haute-Garonne",
    "32": "dans tout le Gers",
    "34": "dans tout l'Hérault",
    "46": "dans tout le Lot",
    "48": "dans toute la Lozère",
    "65": "dans tout le département des Hautes-Pyrénées",
    "66": "dans tout le département des Pyrénées-Orientales",
    "81": "dans tout le Tarn",
    "82": "dans tout le Tarn-et-Garonne",
}
SIMPLE = {
    Kind.FREE: "gratuit",
    Kind.DOOR_TO_DOOR: "porte à porte",
    Kind.ACCOMPANIED: "avec accompagnement",
    Kind.WHEELCHAIR: "accessible en fauteuil roulant",
    Kind.ADAPTED: "transport adapté aux personnes à mobilité réduite",
    Kind.NO_LICENCE_NEEDED: "pas besoin du permis B",
    Kind.BIKE_LESSONS: "pour apprendre à faire du vélo",
    Kind.LICENCE_HELP: "pour passer le permis",
    Kind.REPAIR: "pour faire réparer sa voiture",
    Kind.VEHICLE_ACCESS: "pour avoir un véhicule",
    Kind.BY_PHONE: "se demande par téléphone",
    Kind.TEXT: "correspond au besoin décrit",
    Kind.MEANS_TESTED: "plafond de ressources : à vérifier",
    Kind.CONDITIONS: "autres conditions : voir la fiche",
    Kind.WHEELCHAIR_UNKNOWN: "accès en fauteuil roulant : à vérifier",
    Kind.NO_ACCOMPANIMENT: "pas d'accompagnement prévu",
    Kind.PAYMENT_UNKNOWN: "paiement sans carte bancaire : à vérifier",
    Kind.PROFESSIONALS_ONLY: "sur orientation d'un professionnel",
    Kind.TO_CONFIRM: "informations à confirmer auprès de l'opérateur",
    Kind.REDUCED_MOBILITY_UNKNOWN: "pour les personnes à mobilité réduite : à vérifier",
}
MAX_ZONE_NAMES = 4


def at(name: str) -> str:
    """« à Lodève », « au Caylar », « aux Plans »."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def ages(low: int | None, high: int | None) -> str:
    """The people an age range is for: « les 12 à 26 ans », « les 18 ans et plus »."""
    if low is not None and high is not None:
        return f"les {low} à {high} ans"
    if low is not None:
        return f"les {low} ans et plus"
    return f"les moins de {(high or 0) + 1} ans"


def _to(article_noun: str) -> str:
    """« les 12 à 26 ans » -> « aux 12 à 26 ans »."""
    return "aux " + article_noun[4:] if article_noun.startswith("les ") else article_noun


def _nouns(nouns: Sequence[str], word: str = "et", article: str = "les") -> str:
    """« les séniors et les jeunes », « aux séniors ou aux jeunes »."""
    return join_fr([f"{article} {n}" for n in nouns], word)


def purposes(items: Sequence[Purpose]) -> str:
    if len(items) == 1:
        return PURPOSE_PHRASES[items[0]][0]
    return "pour les trajets : " + join_fr([PURPOSE_PHRASES[p][1] for p in items])


class Wording:
    """Phrases for one person (their communes name the zone levels)."""

    def __init__(self, geo: Geography, person: Person) -> None:
        self.geo = geo
        self.person = person

    @cached_property
    def chain(self) -> Chain | None:
        return self.geo.chain(self.person.home.commune.code)

    def fit(self, fact: Fact) -> str:
        kind, value = fact.kind, fact.value
        if kind is Kind.ZONE:
            return self.where(value)
        if kind is Kind.STOPS_AT:
            return "s'arrête " + at(value)
        if kind is Kind.GOES_TO:
            return "va " + join_fr([at(name) for name in value])
        if kind is Kind.ON_ARRIVAL:
            return "pour circuler " + join_fr([at(name) for name in value])
        if kind is Kind.AGE:
            return "pour " + ages(*value)
        if kind is Kind.STATUS:
            return "pour " + _nouns([STATUS_NOUNS[s] for s in value])
        if kind is Kind.PUBLIC:
            return "pour " + _nouns([PUBLIC_NOUNS[p] for p in value])
        if kind is Kind.MONTHS:
            return f"inscrit à France Travail depuis au moins {value} mois"
        if kind is Kind.PURPOSE:
            return purposes(value)
        if kind is Kind.SLOT:
            return f"circule {SLOT_LABELS[value]}"
        return SIMPLE[kind]

    def check(self, fact: Fact) -> str:
        kind, value = fact.kind, fact.value
        if kind is Kind.ENDS_SOON:
            return f"se termine le {date_fr(value)}"
        if kind is Kind.NO_STOP_AT:
            return "pas d'arrêt connu " + join_fr([at(name) for name in value])
        if kind is Kind.NOT_TO_SOME:
            return "ne va pas " + join_fr([at(name) for name in value])
        if kind is Kind.STOPS_UNKNOWN:
            word = "arrêt " if len(value) == 1 else "arrêts "
            return word + join_fr([at(name) for name in value]) + " : à vérifier"
        if kind is Kind.ONLY_TO:
            return "seulement vers " + self.zone_names(value)
        if kind is Kind.ROUTE_UNSURE:
            return "trajet " + join_fr(["jusqu'" + at(name) for name in value]) + " : à vérifier"
        if kind is Kind.AGE_UNKNOWN:
            return f"âge (réservé {_to(ages(*value))}) : à vérifier"
        if kind is Kind.STATUS_UNKNOWN:
            nouns = _nouns([STATUS_NOUNS[s] for s in value], "ou", "aux")
            return f"réservé {nouns} : à vérifier"
        if kind is Kind.PUBLIC_UNKNOWN:
            return f"pour {_nouns([PUBLIC_NOUNS[p] for p in value], 'ou')} : à vérifier"
        if kind is Kind.MONTHS_UNKNOWN:
            return f"{value} mois d'inscription à France Travail : à vérifier"
        if kind is Kind.PREREQUISITE:
            return f"{NEEDS_PHRASES[value][1]} : à vérifier"
        if kind is Kind.PURPOSE_ONLY:
            return "seulement " + purposes(value)
        if kind is Kind.SLOT_NO:
            return f"horaires : ne circule pas {SLOT_LABELS[value]}"
        if kind is Kind.SLOT_UNKNOWN:
            return f"horaires {SLOT_LABELS[value]} : à vérifier"
        if kind is Kind.OLD_SOURCE:
            if value == UNKNOWN_DATE:
                return "informations non datées : à confirmer auprès de l'opérateur"
            return f"informations de {value[:4]} : à confirmer auprès de l'opérateur"
        return SIMPLE[kind]

    def exclusion(self, fact: Fact, zone: ZoneLike) -> str:
        kind, value = fact.kind, fact.value
        if kind is Kind.ENDED:
            return f"dispositif terminé le {date_fr(value)}"
        if kind is Kind.OUT_OF_ZONE:
            return f"hors zone : {self.zone_names(zone)} uniquement"
        if kind is Kind.NOT_TO:
            return "ne va pas " + join_fr([at(name) for name in value])
        if kind is Kind.NO_STOP_AT:
            return "pas d'arrêt connu " + join_fr([at(name) for name in value])
        if kind is Kind.HAS_LICENCE:
            return "la personne a déjà le permis B"
        if kind is Kind.REDUCED_MOBILITY_OUT:
            return "réservé aux personnes à mobilité réduite"
        if kind is Kind.NOT_FOR_WHEELCHAIR:
            return "vélo non adapté au fauteuil roulant"
        if kind is Kind.AGE_OUT:
            return "réservé " + _to(ages(*value))
        if kind is Kind.STATUS_OUT:
            return "réservé " + _nouns([STATUS_NOUNS[s] for s in value], "ou", "aux")
        if kind is Kind.PUBLIC_OUT:
            return "s'adresse " + _nouns([PUBLIC_NOUNS[p] for p in value], "ou", "aux")
        if kind is Kind.MONTHS_SHORT:
            needed, known = value
            return f"nécessite {needed} mois d'inscription à France Travail ({known} aujourd'hui)"
        if kind is Kind.NEEDS:
            return NEEDS_PHRASES[value][0]
        if kind is Kind.PURPOSE_OUT:
            return "seulement " + purposes(value)
        raise ValueError(f"not an exclusion: {kind}")

    def where(self, level: ZoneLevel) -> str:
        """How far the solution reaches around the person's home, in words."""
        chain = self.chain
        home = self.person.home.commune
        if level is ZoneLevel.COMMUNE or chain is None:
            return "disponible " + at(home.nom)
        if level is ZoneLevel.EPCI and chain.epci:
            return "disponible dans toute " + _epci(chain.epci.nom)
        if level is ZoneLevel.TERRITOIRE and chain.territories:
            name = chain.territories[0].nom
            if chain.epci and chain.epci.nom == name:
                return "disponible dans toute " + _epci(name)
            if name.startswith("Pays "):
                return f"disponible dans tout le {name}"
            return f"disponible dans tout le territoire {name}"
        if level is ZoneLevel.DEPARTEMENT:
            code, name = chain.departement
            return DEPARTEMENT_PHRASES.get(code, f"dans tout le département ({name})")
        if level is ZoneLevel.REGION:
            return f"dans toute la région {chain.region[1]}"
        return "partout en France"

    def zone_names(self, zone: ZoneLike) -> str:
        names = self.geo.describe_zone(zone)
        if len(names) > MAX_ZONE_NAMES:
            rest = len(names) - MAX_ZONE_NAMES + 1
            names = [*names[: MAX_ZONE_NAMES - 1], f"{rest} autres"]
        return join_fr(names)


def _epci(name: str) -> str:
    """« la CC Lodévois et Larzac », « la métropole (Montpellier Méditerranée Métropole) »."""
    if "Métropole" in name:
        return f"la métropole ({name})"
    if name.startswith(("CC ", "CA ", "CU ", "Communauté")):
        return "la " + name
    return f"l'intercommunalité {name}"
