"""The `directory` command: check, migrate, sync, reindex, schema, serve (reports in French)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import OperationalError

from directory.catalogue.checks import TEMPLATE_PATH
from directory.catalogue.coverage import Entry, build_coverage
from directory.catalogue.coverage_markdown import render_markdown
from directory.catalogue.export import export_services
from directory.catalogue.loader import CatalogueLoad, check_paths, load_catalogue
from directory.catalogue.problems import render_json, render_text
from directory.catalogue.references import reference_problems
from directory.catalogue.schema import SCHEMA_PATH, schema_text
from directory.catalogue.searches import load_searches
from directory.catalogue.store import read_solutions
from directory.catalogue.sync import sync_catalogue
from directory.catalogue.validation_cache import ValidationCache
from directory.config import PROJECT_ROOT, Settings, get_settings
from directory.db import DatabaseUnavailableError, connect, create_db_engine
from directory.geo import load_geography
from directory.migrations import SchemaRevisionError, check_database, is_empty, migrate
from directory.programme.cli import add_commands as add_programme_commands
from directory.search.checks import search_problems
from directory.search.meili_index import MeiliIndexingError
from directory.search.reindex import reindex_from_database
from directory.write_lock import WriteInProgressError, exclusive_write

Command = Callable[[argparse.Namespace, Settings, TextIO], int]
WORKER_HEALTHCHECK_S = 60
SYNC_NICENESS = 10  # the priority `directory sync` runs at, at least (nice)


def _load(folder: Path | None, settings: Settings) -> CatalogueLoad:
    """The catalogue folder; the default one is checked with its desks (data/permanences).
    Files validated by an earlier run and unchanged since come from the validation cache."""
    geo = load_geography(settings.data_dir)
    path = folder or settings.solutions_dir
    cache = ValidationCache.for_folder(settings.cache_dir, path, settings.data_dir, TEMPLATE_PATH)
    load = load_catalogue(path, geo, stale_after_days=settings.stale_after_days, cache=cache)
    cache.save()
    if folder is None:
        load.problems += reference_problems(settings.data_dir, geo, {e.id for e in load.entries})
    return load


def cmd_check(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if args.chemins:
        load = check_paths(
            args.chemins,
            load_geography(settings.data_dir),
            stale_after_days=settings.stale_after_days,
        )
    else:
        load = _load(None, settings)
        # The searches behind the coverage report's holes: checked, but never block a sync.
        load.problems += load_searches(
            settings.data_dir, load_geography(settings.data_dir)
        ).problems
        # The search's settings and needs vocabulary: the site keeps the valid needs.
        load.problems += search_problems(settings.data_dir)
    single = len(args.chemins) == 1 and not args.chemins[0].is_dir()
    if args.format == "json":
        text = render_json(
            load.problems, load.files, len(load.entries), errors_only=args.erreurs_seulement
        )
    else:
        text = render_text(
            load.problems,
            load.files,
            len(load.entries),
            errors_only=args.erreurs_seulement,
            subject="La fiche" if single else "Le catalogue",
        )
    print(text, file=out)
    return 0 if load.ok else 1


def cmd_sync(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    # A batch job: on a machine that also serves the site, requests come first.
    os.nice(max(0, SYNC_NICENESS - os.nice(0)))
    load = _load(args.dossier, settings)
    if not load.ok:
        print(render_text(load.problems, load.files, len(load.entries)), file=out)
        print(
            "Base de données inchangée : le site continue d'afficher le catalogue précédent.",
            file=out,
        )
        return 1
    engine = create_db_engine(settings.database_url)
    try:
        with exclusive_write(engine, args.attendre):
            with connect(engine) as connection:
                empty = is_empty(connection)
            if empty:  # nothing to lose: create it; any other revision waits for `migrate`
                print(migrate(engine).render(), file=out)
            report = sync_catalogue(engine, load)
            warnings = [p for p in load.problems if not p.is_error]
            if warnings:
                print(f"{len(warnings)} avertissement(s) : lancez « directory check ».", file=out)
            print(report.render(), file=out)
            return _reindex(settings, out) if settings.meili_url else 0
    finally:
        engine.dispose()


def cmd_migrate(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    engine = create_db_engine(settings.database_url)
    try:
        with exclusive_write(engine, args.attendre):
            report = migrate(engine, args.vers)
    finally:
        engine.dispose()
    print(report.render(), file=out)
    return 0


def cmd_reindex(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if not settings.meili_url:
        print(
            "MEILI_URL n'est pas défini : le moteur de recherche intégré n'a pas besoin de "
            "réindexation, le site le reconstruit lui-même à chaque nouvelle version du catalogue.",
            file=out,
        )
        return 0
    engine = create_db_engine(settings.database_url)
    try:
        # The sync's lock: two re-indexations would fill the same `<index>_next`, and a sync
        # re-indexes too, under this lock.
        with exclusive_write(engine, args.attendre):
            return _reindex(settings, out)
    finally:
        engine.dispose()


def _reindex(settings: Settings, out: TextIO) -> int:
    try:
        count = reindex_from_database(settings)
    except MeiliIndexingError as error:
        print(f"Réindexation Meilisearch impossible : {error}", file=out)
        return 1
    print(f"Index Meilisearch « {settings.meili_index} » reconstruit : {count} fiche(s).", file=out)
    return 0


def cmd_schema(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    text = schema_text()
    if args.verifier:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"{SCHEMA_PATH} n'est pas à jour : lancez « directory schema ».", file=out)
            return 1
        print(f"{SCHEMA_PATH} est à jour.", file=out)
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"Schéma écrit dans {SCHEMA_PATH}.", file=out)
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from data_inclusion.schema.v1 import Service
    from pydantic import ValidationError
    from sqlmodel import Session

    engine = create_db_engine(settings.database_url)
    try:
        check_database(engine)
        with Session(engine) as session:
            solutions = read_solutions(session)
    finally:
        engine.dispose()
    if not solutions:
        print("Base vide : lancez d'abord « directory sync ».", file=out)
        return 1
    records = export_services(solutions, load_geography(settings.data_dir), settings.site_url)
    invalid = 0
    for record in records:
        try:
            Service.model_validate(record)
        except ValidationError as error:
            invalid += 1
            print(f"{record['id']} : refusé par le schéma data·inclusion : {error}", file=out)
    if invalid:
        return 1
    payload = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if args.sortie:
        args.sortie.write_text(payload, encoding="utf-8")
        print(f"{len(records)} services data·inclusion écrits dans {args.sortie}.", file=out)
    else:
        out.write(payload)
    return 0


def cmd_coverage(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    load = _load(args.dossier, settings)
    geo = load_geography(settings.data_dir)
    entries = [Entry(loaded.id, loaded.entry) for loaded in load.entries]
    searches = load_searches(settings.data_dir, geo)
    if searches.problems:
        print(
            f"Attention : {len(searches.problems)} problème(s) dans data/manques.yaml, ses "
            "recherches ne sont pas toutes dans le rapport (lancez « directory check »).",
            file=out,
        )
    report = build_coverage(
        entries, geo, date.today(), settings.stale_after_days, searches.searches
    )
    text = render_markdown(report, geo)
    if not load.ok:
        text = (
            f"> Attention : {len(load.errors)} erreur(s) dans le catalogue ; les fiches en erreur "
            "ne sont pas comptées (lancez « directory check »).\n\n" + text
        )
    print(text, file=out)
    args.sortie.parent.mkdir(parents=True, exist_ok=True)
    args.sortie.write_text(text, encoding="utf-8")
    print(f"Rapport écrit dans {args.sortie}.", file=out)
    return 0


def cmd_letters(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from directory.catalogue.letters import build_letters
    from directory.catalogue.letters_output import FORMATS, write_letters
    from directory.desks import load_desks

    load = _load(args.dossier, settings)
    geo = load_geography(settings.data_dir)
    if not load.ok:
        print(
            f"Attention : {len(load.errors)} erreur(s) dans le catalogue ; les fiches en erreur "
            "n'ont pas de lettre (lancez « directory check »).",
            file=out,
        )
    letters = build_letters(
        load.entries,
        geo,
        load_desks(settings.data_dir, geo).desks,
        date.today(),
        settings.site_url,
        settings.stale_after_days,
        only=args.operateur,
    )
    if not letters.letters:
        print("Aucun opérateur ne correspond : aucune lettre écrite.", file=out)
        return 1
    formats = FORMATS if args.format == "tous" else (args.format,)
    written = write_letters(letters, args.sortie, formats)
    for letter in letters.letters:
        print(
            f"{letter.operator} : {len(letter.entries)} service(s), {letter.questions} question(s)",
            file=out,
        )
    print(
        f"{len(letters.letters)} lettre(s) écrite(s) dans {args.sortie} "
        f"({len(written)} fichiers, index.md compris).",
        file=out,
    )
    if letters.without_operator:
        print(
            f"{len(letters.without_operator)} fiche(s) sans opérateur n'ont pas de lettre : "
            "voir index.md.",
            file=out,
        )
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    import uvicorn
    from fastapi import FastAPI

    from directory.app import create_app
    from directory.logs import log_config
    from directory.metrics import prepare_multiprocess_dir

    prepare_multiprocess_dir(args.workers)  # /metrics sums the workers' counters

    # Said here, once and without a traceback; each worker checks again as it starts.
    engine = create_db_engine(settings.database_url)
    try:
        check_database(engine)
    finally:
        engine.dispose()
    workers = f", {args.workers} processus" if args.workers > 1 else ""
    print(f"Annuaire mobilité : http://{args.host}:{args.port}{workers}", file=out)
    # Several workers are separate processes: each builds its app from the environment,
    # where it also reads how many they are (directory.search_work).
    if args.workers > 1:
        os.environ["SERVE_WORKERS"] = str(args.workers)
    app: str | FastAPI = "directory.app:create_app" if args.workers > 1 else create_app(settings)
    uvicorn.run(
        app,
        factory=args.workers > 1,
        workers=args.workers,
        # A worker imports the whole application before it can answer uvicorn's health check:
        # on a busy machine that takes longer than uvicorn's 5 s, and it would kill and
        # restart every worker in a loop.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
        host=args.host,
        port=args.port,
        log_config=log_config(settings.log_format, settings.log_level),
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="directory", description="Annuaire mobilité : catalogue, synchronisation et site."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    check = commands.add_parser("check", help="vérifier les fiches YAML du catalogue")
    check.add_argument(
        "chemins",
        nargs="*",
        type=Path,
        metavar="CHEMIN",
        help="fiches ou dossiers à vérifier (défaut : tout le catalogue et les permanences)",
    )
    check.add_argument(
        "--format", choices=["texte", "json"], default="texte", help="format du rapport"
    )
    check.add_argument(
        "--erreurs-seulement",
        action="store_true",
        help="n'afficher que les erreurs (les avertissements sont seulement comptés)",
    )
    check.set_defaults(run=cmd_check)

    migrate_ = commands.add_parser(
        "migrate", help="créer la base ou la mettre à la révision du code (migrations)"
    )
    migrate_.add_argument(
        "--vers",
        default="head",
        metavar="REVISION",
        help="révision à atteindre, plus ancienne pour revenir en arrière (défaut : la dernière)",
    )
    _add_wait(migrate_)
    migrate_.set_defaults(run=cmd_migrate, failure="Migration impossible")

    sync = commands.add_parser("sync", help="charger le catalogue dans la base (tout ou rien)")
    sync.add_argument(
        "dossier", nargs="?", type=Path, help="dossier des fiches (défaut : data/solutions)"
    )
    _add_wait(sync)
    sync.set_defaults(run=cmd_sync, failure="Synchronisation impossible")

    reindex = commands.add_parser(
        "reindex", help="reconstruire l'index Meilisearch depuis la base (si MEILI_URL)"
    )
    _add_wait(reindex)
    reindex.set_defaults(run=cmd_reindex, failure="Réindexation impossible")

    schema = commands.add_parser(
        "schema", help="régénérer le schéma JSON des fiches (pour VS Code)"
    )
    schema.add_argument(
        "--verifier", action="store_true", help="vérifier seulement qu'il est à jour"
    )
    schema.set_defaults(run=cmd_schema)

    export = commands.add_parser("export", help="exporter le catalogue (data·inclusion)")
    export.add_argument(
        "--format", choices=["data-inclusion"], default="data-inclusion", help="format de sortie"
    )
    export.add_argument("--sortie", type=Path, help="fichier JSON à écrire (défaut : écran)")
    export.set_defaults(run=cmd_export, failure="Export impossible")

    coverage = commands.add_parser(
        "couverture", help="rapport de couverture : offre par territoire et catégorie, manques"
    )
    coverage.add_argument("dossier", nargs="?", type=Path, help="dossier des fiches")
    coverage.add_argument(
        "--sortie",
        type=Path,
        default=PROJECT_ROOT / "docs" / "couverture.md",
        help="fichier Markdown à écrire (défaut : docs/couverture.md)",
    )
    coverage.set_defaults(run=cmd_coverage)

    add_programme_commands(commands)

    letters = commands.add_parser(
        "lettres",
        help="écrire à chaque opérateur ce que l'annuaire publie sur ses services et ce qu'il "
        "faut lui faire confirmer (Markdown et PDF)",
    )
    letters.add_argument("dossier", nargs="?", type=Path, help="dossier des fiches")
    letters.add_argument(
        "--sortie",
        type=Path,
        default=PROJECT_ROOT / "var" / "lettres",
        help="dossier où écrire les lettres (défaut : var/lettres)",
    )
    letters.add_argument(
        "--format",
        choices=["tous", "markdown", "pdf"],
        default="tous",
        help="format des lettres (défaut : Markdown et PDF)",
    )
    letters.add_argument(
        "--operateur", help="seulement les opérateurs dont le nom contient ce texte"
    )
    letters.set_defaults(run=cmd_letters)

    serve = commands.add_parser("serve", help="lancer le site et l'API")
    serve.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut : 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (défaut : 8000)")
    serve.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="nombre de processus qui répondent (défaut : 1)",
    )
    serve.set_defaults(run=cmd_serve, failure="Le site ne démarre pas")
    return parser


def _add_wait(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--attendre",
        type=float,
        default=0.0,
        metavar="SECONDES",
        help="si une synchronisation ou migration est en cours, l'attendre au plus ce temps "
        "(défaut : 0, abandonner tout de suite)",
    )


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"« {value} » : un nombre entier, au moins 1")
    return number


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    settings: Settings | None = None,
) -> int:
    args = build_parser().parse_args(argv)
    command: Command = args.run
    settings = settings or get_settings()
    out = out or sys.stdout
    try:
        return command(args, settings, out)
    except (SchemaRevisionError, WriteInProgressError) as error:
        problem = str(error)
    except (DatabaseUnavailableError, OperationalError) as error:
        if isinstance(error, OperationalError):  # the database stopped answering mid-way
            error = DatabaseUnavailableError(settings.database_url, error)
        problem = str(error)
        if args.command == "sync":
            problem += (
                ". Une synchronisation est tout ou rien : la base garde le catalogue précédent, "
                "que le site continue d'afficher"
            )
    print(f"{getattr(args, 'failure', 'Commande impossible')} : {problem}.", file=out)
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
