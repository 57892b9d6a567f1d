"""The desk's situation form: its groups of answers, and the values to show again as typed.

Yes-or-no questions are radio groups whose unchecked state is « Ne sait pas » (one Tab stop
per group, arrows inside). Statuses are grouped: the main activity is one radio group, the
allowances a few boxes, the rarer situations behind « Autres situations ».
"""

from __future__ import annotations

from typing import Any

from directory.hours import Slot
from directory.matching.situation import SLOT_LABELS, Answer, CarAnswer, Constraint
from directory.needs import NEEDS
from directory.vocabulary import Purpose, Status
from directory.web.desk_params import Values

UNKNOWN = ("", "Ne sait pas")
ACTIVITIES = (
    Status.RETRAITE,
    Status.SALARIE,
    Status.ETUDIANT,
    Status.SCOLAIRE,
    Status.APPRENTI,
)
ALLOWANCES = (
    Status.BENEFICIAIRE_RSA,
    Status.BENEFICIAIRE_ASS,
    Status.BENEFICIAIRE_AAH,
    Status.BENEFICIAIRE_ASPA,
)
OTHER_STATUSES = tuple(
    s for s in Status if s not in ACTIVITIES + ALLOWANCES and s is not Status.DEMANDEUR_EMPLOI
)
YES_NO = [(a.value, a.label) for a in Answer]
QUESTIONS = ("demandeur_emploi", "handicap", "permis", "voiture", "smartphone")

CHOICES: dict[str, list[tuple[str, str]]] = {
    "activite": [("", "Non précisé"), *((s.value, s.label) for s in ACTIVITIES)],
    "allocations": [(s.value, s.label) for s in ALLOWANCES],
    "autres_statuts": [(s.value, s.label) for s in OTHER_STATUSES],
    "demandeur_emploi": [*YES_NO, UNKNOWN],
    "handicap": [*YES_NO, UNKNOWN],
    "permis": [*YES_NO, UNKNOWN],
    "voiture": [*((c.value, c.label) for c in CarAnswer), UNKNOWN],
    "smartphone": [*YES_NO, UNKNOWN],
    "contraintes": [(c.value, c.label) for c in Constraint],
    "motifs": [(p.value, p.label) for p in Purpose],
    "creneaux": [(s.value, SLOT_LABELS[s].capitalize()) for s in Slot],
    "besoin_principal": [("", "Déduit de la situation"), *((n.id, n.title) for n in NEEDS)],
}
DESTINATION_FIELDS = 1


def form_values(values: Values) -> dict[str, Any]:
    """What the advisor typed, as typed: the form is shown again exactly, errors included."""
    form: dict[str, Any] = {
        name: str(values.get(name) or "")
        for name in ("commune", "age", "demandeur_emploi_depuis_mois", "besoin", *QUESTIONS)
    }
    form["besoin_principal"] = str(values.get("besoin_principal") or "")
    destinations = [str(d) for d in values.getlist("destinations") if str(d).strip()]
    form["destinations"] = ", ".join(destinations)
    statuses = [str(s) for s in values.getlist("statuts")]
    if Status.DEMANDEUR_EMPLOI.value in statuses and not form["demandeur_emploi"]:
        form["demandeur_emploi"] = Answer.OUI.value
    form["activite"] = next((s for s in statuses if s in {a.value for a in ACTIVITIES}), "")
    form["statuts"] = set(statuses)
    for name in ("contraintes", "motifs", "creneaux"):
        form[name] = {str(v) for v in values.getlist(name)}
    form["autres_ouvert"] = bool(form["statuts"] & {s.value for s in OTHER_STATUSES})
    return form
