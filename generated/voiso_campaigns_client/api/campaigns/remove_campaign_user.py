from http import HTTPStatus
from typing import Any, TypedDict
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.removed_user import RemovedUser
from ...types import Response


def _url_kwargs(
    campaign_id: int,
    user_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v4/campaigns/{campaign_id}/users/{user_id}".format(
            campaign_id=quote(str(campaign_id), safe=""),
            user_id=quote(str(user_id), safe=""),
        ),
    }
    return _kwargs


def _get_kwargs(
    campaign_id: int,
    user_id: int,
) -> dict[str, Any]:

    _kwargs = _url_kwargs(
        campaign_id,
        user_id,
    )

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | RemovedUser:
    if response.status_code == 200:
        response_200 = RemovedUser.from_dict(response.json())

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
) -> Response[Error | RemovedUser]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: int,
    user_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | RemovedUser]:
    """Remove a user from a campaign

     Unassigns one user (agent) from a Dialer campaign. Answers the user
    removed; 404 when the campaign or the user does not exist or is not
    accessible.

    Requires an API key with the `campaigns.manage` scope (the vendor's
    page names none; the family's other write operations use it).

    Args:
        campaign_id (int):
        user_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RemovedUser]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        user_id=user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: int,
    user_id: int,
    *,
    client: AuthenticatedClient,
) -> Error | RemovedUser | None:
    """Remove a user from a campaign

     Unassigns one user (agent) from a Dialer campaign. Answers the user
    removed; 404 when the campaign or the user does not exist or is not
    accessible.

    Requires an API key with the `campaigns.manage` scope (the vendor's
    page names none; the family's other write operations use it).

    Args:
        campaign_id (int):
        user_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RemovedUser
    """

    return sync_detailed(
        campaign_id=campaign_id,
        user_id=user_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    campaign_id: int,
    user_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | RemovedUser]:
    """Remove a user from a campaign

     Unassigns one user (agent) from a Dialer campaign. Answers the user
    removed; 404 when the campaign or the user does not exist or is not
    accessible.

    Requires an API key with the `campaigns.manage` scope (the vendor's
    page names none; the family's other write operations use it).

    Args:
        campaign_id (int):
        user_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RemovedUser]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        user_id=user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: int,
    user_id: int,
    *,
    client: AuthenticatedClient,
) -> Error | RemovedUser | None:
    """Remove a user from a campaign

     Unassigns one user (agent) from a Dialer campaign. Answers the user
    removed; 404 when the campaign or the user does not exist or is not
    accessible.

    Requires an API key with the `campaigns.manage` scope (the vendor's
    page names none; the family's other write operations use it).

    Args:
        campaign_id (int):
        user_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RemovedUser
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            user_id=user_id,
            client=client,
        )
    ).parsed


#: Each path parameter's Python keyword -> its name in the path template.
PATH_NAMES: dict[str, str] = {
    "campaign_id": "campaign_id",
    "user_id": "user_id",
}

#: Each query parameter's Python keyword -> its name in the query string.
QUERY_NAMES: dict[str, str] = {}


class RemoveCampaignUserFilters(TypedDict, total=False):
    """The query parameters of `remove_campaign_user` other than `limit`/`offset`.

    Keyword arguments of the wrapper's methods: an enum parameter also takes
    its value as a `str`, and `None` means the parameter is not sent.
    """

    pass
