from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, index_of, schema_error

T = TypeVar("T", bound="AddUsersRequest")


@_attrs_define
class AddUsersRequest:
    user_ids: list[int]
    """ The integer ids of the users to assign, at most 100 in one request. """

    def to_dict(self) -> dict[str, Any]:
        user_ids = self.user_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_ids": user_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _f_user_ids = src_dict.get("user_ids", UNSET)
        if _f_user_ids.__class__ is list:
            for _t_user_ids_item in _f_user_ids:
                if _t_user_ids_item.__class__ is int:
                    pass
                else:
                    raise schema_error(
                        ("user_ids") + f"[{index_of(_f_user_ids, _t_user_ids_item)}]",
                        _t_user_ids_item,
                    )

            _f_user_ids = list(_f_user_ids)
        else:
            raise schema_error("user_ids", _f_user_ids)

        _parsed = _new(cls)
        _parsed.user_ids = _f_user_ids
        return _parsed


if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
