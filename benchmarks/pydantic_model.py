"""The peer a team would otherwise write by hand: pydantic v2 models of the same schema.

Used only by the CPU benchmark; pydantic is a dev dependency, never a runtime one.
A restatement of the spec's schemas: tests/test_bench_smoke.py fails when a
schema gains, loses or changes whether it requires a field, so the comparison
stays fair.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

# The enums are the generated ones: the spec's lists, not a copy of them.
from voiso_campaigns_client.models import CampaignStatus as Status
from voiso_campaigns_client.models import CampaignStrategy as Strategy


class _Open(BaseModel):
    # Faithful to what the wrapper checks: exact types (strict), unknown fields kept.
    model_config = ConfigDict(extra="allow", strict=True)


class VoiceMessage(_Open):
    type: str
    name: str


class AmdVoicemailMessage(_Open):
    enabled: bool
    voice_message: VoiceMessage | None = None


class CallerIdSet(_Open):
    phone_numbers: list[str]


class DialLevelOverride(_Open):
    enabled: bool
    value: float | None = None
    active_agents_threshold: int | None = None


class Campaign(_Open):
    id: int
    name: str
    status: Status | str  # open enum, as in the spec
    strategy: Strategy | str
    dial_level: float | None = None
    dial_level_override: DialLevelOverride | None = None
    max_dial_time: int | None = None
    max_wait_time: int | None = None
    max_dial_attempts: int | None = None
    amd_enabled: bool | None = None
    amd_voicemail_message: AmdVoicemailMessage | None = None
    caller_id_sets: list[CallerIdSet] | None = None
    use_local_caller_id: bool | None = None
    asr_optimization_enabled: bool | None = None
    follow_up_mode: str | None = None
    method: str | None = None
    live: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Metadata(_Open):
    total: int = Field(ge=0)


class CampaignList(_Open):
    campaigns: list[Campaign]
    metadata: Metadata
