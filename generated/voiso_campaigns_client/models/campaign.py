from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_status import CampaignStatus
from ..models.campaign_strategy import CampaignStrategy
from ..types import UNSET, SchemaError, Unset, schema_error, unknown

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

    - required and never null: `id`, `name`, `status`, `strategy` (the
      fields the vendor names as the Campaign schema's core) and the
      `created_at`/`updated_at` timestamps every record has;
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
    created_at: datetime.datetime
    """ Creation time, UTC. """
    updated_at: datetime.datetime
    """ Last update time, UTC. """
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

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
                "strategy": strategy,
                "created_at": created_at,
                "updated_at": updated_at,
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Parse an answer's JSON object, checking each value against the schema.

        Raises:
            SchemaError: A value has another type than the schema's (``path: problem``).
        """
        d = dict(src_dict)
        id = d.pop("id", UNSET)
        if id.__class__ is int:
            pass
        else:
            raise schema_error("id", id)

        name = d.pop("name", UNSET)
        if name.__class__ is str:
            pass
        else:
            raise schema_error("name", name)

        status = d.pop("status", UNSET)
        if status.__class__ is str:
            status_member = cast(
                "CampaignStatus | None", CampaignStatus._value2member_map_.get(status)
            )
            if status_member is not None:
                status = status_member
            else:  # an open enum: a value the schema does not list is kept, and reported
                unknown("Campaign.status", status)
        else:
            raise schema_error("status", status)

        strategy = d.pop("strategy", UNSET)
        if strategy.__class__ is str:
            strategy_member = cast(
                "CampaignStrategy | None",
                CampaignStrategy._value2member_map_.get(strategy),
            )
            if strategy_member is not None:
                strategy = strategy_member
            else:  # an open enum: a value the schema does not list is kept, and reported
                unknown("Campaign.strategy", strategy)
        else:
            raise schema_error("strategy", strategy)

        created_at = d.pop("created_at", UNSET)
        if created_at.__class__ is str:
            try:
                created_at = datetime.datetime.fromisoformat(created_at)
            except ValueError:
                raise SchemaError("created_at", "not an ISO 8601 datetime") from None
        else:
            raise schema_error("created_at", created_at)

        updated_at = d.pop("updated_at", UNSET)
        if updated_at.__class__ is str:
            try:
                updated_at = datetime.datetime.fromisoformat(updated_at)
            except ValueError:
                raise SchemaError("updated_at", "not an ISO 8601 datetime") from None
        else:
            raise schema_error("updated_at", updated_at)

        dial_level = d.pop("dial_level", UNSET)
        if dial_level is not UNSET:
            if dial_level is None:
                pass
            elif dial_level.__class__ is float or dial_level.__class__ is int:
                pass
            else:
                raise schema_error("dial_level", dial_level)

        dial_level_override = d.pop("dial_level_override", UNSET)
        if dial_level_override is not UNSET:
            if dial_level_override is None:
                pass
            elif dial_level_override.__class__ is dict:
                try:
                    dial_level_override = DialLevelOverride.from_dict(
                        dial_level_override
                    )
                except SchemaError as error:
                    raise error.inside("dial_level_override") from None
            else:
                raise schema_error("dial_level_override", dial_level_override)

        max_dial_time = d.pop("max_dial_time", UNSET)
        if max_dial_time is not UNSET:
            if max_dial_time is None:
                pass
            elif max_dial_time.__class__ is int:
                pass
            else:
                raise schema_error("max_dial_time", max_dial_time)

        max_wait_time = d.pop("max_wait_time", UNSET)
        if max_wait_time is not UNSET:
            if max_wait_time is None:
                pass
            elif max_wait_time.__class__ is int:
                pass
            else:
                raise schema_error("max_wait_time", max_wait_time)

        max_dial_attempts = d.pop("max_dial_attempts", UNSET)
        if max_dial_attempts is not UNSET:
            if max_dial_attempts is None:
                pass
            elif max_dial_attempts.__class__ is int:
                pass
            else:
                raise schema_error("max_dial_attempts", max_dial_attempts)

        amd_enabled = d.pop("amd_enabled", UNSET)
        if amd_enabled is not UNSET:
            if amd_enabled is None:
                pass
            elif amd_enabled.__class__ is bool:
                pass
            else:
                raise schema_error("amd_enabled", amd_enabled)

        amd_voicemail_message = d.pop("amd_voicemail_message", UNSET)
        if amd_voicemail_message is not UNSET:
            if amd_voicemail_message is None:
                pass
            elif amd_voicemail_message.__class__ is dict:
                try:
                    amd_voicemail_message = AmdVoicemailMessage.from_dict(
                        amd_voicemail_message
                    )
                except SchemaError as error:
                    raise error.inside("amd_voicemail_message") from None
            else:
                raise schema_error("amd_voicemail_message", amd_voicemail_message)

        caller_id_sets = d.pop("caller_id_sets", UNSET)
        if caller_id_sets is not UNSET:
            if caller_id_sets is None:
                pass
            elif caller_id_sets.__class__ is list:
                caller_id_sets_items = []
                for caller_id_sets_index, caller_id_sets_item in enumerate(
                    caller_id_sets
                ):
                    if caller_id_sets_item.__class__ is dict:
                        try:
                            caller_id_sets_item = CallerIdSet.from_dict(
                                caller_id_sets_item
                            )
                        except SchemaError as error:
                            raise error.inside(
                                ("caller_id_sets") + f"[{caller_id_sets_index}]"
                            ) from None
                    else:
                        raise schema_error(
                            ("caller_id_sets") + f"[{caller_id_sets_index}]",
                            caller_id_sets_item,
                        )

                    caller_id_sets_items.append(caller_id_sets_item)
                caller_id_sets = caller_id_sets_items
            else:
                raise schema_error("caller_id_sets", caller_id_sets)

        use_local_caller_id = d.pop("use_local_caller_id", UNSET)
        if use_local_caller_id is not UNSET:
            if use_local_caller_id is None:
                pass
            elif use_local_caller_id.__class__ is bool:
                pass
            else:
                raise schema_error("use_local_caller_id", use_local_caller_id)

        asr_optimization_enabled = d.pop("asr_optimization_enabled", UNSET)
        if asr_optimization_enabled is not UNSET:
            if asr_optimization_enabled is None:
                pass
            elif asr_optimization_enabled.__class__ is bool:
                pass
            else:
                raise schema_error("asr_optimization_enabled", asr_optimization_enabled)

        follow_up_mode = d.pop("follow_up_mode", UNSET)
        if follow_up_mode is not UNSET:
            if follow_up_mode is None:
                pass
            elif follow_up_mode.__class__ is str:
                pass
            else:
                raise schema_error("follow_up_mode", follow_up_mode)

        method = d.pop("method", UNSET)
        if method is not UNSET:
            if method is None:
                pass
            elif method.__class__ is str:
                pass
            else:
                raise schema_error("method", method)

        live = d.pop("live", UNSET)
        if live is not UNSET:
            if live is None:
                pass
            elif live.__class__ is bool:
                pass
            else:
                raise schema_error("live", live)

        campaign = cls(
            id=id,
            name=name,
            status=status,
            strategy=strategy,
            created_at=created_at,
            updated_at=updated_at,
            dial_level=dial_level,
            dial_level_override=dial_level_override,
            max_dial_time=max_dial_time,
            max_wait_time=max_wait_time,
            max_dial_attempts=max_dial_attempts,
            amd_enabled=amd_enabled,
            amd_voicemail_message=amd_voicemail_message,
            caller_id_sets=caller_id_sets,
            use_local_caller_id=use_local_caller_id,
            asr_optimization_enabled=asr_optimization_enabled,
            follow_up_mode=follow_up_mode,
            method=method,
            live=live,
        )

        for key in d:  # kept, and reported: the schema does not list them
            unknown("Campaign." + key, None)
        campaign.additional_properties = d
        return campaign

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
