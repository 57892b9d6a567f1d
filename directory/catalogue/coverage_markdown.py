"""docs/couverture.md: the coverage report in French, readable as text and on a git web page."""

from __future__ import annotations

from collections.abc import Callable

from directory.catalogue.coverage import CoverageReport, Entry
from directory.catalogue.figures import CONTACT_PATHS, CONTACT_TARGET, Share
from directory.evidence import EvidenceAge, age_words, evidence_months, evidence_sentence
from directory.geo import Geography
from directory.vocabulary import Category


def limit_words(days: int) -> str:
    """365 -> « 12 mois », 730 -> « 24 mois », 90 -> « 90 jours »."""
    return f"{days * 12 // 365} mois" if days % 365 == 0 else f"{days} jours"


def render_markdown(report: CoverageReport, geo: Geography) -> str:
    limit = limit_words(report.stale_after_days)
    lines = [
        "# Couverture du catalogue",
        "",
        f"Rapport produit par `directory couverture` le {report.today:%d/%m/%Y}, "
        f"sur {report.entries} fiches valides.",
        "",
        *_summary(report, limit),
        *_matrix(report, geo),
        *_holes(report, geo),
        *_contacts(report, geo),
        *_evidence(report, limit),
        *_entry_section(
            "Fiches à confirmer avec les partenaires",
            report.to_confirm,
            lambda e: e.solution.a_confirmer or "à confirmer",
        ),
        *_entry_section(
            "Services probablement arrêtés (plus proposés au public)",
            report.closed,
            lambda e: (
                e.solution.a_confirmer or "demander à l'opérateur si le service fonctionne encore"
            ),
        ),
        *_entry_section(
            f"Sources lues il y a plus de {limit}",
            report.old_readings,
            lambda e: f"lue le {e.solution.verifie_le:%d/%m/%Y}",
        ),
        *_entry_section(
            "Dispositifs terminés",
            report.ended,
            lambda e: f"terminé le {e.solution.valide_jusqu_au:%d/%m/%Y}",
        ),
    ]
    return "\n".join(lines) + "\n"


def _summary(report: CoverageReport, limit: str) -> list[str]:
    contacts = report.contacts.reachable
    target = "atteint" if contacts.ratio >= CONTACT_TARGET else "pas encore atteint"
    evidence = report.evidence
    recent = evidence.band_share(EvidenceAge.RECENT)
    return [
        "## En bref",
        "",
        f"- **Joindre le service** : {contacts.words()} des services proposés au public ont au "
        f"moins un moyen de contact tiré de leur source (objectif de {round(100 * CONTACT_TARGET)} "
        f"% {target}).",
        f"- **Âge des informations** : {recent.words()} des fiches reposent sur une source de "
        f"moins d'un an ; {evidence.by_age[EvidenceAge.UNDATED]} sur une source non datée ; "
        f"{evidence.outdated} sont à faire confirmer (source non datée ou de plus de {limit}).",
        f"- **À traiter** : {len(report.to_confirm)} fiches à confirmer, "
        f"{len(report.closed)} services probablement arrêtés, "
        f"{len(report.unreachable)} services sans moyen de contact, "
        f"{len(report.ended)} dispositifs terminés.",
        "",
    ]


def _matrix(report: CoverageReport, geo: Geography) -> list[str]:
    territories = list(geo.territories.values())
    lines = [
        "## Offre par territoire et par catégorie",
        "",
        "Chaque case donne le nombre de services proposés au public que les habitants du "
        "territoire peuvent utiliser : « locales » (zone limitée au territoire ou plus petite) "
        "+ « générales » (département, région ou France). Les services probablement arrêtés ne "
        "sont pas comptés.",
        "",
        "| Catégorie | " + " | ".join(t.nom for t in territories) + " |",
        "| --- | " + " | ".join("---" for _ in territories) + " |",
    ]
    for category in Category:
        row = [category.label]
        for territory in territories:
            cell = report.matrix[territory.id][category]
            local = len(cell.local)
            row.append(
                "**aucune**"
                if cell.total == 0
                else f"{cell.total} ({local} locale{'s' if local > 1 else ''})"
            )
        lines.append("| " + " | ".join(row) + " |")
    return [*lines, ""]


def _holes(report: CoverageReport, geo: Geography) -> list[str]:
    lines = ["## Manques identifiés", ""]
    for hole in report.holes:
        lines.append(f"- {hole.sentence()[0].upper()}{hole.sentence()[1:]}.")
        for found in hole.searches:
            where = "" if found.place(geo) == hole.place else f" en {found.place(geo)}"
            sources = f" Pages consultées : {', '.join(found.sources)}." if found.sources else ""
            lines.append(
                f"  Cherché{where} le {found.verifie_le:%d/%m/%Y} : {found.recherche}{sources}"
            )
    if not report.holes:
        lines.append("Aucun manque identifié.")
    unsearched = sum(1 for hole in report.holes if not hole.searches)
    if unsearched:
        lines += [
            "",
            f"{unsearched} manque(s) sans recherche notée : écrivez dans `data/manques.yaml` ce "
            "qui a été cherché, où et quand.",
        ]
    if report.filled:
        lines += [
            "",
            "Recherches notées pour des manques aujourd'hui comblés (à retirer de "
            "`data/manques.yaml`) :",
            "",
        ]
        lines += [
            f"- {search.categorie.label} en {search.place(geo)} (cherché le "
            f"{search.verifie_le:%d/%m/%Y})"
            for search in report.filled
        ]
    for territory in geo.territories.values():
        if territory.a_confirmer:
            lines += ["", f"Note sur {territory.nom} : {territory.a_confirmer}"]
    return [*lines, ""]


def _contacts(report: CoverageReport, geo: Geography) -> list[str]:
    figures = report.contacts
    total = figures.reachable.total
    lines = [
        "## Comment joindre chaque solution",
        "",
        "Un moyen de contact est un téléphone, un courriel, un lien pour réserver ou s'inscrire "
        "ou une adresse où se rendre, écrit dans la fiche d'après sa source (un simple site "
        "internet ne compte pas). Comptés sur les services proposés au public.",
        "",
        "| Moyen de contact | Services |",
        "| --- | --- |",
        f"| **Au moins un** | **{figures.reachable.words()}** |",
    ]
    lines += [
        f"| {label[0].upper()}{label[1:]} | {Share(figures.by_path[name], total).words()} |"
        for name, label in CONTACT_PATHS.items()
    ]
    lines += ["", "| Territoire | Services joignables |", "| --- | --- |"]
    lines += [
        f"| {geo.territories[key].nom} | {found.words()} |"
        for key, found in figures.by_territory.items()
    ]
    lines += ["", "| Catégorie | Services joignables |", "| --- | --- |"]
    lines += [
        f"| {category.label} | {found.words()} |" for category, found in figures.by_category.items()
    ]
    lines.append("")
    lines += _entry_section(
        "Services sans moyen de contact (la permanence info-mobilité aide à les joindre)",
        report.unreachable,
        lambda e: (
            f"à chercher auprès de {e.solution.operateur}"
            if e.solution.operateur
            else "opérateur à identifier"
        ),
        level="###",
    )
    return [*lines, ""]


def _evidence(report: CoverageReport, limit: str) -> list[str]:
    figures = report.evidence
    lines = [
        "## Âge des informations",
        "",
        "L'âge d'une information est celui de sa source (`date_source`), pas celui de sa "
        "dernière lecture (`verifie_le`) : une page non datée lue hier ne prouve pas que "
        "l'information est récente.",
        "",
        "| Date de la source | Fiches |",
        "| --- | --- |",
    ]
    lines += [
        f"| {age[0].upper()}{age[1:]} | {figures.band_share(age).words()} |" for age in EvidenceAge
    ]
    lines += [
        "",
        f"Sources lues il y a plus de {limit} : {figures.old_readings} sur {figures.total}.",
        "",
    ]

    def age(entry: Entry) -> str:
        months = evidence_months(entry.solution.date_source, report.today)
        sentence = evidence_sentence(entry.solution.date_source, entry.solution.verifie_le)
        return sentence if months is None else f"{sentence} (au moins {age_words(months)})"

    lines += _entry_section(
        f"Fiches à faire confirmer : source non datée ou de plus de {limit}",
        report.outdated,
        age,
        level="###",
    )
    return [*lines, ""]


def _entry_section(
    title: str, entries: list[Entry], detail: Callable[[Entry], str], level: str = "##"
) -> list[str]:
    lines = [f"{level} {title} ({len(entries)})", ""]
    if not entries:
        return [*lines, "Aucune fiche.", ""]
    lines += [f"- `{e.id}` — {e.solution.nom} : {detail(e)}" for e in entries]
    return [*lines, ""]
