"""Load test of the public site: a mix of home, results and solution pages.

Run with scripts/load_test.sh (starts the app on 127.0.0.1, 50 clients for 60 s, writes the CSV
figures to var/), or by hand:
    locust -f scripts/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8000
"""

from __future__ import annotations

import random
from typing import Any

import requests
from locust import HttpUser, constant, events, task

QUERIES = ["bus", "permis", "covoiturage", "velo electrique", "garrage solidaire", "transport", ""]
COMMUNES = ["Lodève", "34700", "Gignac", "Montpellier", "Bédarieux", "34284", ""]
CATEGORIES = ["transport-public", "permis", "velo", "aide-financiere", "covoiturage"]
SOLUTION_IDS: list[str] = []


@events.test_start.add_listener
def load_solution_ids(environment: Any, **_: Any) -> None:
    """Read the catalogue's ids once, before the clients start (not part of the measure)."""
    answer = requests.get(f"{environment.host}/api/solutions", params={"par_page": 100}, timeout=30)
    SOLUTION_IDS.extend(hit["id"] for hit in answer.json()["resultats"])


class Visitor(HttpUser):
    # No pause between pages: 50 clients keep the server busy for the whole run.
    wait_time = constant(0)

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="/")

    @task(5)
    def results(self) -> None:
        params = {"q": random.choice(QUERIES), "commune": random.choice(COMMUNES)}
        if random.random() < 0.5:
            params["categorie"] = random.choice(CATEGORIES)
        self.client.get("/recherche", params=params, name="/recherche")

    @task(3)
    def solution(self) -> None:
        self.client.get(f"/solutions/{random.choice(SOLUTION_IDS)}", name="/solutions/[id]")
