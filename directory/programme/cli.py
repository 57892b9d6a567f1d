"""`directory compte …` and `directory programme …`: accounts, import and retention, in French."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TextIO

from sqlmodel import Session

from directory.config import Settings
from directory.db import create_db_engine
from directory.errors import DirectoryError, InvalidInputError
from directory.geo import load_geography
from directory.programme.accounts import (
    IssuedPassword,
    create_account,
    deactivate,
    get_account,
    list_accounts,
    reactivate,
    reset_password,
)
from directory.programme.clock import today, utcnow
from directory.programme.importer import import_activity
from directory.programme.retention import purge
from directory.programme.sessions import SessionRules
from directory.programme.structures import structure_names
from directory.programme.vocabulary import Role


@contextmanager
def _session(settings: Settings) -> Iterator[Session]:
    from directory.migrations import check_database

    engine = create_db_engine(settings.database_url)
    try:
        check_database(engine)
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def _issued(issued: IssuedPassword, out: TextIO) -> None:
    print(
        f"Mot de passe provisoire de « {issued.identifiant} » : {issued.password}\n"
        "Il n'est affiché qu'une fois ; il devra être changé à la première connexion.",
        file=out,
    )


def cmd_account(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    known = structure_names(load_geography(settings.data_dir))
    with _session(settings) as db:
        try:
            if args.action == "lister":
                for account in list_accounts(db, args.structure):
                    state = "actif" if account.active else "désactivé"
                    print(
                        f"{account.identifiant}\t{account.structure}\t{account.role.value}\t{state}",
                        file=out,
                    )
                return 0
            if args.action == "creer":
                if not args.structure or not args.role:
                    raise InvalidInputError("structure", "Indiquez --structure et --role.")
                _issued(
                    create_account(
                        db, args.identifiant, args.structure, Role(args.role), set(known), utcnow()
                    ),
                    out,
                )
                return 0
            account = get_account(db, args.identifiant)
            if args.action == "desactiver":
                deactivate(db, account)
                print(f"Compte « {account.identifiant} » désactivé et déconnecté.", file=out)
            elif args.action == "reactiver":
                reactivate(db, account)
                print(f"Compte « {account.identifiant} » réactivé.", file=out)
            else:
                _issued(reset_password(db, account, utcnow()), out)
        except DirectoryError as error:
            print(f"Erreur : {error.message}", file=out)
            return 1
    return 0


def cmd_programme(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    geo = load_geography(settings.data_dir)
    with _session(settings) as db:
        if args.action == "purger":
            rules = SessionRules(
                idle=timedelta(minutes=settings.session_idle_minutes),
                lifetime=timedelta(hours=settings.session_max_hours),
            )
            done = purge(db, today(), settings.programme_retention_months, utcnow(), rules)
            print(
                f"Conservation : {settings.programme_retention_months} mois. Supprimés avant le "
                f"{done.before.strftime('%d/%m/%Y')} : {done.sessions} entretien(s) et leurs "
                f"suivis, {done.events} atelier(s) ou sensibilisation(s), {done.searches} "
                "compte(s) de recherches sans résultat.",
                file=out,
            )
            return 0
        if args.structure not in structure_names(geo):
            print(
                f"Erreur : structure inconnue « {args.structure} » ; structures : "
                + ", ".join(structure_names(geo)),
                file=out,
            )
            return 1
        report = import_activity(
            db, args.fichier.read_bytes(), args.structure, None, geo, utcnow(), today()
        )
        if not report.ok:
            print(f"Rien n'a été importé : {len(report.errors)} erreur(s).", file=out)
            for error in report.errors:
                print(f"  {error}", file=out)
            return 1
        print(
            f"Import réussi : {report.added} ligne(s) ajoutée(s), {report.updated} ligne(s) "
            "déjà importée(s) mise(s) à jour.",
            file=out,
        )
        return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    from pathlib import Path

    account = commands.add_parser("compte", help="comptes de l'espace partenaires")
    actions = account.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("creer", help="créer un compte (mot de passe provisoire affiché)")
    create.add_argument("identifiant")
    create.add_argument("--structure", required=True, help="identifiant de la structure")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    for name, text in (
        ("desactiver", "désactiver un compte et le déconnecter partout"),
        ("reactiver", "réactiver un compte"),
        ("reinitialiser", "nouveau mot de passe provisoire, déblocage, déconnexion partout"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("identifiant")
    listing = actions.add_parser("lister", help="lister les comptes")
    listing.add_argument("--structure", help="seulement cette structure")
    account.set_defaults(run=cmd_account)

    programme = commands.add_parser("programme", help="import de l'activité passée, conservation")
    tasks = programme.add_subparsers(dest="action", required=True, metavar="ACTION")
    importer = tasks.add_parser("importer", help="importer un CSV (tout ou rien)")
    importer.add_argument("fichier", type=Path)
    importer.add_argument("--structure", required=True, help="identifiant de la structure")
    tasks.add_parser("purger", help="supprimer ce qui dépasse la durée de conservation")
    programme.set_defaults(run=cmd_programme)
