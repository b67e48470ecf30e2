from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, SchemaError, Unset, schema_error, unknown

if TYPE_CHECKING:
    from ..models.voice_message import VoiceMessage


T = TypeVar("T", bound="AmdVoicemailMessage")


@_attrs_define
class AmdVoicemailMessage:
    enabled: bool
    """ Whether the voicemail message is left. """
    voice_message: None | Unset | VoiceMessage = UNSET
    """ The message to play. Optional, null when none is chosen. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        voice_message: dict[str, Any] | None | Unset
        if isinstance(self.voice_message, Unset):
            voice_message = UNSET
        elif isinstance(self.voice_message, VoiceMessage):
            voice_message = self.voice_message.to_dict()
        else:
            voice_message = self.voice_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enabled": enabled,
            }
        )
        if voice_message is not UNSET:
            field_dict["voice_message"] = voice_message

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

        _f_voice_message = src_dict.get("voice_message", UNSET)
        if _f_voice_message.__class__ is dict:
            try:
                _f_voice_message = _VoiceMessage_from_dict(_f_voice_message)
            except SchemaError as _error:
                raise _error.inside("voice_message") from None
        elif _f_voice_message is None:
            pass
        elif _f_voice_message is UNSET:
            _missing += 1
        else:
            raise schema_error("voice_message", _f_voice_message)

        _parsed = _new(cls)
        _parsed.enabled = _f_enabled
        _parsed.voice_message = _f_voice_message
        if len(src_dict) == 2 - _missing:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "enabled",
                    "voice_message",
                }:
                    unknown("AmdVoicemailMessage." + _key, None)
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


from ..models.voice_message import VoiceMessage  # noqa: E402

_VoiceMessage_from_dict = VoiceMessage.from_dict

if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
