from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, SchemaError, Unset, schema_error, unknown

if TYPE_CHECKING:
    from ..models.named_ref import NamedRef


T = TypeVar("T", bound="UserSkill")


@_attrs_define
class UserSkill:
    skill: NamedRef
    """ A reference to a named object (a team, a queue, a group, a skill). """
    value: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        skill = self.skill.to_dict()

        value: int | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "skill": skill,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _missing = 0
        _f_skill = src_dict.get("skill", UNSET)
        if _f_skill.__class__ is dict:
            try:
                _f_skill = _NamedRef_from_dict(_f_skill)
            except SchemaError as _error:
                raise _error.inside("skill") from None
        else:
            raise schema_error("skill", _f_skill)

        _f_value = src_dict.get("value", UNSET)
        if _f_value.__class__ is int:
            pass
        elif _f_value is None:
            pass
        elif _f_value is UNSET:
            _missing += 1
        else:
            raise schema_error("value", _f_value)

        _parsed = _new(cls)
        _parsed.skill = _f_skill
        _parsed.value = _f_value
        if len(src_dict) == 2 - _missing:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "skill",
                    "value",
                }:
                    unknown("UserSkill." + _key, None)
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


from ..models.named_ref import NamedRef  # noqa: E402

_NamedRef_from_dict = NamedRef.from_dict

if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
