"""voiso-campaigns: a typed client for the Voiso contact-center campaigns API (v4).

Quick start::

    from voiso_campaigns import VoisoClient

    with VoisoClient(api_key="...", cluster_id="cc") as client:
        for campaign in client.campaigns.list(status="active"):
            print(campaign.id, campaign.name)

``Campaign``, ``CampaignStatus``, ``CampaignStrategy`` and ``ListCampaignsFilters``
(the filters of ``list()``, a TypedDict) are generated from the spec (package
``voiso_campaigns_client``) and re-exported as they are.
"""

import logging as _logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what editors and type checkers see; at run time, loaded on first use
    from ._client import AsyncCampaigns, AsyncVoisoClient, Campaigns, VoisoClient
    from ._generated import (
        UNSET,
        Campaign,
        CampaignStatus,
        CampaignStrategy,
        ListCampaignsFilters,
        Unset,
    )
    from ._output import campaign_json
    from ._pagination import AsyncCampaignListing, CampaignListing, CampaignPage
    from .errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ConfigurationError,
        NotFoundError,
        PermissionDeniedError,
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
_HOMES = {
    **dict.fromkeys(["AsyncCampaigns", "AsyncVoisoClient", "Campaigns", "VoisoClient"], "_client"),
    **dict.fromkeys(
        [
            "UNSET",
            "Campaign",
            "CampaignStatus",
            "CampaignStrategy",
            "ListCampaignsFilters",
            "Unset",
        ],
        "_generated",
    ),
    "campaign_json": "_output",
    **dict.fromkeys(["AsyncCampaignListing", "CampaignListing", "CampaignPage"], "_pagination"),
}


def __getattr__(name: str) -> Any:
    import importlib

    if name == "__version__":  # read from the installed metadata
        from ._version import version

        return version()
    if name in _HOMES or name in _ERRORS:
        value = getattr(importlib.import_module(f".{_HOMES.get(name, 'errors')}", __name__), name)
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
    "ListCampaignsFilters",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "UnprocessableEntityError",
    "Unset",
    "VoisoClient",
    "VoisoError",
    "__version__",
    "campaign_json",
]

_ERRORS = frozenset(name for name in __all__ if name.endswith("Error"))
