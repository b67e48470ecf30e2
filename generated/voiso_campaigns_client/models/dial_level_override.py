from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

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
        _missing = 0
        _f_enabled = src_dict.get("enabled", UNSET)
        if _f_enabled.__class__ is bool:
            pass
        else:
            raise schema_error("enabled", _f_enabled)

        _f_value = src_dict.get("value", UNSET)
        if _f_value.__class__ is float or _f_value.__class__ is int:
            pass
        elif _f_value is None:
            pass
        elif _f_value is UNSET:
            _missing += 1
        else:
            raise schema_error("value", _f_value)

        _f_active_agents_threshold = src_dict.get("active_agents_threshold", UNSET)
        if _f_active_agents_threshold.__class__ is int:
            pass
        elif _f_active_agents_threshold is None:
            pass
        elif _f_active_agents_threshold is UNSET:
            _missing += 1
        else:
            raise schema_error("active_agents_threshold", _f_active_agents_threshold)

        _parsed = _new(cls)
        _parsed.enabled = _f_enabled
        _parsed.value = _f_value
        _parsed.active_agents_threshold = _f_active_agents_threshold
        if len(src_dict) == 3 - _missing:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "enabled",
                    "value",
                    "active_agents_threshold",
                }:
                    unknown("DialLevelOverride." + _key, None)
                    _extra[_key] = _value
            _parsed.additional_properties = _extra
        return _parsed

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


if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
