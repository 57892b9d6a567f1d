"""Application settings, read from the environment in one place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting of the application. Each one is documented in the README."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", frozen=True)

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'annuaire.db'}",
        description="Base de données (SQLite par défaut, PostgreSQL en production).",
    )
    solutions_dir: Path = Field(
        default=PROJECT_ROOT / "data" / "solutions",
        description="Dossier des fiches YAML du catalogue.",
    )
    data_dir: Path = Field(
        default=PROJECT_ROOT / "data",
        description="Dossier des données de référence (géographie, territoires, recherche).",
    )
    meili_url: str | None = Field(
        default=None, description="Adresse du serveur Meilisearch ; vide = moteur intégré."
    )
    meili_api_key: str | None = Field(
        default=None, description="Clé de recherche Meilisearch utilisée par l'application."
    )
    meili_admin_key: str | None = Field(
        default=None, description="Clé d'administration Meilisearch, pour l'indexation seulement."
    )
    meili_index: str = Field(default="solutions", description="Nom de l'index Meilisearch.")
    meili_timeout_s: float = Field(
        default=2.0, description="Délai maximal d'une requête de recherche Meilisearch (s)."
    )
    meili_retry_s: float = Field(
        default=30.0,
        description="Après une panne de Meilisearch, délai avant de le réessayer (s).",
    )
    cache_dir: Path = Field(
        default=PROJECT_ROOT / "var" / "cache",
        description="Cache local : fiches déjà validées, catalogue prêt à servir au démarrage.",
    )
    catalogue_refresh_s: float = Field(
        default=2.0,
        description="Intervalle entre deux vérifications d'une nouvelle version du catalogue (s).",
    )
    stale_after_days: int = Field(
        default=365, description="Âge (jours) au-delà duquel une vérification est ancienne."
    )
    site_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Adresse publique du site, pour les liens des fiches à emporter.",
    )
    report_error_email: str | None = Field(
        default=None,
        description="Adresse qui reçoit les signalements d'erreur des fiches.",
    )
    programme_retention_months: int = Field(
        default=36,
        ge=1,
        le=120,
        description="Durée de conservation des entretiens, suivis et ateliers comptés (mois).",
    )
    session_idle_minutes: int = Field(
        default=120,
        ge=5,
        le=24 * 60,
        description="Espace partenaires : déconnexion après ce temps sans activité (minutes).",
    )
    session_max_hours: int = Field(
        default=12,
        ge=1,
        le=24 * 30,
        description="Espace partenaires : durée maximale d'une connexion (heures).",
    )
    login_max_failures: int = Field(
        default=5,
        ge=3,
        le=20,
        description="Échecs de connexion d'un compte avant son blocage temporaire.",
    )
    login_lockout_minutes: int = Field(
        default=15,
        ge=1,
        le=24 * 60,
        description="Durée du blocage d'un compte, et fenêtre de comptage par adresse (minutes).",
    )
    login_max_failures_per_address: int = Field(
        default=20,
        ge=5,
        le=1000,
        description="Échecs de connexion d'une même adresse réseau avant son blocage temporaire.",
    )

    log_format: Literal["texte", "json"] = Field(
        default="texte",
        description="Format des journaux de `directory serve` : texte, ou une ligne JSON par "
        "événement (heure, niveau, journal, identifiant de requête).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Niveau des journaux de `directory serve`."
    )
    serve_workers: int = Field(
        default=1,
        ge=1,
        description="Nombre de processus qui servent le site : fixé par "
        "`directory serve --workers`, pour chacun d'eux.",
    )

    @property
    def secure_cookies(self) -> bool:
        """Cookies marked Secure whenever the public site is served over HTTPS."""
        return self.site_url.startswith("https://")


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings()
