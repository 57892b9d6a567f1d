"""What the programme counts of a desk situation: categories only, mapped here and nowhere else.

The desk asks yes / no / « ne sait pas » questions (licence, car, smartphone, disability, job
seeker) and a few constraints; the programme counts barriers (`Barrier`), statuses, an age
bracket, the commune's code, the needs and the solutions handed over. An unanswered question
counts nothing. The exact age, the destinations, the need in words and the advisor's note are
never read here.
"""

from __future__ import annotations

from dataclasses import dataclass

from directory.matching.output import MatchOut
from directory.matching.situation import (
    DISABILITY_STATUSES,
    Answer,
    CarAnswer,
    Constraint,
    Situation,
)
from directory.needs import NEEDS
from directory.programme.vocabulary import AgeBracket, Barrier
from directory.vocabulary import Status

FROM_CONSTRAINT = {
    Constraint.FAUTEUIL: Barrier.FAUTEUIL,
    Constraint.ACCOMPAGNEMENT: Barrier.ACCOMPAGNEMENT,
    Constraint.SANS_VELO: Barrier.SANS_VELO,
    Constraint.SANS_INTERNET: Barrier.SANS_INTERNET,
    Constraint.SANS_CARTE_BANCAIRE: Barrier.SANS_CARTE_BANCAIRE,
}
FROM_CAR = {CarAnswer.NON: Barrier.SANS_VOITURE, CarAnswer.EN_PANNE: Barrier.VOITURE_EN_PANNE}
_NEED_BY_TITLE = {need.title: need.id for need in NEEDS}
MAX_PROPOSED = 80  # every result the desk shows (6 + 5 groups of 12)


def barriers_of(situation: Situation) -> list[Barrier]:
    """The barriers the desk's answers say, in the vocabulary's order.

    A disability is counted when the answer is « oui », or when a status or a wheelchair says
    it (the desk refuses « non » with those)."""
    found: set[Barrier] = {FROM_CONSTRAINT[c] for c in situation.contraintes}
    if situation.permis is Answer.NON:
        found.add(Barrier.SANS_PERMIS)
    if situation.voiture in FROM_CAR:
        found.add(FROM_CAR[situation.voiture])
    if situation.smartphone is Answer.NON:
        found.add(Barrier.SANS_SMARTPHONE)
    disabled = situation.handicap is Answer.OUI or DISABILITY_STATUSES & set(situation.statuts)
    if disabled or Constraint.FAUTEUIL in situation.contraintes:
        found.add(Barrier.HANDICAP)
    return [barrier for barrier in Barrier if barrier in found]


@dataclass(frozen=True)
class DeskCategories:
    """A desk session as the counting form receives it from the desk."""

    commune: str | None
    tranche_age: AgeBracket | None
    statuts: list[Status]
    contraintes: list[Barrier]
    besoins: list[str]
    solutions: list[str]  # handed over: the picks ticked for the sheet
    proposees: list[str]  # every solution shown to the advisor, to choose from

    def fields(self) -> list[tuple[str, str]]:
        """As hidden form fields (repeated names for lists)."""
        found: list[tuple[str, str]] = []
        if self.commune:
            found.append(("commune", self.commune))
        if self.tranche_age:
            found.append(("tranche_age", self.tranche_age.value))
        found += [("statuts", s.value) for s in self.statuts]
        found += [("contraintes", b.value) for b in self.contraintes]
        found += [("besoins", n) for n in self.besoins]
        found += [("solutions", i) for i in self.solutions]
        found += [("proposees", i) for i in self.proposees]
        return found


def desk_categories(situation: Situation, result: MatchOut, picked: set[str]) -> DeskCategories:
    """The categories of a matched situation; the needs are the main need (named by the
    advisor or inferred by the desk) and those of the picked solutions."""
    shown = [*result.essentiel, *(r for group in result.groupes for r in group.resultats)]
    proposed = list(dict.fromkeys(r.id for r in shown))[:MAX_PROPOSED]
    handed = [i for i in proposed if i in picked]
    need_of = {r.id: _NEED_BY_TITLE.get(r.besoin) for r in shown}
    needs = [result.situation.besoin_principal.id, *(need_of[i] for i in handed)]
    return DeskCategories(
        commune=result.situation.commune.code,
        tranche_age=AgeBracket.of_age(situation.age) if situation.age is not None else None,
        statuts=list(situation.statuts),
        contraintes=barriers_of(situation),
        besoins=[n for n in dict.fromkeys(needs) if n],
        solutions=handed,
        proposees=proposed,
    )
