from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, SchemaError, schema_error, unknown

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
        d = dict(src_dict)
        campaigns = d.pop("campaigns", UNSET)
        if campaigns.__class__ is list:
            campaigns_items = []
            for campaigns_index, campaigns_item in enumerate(campaigns):
                if campaigns_item.__class__ is dict:
                    try:
                        campaigns_item = Campaign.from_dict(campaigns_item)
                    except SchemaError as error:
                        raise error.inside(
                            ("campaigns") + f"[{campaigns_index}]"
                        ) from None
                else:
                    raise schema_error(
                        ("campaigns") + f"[{campaigns_index}]", campaigns_item
                    )

                campaigns_items.append(campaigns_item)
            campaigns = campaigns_items
        else:
            raise schema_error("campaigns", campaigns)

        metadata = d.pop("metadata", UNSET)
        if metadata.__class__ is dict:
            try:
                metadata = ListMetadata.from_dict(metadata)
            except SchemaError as error:
                raise error.inside("metadata") from None
        else:
            raise schema_error("metadata", metadata)

        campaign_list = cls(
            campaigns=campaigns,
            metadata=metadata,
        )

        for key in d:  # kept, and reported: the schema does not list them
            unknown("CampaignList." + key, None)
        campaign_list.additional_properties = d
        return campaign_list

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
