"""Entries already validated, kept by the bytes of their file, so that checking or syncing an
unchanged folder does not parse and validate every file again.

A file is taken from the cache only if its bytes hash to what was validated, and only if the
code, the reference data and the template that validated it are the same (the cache's
`context`): any other change validates it again. What depends on the day (dates) or on other
files (likely duplicates) is always checked again. The cache lives in CACHE_DIR; if it cannot
be read or written, everything is simply validated.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import directory
from directory.catalogue.problems import Problem
from directory.models import SolutionEntry

log = logging.getLogger(__name__)
FORMAT = 2


@dataclass(frozen=True)
class Validated:
    """What reading and checking one file gave, apart from what depends on the day or on
    other files."""

    digest: str  # sha256 of the file's bytes
    entry: SolutionEntry
    fingerprint: str
    positions: dict[str, tuple[int, int]]  # top-level key -> (line, column)
    problems: tuple[Problem, ...]
    duplicate_key: tuple[str, str]


def file_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def validation_context(data_dir: Path, template: Path) -> str:
    """Everything a validation depends on besides the file: the package's code, the
    reference data (communes, territories), the template and the Python version."""
    digest = hashlib.sha256(f"{FORMAT}:{sys.version}".encode())
    package = Path(directory.__file__).parent
    sources = sorted(package.rglob("*.py"))
    references = [*sorted((data_dir / "geo").glob("*")), data_dir / "territoires.yaml", template]
    for path in [*sources, *references]:
        if path.is_file():
            digest.update(str(path.name).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class ValidationCache:
    """The validated files of one folder, by file name."""

    def __init__(self, path: Path, context: str) -> None:
        self._path = path
        self._context = context
        self._records: dict[str, Validated] = {}
        self._used: dict[str, Validated] = {}
        self.hits = 0
        try:
            with path.open("rb") as file:
                context_read, records = pickle.load(file)
            if context_read == context:
                self._records = records
        except FileNotFoundError:
            pass
        except Exception:  # an unreadable cache is only a slower check
            log.warning("validation cache %s unreadable: validating every file", path)

    @classmethod
    def for_folder(
        cls, cache_dir: Path, folder: Path, data_dir: Path, template: Path
    ) -> ValidationCache:
        name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
        return cls(cache_dir / f"fiches-{name}.pickle", validation_context(data_dir, template))

    def get(self, file: str, digest: str) -> Validated | None:
        found = self._records.get(file)
        if found is None or found.digest != digest:
            return None
        self.hits += 1
        return found

    def put(self, file: str, validated: Validated) -> None:
        self._used[file] = validated

    def save(self) -> None:
        """Keep the files of this run only (a file deleted since is forgotten)."""
        if self._used == self._records:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=self._path.parent, prefix=".", delete=False
            ) as file:
                written = Path(file.name)
                pickle.dump((self._context, self._used), file, protocol=pickle.HIGHEST_PROTOCOL)
            written.replace(self._path)  # readers see the old cache or the new one, whole
        except OSError as error:
            log.warning("validation cache %s not written: %s", self._path, error)
