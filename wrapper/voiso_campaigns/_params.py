"""Argument checks for the listing methods: bad input never reaches the network.

Every query parameter of the operation is checked against the spec before a
request is built: its Python keyword and enum class come from the generated
code (``QUERY_NAMES``, the annotations of ``_get_kwargs``), its JSON type and
bounds from the spec (``_spec``). A parameter added to the spec is accepted,
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
from ._generated import get_campaign, list_campaigns

E = TypeVar("E", bound=enum.Enum)

#: The query parameters the wrapper pages with itself (offset pagination).
PAGING = ("limit", "offset")
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


def _check_number(name: str, value: object, low: float | None, high: float | None) -> float:
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
            return _check_number(name, value, self.minimum, self.maximum)
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
    """Checked query arguments of one listing: the spec's filters and any ``extra_query``."""

    filters: dict[str, Any]
    extra: dict[str, str | int | bool]

    def request(self, offset: int, limit: int) -> dict[str, Any]:
        """The ``_get_kwargs`` arguments of the page at *offset*."""
        return {**self.filters, "offset": offset, "limit": limit}


class Parameters:
    """The path and query parameters of one generated operation, checked against the spec."""

    def __init__(self, module: Any, operation_id: str) -> None:
        hints = typing.get_type_hints(module._get_kwargs)
        self.rules: dict[str, _Rule] = {}
        for location, names in (("path", module.PATH_NAMES), ("query", module.QUERY_NAMES)):
            found = _spec.parameters(operation_id, location)
            self.rules |= {py: _rule(wire, found[wire], hints[py]) for py, wire in names.items()}
        self.filter_names = tuple(name for name in module.QUERY_NAMES if name not in PAGING)

    def check(self, name: str, value: object) -> Any:
        """One parameter's value, checked against the spec (a path parameter, say)."""
        return self.rules[name].check(name, value)

    def limit(self, name: str, value: object) -> int:
        """A page size, checked against ``limit``'s bounds but named *name*."""
        return int(self.rules["limit"].check(name, value))

    def offset(self, value: object) -> int:
        return int(self.rules["offset"].check("offset", value))

    def query(
        self, method: str, filters: Mapping[str, object], extra: Mapping[str, object] | None
    ) -> Query:
        """Check the filter keyword arguments of *method* and its ``extra_query``."""
        checked = {}
        for name, value in filters.items():
            if name not in self.filter_names:
                allowed = ", ".join(self.filter_names)
                raise TypeError(
                    f"{method}() got an unexpected keyword argument {name!r}; "
                    f"the filters are {allowed} (or pass extra_query=)"
                )
            if value is not None:
                checked[name] = self.rules[name].check(name, value)
        return Query(checked, self._extra(extra))

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
def list_parameters() -> Parameters:
    """``GET /api/v4/campaigns``' parameters (read from the spec on first use)."""
    return Parameters(list_campaigns, "list_campaigns")


@functools.cache
def get_parameters() -> Parameters:
    """``GET /api/v4/campaigns/{campaign_id}``'s parameters."""
    return Parameters(get_campaign, "get_campaign")
