from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, schema_error, unknown

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
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        d = dict(src_dict)
        enabled = d.pop("enabled", UNSET)
        if enabled.__class__ is bool:
            pass
        else:
            raise schema_error("enabled", enabled)

        value = d.pop("value", UNSET)
        if value is not UNSET:
            if value is None:
                pass
            elif value.__class__ is float or value.__class__ is int:
                pass
            else:
                raise schema_error("value", value)

        active_agents_threshold = d.pop("active_agents_threshold", UNSET)
        if active_agents_threshold is not UNSET:
            if active_agents_threshold is None:
                pass
            elif active_agents_threshold.__class__ is int:
                pass
            else:
                raise schema_error("active_agents_threshold", active_agents_threshold)

        dial_level_override = cls(
            enabled=enabled,
            value=value,
            active_agents_threshold=active_agents_threshold,
        )

        for key in d:  # kept, and reported: the schema does not list them
            unknown("DialLevelOverride." + key, None)
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
