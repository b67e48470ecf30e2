"""Unknown enum values and fields never break a listing; each is logged once per process."""

from __future__ import annotations

import logging

import httpx
import pytest

from voiso_campaigns import CampaignStatus, CampaignStrategy, ResponseValidationError, _generated

from .conftest import MakeClient, Recorder, campaign


@pytest.fixture(autouse=True)
def _forget_seen() -> None:
    _generated._SEEN_UNKNOWN.clear()


def serve(*campaigns: dict[str, object]) -> Recorder:
    body = {"campaigns": list(campaigns), "metadata": {"total": len(campaigns)}}
    return Recorder(lambda request: httpx.Response(200, json=body))


def test_unknown_status_and_field_are_kept(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    """status 'zz_unknown_status', strategy 'zz_unknown_strategy' and a new field parse; raw values are kept."""
    client = make_client(
        handler=serve(
            campaign(
                1,
                status="zz_unknown_status",
                strategy="zz_unknown_strategy",
                zz_unknown_field=True,
                amd_voicemail_message={"enabled": True, "voice_message": None, "tone": 3},
            ),
            campaign(2, status="zz_unknown_status"),
        )
    )
    with caplog.at_level(logging.WARNING, logger="voiso_campaigns"):
        first, _second = client.list()
    assert first.status == "zz_unknown_status"
    assert not isinstance(first.status, CampaignStatus)
    assert first.strategy == "zz_unknown_strategy"
    assert not isinstance(first.strategy, CampaignStrategy)
    assert first.additional_properties == {"zz_unknown_field": True}
    assert first.amd_voicemail_message.additional_properties == {"tone": 3}  # type: ignore[union-attr]
    messages = [r.getMessage() for r in caplog.records]
    assert (
        sum("Campaign.status='zz_unknown_status'" in m for m in messages) == 1
    )  # once, not per campaign
    assert any("Campaign.strategy='zz_unknown_strategy'" in m for m in messages)
    assert any("Campaign.zz_unknown_field" in m for m in messages)
    assert any("AmdVoicemailMessage.tone" in m for m in messages)


def test_known_values_are_enums(make_client: MakeClient, caplog: pytest.LogCaptureFixture) -> None:
    """Documented values parse to the enum members and log nothing."""
    client = make_client(handler=serve(campaign(1, status="auto_paused", strategy="predictive_ai")))
    with caplog.at_level(logging.WARNING, logger="voiso_campaigns"):
        (only,) = client.list()
    assert only.status is CampaignStatus.AUTO_PAUSED
    assert only.strategy is CampaignStrategy.PREDICTIVE_AI
    assert caplog.records == []


@pytest.mark.parametrize(
    ("overrides", "where"),
    [
        ({"id": "7"}, "campaigns[0].id"),
        ({"id": True}, "campaigns[0].id"),
        ({"name": None}, "campaigns[0].name"),
        ({"status": 5}, "campaigns[0].status"),
        ({"max_dial_time": "60"}, "campaigns[0].max_dial_time"),
        ({"dial_level": False}, "campaigns[0].dial_level"),
        ({"amd_voicemail_message": {"voice_message": None}}, "campaigns[0].amd_voicemail_message"),
        (
            {"caller_id_sets": [{"phone_numbers": [1]}]},
            "campaigns[0].caller_id_sets[0].phone_numbers[0]",
        ),
        ({"caller_id_sets": "none"}, "campaigns[0].caller_id_sets"),
        ({"created_at": "yesterday"}, "campaigns[0].created_at: not an ISO 8601 datetime"),
    ],
)
def test_wrong_types_are_validation_errors(
    make_client: MakeClient, overrides: dict[str, object], where: str
) -> None:
    """A field of the wrong type is a ResponseValidationError naming where, not a stray exception."""
    client = make_client(handler=serve({**campaign(1), **overrides}))
    with pytest.raises(
        ResponseValidationError, match=where.replace("[", r"\[").replace("]", r"\]")
    ):
        client.list()


def test_dial_level_accepts_integers(make_client: MakeClient) -> None:
    """A JSON number may be written as an integer (dial_level 1 as in the example)."""
    client = make_client(handler=serve(campaign(1, dial_level=1), campaign(2, dial_level=1.5)))
    assert [c.dial_level for c in client.list()] == [1, 1.5]
