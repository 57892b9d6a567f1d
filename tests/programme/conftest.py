"""The partners' space under test: the real app on a fresh database (SQLite and PostgreSQL),
staff accounts made directly, and helpers that sign in and fill forms as a browser does."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from directory.app import create_app
from directory.config import Settings
from directory.db import create_db_engine
from directory.programme.clock import utcnow
from directory.programme.passwords import hash_password
from directory.programme.tables import StaffAccount
from directory.programme.vocabulary import Role

from ..conftest import DATA_DIR, FIXTURES, sync_folder

PASSWORD = "une phrase de passe solide"
ALEC = "alec-montpellier-metropole"
PASSERELLES = "passerelles-synergies"
GEFOSAT = "gefosat"
TOKEN = re.compile(r'name="jeton" value="([^"]+)"')


@dataclass
class Space:
    """The app, its database, and a way to add staff accounts."""

    settings: Settings
    engine: Engine
    app: object

    def account(self, identifiant: str, structure: str = ALEC, role: Role = Role.CONSEILLER) -> str:
        now = utcnow()
        with Session(self.engine) as db:
            db.add(
                StaffAccount(
                    identifiant=identifiant,
                    structure=structure,
                    role=role,
                    password_hash=hash_password(PASSWORD),
                    must_change_password=False,
                    created_at=now,
                    password_changed_at=now,
                )
            )
            db.commit()
        return identifiant

    def client(self) -> TestClient:
        return TestClient(self.app)  # type: ignore[arg-type]


@pytest.fixture
def space(database_url: str) -> Iterator[Space]:
    settings = Settings(database_url=database_url, data_dir=DATA_DIR, catalogue_refresh_s=0)
    sync_folder(settings, FIXTURES / "valid")
    engine = create_db_engine(database_url)
    app = create_app(settings)
    with TestClient(app):  # runs the lifespan once for the whole test
        yield Space(settings, engine, app)
    engine.dispose()


def token_of(page: str) -> str:
    found = TOKEN.search(page)
    assert found, "the page has no form token"
    return found.group(1)


def upload_csv(client: TestClient, content: str) -> Any:
    """The import form, sent with this CSV text as its file."""
    page = client.get("/programme/import")
    return client.post(
        "/programme/import",
        data={"jeton": token_of(page.text)},
        files={"fichier": ("activite.csv", content.encode("utf-8"), "text/csv")},
    )


def sign_in(client: TestClient, identifiant: str, password: str = PASSWORD) -> object:
    page = client.get("/programme/connexion")
    return client.post(
        "/programme/connexion",
        data={"jeton": token_of(page.text), "identifiant": identifiant, "mot_de_passe": password},
        follow_redirects=False,
    )


def signed_in(space: Space, identifiant: str) -> TestClient:
    client = space.client()
    response = sign_in(client, identifiant)
    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    return client


def post_form(client: TestClient, page_url: str, action: str, data: dict[str, object]) -> object:
    """Open the page (for its token), then send the form as the browser would."""
    page = client.get(page_url)
    return client.post(action, data={"jeton": token_of(page.text), **data}, follow_redirects=False)


SESSION = {
    "jour": "2026-11-02",
    "canal": "sur-place",
    "territoire": "montpellier-mediterranee-metropole",
    "commune": "34172",
    "tranche_age": "26-44",
    "statuts": ["demandeur-emploi"],
    "contraintes": ["sans-permis"],
    "besoins": ["permis"],
    "besoin_couvert": "oui",
}

Count = Callable[..., object]


@pytest.fixture
def count(space: Space) -> Callable[[TestClient, dict[str, object]], object]:
    def send(client: TestClient, changes: dict[str, object] | None = None) -> object:
        return post_form(
            client,
            "/programme/entretiens/nouveau",
            "/programme/entretiens",
            {**SESSION, **(changes or {})},
        )

    return send
