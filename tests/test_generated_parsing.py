"""The generated models parse and validate in one pass (templates/voiso_parse.jinja)."""

from __future__ import annotations

import types
from typing import Any

import pytest

from voiso_campaigns import Campaign, CampaignStatus
from voiso_campaigns_client import models
from voiso_campaigns_client import types as generated_types
from voiso_campaigns_client.types import SchemaError

from .conftest import campaign


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    seen: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        generated_types, "unknown_hook", lambda field, value: seen.append((field, value))
    )
    return seen


def test_a_valid_campaign_parses_to_members_and_datetimes(
    notes: list[tuple[str, str | None]],
) -> None:
    """Enum members, datetimes, nested models; nothing reported."""
    parsed = Campaign.from_dict(
        campaign(1, amd_voicemail_message={"enabled": True, "voice_message": None})
    )
    assert parsed.status is CampaignStatus.ACTIVE
    assert parsed.created_at.year == 2026
    assert isinstance(parsed.amd_voicemail_message, models.AmdVoicemailMessage)
    assert notes == []


def test_unknown_values_and_fields_are_kept_and_reported(
    notes: list[tuple[str, str | None]],
) -> None:
    """An open enum keeps a value it does not list; an extra field lands in additional_properties."""
    parsed = Campaign.from_dict(campaign(1, status="zz_unknown_status", zz_unknown_field=1))
    assert parsed.status == "zz_unknown_status"
    assert parsed.additional_properties == {"zz_unknown_field": 1}
    assert notes == [("Campaign.status", "zz_unknown_status"), ("Campaign.zz_unknown_field", None)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": True}, "id: unexpected bool"),
        ({"id": None}, "id: unexpected NoneType"),
        ({"dial_level": "1.5"}, "dial_level: unexpected str"),
        (
            {"caller_id_sets": [{"phone_numbers": ["1", 2]}]},
            "caller_id_sets[0].phone_numbers[1]: unexpected int",
        ),
        (
            {"amd_voicemail_message": {"enabled": "yes"}},
            "amd_voicemail_message.enabled: unexpected str",
        ),
        ({"updated_at": "soon"}, "updated_at: not an ISO 8601 datetime"),
    ],
)
def test_mismatches_name_their_path(data: dict[str, Any], message: str) -> None:
    """The first mismatch raises SchemaError (a ValueError) naming where it is."""
    with pytest.raises(SchemaError) as info:
        Campaign.from_dict({**campaign(1), **data})
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_a_missing_required_field_is_named() -> None:
    """A required field that is absent is 'missing', with its path."""
    data = campaign(1)
    del data["name"]
    with pytest.raises(SchemaError, match=r"^name: missing$"):
        Campaign.from_dict(data)
    with pytest.raises(SchemaError, match=r"^campaigns\[0\]\.name: missing$"):
        models.CampaignList.from_dict({"campaigns": [data], "metadata": {"total": 1}})


def test_from_dict_defines_no_function_per_call() -> None:
    """Straight-line code: no nested functions (closures) are made on each parse."""
    for cls in (Campaign, models.CampaignList, models.AmdVoicemailMessage, models.CallerIdSet):
        code = vars(cls)["from_dict"].__func__.__code__  # the classmethod's own function
        nested = [c for c in code.co_consts if isinstance(c, types.CodeType)]
        assert nested == [], cls
