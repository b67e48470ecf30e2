from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, index_of, schema_error, unknown

T = TypeVar("T", bound="LeadsImport")


@_attrs_define
class LeadsImport:
    """What became of each phone number of one leads request."""

    created: list[str]
    """ The numbers added as new leads. """
    rejected: list[str]
    """ The numbers that are not valid phone numbers. """
    duplicates: list[str]
    """ The numbers the campaign already holds, or repeated in the request. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        rejected = self.rejected

        duplicates = self.duplicates

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "rejected": rejected,
                "duplicates": duplicates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _f_created = src_dict.get("created", UNSET)
        if _f_created.__class__ is list:
            for _t_created_item in _f_created:
                if _t_created_item.__class__ is str:
                    pass
                else:
                    raise schema_error(
                        ("created") + f"[{index_of(_f_created, _t_created_item)}]",
                        _t_created_item,
                    )

            _f_created = list(_f_created)
        else:
            raise schema_error("created", _f_created)

        _f_rejected = src_dict.get("rejected", UNSET)
        if _f_rejected.__class__ is list:
            for _t_rejected_item in _f_rejected:
                if _t_rejected_item.__class__ is str:
                    pass
                else:
                    raise schema_error(
                        ("rejected") + f"[{index_of(_f_rejected, _t_rejected_item)}]",
                        _t_rejected_item,
                    )

            _f_rejected = list(_f_rejected)
        else:
            raise schema_error("rejected", _f_rejected)

        _f_duplicates = src_dict.get("duplicates", UNSET)
        if _f_duplicates.__class__ is list:
            for _t_duplicates_item in _f_duplicates:
                if _t_duplicates_item.__class__ is str:
                    pass
                else:
                    raise schema_error(
                        ("duplicates")
                        + f"[{index_of(_f_duplicates, _t_duplicates_item)}]",
                        _t_duplicates_item,
                    )

            _f_duplicates = list(_f_duplicates)
        else:
            raise schema_error("duplicates", _f_duplicates)

        _parsed = _new(cls)
        _parsed.created = _f_created
        _parsed.rejected = _f_rejected
        _parsed.duplicates = _f_duplicates
        if len(src_dict) == 3:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "created",
                    "rejected",
                    "duplicates",
                }:
                    unknown("LeadsImport." + _key, None)
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
