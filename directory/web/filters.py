"""Jinja2 filters: every formatting a page needs (dates, plurals, lists, acronyms, paragraphs)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

from directory.french import date_fr, in_sentence, join_fr, plural
from directory.text import site_name

# Acronyms the public may not know, written out on hover and for assistive technologies.
ACRONYMS = {
    "TAD": "transport à la demande",
    "PMR": "personne à mobilité réduite",
    "CMI": "carte mobilité inclusion",
    "RSA": "revenu de solidarité active",
    "AAH": "allocation aux adultes handicapés",
    "ASPA": "allocation de solidarité aux personnes âgées",
    "ASS": "allocation de solidarité spécifique",
    "ARE": "allocation d'aide au retour à l'emploi",
    "CCAS": "centre communal d'action sociale",
    "CAF": "caisse d'allocations familiales",
    "CPF": "compte personnel de formation",
    "CFA": "centre de formation d'apprentis",
    "QPV": "quartier prioritaire de la politique de la ville",
    "FRR": "France Ruralités Revitalisation",
    "VAE": "vélo à assistance électrique",
    "TER": "train express régional",
    "CDI": "contrat à durée indéterminée",
    "CDD": "contrat à durée déterminée",
    "EPCI": "établissement public de coopération intercommunale",
    "CC": "communauté de communes",
    "LLD": "location longue durée",
    "LOA": "location avec option d'achat",
    "TUS": "transport d'utilité sociale",
    "PJJ": "protection judiciaire de la jeunesse",
    "RIB": "relevé d'identité bancaire",
    "MDPH": "maison départementale des personnes handicapées",
}
_ACRONYM = re.compile(r"\b(" + "|".join(sorted(ACRONYMS, key=len, reverse=True)) + r")\b")


def with_abbr(text: str | None) -> Markup:
    """Escape the text, then mark known acronyms with <abbr title="…">."""
    if not text:
        return Markup("")
    escaped = str(escape(text))
    return Markup(
        _ACRONYM.sub(lambda m: f'<abbr title="{ACRONYMS[m.group(1)]}">{m.group(1)}</abbr>', escaped)
    )


def paragraphs(text: str | None) -> Markup:
    """Plain text with blank lines -> escaped <p> paragraphs (acronyms marked)."""
    if not text:
        return Markup("")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(with_abbr(block)) for block in blocks)


def quoted(items: Sequence[str]) -> list[str]:
    """['bus', 'vélo'] -> ['« bus »', '« vélo »'], to join with join_fr."""
    return [f"« {item} »" for item in items]


FILTERS = {
    "site_name": site_name,
    "date_fr": date_fr,
    "abbr": with_abbr,
    "paragraphs": paragraphs,
    "plural": plural,
    "join_fr": join_fr,
    "quoted": quoted,
    "in_sentence": in_sentence,
}
