"""Benchmark the embedded search engine on synthetic catalogues of 1k, 10k and 100k entries.

The text of the entries is drawn from the real catalogue (data/solutions/*.yaml) and from the
vocabularies; zones from real Hérault communes, EPCI and territories. Each size runs in its own
process, so that its peak memory is its own.

    .venv/bin/python scripts/bench_search.py                 # 1k, 10k, 100k
    .venv/bin/python scripts/bench_search.py --sizes 1000 --runs 100
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import tantivy
import yaml
from bench_support import machine, percentiles

from directory.config import PROJECT_ROOT
from directory.geo import Geography, load_geography
from directory.models import Eligibility, Solution, Zone
from directory.search.document import search_document
from directory.search.embedded import EmbeddedEngine
from directory.search.model import SearchQuery
from directory.search.plan import plan_search
from directory.search.settings import load_search_settings
from directory.vocabulary import (
    Category,
    Feature,
    Frais,
    MobilityTopic,
    ModeAccueil,
    PersonneMobilisatrice,
    Public,
    Purpose,
    Reliability,
    Status,
)
from directory.zones import place_keys

DATA = PROJECT_ROOT / "data"
SIZES = (1_000, 10_000, 100_000)
TEXT_QUERIES = [
    "vélo",
    "covoitrage",
    "garrage solidaire",
    "permis de conduir",
    "transport à la demande",
    "velo electrique",
    "aide au permis",
    "navette hôpital",
    "transp",
    "bus lodève",
    "tarif solidaire train",
    "personnes âgées porte à porte",
    "demandeur d'emploi",
    "réparation voiture",
    "fauteuil roulant",
    "réservation la veille",
]
# Sentences as the public types them: needs, places, SMS spelling (query understanding).
SENTENCES = [
    "je n'ai pas de permis pour aller travailler",
    "jai pas de voiture",
    "taxi pour rdv medical",
    "bus pour aller a montpelier depuis lodeve",
    "car pour beziers",
    "quelqu'un pour m'aider a trouver un transport",
    "reparer ma voiture",
    "apprendre a faire du velo",
    "aide carburant",
    "qqn pr memmener a lhopital",
    "je suis au chômage et j'ai un entretien d'embauche",
    "resatam",
    "blabla car",
    "covoit gignac",
    "ma mère est en fauteuil roulant",
    "je suis jeune et je veux passer le permis",
]
# Bad input: must get an answer in bounded time.
HOSTILE = [
    ("je cherche un bus pour aller travailler " * 300)[:10_000],
    "a" * 10_000,
    "😀🚲🚌" * 50,
    "je veux aller à la",
    "Lodève",
    "bus pour Atlantide",
    "'; DROP TABLE solution; -- <script>alert(1)</script>",
    'categorie IN ["velo"] OR id = "x" *?"\\%_[]{}()',
]


# --- synthetic catalogue ------------------------------------------------------------------


def sentence_pool() -> list[str]:
    """Sentences of the real entries and of the vocabularies' descriptions."""
    texts: list[str] = []
    for path in sorted((DATA / "solutions").glob("[!_]*.yaml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("description", "publics_precisions", "frais_precisions"):
            texts.append(str(entry.get(key) or ""))
        texts.append(str((entry.get("eligibilite") or {}).get("conditions") or ""))
        texts.append(str(entry.get("mobilisation_precisions") or ""))
    for enum in (Category, Status, Feature, Purpose, MobilityTopic):
        texts += [member.description or "" for member in enum]
    sentences = [s.strip() for text in texts for s in re.split(r"(?<=[.?!])\s+", text)]
    return [s for s in sentences if len(s) > 20]


def name_words() -> list[str]:
    words: list[str] = []
    for path in sorted((DATA / "solutions").glob("[!_]*.yaml")):
        nom = str(yaml.safe_load(path.read_text(encoding="utf-8"))["nom"])
        words += [w for w in re.split(r"[\s,]+", nom) if len(w) > 3]
    return words


def synthetic_solutions(count: int, geo: Geography, seed: int = 34) -> list[Solution]:
    rng = random.Random(seed)
    sentences, words = sentence_pool(), name_words()
    communes = sorted(c for c, commune in geo.communes.items() if commune.departement == "34")
    epcis = sorted({geo.communes[c].epci for c in communes if geo.communes[c].epci})
    territories = sorted(geo.territories)
    publics = [p for p in Public if p is not Public.TOUS_PUBLICS]

    def zone() -> Zone:
        roll = rng.random()
        if roll < 0.35:
            return Zone.model_construct(communes=rng.sample(communes, rng.randint(1, 3)))
        if roll < 0.65:
            return Zone.model_construct(epci=[rng.choice(epcis)])
        if roll < 0.75:
            return Zone.model_construct(territoires=[rng.choice(territories)])
        if roll < 0.90:
            return Zone.model_construct(departements=["34"])
        if roll < 0.95:
            return Zone.model_construct(regions=["76"])
        return Zone.model_construct(france=True)

    solutions = []
    for number in range(count):
        category = rng.choice(list(Category))
        place = geo.communes[rng.choice(communes)].nom
        nom = f"{category.label} {rng.choice(words)} {rng.choice(['à', 'de', 'pour'])} {place}"
        fields: dict[str, Any] = {
            "id": f"fiche-{number:06d}",
            "fichier": f"fiche-{number:06d}.yaml",
            "empreinte": "0",
            "nom": nom,
            "categorie": category,
            "thematiques": [rng.choice(list(MobilityTopic))],
            "description": " ".join(rng.sample(sentences, rng.randint(2, 5))),
            "operateur": f"Association {rng.choice(words)} {place}",
            "zone": zone(),
            "destinations": None,
            "publics": [Public.TOUS_PUBLICS]
            if rng.random() < 0.5
            else rng.sample(publics, rng.randint(1, 3)),
            "publics_precisions": rng.choice([None, rng.choice(sentences)]),
            "eligibilite": Eligibility.model_construct(
                statuts=rng.sample(list(Status), rng.randint(0, 2)),
                conditions=rng.choice([None, rng.choice(sentences)]),
            ),
            "caracteristiques": rng.sample(list(Feature), rng.randint(0, 3)),
            "motifs": rng.sample(list(Purpose), rng.randint(0, 2)),
            "frais": rng.choice([Frais.GRATUIT, Frais.PAYANT, None]),
            "frais_precisions": None,
            "horaires_precisions": None,
            "mobilisation_precisions": rng.choice([None, rng.choice(sentences)]),
            "modes_accueil": rng.sample(list(ModeAccueil), rng.randint(0, 2)),
            "mobilisable_par": [PersonneMobilisatrice.USAGERS],
            "source": "https://exemple.fr",
            "date_source": "2025-12",
            "verifie_le": date(2026, 1, 1),
            "fiabilite": Reliability.CONFIRME,
        }
        solutions.append(Solution(**fields))  # table models skip validation: fast
    return solutions


# --- measuring ----------------------------------------------------------------------------


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(run: Callable[[int], object], runs: int) -> dict[str, float]:
    """Wall-clock percentiles, and those of the process's CPU time: on a machine shared with
    other work, the wall clock also counts the time spent waiting for a core."""
    for i in range(min(runs, 50)):  # warm up: caches, page faults
        run(i)
    timings, cpu = [], []
    for i in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        run(i)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    processor = percentiles(cpu)
    return {**percentiles(timings), "cpu_p50": processor["p50"], "cpu_p95": processor["p95"]}


def bench_size(size: int, runs: int) -> dict[str, Any]:
    geo = load_geography(DATA)
    settings = load_search_settings(DATA)
    solutions = synthetic_solutions(size, geo)
    baseline = rss_mib()
    started = time.perf_counter()
    documents = [search_document(s, geo, settings) for s in solutions]
    documents_s = time.perf_counter() - started
    engine = EmbeddedEngine(settings, geo)
    started = time.perf_counter()
    engine.rebuild(documents)
    index_s = time.perf_counter() - started
    after_build = rss_mib()

    rng = random.Random(7)
    communes = sorted(c for c, commune in geo.communes.items() if commune.departement == "34")
    understanding = engine.understanding

    def search(text: str = "", **options: Any) -> object:
        """What a page does: understand the words (places, needs), then search."""
        return engine.search(plan_search(understanding, geo, text, **options).query)

    filtered = [
        (
            TEXT_QUERIES[i % len(TEXT_QUERIES)],
            geo.communes[rng.choice(communes)],
            {
                "categorie": tuple(c.value for c in rng.sample(list(Category), 3)),
                "public": (Public.TOUS_PUBLICS.value, rng.choice(list(Public)).value),
                "frais": (rng.choice(["gratuit", "payant"]),),
            },
        )
        for i in range(len(TEXT_QUERIES) * 4)
    ]
    around = [SearchQuery(terms=(), commune_keys=tuple(place_keys(geo, c))) for c in communes]
    # Misspellings never seen before: the typo look-ups cannot come from their cache.
    words = sorted({w for q in TEXT_QUERIES for w in q.split() if len(w) >= 6})
    unseen = [
        f"{w[:2]}{chr(97 + (i // len(words)) % 26)}{w[3:]} {w[:4]}"
        for i, w in enumerate(words * 26)
    ]

    def filtered_search(i: int) -> object:
        text, commune, filters = filtered[i % len(filtered)]
        return search(text, commune=commune, filters=filters)

    scenarios = {
        "texte": measure(lambda i: search(TEXT_QUERIES[i % 16]), runs),
        "phrases": measure(lambda i: search(SENTENCES[i % len(SENTENCES)]), runs),
        "texte_commune_3_filtres": measure(filtered_search, runs),
        "texte_fautes_inedites": measure(lambda i: search(unseen[(i + 50) % len(unseen)]), runs),
        "entrees_hostiles": measure(lambda i: search(HOSTILE[i % len(HOSTILE)]), runs),
        "parcours_vide": measure(
            lambda i: engine.search(SearchQuery(terms=(), page=1 + i % 5)), runs
        ),
        "parcours_commune": measure(lambda i: engine.search(around[i % len(around)]), runs),
    }
    return {
        "taille": size,
        "documents_s": documents_s,
        "index_s": index_s,
        "rss_avant_mib": baseline,
        "rss_apres_index_mib": after_build,
        "rss_pic_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "scenarios": scenarios,
    }


def machine_with_tantivy() -> dict[str, str]:
    return {**machine(), "tantivy": tantivy.__version__}


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "| fiches | documents (s) | index (s) | mémoire après index (Mio) | pic (Mio) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['taille']:,} | {r['documents_s']:.2f} | {r['index_s']:.2f} | "
            f"{r['rss_apres_index_mib'] - r['rss_avant_mib']:.0f} | {r['rss_pic_mib']:.0f} |"
        )
    lines += [
        "",
        "| fiches | scénario | p50 (ms) | p95 (ms) | p99 (ms) | CPU p50 (ms) | CPU p95 (ms) |",
    ]
    lines.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        for name, p in r["scenarios"].items():
            lines.append(
                f"| {r['taille']:,} | {name} | {p['p50']:.2f} | {p['p95']:.2f} | {p['p99']:.2f} "
                f"| {p['cpu_p50']:.2f} | {p['cpu_p95']:.2f} |"
            )
    lines += ["", f"Charge moyenne de la machine pendant la mesure : {os.getloadavg()[0]:.1f}"]
    return "\n".join(lines).replace(",", " ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=300, help="mesures par scénario")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = parser.parse_args()
    if args.one:
        sys.stdout.write(json.dumps(bench_size(args.one, args.runs)))
        return 0
    results = []
    for size in args.sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--runs", str(args.runs)],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(child.stdout))
        sys.stderr.write(f"{size} fiches : fait\n")
    sys.stdout.write(json.dumps(machine_with_tantivy(), ensure_ascii=False, indent=2) + "\n\n")
    sys.stdout.write(markdown(results) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
