"""The fake's data set, generated from the spec's ``Campaign`` schema.

Every property of the schema appears in every campaign, with a value of its
type; a nullable property is null in one campaign out of six (which one depends
on the property's name); the first campaigns cover every value of every enum in
turn; nothing the schema lacks is served. A field added to the spec is served
after ``make generate`` with no edit here.

Each field draws from its own small generator (``_Rng``), keyed by the
campaign and the field's name, so adding a field to the spec leaves every
other field's values as they were: the fake's data, and the cassettes recorded
from it, change only where the spec did.

A few fields get realistic values (``_HINTS``): names in several scripts for
the table, phone numbers, the follow-up modes of the vendor's example. A hint
is used only for a field the spec has, and only while its value fits the
field's type, so a hint can never serve a field or a type the spec lacks.
"""

from __future__ import annotations

import datetime as dt
import functools
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .. import _spec

_WORDS = (
    "Summer", "Winter", "Outreach", "Renewal", "Retention", "Survey", "Follow-up",
    "Campaña", "Kampagne Süd", "Réactivation", "Кампания", "キャンペーン", "Promoção",
    "Leads", "VIP", "Collections", "Onboarding", "Win-back",
)  # fmt: skip
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
#: One nullable property in this many campaigns is null.
NULL_EVERY = 6

_MASK = (1 << 64) - 1


def _mix(value: int) -> int:
    """splitmix64's finaliser: a well-spread 64-bit value from any int."""
    value = (value + 0x9E3779B97F4A7C15) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


class _Rng:
    """A small deterministic generator (splitmix64) with the few methods the makers use."""

    __slots__ = ("_state",)

    def __init__(self, seed: int) -> None:
        self._state = seed & _MASK

    def child(self, salt: int) -> _Rng:
        """An independent generator for a part (a field, an item); this one is not advanced."""
        return _Rng(_mix(self._state ^ salt))

    def _next(self) -> int:
        self._state = (self._state + 0x9E3779B97F4A7C15) & _MASK
        return _mix(self._state)

    def random(self) -> float:
        return (self._next() >> 11) / (1 << 53)

    def randrange(self, start: int, stop: int | None = None) -> int:
        low, high = (0, start) if stop is None else (start, stop)
        return low + self._next() % (high - low)

    def randint(self, low: int, high: int) -> int:
        return self.randrange(low, high + 1)

    def choice(self, options: Sequence[Any]) -> Any:
        return options[self._next() % len(options)]


_FIRST = ("Jane", "John", "María", "Jürgen", "Аня", "Kenji")
_LAST = ("Doe", "Roe", "García", "Müller", "Иванова", "Sato")

#: (rng, index) -> the value; by the field's path in the campaign, dots between levels.
_HINTS: dict[str, Callable[[_Rng, int], Any]] = {
    "id": lambda rng, index: index + 1,
    "name": lambda rng, index: f"{rng.choice(_WORDS)} {rng.choice(_WORDS)} #{index + 1}",
    "dial_level": lambda rng, index: rng.choice((1, 1, 2, 1.5, 3)),
    "max_dial_time": lambda rng, index: rng.choice((30, 45, 60, 90)),
    "max_wait_time": lambda rng, index: rng.choice((5, 10, 15)),
    "max_dial_attempts": lambda rng, index: rng.randint(1, 5),
    "dial_level_override.value": lambda rng, index: rng.choice((1, 1.5, 2, 2.5)),
    "dial_level_override.active_agents_threshold": lambda rng, index: rng.randint(1, 10),
    "follow_up_mode": lambda rng, index: rng.choice(("timer", "manual")),
    "method": lambda rng, index: rng.choice(("preview", "progressive", "predictive")),
    "amd_voicemail_message.voice_message.type": lambda rng, index: "voice_message",
    "amd_voicemail_message.voice_message.name": lambda rng, index: rng.choice(
        ("Instructions", "Callback", "Hinweis")
    ),
    "caller_id_sets.phone_numbers": lambda rng, index: [
        f"1888565{rng.randrange(10_000):04d}" for _ in range(rng.randint(1, 3))
    ],
    # A campaign's users (the "User" schema), shaped like the vendor's example.
    "user:id": lambda rng, index: index + 1,  # integer ids: what add and remove take
    "user:name": lambda rng, index: f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
    "user:email": lambda rng, index: f"agent{index + 1}@example.com",
    "user:extension": lambda rng, index: str(100 + index + 1),
    "user:timezone": lambda rng, index: rng.choice(("America/New_York", "Europe/Berlin")),
    "user:speech_language": lambda rng, index: rng.choice(("en", "es", "de")),
    "user:status": lambda rng, index: rng.choice(("active", "inactive")),
    "user:channels": lambda rng, index: ["voice", *rng.choice(((), ("chat",), ("whatsapp",)))],
}

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}

# (rng, index, state) -> value; state carries the campaign's last timestamp.
Make = Callable[[_Rng, int, dict[str, Any]], Any]


def timestamp(moment: dt.datetime) -> str:
    """UTC with milliseconds and a Z, as the vendor's example shows."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _fits(value: object, types: list[str]) -> bool:
    if value is None:
        return "null" in types
    if isinstance(value, bool):
        return "boolean" in types
    return any(isinstance(value, _JSON_TYPES.get(t, ())) for t in types)


def _maker(schema: _spec.Schema, path: str, offset: int) -> Make:
    """How to make the value at *path* (a dotted field path) for *schema*."""
    types = _spec.types(schema)
    make = _value_maker(schema, path, [t for t in types if t != "null"])
    hint = _HINTS.get(path)
    if hint is not None:
        plain = make

        def make(rng: _Rng, index: int, state: dict[str, Any]) -> Any:
            value = hint(rng, index)
            return value if _fits(value, types) else plain(rng, index, state)

    if "null" not in types:
        return make
    values = _spec.enum_values(schema)
    inner = make

    def nullable(rng: _Rng, index: int, state: dict[str, Any]) -> Any:
        covering = index < len(values)  # the first campaigns show every enum value
        if not covering and (index + offset) % NULL_EVERY == NULL_EVERY - 1:
            return None
        return inner(rng, index, state)

    return nullable


def _value_maker(schema: _spec.Schema, path: str, types: list[str]) -> Make:
    values = _spec.enum_values(schema)
    if values:
        return lambda rng, index, state: (
            values[index] if index < len(values) else rng.choice(values)
        )
    nested = _spec.object_variant(schema)
    if nested is not None:
        return _object_maker(nested, path + ".")
    items = _spec.array_items(schema)
    if items is not None:
        item = _maker(items, path, 0)
        return lambda rng, index, state: [
            item(rng.child(n), index, state) for n in range(1, rng.randint(1, 3) + 1)
        ]
    kind = types[0] if types else "string"
    variant = next((v for v in _spec.variants(schema) if v.get("type") is not None), schema)
    low, high = variant.get("minimum"), variant.get("maximum")
    if kind == "integer":
        lo = int(low) if low is not None else 1
        hi = int(high) if high is not None else max(lo, 100)
        return lambda rng, index, state: rng.randint(lo, hi)
    if kind == "number":
        return lambda rng, index, state: rng.choice((0.5, 1, 1.5, 2, 3))
    if kind == "boolean":
        return lambda rng, index, state: rng.random() < 0.5
    if any(v.get("format") == "date-time" for v in _spec.variants(schema)):
        return _timestamp_maker
    return lambda rng, index, state: rng.choice(_WORDS).lower()


def _timestamp_maker(rng: _Rng, index: int, state: dict[str, Any]) -> str:
    """A campaign's timestamps increase in the spec's order (created, then updated)."""
    before = state.get("moment")
    if before is None:
        moment = _EPOCH + dt.timedelta(minutes=rng.randrange(0, 300_000))
    else:
        moment = before + dt.timedelta(minutes=rng.randrange(0, 50_000))
    moment += dt.timedelta(milliseconds=rng.randrange(1000))
    state["moment"] = moment
    return timestamp(moment)


def _object_maker(schema: _spec.Schema, prefix: str) -> Make:
    # Keyed by name, not position: a field added before another changes nothing of it.
    fields = [
        (name, salt, _maker(field, prefix + name, salt))
        for name, field in schema.get("properties", {}).items()
        for salt in [zlib.crc32(name.encode())]
    ]
    return lambda rng, index, state: {
        name: make(rng.child(salt), index, state) for name, salt, make in fields
    }


@functools.cache
def _campaign_maker() -> Make:
    return _object_maker(_spec.component("Campaign"), "")


def generate_campaign(seed: int, index: int) -> dict[str, Any]:
    """Campaign number *index* (id ``index + 1``) of the data set for *seed*, as API JSON."""
    rng = _Rng(_mix(zlib.crc32(f"{seed}:{index}".encode())))
    data: dict[str, Any] = _campaign_maker()(rng, index, {})
    return data


def complete_campaign(partial: Mapping[str, Any], seed: int = 0) -> dict[str, Any]:
    """*partial* with every field it lacks filled as the generated data set fills it.

    A test can give only what it cares about (``{"name": "X", "status": "active"}``)
    and still get a campaign the spec's schema accepts. Without an ``id``, it is 1.
    """
    campaign_id = partial.get("id", 1)
    index = campaign_id - 1 if isinstance(campaign_id, int) and campaign_id >= 1 else 0
    return {**generate_campaign(seed, index), **partial, "id": campaign_id}


@functools.cache
def _user_maker() -> Make:
    return _object_maker(_spec.component("User"), "user:")


def generate_user(seed: int, index: int) -> dict[str, Any]:
    """User number *index* (id ``index + 1``) of the contact center for *seed*, as API JSON."""
    rng = _Rng(_mix(zlib.crc32(f"user:{seed}:{index}".encode())))
    data: dict[str, Any] = _user_maker()(rng, index, {})
    return data
