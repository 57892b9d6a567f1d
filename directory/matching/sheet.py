"""The take-away sheet: the chosen solutions in plain words, the desk to call, next steps.

`build_sheet` gathers what the person keeps: « Votre permanence info-mobilité » (the desk that
hands the sheet over), the advisor's note, « Prochaines étapes » (whom to call, what to bring,
before when), then each solution (what it is, why it fits, how to reach it — through the desk
when no contact is known —, what it costs, when). Texts are cut to a few lines so that three
solutions print on one A4 page and seven on two; the full entry stays on its page.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from directory.errors import InvalidInputError
from directory.french import date_fr, join_fr
from directory.geo import Geography
from directory.matching.facts import Kind
from directory.matching.output import MatchOut, ResultOut
from directory.matching.phrases import SIMPLE
from directory.matching.situation import Answer, Situation
from directory.matching.sms import TextLine, sheet_text, short_name, sms_count
from directory.prices import Price, price
from directory.programme.references import display, normalize
from directory.services import Desk, to_public
from directory.snapshot import Snapshot
from directory.text import site_name

MAX_ITEMS = 12
MAX_NOTE = 400
SUMMARY_CHARS = 170
DETAIL_CHARS = 110
CONDITIONS_CHARS = 200  # the conditions of access, printed: the person has no entry page to see
MAX_REASONS = 4
MAX_CHECKS = 3
MAX_PIECES = 4
SHEET_NAME_CHARS = 60  # a name in « Prochaines étapes »: cut at its first comma
REFERENCE_CHARS = 20  # « K7MP-4QX2 » with room for spaces


class SheetRequest(BaseModel):
    """What the advisor sends to make the sheet (in a POST body: never in an address)."""

    model_config = ConfigDict(extra="forbid")

    ids: list[str] = Field(
        min_length=1,
        max_length=MAX_ITEMS,
        description=f"Identifiants des solutions choisies ({MAX_ITEMS} au plus).",
    )
    situation: Situation | None = Field(
        default=None, description="La situation, pour dire pourquoi chaque solution convient."
    )
    note: str | None = Field(
        default=None,
        max_length=MAX_NOTE,
        description="Le mot du conseiller, imprimé sur la fiche ; ni conservé ni journalisé.",
    )
    permanence: str | None = Field(
        default=None,
        description="Le territoire de la permanence qui remet la fiche (par défaut, celui "
        "de la commune de la personne).",
    )
    reference: str | None = Field(
        default=None,
        description="La référence de l'entretien compté dans l'espace partenaires "
        "(« K7MP-4QX2 ») : imprimée sur la fiche et dans le texte pour SMS. Elle ne dit rien "
        "de la personne.",
    )

    @field_validator("reference")
    @classmethod
    def well_formed_reference(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        found = normalize(value) if len(value) <= REFERENCE_CHARS else None
        if found is None:
            raise PydanticCustomError(
                "reference",
                "référence mal formée : 8 lettres ou chiffres, par exemple « K7MP-4QX2 »",
            )
        return display(found)


class SheetItem(BaseModel):
    id: str
    nom: str
    categorie_libelle: str
    resume: str = Field(description="Ce que c'est, en quelques lignes.")
    operateur: str | None
    telephone: str | None
    telephone_uri: str | None
    courriel: str | None
    lien: str | None = Field(description="Lien pour faire la demande, sinon site du service.")
    adresse: str | None
    par_la_permanence: str | None = Field(
        description="Comment joindre le service par la permanence, quand aucun contact direct "
        "n'est connu."
    )
    conditions: str | None = Field(description="Conditions d'accès, telles que la fiche les écrit.")
    a_apporter: list[str]
    prix: Price
    horaires: list[str]
    horaires_precisions: str | None
    comment: str | None = Field(description="Comment faire la démarche.")
    sur_orientation: bool
    a_confirmer: bool = Field(description="Vrai si la fiche n'est pas encore confirmée.")
    fin: date | None = Field(description="Date de fin du dispositif.")
    pourquoi: list[str]
    a_verifier: list[str]


class Sheet(BaseModel):
    titre: str
    date: str
    permanence: Desk | None = Field(description="Votre permanence info-mobilité.")
    note: str | None = Field(description="Le mot du conseiller.")
    prochaines_etapes: list[str]
    solutions: list[SheetItem]
    absentes: list[str] = Field(description="Identifiants demandés qui ne sont plus au catalogue.")
    lien: str = Field(description="Adresse de la fiche, avec les seuls identifiants.")
    reference: str | None = Field(
        description="Référence de l'entretien compté, à donner si la personne rappelle."
    )
    texte: str = Field(description="Version courte, à coller dans un SMS (alphabet GSM-7).")
    avec_lien: bool = Field(description="Vrai si le texte donne le lien de la fiche.")
    sms: int = Field(description="Nombre de SMS de la version courte.")


def build_sheet(
    request: SheetRequest,
    snapshot: Snapshot,
    geo: Geography,
    today: date,
    address: str,
    desk: Desk | None,
    matched: MatchOut | None = None,
) -> Sheet:
    """The chosen solutions, in the order of the results when a match explains them; the
    sheet's link is `address` with their ids, in that order."""
    wanted = list(dict.fromkeys(i.strip() for i in request.ids if i.strip()))
    if not wanted:
        raise InvalidInputError(
            "ids", "« ids » aucune solution choisie : cochez au moins une solution"
        )
    explained = _explained(matched)
    ranked = [i for i in explained if i in wanted] + [i for i in wanted if i not in explained]
    items = []
    for solution_id in ranked:
        if snapshot.get(solution_id) is not None:
            items.append(_item(solution_id, snapshot, geo, desk, explained.get(solution_id)))
    link = address + ("?ids=" + ",".join(item.id for item in items) if items else "")
    situation = request.situation
    with_link = situation is not None and situation.smartphone is Answer.OUI
    text = sheet_text(
        [TextLine(_text_contact(item), item.nom) for item in items],
        today,
        _desk_line(desk),
        link if with_link and items else None,
        request.reference,
    )
    return Sheet(
        titre="Vos solutions pour vous déplacer",
        date=date_fr(today),
        permanence=desk,
        note=(request.note or "").strip() or None,
        prochaines_etapes=next_steps(items, desk),
        solutions=items,
        absentes=[i for i in wanted if snapshot.get(i) is None],
        lien=link,
        reference=request.reference,
        texte=text,
        avec_lien=link in text,
        sms=sms_count(text),
    )


def _explained(matched: MatchOut | None) -> dict[str, ResultOut]:
    if matched is None:
        return {}
    results = [*matched.essentiel, *(r for g in matched.groupes for r in g.resultats)]
    return {r.id: r for r in results}


def _item(
    solution_id: str,
    snapshot: Snapshot,
    geo: Geography,
    desk: Desk | None,
    explained: ResultOut | None,
) -> SheetItem:
    solution = snapshot.solutions[solution_id]
    public = to_public(solution, geo)
    place = " ".join(p for p in (public.code_postal, public.commune_nom) if p)
    cost = price(solution)
    reachable = public.telephone or public.courriel or public.lien_mobilisation
    reachable = reachable or public.site_web or public.adresse
    return SheetItem(
        id=solution_id,
        nom=public.nom,
        categorie_libelle=public.categorie_libelle,
        resume=shorten(public.description, SUMMARY_CHARS),
        operateur=public.operateur,
        telephone=public.telephone,
        telephone_uri=public.telephone_uri,
        courriel=public.courriel,
        lien=public.lien_mobilisation or public.site_web,
        adresse=f"{public.adresse}, {place}" if public.adresse and place else public.adresse,
        par_la_permanence=None if reachable else through_the_desk(desk),
        conditions=_short(solution.eligibilite.conditions, CONDITIONS_CHARS),
        a_apporter=public.pieces_a_fournir[:MAX_PIECES],
        prix=Price(libelle=cost.libelle, precisions=_short(cost.precisions, DETAIL_CHARS)),
        horaires=public.horaires_texte,
        horaires_precisions=_short(public.horaires_precisions, DETAIL_CHARS),
        comment=_short(public.mobilisation_precisions, DETAIL_CHARS),
        sur_orientation=public.sur_orientation,
        a_confirmer=public.to_confirm,
        fin=public.valide_jusqu_au,
        pourquoi=explained.pourquoi[:MAX_REASONS] if explained else [],
        a_verifier=_checks_on_paper(explained),
    )


def _checks_on_paper(explained: ResultOut | None) -> list[str]:
    """What is left to check, for the person: the sheet prints the conditions themselves, so
    the advisor's pointer to them (« autres conditions : voir la fiche ») is left out."""
    if explained is None:
        return []
    pointer = SIMPLE[Kind.CONDITIONS]
    return [check for check in explained.a_verifier if check != pointer][:MAX_CHECKS]


def through_the_desk(desk: Desk | None) -> str:
    """How to reach a service whose contact is unknown: through the desk, with its contact."""
    if desk is None:
        return "Pas de contact direct connu : une permanence info-mobilité vous met en relation."
    how = desk.telephone or desk.courriel or _site(desk.site_web)
    reach = f"{desk.structure}, {how}" if how else desk.structure
    return (
        f"Pas de contact direct connu : votre permanence info-mobilité ({reach}) "
        "vous met en relation."
    )


def next_steps(items: list[SheetItem], desk: Desk | None) -> list[str]:
    """« Prochaines étapes »: whom to call, through whom, what to bring, before when."""
    steps = []
    calls = [f"{_name(i)} au {i.telephone}" for i in items if i.telephone and not i.sur_orientation]
    if calls:
        steps.append("Appeler " + join_fr(calls) + ".")
    referred = [_name(i) for i in items if i.sur_orientation]
    if referred:
        steps.append(
            "Demander à votre conseiller (France Travail, Mission locale, travailleur social) "
            "de vous orienter vers " + join_fr(referred) + "."
        )
    via_desk = [_name(i) for i in items if i.par_la_permanence]
    if via_desk and desk is not None:
        steps.append(f"Pour {join_fr(via_desk)} : contacter {desk.structure}.")
    pieces = list(dict.fromkeys(p for i in items for p in i.a_apporter))
    if pieces:
        steps.append("Apporter : " + join_fr([p[:1].lower() + p[1:] for p in pieces]) + ".")
    for item in items:
        if item.fin is not None:
            steps.append(f"Faire la demande de {_name(item)} avant le {date_fr(item.fin)}.")
    return steps


def _name(item: SheetItem) -> str:
    return short_name(item.nom, SHEET_NAME_CHARS)


def _text_contact(item: SheetItem) -> str:
    if item.telephone:
        return item.telephone
    if item.lien:
        return _site(item.lien) or item.lien
    if item.courriel:
        return item.courriel
    if item.sur_orientation:
        return "sur orientation de votre conseiller"
    return "par votre permanence"


def _desk_line(desk: Desk | None) -> str | None:
    if desk is None:
        return None
    how = desk.telephone or _site(desk.site_web)
    return f"{desk.structure}, {how}" if how else None


def _site(url: str | None) -> str | None:
    return site_name(url) or None


def shorten(text: str, limit: int) -> str:
    """The first sentences that fit the limit, or the text cut at a word with « … »."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = text.replace("! ", ". ").split(". ")
    kept = ""
    for sentence in sentences:
        candidate = f"{kept} {sentence}.".strip() if kept else f"{sentence}."
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _short(text: str | None, limit: int) -> str | None:
    return shorten(text, limit) if text else None
