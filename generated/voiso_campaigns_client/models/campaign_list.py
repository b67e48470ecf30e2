from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, SchemaError, index_of, schema_error, unknown

if TYPE_CHECKING:
    from ..models.campaign import Campaign
    from ..models.list_metadata import ListMetadata


T = TypeVar("T", bound="CampaignList")


@_attrs_define
class CampaignList:
    """One page of campaigns."""

    campaigns: list[Campaign]
    metadata: ListMetadata
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaigns = []
        for campaigns_item_data in self.campaigns:
            campaigns_item = campaigns_item_data.to_dict()
            campaigns.append(campaigns_item)

        metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaigns": campaigns,
                "metadata": metadata,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _f_campaigns = src_dict.get("campaigns", UNSET)
        if _f_campaigns.__class__ is list:
            _t_campaigns_items = []
            for _t_campaigns_item in _f_campaigns:
                if _t_campaigns_item.__class__ is dict:
                    try:
                        _t_campaigns_item = _Campaign_from_dict(_t_campaigns_item)
                    except SchemaError as _error:
                        raise _error.inside(
                            ("campaigns")
                            + f"[{index_of(_f_campaigns, _t_campaigns_item)}]"
                        ) from None
                else:
                    raise schema_error(
                        ("campaigns")
                        + f"[{index_of(_f_campaigns, _t_campaigns_item)}]",
                        _t_campaigns_item,
                    )

                _t_campaigns_items.append(_t_campaigns_item)
            _f_campaigns = _t_campaigns_items
        else:
            raise schema_error("campaigns", _f_campaigns)

        _f_metadata = src_dict.get("metadata", UNSET)
        if _f_metadata.__class__ is dict:
            try:
                _f_metadata = _ListMetadata_from_dict(_f_metadata)
            except SchemaError as _error:
                raise _error.inside("metadata") from None
        else:
            raise schema_error("metadata", _f_metadata)

        _parsed = _new(cls)
        _parsed.campaigns = _f_campaigns
        _parsed.metadata = _f_metadata
        if len(src_dict) == 2:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "campaigns",
                    "metadata",
                }:
                    unknown("CampaignList." + _key, None)
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
from ..models.list_metadata import ListMetadata  # noqa: E402

_Campaign_from_dict = Campaign.from_dict
_ListMetadata_from_dict = ListMetadata.from_dict

if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
