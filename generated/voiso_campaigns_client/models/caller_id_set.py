from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, schema_error, unknown

T = TypeVar("T", bound="CallerIdSet")


@_attrs_define
class CallerIdSet:
    phone_numbers: list[str]
    """ Caller-ID phone numbers, digits only. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        phone_numbers = self.phone_numbers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "phone_numbers": phone_numbers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        d = dict(src_dict)
        phone_numbers = d.pop("phone_numbers", UNSET)
        if phone_numbers.__class__ is list:
            phone_numbers_items = []
            for phone_numbers_index, phone_numbers_item in enumerate(phone_numbers):
                if phone_numbers_item.__class__ is str:
                    pass
                else:
                    raise schema_error(
                        ("phone_numbers") + f"[{phone_numbers_index}]",
                        phone_numbers_item,
                    )

                phone_numbers_items.append(phone_numbers_item)
            phone_numbers = phone_numbers_items
        else:
            raise schema_error("phone_numbers", phone_numbers)

        caller_id_set = cls(
            phone_numbers=phone_numbers,
        )

        for key in d:  # kept, and reported: the schema does not list them
            unknown("CallerIdSet." + key, None)
        caller_id_set.additional_properties = d
        return caller_id_set

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
