from http import HTTPStatus
from typing import Any, TypedDict
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.campaign import Campaign
from ...models.error import Error
from ...types import Response


def _url_kwargs(
    campaign_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v4/campaigns/{campaign_id}/stop".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
    }
    return _kwargs


def _get_kwargs(
    campaign_id: int,
) -> dict[str, Any]:

    _kwargs = _url_kwargs(
        campaign_id,
    )

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Campaign | Error:
    if response.status_code == 200:
        response_200 = Campaign.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Campaign | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Campaign | Error]:
    """Stop a campaign

     Stops a Dialer campaign: valid only for an `active` campaign (the
    vendor's overview).
    No request body. Answers the updated campaign object itself (not
    under a key); 409 when the campaign's current state does not allow
    the action. Not idempotent in effect: a second stop is a 409, so a
    client never sends it again once it may have been processed.

    Requires an API key with the `campaigns.manage` scope.

    Args:
        campaign_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Campaign | Error]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
) -> Campaign | Error | None:
    """Stop a campaign

     Stops a Dialer campaign: valid only for an `active` campaign (the
    vendor's overview).
    No request body. Answers the updated campaign object itself (not
    under a key); 409 when the campaign's current state does not allow
    the action. Not idempotent in effect: a second stop is a 409, so a
    client never sends it again once it may have been processed.

    Requires an API key with the `campaigns.manage` scope.

    Args:
        campaign_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Campaign | Error
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Campaign | Error]:
    """Stop a campaign

     Stops a Dialer campaign: valid only for an `active` campaign (the
    vendor's overview).
    No request body. Answers the updated campaign object itself (not
    under a key); 409 when the campaign's current state does not allow
    the action. Not idempotent in effect: a second stop is a 409, so a
    client never sends it again once it may have been processed.

    Requires an API key with the `campaigns.manage` scope.

    Args:
        campaign_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Campaign | Error]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
) -> Campaign | Error | None:
    """Stop a campaign

     Stops a Dialer campaign: valid only for an `active` campaign (the
    vendor's overview).
    No request body. Answers the updated campaign object itself (not
    under a key); 409 when the campaign's current state does not allow
    the action. Not idempotent in effect: a second stop is a 409, so a
    client never sends it again once it may have been processed.

    Requires an API key with the `campaigns.manage` scope.

    Args:
        campaign_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Campaign | Error
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
        )
    ).parsed


#: Each path parameter's Python keyword -> its name in the path template.
PATH_NAMES: dict[str, str] = {
    "campaign_id": "campaign_id",
}

#: Each query parameter's Python keyword -> its name in the query string.
QUERY_NAMES: dict[str, str] = {}


class StopCampaignFilters(TypedDict, total=False):
    """The query parameters of `stop_campaign` other than `limit`/`offset`.

    Keyword arguments of the wrapper's methods: an enum parameter also takes
    its value as a `str`, and `None` means the parameter is not sent.
    """

    pass
