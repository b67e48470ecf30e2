"""The generated models parse and validate in one pass (templates/voiso_parse.jinja)."""

from __future__ import annotations

import gc
import os
import threading
import types
from collections.abc import Iterator
from typing import Any
from unittest import mock

import attrs
import httpx
import pytest

from voiso_campaigns import UNSET, Campaign, CampaignStatus, ResponseValidationError, _spec
from voiso_campaigns._generated import parse_campaign_list
from voiso_campaigns.testing import complete_campaign
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


def test_the_collector_is_paused_for_a_parse_and_resumed(collector_seen: list[bool]) -> None:
    """The cyclic GC does not run inside a page's parse; it is back on after, errors included."""
    gc.enable()
    body = {"campaigns": [campaign(1)], "metadata": {"total": 1}}
    campaigns, _ = parse_campaign_list(_page(body), secret="k")
    assert len(campaigns) == 1
    assert collector_seen == [False]
    assert gc.isenabled()
    with pytest.raises(ResponseValidationError):
        parse_campaign_list(
            _page({"campaigns": [{"id": "x"}], "metadata": {"total": 1}}), secret="k"
        )
    assert collector_seen == [False, False]
    assert gc.isenabled()


def test_a_collector_the_application_disabled_stays_disabled(collector_seen: list[bool]) -> None:
    gc.disable()
    parse_campaign_list(_page({"campaigns": [], "metadata": {"total": 0}}), secret="k")
    assert collector_seen == [False]
    assert not gc.isenabled()


def test_concurrent_parses_resume_the_collector_once_all_are_done() -> None:
    """Two threads parsing at once: the first to finish does not resume it under the other."""
    gc.enable()
    inside = threading.Barrier(2)
    first_done = threading.Event()
    states: list[bool] = []
    original = models.CampaignList.from_dict

    def slow(src_dict: Any) -> models.CampaignList:
        inside.wait(timeout=10)
        if threading.current_thread().name == "second":
            first_done.wait(timeout=10)
            states.append(gc.isenabled())  # the first parse is over; this one is not
        return original(src_dict)

    body = {"campaigns": [], "metadata": {"total": 0}}
    with mock.patch.object(models.CampaignList, "from_dict", slow):

        def parse() -> None:
            parse_campaign_list(_page(body), secret="k")
            if threading.current_thread().name == "first":
                first_done.set()

        threads = [threading.Thread(target=parse, name=name) for name in ("first", "second")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
    assert states == [False]
    assert gc.isenabled()


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


def test_a_child_forked_during_a_parse_has_its_collector_back() -> None:
    """Forked while another thread parses: that thread is not in the child, so the
    child resumes the collector itself."""
    from voiso_campaigns import _generated

    gc.enable()
    _generated._pause_collector()
    try:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: report and leave at once
            os.write(write, b"1" if gc.isenabled() else b"0")
            os._exit(0)
        os.close(write)
        assert os.read(read, 1) == b"1"
        os.waitpid(pid, 0)
        os.close(read)
        assert not gc.isenabled()  # the parent's parse is still running
    finally:
        _generated._resume_collector()
    assert gc.isenabled()
