"""Meilisearch index settings and the re-indexing flow that never shows a half-built index.

Documents go into `<index>_next`; once every task has succeeded and the staged index is checked
complete, the two indexes are swapped atomically and the old one is deleted. Every task is
waited for and its status checked; the swap is confirmed on the live index itself.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from meilisearch import Client
from meilisearch.errors import MeilisearchApiError, MeilisearchError, MeilisearchTimeoutError
from meilisearch.models.task import Task, TaskInfo

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
from directory.search.meili_server import (
    MeiliVersionError,
    ServerVersion,
    is_key_error,
    refused_as_too_old,
    require_recent,
)
from directory.search.settings import SearchSettings
from directory.search.synonyms import meili_synonyms

log = logging.getLogger(__name__)

# Generous enough for 100,000 documents on a small server; a task that takes longer is stuck.
TASK_TIMEOUT_S = 900.0
TASK_POLL_MS = 200
BATCH_SIZE = 10_000
MAX_TOTAL_HITS = 1_000_000  # exact totals and deep pages on any catalogue we will have
MAX_FACET_VALUES = 1_000
UNCHANGED = "L'index en ligne n'a pas changé."


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
    """Rebuild `index_uid` with the documents through `<index>_next` and an atomic swap.

    Callers hold the sync lock: two runs at once would share `<index>_next`. The staging index
    is still checked (same index, every document in it) right before the swap.
    """
    try:
        return _Reindexing(client, index_uid, settings, timeout_s).run(documents)
    except MeiliVersionError as error:
        raise MeiliIndexingError(str(error)) from error
    except MeilisearchError as error:
        if refused_as_too_old(error):
            raise MeiliIndexingError(
                "Meilisearch est trop ancien : l'annuaire a besoin de la version 1.10 ou plus "
                "récente. L'index en ligne n'a pas changé."
            ) from error
        if is_key_error(error):
            raise MeiliIndexingError(
                "Meilisearch refuse la clé d'indexation : MEILI_ADMIN_KEY doit pouvoir créer, "
                f"remplir, échanger et supprimer les index « {index_uid} » et « {index_uid}_next » "
                "(voir docs/deploiement.md). L'index en ligne n'a pas changé."
            ) from error
        raise MeiliIndexingError(
            f"Meilisearch injoignable ou en erreur ({error}) : relancez « directory reindex »."
        ) from error


class _Reindexing:
    def __init__(
        self, client: Client, index_uid: str, settings: SearchSettings, timeout_s: float
    ) -> None:
        self._client = client
        self._live = index_uid
        self._next = f"{index_uid}_next"
        self._settings = settings
        self._waiter = _TaskWaiter(client, timeout_s)

    def run(self, documents: Sequence[SearchDocument]) -> int:
        version = require_recent(self._client)
        staged_at = self._stage([document.model_dump(mode="json") for document in documents])
        self._publish(staged_at, len(documents), version)
        log.info("Meilisearch index %s rebuilt with %d documents", self._live, len(documents))
        return len(documents)

    def _stage(self, payload: list[dict[str, Any]]) -> str:
        """Fill `<index>_next`; returns its creation time, which names this very index."""
        client, wait, uid = self._client, self._waiter.wait, self._next
        if _exists(client, uid):  # left over by an interrupted run
            wait(client.delete_index(uid), f"suppression de {uid}")
        wait(client.create_index(uid, {"primaryKey": "id"}), f"création de {uid}")
        staged_at = _created_at(client, uid)
        staging = client.index(uid)
        wait(staging.update_settings(meili_settings(self._settings)), "réglages de l'index")
        tasks = [
            staging.add_documents(payload[start : start + BATCH_SIZE], primary_key="id")
            for start in range(0, len(payload), BATCH_SIZE)
        ]
        for task in tasks:
            wait(task, "ajout des fiches")
        return staged_at

    def _publish(self, staged_at: str, expected: int, version: ServerVersion) -> None:
        """Swap the staged index in, once sure it is ours and complete."""
        client, wait = self._client, self._waiter.wait
        counted = client.index(self._next).get_stats().number_of_documents
        if _created_at(client, self._next) != staged_at or counted != expected:
            raise MeiliIndexingError(
                f"L'index en préparation {self._next} a changé pendant la réindexation "
                f"({counted} fiche(s) au lieu de {expected}) : une autre réindexation a sans doute "
                "tourné en même temps. L'index en ligne n'a pas changé ; relancez "
                "« directory reindex »."
            )
        live_exists = _exists(client, self._live)
        if not live_exists and version.can_rename_in_swap:
            # Meilisearch >= 1.18 renames the staged index: no empty live index, ever.
            swap = client.swap_indexes([{"indexes": [self._next, self._live], "rename": True}])
            self._waiter.wait_swap(swap)
        else:
            if not live_exists:  # a swap needs both indexes (an empty one lives a moment)
                wait(client.create_index(self._live, {"primaryKey": "id"}), "création de l'index")
            swap = client.swap_indexes([{"indexes": [self._live, self._next]}])
            self._waiter.wait_swap(swap)
            # Whatever the swap did, `_next` now holds what is not live: delete it. When an
            # indexing key may not see the swap task, this deletion (queued after it) tells
            # us the swap has been processed.
            deletion = client.delete_index(self._next)
            try:
                wait(deletion, f"suppression de {self._next}", outcome="")
            except MeiliIndexingError as error:
                if _created_at(client, self._live) != staged_at:
                    raise
                log.warning("new index live, but %s is left: %s", self._next, error)
        if _created_at(client, self._live) != staged_at:
            raise MeiliIndexingError(
                "Meilisearch n'a pas mis le nouvel index en ligne (bascule refusée). L'index en "
                "ligne n'a pas changé ; relancez « directory reindex »."
            )


def _exists(client: Client, uid: str) -> bool:
    try:
        client.get_raw_index(uid)
    except MeilisearchApiError as error:
        if error.code == "index_not_found":
            return False
        if is_key_error(error):
            raise
        raise MeiliIndexingError(
            f"Meilisearch refuse de lire l'index {uid} : {error.message}"
        ) from error
    return True


def _created_at(client: Client, uid: str) -> str:
    return str(client.get_raw_index(uid).get("createdAt"))


class _TaskWaiter:
    def __init__(self, client: Client, timeout_s: float) -> None:
        self._client = client
        self._timeout_ms = int(timeout_s * 1000)

    def wait(self, info: TaskInfo, what: str, outcome: str = UNCHANGED) -> None:
        task = self._finished(info, what, outcome)
        if task.status != "succeeded":
            reason = (task.error or {}).get("message", task.status)
            raise MeiliIndexingError(
                f"La tâche Meilisearch {task.uid} ({what}) a échoué : {reason}. {outcome}".strip()
            )

    def wait_swap(self, info: TaskInfo) -> None:
        """A key limited to some indexes may not see a swap task (it concerns two indexes):
        then the outcome is read from the indexes themselves (see _publish)."""
        try:
            self.wait(info, "bascule des index")
        except MeilisearchApiError as error:
            if error.code != "task_not_found":
                raise
            log.info("swap task %s is not visible to this key; checking the indexes", info.task_uid)

    def _finished(self, info: TaskInfo, what: str, outcome: str) -> Task:
        try:
            return self._client.wait_for_task(
                info.task_uid, timeout_in_ms=self._timeout_ms, interval_in_ms=TASK_POLL_MS
            )
        except MeilisearchTimeoutError as error:
            raise MeiliIndexingError(
                f"Meilisearch n'a pas terminé la tâche {info.task_uid} ({what}) en "
                f"{self._timeout_ms // 1000} s. {outcome}".strip()
            ) from error
