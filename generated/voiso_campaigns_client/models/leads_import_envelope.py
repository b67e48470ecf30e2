from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, SchemaError, schema_error, unknown

if TYPE_CHECKING:
    from ..models.leads_import import LeadsImport


T = TypeVar("T", bound="LeadsImportEnvelope")


@_attrs_define
class LeadsImportEnvelope:
    leads_import: LeadsImport
    """ What became of each phone number of one leads request. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        leads_import = self.leads_import.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "leads_import": leads_import,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _f_leads_import = src_dict.get("leads_import", UNSET)
        if _f_leads_import.__class__ is dict:
            try:
                _f_leads_import = _LeadsImport_from_dict(_f_leads_import)
            except SchemaError as _error:
                raise _error.inside("leads_import") from None
        else:
            raise schema_error("leads_import", _f_leads_import)

        _parsed = _new(cls)
        _parsed.leads_import = _f_leads_import
        if len(src_dict) == 1:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "leads_import",
                }:
                    unknown("LeadsImportEnvelope." + _key, None)
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


from ..models.leads_import import LeadsImport  # noqa: E402

_LeadsImport_from_dict = LeadsImport.from_dict

if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
