"""A Meilisearch stand-in for tests without a server: it refuses what the real server refuses.

It answers the routes our code uses through `responses`, keeps indexes, documents and a task
queue, and checks like Meilisearch does (sources of 1.10 and later):
- keys: with a master key, a request needs a key allowed for the action and the index;
  a key limited to some indexes cannot see a swap task (it concerns two indexes);
- settings, multi-search bodies and swaps with an unknown field are refused (`bad_request`),
  by version: `localizedAttributes` and `federation` from 1.10, swap `rename` from 1.18;
- a filter must parse and name filterable attributes (meili_filter); a sort, sortable ones;
- a swap fails when an index is missing (or, renaming, when the target exists).
Tasks run in order, lazily, before each request is answered; `stuck` types never finish.
What it does not do is rank: searches with words answer from `search_results` when queued.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
import responses
from requests import PreparedRequest

from .meili_filter import FilterRefusedError, parse_filter

URL = "http://meili.test"
MASTER_KEY = "master-key"
Answer = tuple[int, dict[str, str], str]
Call = tuple[str, str, Any]

SETTINGS_1_10 = {
    "displayedAttributes",
    "searchableAttributes",
    "filterableAttributes",
    "sortableAttributes",
    "rankingRules",
    "stopWords",
    "nonSeparatorTokens",
    "separatorTokens",
    "dictionary",
    "synonyms",
    "distinctAttribute",
    "proximityPrecision",
    "typoTolerance",
    "faceting",
    "pagination",
    "embedders",
    "searchCutoffMs",
    "localizedAttributes",
}
NESTED_SETTINGS = {
    "typoTolerance": {"enabled", "minWordSizeForTypos", "disableOnWords", "disableOnAttributes"},
    "faceting": {"maxValuesPerFacet", "sortFacetValuesBy"},
    "pagination": {"maxTotalHits"},
}
RANKING_RULES = {"words", "typo", "proximity", "attribute", "sort", "exactness"}
QUERY_FIELDS_1_10 = {
    "indexUid",
    "q",
    "vector",
    "hybrid",
    "offset",
    "limit",
    "page",
    "hitsPerPage",
    "attributesToRetrieve",
    "retrieveVectors",
    "attributesToCrop",
    "cropLength",
    "attributesToHighlight",
    "showRankingScore",
    "showRankingScoreDetails",
    "showMatchesPosition",
    "filter",
    "sort",
    "distinct",
    "facets",
    "highlightPreTag",
    "highlightPostTag",
    "cropMarker",
    "matchingStrategy",
    "attributesToSearchOn",
    "rankingScoreThreshold",
    "locales",
    "federationOptions",
}


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("-")[0].split("."))


@dataclass
class Key:
    actions: set[str]  # Meilisearch action names, or "*"
    indexes: set[str] = field(default_factory=lambda: {"*"})  # names or patterns ("solutions*")

    def allows(self, action: str, index: str | None) -> bool:
        family = action.split(".")[0] + ".*"
        if not ({"*", action, family} & self.actions):
            return False
        return index is None or any(fnmatch.fnmatchcase(index, p) for p in self.indexes)

    @property
    def all_indexes(self) -> bool:
        return "*" in self.indexes


@dataclass
class Index:
    created_at: str
    settings: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def answer(self) -> Answer:
        kind = (
            "auth"
            if self.code in {"invalid_api_key", "missing_authorization_header"}
            else ("invalid_request")
        )
        body = {"message": self.message, "code": self.code, "type": kind, "link": "https://x"}
        return self.status, {}, json.dumps(body)


def invalid_key() -> ApiError:
    return ApiError(403, "invalid_api_key", "The provided API key is invalid.")


def unknown_field(name: str, expected: set[str], where: str = "") -> ApiError:
    inside = f" inside `{where}`" if where else ""
    listed = ", ".join(f"`{n}`" for n in sorted(expected))
    return ApiError(400, "bad_request", f"Unknown field `{name}`{inside}: expected one of {listed}")


class FakeMeili:
    """Register on a `responses.RequestsMock`; inspect `indexes`, `tasks` and `calls`."""

    def __init__(
        self,
        mock: responses.RequestsMock,
        indexes: set[str] = frozenset(),  # type: ignore[assignment]
        *,
        version: str = "1.10.0",
        master_key: str | None = None,
        keys: dict[str, Key] | None = None,
    ) -> None:
        self.version = version
        self.master_key = master_key
        self.keys = dict(keys or {})
        self._clock = datetime(2026, 1, 1, tzinfo=UTC)
        self.indexes: dict[str, Index] = {uid: Index(self._tick()) for uid in indexes}
        self.tasks: list[dict[str, Any]] = []
        self.calls: list[Call] = []
        self.headers: list[str | None] = []  # the Authorization header of every request
        self.fail: dict[str, str] = {}  # task type -> error message
        self.stuck: set[str] = set()  # task types that never finish
        self.before_task: Callable[[dict[str, Any]], None] | None = None
        self.search_results: list[list[dict[str, Any]]] = []
        self.down = False  # every request fails as a refused connection would
        index = re.compile(rf"{URL}/indexes/([^/]+)$")
        routes: list[tuple[str, Any, Callable[[PreparedRequest, str, Any], Answer]]] = [
            ("GET", f"{URL}/version", self._version),
            ("GET", index, self._get_index),
            ("DELETE", index, self._delete_index),
            ("POST", f"{URL}/indexes", self._create_index),
            ("PATCH", re.compile(rf"{URL}/indexes/[^/]+/settings"), self._settings),
            ("POST", re.compile(rf"{URL}/indexes/[^/]+/documents.*"), self._documents),
            ("GET", re.compile(rf"{URL}/indexes/[^/]+/stats"), self._stats),
            ("POST", f"{URL}/swap-indexes", self._swap),
            ("GET", re.compile(rf"{URL}/tasks/(\d+)"), self._get_task),
            ("POST", f"{URL}/multi-search", self._multi_search),
        ]
        for method, pattern, handler in routes:
            mock.add_callback(method, pattern, self._handle(handler))

    # --- what tests read --------------------------------------------------------------------

    def writes(self) -> list[Call]:
        return [c for c in self.calls if c[0] != "GET" and "multi-search" not in c[1]]

    def documents(self, uid: str) -> list[str]:
        return sorted(self.indexes[uid].documents)

    # --- plumbing ---------------------------------------------------------------------------

    def _tick(self) -> str:
        self._clock += timedelta(milliseconds=1)
        return self._clock.isoformat().replace("+00:00", "Z")

    def _handle(self, handler: Callable[[PreparedRequest, str, Any], Answer]) -> Any:
        def answer(request: PreparedRequest) -> Answer:
            if self.down:
                raise requests.ConnectionError("Connection refused")
            path = (request.path_url or "").split("?")[0]
            body = json.loads(request.body) if request.body else None
            self.calls.append((str(request.method), path, body))
            self.headers.append(request.headers.get("Authorization"))
            self._process()
            try:
                return handler(request, path, body)
            except ApiError as error:
                return error.answer()

        return answer

    def _key(self, request: PreparedRequest) -> Key | None:
        """The caller's key; None means every right (no master key, or the master key)."""
        if self.master_key is None:
            return None
        header = request.headers.get("Authorization")
        if not header:
            raise ApiError(
                401, "missing_authorization_header", "The Authorization header is missing."
            )
        token = str(header).removeprefix("Bearer ").strip()
        if token == self.master_key:
            return None
        if token not in self.keys:
            raise invalid_key()
        return self.keys[token]

    def _allow(self, request: PreparedRequest, action: str, *indexes: str | None) -> Key | None:
        key = self._key(request)
        if key is not None and not all(key.allows(action, i) for i in indexes or (None,)):
            raise invalid_key()
        return key

    def _enqueue(self, kind: str, index: str | None, payload: Any = None) -> Answer:
        uid = len(self.tasks)
        enqueued = self._tick()
        self.tasks.append(
            {
                "uid": uid,
                "type": kind,
                "indexUid": index,
                "payload": payload,
                "status": "enqueued",
                "error": None,
                "enqueuedAt": enqueued,
            }
        )
        info = {
            "taskUid": uid,
            "indexUid": index,
            "status": "enqueued",
            "type": kind,
            "enqueuedAt": enqueued,
        }
        return 202, {}, json.dumps(info)

    def _process(self) -> None:
        for task in self.tasks:
            if task["status"] != "enqueued":
                continue
            if task["type"] in self.stuck:
                task["status"] = "processing"
                return
            if self.before_task is not None:
                self.before_task(task)
            try:
                if task["type"] in self.fail:
                    raise ApiError(400, "x", self.fail[task["type"]])
                self._apply(task)
                task["status"] = "succeeded"
            except ApiError as error:
                task["status"] = "failed"
                task["error"] = {"message": error.message, "code": error.code}

    def _apply(self, task: dict[str, Any]) -> None:
        uid, payload = task["indexUid"], task["payload"]
        if task["type"] == "indexCreation":
            if uid in self.indexes:
                raise ApiError(409, "index_already_exists", f"Index `{uid}` already exists.")
            self.indexes[uid] = Index(self._tick())
        elif task["type"] == "indexDeletion":
            self._existing(uid)
            del self.indexes[uid]
        elif task["type"] == "settingsUpdate":
            self.indexes.setdefault(uid, Index(self._tick())).settings.update(payload)
        elif task["type"] == "documentAdditionOrUpdate":
            index = self.indexes.setdefault(uid, Index(self._tick()))
            index.documents.update({str(d["id"]): d for d in payload})
        elif task["type"] == "indexSwap":
            self._apply_swaps(payload)

    def _apply_swaps(self, swaps: list[dict[str, Any]]) -> None:
        for swap in swaps:
            lhs, rhs = swap["indexes"]
            self._existing(lhs)
            if swap.get("rename"):
                if rhs in self.indexes:
                    raise ApiError(
                        409,
                        "index_already_exists",
                        f"Cannot swap `{lhs}` to `{rhs}` as `{rhs}` already exists.",
                    )
                self.indexes[rhs] = self.indexes.pop(lhs)
            else:
                self._existing(rhs)
                self.indexes[lhs], self.indexes[rhs] = self.indexes[rhs], self.indexes[lhs]

    def _existing(self, uid: str) -> Index:
        if uid not in self.indexes:
            raise ApiError(404, "index_not_found", f"Index `{uid}` not found.")
        return self.indexes[uid]

    # --- routes ----------------------------------------------------------------------------

    def _version(self, request: PreparedRequest, path: str, body: Any) -> Answer:
        self._allow(request, "version")
        answer = {"pkgVersion": self.version, "commitSha": "x", "commitDate": "x"}
        return 200, {}, json.dumps(answer)

    def _get_index(self, request: PreparedRequest, path: str, body: Any) -> Answer:
        uid = path.rsplit("/", 1)[-1]
        self._allow(request, "indexes.get", uid)
        index = self._existing(uid)
        answer = {
            "uid": uid,
            "primaryKey": "id",
            "createdAt": index.created_at,
            "updatedAt": index.created_at,
        }
        return 200, {}, json.dumps(answer)

    def _delete_index(self, request: PreparedRequest, path: str, body: Any) -> Answer:
        uid = path.rsplit("/", 1)[-1]
        self._allow(request, "indexes.delete", uid)
        return self._enqueue("indexDeletion", uid)

    def _create_index(self, request: PreparedRequest, path: str, body: Any) -> Answer:
        unknown = set(body) - {"uid", "primaryKey"}
        if unknown:
            raise unknown_field(sorted(unknown)[0], {"uid", "primaryKey"})
        self._allow(request, "indexes.create", body["uid"])
        return self._enqueue("indexCreation", body["uid"])

    def _settings(self, request: PreparedRequest, path: str, body: Any) -> Answer:
        uid = path.split("/")[2]
        self._allow(request, "settings.update", uid)
        known = set(SETTINGS_1_10)
        if version_tuple(self.version) < (1, 10):
            known.discard("localizedAttributes")
        for name, value in body.items():
            if name not in known:
                raise unknown_field(name, known)
            nested = NESTED_SETTINGS.get(name, set())
            for inner in value if nested and isinstance(value, dict) else ():
                if inner not in nested:
                    raise unknown_field(inner, nested, f".{name}")
        for rule in body.get("rankingRules", []):
            if rule not in RANKING_RULES and not re.fullmatch(r"\w+:(asc|desc)", rule):
                raise ApiError(
                    400, "invalid_settings_ranking_rules", f"`{rule}` ranking rule is invalid."
                )
        for rule in body.get("localizedAttributes") or []:
            if set(rule) != {"attributePatterns", "locales"}:
                raise unknown_field(sorted(set(rule))[0], {"attributePatterns", "locales"})
        return self._enqueue("settingsUpdate", uid, body)

    def _documents(self, request: PreparedRequest, path: str, body: Any) -> Answer:
        uid = path.split("/")[2]
        self._allow(request, "documents.add", uid)
        return self._enqueue("documentAdditionOrUpdate", uid, body)

    def _stats(self, request: PreparedRequest, path: str, body: Any) -> Answer:
        uid = path.split("/")[2]
        self._allow(request, "stats.get", uid)
        index = self._existing(uid)
        answer = {
            "numberOfDocuments": len(index.documents),
            "isIndexing": False,
            "fieldDistribution": {},
        }
        return 200, {}, json.dumps(answer)

    def _swap(self, request: PreparedRequest, path: str, body: Any) -> Answer:
        allowed = {"indexes"} | ({"rename"} if version_tuple(self.version) >= (1, 18) else set())
        for position, swap in enumerate(body):
            for name in swap:
                if name not in allowed:
                    raise unknown_field(name, allowed, f"[{position}]")
            if len(swap["indexes"]) != 2:
                raise ApiError(400, "invalid_swap_indexes", "Two indexes are needed.")
            self._allow(request, "indexes.swap", *swap["indexes"])
        return self._enqueue("indexSwap", None, body)

    def _get_task(self, request: PreparedRequest, path: str, body: Any) -> Answer:
        key = self._allow(request, "tasks.get")
        uid = int(path.rsplit("/", 1)[-1])
        hidden = uid >= len(self.tasks)
        if not hidden and key is not None and not key.all_indexes:
            task = self.tasks[uid]
            # Meilisearch hides, from a key limited to some indexes, every task that does not
            # concern exactly one index (a swap concerns two), and those of other indexes.
            hidden = task["indexUid"] is None or not key.allows("tasks.get", task["indexUid"])
        if hidden:
            raise ApiError(404, "task_not_found", f"Task `{uid}` not found.")
        task = self.tasks[uid]
        answer = {k: v for k, v in task.items() if k != "payload"}
        return 200, {}, json.dumps(answer)

    def _multi_search(self, request: PreparedRequest, path: str, body: Any) -> Answer:
        top = {"queries", "federation"} if version_tuple(self.version) >= (1, 10) else {"queries"}
        for name in body:
            if name not in top:
                raise unknown_field(name, top)
        for position, query in enumerate(body["queries"]):
            where = f".queries[{position}]"
            for name in query:
                if name not in QUERY_FIELDS_1_10:
                    raise unknown_field(name, QUERY_FIELDS_1_10, where)
            self._allow(request, "search", query["indexUid"])
            index = self.indexes.get(query["indexUid"])
            if index is None:
                raise ApiError(
                    404,
                    "index_not_found",
                    f"Inside `{where}`: Index `{query['indexUid']}` not found.",
                )
            filterable = set(index.settings.get("filterableAttributes", []))
            if query.get("filter") is not None:
                try:
                    parse_filter(str(query["filter"]), filterable, where)
                except FilterRefusedError as error:
                    raise ApiError(400, "invalid_search_filter", str(error)) from error
            for facet in query.get("facets") or []:
                if facet not in filterable:
                    raise ApiError(
                        400,
                        "invalid_search_facets",
                        f"Inside `{where}`: Invalid facet distribution, attribute `{facet}` is not filterable.",
                    )
            sortable = set(index.settings.get("sortableAttributes", []))
            for rule in query.get("sort") or []:
                attribute = rule.split(":")[0]
                if attribute not in sortable:
                    raise ApiError(
                        400,
                        "invalid_search_sort",
                        f"Inside `{where}`: Attribute `{attribute}` is not sortable.",
                    )
        if self.search_results:
            return 200, {}, json.dumps({"results": self.search_results.pop(0)})
        results = [self._count(query) for query in body["queries"]]
        return 200, {}, json.dumps({"results": results})

    def _count(self, query: dict[str, Any]) -> dict[str, Any]:
        """A query with no words: the matching documents, unranked."""
        index = self.indexes[query["indexUid"]]
        condition = parse_filter(str(query["filter"]), None, "") if query.get("filter") else None
        matching = [d for d in index.documents.values() if condition is None or condition(d)]
        return {
            "indexUid": query["indexUid"],
            "hits": [],
            "totalHits": len(matching),
            "facetDistribution": {},
        }
