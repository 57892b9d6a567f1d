"""What the site needs of a Meilisearch server: a client with the right key, a recent version.

Meilisearch 1.10 is the oldest version we can talk to: the index settings use
`localizedAttributes` and the client sends `federation: null` with every multi-search, both
refused as unknown fields before 1.10. From 1.18 a swap can rename an index, which lets a first
deployment publish its index without ever creating an empty one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from meilisearch import Client
from meilisearch.errors import MeilisearchApiError

Version = tuple[int, int, int]

MIN_VERSION: Version = (1, 10, 0)
RENAME_SWAP_VERSION: Version = (1, 18, 0)
# The error codes that mean « this key may not do that », whatever the route.
KEY_ERRORS = frozenset({"invalid_api_key", "missing_authorization_header"})


class MeiliVersionError(Exception):
    """The server is too old for the site; the message is in French."""


def meili_client(url: str, key: str | None, timeout_s: float) -> Client:
    """A client that sends no Authorization header at all when there is no key.

    The official client would send `Bearer None`, which a server with a master key refuses;
    requests drops a header whose value is None, on every route (indexes, tasks too).
    """
    no_header = cast(dict[str, str], {"Authorization": None})
    # requests takes float seconds; the client's annotation is narrower than it needs.
    return Client(url, key, timeout=cast(int, timeout_s), custom_headers=None if key else no_header)


def parse_version(text: str) -> Version:
    """'1.10.2' or '1.12.0-rc.1' -> (1, 10, 2); an unreadable version counts as 0.0.0."""
    match = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?", text or "")
    if not match:
        return (0, 0, 0)
    major, minor, patch = match.groups()
    return (int(major), int(minor), int(patch or 0))


def show(version: Version) -> str:
    return ".".join(str(part) for part in version)


def too_old_message(version: Version) -> str:
    return (
        f"Meilisearch {show(version)} est trop ancien : l'annuaire a besoin de la version "
        f"{show(MIN_VERSION)} ou plus récente. Mettez Meilisearch à jour, puis lancez "
        "« directory reindex »."
    )


@dataclass(frozen=True)
class ServerVersion:
    """The version the server reports; None when this key may not read it."""

    version: Version | None

    @property
    def too_old(self) -> bool:
        return self.version is not None and self.version < MIN_VERSION

    @property
    def can_rename_in_swap(self) -> bool:
        return self.version is not None and self.version >= RENAME_SWAP_VERSION


def server_version(client: Client) -> ServerVersion:
    """GET /version. A search key usually may not read it: that is not an error here."""
    try:
        answer = client.get_version()
    except MeilisearchApiError as error:
        if error.code in KEY_ERRORS:
            return ServerVersion(None)
        raise
    return ServerVersion(parse_version(str(answer.get("pkgVersion", ""))))


def require_recent(client: Client) -> ServerVersion:
    """The server's version, or MeiliVersionError (French) when it is older than 1.10."""
    found = server_version(client)
    if found.too_old and found.version is not None:
        raise MeiliVersionError(too_old_message(found.version))
    return found


def is_key_error(error: Exception) -> bool:
    return isinstance(error, MeilisearchApiError) and error.code in KEY_ERRORS


def refused_as_too_old(error: Exception) -> bool:
    """A pre-1.10 server refuses, as unknown fields, the client's `federation` and our
    `localizedAttributes`: that is a version problem, whatever the key may read."""
    return (
        isinstance(error, MeilisearchApiError)
        and error.code == "bad_request"
        and any(name in str(error.message) for name in ("`federation`", "`localizedAttributes`"))
    )
