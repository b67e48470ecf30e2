from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, SchemaError, schema_error, unknown

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="RemovedUser")


@_attrs_define
class RemovedUser:
    user: User
    """ A user (agent) of the contact center. The vendor's example shows
    every field below and says some may be null or absent depending on
    the contact center's features, without saying which; its page was
    cut after `status`. So only `id` is required, every other field is
    optional and nullable, and unknown extra fields are kept.
    The add and remove answers show only `id`, `name` and `email`.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user = self.user.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _f_user = src_dict.get("user", UNSET)
        if _f_user.__class__ is dict:
            try:
                _f_user = _User_from_dict(_f_user)
            except SchemaError as _error:
                raise _error.inside("user") from None
        else:
            raise schema_error("user", _f_user)

        _parsed = _new(cls)
        _parsed.user = _f_user
        if len(src_dict) == 1:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "user",
                }:
                    unknown("RemovedUser." + _key, None)
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


from ..models.user import User  # noqa: E402

_User_from_dict = User.from_dict

if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
