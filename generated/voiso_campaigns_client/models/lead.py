from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, SchemaError, Unset, schema_error

if TYPE_CHECKING:
    from ..models.lead_context_headers import LeadContextHeaders
    from ..models.lead_source import LeadSource


T = TypeVar("T", bound="Lead")


@_attrs_define
class Lead:
    """One lead to dial (the vendor's "Add leads" page)."""

    phone_number: str
    """ The number to dial; the API checks it is a valid phone number. """
    name: str | Unset = UNSET
    """ The display name shown to the agent. """
    source: LeadSource | Unset = UNSET
    """ The external system that provided the lead, e.g. `{"system": "my_crm", "url":
    "https://example.com/leads/123"}`. """
    priority: int | Unset = UNSET
    """ Lower values are called first. """
    active: bool | Unset = UNSET
    """ Whether the lead should be called in this campaign. """
    context_headers: LeadContextHeaders | Unset = UNSET
    """ Custom SIP headers sent during dialer calls, e.g. `{"X-Call-Context": "discount_promo_code"}`. """

    def to_dict(self) -> dict[str, Any]:
        phone_number = self.phone_number

        name = self.name

        source: dict[str, Any] | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.to_dict()

        priority = self.priority

        active = self.active

        context_headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context_headers, Unset):
            context_headers = self.context_headers.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "phone_number": phone_number,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if source is not UNSET:
            field_dict["source"] = source
        if priority is not UNSET:
            field_dict["priority"] = priority
        if active is not UNSET:
            field_dict["active"] = active
        if context_headers is not UNSET:
            field_dict["context_headers"] = context_headers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _get = src_dict.get
        _missing = 0
        _f_phone_number = _get("phone_number", UNSET)
        if _f_phone_number.__class__ is str:
            pass
        else:
            raise schema_error("phone_number", _f_phone_number)

        _f_name = _get("name", UNSET)
        if _f_name.__class__ is str:
            pass
        elif _f_name is UNSET:
            _missing += 1
        else:
            raise schema_error("name", _f_name)

        _f_source = _get("source", UNSET)
        if _f_source.__class__ is dict:
            try:
                _f_source = _LeadSource_from_dict(_f_source)
            except SchemaError as _error:
                raise _error.inside("source") from None
        elif _f_source is UNSET:
            _missing += 1
        else:
            raise schema_error("source", _f_source)

        _f_priority = _get("priority", UNSET)
        if _f_priority.__class__ is int:
            pass
        elif _f_priority is UNSET:
            _missing += 1
        else:
            raise schema_error("priority", _f_priority)

        _f_active = _get("active", UNSET)
        if _f_active.__class__ is bool:
            pass
        elif _f_active is UNSET:
            _missing += 1
        else:
            raise schema_error("active", _f_active)

        _f_context_headers = _get("context_headers", UNSET)
        if _f_context_headers.__class__ is dict:
            try:
                _f_context_headers = _LeadContextHeaders_from_dict(_f_context_headers)
            except SchemaError as _error:
                raise _error.inside("context_headers") from None
        elif _f_context_headers is UNSET:
            _missing += 1
        else:
            raise schema_error("context_headers", _f_context_headers)

        _parsed = _new(cls)
        _parsed.phone_number = _f_phone_number
        _parsed.name = _f_name
        _parsed.source = _f_source
        _parsed.priority = _f_priority
        _parsed.active = _f_active
        _parsed.context_headers = _f_context_headers
        return _parsed


from ..models.lead_context_headers import LeadContextHeaders  # noqa: E402
from ..models.lead_source import LeadSource  # noqa: E402

_LeadContextHeaders_from_dict = LeadContextHeaders.from_dict
_LeadSource_from_dict = LeadSource.from_dict

if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
