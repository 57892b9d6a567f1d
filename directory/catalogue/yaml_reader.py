"""Safe YAML reading for editors' files: positions of every key and value, hostile input refused.

The reader builds the data from the YAML event stream itself (libyaml, no recursion), so it can
refuse anchors and aliases (no "billion laughs"), explicit tags, duplicate keys and deep nesting
before any of it costs memory, and remember the line and column of every key and value.

Plain scalars are kept as text (except null): `34142` stays "34142" and `01001` keeps its zero.
The model's types then read "18" as an integer or "2025-09-11" as a date.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as Path_
from typing import Any, NamedTuple

import yaml

MAX_BYTES = 256 * 1024
MAX_DEPTH = 8
MAX_NODES = 20_000

Path = tuple[str | int, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}
_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COLLECTION_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


class YamlError(Exception):
    """The file cannot be read as an entry; carries a French message and a position."""

    def __init__(
        self, message: str, position: Position | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.field = field


@dataclass
class YamlDocument:
    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def position(self, path: Path) -> Position | None:
        """Where the value at `path` is written, or its nearest written parent."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found:
                return found
        return None

    def locate(self, path: Path) -> Position | None:
        """Best place to point at for a problem with `path`: the key of a block, else the value."""
        value: Any = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return self.keys.get(path) or self.position(path)
        if isinstance(value, dict | list):
            return self.keys.get(path) or self.position(path)
        return self.position(path)


def _mark(event: yaml.Event) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path
    key: str | None = None


def read_file(path: Path_) -> bytes:
    """The bytes of an editor's file, or a YamlError: only a regular file is read, and never
    more than MAX_BYTES + 1 bytes. A named pipe would make the reader wait forever for a
    writer, and a link to /dev/zero would fill the memory: both are refused unread.
    (OSError when the file cannot be opened at all.)"""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise YamlError(
                "ce n'est pas un fichier ordinaire (tube nommé, périphérique ou lien vers l'un "
                "d'eux) : il n'est pas lu ; une fiche est un simple fichier texte"
            )
        return file.read(MAX_BYTES + 1)


def read_yaml_bytes(raw: bytes, root: type = dict) -> YamlDocument:
    """Decode (UTF-8, BOM allowed) and read; every refusal is a YamlError in French.

    `root` is what the whole file must be: a mapping (an entry) or a list (data/permanences)."""
    if len(raw) > MAX_BYTES:
        raise YamlError(
            f"fichier trop gros ({len(raw) // 1024} Ko, maximum {MAX_BYTES // 1024} Ko) : "
            "une fiche tient en quelques kilo-octets, vérifiez son contenu"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlError(
            "le fichier n'est pas encodé en UTF-8 : réenregistrez-le en UTF-8 "
            "(dans votre éditeur : « Enregistrer avec l'encodage » → UTF-8)",
            Position(line, 1),
        ) from None
    if not text.strip():
        raise YamlError("fichier vide : copiez data/solutions/_modele.yaml pour commencer")
    return read_yaml(text, root)


def read_yaml(text: str, root: type = dict) -> YamlDocument:
    document = YamlDocument(data=None)
    stack: list[_Frame] = []
    documents = 0
    nodes = 0
    try:
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
        for event in events:
            kind = type(event)  # dispatch on the exact class: this loop runs for every node
            if kind is yaml.ScalarEvent or kind in _COLLECTION_STARTS:
                nodes += 1
                if nodes > MAX_NODES:
                    raise YamlError("fichier trop complexe : trop d'éléments", _mark(event))
                if event.anchor or event.tag:
                    _refuse_anchor_and_tag(event)
                if kind is yaml.ScalarEvent:
                    _add(document, stack, _scalar(event), event, root)
                    continue
                container: dict[str, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
                path = _add(document, stack, container, event, root)
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(
                        f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)", _mark(event)
                    )
                stack.append(_Frame(container, path))
            elif kind in _COLLECTION_ENDS:
                stack.pop()
            elif kind is yaml.AliasEvent:
                raise YamlError(
                    "les alias YAML (*nom) ne sont pas acceptés : recopiez la valeur",
                    _mark(event),
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        "plusieurs documents dans le fichier (séparateur « --- ») : "
                        "une seule fiche par fichier",
                        _mark(event),
                    )
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text) from None
    except yaml.YAMLError as error:  # pragma: no cover - libyaml reports marks
        raise YamlError(f"syntaxe YAML invalide : {error}") from None
    return document


def _refuse_anchor_and_tag(event: Any) -> None:
    if event.anchor:
        raise YamlError(
            f"les ancres YAML (&{event.anchor}) ne sont pas acceptées : écrivez chaque valeur",
            _mark(event),
        )
    implicit = event.implicit if isinstance(event, yaml.ScalarEvent) else (event.implicit,)
    if event.tag and not any(implicit) and event.tag not in _STANDARD_TAGS:
        raise YamlError(f"étiquette YAML « {event.tag} » non acceptée : retirez-la", _mark(event))


def _scalar(event: yaml.ScalarEvent) -> str | None:
    if not event.style and event.value in _NULLS:  # plain style: None (Python) or "" (libyaml)
        return None
    return event.value


def _add(
    document: YamlDocument, stack: list[_Frame], value: Any, event: yaml.Event, root: type
) -> Path:
    """Place a value in the tree being built; return its path."""
    position = _mark(event)
    if not stack:
        if not isinstance(value, root):
            raise YamlError(
                "une fiche doit être une liste de champs « clé: valeur » "
                "(voir data/solutions/_modele.yaml)"
                if root is dict
                else "le fichier doit être une liste : un élément par « - »",
                position,
            )
        document.data = value
        document.values[()] = position
        return ()
    frame = stack[-1]
    if isinstance(frame.container, list):
        path = (*frame.path, len(frame.container))
        frame.container.append(value)
    elif frame.key is None:
        if not isinstance(value, str) or not value:
            raise YamlError("clé invalide : une clé est un mot suivi de « : »", position)
        if value in frame.container:
            first = document.keys[(*frame.path, value)]
            raise YamlError(
                f"clé « {value} » écrite deux fois (déjà à la ligne {first.line}) : "
                "gardez-en une seule",
                position,
                field=value,
            )
        frame.key = value
        document.keys[(*frame.path, value)] = position
        return frame.path
    else:
        path = (*frame.path, frame.key)
        frame.container[frame.key] = value
        frame.key = None
    document.values[path] = position
    return path


_HINTS = {
    "mapping values are not allowed": (
        "« : » inattendu : si le texte contient deux-points, mettez-le entre guillemets"
    ),
    "could not find expected ':'": "il manque « : » après une clé, ou un guillemet n'est pas fermé",
    "found unexpected end of stream": "fin de fichier inattendue : un guillemet n'est pas fermé ?",
    "did not find expected key": "indentation incohérente : alignez les clés du même niveau",
    "did not find expected '-' indicator": (
        "indentation incohérente dans une liste : alignez les tirets « - »"
    ),
    "found undefined alias": "les alias YAML (*nom) ne sont pas acceptés",
    "exceeded maximum nesting depth": f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
}


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> YamlError:
    problem = error.problem or ""
    hint = next((hint for key, hint in _HINTS.items() if problem.startswith(key)), None)
    mark = error.problem_mark or error.context_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else None
    if mark and text[mark.index : mark.index + 1] == "\t":
        hint = "tabulation interdite : indentez avec des espaces"
    return YamlError(hint or f"syntaxe YAML invalide ({problem})", position)
