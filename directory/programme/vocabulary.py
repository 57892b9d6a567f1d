"""The categories a record may hold: closed lists only, so that nothing free-form is stored."""

from __future__ import annotations

from directory.vocabulary import LabelledEnum


class Role(LabelledEnum):
    """What a staff account may do; each role includes the ones before it."""

    CONSEILLER = (
        "conseiller",
        "Conseiller",
        "Compte les entretiens, les ateliers et les suivis de sa structure.",
    )
    COORDINATION = (
        "coordination",
        "Coordination",
        "Voit les chiffres de tout le programme, les rapports et le bilan ; importe l'historique.",
    )
    ADMINISTRATION = (
        "administration",
        "Administration",
        "Gère aussi les comptes de sa structure.",
    )

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class Channel(LabelledEnum):
    SUR_PLACE = ("sur-place", "Sur place", "Entretien en personne.")
    TELEPHONE = ("telephone", "Téléphone", "Entretien par téléphone.")


class AgeBracket(LabelledEnum):
    """An age range, never an exact age."""

    MOINS_DE_18 = ("moins-de-18", "Moins de 18 ans", "")
    DE_18_A_25 = ("18-25", "18 à 25 ans", "")
    DE_26_A_44 = ("26-44", "26 à 44 ans", "")
    DE_45_A_59 = ("45-59", "45 à 59 ans", "")
    DE_60_A_74 = ("60-74", "60 à 74 ans", "")
    PLUS_DE_75 = ("75-et-plus", "75 ans et plus", "")

    @classmethod
    def of_age(cls, age: int) -> AgeBracket:
        for bracket, upper in _UPPER_AGES:
            if age <= upper:
                return bracket
        return cls.PLUS_DE_75


_UPPER_AGES = (
    (AgeBracket.MOINS_DE_18, 17),
    (AgeBracket.DE_18_A_25, 25),
    (AgeBracket.DE_26_A_44, 44),
    (AgeBracket.DE_45_A_59, 59),
    (AgeBracket.DE_60_A_74, 74),
)


class Duration(LabelledEnum):
    """How long the session lasted, in ranges: the programme reports the time spent."""

    MOINS_DE_30 = ("moins-de-30-min", "Moins de 30 minutes", "20")
    DE_30_A_45 = ("30-45-min", "30 à 45 minutes", "37.5")
    DE_45_A_60 = ("45-60-min", "45 minutes à 1 heure", "52.5")
    PLUS_D_UNE_HEURE = ("plus-d-une-heure", "Plus d'une heure", "75")

    @property
    def minutes(self) -> float:
        """The middle of the range: an estimate, said so wherever it is used."""
        return float(self.description)


class NeedMet(LabelledEnum):
    OUI = ("oui", "Oui", "Le catalogue avait une solution.")
    EN_PARTIE = ("en-partie", "En partie", "Une partie du besoin reste sans solution.")
    NON = ("non", "Non", "Aucune solution connue ne convenait.")


class SolutionUse(LabelledEnum):
    OUI = ("oui", "Oui", "La personne utilise la solution.")
    EN_PARTIE = ("en-partie", "En partie", "La personne l'utilise parfois ou a commencé.")
    NON = ("non", "Non", "La personne ne l'utilise pas.")
    NE_SAIT_PAS = ("ne-sait-pas", "Ne sait pas", "La personne n'a pas pu répondre.")


class Employment(LabelledEnum):
    """Return to employment or training, as the person tells it at follow-up."""

    EMPLOI_TROUVE = ("emploi-trouve", "A trouvé un emploi", "")
    FORMATION_TROUVEE = ("formation-trouvee", "A commencé une formation", "")
    EMPLOI_CONSERVE = ("emploi-conserve", "A pu garder son emploi", "")
    AUCUN_CHANGEMENT = ("aucun-changement", "Pas de changement", "")
    NON_CONCERNE = ("non-concerne", "Non concerné", "Retraité, élève, pas en recherche…")


class TripMode(LabelledEnum):
    """How a trip once made by car is made now."""

    BUS = ("bus", "Bus", "")
    AUTOCAR = ("autocar", "Car (autocar)", "")
    TRAIN = ("train", "Train (TER)", "")
    TRAMWAY = ("tramway", "Tramway", "")
    VELO = ("velo", "Vélo", "")
    VELO_ELECTRIQUE = ("velo-electrique", "Vélo à assistance électrique", "")
    MARCHE = ("marche", "À pied", "")
    SCOOTER = ("scooter", "Scooter ou moto légère", "")
    COVOITURAGE = ("covoiturage", "Covoiturage", "")
    TRANSPORT_SOLIDAIRE = ("transport-solidaire", "Transport solidaire", "")
    TRANSPORT_A_LA_DEMANDE = ("transport-a-la-demande", "Transport à la demande", "")


class EventKind(LabelledEnum):
    ATELIER = ("atelier", "Atelier", "Atelier collectif pour le public.")
    SENSIBILISATION = (
        "sensibilisation",
        "Sensibilisation",
        "Session de sensibilisation pour des professionnels.",
    )


class Theme(LabelledEnum):
    """What a workshop or an awareness session was about."""

    OFFRE_LOCALE = ("offre-locale", "Connaître l'offre de mobilité locale", "")
    TRANSPORTS_EN_COMMUN = ("transports-en-commun", "Utiliser les transports en commun", "")
    VELO = ("velo", "Vélo : remise en selle, entretien", "")
    PERMIS = ("permis", "Permis de conduire et code", "")
    VEHICULE = ("vehicule", "Entretenir ou financer un véhicule", "")
    BUDGET = ("budget", "Budget et aides pour se déplacer", "")
    NUMERIQUE = ("numerique", "Applications, réservation et billets en ligne", "")
    COVOITURAGE = ("covoiturage", "Covoiturage et autostop organisé", "")
    ECO_MOBILITE = ("eco-mobilite", "Éco-mobilité, climat et qualité de l'air", "")
    ORIENTATION = ("orientation", "Repérer les freins et orienter (professionnels)", "")


class Organisation(LabelledEnum):
    """The kind of organisation the professionals of an awareness session work for."""

    SENIORS = ("seniors", "Accompagnement des personnes âgées", "")
    INSERTION = ("insertion", "Insertion professionnelle", "")
    EMPLOI = ("emploi", "Emploi (France Travail, Mission locale…)", "")
    HANDICAP = ("handicap", "Handicap", "")
    MEDICO_SOCIAL = ("medico-social", "Médico-social et santé", "")
    SOCIAL = ("social", "Action sociale (CCAS, département…)", "")
    JEUNESSE = ("jeunesse", "Jeunesse et éducation", "")
    COLLECTIVITE = ("collectivite", "Collectivité ou France Services", "")
    AUTRE = ("autre", "Autre", "")
