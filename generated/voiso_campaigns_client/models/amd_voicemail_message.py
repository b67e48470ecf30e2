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
        d = dict(src_dict)
        enabled = d.pop("enabled", UNSET)
        if enabled.__class__ is bool:
            pass
        else:
            raise schema_error("enabled", enabled)

        voice_message = d.pop("voice_message", UNSET)
        if voice_message is not UNSET:
            if voice_message is None:
                pass
            elif voice_message.__class__ is dict:
                try:
                    voice_message = VoiceMessage.from_dict(voice_message)
                except SchemaError as error:
                    raise error.inside("voice_message") from None
            else:
                raise schema_error("voice_message", voice_message)

        amd_voicemail_message = cls(
            enabled=enabled,
            voice_message=voice_message,
        )

        for key in d:  # kept, and reported: the schema does not list them
            unknown("AmdVoicemailMessage." + key, None)
        amd_voicemail_message.additional_properties = d
        return amd_voicemail_message

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
