"""Load test of the public site: a mix of home, results and solution pages.

Run with scripts/load_test.sh (starts the app on 127.0.0.1, 50 users for 60 s, writes the CSV
figures), or by hand:
    locust -f scripts/locustfile.py --headless -u 50 -r 50 -t 60s --host http://127.0.0.1:8000
"""

from __future__ import annotations

import random

from locust import HttpUser, between, task

QUERIES = ["bus", "permis", "covoiturage", "velo electrique", "garrage solidaire", "transport", ""]
COMMUNES = ["Lodève", "34700", "Gignac", "Montpellier", "Bédarieux", "34284", ""]
CATEGORIES = ["transport-public", "permis", "velo", "aide-financiere", "covoiturage"]


class Visitor(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.solution_ids = [
            hit["id"] for hit in self.client.get("/api/solutions?par_page=100").json()["resultats"]
        ]

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
        solution_id = random.choice(self.solution_ids)
        self.client.get(f"/solutions/{solution_id}", name="/solutions/[id]")
