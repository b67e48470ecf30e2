"""Argument checks for every operation: bad input never reaches the network.

Every path and query parameter of an operation is checked against the spec
before a request is built: its Python keyword and enum class come from the
generated code (``PATH_NAMES``/``QUERY_NAMES``, the annotations of
``_get_kwargs``), its JSON type and bounds from the spec (``_spec``). A
parameter added to the spec is accepted,
checked and sent with no edit here; a type this module cannot check yet fails
loudly (``UnsupportedParameter``) instead of passing unchecked.
"""

from __future__ import annotations

import enum
import functools
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from . import _spec
from ._generated import Operation, Paginated

E = TypeVar("E", bound=enum.Enum)

#: The JSON types of an ``extra_query`` value, as Python types.
EXTRA_TYPES = (str, int, bool)


class UnsupportedParameter(TypeError):
    """The spec has a query parameter whose type this module cannot check yet."""


def check_int(name: str, value: object, low: int | None, high: int | None = None) -> int:
    """*value* as an int within [low, high], or a TypeError/ValueError naming *name*."""
    if low is not None and high is not None:
        bounds = f" from {low} to {high}"
    elif low is not None:
        bounds = f" >= {low}"
    else:
        bounds = f" <= {high}" if high is not None else ""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int{bounds}, got {type(value).__name__} {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be{bounds}, got {value}")
    return value


def check_number(name: str, value: object, low: float | None, high: float | None) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be from {low} to {high}, got {value}")
    return value


def _check_enum(name: str, value: object, cls: type[E]) -> E:
    if isinstance(value, cls):
        return value
    allowed = ", ".join(repr(member.value) for member in cls)
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a {cls.__name__} or one of {allowed}, got {type(value).__name__}"
        )
    try:
        return cls(value)
    except ValueError:
        import difflib  # only on this error path: keeps import time down

        close = difflib.get_close_matches(value, [str(m.value) for m in cls], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}{hint}") from None


@attrs.frozen
class _Rule:
    """How one query parameter is checked: its JSON type and bounds, or its enum class."""

    wire: str
    kind: str
    enum: type[enum.Enum] | None = None
    minimum: Any = None
    maximum: Any = None
    description: str = ""

    def check(self, name: str, value: object) -> Any:
        """*value* checked and converted for ``_get_kwargs``, or a TypeError/ValueError."""
        if self.enum is not None:
            return _check_enum(name, value, self.enum)
        if self.kind == "integer":
            return check_int(name, value, self.minimum, self.maximum)
        if self.kind == "number":
            return check_number(name, value, self.minimum, self.maximum)
        if self.kind == "boolean" and not isinstance(value, bool):
            raise TypeError(
                f"{name} must be True, False or None, got {type(value).__name__} {value!r}"
            )
        if self.kind == "string" and not isinstance(value, str):
            raise TypeError(f"{name} must be a str or None, got {type(value).__name__} {value!r}")
        return value


def _rule(wire: str, parameter: dict[str, Any], annotation: Any) -> _Rule:
    schema = parameter["schema"]
    kinds = [t for t in _spec.types(schema) if t != "null"]
    if len(kinds) != 1 or kinds[0] not in ("string", "integer", "number", "boolean"):
        raise UnsupportedParameter(
            f"query parameter {wire!r} has JSON type {kinds}: voiso_campaigns/_params.py "
            "checks one of string, integer, number or boolean; teach _Rule the new type"
        )
    classes = [
        a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, enum.Enum)
    ]
    return _Rule(
        wire=wire,
        kind=kinds[0],
        enum=classes[0] if classes else None,
        minimum=schema.get("minimum"),
        maximum=schema.get("maximum"),
        description=parameter.get("description", ""),
    )


@attrs.frozen
class Query:
    """Checked arguments of one request: its path parameters, the spec's query filters
    and any ``extra_query``."""

    path: dict[str, Any]
    filters: dict[str, Any]
    extra: dict[str, str | int | bool]


class Parameters:
    """The path and query parameters of one generated operation, checked against the spec."""

    def __init__(self, op: Operation[Any]) -> None:
        hints = typing.get_type_hints(op.build)
        self.rules: dict[str, _Rule] = {}
        for location, names in (("path", op.path_names), ("query", op.query_names)):
            found = _spec.parameters(op.id, location)
            self.rules |= {py: _rule(wire, found[wire], hints[py]) for py, wire in names.items()}
        self.path_names = tuple(op.path_names)
        #: The Python keywords the paging is done with (none unless ``x-pagination``).
        self.paging: tuple[str, ...] = (op.limit, op.offset) if isinstance(op, Paginated) else ()
        self.filter_names = tuple(n for n in op.query_names if n not in self.paging)

    def check(self, name: str, value: object) -> Any:
        """One parameter's value, checked against the spec (a path parameter, say)."""
        return self.rules[name].check(name, value)

    def path(self, args: Mapping[str, object]) -> dict[str, Any]:
        """Every path parameter's value in *args*, checked (each is required)."""
        return {name: self.check(name, args[name]) for name in self.path_names}

    def limit(self, name: str, value: object) -> int:
        """A page size, checked against the limit parameter's bounds but named *name*."""
        return int(self.rules[self.paging[0]].check(name, value))

    def offset(self, value: object) -> int:
        return int(self.rules[self.paging[1]].check("offset", value))

    def query(
        self, method: str, filters: Mapping[str, object], extra: Mapping[str, object] | None = None
    ) -> Query:
        """Check the arguments of *method* (its path parameters, each required, and its
        filter keyword arguments) and its ``extra_query``."""
        checked = {}
        for name, value in filters.items():
            if name in self.path_names:
                continue
            if name not in self.filter_names:
                allowed = ", ".join(self.filter_names)
                raise TypeError(
                    f"{method}() got an unexpected keyword argument {name!r}; "
                    f"the filters are {allowed} (or pass extra_query=)"
                )
            if value is not None:
                checked[name] = self.rules[name].check(name, value)
        return Query(self.path(filters), checked, self._extra(extra))

    def _extra(self, extra: Mapping[str, object] | None) -> dict[str, str | int | bool]:
        if extra is None:
            return {}
        if not isinstance(extra, Mapping):
            raise TypeError(f"extra_query must be a mapping, got {type(extra).__name__}")
        known = {rule.wire: name for name, rule in self.rules.items()}
        checked: dict[str, str | int | bool] = {}
        for key, value in extra.items():
            if not isinstance(key, str) or not key:
                raise TypeError(f"extra_query keys must be non-empty str, got {key!r}")
            if key in known:
                raise ValueError(
                    f"extra_query cannot set {key!r}: the wrapper sends it "
                    f"(use {known[key]}=... or the page arguments instead)"
                )
            if not isinstance(value, EXTRA_TYPES):
                raise TypeError(
                    f"extra_query[{key!r}] must be a str, int or bool, "
                    f"got {type(value).__name__} {value!r}"
                )
            checked[key] = value
        return checked


@functools.cache
def parameters(op: Operation[Any]) -> Parameters:
    """*op*'s parameters (read from the spec on first use)."""
    return Parameters(op)
