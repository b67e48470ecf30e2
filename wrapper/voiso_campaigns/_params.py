"""Argument checks for the listing methods: bad input never reaches the network."""

from __future__ import annotations

import enum
from typing import Any, TypeVar

import attrs

from ._generated import UNSET, CampaignStatus, CampaignStrategy, Unset

#: The API's own bounds on ``limit`` (the vendor's documentation).
MAX_PAGE_SIZE = 100

E = TypeVar("E", bound=enum.Enum)


@attrs.frozen
class Filters:
    """The query parameters other than ``limit``/``offset``, checked and converted."""

    name: str | Unset = UNSET
    status: CampaignStatus | Unset = UNSET
    strategy: CampaignStrategy | Unset = UNSET
    method: str | Unset = UNSET
    live: bool | Unset = UNSET

    def as_kwargs(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=False)


def check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    """*value* as an int within [low, high], or a TypeError/ValueError naming *name*."""
    bounds = f"from {low} to {high}" if high is not None else f">= {low}"
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int {bounds}, got {type(value).__name__} {value!r}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{name} must be {bounds}, got {value}")
    return value


def _optional_str(name: str, value: object) -> str | Unset:
    if value is None:
        return UNSET
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str or None, got {type(value).__name__} {value!r}")
    return value


def _enum(name: str, value: object, cls: type[E]) -> E | Unset:
    if value is None:
        return UNSET
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


def filters(
    *, name: object, status: object, strategy: object, method: object, live: object
) -> Filters:
    """Check the filter arguments of ``list()``/``list_page()``."""
    if live is not None and not isinstance(live, bool):
        raise TypeError(f"live must be True, False or None, got {type(live).__name__} {live!r}")
    return Filters(
        name=_optional_str("name", name),
        status=_enum("status", status, CampaignStatus),
        strategy=_enum("strategy", strategy, CampaignStrategy),
        method=_optional_str("method", method),
        live=UNSET if live is None else live,
    )
