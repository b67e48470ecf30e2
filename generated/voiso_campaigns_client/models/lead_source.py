from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset, schema_error

T = TypeVar("T", bound="LeadSource")


@_attrs_define
class LeadSource:
    """The external system that provided the lead, e.g. `{"system": "my_crm", "url": "https://example.com/leads/123"}`."""

    system: str | Unset = UNSET
    url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        system = self.system

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if system is not UNSET:
            field_dict["system"] = system
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _missing = 0
        _f_system = src_dict.get("system", UNSET)
        if _f_system.__class__ is str:
            pass
        elif _f_system is UNSET:
            _missing += 1
        else:
            raise schema_error("system", _f_system)

        _f_url = src_dict.get("url", UNSET)
        if _f_url.__class__ is str:
            pass
        elif _f_url is UNSET:
            _missing += 1
        else:
            raise schema_error("url", _f_url)

        _parsed = _new(cls)
        _parsed.system = _f_system
        _parsed.url = _f_url
        return _parsed


if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
