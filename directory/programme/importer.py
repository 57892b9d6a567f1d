"""CSV import of past activity (sessions, workshops, awareness sessions): every line checked,
French messages with the line number, all or nothing, and idempotent (`identifiant`)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlmodel import Session, col, delete, select

from directory.geo import Geography
from directory.programme import events, records
from directory.programme.events import GroupEventIn
from directory.programme.messages import french_errors
from directory.programme.records import DeskRecordIn
from directory.programme.tables import DeskRecord, EventTag, GroupEvent, RecordTag

MAX_BYTES = 5_000_000
MAX_LINES = 20_000
SEPARATOR = "|"  # between several values of one cell: « demandeur-emploi|beneficiaire-rsa »

COLUMNS: dict[str, str] = {
    "identifiant": "obligatoire : votre numéro de la ligne, unique dans votre structure "
    "(réimporter le même fichier met à jour sans doublon)",
    "type": "obligatoire : entretien, atelier ou sensibilisation",
    "date": "obligatoire : AAAA-MM-JJ ou JJ/MM/AAAA, pas dans le futur",
    "territoire": "obligatoire : montpellier-mediterranee-metropole, pays-coeur-d-herault ou "
    "pays-haut-languedoc-et-vignobles",
    "commune": "commune d'habitation (entretien) ou du lieu (atelier, sensibilisation : "
    "obligatoire) : nom, code postal ou code INSEE",
    "canal": "entretien, obligatoire : sur-place ou telephone",
    "tranche_age": "entretien : moins-de-18, 18-25, 26-44, 45-59, 60-74, 75-et-plus",
    "duree": "entretien : moins-de-30-min, 30-45-min, 45-60-min, plus-d-une-heure",
    "statuts": "entretien : situations séparées par |",
    "contraintes": "entretien : contraintes séparées par |",
    "besoins": "entretien : se-deplacer, payer, permis, vehicule, accompagnement, séparés par |",
    "besoin_couvert": "entretien : oui, en-partie ou non",
    "besoins_non_couverts": "entretien : besoins restés sans solution, séparés par |",
    "theme": "atelier, sensibilisation, obligatoire : offre-locale, transports-en-commun, velo, "
    "permis, vehicule, budget, numerique, covoiturage, eco-mobilite, orientation",
    "participants": "atelier, sensibilisation, obligatoire : nombre (1 à 500)",
    "professionnels": "sensibilisation : nombre de professionnels (par défaut, les participants)",
    "organisations": "sensibilisation, obligatoire : types de structures séparés par |",
    "publics": "atelier, sensibilisation : publics séparés par |",
    "duree_heures": "atelier, sensibilisation : durée en heures (1.5)",
}
REQUIRED = ("identifiant", "type", "date", "territoire")
SESSION_LISTS = set(records.TAG_FIELDS)
EVENT_LISTS = set(events.TAG_FIELDS)


@dataclass
class ImportReport:
    errors: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("illisible")


def _day(text: str) -> str:
    """JJ/MM/AAAA -> AAAA-MM-JJ; anything else is left for the model to judge."""
    parts = text.strip().split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
        return f"{parts[2]}-{parts[1].zfill(2)}-{parts[0].zfill(2)}"
    return text.strip()


def _data(row: dict[str, str], model: type[BaseModel], lists: set[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in model.model_fields:
        value = (row.get(name) or "").strip()
        if name == "jour":
            value = _day(row.get("date") or "")
        if name == "kind":
            value = (row.get("type") or "").strip()
        if not value:
            continue
        data[name] = (
            [v.strip() for v in value.split(SEPARATOR) if v.strip()] if name in lists else value
        )
    return data


def parse(raw: bytes, geo: Geography, today: date) -> tuple[list[tuple[str, BaseModel]], list[str]]:
    """Every line checked; ([(identifiant, model)], []) or ([], French errors)."""
    if len(raw) > MAX_BYTES:
        return [], [f"Le fichier dépasse {MAX_BYTES // 1_000_000} Mo : découpez-le."]
    try:
        text = _decode(raw)
    except ValueError:
        return [], ["Le fichier n'est pas un texte lisible (enregistrez-le en CSV UTF-8)."]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    errors = [
        f"Colonne inconnue « {h} » : retirez-la ou corrigez son nom."
        for h in header
        if h not in COLUMNS
    ]
    errors += [f"Colonne obligatoire absente : « {h} »." for h in REQUIRED if h not in header]
    if errors:
        return [], errors
    parsed: list[tuple[str, BaseModel]] = []
    seen: dict[str, int] = {}
    context = {"today": today, "geo": geo}
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_LINES:
            return [], [f"Plus de {MAX_LINES} lignes : découpez le fichier."]
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        key = (row.get("identifiant") or "").strip()[:80]
        if not key:
            errors.append(f"Ligne {number} : « identifiant » est vide.")
            continue
        if key in seen:
            errors.append(f"Ligne {number} : identifiant « {key} » déjà utilisé ligne {seen[key]}.")
            continue
        seen[key] = number
        kind = (row.get("type") or "").strip()
        try:
            if kind == "entretien":
                model: BaseModel = DeskRecordIn.model_validate(
                    _data(row, DeskRecordIn, SESSION_LISTS), context=context
                )
            elif kind in ("atelier", "sensibilisation"):
                model = GroupEventIn.model_validate(
                    _data(row, GroupEventIn, EVENT_LISTS), context=context
                )
            else:
                errors.append(
                    f"Ligne {number} : type « {kind[:30]} » inconnu (entretien, atelier ou "
                    "sensibilisation)."
                )
                continue
        except ValidationError as error:
            errors += [f"Ligne {number} : {message}" for message in french_errors(error)]
            continue
        parsed.append((key, model))
    if not parsed and not errors:
        errors.append("Le fichier ne contient aucune ligne.")
    return ([], errors) if errors else (parsed, [])


def import_activity(
    db: Session,
    raw: bytes,
    structure: str,
    author_id: int | None,
    geo: Geography,
    now: datetime,
    today: date,
) -> ImportReport:
    lines, errors = parse(raw, geo, today)
    report = ImportReport(errors=errors)
    if errors:
        return report
    sessions = {
        r.import_key: r
        for r in db.exec(
            select(DeskRecord).where(
                DeskRecord.structure == structure, col(DeskRecord.import_key).is_not(None)
            )
        )
    }
    actions = {
        e.import_key: e
        for e in db.exec(
            select(GroupEvent).where(
                GroupEvent.structure == structure, col(GroupEvent.import_key).is_not(None)
            )
        )
    }
    for key, model in lines:
        if isinstance(model, DeskRecordIn):
            _store_session(
                db, sessions.get(key), key, model, structure, author_id, geo, now, report
            )
        else:
            assert isinstance(model, GroupEventIn)
            _store_event(db, actions.get(key), key, model, structure, author_id, geo, now, report)
    db.commit()
    return report


def _store_session(
    db: Session,
    found: DeskRecord | None,
    key: str,
    data: DeskRecordIn,
    structure: str,
    author_id: int | None,
    geo: Geography,
    now: datetime,
    report: ImportReport,
) -> None:
    if found is None:
        found = DeskRecord(
            structure=structure,
            territoire=data.territoire,
            jour=data.jour,
            canal=data.canal,
            author_id=author_id,
            import_key=key,
            created_at=now,
            updated_at=now,
        )
        report.added += 1
    else:
        report.updated += 1
        db.exec(delete(RecordTag).where(col(RecordTag.record_id) == found.id))
    records._fill(found, data, geo)
    found.updated_at = now
    db.add(found)
    db.flush()
    assert found.id is not None
    db.add_all(records._tags(found.id, data))


def _store_event(
    db: Session,
    found: GroupEvent | None,
    key: str,
    data: GroupEventIn,
    structure: str,
    author_id: int | None,
    geo: Geography,
    now: datetime,
    report: ImportReport,
) -> None:
    if found is None:
        found = GroupEvent(
            kind=data.kind,
            structure=structure,
            territoire=data.territoire,
            jour=data.jour,
            commune=data.commune,
            theme=data.theme,
            participants=data.participants,
            author_id=author_id,
            import_key=key,
            created_at=now,
            updated_at=now,
        )
        report.added += 1
    else:
        report.updated += 1
        db.exec(delete(EventTag).where(col(EventTag.event_id) == found.id))
    events._fill(found, data, geo)
    found.updated_at = now
    db.add(found)
    db.flush()
    assert found.id is not None
    db.add_all(events._tags(found.id, data))


def template_csv() -> str:
    """An example file with every column (a session and a workshop)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    example = {
        "identifiant": "2025-0001",
        "type": "entretien",
        "date": "14/03/2025",
        "territoire": "pays-coeur-d-herault",
        "commune": "Lodève",
        "canal": "sur-place",
        "tranche_age": "26-44",
        "statuts": "demandeur-emploi|beneficiaire-rsa",
        "contraintes": "sans-permis",
        "besoins": "se-deplacer|permis",
        "besoin_couvert": "en-partie",
        "besoins_non_couverts": "permis",
    }
    writer.writerow([example.get(c, "") for c in COLUMNS])
    workshop = {
        "identifiant": "2025-A01",
        "type": "atelier",
        "date": "2025-04-02",
        "territoire": "pays-coeur-d-herault",
        "commune": "34142",
        "theme": "velo",
        "participants": "8",
        "publics": "seniors",
        "duree_heures": "2",
    }
    writer.writerow([workshop.get(c, "") for c in COLUMNS])
    return out.getvalue()
