from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, schema_error, unknown

T = TypeVar("T", bound="ChannelGroupCapacity")


@_attrs_define
class ChannelGroupCapacity:
    """How many conversations of each channel group the user takes at once."""

    chat: int | None | Unset = UNSET
    instant: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chat: int | None | Unset
        if isinstance(self.chat, Unset):
            chat = UNSET
        else:
            chat = self.chat

        instant: int | None | Unset
        if isinstance(self.instant, Unset):
            instant = UNSET
        else:
            instant = self.instant

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if chat is not UNSET:
            field_dict["chat"] = chat
        if instant is not UNSET:
            field_dict["instant"] = instant

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _missing = 0
        _f_chat = src_dict.get("chat", UNSET)
        if _f_chat.__class__ is int:
            pass
        elif _f_chat is None:
            pass
        elif _f_chat is UNSET:
            _missing += 1
        else:
            raise schema_error("chat", _f_chat)

        _f_instant = src_dict.get("instant", UNSET)
        if _f_instant.__class__ is int:
            pass
        elif _f_instant is None:
            pass
        elif _f_instant is UNSET:
            _missing += 1
        else:
            raise schema_error("instant", _f_instant)

        _parsed = _new(cls)
        _parsed.chat = _f_chat
        _parsed.instant = _f_instant
        if len(src_dict) == 2 - _missing:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "chat",
                    "instant",
                }:
                    unknown("ChannelGroupCapacity." + _key, None)
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
