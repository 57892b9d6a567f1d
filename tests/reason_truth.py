"""Every reason the desk gives, checked against the entry's own data and the person's answers.

Independent of the matching code: each phrase is parsed back (« s'arrête à Lodève », « pour les
12 à 26 ans », « va à Béziers »…) and proved from the entry (zone, stops, destinations, ages,
statuses, publics, features, hours, price) and from what the advisor entered. A phrase this
module does not know is reported too: a new kind of reason needs its proof here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from directory.geo import Geography, ZoneLevel
from directory.hours import Slot, serves
from directory.matching.output import MatchOut
from directory.matching.phrases import (
    DEPARTEMENT_PHRASES,
    PUBLIC_NOUNS,
    PURPOSE_PHRASES,
    STATUS_NOUNS,
)
from directory.matching.profile import Person
from directory.matching.situation import SLOT_LABELS, Answer, CarAnswer, Situation
from directory.models import Solution
from directory.snapshot import Snapshot
from directory.vocabulary import Category, Feature, Frais, ModeMobilisation, Offer, Prerequisite
from directory.zones import covering_level, covers

DOOR = frozenset({Category.TRANSPORT_ADAPTE, Category.TRANSPORT_SOLIDAIRE})
LINES = frozenset({Category.TRANSPORT_PUBLIC, Category.TRANSPORT_A_LA_DEMANDE})
REPAIR = "mobilite--entretenir-reparer-son-vehicule"
ACCESS = "mobilite--acceder-a-un-vehicule"


def _names(text: str) -> list[str]:
    """« à Lodève, au Caylar et aux Plans » -> ['Lodève', 'Le Caylar', 'Les Plans']."""
    parts = re.split(r", | et ", text)
    names = []
    for part in parts:
        for prefix, article in (("à ", ""), ("au ", "Le "), ("aux ", "Les ")):
            if part.startswith(prefix):
                names.append(article + part[len(prefix) :])
                break
        else:
            names.append(part)
    return names


class Proof:
    """The reasons of one result, for one person."""

    def __init__(
        self, entry: Solution, person: Person, situation: Situation, geo: Geography
    ) -> None:
        self.e, self.p, self.s, self.geo = entry, person, situation, geo
        self.home = person.home.commune
        self.places = {d.commune.nom: d.commune.code for d in person.destinations}

    # --- where ---------------------------------------------------------------------------

    def door(self) -> bool:
        return Feature.PORTE_A_PORTE in self.e.caracteristiques or self.e.categorie in DOOR

    def says_where_by_zone(self) -> bool:
        """A zone phrase is literal only for what is used where one lives: never for a line
        (it is where it stops that counts) nor for a trip defined by where it goes, unless it
        also goes where the person lives (a greenway of the home's intercommunality)."""
        line = self.e.dessert is not None or (self.e.categorie in LINES and not self.door())
        by_destination = self.e.is_trip_based and self.e.destinations and not self.door()
        goes_home = bool(self.e.destinations) and (
            covering_level(self.geo, self.e.destinations, self.home.code) is not None
        )
        return not line and (not by_destination or goes_home)

    def zone_level(self) -> ZoneLevel | None:
        return covering_level(self.geo, self.e.zone, self.home.code)

    def where(self, reason: str) -> bool:
        chain = self.geo.chain(self.home.code)
        assert chain is not None
        level = self.zone_level()
        if not self.says_where_by_zone() or level is None:
            return False
        if reason == f"disponible {self.at(self.home.nom)}":
            return level is ZoneLevel.COMMUNE
        if reason.startswith("disponible dans tout"):
            named = (chain.epci.nom if chain.epci else "", *(t.nom for t in chain.territories))
            return level in (ZoneLevel.EPCI, ZoneLevel.TERRITOIRE) and any(
                bool(name) and (reason.endswith(name) or f"({name})" in reason) for name in named
            )
        if reason == DEPARTEMENT_PHRASES.get(chain.departement[0]):
            return level is ZoneLevel.DEPARTEMENT
        if reason == f"dans toute la région {chain.region[1]}":
            return level is ZoneLevel.REGION
        if reason == "partout en France":
            return self.e.zone.france
        return False

    @staticmethod
    def at(name: str) -> str:
        if name.startswith("Le "):
            return "au " + name[3:]
        if name.startswith("Les "):
            return "aux " + name[4:]
        return "à " + name

    def stops_at_home(self, name: str) -> bool:
        return (
            name == self.home.nom
            and self.e.dessert is not None
            and covers(self.geo, self.e.dessert, self.home.code)
        )

    def goes_to(self, names: list[str]) -> bool:
        for name in names:
            code = self.places.get(name)
            if code is None or not self.e.is_trip_based:
                return False
            reach = self.e.destinations or self.e.zone
            if not covers(self.geo, reach, code):
                return False
            if self.e.dessert is not None:
                if not (self.e.destinations or covers(self.geo, self.e.dessert, code)):
                    return False
            elif not (self.door() or self.e.destinations) or (
                self.e.categorie in LINES and not self.door()
            ):
                return False
        return True

    def on_arrival(self, names: list[str]) -> bool:
        e = self.e
        return (
            e.dessert is not None
            and e.destinations is not None
            and not covers(self.geo, e.dessert, self.home.code)
            and all(
                name in self.places
                and covers(self.geo, e.dessert, self.places[name])
                and covers(self.geo, e.destinations, self.places[name])
                for name in names
            )
        )

    # --- who -----------------------------------------------------------------------------

    def ages(self, text: str) -> bool:
        rules, age = self.e.eligibilite, self.p.age
        if age is None:
            return False
        low, high = rules.age_min, rules.age_max
        match = re.fullmatch(
            r"les (\d+) à (\d+) ans|les (\d+) ans et plus|les moins de (\d+) ans", text
        )
        if not match:
            return False
        if match.group(1):
            expected = (int(match.group(1)), int(match.group(2)))
        elif match.group(3):
            expected = (int(match.group(3)), None)
        else:
            expected = (None, int(match.group(4)) - 1)
        inside = (low is None or age >= low) and (high is None or age <= high)
        return (low, high) == expected and inside

    def for_whom(self, text: str) -> bool:
        """« les bénéficiaires du RSA et les séniors »: each a status or a public of the entry
        that the person has or belongs to."""
        nouns = [n.removeprefix("les ") for n in re.split(r", (?=les )| et (?=les )", text)]
        statuses = {noun: status for status, noun in STATUS_NOUNS.items()}
        publics = {noun: public for public, noun in PUBLIC_NOUNS.items()}
        for noun in nouns:
            status, public = statuses.get(noun), publics.get(noun)
            by_status = (
                status is not None
                and status in self.e.eligibilite.statuts
                and status in self.p.statuses
            )
            by_public = (
                public is not None and public in self.e.publics and self.p.belongs(public) is True
            )
            if not (by_status or by_public):
                return False
        return True

    def purposes(self, reason: str) -> bool:
        wanted = set(self.s.motifs)
        for purpose, (phrase, _word) in PURPOSE_PHRASES.items():
            if reason == phrase:
                return purpose in self.e.motifs and purpose in wanted
        if reason.startswith("pour les trajets : "):
            words = re.split(r", | et ", reason.removeprefix("pour les trajets : "))
            found = [p for p, (_phrase, word) in PURPOSE_PHRASES.items() if word in words]
            return len(found) == len(words) and all(
                p in self.e.motifs and p in wanted for p in found
            )
        return False

    def runs(self, reason: str) -> bool:
        for slot in Slot:
            if reason == f"circule {SLOT_LABELS[slot]}":
                return (
                    slot in self.s.creneaux
                    and self.e.horaires is not None
                    and serves(self.e.horaires, slot) is True
                )
        return False

    # --- the check -----------------------------------------------------------------------

    def true(self, reason: str) -> bool:
        e, s = self.e, self.s
        features = set(e.caracteristiques)
        simple: dict[str, Callable[[], bool]] = {
            "gratuit": lambda: e.frais is Frais.GRATUIT and e.nature is Offer.SERVICE,
            "porte à porte": lambda: Feature.PORTE_A_PORTE in features,
            "avec accompagnement": lambda: Feature.ACCOMPAGNEMENT in features,
            "accessible en fauteuil roulant": lambda: Feature.ACCESSIBLE_FAUTEUIL in features,
            "transport adapté aux personnes à mobilité réduite": lambda: (
                e.categorie is Category.TRANSPORT_ADAPTE
            ),
            "pas besoin du permis B": lambda: (
                Prerequisite.PERMIS_B not in e.prerequis and s.permis is Answer.NON
            ),
            "pour apprendre à faire du vélo": lambda: (
                e.categorie is Category.VELO
                and Feature.ACCOMPAGNEMENT in features
                and Prerequisite.SAVOIR_FAIRE_DU_VELO not in e.prerequis
            ),
            "pour passer le permis": lambda: e.categorie is Category.PERMIS,
            "pour faire réparer sa voiture": lambda: (
                s.voiture is CarAnswer.EN_PANNE and any(t.value == REPAIR for t in e.thematiques)
            ),
            "pour avoir un véhicule": lambda: any(t.value == ACCESS for t in e.thematiques),
            "se demande par téléphone": lambda: (
                bool(e.telephone) or ModeMobilisation.TELEPHONER in e.modes_mobilisation
            ),
            "correspond au besoin décrit": lambda: bool(s.besoin),
        }
        if reason in simple:
            return simple[reason]()
        if reason.startswith("s'arrête "):
            return self.stops_at_home(_names(reason.removeprefix("s'arrête "))[0])
        if reason.startswith("va "):
            return self.goes_to(_names(reason.removeprefix("va ")))
        if reason.startswith("pour circuler "):
            return self.on_arrival(_names(reason.removeprefix("pour circuler ")))
        if reason.startswith("inscrit à France Travail depuis au moins "):
            months = int(re.findall(r"\d+", reason)[0])
            known = self.p.job_seeker_months
            needed = e.eligibilite.demandeur_emploi_depuis_mois
            return needed == months and known is not None and known >= months
        if reason.startswith(("circule ",)):
            return self.runs(reason)
        if reason.startswith(("disponible ", "dans tout", "partout")):
            return self.where(reason)
        if reason.startswith("pour les trajets : ") or reason in {
            phrase for phrase, _ in PURPOSE_PHRASES.values()
        }:
            return self.purposes(reason)
        if re.fullmatch(r"pour les (\d+ à \d+ ans|\d+ ans et plus|moins de \d+ ans)", reason):
            return self.ages(reason.removeprefix("pour "))
        if reason.startswith("pour "):
            return self.for_whom(reason.removeprefix("pour "))
        return False


def untrue_reasons(
    out: MatchOut, situation: dict[str, Any], snapshot: Snapshot, geo: Geography
) -> list[str]:
    """Every reason shown (« L'essentiel » and the other solutions) that the data does not
    prove, as « id : reason »."""
    from directory.matching.profile import person_from

    model = Situation.model_validate(situation)
    person = person_from(model, geo)
    wrong = []
    for result in [*out.essentiel, *(r for g in out.groupes for r in g.resultats)]:
        entry = snapshot.get(result.id)
        assert entry is not None, result.id
        proof = Proof(entry, person, model, geo)
        wrong += [f"{result.id} : {reason}" for reason in result.pourquoi if not proof.true(reason)]
    return wrong
