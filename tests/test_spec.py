"""The OpenAPI document: valid, complete, and its example matches its schemas."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate

from voiso_campaigns_client.models import Campaign, CampaignList, CampaignStatus, CampaignStrategy

from .conftest import SPEC_PATH, inlined


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as f:
        return yaml.safe_load(f)  # type: ignore[no-any-return]


def schema_validator(spec: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    """A JSON Schema validator for components/schemas/<name>, refs resolved in the spec."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    """openapi-spec-validator accepts the document as OpenAPI 3.1."""
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_operation_shape(spec: dict[str, Any]) -> None:
    """The operation has its stable id, tag, bearer security and every documented response."""
    op = inlined(spec)["paths"]["/api/v4/campaigns"]["get"]
    assert op["operationId"] == "list_campaigns"
    assert op["tags"] == ["campaigns"]
    assert op["security"] == [{"bearerAuth": ["campaigns.read"]}]
    assert set(op["responses"]) == {"200", "400", "401", "403", "422", "429", "default"}
    assert "Retry-After" in op["responses"]["429"]["headers"]
    scheme = spec["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert "campaigns.read" in scheme["description"]
    assert spec["servers"][0]["url"] == "https://{cluster_id}.voiso.com"


def test_query_parameters(spec: dict[str, Any]) -> None:
    """All seven query parameters, with the documented bounds and closed enums."""
    params = {
        p["name"]: p for p in inlined(spec)["paths"]["/api/v4/campaigns"]["get"]["parameters"]
    }
    assert set(params) == {"limit", "offset", "name", "status", "strategy", "method", "live"}
    assert params["limit"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "default": 100,
    }
    assert params["offset"]["schema"] == {"type": "integer", "minimum": 0, "default": 0}
    assert params["status"]["schema"] == {"$ref": "#/components/schemas/CampaignStatus"}
    assert params["live"]["schema"] == {"type": "boolean"}


def test_enums_match_the_reference(spec: dict[str, Any]) -> None:
    """Every status and strategy the vendor documents, in the spec and the generated enums."""
    documented = [
        "draft",
        "active",
        "paused",
        "stopping",
        "completed",
        "processing",
        "stopped",
        "auto_paused",
        "pausing",
        "auto_pausing",
        "import_error",
    ]
    # The one deliberate copy: the vendor's page (../shared/reference), checked against the spec.
    change = "the spec's list differs from the vendor's page: if the page changed, update this copy"
    assert spec["components"]["schemas"]["CampaignStatus"]["enum"] == documented, change
    # The generator sorts members by value; the set is what matters.
    assert sorted(s.value for s in CampaignStatus) == sorted(documented), "run `make generate`"
    assert sorted(s.value for s in CampaignStrategy) == ["predictive_ai", "simple"], change


def test_embedded_example_validates(spec: dict[str, Any]) -> None:
    """The vendor's example response validates against CampaignList and parses."""
    response = inlined(spec)["paths"]["/api/v4/campaigns"]["get"]["responses"]["200"]
    example = response["content"]["application/json"]["example"]
    schema_validator(spec, "CampaignList").validate(example)
    parsed = CampaignList.from_dict(example)
    assert parsed.metadata.total == 100
    assert parsed.campaigns[0].status is CampaignStatus.ACTIVE
    assert parsed.campaigns[0].caller_id_sets[0].phone_numbers == ["18885650001", "18885650002"]  # type: ignore[index]


def test_schema_rejects_what_it_should(spec: dict[str, Any]) -> None:
    """The schema is not vacuous: a missing total or a string id fails validation."""
    validator = schema_validator(spec, "CampaignList")
    assert not validator.is_valid({"campaigns": [], "metadata": {}})
    bad = {
        "campaigns": [
            {
                "id": "3",
                "name": "x",
                "status": "active",
                "strategy": "simple",
                "created_at": "2026-01-15T10:30:00.000Z",
                "updated_at": "2026-01-15T10:30:00.000Z",
            }
        ],
        "metadata": {"total": 1},
    }
    assert not validator.is_valid(bad)


def test_unknown_status_parses_as_raw_string(spec: dict[str, Any]) -> None:
    """An unknown status ("zz_unknown_status") is valid on the response side and kept as the raw value."""
    data = {
        "id": 1,
        "name": "x",
        "status": "zz_unknown_status",
        "strategy": "zz_unknown_strategy",
        "zz_unknown_field": {"a": 1},
        "created_at": "2026-01-15T10:30:00.000Z",
        "updated_at": "2026-01-15T10:30:00.000Z",
    }
    schema_validator(spec, "Campaign").validate(data)
    parsed = Campaign.from_dict(data)
    assert parsed.status == "zz_unknown_status"
    assert not isinstance(parsed.status, CampaignStatus)
    assert parsed.strategy == "zz_unknown_strategy"
    assert parsed.additional_properties == {"zz_unknown_field": {"a": 1}}
    assert parsed.to_dict()["status"] == "zz_unknown_status"


def test_nullable_and_optional_fields(spec: dict[str, Any]) -> None:
    """Nested AMD and caller-ID objects may be null; settings may be absent."""
    validator = schema_validator(spec, "Campaign")
    base = {
        "id": 1,
        "name": "x",
        "status": "draft",
        "strategy": "simple",
        "created_at": "2026-01-15T10:30:00.000Z",
        "updated_at": "2026-01-15T10:30:00.000Z",
    }
    validator.validate(base)
    validator.validate(
        {**base, "amd_voicemail_message": None, "caller_id_sets": None, "live": None}
    )
    assert not validator.is_valid({**base, "name": None})
    assert not validator.is_valid({**base, "created_at": None})  # optional, never null
    required = spec["components"]["schemas"]["Campaign"]["required"]
    assert required == ["id", "name", "status", "strategy"]
    # The vendor's pause example: five fields, no timestamps ("the updated campaign object").
    vendor = {"id": 3, "name": "Summer Outreach Campaign", "status": "paused",
              "strategy": "simple", "dial_level": 1}  # fmt: skip
    validator.validate(vendor)


# --- the style notes, and what the package derives from the spec --------------------------


def enum_varname(value: str) -> str:
    """The spec's rule for an enum member name (info.description, "Style notes")."""
    suffix = ""
    if value.startswith("-"):
        value, suffix = value[1:], "_DESC"
    name = re.sub(r"[^A-Z0-9]+", "_", value.upper()).strip("_") + suffix
    return "V_" + name if name[:1].isdigit() else name


def enums(node: Any) -> list[dict[str, Any]]:
    """Every schema with an enum, anywhere in the document."""
    if isinstance(node, list):
        return [e for item in node for e in enums(item)]
    if not isinstance(node, dict):
        return []
    own = [node] if "enum" in node else []
    return own + [e for value in node.values() for e in enums(value)]


def test_enum_rule_examples() -> None:
    """The rule gives the names the style notes promise."""
    assert enum_varname("-updated_at") == "UPDATED_AT_DESC"
    assert enum_varname("2fa") == "V_2FA"
    assert enum_varname("auto_paused") == "AUTO_PAUSED"


def test_non_identifier_enum_values_have_stable_names(spec: dict[str, Any]) -> None:
    """An enum with a value that is not an identifier lists x-enum-varnames by the rule."""
    for schema in enums(spec):
        values = schema["enum"]
        if all(isinstance(v, str) and v.isidentifier() and v.islower() for v in values):
            continue
        expected = [enum_varname(str(v)) for v in values]
        assert schema.get("x-enum-varnames") == expected, (
            f"enum {values}: add `x-enum-varnames: {expected}` (style notes in the spec)"
        )


def test_generated_enum_members_never_have_positional_names() -> None:
    """No generated enum member is called VALUE_<n> (a name that moves when the list does)."""
    import enum
    import inspect

    from voiso_campaigns_client import models

    for _, cls in inspect.getmembers(models, inspect.isclass):
        if issubclass(cls, enum.Enum):
            assert not [m for m in cls.__members__ if re.fullmatch(r"VALUE_\d+", m)], cls


def test_paging_defaults_lie_within_their_bounds(spec: dict[str, Any]) -> None:
    """limit's default (the wrapper's default page size) and offset's are allowed values."""
    params = {
        p["name"]: p["schema"]
        for p in inlined(spec)["paths"]["/api/v4/campaigns"]["get"]["parameters"]
    }
    limit, offset = params["limit"], params["offset"]
    assert limit["minimum"] <= limit["default"] <= limit.get("maximum", limit["default"])
    assert offset["minimum"] <= offset["default"]


def test_the_package_checks_every_query_parameter(spec: dict[str, Any]) -> None:
    """Every query parameter has a checking rule, and the filters TypedDict names the rest."""
    from voiso_campaigns import _params
    from voiso_campaigns_client.api.campaigns.list_campaigns import ListCampaignsFilters
    from voiso_campaigns_client.resources import LIST_CAMPAIGNS

    names = [p["name"] for p in inlined(spec)["paths"]["/api/v4/campaigns"]["get"]["parameters"]]
    params = _params.parameters(LIST_CAMPAIGNS)  # UnsupportedParameter for a type it cannot check
    assert sorted(rule.wire for rule in params.rules.values()) == sorted(names)
    assert set(ListCampaignsFilters.__annotations__) == set(params.filter_names)
    assert set(params.filter_names) | set(params.paging) == set(params.rules)


def test_the_shipped_spec_is_the_spec(spec: dict[str, Any]) -> None:
    """generated/.../openapi.json, which the package reads at run time, equals the YAML."""
    from voiso_campaigns import _spec

    assert _spec.document() == spec, "run `make generate`"
