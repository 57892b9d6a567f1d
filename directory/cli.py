"""The `directory` command: check, sync, reindex, schema, serve (reports in French)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from directory.catalogue.coverage import Entry, build_coverage, render_markdown
from directory.catalogue.export import export_services
from directory.catalogue.loader import CatalogueLoad, load_catalogue
from directory.catalogue.problems import render_json, render_text
from directory.catalogue.schema import SCHEMA_PATH, schema_text
from directory.catalogue.store import read_solutions
from directory.catalogue.sync import sync_catalogue
from directory.config import PROJECT_ROOT, Settings, get_settings
from directory.db import create_db_engine, init_db
from directory.desks import desk_problems
from directory.geo import load_geography
from directory.programme.cli import add_commands as add_programme_commands
from directory.search.meili_index import MeiliIndexingError
from directory.search.reindex import reindex_from_database

Command = Callable[[argparse.Namespace, Settings, TextIO], int]


def _load(folder: Path | None, settings: Settings) -> CatalogueLoad:
    """The catalogue folder; the default one is checked with its desks (data/permanences)."""
    geo = load_geography(settings.data_dir)
    load = load_catalogue(
        folder or settings.solutions_dir, geo, stale_after_days=settings.stale_after_days
    )
    if folder is None:
        load.problems += desk_problems(settings.data_dir, geo, {e.id for e in load.entries})
    return load


def cmd_check(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    load = _load(args.dossier, settings)
    render = render_json if args.format == "json" else render_text
    print(render(load.problems, load.files, len(load.entries)), file=out)
    return 0 if load.ok else 1


def cmd_sync(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    load = _load(args.dossier, settings)
    if not load.ok:
        print(render_text(load.problems, load.files, len(load.entries)), file=out)
        print(
            "Base de données inchangée : le site continue d'afficher le catalogue précédent.",
            file=out,
        )
        return 1
    engine = create_db_engine(settings.database_url)
    init_db(engine)
    report = sync_catalogue(engine, load)
    warnings = [p for p in load.problems if not p.is_error]
    if warnings:
        print(
            f"{len(warnings)} avertissement(s) : lancez « directory check » pour le détail.",
            file=out,
        )
    print(report.render(), file=out)
    engine.dispose()
    return _reindex(settings, out) if settings.meili_url else 0


def cmd_reindex(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if not settings.meili_url:
        print(
            "MEILI_URL n'est pas défini : le moteur de recherche intégré n'a pas besoin de "
            "réindexation, le site le reconstruit lui-même à chaque nouvelle version du catalogue.",
            file=out,
        )
        return 0
    return _reindex(settings, out)


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
    init_db(engine)
    with Session(engine) as session:
        solutions = read_solutions(session)
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
    report = build_coverage(entries, geo, date.today(), settings.stale_after_days)
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


def cmd_serve(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    import uvicorn

    from directory.app import create_app
    from directory.web.access_log import uvicorn_log_config

    print(f"Annuaire mobilité : http://{args.host}:{args.port}", file=out)
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        log_level="info",
        log_config=uvicorn_log_config(),  # access lines without query strings
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="directory", description="Annuaire mobilité : catalogue, synchronisation et site."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    check = commands.add_parser("check", help="vérifier les fiches YAML du catalogue")
    check.add_argument(
        "dossier", nargs="?", type=Path, help="dossier des fiches (défaut : data/solutions)"
    )
    check.add_argument(
        "--format", choices=["texte", "json"], default="texte", help="format du rapport"
    )
    check.set_defaults(run=cmd_check)

    sync = commands.add_parser("sync", help="charger le catalogue dans la base (tout ou rien)")
    sync.add_argument(
        "dossier", nargs="?", type=Path, help="dossier des fiches (défaut : data/solutions)"
    )
    sync.set_defaults(run=cmd_sync)

    reindex = commands.add_parser(
        "reindex", help="reconstruire l'index Meilisearch depuis la base (si MEILI_URL)"
    )
    reindex.set_defaults(run=cmd_reindex)

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
    export.set_defaults(run=cmd_export)

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

    serve = commands.add_parser("serve", help="lancer le site et l'API")
    serve.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut : 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (défaut : 8000)")
    serve.set_defaults(run=cmd_serve)
    return parser


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    settings: Settings | None = None,
) -> int:
    args = build_parser().parse_args(argv)
    command: Command = args.run
    return command(args, settings or get_settings(), out or sys.stdout)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
