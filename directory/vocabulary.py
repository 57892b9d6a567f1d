"""Controlled vocabularies of an entry: the national data·inclusion ones and our mobility ones."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from data_inclusion.schema.base import EnhancedEnum
from data_inclusion.schema.v1 import (
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    Thematique,
)

__all__ = [
    "Category",
    "Feature",
    "Frais",
    "MobilityTopic",
    "ModeAccueil",
    "ModeMobilisation",
    "Offer",
    "PersonneMobilisatrice",
    "Prerequisite",
    "Public",
    "Purpose",
    "Reliability",
    "ServiceState",
    "Status",
    "labels",
]

# The six data·inclusion mobility topics, taken from the official package (not copied).
MobilityTopic = EnhancedEnum(
    "MobilityTopic",
    {
        member.name: (member.value, member.label, member.description)
        for member in Thematique
        if member.value.startswith("mobilite--")
    },
)


class LabelledEnum(StrEnum):
    """Our vocabularies: value, French label and description, like data·inclusion's enums."""

    _label: str
    _description: str

    # The defaults only let type checkers accept `Category("velo")`, a look-up by value.
    def __new__(cls, value: str, label: str = "", description: str = "") -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        member._description = description
        return member

    @property
    def label(self) -> str:
        return self._label

    @property
    def description(self) -> str:
        return self._description


class Category(LabelledEnum):
    """Catégorie de mobilité (une par fiche)."""

    TRANSPORT_PUBLIC = (
        "transport-public",
        "Transports en commun",
        "Bus, tramway, car régional et train.",
    )
    TRANSPORT_A_LA_DEMANDE = (
        "transport-a-la-demande",
        "Transport à la demande",
        "Un véhicule passe sur réservation, souvent la veille.",
    )
    TRANSPORT_SOLIDAIRE = (
        "transport-solidaire",
        "Transport solidaire",
        "Des bénévoles ou une structure sociale vous conduisent.",
    )
    COVOITURAGE = (
        "covoiturage",
        "Covoiturage et autostop organisé",
        "Partager un trajet en voiture avec d'autres personnes.",
    )
    VELO = (
        "velo",
        "Vélo",
        "Location, réparation, voies vertes et aides à l'achat.",
    )
    VEHICULE = (
        "vehicule",
        "Garage solidaire, prêt et location de véhicules",
        "Réparer sa voiture à petit prix, emprunter ou louer un véhicule.",
    )
    PERMIS = (
        "permis",
        "Permis de conduire",
        "Auto-écoles sociales, aides et prêts pour le permis.",
    )
    AIDE_FINANCIERE = (
        "aide-financiere",
        "Aides financières",
        "Tarifs réduits et aides pour payer ses déplacements.",
    )
    CONSEIL_MOBILITE = (
        "conseil-mobilite",
        "Conseil en mobilité",
        "Des conseillers vous aident à trouver une solution.",
    )
    TRANSPORT_ADAPTE = (
        "transport-adapte",
        "Transport adapté",
        "Pour les personnes à mobilité réduite ou en fauteuil roulant.",
    )


class Status(LabelledEnum):
    """Situation administrative ou sociale qui ouvre droit à une solution."""

    DEMANDEUR_EMPLOI = (
        "demandeur-emploi",
        "Demandeur d'emploi",
        "Inscrit à France Travail.",
    )
    BENEFICIAIRE_RSA = (
        "beneficiaire-rsa",
        "Bénéficiaire du RSA",
        "Revenu de solidarité active.",
    )
    BENEFICIAIRE_ASS = (
        "beneficiaire-ass",
        "Bénéficiaire de l'ASS",
        "Allocation de solidarité spécifique.",
    )
    BENEFICIAIRE_AAH = (
        "beneficiaire-aah",
        "Bénéficiaire de l'AAH",
        "Allocation aux adultes handicapés.",
    )
    BENEFICIAIRE_ASPA = (
        "beneficiaire-aspa",
        "Bénéficiaire de l'ASPA",
        "Allocation de solidarité aux personnes âgées (minimum vieillesse).",
    )
    ETUDIANT = ("etudiant", "Étudiant", "Inscrit dans l'enseignement supérieur.")
    SCOLAIRE = ("scolaire", "Élève", "Collégien ou lycéen.")
    APPRENTI = ("apprenti", "Apprenti", "En contrat d'apprentissage.")
    JEUNE_MISSION_LOCALE = (
        "jeune-mission-locale",
        "Jeune suivi par une Mission locale",
        "Jeune de 16 à 25 ans accompagné par une Mission locale.",
    )
    SALARIE = ("salarie", "Salarié", "En emploi salarié.")
    RETRAITE = ("retraite", "Retraité", "À la retraite.")
    CARTE_MOBILITE_INCLUSION = (
        "carte-mobilite-inclusion",
        "Titulaire d'une carte mobilité inclusion",
        "Carte mobilité inclusion (CMI) ou carte d'invalidité.",
    )
    RESIDENT_QPV = (
        "resident-qpv",
        "Habitant d'un quartier prioritaire",
        "Quartier prioritaire de la politique de la ville (QPV).",
    )
    RESIDENT_FRR = (
        "resident-frr",
        "Habitant d'une commune France Ruralités Revitalisation",
        "Commune classée France Ruralités Revitalisation (FRR).",
    )
    DEMANDEUR_ASILE_REFUGIE = (
        "demandeur-asile-refugie",
        "Demandeur d'asile ou réfugié",
        "Demandeur d'asile ou bénéficiaire d'une protection internationale.",
    )
    SOUS_MAIN_DE_JUSTICE = (
        "sous-main-de-justice",
        "Personne placée sous main de justice",
        "Personne détenue, sortant de détention ou suivie par la justice.",
    )


class Prerequisite(LabelledEnum):
    """Ce que la personne doit avoir ou savoir faire pour utiliser la solution."""

    PERMIS_B = ("permis-b", "Avoir le permis B", "Permis de conduire une voiture.")
    VEHICULE = ("vehicule", "Avoir un véhicule", "Voiture, scooter ou vélo personnel.")
    SMARTPHONE = (
        "smartphone",
        "Avoir un smartphone",
        "Le service passe par une application mobile.",
    )
    INTERNET = ("internet", "Avoir accès à internet", "Inscription ou réservation en ligne.")
    CARTE_BANCAIRE = ("carte-bancaire", "Avoir une carte bancaire", "Paiement par carte.")
    SAVOIR_FAIRE_DU_VELO = (
        "savoir-faire-du-velo",
        "Savoir faire du vélo",
        "Savoir rouler à vélo seul.",
    )
    SE_DEPLACER_SEUL = (
        "se-deplacer-seul",
        "Pouvoir se déplacer seul",
        "Marcher jusqu'à l'arrêt et voyager sans aide.",
    )


class Purpose(LabelledEnum):
    """Motif de déplacement servi par la solution."""

    TRAVAIL = ("travail", "Travail ou entretien d'embauche", "Aller travailler ou à un entretien.")
    FORMATION = ("formation", "Formation ou études", "Aller en formation, à l'école.")
    SANTE = ("sante", "Santé", "Rendez-vous médicaux, soins, hôpital.")
    COURSES = ("courses", "Courses", "Faire ses courses, aller au marché.")
    DEMARCHES = ("demarches", "Démarches administratives", "Mairie, France Services, CAF…")
    LOISIRS = ("loisirs", "Loisirs et visites", "Sorties, famille, activités.")


class Feature(LabelledEnum):
    """Caractéristique pratique d'une solution."""

    PORTE_A_PORTE = (
        "porte-a-porte",
        "Porte à porte",
        "On vient vous chercher chez vous.",
    )
    ACCOMPAGNEMENT = (
        "accompagnement",
        "Accompagnement",
        "Une personne vous aide pendant le trajet ou la démarche.",
    )
    ACCESSIBLE_FAUTEUIL = (
        "accessible-fauteuil",
        "Accessible en fauteuil roulant",
        "Véhicules ou lieux accessibles en fauteuil roulant.",
    )
    RESERVATION = (
        "reservation",
        "Sur réservation",
        "Il faut réserver à l'avance.",
    )
    VELO_A_BORD = ("velo-a-bord", "Vélo à bord", "Vous pouvez emporter votre vélo.")


class Reliability(LabelledEnum):
    """Degré de confiance dans les informations de la fiche."""

    CONFIRME = (
        "confirme",
        "Confirmé",
        "Confirmé par une source récente.",
    )
    CONFIRME_ANCIEN = (
        "confirme-ancien",
        "Confirmé, source ancienne",
        "Confirmé, mais la source date d'avant 2022 ou le dispositif avait une date de fin.",
    )
    A_CONFIRMER = (
        "a-confirmer",
        "À confirmer",
        "À confirmer auprès de l'opérateur avant de le proposer.",
    )


class ServiceState(LabelledEnum):
    """Whether the service still runs, as far as the editors know."""

    EN_SERVICE = ("en-service", "En service", "Le service fonctionne, selon la source.")
    PROBABLEMENT_ARRETE = (
        "probablement-arrete",
        "Probablement arrêté",
        "Une source laisse penser que le service a fermé ou que le dispositif est épuisé : "
        "il n'est plus proposé au public tant que l'opérateur ne l'a pas confirmé.",
    )


class Offer(LabelledEnum):
    """What the person gets: a service to use, money, a loan or a rental (see prices.py)."""

    SERVICE = ("service", "Service", "Un service à utiliser (transport, atelier, conseil…).")
    AIDE = ("aide", "Aide", "Une somme versée ou une prise en charge, souvent plafonnée.")
    PRET = ("pret", "Prêt", "Un prêt d'argent ou de véhicule, à rendre ou à rembourser.")
    LOCATION = ("location", "Location", "Un véhicule loué, à payer pendant la durée d'usage.")


def labels(enum: Any) -> dict[str, str]:
    """Value -> French label of any of our or data·inclusion's vocabularies."""
    return {member.value: member.label for member in enum}
