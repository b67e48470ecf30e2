from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, SchemaError, index_of, schema_error, unknown

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="AddedUsers")


@_attrs_define
class AddedUsers:
    added_users: list[User]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        added_users = []
        for added_users_item_data in self.added_users:
            added_users_item = added_users_item_data.to_dict()
            added_users.append(added_users_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "added_users": added_users,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _f_added_users = src_dict.get("added_users", UNSET)
        if _f_added_users.__class__ is list:
            _t_added_users_items = []
            for _t_added_users_item in _f_added_users:
                if _t_added_users_item.__class__ is dict:
                    try:
                        _t_added_users_item = _User_from_dict(_t_added_users_item)
                    except SchemaError as _error:
                        raise _error.inside(
                            ("added_users")
                            + f"[{index_of(_f_added_users, _t_added_users_item)}]"
                        ) from None
                else:
                    raise schema_error(
                        ("added_users")
                        + f"[{index_of(_f_added_users, _t_added_users_item)}]",
                        _t_added_users_item,
                    )

                _t_added_users_items.append(_t_added_users_item)
            _f_added_users = _t_added_users_items
        else:
            raise schema_error("added_users", _f_added_users)

        _parsed = _new(cls)
        _parsed.added_users = _f_added_users
        if len(src_dict) == 1:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "added_users",
                }:
                    unknown("AddedUsers." + _key, None)
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
