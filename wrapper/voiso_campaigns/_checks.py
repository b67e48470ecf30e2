"""Type checks of parsed attrs models against their own annotations.

The generated models do not check scalar types (``"id": "7"`` parses), and
fall back to the raw value when a nested object does not parse. So after
parsing, each model is checked against the annotations the generator wrote:
a regenerated field is checked without code here.

The checks run on every campaign of every page, so, as attrs does for its
``__init__``, the checker for each class is compiled once into straight-line
Python (a generic loop over fields cost about 5 µs a campaign, this about 2).
On the way, the checker reports unknown enum values (an ``Enum | str`` field
holding a plain ``str``) and unknown fields (``additional_properties``).
"""

from __future__ import annotations

import enum
import threading
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs

#: Called with ("Model.field", value) for an unknown enum value, ("Model.field", None)
#: for an unknown field.
Note = Callable[[str, str | None], None]
#: A compiled checker: the first mismatch as "field.sub: unexpected type", or None.
Check = Callable[[Any], str | None]


class ModelChecker:
    """Checks attrs model instances; compiles one function per class on first use.

    Args:
        namespace: Where the models' string annotations are resolved.
        note: Receives each unknown enum value and unknown field.
    """

    def __init__(self, namespace: Mapping[str, Any], note: Note) -> None:
        self._namespace = dict(namespace)
        self._note = note
        self._compiled: dict[type, Check] = {}
        self._lock = threading.RLock()

    def check(self, obj: Any) -> str | None:
        """The first mismatch in *obj* (recursively), or None."""
        compiled = self._compiled.get(obj.__class__)
        if compiled is None:
            compiled = self._compile(obj.__class__)
        return compiled(obj)

    def _compile(self, cls: type) -> Check:
        with self._lock:
            return self._compile_locked(cls, {})

    def _compile_locked(self, cls: type, building: dict[type, Check]) -> Check:
        if cls in self._compiled:
            return self._compiled[cls]
        if cls in building:  # a recursive model: dispatch at call time
            return lambda obj: self._compiled[cls](obj)
        source, env, nested = _source(cls, self._namespace)
        building[cls] = self.check
        # Nested models' checkers are called directly, not through check().
        for model in nested:
            env[f"check_{model.__name__}"] = self._compile_locked(model, building)
        env["note"] = self._note
        exec(compile(source, f"<voiso_campaigns check {cls.__name__}>", "exec"), env)  # noqa: S102
        # Published only when complete: check() reads this dict without the lock.
        self._compiled[cls] = env["check_model"]
        return self._compiled[cls]


def _flatten(hint: Any) -> tuple[Any, ...]:
    return typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)


def _source(cls: type, namespace: Mapping[str, Any]) -> tuple[str, dict[str, Any], list[type]]:
    """The checker's source for *cls*, the names it refers to, and the models it nests."""
    hints = typing.get_type_hints(cls, localns=dict(namespace))
    name = cls.__name__
    env: dict[str, Any] = {}
    nested_models: list[type] = []
    lines = [
        "def check_model(obj):",
        "    if obj.additional_properties:",
        "        for key in obj.additional_properties:",
        f"            note({name!r} + '.' + key, None)",
    ]
    for index, field in enumerate(attrs.fields(cls)):
        if field.name == "additional_properties":
            continue
        allowed: set[type] = set()
        item: Any = None
        is_enum = is_str = False
        for member in _flatten(hints[field.name]):
            if typing.get_origin(member) is list:
                allowed.add(list)
                (item,) = typing.get_args(member)
            elif member is float:  # a JSON number may be written without a fraction
                allowed.update((int, float))
            elif member is type(None):
                allowed.add(type(None))
            else:
                allowed.add(member)
                is_enum |= isinstance(member, type) and issubclass(member, enum.Enum)
                is_str |= member is str
        # Exact classes, not isinstance: True must not pass for an int.
        env[f"allowed{index}"] = frozenset(allowed)
        f = field.name
        lines += [
            f"    v = obj.{f}",
            f"    if v.__class__ not in allowed{index}:",
            f"        return '{f}: unexpected ' + v.__class__.__name__",
        ]
        if is_enum and is_str:
            lines += ["    if v.__class__ is str:", f"        note('{name}.{f}', v)"]
        nested = [m for m in allowed if attrs.has(m)]
        nested_models += nested
        for model in nested:
            env[model.__name__] = model
            lines += [
                f"    if v.__class__ is {model.__name__}:",
                f"        p = check_{model.__name__}(v)",
                "        if p is not None:",
                f"            return '{f}.' + p",
            ]
        if item is not None:
            env[f"item{index}"] = item
            lines += [
                "    if v.__class__ is list:",
                "        for i, e in enumerate(v):",
                f"            if e.__class__ is not item{index}:",
                f"                return '{f}[' + str(i) + ']: unexpected ' + e.__class__.__name__",
            ]
            if attrs.has(item):
                nested_models.append(item)
                lines += [
                    f"            p = check_{item.__name__}(e)",
                    "            if p is not None:",
                    f"                return '{f}[' + str(i) + '].' + p",
                ]
    lines.append("    return None")
    return "\n".join(lines) + "\n", env, nested_models
