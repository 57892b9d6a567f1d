"""Letters to operators: for each, what the directory publishes about its services and what
needs confirming, so that the partners can have the facts confirmed by the people who know.

A letter gathers the entries whose `operateur` names the same organisation (the name before
any precision: « Région Occitanie (liO) » and « Région Occitanie » are one operator). It is
written from the entries as the site shows them, so the operator reads what the public reads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from directory.catalogue.figures import CONTACT_PATHS, contact_paths
from directory.catalogue.loader import LoadedEntry
from directory.desks import DeskEntry
from directory.evidence import evidence_date_words, is_outdated
from directory.field_types import UNKNOWN_DATE
from directory.french import join_fr
from directory.geo import Geography
from directory.models import LINE_CATEGORIES, SolutionPublic
from directory.services import to_public
from directory.text import fold
from directory.vocabulary import Offer

# « Hérault Transport, pour la Région (liO) » -> « Hérault Transport »
_PRECISION = re.compile(r"\s*(?:\(|,|;| avec | pour | — | – ).*$")


def operator_name(operateur: str) -> str:
    """The organisation an entry's `operateur` names, without its precisions."""
    return _PRECISION.sub("", operateur).strip() or operateur.strip()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "operateur"


@dataclass
class Fact:
    label: str
    lines: list[str]


@dataclass
class LetterEntry:
    id: str
    nom: str
    operateur: str  # as the entry writes it
    url: str | None  # the entry's page, when the site has a public address
    published: list[Fact]
    to_confirm: list[str]


@dataclass
class Reply:
    """Whom the operator answers: a desk structure of a territory its services reach."""

    structure: str
    contacts: list[str]


@dataclass
class Letter:
    operator: str
    slug: str
    today: date
    entries: list[LetterEntry] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)

    @property
    def questions(self) -> int:
        return sum(len(e.to_confirm) for e in self.entries)


@dataclass
class Letters:
    letters: list[Letter]
    without_operator: list[LoadedEntry]


def build_letters(
    entries: list[LoadedEntry],
    geo: Geography,
    desks: dict[str, DeskEntry],
    today: date,
    site_url: str,
    stale_after_days: int,
    only: str | None = None,
) -> Letters:
    """One letter per operator (those whose name contains `only`, if given)."""
    groups: dict[str, list[LoadedEntry]] = defaultdict(list)
    without: list[LoadedEntry] = []
    for loaded in entries:
        if loaded.entry.operateur:
            groups[operator_name(loaded.entry.operateur)].append(loaded)
        else:
            without.append(loaded)
    letters = []
    slugs: set[str] = set()
    for name in sorted(groups, key=fold):
        if only and fold(only) not in fold(name):
            continue
        group = sorted(groups[name], key=lambda e: fold(e.entry.nom))
        file_name = slug(name)
        while file_name in slugs:  # two names that fold alike keep two files
            file_name += "-bis"
        slugs.add(file_name)
        letter = Letter(name, file_name, today)
        for loaded in group:
            public = to_public(loaded.to_record(), geo, today, stale_after_days)
            letter.entries.append(
                LetterEntry(
                    id=loaded.id,
                    nom=public.nom,
                    operateur=loaded.entry.operateur or name,
                    url=_page_url(site_url, loaded.id),
                    published=published_facts(public, geo),
                    to_confirm=questions(public, geo, today, stale_after_days),
                )
            )
        letter.replies = _replies(group, geo, desks)
        letters.append(letter)
    return Letters(letters, without)


def _page_url(site_url: str, entry_id: str) -> str | None:
    """The entry's page, unless the site has no public address yet (a local default)."""
    host = urlsplit(site_url).hostname or ""
    if host in {"", "localhost", "127.0.0.1", "::1"}:
        return None
    return f"{site_url.rstrip('/')}/solutions/{entry_id}"


def published_facts(s: SolutionPublic, geo: Geography) -> list[Fact]:
    """What a reader of the site learns about the service, heading by heading."""
    facts = [Fact("Ce que c'est", [s.description]), Fact("Pour qui", list(s.conditions_texte))]
    if s.eligibilite.conditions:
        facts[-1].lines.append(s.eligibilite.conditions)
    where = [f"Pour les personnes qui habitent : {join_fr(s.zone_noms)}."]
    if s.destinations_noms:
        where.append(f"Destinations : {join_fr(s.destinations_noms)}.")
    if s.dessert is not None:
        stops = geo.describe_zone(s.dessert)
        where.append(f"Arrêts ou gares : {join_fr(stops)}.")
    facts.append(Fact("Où", where))
    facts.append(Fact("Prix", _price(s)))
    if s.horaires_texte or s.horaires_precisions:
        hours = [line[:1].upper() + line[1:] for line in s.horaires_texte]
        facts.append(Fact("Horaires", [*hours, *filter(None, [s.horaires_precisions])]))
    how = []
    if s.sur_orientation:
        how.append("Sur orientation d'un professionnel (France Travail, Mission locale…).")
    how += [text for text in (s.mobilisation_precisions,) if text]
    if s.pieces_a_fournir:
        how.append("À apporter : " + join_fr(s.pieces_a_fournir) + ".")
    if how:
        facts.append(Fact("Comment en profiter", how))
    facts.append(Fact("Pour vous joindre", _contacts(s, geo)))
    sources = [s.source, *s.autres_sources]
    facts.append(Fact("D'où vient l'information", [f"{s.verification_texte}.", *sources]))
    return facts


def _price(s: SolutionPublic) -> list[str]:
    lines = []
    if s.montant_max is not None:
        kind = "Prêt" if s.nature is Offer.PRET else "Aide"
        lines.append(f"{kind} jusqu'à {s.montant_max:_} €.".replace("_", " "))
    elif s.frais is not None:
        lines.append(f"{s.frais.label}.")
    if s.frais_precisions:
        lines.append(s.frais_precisions)
    return lines or ["Non indiqué."]


def _contacts(s: SolutionPublic, geo: Geography) -> list[str]:
    lines = []
    if s.telephone:
        lines.append(f"Téléphone : {s.telephone}")
    if s.courriel:
        lines.append(f"Courriel : {s.courriel}")
    if s.lien_mobilisation:
        lines.append(f"Pour réserver ou s'inscrire : {s.lien_mobilisation}")
    if s.site_web:
        lines.append(f"Site : {s.site_web}")
    if s.adresse:
        place = " ".join(filter(None, [s.code_postal, s.commune_nom]))
        lines.append(f"Adresse : {s.adresse}{', ' + place if place else ''}")
    return lines or ["Aucun moyen de vous joindre n'est publié."]


def questions(s: SolutionPublic, geo: Geography, today: date, stale_after_days: int) -> list[str]:
    """What the operator is asked to confirm or give, in the order that matters most."""
    asked = []
    if not s.in_service:
        asked.append(
            "Ce service fonctionne-t-il toujours ? Une source laisse penser qu'il s'est arrêté : "
            "nous ne le proposons plus au public tant que vous ne l'avez pas confirmé."
        )
    if s.a_confirmer:
        asked.append(f"Notre note de travail sur cette fiche : « {s.a_confirmer} »")
    if s.date_source == UNKNOWN_DATE:
        asked.append(
            "La page que nous avons lue n'est pas datée : ces informations sont-elles à jour ?"
        )
    elif is_outdated(s.date_source, today, stale_after_days):
        asked.append(
            f"Ces informations datent {evidence_date_words(s.date_source)} : sont-elles "
            "toujours exactes ?"
        )
    if not contact_paths(s):
        wanted = ", ".join(CONTACT_PATHS.values())
        asked.append(f"Comment le public peut-il vous joindre : {wanted} ?")
    if s.frais is None and s.montant_max is None:
        asked.append("Le service est-il gratuit ou payant ? Si payant, à quel prix ?")
    if not (s.horaires or s.horaires_precisions):
        asked.append("Quels sont les jours et horaires d'ouverture ou de fonctionnement ?")
    if s.categorie in LINE_CATEGORIES and s.dessert is not None:
        stops = join_fr(geo.describe_zone(s.dessert))
        asked.append(
            f"Nous indiquons des arrêts ou des gares à : {stops}. "
            "Cette liste est-elle complète et à jour ?"
        )
    return asked


def _replies(group: list[LoadedEntry], geo: Geography, desks: dict[str, DeskEntry]) -> list[Reply]:
    territories = {t for loaded in group for t in geo.territory_ids_of_zone(loaded.entry.zone)}
    replies: list[Reply] = []
    for territory_id in geo.territories:
        desk = desks.get(territory_id)
        if territory_id not in territories or desk is None:
            continue
        contacts = [str(value) for value in (desk.telephone, desk.courriel) if value]
        if desk.structure not in {r.structure for r in replies}:
            replies.append(Reply(desk.structure, contacts))
    return replies
