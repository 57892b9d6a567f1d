"""The search settings of data/recherche.yaml, for the embedded engine and for Meilisearch."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from directory.search.document import TEXT_FIELDS
from directory.search.need_vocabulary import NeedRule, load_needs

SETTINGS_FILE = "recherche.yaml"


class SearchSettingsError(Exception):
    """data/recherche.yaml cannot be used; the message says why, in French."""


class TypoRules(BaseModel):
    """Meilisearch's typo tolerance: how many typos a word of a given length may carry."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    one_typo: int = Field(alias="une_faute_a_partir_de", ge=1)
    two_typos: int = Field(alias="deux_fautes_a_partir_de", ge=1)

    def budget(self, word: str) -> int:
        """Typos allowed for a query word: 0 below `one_typo` letters, 2 from `two_typos`."""
        if len(word) >= self.two_typos:
            return 2
        return 1 if len(word) >= self.one_typo else 0


class PlaceWords(BaseModel):
    """How a query names places (see query_places)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    home: tuple[str, ...] = Field(default=(), alias="depuis")
    destination: tuple[str, ...] = Field(default=(), alias="vers")
    never_alone: tuple[str, ...] = Field(default=(), alias="jamais_seuls")


class SearchSettings(BaseModel):
    """Ranked fields, typo rules, stop words (with elisions), synonyms and how people write."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    fields: tuple[str, ...] = Field(alias="champs", min_length=1)
    typos: TypoRules = Field(alias="fautes_de_frappe")
    elisions: tuple[str, ...] = ()
    stop_words: tuple[str, ...] = Field(default=(), alias="mots_vides")
    synonym_groups: tuple[tuple[str, ...], ...] = Field(default=(), alias="synonymes")
    one_way_synonyms: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, alias="synonymes_a_sens_unique"
    )
    # « jai » -> « j'ai », « rdv » -> « rendez-vous »: read before anything else.
    spellings: dict[str, str] = Field(default_factory=dict, alias="ecritures")
    # Stop words that still carry intent inside an expression (« pas de permis », « m'aider »).
    negations: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = Field(default=(), alias="mots_d_intention")
    places: PlaceWords = Field(default_factory=PlaceWords, alias="lieux")
    # From data/besoins.yaml, read with this file (see load_search_settings).
    needs: tuple[NeedRule, ...] = Field(default=(), exclude=True)

    @model_validator(mode="after")
    def every_text_field_once(self) -> SearchSettings:
        if sorted(self.fields) != sorted(TEXT_FIELDS):
            raise ValueError(
                "« champs » doit citer chaque champ de recherche une fois : "
                + ", ".join(TEXT_FIELDS)
            )
        if self.typos.two_typos < self.typos.one_typo:
            raise ValueError("deux_fautes_a_partir_de doit dépasser une_faute_a_partir_de")
        return self

    @property
    def intent_words(self) -> tuple[str, ...]:
        return (*self.negations, *self.pronouns)

    @property
    def all_stop_words(self) -> tuple[str, ...]:
        """Stop words and elided forms ('l', 'd', 'qu'…): both are ignored the same way."""
        return tuple(dict.fromkeys((*self.stop_words, *self.elisions)))

    def synonym_map(self) -> dict[str, list[str]]:
        """Expression -> the expressions it also finds (lowercase, as Meilisearch takes them)."""
        found: dict[str, list[str]] = {}
        for group in self.synonym_groups:
            members = [member.lower() for member in group]
            for member in members:
                others = found.setdefault(member, [])
                others.extend(m for m in members if m != member and m not in others)
        for source, targets in self.one_way_synonyms.items():
            others = found.setdefault(source.lower(), [])
            others.extend(t.lower() for t in targets if t.lower() not in others)
        return found


def load_search_settings(data_dir: Path) -> SearchSettings:
    """Read data/recherche.yaml; a broken file raises SearchSettingsError with a French message."""
    path = data_dir / SETTINGS_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        settings = SearchSettings.model_validate(raw)
    except OSError as error:
        raise SearchSettingsError(f"{path} illisible : {error.strerror}") from error
    except yaml.YAMLError as error:
        raise SearchSettingsError(f"{path} n'est pas du YAML valide : {error}") from error
    except ValidationError as error:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'fichier'} : {e['msg']}"
            for e in error.errors()
        )
        raise SearchSettingsError(f"{path} : {details}") from error
    # A broken needs file keeps its valid needs: `directory check` names the others.
    return settings.model_copy(update={"needs": load_needs(data_dir).needs})
