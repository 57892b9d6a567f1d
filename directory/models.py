"""Every model of the catalogue: one declaration per field, for YAML, table, API and search."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, EmailStr, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import DateTime, Index
from sqlmodel import Field, SQLModel

from directory.columns import EnumText, PydanticJSON
from directory.field_types import (
    CommuneCode,
    DepartementCode,
    EpciCode,
    EvidenceDate,
    Flag,
    LongText,
    Name,
    OpeningHours,
    Phone,
    PlainText,
    PostalCode,
    RegionCode,
    ShortName,
    ShortText,
    TerritoryId,
    WebLink,
)
from directory.prices import Price
from directory.programme import tables as programme_tables  # noqa: F401  (same metadata)
from directory.vocabulary import (
    Category,
    Feature,
    Frais,
    MobilityTopic,
    ModeAccueil,
    ModeMobilisation,
    Offer,
    PersonneMobilisatrice,
    Prerequisite,
    Public,
    Purpose,
    Reliability,
    ServiceState,
    Status,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Categories whose entries go only where they stop: `dessert` is required.
LINE_CATEGORIES = frozenset({Category.TRANSPORT_PUBLIC, Category.TRANSPORT_A_LA_DEMANDE})


class Zone(BaseModel):
    """Where a solution applies. Any element is enough; `france: true` means everywhere."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"description": "Zone : communes, EPCI, territoires, départements…"},
    )

    france: Flag = Field(
        default=False, description="Vrai si la solution vaut dans toute la France."
    )
    regions: list[RegionCode] = Field(default=[], description="Codes région (76 = Occitanie).")
    departements: list[DepartementCode] = Field(
        default=[], description="Codes département (34 = Hérault)."
    )
    territoires: list[TerritoryId] = Field(
        default=[],
        description="Territoires du programme (voir data/territoires.yaml).",
    )
    epci: list[EpciCode] = Field(default=[], description="Numéros SIREN des intercommunalités.")
    communes: list[CommuneCode] = Field(default=[], description="Codes INSEE des communes.")

    @model_validator(mode="after")
    def not_empty(self) -> Zone:
        if not (
            self.france
            or self.regions
            or self.departements
            or self.territoires
            or self.epci
            or self.communes
        ):
            raise PydanticCustomError(
                "zone_vide",
                "zone vide : indiquez au moins une commune, un EPCI, un territoire, "
                "un département, une région ou « france: true »",
            )
        return self


class Stops(BaseModel):
    """The communes where a line, a network or a station-based service stops."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "description": "Communes desservies : où le service a un arrêt ou une gare."
        },
    )

    communes: list[CommuneCode] = Field(
        default=[], description="Codes INSEE des communes qui ont un arrêt ou une gare."
    )
    epci: list[EpciCode] = Field(
        default=[],
        description="Intercommunalités dont toutes les communes sont desservies (réseau urbain).",
    )

    # A served area is never wider than an intercommunality: these make it a ZoneLike.
    @property
    def france(self) -> bool:
        return False

    @property
    def regions(self) -> list[str]:
        return []

    @property
    def departements(self) -> list[str]:
        return []

    @property
    def territoires(self) -> list[str]:
        return []

    @model_validator(mode="after")
    def not_empty(self) -> Stops:
        if not (self.communes or self.epci):
            raise PydanticCustomError(
                "dessert_vide",
                "« dessert » vide : indiquez les communes qui ont un arrêt ou une gare "
                "(codes INSEE), ou supprimez la clé",
            )
        return self


class Eligibility(BaseModel):
    """Who can use the solution, in a form the matching can reason about."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"description": "Conditions d'accès structurées (âge, statuts…)."},
    )

    age_min: int | None = Field(default=None, ge=0, le=120, description="Âge minimum (inclus).")
    age_max: int | None = Field(default=None, ge=0, le=120, description="Âge maximum (inclus).")
    statuts: list[Status] = Field(
        default=[],
        description="La personne doit avoir au moins un de ces statuts. Vide = aucun statut exigé.",
    )
    demandeur_emploi_depuis_mois: int | None = Field(
        default=None,
        ge=1,
        le=120,
        description="Durée minimale d'inscription comme demandeur d'emploi, en mois.",
    )
    sous_conditions_de_ressources: Flag = Field(
        default=False, description="Vrai si un plafond de revenus s'applique."
    )
    conditions: LongText | None = Field(
        default=None,
        description="Conditions qui ne se structurent pas (plafond de revenus, exceptions…).",
    )

    @model_validator(mode="after")
    def ages_in_order(self) -> Eligibility:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise PydanticCustomError(
                "ages_inverses",
                "age_min ({age_min}) est plus grand que age_max ({age_max}) : inversez-les",
                {"age_min": self.age_min, "age_max": self.age_max},
            )
        return self

    @property
    def is_open(self) -> bool:
        """No structured condition at all."""
        return (
            self.age_min is None
            and self.age_max is None
            and not self.statuts
            and self.demandeur_emploi_depuis_mois is None
            and not self.sous_conditions_de_ressources
        )


def json_field(pydantic_type: Any, **kwargs: Any) -> Any:
    """A field stored as JSON in the table and validated as `pydantic_type` everywhere else."""
    return Field(sa_type=PydanticJSON(pydantic_type), **kwargs)


def enum_field(enum: Any, **kwargs: Any) -> Any:
    return Field(sa_type=EnumText(enum), **kwargs)


class SolutionBase(SQLModel):
    """The fields of a solution, declared once (French keys: editors write them)."""

    nom: Name = Field(
        min_length=3,
        max_length=150,
        description="Nom de la solution, tel que le public le connaît.",
    )
    categorie: Category = enum_field(Category, description="Catégorie de mobilité.")
    thematiques: list[MobilityTopic] = json_field(
        list[MobilityTopic],
        min_length=1,
        description="Thématiques data·inclusion (mobilite--…).",
    )
    description: PlainText = Field(
        min_length=20,
        max_length=5000,
        description="Ce que c'est, pour qui, comment en profiter. Phrases courtes.",
    )
    operateur: ShortName | None = Field(default=None, description="Qui propose ou gère le service.")

    zone: Zone = json_field(Zone, description="Où la solution s'applique (lieu d'habitation).")
    destinations: Zone | None = json_field(
        Zone | None,
        default=None,
        description="Pour un transport : où il peut vous emmener, si c'est plus restreint.",
    )
    dessert: Stops | None = json_field(
        Stops | None,
        default=None,
        description="Pour une ligne, un réseau ou une gare : les communes qui ont un arrêt.",
    )
    etat: ServiceState = enum_field(
        ServiceState,
        default=ServiceState.EN_SERVICE,
        description="en-service, ou probablement-arrete (plus proposé tant que non confirmé).",
    )
    publics: list[Public] = json_field(
        list[Public], min_length=1, description="Publics data·inclusion (tous-publics seul)."
    )
    publics_precisions: LongText | None = Field(
        default=None, description="Précisions sur les publics."
    )
    eligibilite: Eligibility = json_field(
        Eligibility, default_factory=Eligibility, description="Conditions structurées."
    )
    prerequis: list[Prerequisite] = json_field(
        list[Prerequisite], default=[], description="Ce que la personne doit avoir ou savoir faire."
    )
    motifs: list[Purpose] = json_field(
        list[Purpose], default=[], description="Motifs de déplacement servis. Vide = tous."
    )
    caracteristiques: list[Feature] = json_field(
        list[Feature], default=[], description="Porte à porte, accompagnement, accessibilité…"
    )
    horaires: OpeningHours | None = Field(
        default=None, description="Horaires au format OpenStreetMap (Mo-Fr 08:00-18:00)."
    )
    horaires_precisions: LongText | None = Field(
        default=None, description="Précisions sur les horaires."
    )

    nature: Offer = enum_field(
        Offer,
        default=Offer.SERVICE,
        description="service (par défaut), aide (argent versé), pret ou location.",
    )
    montant_max: int | None = Field(
        default=None,
        ge=1,
        le=100_000,
        description="Pour une aide ou un prêt : montant maximal en euros, selon la source.",
    )
    frais: Frais | None = enum_field(
        Frais, default=None, description="gratuit ou payant ; vide si on ne sait pas."
    )
    frais_precisions: LongText | None = Field(default=None, description="Prix, tarifs réduits…")

    telephone: Phone | None = Field(default=None, description="Numéro à appeler (04 67 …).")
    courriel: EmailStr | None = Field(default=None, description="Adresse électronique de contact.")
    site_web: WebLink | None = Field(default=None, description="Site officiel de la solution.")
    lien_mobilisation: WebLink | None = Field(
        default=None, description="Lien pour s'inscrire, réserver ou faire la demande."
    )
    adresse: ShortText | None = Field(
        default=None, description="Adresse d'accueil (numéro et rue)."
    )
    code_postal: PostalCode | None = Field(default=None, description="Code postal de l'adresse.")
    commune: CommuneCode | None = Field(
        default=None, description="Code INSEE de la commune de l'adresse."
    )
    modes_accueil: list[ModeAccueil] = json_field(
        list[ModeAccueil], default=[], description="en-presentiel, a-distance."
    )
    modes_mobilisation: list[ModeMobilisation] = json_field(
        list[ModeMobilisation], default=[], description="Comment la personne fait la démarche."
    )
    mobilisable_par: list[PersonneMobilisatrice] = json_field(
        list[PersonneMobilisatrice],
        min_length=1,
        description="usagers (la personne elle-même) et/ou professionnels (sur orientation).",
    )
    mobilisation_precisions: LongText | None = Field(
        default=None, description="Comment faire la démarche, délais, orientation…"
    )
    pieces_a_fournir: list[ShortText] = json_field(
        list[str], default=[], description="Ce qu'il faut apporter (pièce d'identité…)."
    )

    source: WebLink = Field(description="Lien vers la page qui prouve l'information.")
    autres_sources: list[WebLink] = json_field(
        list[str], default=[], description="Autres pages qui prouvent une partie des faits."
    )
    date_source: EvidenceDate = Field(
        description="Date que porte la source (2023-08-15, 2023-08, 2023) ou « inconnue »."
    )
    verifie_le: date = Field(description="Date à laquelle quelqu'un a lu la source.")
    fiabilite: Reliability = enum_field(
        Reliability, description="confirme, confirme-ancien ou a-confirmer."
    )
    a_confirmer: LongText | None = Field(
        default=None, description="Ce qui reste à vérifier auprès de l'opérateur."
    )
    valide_jusqu_au: date | None = Field(
        default=None, description="Date de fin du dispositif, s'il en a une."
    )

    TRIP_CATEGORIES: ClassVar[frozenset[Category]] = frozenset(
        {
            Category.TRANSPORT_PUBLIC,
            Category.TRANSPORT_A_LA_DEMANDE,
            Category.TRANSPORT_SOLIDAIRE,
            Category.COVOITURAGE,
            Category.TRANSPORT_ADAPTE,
        }
    )

    @property
    def is_line(self) -> bool:
        """A line, a network or a station-based service: it goes only where it stops."""
        return self.dessert is not None

    @property
    def is_trip_based(self) -> bool:
        """A service that carries the person: its zone must also cover the destination."""
        return self.categorie in self.TRIP_CATEGORIES or self.destinations is not None

    @property
    def professionals_only(self) -> bool:
        """Only a professional can mobilise it: the person comes on referral."""
        return set(self.mobilisable_par) == {PersonneMobilisatrice.PROFESSIONNELS}

    @property
    def to_confirm(self) -> bool:
        """Its information is not confirmed yet: call before going."""
        return self.fiabilite is Reliability.A_CONFIRMER

    @property
    def in_service(self) -> bool:
        """Offered to the public: not flagged as probably closed or ended."""
        return self.etat is ServiceState.EN_SERVICE


class SolutionEntry(SolutionBase):
    """The YAML contract of `data/solutions/<id>.yaml`: no unknown key, every rule checked."""

    model_config = ConfigDict(  # type: ignore[assignment]
        extra="forbid",
        title="Fiche solution de mobilité",
        json_schema_extra={"description": "Une fiche du catalogue (data/solutions/<id>.yaml)."},
    )

    @model_validator(mode="after")
    def coherent(self) -> SolutionEntry:
        if Public.TOUS_PUBLICS in self.publics and len(self.publics) > 1:
            raise _field_error(
                "publics",
                "« tous-publics » ne se combine pas avec d'autres publics : gardez l'un ou l'autre",
            )
        needs = {
            ModeMobilisation.TELEPHONER: ("telephone", self.telephone),
            ModeMobilisation.ENVOYER_UN_COURRIEL: ("courriel", self.courriel),
            ModeMobilisation.UTILISER_LIEN_MOBILISATION: (
                "lien_mobilisation",
                self.lien_mobilisation,
            ),
            ModeMobilisation.SE_PRESENTER: ("adresse", self.adresse),
        }
        if self.montant_max is not None and self.nature not in (Offer.AIDE, Offer.PRET):
            raise _field_error(
                "montant_max",
                "« montant_max » ne vaut que pour une aide ou un prêt : indiquez "
                "« nature: aide » (ou pret), ou mettez le prix dans « frais_precisions »",
            )
        for mode in self.modes_mobilisation:
            key, value = needs[mode]
            if not value:
                raise _field_error(
                    "modes_mobilisation",
                    f"le mode « {mode.value} » demande le champ « {key} » : "
                    f"renseignez-le ou retirez ce mode",
                )
        return self


def _field_error(field: str, message: str) -> PydanticCustomError:
    return PydanticCustomError("incoherence", message, {"field": field})


class Solution(SolutionBase, table=True):
    """A solution as stored in the database."""

    # Every reload lists each entry's fingerprint: from this index alone, without reading
    # the rows (at 100,000 entries, 4 s instead of a fraction of a second).
    __table_args__ = (Index("ix_solution_id_empreinte", "id", "empreinte"),)

    id: str = Field(primary_key=True, max_length=120)
    fichier: str = Field(description="Chemin du fichier YAML d'origine.")
    empreinte: str = Field(max_length=64, description="Empreinte du contenu, pour la synchro.")


class CatalogueState(SQLModel, table=True):
    """One row: which catalogue version is in the database, so that servers can reload."""

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    synced_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    entries: int = 0


class SolutionPublic(SolutionBase):
    """A solution as pages and the API show it: the stored fields plus what people read."""

    id: str
    categorie_libelle: str
    zone_noms: list[str]
    destinations_noms: list[str]
    commune_nom: str | None
    horaires_texte: list[str]
    telephone_uri: str | None
    sur_orientation: bool = Field(description="Vrai si seul un professionnel peut la mobiliser.")
    conditions_texte: list[str] = Field(
        description="Publics, âges, statuts et prérequis, en phrases (« Âge : de 18 à 25 ans. »)."
    )
    prix: Price = Field(description="Ce que la personne paie ou reçoit, en mots.")
    verification_texte: str = Field(
        description="Date de l'information et de sa vérification, en clair (« Information de "
        "2023, vérifiée le 25 novembre 2026 », ou « Source non datée, consultée le … »)."
    )
    information_ancienne: bool = Field(
        description="Vrai si la source n'est pas datée ou date de plus de STALE_AFTER_DAYS "
        "jours : l'information a pu changer, appelez avant de vous déplacer."
    )
