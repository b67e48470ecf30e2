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

from ._client import AsyncCampaigns, AsyncVoisoClient, Campaigns, VoisoClient
from ._generated import Campaign, CampaignStatus, CampaignStrategy, ListCampaignsFilters
from ._pagination import AsyncCampaignListing, CampaignListing, CampaignPage
from ._version import version as _version
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


def __getattr__(name: str) -> str:
    # __version__ is read from the installed metadata on first access only.
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'voiso_campaigns' has no attribute {name!r}")


__all__ = [
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
    "VoisoClient",
    "VoisoError",
    "__version__",
]
