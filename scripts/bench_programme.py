"""Benchmark of the partners' space indicator pages with 10,000 desk sessions and 1,000
workshops: server time of each page (Server-Timing), cold (figures computed) and warm (figures
reused until a record changes).

The records are synthetic but realistic (three structures, Hérault communes, statuses, needs,
follow-ups with trips), written to a throwaway SQLite database — or to PostgreSQL with
`--base postgresql://…`. A coordination account signs in through the real form.

    .venv/bin/python scripts/bench_programme.py [--entretiens 10000] [--ateliers 1000]
        [--requetes 100] [--base postgresql://…]
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

from bench_support import machine_line, percentiles
from fastapi.testclient import TestClient
from sqlmodel import Session

from directory.app import create_app
from directory.config import PROJECT_ROOT, Settings
from directory.db import create_db_engine
from directory.geo import load_geography
from directory.migrations import migrate
from directory.programme.clock import utcnow
from directory.programme.passwords import hash_password
from directory.programme.tables import (
    DeskRecord,
    EventTag,
    FollowUp,
    GroupEvent,
    RecordTag,
    ReplacedTrip,
    StaffAccount,
)
from directory.programme.vocabulary import (
    AgeBracket,
    Channel,
    EventKind,
    NeedMet,
    Role,
    SolutionUse,
    Theme,
    TripMode,
)
from directory.vocabulary import Status

DATA = PROJECT_ROOT / "data"
PASSWORD = "mesure de performance"
PAGES = {
    "indicateurs (programme)": "/programme/indicateurs?periode=tims",
    "indicateurs (une structure)": "/programme/indicateurs?periode=tims&structure=gefosat",
    "indicateurs JSON": "/api/programme/indicateurs?periode=tims",
    "graphique mois par mois (SVG)": "/programme/indicateurs/graphiques/mois.svg?periode=tims",
    "export CSV": "/programme/indicateurs.csv?periode=tims",
    "bilan": "/programme/bilan?periode=tims",
    "rapport d'un territoire": "/programme/rapports/territoires/pays-coeur-d-herault?periode=tims",
    "besoins non couverts": "/programme/besoins-non-couverts?periode=tims",
}


def load(url: str, sessions: int, workshops: int) -> None:
    rng = random.Random(7)
    geo = load_geography(DATA)
    territories = {t.id: t for t in geo.territories.values()}
    structures = {
        "montpellier-mediterranee-metropole": "alec-montpellier-metropole",
        "pays-coeur-d-herault": "passerelles-synergies",
        "pays-haut-languedoc-et-vignobles": "gefosat",
    }
    communes = {
        t: [m for e in territory.epci for m in geo.epcis[e].membres]
        for t, territory in territories.items()
    }
    start, now = date(2024, 10, 1), utcnow()
    engine = create_db_engine(url)
    migrate(engine)
    with Session(engine) as db:
        db.add(
            StaffAccount(
                identifiant="mesure",
                structure="gefosat",
                role=Role.COORDINATION,
                password_hash=hash_password(PASSWORD),
                must_change_password=False,
                created_at=now,
                password_changed_at=now,
            )
        )
        needs = ["se-deplacer", "payer", "permis", "vehicule", "accompagnement"]
        for n in range(sessions):
            territory = rng.choice(list(structures))
            commune = rng.choice(communes[territory])
            met = rng.choice(list(NeedMet))
            record = DeskRecord(
                structure=structures[territory],
                territoire=territory,
                jour=start + timedelta(days=rng.randint(0, 720)),
                canal=rng.choice(list(Channel)),
                commune=commune,
                epci=geo.communes[commune].epci,
                tranche_age=rng.choice(list(AgeBracket)),
                besoin_couvert=met,
                reference=f"B{n:07d}",
                created_at=now,
                updated_at=now,
            )
            db.add(record)
            db.flush()
            need = rng.choice(needs)
            tags = {("besoin", need), ("statut", rng.choice(list(Status)).value)}
            if met is not NeedMet.OUI:
                tags.add(("non-couvert", need))
            db.add_all(RecordTag(record_id=record.id, kind=k, value=v) for k, v in tags)
            if n % 4 == 0:
                follow = FollowUp(
                    record_id=record.id,
                    jour=record.jour,
                    solution_utilisee=rng.choice(list(SolutionUse)),
                    created_at=now,
                    updated_at=now,
                )
                db.add(follow)
                db.flush()
                db.add(
                    ReplacedTrip(
                        follow_up_id=follow.id,
                        distance_km=rng.randint(2, 40),
                        par_semaine=rng.randint(2, 10),
                        mode=rng.choice(list(TripMode)),
                    )
                )
        for _ in range(workshops):
            territory = rng.choice(list(structures))
            commune = rng.choice(communes[territory])
            event = GroupEvent(
                kind=rng.choice(list(EventKind)),
                structure=structures[territory],
                territoire=territory,
                jour=start + timedelta(days=rng.randint(0, 720)),
                commune=commune,
                epci=geo.communes[commune].epci,
                theme=rng.choice(list(Theme)),
                participants=rng.randint(3, 20),
                created_at=now,
                updated_at=now,
            )
            db.add(event)
            db.flush()
            db.add(EventTag(event_id=event.id, kind="public", value="seniors"))
        db.commit()
    engine.dispose()


def server_ms(response: object) -> float:
    timing = response.headers["server-timing"]  # type: ignore[attr-defined]
    return float(re.search(r"dur=([\d.]+)", timing).group(1))  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entretiens", type=int, default=10_000)
    parser.add_argument("--ateliers", type=int, default=1_000)
    parser.add_argument("--requetes", type=int, default=100)
    parser.add_argument("--base", help="adresse PostgreSQL (défaut : SQLite jetable)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    url = args.base or f"sqlite:///{folder / 'programme.db'}"
    load(url, args.entretiens, args.ateliers)
    settings = Settings(database_url=url, data_dir=DATA, catalogue_refresh_s=3600)
    print(f"Machine : {machine_line()}")
    print(f"Base : {url.split('://')[0]}, {args.entretiens} entretiens, {args.ateliers} ateliers\n")
    print("| page | froid p50 | froid p95 | chaud p50 | chaud p95 | chaud p99 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    app = create_app(settings)
    with TestClient(app) as client:
        page = client.get("/programme/connexion")
        token = re.search(r'name="jeton" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        client.post(
            "/programme/connexion",
            data={"jeton": token, "identifiant": "mesure", "mot_de_passe": PASSWORD},
        )
        for name, path in PAGES.items():
            cold, warm = [], []
            for _ in range(max(5, args.requetes // 10)):
                app.state.programme_cache = type(app.state.programme_cache)()
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
                cold.append(server_ms(response))
            client.get(path)
            for _ in range(args.requetes):
                warm.append(server_ms(client.get(path)))
            c, w = percentiles(cold), percentiles(warm)
            cells = [c["p50"], c["p95"], w["p50"], w["p95"], w["p99"]]
            print(f"| {name} | " + " | ".join(f"{v:.1f}" for v in cells) + " |")


if __name__ == "__main__":
    main()
