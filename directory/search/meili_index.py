"""Meilisearch index settings and the re-indexing flow that never shows a half-built index.

Documents go into `<index>_next`; once every task has succeeded, the two indexes are swapped
atomically and the old one is deleted. Every task is waited for and its status checked.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from meilisearch import Client
from meilisearch.errors import MeilisearchApiError, MeilisearchError, MeilisearchTimeoutError
from meilisearch.models.task import TaskInfo

from directory.search.document import (
    DESTINATIONS_FIELD,
    NAME_STEMS_FIELD,
    NEEDS_FIELD,
    PREREQUISITES_FIELD,
    SORT_FIELDS,
    STEMS_FIELD,
    TEXT_FIELDS,
    ZONE_KEYS_FIELD,
    SearchDocument,
)
from directory.search.facets import FACETS
from directory.search.settings import SearchSettings
from directory.search.synonyms import meili_synonyms

log = logging.getLogger(__name__)

# Generous enough for 100,000 documents on a small server; a task that takes longer is stuck.
TASK_TIMEOUT_S = 900.0
TASK_POLL_MS = 200
BATCH_SIZE = 10_000
MAX_TOTAL_HITS = 1_000_000  # exact totals and deep pages on any catalogue we will have
MAX_FACET_VALUES = 1_000


class MeiliIndexingError(Exception):
    """Re-indexing stopped; the live index is unchanged. The message is in French."""


def meili_settings(settings: SearchSettings) -> dict[str, Any]:
    """The index settings, generated from data/recherche.yaml."""
    return {
        "searchableAttributes": searchable_attributes(settings),
        "filterableAttributes": [*FACETS, ZONE_KEYS_FIELD, DESTINATIONS_FIELD, PREREQUISITES_FIELD],
        "sortableAttributes": list(SORT_FIELDS),
        "displayedAttributes": ["*"],
        "rankingRules": ["words", "typo", "proximity", "attribute", "sort", "exactness"],
        "localizedAttributes": [{"attributePatterns": list(TEXT_FIELDS), "locales": ["fra"]}],
        "stopWords": list(settings.all_stop_words),
        "synonyms": meili_synonyms(settings),
        "typoTolerance": {
            "enabled": True,
            "disableOnAttributes": [NEEDS_FIELD],
            "disableOnWords": [need.token for need in settings.needs],
            "minWordSizeForTypos": {
                "oneTypo": settings.typos.one_typo,
                "twoTypos": settings.typos.two_typos,
            },
        },
        "pagination": {"maxTotalHits": MAX_TOTAL_HITS},
        "faceting": {"maxValuesPerFacet": MAX_FACET_VALUES},
    }


def searchable_attributes(settings: SearchSettings) -> list[str]:
    """The ranked fields of data/recherche.yaml, the name's stems right after the name, the
    other stems and the needs last (see analysis and need_vocabulary)."""
    ranked: list[str] = []
    for name in settings.fields:
        ranked.append(name)
        if name == "nom":
            ranked.append(NAME_STEMS_FIELD)
    return [*ranked, STEMS_FIELD, NEEDS_FIELD]


def reindex(
    client: Client,
    index_uid: str,
    documents: Sequence[SearchDocument],
    settings: SearchSettings,
    timeout_s: float = TASK_TIMEOUT_S,
) -> int:
    """Rebuild `index_uid` with the documents through `<index>_next` and an atomic swap."""
    try:
        return _reindex(client, index_uid, documents, settings, timeout_s)
    except MeilisearchError as error:
        raise MeiliIndexingError(
            f"Meilisearch injoignable ou en erreur ({error}) : relancez « directory reindex »."
        ) from error


def _reindex(
    client: Client,
    index_uid: str,
    documents: Sequence[SearchDocument],
    settings: SearchSettings,
    timeout_s: float,
) -> int:
    next_uid = f"{index_uid}_next"
    waiter = _TaskWaiter(client, timeout_s)
    if _exists(client, next_uid):  # left over by an interrupted run
        waiter.wait(client.delete_index(next_uid), f"suppression de {next_uid}")
    waiter.wait(client.create_index(next_uid, {"primaryKey": "id"}), f"création de {next_uid}")
    staging = client.index(next_uid)
    waiter.wait(staging.update_settings(meili_settings(settings)), "réglages de l'index")
    payload = [document.model_dump(mode="json") for document in documents]
    tasks = [
        staging.add_documents(payload[start : start + BATCH_SIZE], primary_key="id")
        for start in range(0, len(payload), BATCH_SIZE)
    ]
    for task in tasks:
        waiter.wait(task, "ajout des fiches")
    if not _exists(client, index_uid):  # a swap needs both indexes
        waiter.wait(
            client.create_index(index_uid, {"primaryKey": "id"}), f"création de {index_uid}"
        )
    waiter.wait(client.swap_indexes([{"indexes": [index_uid, next_uid]}]), "bascule des index")
    waiter.wait(
        client.delete_index(next_uid), f"suppression de l'ancien index ({next_uid})", swapped=True
    )
    log.info("Meilisearch index %s rebuilt with %d documents", index_uid, len(payload))
    return len(payload)


def _exists(client: Client, uid: str) -> bool:
    try:
        client.get_raw_index(uid)
    except MeilisearchApiError as error:
        if error.code == "index_not_found":
            return False
        raise MeiliIndexingError(
            f"Meilisearch refuse de lire l'index {uid} : {error.message}"
        ) from error
    return True


class _TaskWaiter:
    def __init__(self, client: Client, timeout_s: float) -> None:
        self._client = client
        self._timeout_ms = int(timeout_s * 1000)

    def wait(self, info: TaskInfo, what: str, swapped: bool = False) -> None:
        outcome = (
            f"Le nouvel index est en ligne ; supprimez {info.index_uid} à la main."
            if swapped
            else "L'index en ligne n'a pas changé."
        )
        try:
            task = self._client.wait_for_task(
                info.task_uid, timeout_in_ms=self._timeout_ms, interval_in_ms=TASK_POLL_MS
            )
        except MeilisearchTimeoutError as error:
            raise MeiliIndexingError(
                f"Meilisearch n'a pas terminé la tâche {info.task_uid} ({what}) en "
                f"{self._timeout_ms // 1000} s. {outcome}"
            ) from error
        if task.status != "succeeded":
            reason = (task.error or {}).get("message", task.status)
            raise MeiliIndexingError(
                f"La tâche Meilisearch {task.uid} ({what}) a échoué : {reason}. {outcome}"
            )
