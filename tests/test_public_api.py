"""The public surface: what `voiso_campaigns` exports is pinned here."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import voiso_campaigns
import voiso_campaigns_client.models
from voiso_campaigns import errors

from .conftest import mypy_errors

EXPECTED = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncCampaignListing",
    "AsyncCampaigns",
    "AsyncUserListing",
    "AsyncVoisoClient",
    "AuthenticationError",
    "BadRequestError",
    "Campaign",
    "CampaignListing",
    "CampaignPage",
    "CampaignStatus",
    "CampaignStrategy",
    "Campaigns",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "ImportProgress",
    "InvalidLead",
    "Lead",
    "LeadParam",
    "LeadSource",
    "LeadSourceParam",
    "LeadsImport",
    "LeadsImportError",
    "LeadsImportResult",
    "ListCampaignsFilters",
    "NotFoundError",
    "PermissionDeniedError",
    "PossiblyRemovedError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "UNSET",
    "UnprocessableEntityError",
    "Unset",
    "User",
    "UserListing",
    "UserPage",
    "VoisoClient",
    "VoisoError",
    "__version__",
    "campaign_json",
]


def test_all_is_pinned_and_sorted() -> None:
    """Nothing leaks into and nothing disappears from the public names (ruff keeps the order)."""
    assert sorted(voiso_campaigns.__all__) == EXPECTED
    for name in EXPECTED:
        assert hasattr(voiso_campaigns, name), name


def test_models_are_the_generated_ones() -> None:
    """Campaign and the enums are re-exported, not copied."""
    assert voiso_campaigns.Campaign is voiso_campaigns_client.models.Campaign
    assert voiso_campaigns.CampaignStatus is voiso_campaigns_client.models.CampaignStatus
    assert voiso_campaigns.CampaignStrategy is voiso_campaigns_client.models.CampaignStrategy
    for name in ("User", "Lead", "LeadSource", "LeadsImport"):
        assert getattr(voiso_campaigns, name) is getattr(voiso_campaigns_client.models, name)


def test_errors_module_exports_the_tree() -> None:
    """Every error class is importable from voiso_campaigns.errors and derives from VoisoError."""
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert getattr(voiso_campaigns, name) is cls
        assert issubclass(cls, voiso_campaigns.VoisoError)
    assert issubclass(errors.APITimeoutError, errors.APIConnectionError)
    assert issubclass(errors.ConfigurationError, ValueError)
    for sub in (
        "BadRequestError",
        "AuthenticationError",
        "PermissionDeniedError",
        "NotFoundError",
        "ConflictError",
        "UnprocessableEntityError",
        "RateLimitError",
        "ServerError",
    ):
        assert issubclass(getattr(errors, sub), errors.APIStatusError)


def test_version_comes_from_the_distribution() -> None:
    """__version__ is the installed distribution's version (pyproject.toml is the only source)."""
    assert voiso_campaigns.__version__ == importlib.metadata.version("voiso-campaigns")


def test_misspelt_names_do_not_type_check(tmp_path: Path) -> None:
    """The lazy loading is invisible to type checkers: a misspelt import is an error and
    __version__ is a str, not Any."""
    source = tmp_path / "user.py"
    source.write_text(
        "import voiso_campaigns\n"
        "from voiso_campaigns import VoisoClient\n"
        "from voiso_campaigns import VoisoClinet\n"
        "from voiso_campaigns.testing import FakeVoisoAPi\n"
        "from voiso_campaigns.testing import FakeVoisoAPI\n"
        "version: int = voiso_campaigns.__version__\n"
        "client: VoisoClient | None = None\n"
        "fake: FakeVoisoAPI | None = None\n"
    )
    errors = mypy_errors(source)
    assert len(errors) == 3, errors
    assert "VoisoClinet" in errors[0]
    assert "FakeVoisoAPi" in errors[1]
    assert '"str", variable has type "int"' in errors[2]


def test_every_public_class_and_function_has_a_docstring() -> None:
    """help() and the API reference show each name's own text (a class attribute written
    above a class's docstring once left VoisoClient with none)."""
    import inspect

    for name in voiso_campaigns.__all__:
        value = getattr(voiso_campaigns, name)
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        if not value.__module__.startswith("voiso_campaigns."):
            continue  # the generated models and resources: the generator's docstrings
        own = vars(value).get("__doc__") if inspect.isclass(value) else value.__doc__
        assert own, f"{name} has no docstring of its own"
