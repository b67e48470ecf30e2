"""The generated models parse and validate in one pass (templates/voiso_parse.jinja)."""

from __future__ import annotations

import gc
import types
from collections.abc import Iterator
from typing import Any

import attrs
import httpx
import pytest

from voiso_campaigns import (
    UNSET,
    Campaign,
    CampaignStatus,
    ResponseValidationError,
    Unset,
    _spec,
)
from voiso_campaigns._client import parse_page
from voiso_campaigns.testing import complete_campaign
from voiso_campaigns_client import models
from voiso_campaigns_client import types as generated_types
from voiso_campaigns_client.resources import LIST_CAMPAIGNS
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
    assert not isinstance(parsed.created_at, Unset)
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


def _model_classes() -> list[type[Any]]:
    return [cls for cls in vars(models).values() if attrs.has(cls)]


@pytest.mark.parametrize("cls", _model_classes(), ids=lambda cls: cls.__name__)
def test_from_dict_may_skip_attrs_init(cls: type[Any]) -> None:
    """from_dict stores each value itself instead of calling __init__: sound only while
    __init__ would do nothing more (no validator, converter or post-init hook)."""
    for field in attrs.fields(cls):
        assert field.validator is None, (cls, field.name)
        assert field.converter is None, (cls, field.name)
        assert field.on_setattr in (None, attrs.setters.NO_OP), (cls, field.name)
    for hook in ("__attrs_pre_init__", "__attrs_post_init__"):
        assert not hasattr(cls, hook), (cls, hook)


def test_from_dict_builds_what_init_builds() -> None:
    """A parsed campaign equals one built by attrs' __init__ from the same values."""
    parsed = Campaign.from_dict(campaign(1, zz_unknown_field=1))
    rebuilt = attrs.evolve(parsed)  # through __init__
    rebuilt.additional_properties = dict(parsed.additional_properties)
    assert rebuilt == parsed
    assert attrs.asdict(rebuilt) == attrs.asdict(parsed)


def _page(body: object) -> httpx.Response:
    return httpx.Response(200, json=body)


@pytest.fixture
def collector_seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """What gc.isenabled() said while CampaignList.from_dict ran; the collector restored after."""
    seen: list[bool] = []
    original = models.CampaignList.from_dict

    def spy(src_dict: Any) -> models.CampaignList:
        seen.append(gc.isenabled())
        return original(src_dict)

    monkeypatch.setattr(models.CampaignList, "from_dict", spy)
    was = gc.isenabled()
    yield seen
    (gc.enable if was else gc.disable)()


def test_a_parse_leaves_the_garbage_collector_alone(collector_seen: list[bool]) -> None:
    """A library changes no process-wide state: the collector stays on during a parse
    (0.5.0 paused it, and a thread sampling gc.isenabled() saw it off)."""
    gc.enable()
    body = {"campaigns": [campaign(1)], "metadata": {"total": 1}}
    campaigns, _ = parse_page(LIST_CAMPAIGNS, _page(body), secret="k")
    assert len(campaigns) == 1
    with pytest.raises(ResponseValidationError):
        parse_page(
            LIST_CAMPAIGNS,
            _page({"campaigns": [{"id": "x"}], "metadata": {"total": 1}}),
            secret="k",
        )
    assert collector_seen == [True, True]
    assert gc.isenabled()


def test_a_collector_the_application_disabled_stays_disabled(collector_seen: list[bool]) -> None:
    """An application that turned the collector off keeps it off through a parse."""
    gc.disable()
    parse_page(LIST_CAMPAIGNS, _page({"campaigns": [], "metadata": {"total": 0}}), secret="k")
    assert collector_seen == [False]
    assert not gc.isenabled()


def test_an_absent_field_does_not_hide_an_unknown_one(
    notes: list[tuple[str, str | None]],
) -> None:
    """from_dict counts absent optional fields, so one absent and one unknown still
    make an unknown field (the dict has as many keys as the schema lists)."""
    data = complete_campaign(campaign(1))  # every field the schema lists
    optional = sorted(set(data) - set(_spec.component("Campaign")["required"]))
    data["zz_unknown_field"] = 1
    del data[optional[0]]
    parsed = Campaign.from_dict(data)
    assert parsed.additional_properties == {"zz_unknown_field": 1}
    assert getattr(parsed, optional[0]) is UNSET
    del data["zz_unknown_field"]
    assert Campaign.from_dict(data).additional_properties == {}
    assert notes == [("Campaign.zz_unknown_field", None)]
