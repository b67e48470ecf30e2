from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, SchemaError, Unset, index_of, schema_error, unknown

if TYPE_CHECKING:
    from ..models.channel_group_capacity import ChannelGroupCapacity
    from ..models.channel_profile import ChannelProfile
    from ..models.named_ref import NamedRef
    from ..models.ringtone import Ringtone
    from ..models.user_skill import UserSkill


T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """A user (agent) of the contact center. The vendor's example shows
    every field below and says some may be null or absent depending on
    the contact center's features, without saying which; its page was
    cut after `status`. So only `id` is required, every other field is
    optional and nullable, and unknown extra fields are kept.
    The add and remove answers show only `id`, `name` and `email`.

    """

    id: int | str
    """ The user's id: an integer (add and remove take integers) or a string (the list example shows a UUID). """
    name: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    sip_account: None | str | Unset = UNSET
    extension: None | str | Unset = UNSET
    """ The user's extension, a string (`"102"`). """
    caller_id: None | str | Unset = UNSET
    employee_id: None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    """ An IANA time zone name, e.g. `America/New_York`. """
    security_access_group: NamedRef | None | Unset = UNSET
    teams: list[NamedRef] | None | Unset = UNSET
    supervised_teams: list[NamedRef] | None | Unset = UNSET
    queues: list[NamedRef] | None | Unset = UNSET
    supervised_queues: list[NamedRef] | None | Unset = UNSET
    webrtc_ringtone: None | Ringtone | Unset = UNSET
    channels: list[str] | None | Unset = UNSET
    """ The user's channels, e.g. `voice`, `chat`, `whatsapp` (no closed list is documented). """
    channel_group_capacity: ChannelGroupCapacity | None | Unset = UNSET
    channel_profiles: list[ChannelProfile] | None | Unset = UNSET
    speech_language: None | str | Unset = UNSET
    """ A language code, e.g. `en`. """
    skills: list[UserSkill] | None | Unset = UNSET
    status: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | str
        id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        sip_account: None | str | Unset
        if isinstance(self.sip_account, Unset):
            sip_account = UNSET
        else:
            sip_account = self.sip_account

        extension: None | str | Unset
        if isinstance(self.extension, Unset):
            extension = UNSET
        else:
            extension = self.extension

        caller_id: None | str | Unset
        if isinstance(self.caller_id, Unset):
            caller_id = UNSET
        else:
            caller_id = self.caller_id

        employee_id: None | str | Unset
        if isinstance(self.employee_id, Unset):
            employee_id = UNSET
        else:
            employee_id = self.employee_id

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        security_access_group: dict[str, Any] | None | Unset
        if isinstance(self.security_access_group, Unset):
            security_access_group = UNSET
        elif isinstance(self.security_access_group, NamedRef):
            security_access_group = self.security_access_group.to_dict()
        else:
            security_access_group = self.security_access_group

        teams: list[dict[str, Any]] | None | Unset
        if isinstance(self.teams, Unset):
            teams = UNSET
        elif isinstance(self.teams, list):
            teams = []
            for teams_type_0_item_data in self.teams:
                teams_type_0_item = teams_type_0_item_data.to_dict()
                teams.append(teams_type_0_item)

        else:
            teams = self.teams

        supervised_teams: list[dict[str, Any]] | None | Unset
        if isinstance(self.supervised_teams, Unset):
            supervised_teams = UNSET
        elif isinstance(self.supervised_teams, list):
            supervised_teams = []
            for supervised_teams_type_0_item_data in self.supervised_teams:
                supervised_teams_type_0_item = (
                    supervised_teams_type_0_item_data.to_dict()
                )
                supervised_teams.append(supervised_teams_type_0_item)

        else:
            supervised_teams = self.supervised_teams

        queues: list[dict[str, Any]] | None | Unset
        if isinstance(self.queues, Unset):
            queues = UNSET
        elif isinstance(self.queues, list):
            queues = []
            for queues_type_0_item_data in self.queues:
                queues_type_0_item = queues_type_0_item_data.to_dict()
                queues.append(queues_type_0_item)

        else:
            queues = self.queues

        supervised_queues: list[dict[str, Any]] | None | Unset
        if isinstance(self.supervised_queues, Unset):
            supervised_queues = UNSET
        elif isinstance(self.supervised_queues, list):
            supervised_queues = []
            for supervised_queues_type_0_item_data in self.supervised_queues:
                supervised_queues_type_0_item = (
                    supervised_queues_type_0_item_data.to_dict()
                )
                supervised_queues.append(supervised_queues_type_0_item)

        else:
            supervised_queues = self.supervised_queues

        webrtc_ringtone: dict[str, Any] | None | Unset
        if isinstance(self.webrtc_ringtone, Unset):
            webrtc_ringtone = UNSET
        elif isinstance(self.webrtc_ringtone, Ringtone):
            webrtc_ringtone = self.webrtc_ringtone.to_dict()
        else:
            webrtc_ringtone = self.webrtc_ringtone

        channels: list[str] | None | Unset
        if isinstance(self.channels, Unset):
            channels = UNSET
        elif isinstance(self.channels, list):
            channels = self.channels

        else:
            channels = self.channels

        channel_group_capacity: dict[str, Any] | None | Unset
        if isinstance(self.channel_group_capacity, Unset):
            channel_group_capacity = UNSET
        elif isinstance(self.channel_group_capacity, ChannelGroupCapacity):
            channel_group_capacity = self.channel_group_capacity.to_dict()
        else:
            channel_group_capacity = self.channel_group_capacity

        channel_profiles: list[dict[str, Any]] | None | Unset
        if isinstance(self.channel_profiles, Unset):
            channel_profiles = UNSET
        elif isinstance(self.channel_profiles, list):
            channel_profiles = []
            for channel_profiles_type_0_item_data in self.channel_profiles:
                channel_profiles_type_0_item = (
                    channel_profiles_type_0_item_data.to_dict()
                )
                channel_profiles.append(channel_profiles_type_0_item)

        else:
            channel_profiles = self.channel_profiles

        speech_language: None | str | Unset
        if isinstance(self.speech_language, Unset):
            speech_language = UNSET
        else:
            speech_language = self.speech_language

        skills: list[dict[str, Any]] | None | Unset
        if isinstance(self.skills, Unset):
            skills = UNSET
        elif isinstance(self.skills, list):
            skills = []
            for skills_type_0_item_data in self.skills:
                skills_type_0_item = skills_type_0_item_data.to_dict()
                skills.append(skills_type_0_item)

        else:
            skills = self.skills

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if email is not UNSET:
            field_dict["email"] = email
        if sip_account is not UNSET:
            field_dict["sip_account"] = sip_account
        if extension is not UNSET:
            field_dict["extension"] = extension
        if caller_id is not UNSET:
            field_dict["caller_id"] = caller_id
        if employee_id is not UNSET:
            field_dict["employee_id"] = employee_id
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if security_access_group is not UNSET:
            field_dict["security_access_group"] = security_access_group
        if teams is not UNSET:
            field_dict["teams"] = teams
        if supervised_teams is not UNSET:
            field_dict["supervised_teams"] = supervised_teams
        if queues is not UNSET:
            field_dict["queues"] = queues
        if supervised_queues is not UNSET:
            field_dict["supervised_queues"] = supervised_queues
        if webrtc_ringtone is not UNSET:
            field_dict["webrtc_ringtone"] = webrtc_ringtone
        if channels is not UNSET:
            field_dict["channels"] = channels
        if channel_group_capacity is not UNSET:
            field_dict["channel_group_capacity"] = channel_group_capacity
        if channel_profiles is not UNSET:
            field_dict["channel_profiles"] = channel_profiles
        if speech_language is not UNSET:
            field_dict["speech_language"] = speech_language
        if skills is not UNSET:
            field_dict["skills"] = skills
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        _get = src_dict.get
        _missing = 0
        _f_id = _get("id", UNSET)
        if _f_id.__class__ is int:
            pass
        elif _f_id.__class__ is str:
            pass
        else:
            raise schema_error("id", _f_id)

        _f_name = _get("name", UNSET)
        if _f_name.__class__ is str:
            pass
        elif _f_name is None:
            pass
        elif _f_name is UNSET:
            _missing += 1
        else:
            raise schema_error("name", _f_name)

        _f_email = _get("email", UNSET)
        if _f_email.__class__ is str:
            pass
        elif _f_email is None:
            pass
        elif _f_email is UNSET:
            _missing += 1
        else:
            raise schema_error("email", _f_email)

        _f_sip_account = _get("sip_account", UNSET)
        if _f_sip_account.__class__ is str:
            pass
        elif _f_sip_account is None:
            pass
        elif _f_sip_account is UNSET:
            _missing += 1
        else:
            raise schema_error("sip_account", _f_sip_account)

        _f_extension = _get("extension", UNSET)
        if _f_extension.__class__ is str:
            pass
        elif _f_extension is None:
            pass
        elif _f_extension is UNSET:
            _missing += 1
        else:
            raise schema_error("extension", _f_extension)

        _f_caller_id = _get("caller_id", UNSET)
        if _f_caller_id.__class__ is str:
            pass
        elif _f_caller_id is None:
            pass
        elif _f_caller_id is UNSET:
            _missing += 1
        else:
            raise schema_error("caller_id", _f_caller_id)

        _f_employee_id = _get("employee_id", UNSET)
        if _f_employee_id.__class__ is str:
            pass
        elif _f_employee_id is None:
            pass
        elif _f_employee_id is UNSET:
            _missing += 1
        else:
            raise schema_error("employee_id", _f_employee_id)

        _f_timezone = _get("timezone", UNSET)
        if _f_timezone.__class__ is str:
            pass
        elif _f_timezone is None:
            pass
        elif _f_timezone is UNSET:
            _missing += 1
        else:
            raise schema_error("timezone", _f_timezone)

        _f_security_access_group = _get("security_access_group", UNSET)
        if _f_security_access_group.__class__ is dict:
            try:
                _f_security_access_group = _NamedRef_from_dict(_f_security_access_group)
            except SchemaError as _error:
                raise _error.inside("security_access_group") from None
        elif _f_security_access_group is None:
            pass
        elif _f_security_access_group is UNSET:
            _missing += 1
        else:
            raise schema_error("security_access_group", _f_security_access_group)

        _f_teams = _get("teams", UNSET)
        if _f_teams.__class__ is list:
            _t_teams_items = []
            for _t_teams_item in _f_teams:
                if _t_teams_item.__class__ is dict:
                    try:
                        _t_teams_item = _NamedRef_from_dict(_t_teams_item)
                    except SchemaError as _error:
                        raise _error.inside(
                            ("teams") + f"[{index_of(_f_teams, _t_teams_item)}]"
                        ) from None
                else:
                    raise schema_error(
                        ("teams") + f"[{index_of(_f_teams, _t_teams_item)}]",
                        _t_teams_item,
                    )

                _t_teams_items.append(_t_teams_item)
            _f_teams = _t_teams_items
        elif _f_teams is None:
            pass
        elif _f_teams is UNSET:
            _missing += 1
        else:
            raise schema_error("teams", _f_teams)

        _f_supervised_teams = _get("supervised_teams", UNSET)
        if _f_supervised_teams.__class__ is list:
            _t_supervised_teams_items = []
            for _t_supervised_teams_item in _f_supervised_teams:
                if _t_supervised_teams_item.__class__ is dict:
                    try:
                        _t_supervised_teams_item = _NamedRef_from_dict(
                            _t_supervised_teams_item
                        )
                    except SchemaError as _error:
                        raise _error.inside(
                            ("supervised_teams")
                            + f"[{index_of(_f_supervised_teams, _t_supervised_teams_item)}]"
                        ) from None
                else:
                    raise schema_error(
                        ("supervised_teams")
                        + f"[{index_of(_f_supervised_teams, _t_supervised_teams_item)}]",
                        _t_supervised_teams_item,
                    )

                _t_supervised_teams_items.append(_t_supervised_teams_item)
            _f_supervised_teams = _t_supervised_teams_items
        elif _f_supervised_teams is None:
            pass
        elif _f_supervised_teams is UNSET:
            _missing += 1
        else:
            raise schema_error("supervised_teams", _f_supervised_teams)

        _f_queues = _get("queues", UNSET)
        if _f_queues.__class__ is list:
            _t_queues_items = []
            for _t_queues_item in _f_queues:
                if _t_queues_item.__class__ is dict:
                    try:
                        _t_queues_item = _NamedRef_from_dict(_t_queues_item)
                    except SchemaError as _error:
                        raise _error.inside(
                            ("queues") + f"[{index_of(_f_queues, _t_queues_item)}]"
                        ) from None
                else:
                    raise schema_error(
                        ("queues") + f"[{index_of(_f_queues, _t_queues_item)}]",
                        _t_queues_item,
                    )

                _t_queues_items.append(_t_queues_item)
            _f_queues = _t_queues_items
        elif _f_queues is None:
            pass
        elif _f_queues is UNSET:
            _missing += 1
        else:
            raise schema_error("queues", _f_queues)

        _f_supervised_queues = _get("supervised_queues", UNSET)
        if _f_supervised_queues.__class__ is list:
            _t_supervised_queues_items = []
            for _t_supervised_queues_item in _f_supervised_queues:
                if _t_supervised_queues_item.__class__ is dict:
                    try:
                        _t_supervised_queues_item = _NamedRef_from_dict(
                            _t_supervised_queues_item
                        )
                    except SchemaError as _error:
                        raise _error.inside(
                            ("supervised_queues")
                            + f"[{index_of(_f_supervised_queues, _t_supervised_queues_item)}]"
                        ) from None
                else:
                    raise schema_error(
                        ("supervised_queues")
                        + f"[{index_of(_f_supervised_queues, _t_supervised_queues_item)}]",
                        _t_supervised_queues_item,
                    )

                _t_supervised_queues_items.append(_t_supervised_queues_item)
            _f_supervised_queues = _t_supervised_queues_items
        elif _f_supervised_queues is None:
            pass
        elif _f_supervised_queues is UNSET:
            _missing += 1
        else:
            raise schema_error("supervised_queues", _f_supervised_queues)

        _f_webrtc_ringtone = _get("webrtc_ringtone", UNSET)
        if _f_webrtc_ringtone.__class__ is dict:
            try:
                _f_webrtc_ringtone = _Ringtone_from_dict(_f_webrtc_ringtone)
            except SchemaError as _error:
                raise _error.inside("webrtc_ringtone") from None
        elif _f_webrtc_ringtone is None:
            pass
        elif _f_webrtc_ringtone is UNSET:
            _missing += 1
        else:
            raise schema_error("webrtc_ringtone", _f_webrtc_ringtone)

        _f_channels = _get("channels", UNSET)
        if _f_channels.__class__ is list:
            for _t_channels_item in _f_channels:
                if _t_channels_item.__class__ is str:
                    pass
                else:
                    raise schema_error(
                        ("channels") + f"[{index_of(_f_channels, _t_channels_item)}]",
                        _t_channels_item,
                    )

            _f_channels = list(_f_channels)
        elif _f_channels is None:
            pass
        elif _f_channels is UNSET:
            _missing += 1
        else:
            raise schema_error("channels", _f_channels)

        _f_channel_group_capacity = _get("channel_group_capacity", UNSET)
        if _f_channel_group_capacity.__class__ is dict:
            try:
                _f_channel_group_capacity = _ChannelGroupCapacity_from_dict(
                    _f_channel_group_capacity
                )
            except SchemaError as _error:
                raise _error.inside("channel_group_capacity") from None
        elif _f_channel_group_capacity is None:
            pass
        elif _f_channel_group_capacity is UNSET:
            _missing += 1
        else:
            raise schema_error("channel_group_capacity", _f_channel_group_capacity)

        _f_channel_profiles = _get("channel_profiles", UNSET)
        if _f_channel_profiles.__class__ is list:
            _t_channel_profiles_items = []
            for _t_channel_profiles_item in _f_channel_profiles:
                if _t_channel_profiles_item.__class__ is dict:
                    try:
                        _t_channel_profiles_item = _ChannelProfile_from_dict(
                            _t_channel_profiles_item
                        )
                    except SchemaError as _error:
                        raise _error.inside(
                            ("channel_profiles")
                            + f"[{index_of(_f_channel_profiles, _t_channel_profiles_item)}]"
                        ) from None
                else:
                    raise schema_error(
                        ("channel_profiles")
                        + f"[{index_of(_f_channel_profiles, _t_channel_profiles_item)}]",
                        _t_channel_profiles_item,
                    )

                _t_channel_profiles_items.append(_t_channel_profiles_item)
            _f_channel_profiles = _t_channel_profiles_items
        elif _f_channel_profiles is None:
            pass
        elif _f_channel_profiles is UNSET:
            _missing += 1
        else:
            raise schema_error("channel_profiles", _f_channel_profiles)

        _f_speech_language = _get("speech_language", UNSET)
        if _f_speech_language.__class__ is str:
            pass
        elif _f_speech_language is None:
            pass
        elif _f_speech_language is UNSET:
            _missing += 1
        else:
            raise schema_error("speech_language", _f_speech_language)

        _f_skills = _get("skills", UNSET)
        if _f_skills.__class__ is list:
            _t_skills_items = []
            for _t_skills_item in _f_skills:
                if _t_skills_item.__class__ is dict:
                    try:
                        _t_skills_item = _UserSkill_from_dict(_t_skills_item)
                    except SchemaError as _error:
                        raise _error.inside(
                            ("skills") + f"[{index_of(_f_skills, _t_skills_item)}]"
                        ) from None
                else:
                    raise schema_error(
                        ("skills") + f"[{index_of(_f_skills, _t_skills_item)}]",
                        _t_skills_item,
                    )

                _t_skills_items.append(_t_skills_item)
            _f_skills = _t_skills_items
        elif _f_skills is None:
            pass
        elif _f_skills is UNSET:
            _missing += 1
        else:
            raise schema_error("skills", _f_skills)

        _f_status = _get("status", UNSET)
        if _f_status.__class__ is str:
            pass
        elif _f_status is None:
            pass
        elif _f_status is UNSET:
            _missing += 1
        else:
            raise schema_error("status", _f_status)

        _parsed = _new(cls)
        _parsed.id = _f_id
        _parsed.name = _f_name
        _parsed.email = _f_email
        _parsed.sip_account = _f_sip_account
        _parsed.extension = _f_extension
        _parsed.caller_id = _f_caller_id
        _parsed.employee_id = _f_employee_id
        _parsed.timezone = _f_timezone
        _parsed.security_access_group = _f_security_access_group
        _parsed.teams = _f_teams
        _parsed.supervised_teams = _f_supervised_teams
        _parsed.queues = _f_queues
        _parsed.supervised_queues = _f_supervised_queues
        _parsed.webrtc_ringtone = _f_webrtc_ringtone
        _parsed.channels = _f_channels
        _parsed.channel_group_capacity = _f_channel_group_capacity
        _parsed.channel_profiles = _f_channel_profiles
        _parsed.speech_language = _f_speech_language
        _parsed.skills = _f_skills
        _parsed.status = _f_status
        if len(src_dict) == 20 - _missing:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "id",
                    "name",
                    "email",
                    "sip_account",
                    "extension",
                    "caller_id",
                    "employee_id",
                    "timezone",
                    "security_access_group",
                    "teams",
                    "supervised_teams",
                    "queues",
                    "supervised_queues",
                    "webrtc_ringtone",
                    "channels",
                    "channel_group_capacity",
                    "channel_profiles",
                    "speech_language",
                    "skills",
                    "status",
                }:
                    unknown("User." + _key, None)
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


from ..models.channel_group_capacity import ChannelGroupCapacity  # noqa: E402
from ..models.channel_profile import ChannelProfile  # noqa: E402
from ..models.named_ref import NamedRef  # noqa: E402
from ..models.ringtone import Ringtone  # noqa: E402
from ..models.user_skill import UserSkill  # noqa: E402

_ChannelGroupCapacity_from_dict = ChannelGroupCapacity.from_dict
_ChannelProfile_from_dict = ChannelProfile.from_dict
_NamedRef_from_dict = NamedRef.from_dict
_Ringtone_from_dict = Ringtone.from_dict
_UserSkill_from_dict = UserSkill.from_dict

if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
