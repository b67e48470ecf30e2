from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_status import CampaignStatus
from ..models.campaign_strategy import CampaignStrategy
from ..types import UNSET, SchemaError, Unset, index_of, schema_error, unknown

if TYPE_CHECKING:
    from ..models.amd_voicemail_message import AmdVoicemailMessage
    from ..models.caller_id_set import CallerIdSet
    from ..models.dial_level_override import DialLevelOverride


T = TypeVar("T", bound="Campaign")


@_attrs_define
class Campaign:
    """A full dialer campaign. The vendor says some fields can be null
    depending on which features are enabled and which settings are
    configured, without saying which. The choice made here, field by field:

    - required and never null: `id`, `name`, `status`, `strategy`, the
      fields the vendor names as the Campaign schema's core and the only
      ones (with `dial_level`) in its pause example;
    - optional, never null when sent: the `created_at`/`updated_at`
      timestamps (the list and get examples have them; the pause example,
      "the updated campaign object itself", does not);
    - optional and nullable: every setting (`dial_level`,
      `max_dial_time`, `max_wait_time`, `max_dial_attempts`,
      `amd_enabled`, `use_local_caller_id`, `asr_optimization_enabled`,
      `follow_up_mode`), the feature objects (`amd_voicemail_message`,
      `caller_id_sets`, `dial_level_override`) and the two fields
      inferred from the filters (`method`, `live`). A campaign missing a
      setting must still be listed.

    Unknown extra fields are allowed and kept (forward compatibility).

    """

    id: int
    """ Unique campaign id. """
    name: str
    """ The campaign name. """
    status: CampaignStatus | str
    """ The campaign status: one of `CampaignStatus`, or any other string the server may add later (kept as the raw
    value). """
    strategy: CampaignStrategy | str
    """ The dialing strategy: one of `CampaignStrategy`, or any other string the server may add later (kept as the
    raw value). """
    dial_level: float | None | Unset = UNSET
    """ Lines dialled per available agent. Optional, nullable (a setting). """
    dial_level_override: DialLevelOverride | None | Unset = UNSET
    """ An override of the dial level while few agents are active. Shown in the vendor's "Get campaign" example
    (part of "the full campaign configuration"; both pages say their fields come from this schema). Optional, null
    when not configured. """
    max_dial_time: int | None | Unset = UNSET
    """ Maximum ringing time of one call, in seconds. Optional, nullable (a setting). """
    max_wait_time: int | None | Unset = UNSET
    """ Maximum time a connected call waits for an agent, in seconds. Optional, nullable (a setting). """
    max_dial_attempts: int | None | Unset = UNSET
    """ Maximum dial attempts per contact. Optional, nullable (a setting). """
    amd_enabled: bool | None | Unset = UNSET
    """ Whether answering-machine detection is enabled. Optional, nullable (a setting). """
    amd_voicemail_message: AmdVoicemailMessage | None | Unset = UNSET
    """ The voicemail message left when AMD detects a machine. Optional, null when the AMD feature is not
    configured. """
    caller_id_sets: list[CallerIdSet] | None | Unset = UNSET
    """ Caller-ID sets used when dialling. Optional, null when no caller-ID sets are configured. """
    use_local_caller_id: bool | None | Unset = UNSET
    """ Whether a caller ID local to the dialled number is used. Shown in the vendor's "Get campaign" example.
    Optional, nullable (a setting). """
    asr_optimization_enabled: bool | None | Unset = UNSET
    """ Whether ASR optimization is enabled. Shown in the vendor's "Get campaign" example. Optional, nullable (a
    setting). """
    follow_up_mode: None | str | Unset = UNSET
    """ How follow-up calls are scheduled (e.g. `timer`). The vendor documents no list of values. Optional, nullable
    (a setting). """
    method: None | str | Unset = UNSET
    """ The campaign dialing method. Not shown in the vendor's example; inferred from the `method` filter. Optional,
    nullable. """
    live: bool | None | Unset = UNSET
    """ Whether live is enabled for the campaign. Not shown in the vendor's example; inferred from the `live`
    filter. Optional, nullable. """
    created_at: datetime.datetime | Unset = UNSET
    """ Creation time, UTC. Optional (absent from the vendor's pause example). """
    updated_at: datetime.datetime | Unset = UNSET
    """ Last update time, UTC. Optional (absent from the vendor's pause example). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        status: str
        if isinstance(self.status, CampaignStatus):
            status = self.status.value
        else:
            status = self.status

        strategy: str
        if isinstance(self.strategy, CampaignStrategy):
            strategy = self.strategy.value
        else:
            strategy = self.strategy

        dial_level: float | None | Unset
        if isinstance(self.dial_level, Unset):
            dial_level = UNSET
        else:
            dial_level = self.dial_level

        dial_level_override: dict[str, Any] | None | Unset
        if isinstance(self.dial_level_override, Unset):
            dial_level_override = UNSET
        elif isinstance(self.dial_level_override, DialLevelOverride):
            dial_level_override = self.dial_level_override.to_dict()
        else:
            dial_level_override = self.dial_level_override

        max_dial_time: int | None | Unset
        if isinstance(self.max_dial_time, Unset):
            max_dial_time = UNSET
        else:
            max_dial_time = self.max_dial_time

        max_wait_time: int | None | Unset
        if isinstance(self.max_wait_time, Unset):
            max_wait_time = UNSET
        else:
            max_wait_time = self.max_wait_time

        max_dial_attempts: int | None | Unset
        if isinstance(self.max_dial_attempts, Unset):
            max_dial_attempts = UNSET
        else:
            max_dial_attempts = self.max_dial_attempts

        amd_enabled: bool | None | Unset
        if isinstance(self.amd_enabled, Unset):
            amd_enabled = UNSET
        else:
            amd_enabled = self.amd_enabled

        amd_voicemail_message: dict[str, Any] | None | Unset
        if isinstance(self.amd_voicemail_message, Unset):
            amd_voicemail_message = UNSET
        elif isinstance(self.amd_voicemail_message, AmdVoicemailMessage):
            amd_voicemail_message = self.amd_voicemail_message.to_dict()
        else:
            amd_voicemail_message = self.amd_voicemail_message

        caller_id_sets: list[dict[str, Any]] | None | Unset
        if isinstance(self.caller_id_sets, Unset):
            caller_id_sets = UNSET
        elif isinstance(self.caller_id_sets, list):
            caller_id_sets = []
            for caller_id_sets_type_0_item_data in self.caller_id_sets:
                caller_id_sets_type_0_item = caller_id_sets_type_0_item_data.to_dict()
                caller_id_sets.append(caller_id_sets_type_0_item)

        else:
            caller_id_sets = self.caller_id_sets

        use_local_caller_id: bool | None | Unset
        if isinstance(self.use_local_caller_id, Unset):
            use_local_caller_id = UNSET
        else:
            use_local_caller_id = self.use_local_caller_id

        asr_optimization_enabled: bool | None | Unset
        if isinstance(self.asr_optimization_enabled, Unset):
            asr_optimization_enabled = UNSET
        else:
            asr_optimization_enabled = self.asr_optimization_enabled

        follow_up_mode: None | str | Unset
        if isinstance(self.follow_up_mode, Unset):
            follow_up_mode = UNSET
        else:
            follow_up_mode = self.follow_up_mode

        method: None | str | Unset
        if isinstance(self.method, Unset):
            method = UNSET
        else:
            method = self.method

        live: bool | None | Unset
        if isinstance(self.live, Unset):
            live = UNSET
        else:
            live = self.live

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
                "strategy": strategy,
            }
        )
        if dial_level is not UNSET:
            field_dict["dial_level"] = dial_level
        if dial_level_override is not UNSET:
            field_dict["dial_level_override"] = dial_level_override
        if max_dial_time is not UNSET:
            field_dict["max_dial_time"] = max_dial_time
        if max_wait_time is not UNSET:
            field_dict["max_wait_time"] = max_wait_time
        if max_dial_attempts is not UNSET:
            field_dict["max_dial_attempts"] = max_dial_attempts
        if amd_enabled is not UNSET:
            field_dict["amd_enabled"] = amd_enabled
        if amd_voicemail_message is not UNSET:
            field_dict["amd_voicemail_message"] = amd_voicemail_message
        if caller_id_sets is not UNSET:
            field_dict["caller_id_sets"] = caller_id_sets
        if use_local_caller_id is not UNSET:
            field_dict["use_local_caller_id"] = use_local_caller_id
        if asr_optimization_enabled is not UNSET:
            field_dict["asr_optimization_enabled"] = asr_optimization_enabled
        if follow_up_mode is not UNSET:
            field_dict["follow_up_mode"] = follow_up_mode
        if method is not UNSET:
            field_dict["method"] = method
        if live is not UNSET:
            field_dict["live"] = live
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

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
        else:
            raise schema_error("id", _f_id)

        _f_name = _get("name", UNSET)
        if _f_name.__class__ is str:
            pass
        else:
            raise schema_error("name", _f_name)

        _f_status = _get("status", UNSET)
        if _f_status.__class__ is str:
            _t_status_member = _CampaignStatus_values.get(_f_status)
            if _t_status_member is not None:
                _f_status = _t_status_member
            else:  # an open enum: a value the schema does not list is kept, and reported
                unknown("Campaign.status", _f_status)
        else:
            raise schema_error("status", _f_status)

        _f_strategy = _get("strategy", UNSET)
        if _f_strategy.__class__ is str:
            _t_strategy_member = _CampaignStrategy_values.get(_f_strategy)
            if _t_strategy_member is not None:
                _f_strategy = _t_strategy_member
            else:  # an open enum: a value the schema does not list is kept, and reported
                unknown("Campaign.strategy", _f_strategy)
        else:
            raise schema_error("strategy", _f_strategy)

        _f_dial_level = _get("dial_level", UNSET)
        if _f_dial_level.__class__ is float or _f_dial_level.__class__ is int:
            pass
        elif _f_dial_level is None:
            pass
        elif _f_dial_level is UNSET:
            _missing += 1
        else:
            raise schema_error("dial_level", _f_dial_level)

        _f_dial_level_override = _get("dial_level_override", UNSET)
        if _f_dial_level_override.__class__ is dict:
            try:
                _f_dial_level_override = _DialLevelOverride_from_dict(
                    _f_dial_level_override
                )
            except SchemaError as _error:
                raise _error.inside("dial_level_override") from None
        elif _f_dial_level_override is None:
            pass
        elif _f_dial_level_override is UNSET:
            _missing += 1
        else:
            raise schema_error("dial_level_override", _f_dial_level_override)

        _f_max_dial_time = _get("max_dial_time", UNSET)
        if _f_max_dial_time.__class__ is int:
            pass
        elif _f_max_dial_time is None:
            pass
        elif _f_max_dial_time is UNSET:
            _missing += 1
        else:
            raise schema_error("max_dial_time", _f_max_dial_time)

        _f_max_wait_time = _get("max_wait_time", UNSET)
        if _f_max_wait_time.__class__ is int:
            pass
        elif _f_max_wait_time is None:
            pass
        elif _f_max_wait_time is UNSET:
            _missing += 1
        else:
            raise schema_error("max_wait_time", _f_max_wait_time)

        _f_max_dial_attempts = _get("max_dial_attempts", UNSET)
        if _f_max_dial_attempts.__class__ is int:
            pass
        elif _f_max_dial_attempts is None:
            pass
        elif _f_max_dial_attempts is UNSET:
            _missing += 1
        else:
            raise schema_error("max_dial_attempts", _f_max_dial_attempts)

        _f_amd_enabled = _get("amd_enabled", UNSET)
        if _f_amd_enabled.__class__ is bool:
            pass
        elif _f_amd_enabled is None:
            pass
        elif _f_amd_enabled is UNSET:
            _missing += 1
        else:
            raise schema_error("amd_enabled", _f_amd_enabled)

        _f_amd_voicemail_message = _get("amd_voicemail_message", UNSET)
        if _f_amd_voicemail_message.__class__ is dict:
            try:
                _f_amd_voicemail_message = _AmdVoicemailMessage_from_dict(
                    _f_amd_voicemail_message
                )
            except SchemaError as _error:
                raise _error.inside("amd_voicemail_message") from None
        elif _f_amd_voicemail_message is None:
            pass
        elif _f_amd_voicemail_message is UNSET:
            _missing += 1
        else:
            raise schema_error("amd_voicemail_message", _f_amd_voicemail_message)

        _f_caller_id_sets = _get("caller_id_sets", UNSET)
        if _f_caller_id_sets.__class__ is list:
            _t_caller_id_sets_items = []
            for _t_caller_id_sets_item in _f_caller_id_sets:
                if _t_caller_id_sets_item.__class__ is dict:
                    try:
                        _t_caller_id_sets_item = _CallerIdSet_from_dict(
                            _t_caller_id_sets_item
                        )
                    except SchemaError as _error:
                        raise _error.inside(
                            ("caller_id_sets")
                            + f"[{index_of(_f_caller_id_sets, _t_caller_id_sets_item)}]"
                        ) from None
                else:
                    raise schema_error(
                        ("caller_id_sets")
                        + f"[{index_of(_f_caller_id_sets, _t_caller_id_sets_item)}]",
                        _t_caller_id_sets_item,
                    )

                _t_caller_id_sets_items.append(_t_caller_id_sets_item)
            _f_caller_id_sets = _t_caller_id_sets_items
        elif _f_caller_id_sets is None:
            pass
        elif _f_caller_id_sets is UNSET:
            _missing += 1
        else:
            raise schema_error("caller_id_sets", _f_caller_id_sets)

        _f_use_local_caller_id = _get("use_local_caller_id", UNSET)
        if _f_use_local_caller_id.__class__ is bool:
            pass
        elif _f_use_local_caller_id is None:
            pass
        elif _f_use_local_caller_id is UNSET:
            _missing += 1
        else:
            raise schema_error("use_local_caller_id", _f_use_local_caller_id)

        _f_asr_optimization_enabled = _get("asr_optimization_enabled", UNSET)
        if _f_asr_optimization_enabled.__class__ is bool:
            pass
        elif _f_asr_optimization_enabled is None:
            pass
        elif _f_asr_optimization_enabled is UNSET:
            _missing += 1
        else:
            raise schema_error("asr_optimization_enabled", _f_asr_optimization_enabled)

        _f_follow_up_mode = _get("follow_up_mode", UNSET)
        if _f_follow_up_mode.__class__ is str:
            pass
        elif _f_follow_up_mode is None:
            pass
        elif _f_follow_up_mode is UNSET:
            _missing += 1
        else:
            raise schema_error("follow_up_mode", _f_follow_up_mode)

        _f_method = _get("method", UNSET)
        if _f_method.__class__ is str:
            pass
        elif _f_method is None:
            pass
        elif _f_method is UNSET:
            _missing += 1
        else:
            raise schema_error("method", _f_method)

        _f_live = _get("live", UNSET)
        if _f_live.__class__ is bool:
            pass
        elif _f_live is None:
            pass
        elif _f_live is UNSET:
            _missing += 1
        else:
            raise schema_error("live", _f_live)

        _f_created_at = _get("created_at", UNSET)
        if _f_created_at.__class__ is str:
            try:
                _f_created_at = _datetime_fromisoformat(_f_created_at)
            except ValueError:
                raise SchemaError("created_at", "not an ISO 8601 datetime") from None
        elif _f_created_at is UNSET:
            _missing += 1
        else:
            raise schema_error("created_at", _f_created_at)

        _f_updated_at = _get("updated_at", UNSET)
        if _f_updated_at.__class__ is str:
            try:
                _f_updated_at = _datetime_fromisoformat(_f_updated_at)
            except ValueError:
                raise SchemaError("updated_at", "not an ISO 8601 datetime") from None
        elif _f_updated_at is UNSET:
            _missing += 1
        else:
            raise schema_error("updated_at", _f_updated_at)

        _parsed = _new(cls)
        _parsed.id = _f_id
        _parsed.name = _f_name
        _parsed.status = _f_status
        _parsed.strategy = _f_strategy
        _parsed.dial_level = _f_dial_level
        _parsed.dial_level_override = _f_dial_level_override
        _parsed.max_dial_time = _f_max_dial_time
        _parsed.max_wait_time = _f_max_wait_time
        _parsed.max_dial_attempts = _f_max_dial_attempts
        _parsed.amd_enabled = _f_amd_enabled
        _parsed.amd_voicemail_message = _f_amd_voicemail_message
        _parsed.caller_id_sets = _f_caller_id_sets
        _parsed.use_local_caller_id = _f_use_local_caller_id
        _parsed.asr_optimization_enabled = _f_asr_optimization_enabled
        _parsed.follow_up_mode = _f_follow_up_mode
        _parsed.method = _f_method
        _parsed.live = _f_live
        _parsed.created_at = _f_created_at
        _parsed.updated_at = _f_updated_at
        if len(src_dict) == 19 - _missing:
            _parsed.additional_properties = {}
        else:  # fields the schema does not list: kept, and reported
            _extra = {}
            for _key, _value in src_dict.items():
                if _key not in {
                    "id",
                    "name",
                    "status",
                    "strategy",
                    "dial_level",
                    "dial_level_override",
                    "max_dial_time",
                    "max_wait_time",
                    "max_dial_attempts",
                    "amd_enabled",
                    "amd_voicemail_message",
                    "caller_id_sets",
                    "use_local_caller_id",
                    "asr_optimization_enabled",
                    "follow_up_mode",
                    "method",
                    "live",
                    "created_at",
                    "updated_at",
                }:
                    unknown("Campaign." + _key, None)
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


from ..models.amd_voicemail_message import AmdVoicemailMessage  # noqa: E402
from ..models.caller_id_set import CallerIdSet  # noqa: E402
from ..models.dial_level_override import DialLevelOverride  # noqa: E402

_AmdVoicemailMessage_from_dict = AmdVoicemailMessage.from_dict
_CallerIdSet_from_dict = CallerIdSet.from_dict
_CampaignStatus_values = CampaignStatus._value2member_map_
_CampaignStrategy_values = CampaignStrategy._value2member_map_
_datetime_fromisoformat = datetime.datetime.fromisoformat
_DialLevelOverride_from_dict = DialLevelOverride.from_dict

if TYPE_CHECKING:

    def _new(cls: type[T]) -> T: ...

else:
    _new = object.__new__
