"""voiso-campaigns: a typed client for the Voiso contact-center campaigns API (v4).

Quick start::

    from voiso_campaigns import VoisoClient

    with VoisoClient(api_key="...", cluster_id="cc") as client:
        for campaign in client.campaigns.list(status="active"):
            print(campaign.id, campaign.name)

The resources (``Campaigns``, ``AsyncCampaigns``), their pages and listing
types (``CampaignPage``, ``CampaignListing``, ``AsyncCampaignListing``), the
models and enums (``Campaign``, ``CampaignStatus``, ``CampaignStrategy``) and
``ListCampaignsFilters`` (the filters of ``list()``, a TypedDict) are generated
from the spec (package ``voiso_campaigns_client``) and re-exported as they are:
the one place outside the seam (``_generated``) that names generated modules.
"""

import logging as _logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what editors and type checkers see; at run time, loaded on first use
    from voiso_campaigns_client.api.campaigns.list_campaigns import ListCampaignsFilters
    from voiso_campaigns_client.models import (
        Campaign,
        CampaignStatus,
        CampaignStrategy,
        Lead,
        LeadsImport,
        LeadSource,
        User,
    )
    from voiso_campaigns_client.resources import (
        AsyncCampaignListing,
        AsyncUserListing,
        CampaignListing,
        CampaignPage,
        LeadParam,
        LeadSourceParam,
        UserListing,
        UserPage,
    )
    from voiso_campaigns_client.types import UNSET, Unset

    from ._client import AsyncVoisoClient, VoisoClient
    from ._leads import (
        AsyncCampaigns,
        Campaigns,
        ImportProgress,
        InvalidLead,
        LeadsImportResult,
    )
    from ._output import campaign_json
    from .errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ConfigurationError,
        ConflictError,
        LeadsImportError,
        NotFoundError,
        PermissionDeniedError,
        PossiblyRemovedError,
        RateLimitError,
        ResponseValidationError,
        ServerError,
        UnprocessableEntityError,
        VoisoError,
    )

# A library does not decide where log records go: without a handler configured
# by the application, nothing is printed (not even warnings).
_logging.getLogger("voiso_campaigns").addHandler(_logging.NullHandler())

# Public name -> the private module that defines it. Imported on first access,
# so that `import voiso_campaigns` (and the pytest plugin every consumer's test
# run loads) costs almost nothing until a name is used.
# Public name -> the module that defines it (a leading dot: this package's own).
_HOMES = {
    **dict.fromkeys(["AsyncVoisoClient", "VoisoClient"], "._client"),
    "ListCampaignsFilters": "voiso_campaigns_client.api.campaigns.list_campaigns",
    **dict.fromkeys(
        [
            "Campaign",
            "CampaignStatus",
            "CampaignStrategy",
            "Lead",
            "LeadSource",
            "LeadsImport",
            "User",
        ],
        "voiso_campaigns_client.models",
    ),
    **dict.fromkeys(
        [
            "AsyncCampaignListing",
            "AsyncUserListing",
            "CampaignListing",
            "CampaignPage",
            "LeadParam",
            "LeadSourceParam",
            "UserListing",
            "UserPage",
        ],
        "voiso_campaigns_client.resources",
    ),
    **dict.fromkeys(
        ["AsyncCampaigns", "Campaigns", "ImportProgress", "InvalidLead", "LeadsImportResult"],
        "._leads",
    ),
    **dict.fromkeys(["UNSET", "Unset"], "voiso_campaigns_client.types"),
    "campaign_json": "._output",
}


if TYPE_CHECKING:
    __version__: str  # read from the installed metadata on first access
else:  # hidden from type checkers: a misspelt name is an error there, not an Any

    def __getattr__(name: str) -> Any:
        import importlib

        if name == "__version__":  # read from the installed metadata
            from ._version import version

            return version()
        if name in _HOMES or name in _ERRORS:
            home = _HOMES.get(name, ".errors")
            value = getattr(importlib.import_module(home, __name__), name)
            globals()[name] = value  # the next access is a plain attribute
            return value
        raise AttributeError(f"module 'voiso_campaigns' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "UNSET",
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

_ERRORS = frozenset(name for name in __all__ if name.endswith("Error"))
