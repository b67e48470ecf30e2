"""Request bodies, checked against the spec's schema before anything is sent.

A body's schema is read from the spec (``_spec.request_body``) and compiled once
per operation into plain functions, one per schema node, each of which checks a
value and returns it as JSON: a generated model becomes its ``to_dict()``, an
enum member its value, and ``UNSET`` fields are left out. A failed check is a
``TypeError`` (wrong type, missing or unknown field) or ``ValueError`` (out of
bounds) naming the argument, the item's index and the rule:
``leads[3].priority: 0 is below the minimum 1``. No bound is written here.

Why not the ``jsonschema`` package: a runtime dependency (with a Rust
extension) for the handful of keywords the spec uses, at several times the cost
per lead of a bulk import, and with messages that do not name Python arguments.
A keyword this module does not know fails loudly when the body is compiled
(``UnsupportedSchema``), never silently unchecked.
"""

from __future__ import annotations

import enum
import functools
import json
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from . import _spec
from ._generated import Unset

#: Checks a value; returns it as JSON, or raises ``Invalid``.
Check = Callable[[object], Any]
#: Checks a value found at a path (``leads[3]``); returns it as JSON, or raises
#: ``TypeError``/``ValueError`` naming the path.
NamedCheck = Callable[[object, str], Any]

_PYTHON = {"string": "a str", "integer": "an int", "number": "a number", "boolean": "a bool"}
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}
#: Keywords that only describe (or are checked by the keywords next to them).
_IGNORED = {"description", "title", "example", "examples", "default", "format", "deprecated"}
_KNOWN = {
    "type", "properties", "required", "additionalProperties", "items", "minItems",
    "maxItems", "minimum", "maximum", "minLength", "maxLength", "enum", "anyOf", "oneOf",
    "$ref", *_IGNORED,
}  # fmt: skip


#: What an ``UNSET`` field of a mapping becomes: left out of the JSON.
_LEFT_OUT = object()


class UnsupportedSchema(TypeError):
    """The spec's body schema uses a keyword this module cannot check yet."""


class Invalid(Exception):
    """A failed check (package-internal), on its way out: each level it leaves adds
    its part of the path.

    The path is built only when a check fails, so a valid lead costs no string
    formatting (a bulk import checks 100,000 of them); ``named`` makes the
    ``TypeError``/``ValueError`` a caller sees."""

    def __init__(self, error: type[Exception], message: str, at: str = "") -> None:
        self.error, self.message = error, message
        self.at = [at] if at else []  # innermost first: ".priority", "[3]", ...

    def named(self, path: str) -> Exception:
        where = (path + "".join(reversed(self.at))).removeprefix(".") or "the body"
        return self.error(f"{where}: {self.message}")


def _named(check: Check) -> NamedCheck:
    def named(value: object, path: str) -> Any:
        try:
            return check(value)
        except Invalid as exc:
            raise exc.named(path) from None

    return named


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _compile(schema: _spec.Schema) -> Check:
    unknown = set(schema) - _KNOWN
    if unknown:
        raise UnsupportedSchema(
            f"request body schema keyword(s) {sorted(unknown)}: voiso_campaigns/_body.py "
            "cannot check them yet; teach _compile the keyword"
        )
    if "$ref" in schema:
        return _compile(_spec.resolve(schema))
    members = schema.get("anyOf") or schema.get("oneOf")
    if members:
        return _any_of([_compile(m) for m in members], [_spec.types(m) for m in members])
    declared = schema.get("type")
    kinds = [declared] if isinstance(declared, str) else list(declared or ["object"])
    nullable = "null" in kinds
    kinds = [k for k in kinds if k != "null"]
    if len(kinds) != 1:
        raise UnsupportedSchema(f"request body type {declared!r}: one JSON type (or null) only")
    kind = kinds[0]
    if kind == "object":
        check = _object(schema)
    elif kind == "array":
        check = _array(schema)
    else:
        check = _scalar(kind, schema)
    if nullable:
        inner = check
        return lambda value: None if value is None else inner(value)
    return check


def _any_of(checks: list[Check], kinds: list[list[str]]) -> Check:
    allowed = " or ".join(k for ks in kinds for k in ks)

    def check(value: object) -> Any:
        failure: Invalid | None = None
        for one in checks:
            try:
                return one(value)
            except Invalid as exc:
                failure = failure or exc
        assert failure is not None
        failure.message += f" (allowed: {allowed})"
        raise failure

    return check


def _scalar(kind: str, schema: _spec.Schema) -> Check:
    types = _TYPES.get(kind)
    if types is None:
        raise UnsupportedSchema(f"request body type {kind!r} cannot be checked yet")
    exact = frozenset(types)  # the common case, tested first: a plain str, int, ...
    low, high = schema.get("minimum"), schema.get("maximum")
    shortest, longest = schema.get("minLength"), schema.get("maxLength")
    values = schema.get("enum")

    def converted(value: Any) -> Any:
        if isinstance(value, enum.Enum):
            value = value.value
        if kind == "integer" and isinstance(value, float) and value.is_integer():
            value = int(value)  # JSON Schema: 851.0 is an integer; it is sent as 851
        if not isinstance(value, types) or (kind != "boolean" and isinstance(value, bool)):
            raise Invalid(
                TypeError, f"must be {_PYTHON[kind]}, got {type(value).__name__} {_shown(value)}"
            )
        return value

    def plain(value: Any) -> Any:  # a type and nothing else: most fields
        return value if value.__class__ in exact else converted(value)

    bounded = (values, low, high, shortest, longest) != (None,) * 5
    if not bounded and kind != "number":
        return plain

    def check(value: Any) -> Any:
        if value.__class__ not in exact:
            value = converted(value)
        if kind == "number" and isinstance(value, float) and not math.isfinite(value):
            raise Invalid(ValueError, f"{value} is not a JSON number")
        if values is not None and value not in values:
            raise Invalid(ValueError, f"{_shown(value)} is not one of {values}")
        if low is not None and value < low:
            raise Invalid(ValueError, f"{value} is below the minimum {low}")
        if high is not None and value > high:
            raise Invalid(ValueError, f"{value} is above the maximum {high}")
        if shortest is not None and len(value) < shortest:
            raise Invalid(ValueError, f"{_shown(value)} is shorter than {shortest} characters")
        if longest is not None and len(value) > longest:
            raise Invalid(ValueError, f"{_shown(value)} is longer than {longest} characters")
        return value

    return check


def _array(schema: _spec.Schema) -> Check:
    item = _compile(schema.get("items", {"type": ["string", "integer", "number", "boolean"]}))
    fewest, most = schema.get("minItems"), schema.get("maxItems")

    def check(value: object) -> Any:
        if not isinstance(value, Sequence) or isinstance(value, str | bytes):
            raise Invalid(TypeError, f"must be a list, got {type(value).__name__} {_shown(value)}")
        if fewest is not None and len(value) < fewest:
            raise Invalid(ValueError, f"{len(value)} items, below the minimum {fewest}")
        if most is not None and len(value) > most:
            raise Invalid(ValueError, f"{len(value)} items, above the maximum {most}")
        out = []
        for index, one in enumerate(value):
            try:
                out.append(item(one))
            except Invalid as exc:
                exc.at.append(f"[{index}]")
                raise
        return out

    return check


def _object(schema: _spec.Schema) -> Check:
    properties = {name: _compile(sub) for name, sub in schema.get("properties", {}).items()}
    required = tuple(schema.get("required", ()))
    extra = schema.get("additionalProperties", True)
    other: Check | None = _compile(extra) if isinstance(extra, dict) else None
    names = ", ".join(properties)
    get = properties.get

    def check(value: Any) -> Any:
        if value.__class__ is not dict:
            if isinstance(value, Mapping):
                value = dict(value)
            elif (to_dict := getattr(value, "to_dict", None)) is not None:
                value = to_dict()  # a generated model: its JSON, UNSET fields left out
            else:
                raise Invalid(
                    TypeError,
                    f"must be a mapping or a model, got {type(value).__name__} {_shown(value)}",
                )
        # Sent as it is until a field differs (an enum, a model, UNSET): then a copy.
        out = value
        for key, sub in value.items():
            one = get(key, other)
            if one is None:
                if extra is False:
                    raise Invalid(TypeError, f"unknown field {key!r}; the fields are {names}")
                continue
            if sub.__class__ is Unset:
                new = _LEFT_OUT
            else:
                try:
                    new = one(sub)
                except Invalid as exc:
                    exc.at.append(f".{key}")
                    raise
                if new is sub:
                    continue
            if out is value:
                out = dict(value)
            if new is _LEFT_OUT:
                del out[key]
            else:
                out[key] = new
        for key in required:
            if key not in out:
                raise Invalid(TypeError, "required, missing", at=f".{key}")
        return out

    return check


def encode(document: object) -> bytes:
    """A checked body as sent: compact UTF-8 JSON, the same bytes whatever httpx's
    version (0.27 wrote ``", "`` and ``\\u`` escapes, 0.28 neither)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


class Body:
    """One operation's request body: which arguments form it, and their check."""

    def __init__(self, operation_id: str) -> None:
        declared = _spec.request_body(operation_id)
        schema = _spec.resolve(declared["content"]["application/json"]["schema"])
        self._check = _named(_compile(schema))
        #: An array body's item check, raising ``Invalid`` (``.named("leads[3]")`` makes
        #: the error); None for an object body.
        self.item: Check | None = (
            _compile(schema["items"]) if schema.get("type") == "array" else None
        )
        #: An array body's ``maxItems``, or None.
        self.max_items: int | None = schema.get("maxItems")
        #: The argument an array body is given as (``x-body-name``); None: an object body.
        self.array: str | None = declared["x-body-name"] if schema.get("type") == "array" else None
        #: The method arguments the body is made of.
        self.names: tuple[str, ...] = (
            (self.array,) if self.array else tuple(schema.get("properties", {}))
        )

    def json(self, args: Mapping[str, object]) -> Any:
        """The body as JSON, from the method's arguments (those in ``names``)."""
        if self.array is not None:
            return self._check(args[self.array], self.array)
        return self._check({k: args[k] for k in self.names if k in args}, "")

    def check(self, document: object) -> Any:
        """A decoded JSON body checked as the method's arguments would be (the fake's check)."""
        return self._check(document, self.array or "")


@functools.cache
def body(operation_id: str) -> Body | None:
    """*operation_id*'s request body (compiled on first use), or None: it has none."""
    return Body(operation_id) if _spec.request_body(operation_id) else None
