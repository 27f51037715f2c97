"""Microsoft Teams incoming webhooks (and Workflows webhooks): a card in a channel.

The card carries the headline and a link, never quotes: a channel is a wider audience than a
forum's members, and the words stay behind the sign-in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from channels.teams import addresses


class TeamsDeliveryError(Exception):
    pass


def card(*, title: str, facts: list[tuple[str, str]], link: str) -> dict[str, Any]:
    """An Adaptive Card message, which both kinds of Teams webhook accept."""
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": {
                    "type": "AdaptiveCard",
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "version": "1.4",
                    "body": [
                        {"type": "TextBlock", "text": title, "weight": "Bolder", "wrap": True},
                        {
                            "type": "FactSet",
                            "facts": [{"title": name, "value": value} for name, value in facts],
                        },
                    ],
                    "actions": [
                        {"type": "Action.OpenUrl", "title": "Open in YouSaid", "url": link}
                    ],
                },
            }
        ],
    }


def post(
    url: str,
    message: dict[str, Any],
    *,
    timeout: float = 10.0,
    other_hosts: Iterable[str] = (),
    allow_loopback: bool = False,
) -> None:
    """Post the card; TeamsDeliveryError when Teams does not take it (the job retries), or
    when the address is not one we call (channels/teams/addresses.py).

    The name is resolved and checked here, and the connection made to the very address that
    was checked (the name still sent for TLS and Host), so a name that changes between the
    check and the call cannot turn the call inward."""
    try:
        target = addresses.check_url(url, other_hosts=other_hosts, allow_loopback=allow_loopback)
        checked = addresses.public_addresses(target, allow_loopback=allow_loopback)
    except addresses.RefusedWebhook as exc:
        raise TeamsDeliveryError(f"Teams webhook refused: {exc}") from exc
    parts = urlsplit(url.strip())
    default_port = 443 if parts.scheme == "https" else 80
    host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        # Each checked address in turn until one connects (a host's IPv6 may be unreachable
        # from here); never a name, so nothing is looked up again.
        for number, address in enumerate(checked, 1):
            ip = f"[{address}]" if address.version == 6 else str(address)
            request = client.build_request(
                "POST",
                urlunsplit(parts._replace(netloc=f"{ip}:{target.port}")),
                json=message,
                headers={"Host": host_header},
                extensions={"sni_hostname": target.host},
            )
            try:
                response = client.send(request)
                break
            except httpx.ConnectError as exc:
                if number == len(checked):
                    raise TeamsDeliveryError(f"Teams webhook unreachable: {exc}") from exc
            except httpx.HTTPError as exc:
                raise TeamsDeliveryError(f"Teams webhook unreachable: {exc}") from exc
    if response.status_code >= 300:
        raise TeamsDeliveryError(f"Teams webhook answered {response.status_code}")
