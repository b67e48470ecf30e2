"""The OpenAPI document: valid, complete, and its example matches its schemas."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate

from voiso_campaigns_client.models import Campaign, CampaignList, CampaignStatus, CampaignStrategy

from .conftest import SPEC_PATH


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
    op = spec["paths"]["/api/v4/campaigns"]["get"]
    assert op["operationId"] == "list_campaigns"
    assert op["tags"] == ["campaigns"]
    assert op["security"] == [{"bearerAuth": []}]
    assert set(op["responses"]) == {"200", "400", "401", "403", "422", "429", "default"}
    assert "Retry-After" in op["responses"]["429"]["headers"]
    scheme = spec["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert "campaigns.read" in scheme["description"]
    assert spec["servers"][0]["url"] == "https://{cluster_id}.voiso.com"


def test_query_parameters(spec: dict[str, Any]) -> None:
    """All seven query parameters, with the documented bounds and closed enums."""
    params = {p["name"]: p for p in spec["paths"]["/api/v4/campaigns"]["get"]["parameters"]}
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
        "draft", "active", "paused", "stopping", "completed", "processing",
        "stopped", "auto_paused", "pausing", "auto_pausing", "import_error",
    ]  # fmt: skip
    assert spec["components"]["schemas"]["CampaignStatus"]["enum"] == documented
    # The generator sorts members by value; the set is what matters.
    assert sorted(s.value for s in CampaignStatus) == sorted(documented)
    assert sorted(s.value for s in CampaignStrategy) == ["predictive_ai", "simple"]


def test_embedded_example_validates(spec: dict[str, Any]) -> None:
    """The vendor's example response validates against CampaignList and parses."""
    response = spec["paths"]["/api/v4/campaigns"]["get"]["responses"]["200"]
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
    bad = {"campaigns": [{"id": "3", "name": "x", "status": "active", "strategy": "simple",
                          "created_at": "2026-01-15T10:30:00.000Z",
                          "updated_at": "2026-01-15T10:30:00.000Z"}], "metadata": {"total": 1}}  # fmt: skip
    assert not validator.is_valid(bad)


def test_unknown_status_parses_as_raw_string(spec: dict[str, Any]) -> None:
    """An unknown status ("archived") is valid on the response side and kept as the raw value."""
    data = {
        "id": 1, "name": "x", "status": "archived", "strategy": "quantum", "brand_new": {"a": 1},
        "created_at": "2026-01-15T10:30:00.000Z", "updated_at": "2026-01-15T10:30:00.000Z",
    }  # fmt: skip
    schema_validator(spec, "Campaign").validate(data)
    parsed = Campaign.from_dict(data)
    assert parsed.status == "archived"
    assert not isinstance(parsed.status, CampaignStatus)
    assert parsed.strategy == "quantum"
    assert parsed.additional_properties == {"brand_new": {"a": 1}}
    assert parsed.to_dict()["status"] == "archived"


def test_nullable_and_optional_fields(spec: dict[str, Any]) -> None:
    """Nested AMD and caller-ID objects may be null; settings may be absent."""
    validator = schema_validator(spec, "Campaign")
    base = {"id": 1, "name": "x", "status": "draft", "strategy": "simple",
            "created_at": "2026-01-15T10:30:00.000Z", "updated_at": "2026-01-15T10:30:00.000Z"}  # fmt: skip
    validator.validate(base)
    validator.validate(
        {**base, "amd_voicemail_message": None, "caller_id_sets": None, "live": None}
    )
    assert not validator.is_valid({**base, "name": None})
    required = spec["components"]["schemas"]["Campaign"]["required"]
    assert required == ["id", "name", "status", "strategy", "created_at", "updated_at"]
