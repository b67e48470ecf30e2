from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import schema_error

T = TypeVar("T", bound="ValidationErrorsErrors")


@_attrs_define
class ValidationErrorsErrors:
    additional_properties: dict[str, list[str]] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        d = dict(src_dict)
        validation_errors_errors = cls()

        additional_properties = {}
        for key, value in d.items():
            if value.__class__ is list:
                value_items = []
                for value_index, value_item in enumerate(value):
                    if value_item.__class__ is str:
                        pass
                    else:
                        raise schema_error((key) + f"[{value_index}]", value_item)

                    value_items.append(value_item)
                value = value_items
            else:
                raise schema_error(key, value)

            additional_properties[key] = value
        validation_errors_errors.additional_properties = additional_properties
        return validation_errors_errors

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[str]:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[str]) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
