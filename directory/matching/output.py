"""What a match returns, for the desk page and `/api/match` alike: groups, reasons, near misses.

`to_output` words the engine's outcome (see `phrases.py`); only shown items are worded.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from directory.field_types import phone_uri
from directory.geo import Commune, Geography, ZoneLevel
from directory.hours import describe_hours
from directory.matching.engine import Outcome
from directory.matching.facts import Fact, Kind
from directory.matching.phrases import Wording
from directory.matching.profile import Person
from directory.matching.rules import Assessment
from directory.matching.situation import SLOT_LABELS, Answer, Situation
from directory.places import commune_value
from directory.prices import Price, price
from directory.vocabulary import Category, Reliability

MAX_PER_GROUP = 12  # a group longer than this asks for a more precise situation


class CommuneOut(BaseModel):
    code: str = Field(description="Code INSEE.")
    nom: str
    valeur: str = Field(description="Forme à renvoyer pour désigner cette commune sans ambiguïté.")
    departement: str


class GuessOut(BaseModel):
    saisie: str = Field(description="Ce qui a été tapé (« Clermont »).")
    commune: CommuneOut = Field(description="La seule commune de l'Hérault qui correspond.")


class NeedOut(BaseModel):
    id: str
    titre: str
    deduit: bool = Field(description="Vrai si le besoin est déduit de la situation.")


class SituationOut(BaseModel):
    commune: CommuneOut
    destinations: list[CommuneOut]
    choix_automatiques: list[GuessOut] = Field(
        description="Communes choisies d'office : seule commune de l'Hérault qui correspond."
    )
    territoire: str | None = Field(description="Territoire du programme de la commune.")
    besoin_principal: NeedOut
    resume: list[str] = Field(description="La situation retenue, en mots (« 68 ans », …).")


class ResultOut(BaseModel):
    id: str
    nom: str
    categorie: Category
    categorie_libelle: str
    operateur: str | None
    besoin: str = Field(description="Le besoin auquel la solution répond (groupe).")
    pourquoi: list[str] = Field(description="Pourquoi cette solution convient.")
    a_verifier: list[str] = Field(description="Ce qu'il reste à vérifier avec la personne.")
    telephone: str | None
    telephone_uri: str | None
    site_web: str | None
    prix: Price
    horaires_texte: list[str]
    sur_orientation: bool
    fiabilite: Reliability
    score: float = Field(description="Rang interne : plus haut = plus adapté.")


class GroupOut(BaseModel):
    id: str
    titre: str
    total: int = Field(description="Nombre de solutions du groupe (les premières sont listées).")
    resultats: list[ResultOut]


class NearMissOut(BaseModel):
    id: str
    nom: str
    categorie_libelle: str
    besoin: str
    raisons: list[str] = Field(description="Pourquoi la solution est écartée.")


class MatchOut(BaseModel):
    situation: SituationOut
    total: int = Field(description="Nombre de solutions qui conviennent.")
    essentiel: list[ResultOut] = Field(
        description="L'essentiel : les 3 à 6 solutions à proposer d'abord, tous besoins "
        "confondus, chacune avec ses raisons."
    )
    groupes: list[GroupOut] = Field(
        description="Les autres solutions qui conviennent, groupées par besoin."
    )
    ecartees: list[NearMissOut] = Field(description="Solutions proches, écartées pour une raison.")
    ecartees_total: int
    catalogue_version: int
    calcule_le: date = Field(description="Date du calcul (fin des dispositifs, horaires).")


def commune_out(commune: Commune, geo: Geography) -> CommuneOut:
    return CommuneOut(
        code=commune.code,
        nom=commune.nom,
        valeur=commune_value(commune),
        departement=geo.departements.get(commune.departement, (commune.departement, ""))[0],
    )


def summary(person: Person, situation: Situation) -> list[str]:
    """The situation as the advisor entered it, in words."""
    words = [commune_value(person.home.commune)]
    if person.destinations:
        words.append("vers " + ", ".join(p.commune.nom for p in person.destinations))
    if person.age is not None:
        words.append(f"{person.age} ans")
    words += [_lowered(s.label) for s in sorted(person.statuses, key=_order)]
    if situation.demandeur_emploi is Answer.NON:
        words.append("pas inscrit à France Travail")
    if person.job_seeker_months is not None:
        words.append(f"inscrit depuis {person.job_seeker_months} mois")
    for field_name in ANSWERED:
        answer = getattr(situation, field_name)
        if answer is not None:
            words.append(ANSWER_WORDS[field_name][answer.value])
    words += [_lowered(c.label) for c in situation.contraintes]
    words += [_lowered(p.label) for p in sorted(person.purposes, key=_order)]
    words += [SLOT_LABELS[s] for s in person.slots]
    return words


ANSWERED = ("handicap", "permis", "voiture", "smartphone")
ANSWER_WORDS = {
    "handicap": {"oui": "en situation de handicap", "non": "pas de handicap"},
    "permis": {"oui": "a le permis B", "non": "pas de permis B"},
    "voiture": {"oui": "a une voiture", "en-panne": "voiture en panne", "non": "pas de voiture"},
    "smartphone": {"oui": "a un smartphone", "non": "pas de smartphone"},
}


def _lowered(label: str) -> str:
    """« Bénéficiaire du RSA » -> « bénéficiaire du RSA » (acronyms stay as they are)."""
    return label[:1].lower() + label[1:]


def _order(member: object) -> int:
    return list(type(member)).index(member)  # type: ignore[call-overload]


def telling_fits(a: Assessment) -> list[Fact]:
    """The reasons worth reading: « partout en France » or « dans toute la région » says only
    that the person is not excluded, so it is left out when something more telling is said."""
    wide = [f for f in a.fits if f.kind is Kind.ZONE and f.value >= ZoneLevel.DEPARTEMENT]
    return [f for f in a.fits if f not in wide] if len(wide) < len(a.fits) else a.fits


def result_out(a: Assessment, wording: Wording) -> ResultOut:
    """Built from values already checked at sync: no second validation (it was a third of
    the matching's time at 10,000 entries)."""
    s = a.candidate.solution
    return ResultOut.model_construct(
        id=s.id,
        nom=s.nom,
        categorie=s.categorie,
        categorie_libelle=s.categorie.label,
        operateur=s.operateur,
        besoin=a.candidate.need.title,
        pourquoi=list(dict.fromkeys(wording.fit(f) for f in telling_fits(a))),
        a_verifier=list(dict.fromkeys(wording.check(f) for f in a.checks)),
        telephone=s.telephone,
        telephone_uri=phone_uri(s.telephone) if s.telephone else None,
        site_web=s.lien_mobilisation or s.site_web,
        prix=price(s),
        horaires_texte=describe_hours(s.horaires) if s.horaires else [],
        sur_orientation=s.professionals_only,
        fiabilite=s.fiabilite,
        score=round(a.score, 2),
    )


def near_miss_out(a: Assessment, wording: Wording) -> NearMissOut:
    s = a.candidate.solution
    return NearMissOut.model_construct(
        id=s.id,
        nom=s.nom,
        categorie_libelle=s.categorie.label,
        besoin=a.candidate.need.title,
        raisons=[wording.exclusion(f, s.zone) for f in a.exclusions],
    )


def to_output(
    outcome: Outcome,
    person: Person,
    situation: Situation,
    geo: Geography,
    version: int,
    today: date,
) -> MatchOut:
    wording = Wording(geo, person)
    shortlisted = {a.candidate.id for a in outcome.shortlist}
    chain = geo.chain(person.home.commune.code)
    places = (person.home, *person.destinations)
    return MatchOut(
        situation=SituationOut(
            commune=commune_out(person.home.commune, geo),
            destinations=[commune_out(p.commune, geo) for p in person.destinations],
            choix_automatiques=[
                GuessOut(saisie=p.guessed_from, commune=commune_out(p.commune, geo))
                for p in places
                if p.guessed_from
            ],
            territoire=chain.territories[0].id if chain and chain.territories else None,
            besoin_principal=NeedOut(
                id=outcome.main_need.id,
                titre=outcome.main_need.title,
                deduit=person.main_need is None,
            ),
            resume=summary(person, situation),
        ),
        total=outcome.total,
        essentiel=[result_out(a, wording) for a in outcome.shortlist],
        groupes=[
            GroupOut(
                id=group.need.id,
                titre=group.need.title,
                total=len(rest),
                resultats=[result_out(a, wording) for a in rest[:MAX_PER_GROUP]],
            )
            for group in outcome.groups
            if (rest := [a for a in group.results if a.candidate.id not in shortlisted])
        ],
        ecartees=[near_miss_out(a, wording) for a in outcome.near_misses],
        ecartees_total=outcome.near_miss_total,
        catalogue_version=version,
        calcule_le=today,
    )
