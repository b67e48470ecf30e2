from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, SchemaError, schema_error, unknown

if TYPE_CHECKING:
    from ..models.campaign import Campaign


T = TypeVar("T", bound="CampaignEnvelope")


@_attrs_define
class CampaignEnvelope:
    """One campaign, under a `campaign` key: `{"campaign": {...}}` (the vendor's "Get campaign" page)."""

    campaign: Campaign
    """ A full dialer campaign. The vendor says some fields can be null
    depending on which features are enabled and which settings are
    configured, without saying which. The choice made here, field by field:

    - required and never null: `id`, `name`, `status`, `strategy`, the
      fields the vendor names as the Campaign schema's core and the only
      ones (with `dial_level`) in its pause example;
    - optional, never null when sent: the `created_at`/`updated_at`
      timestamps (the list and get examples have them; the pause example,
      "the updated campaign object itself", does not);
    - optional and nullable: every setting (`dial_level`,
      `max_dial_time`, `max_wait_time`, `max_dial_attempts`,
      `amd_enabled`, `use_local_caller_id`, `asr_optimization_enabled`,
      `follow_up_mode`), the feature objects (`amd_voicemail_message`,
      `caller_id_sets`, `dial_level_override`) and the two fields
      inferred from the filters (`method`, `live`). A campaign missing a
      setting must still be listed.

    Unknown extra fields are allowed and kept (forward compatibility).
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign = self.campaign.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaign": campaign,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _f_campaign = src_dict.get("campaign", UNSET)
        if _f_campaign.__class__ is dict:
            try:
                _f_campaign = _Campaign_from_dict(_f_campaign)
            except SchemaError as _error:
                raise _error.inside("campaign") from None
        else:
            raise schema_error("campaign", _f_campaign)

        _parsed = _new(cls)
        _parsed.campaign = _f_campaign
        if len(src_dict) == 1:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "campaign",
                }:
                    unknown("CampaignEnvelope." + _key, None)
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


from ..models.campaign import Campaign  # noqa: E402

_Campaign_from_dict = Campaign.from_dict

if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
