"""Meilisearch's filter grammar, as far as our filters use it, for the double (meili_double).

`=`, `!=`, `IN`, `NOT IN`, `NOT`, `AND`, `OR` and parentheses; anything else, or an attribute
that is not filterable, is refused with the server's error code (`invalid_search_filter`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


class FilterRefusedError(Exception):
    """What Meilisearch answers with `invalid_search_filter`; the message is the server's."""


_TOKEN = re.compile(
    r"""\s*(\(|\)|\[|\]|,|!=|=|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()\[\],=!]+)"""
)
Condition = Callable[[dict[str, Any]], bool]


def parse_filter(text: str, filterable: set[str] | None, where: str) -> Condition:
    """Meilisearch's filter grammar for `=`, `!=`, `IN`, `NOT IN`, `NOT`, `AND`, `OR` and
    parentheses; anything else, or an attribute that is not filterable, is refused."""
    tokens: list[str] = []
    position = 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if not match:
            raise _bad_filter(where, f"unexpected `{text[position:]}`")
        tokens.append(match.group(1))
        position = match.end()
    parser = _FilterParser(tokens, filterable, where)
    condition = parser.expression()
    if parser.peek() is not None:
        raise _bad_filter(where, f"unexpected `{parser.peek()}`")
    return condition


def _bad_filter(where: str, detail: str) -> FilterRefusedError:
    prefix = f"Inside `{where}`: " if where else ""
    return FilterRefusedError(f"{prefix}Was expecting an operation: {detail}")


class _FilterParser:
    def __init__(self, tokens: list[str], filterable: set[str] | None, where: str) -> None:
        self.tokens, self.filterable, self.where, self.at = tokens, filterable, where, 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise _bad_filter(self.where, f"expected `{expected or 'a value'}`, found `{token}`")
        self.at += 1
        return token

    def expression(self) -> Condition:
        parts = [self.conjunction()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.conjunction())
        return lambda d: any(p(d) for p in parts)

    def conjunction(self) -> Condition:
        parts = [self.negation()]
        while self.peek() == "AND":
            self.take()
            parts.append(self.negation())
        return lambda d: all(p(d) for p in parts)

    def negation(self) -> Condition:
        if self.peek() == "NOT":
            self.take()
            inner = self.negation()
            return lambda d: not inner(d)
        if self.peek() == "(":
            self.take()
            inner = self.expression()
            self.take(")")
            return inner
        return self.condition()

    def condition(self) -> Condition:
        attribute = self.take()
        if attribute in {"AND", "OR", "NOT", "IN", "=", "!=", "[", "]", ",", "(", ")"}:
            raise _bad_filter(self.where, f"`{attribute}` is not an attribute")
        if self.filterable is not None and attribute not in self.filterable:
            raise FilterRefusedError(
                f"{'Inside `' + self.where + '`: ' if self.where else ''}Attribute "
                f"`{attribute}` is not filterable. Available filterable attributes are: "
                f"`{', '.join(sorted(self.filterable))}`.",
            )
        negate = False
        if self.peek() == "NOT":
            self.take()
            negate = True
        operator = self.take()
        if operator in {"=", "!="} and not negate:
            value = self.value()
            equal = operator == "="
            return lambda d: (value in _values(d, attribute)) == equal
        if operator == "IN":
            self.take("[")
            values = [self.value()]
            while self.peek() == ",":
                self.take()
                values.append(self.value())
            self.take("]")
            return lambda d: bool(set(values) & set(_values(d, attribute))) != negate
        raise _bad_filter(self.where, f"unknown operator `{operator}`")

    def value(self) -> str:
        token = self.take()
        if token[:1] in {'"', "'"}:
            return re.sub(r"\\(.)", r"\1", token[1:-1])
        if token in {"[", "]", ",", "(", ")", "=", "!="}:
            raise _bad_filter(self.where, f"expected a value, found `{token}`")
        return token


def _values(document: dict[str, Any], attribute: str) -> list[str]:
    value = document.get(attribute)
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]
