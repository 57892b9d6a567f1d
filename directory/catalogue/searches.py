"""What was looked for where the catalogue has a hole: data/manques.yaml, read and checked.

A hole of the coverage report (« aucune solution « transport solidaire » connue en CC Grand
Orb ») is either a missing entry or a real absence of offer. Editors write down what they
searched, where and when, so that the report says it and nobody searches the same pages again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from directory.catalogue.messages import format_path, message_for
from directory.catalogue.problems import Problem, relative
from directory.catalogue.yaml_reader import YamlError, read_file, read_yaml_bytes
from directory.field_types import EpciCode, LongText, TerritoryId, WebLink
from directory.geo import Geography
from directory.vocabulary import Category

SEARCHES_FILE = "manques.yaml"


class Search(BaseModel):
    """One hole of the coverage report and the search that found nothing to fill it."""

    model_config = ConfigDict(extra="forbid")

    territoire: TerritoryId | None = Field(default=None, description="Le territoire du manque.")
    epci: EpciCode | None = Field(default=None, description="Ou l'intercommunalité du manque.")
    categorie: Category = Field(description="La catégorie qui manque.")
    recherche: LongText = Field(description="Ce qui a été cherché, où, et ce qu'on a trouvé.")
    sources: list[WebLink] = Field(default=[], description="Les pages consultées.")
    verifie_le: date = Field(description="Le jour de la recherche.")

    @model_validator(mode="after")
    def one_place(self) -> Search:
        if (self.territoire is None) == (self.epci is None):
            raise PydanticCustomError(
                "lieu_du_manque",
                "indiquez soit « territoire », soit « epci » (le lieu du manque), pas les deux",
            )
        return self

    def place(self, geo: Geography) -> str:
        """The place as the coverage report names it."""
        if self.territoire is not None:
            return geo.territories[self.territoire].nom
        return geo.epcis[self.epci].nom if self.epci in geo.epcis else str(self.epci)


@dataclass(frozen=True)
class SearchesLoad:
    searches: list[Search]
    problems: list[Problem]


def load_searches(data_dir: Path, geo: Geography) -> SearchesLoad:
    """Every search of data/manques.yaml (none if the file is absent), or where it is wrong."""
    path = data_dir / SEARCHES_FILE
    shown = relative(path)
    if not path.exists():
        return SearchesLoad([], [])
    try:
        document = read_yaml_bytes(read_file(path), root=list)
    except OSError as error:
        return SearchesLoad([], [Problem(shown, f"fichier illisible : {error.strerror}")])
    except YamlError as error:
        where = error.position
        line, column = (where.line, where.column) if where else (None, None)
        return SearchesLoad([], [Problem(shown, error.message, line=line, column=column)])
    raw = document.data if document.data is not None else []
    if not isinstance(raw, list):
        return SearchesLoad(
            [], [Problem(shown, "le fichier doit être une liste : un manque par « - »")]
        )
    searches: list[Search] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        try:
            searches.append(Search.model_validate(item, context={"geo": geo}))
        except ValidationError as error:
            for detail in error.errors():
                field_path, message = message_for(detail, Search)
                where = document.locate((index, *field_path))
                problems.append(
                    Problem(
                        shown,
                        message,
                        field=format_path((index, *field_path)),
                        line=where.line if where else None,
                        column=where.column if where else None,
                    )
                )
    return SearchesLoad(searches, problems)
