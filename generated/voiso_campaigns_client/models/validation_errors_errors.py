from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import index_of, schema_error

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
        _parsed = _new(cls)
        if len(src_dict) == 0:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _value.__class__ is list:
                    for _t__value_item in _value:
                        if _t__value_item.__class__ is str:
                            pass
                        else:
                            raise schema_error(
                                (_key) + f"[{index_of(_value, _t__value_item)}]",
                                _t__value_item,
                            )

                    _value = list(_value)
                else:
                    raise schema_error(_key, _value)

                _extra[_key] = _value
            _parsed.additional_properties = _extra
        return _parsed

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


if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
