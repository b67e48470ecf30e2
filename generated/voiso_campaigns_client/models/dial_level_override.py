from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DialLevelOverride")


@_attrs_define
class DialLevelOverride:
    """The vendor's "Get campaign" example shows all three fields; which may be null is not said, so `enabled` is required
    and the others nullable.

    """

    enabled: bool
    """ Whether the override applies. """
    value: float | None | Unset = UNSET
    """ The dial level used while the override applies. """
    active_agents_threshold: int | None | Unset = UNSET
    """ The number of active agents below which the override applies. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        value: float | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        active_agents_threshold: int | None | Unset
        if isinstance(self.active_agents_threshold, Unset):
            active_agents_threshold = UNSET
        else:
            active_agents_threshold = self.active_agents_threshold

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enabled": enabled,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value
        if active_agents_threshold is not UNSET:
            field_dict["active_agents_threshold"] = active_agents_threshold

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled")

        def _parse_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        def _parse_active_agents_threshold(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        active_agents_threshold = _parse_active_agents_threshold(
            d.pop("active_agents_threshold", UNSET)
        )

        dial_level_override = cls(
            enabled=enabled,
            value=value,
            active_agents_threshold=active_agents_threshold,
        )

        dial_level_override.additional_properties = d
        return dial_level_override

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
