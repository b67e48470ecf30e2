from http import HTTPStatus
from typing import Any, TypedDict
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.add_users_request import AddUsersRequest
from ...models.added_users import AddedUsers
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _url_kwargs(
    campaign_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v4/campaigns/{campaign_id}/users".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
    }
    return _kwargs


def _get_kwargs(
    campaign_id: int,
    *,
    body: AddUsersRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs = _url_kwargs(
        campaign_id,
    )

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AddedUsers | Error | ValidationErrors:
    if response.status_code == 200:
        response_200 = AddedUsers.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = ValidationErrors.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AddedUsers | Error | ValidationErrors]:
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
    body: AddUsersRequest,
) -> Response[AddedUsers | Error | ValidationErrors]:
    """Add users to a campaign

     Assigns users (agents) to a Dialer campaign, by their integer ids, at
    most 100 in one request. Answers the users added.

    Requires an API key with the `campaigns.manage` scope. The vendor's
    page names no scope; this is the scope of the family's other write
    operations (pause, start, stop, add leads), and a key without it is
    expected to get 403.

    Args:
        campaign_id (int):
        body (AddUsersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddedUsers | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
    body: AddUsersRequest,
) -> AddedUsers | Error | ValidationErrors | None:
    """Add users to a campaign

     Assigns users (agents) to a Dialer campaign, by their integer ids, at
    most 100 in one request. Answers the users added.

    Requires an API key with the `campaigns.manage` scope. The vendor's
    page names no scope; this is the scope of the family's other write
    operations (pause, start, stop, add leads), and a key without it is
    expected to get 403.

    Args:
        campaign_id (int):
        body (AddUsersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddedUsers | Error | ValidationErrors
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
    body: AddUsersRequest,
) -> Response[AddedUsers | Error | ValidationErrors]:
    """Add users to a campaign

     Assigns users (agents) to a Dialer campaign, by their integer ids, at
    most 100 in one request. Answers the users added.

    Requires an API key with the `campaigns.manage` scope. The vendor's
    page names no scope; this is the scope of the family's other write
    operations (pause, start, stop, add leads), and a key without it is
    expected to get 403.

    Args:
        campaign_id (int):
        body (AddUsersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddedUsers | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
    body: AddUsersRequest,
) -> AddedUsers | Error | ValidationErrors | None:
    """Add users to a campaign

     Assigns users (agents) to a Dialer campaign, by their integer ids, at
    most 100 in one request. Answers the users added.

    Requires an API key with the `campaigns.manage` scope. The vendor's
    page names no scope; this is the scope of the family's other write
    operations (pause, start, stop, add leads), and a key without it is
    expected to get 403.

    Args:
        campaign_id (int):
        body (AddUsersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddedUsers | Error | ValidationErrors
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            body=body,
        )
    ).parsed


#: Each path parameter's Python keyword -> its name in the path template.
PATH_NAMES: dict[str, str] = {
    "campaign_id": "campaign_id",
}

#: Each query parameter's Python keyword -> its name in the query string.
QUERY_NAMES: dict[str, str] = {}


class AddCampaignUsersFilters(TypedDict, total=False):
    """The query parameters of `add_campaign_users` other than `limit`/`offset`.

    Keyword arguments of the wrapper's methods: an enum parameter also takes
    its value as a `str`, and `None` means the parameter is not sent.
    """

    pass
