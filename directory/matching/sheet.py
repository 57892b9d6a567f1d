"""The take-away sheet: the chosen solutions in plain words, and a short text for an SMS.

`build_sheet` gathers what the person keeps (what it is, who to call, what to bring, cost,
hours, why it fits); `sheet_text` makes the few lines an advisor pastes after a phone session.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlencode

from pydantic import BaseModel, Field

from directory.errors import InvalidInputError
from directory.french import date_fr
from directory.geo import Geography
from directory.matching.output import MatchOut
from directory.services import to_public
from directory.snapshot import Snapshot

MAX_ITEMS = 12
TEXT_TARGET = 600  # characters: about four SMS
SHORT_NAME = 45
_SMS_SAFE = str.maketrans({"’": "'", "«": '"', "»": '"', "\u00a0": " ", "\u202f": " ", "…": "..."})


class SheetItem(BaseModel):
    id: str
    nom: str
    categorie_libelle: str
    description: str
    operateur: str | None
    telephone: str | None
    telephone_uri: str | None
    courriel: str | None
    lien: str | None = Field(description="Lien pour faire la demande, sinon site du service.")
    adresse: str | None
    a_apporter: list[str]
    frais: str = Field(description="« Gratuit », « Payant » ou « Prix non renseigné ».")
    frais_precisions: str | None
    horaires: list[str]
    horaires_precisions: str | None
    comment: str | None = Field(description="Comment faire la démarche.")
    sur_orientation: bool
    a_confirmer: bool = Field(description="Vrai si la fiche n'est pas encore confirmée.")
    pourquoi: list[str]
    a_verifier: list[str]


class Sheet(BaseModel):
    titre: str
    date: str
    solutions: list[SheetItem]
    absentes: list[str] = Field(description="Identifiants demandés qui ne sont plus au catalogue.")
    texte: str = Field(description="Version courte, à coller dans un SMS ou un courriel.")


def build_sheet(
    ids: list[str],
    snapshot: Snapshot,
    geo: Geography,
    today: date,
    site_url: str,
    sheet_path: str,
    matched: MatchOut | None = None,
) -> Sheet:
    """The chosen solutions, in the order of the results when a match explains them."""
    wanted = list(dict.fromkeys(i for i in ids if i))[:MAX_ITEMS]
    if not wanted:
        raise InvalidInputError(
            "ids", "« ids » aucune solution choisie : cochez au moins une solution"
        )
    explained = {r.id: r for g in matched.groupes for r in g.resultats} if matched else {}
    ranked = [i for i in explained if i in wanted] + [i for i in wanted if i not in explained]
    items = []
    for solution_id in ranked:
        solution = snapshot.get(solution_id)
        if solution is None:
            continue
        item = _item(solution_id, snapshot, geo)
        if solution_id in explained:
            item.pourquoi = explained[solution_id].pourquoi
            item.a_verifier = explained[solution_id].a_verifier
        items.append(item)
    absent = [i for i in wanted if snapshot.get(i) is None]
    link = site_url.rstrip("/") + sheet_path + "?" + urlencode([("ids", i.id) for i in items])
    return Sheet(
        titre="Vos solutions pour vous déplacer",
        date=date_fr(today),
        solutions=items,
        absentes=absent,
        texte=sheet_text(items, today, link),
    )


def _item(solution_id: str, snapshot: Snapshot, geo: Geography) -> SheetItem:
    solution = snapshot.solutions[solution_id]
    public = to_public(solution, geo)
    place = ", ".join(p for p in (public.code_postal, public.commune_nom) if p)
    return SheetItem(
        id=solution_id,
        nom=public.nom,
        categorie_libelle=public.categorie_libelle,
        description=public.description,
        operateur=public.operateur,
        telephone=public.telephone,
        telephone_uri=public.telephone_uri,
        courriel=public.courriel,
        lien=public.lien_mobilisation or public.site_web,
        adresse=f"{public.adresse}, {place}" if public.adresse and place else public.adresse,
        a_apporter=public.pieces_a_fournir,
        frais=public.frais.label if public.frais else "Prix non renseigné",
        frais_precisions=public.frais_precisions,
        horaires=public.horaires_texte,
        horaires_precisions=public.horaires_precisions,
        comment=public.mobilisation_precisions,
        sur_orientation=public.sur_orientation,
        a_confirmer=public.to_confirm,
        pourquoi=[],
        a_verifier=[],
    )


def short_name(name: str, limit: int = SHORT_NAME) -> str:
    """« TADAM, le transport à la demande de la Vallée de l'Hérault » -> « TADAM »."""
    head = name.split(", ")[0]
    if len(head) >= 4:
        name = head
    if len(name) <= limit:
        return name
    cut = name[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–") + "…"


def _contact(item: SheetItem) -> str:
    if item.telephone:
        return item.telephone
    if item.lien:
        return re.sub(r"^https?://(www\.)?", "", item.lien).rstrip("/")
    if item.courriel:
        return item.courriel
    if item.sur_orientation:
        return "demandez à votre conseiller de vous orienter"
    return "contact à demander à la permanence info-mobilité"


def sheet_text(items: list[SheetItem], today: date, link: str) -> str:
    """One line per solution, name and who to call; shortened to stay near 600 characters."""
    for limit, with_link in ((SHORT_NAME, True), (30, True), (30, False), (20, False)):
        lines = [f"Vos solutions mobilité ({today:%d/%m/%Y}) :"]
        lines += [f"- {short_name(i.nom, limit)} : {_contact(i)}" for i in items]
        if with_link:
            lines.append(f"Détails : {link}")
        text = "\n".join(lines).translate(_SMS_SAFE)
        if len(text) <= TEXT_TARGET:
            break
    return text
