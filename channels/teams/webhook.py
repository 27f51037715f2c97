"""Microsoft Teams incoming webhooks (and Workflows webhooks): a card in a channel.

The card carries the headline and a link, never quotes: a channel is a wider audience than a
forum's members, and the words stay behind the sign-in.
"""

from __future__ import annotations

from typing import Any

import httpx


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


def post(url: str, message: dict[str, Any], *, timeout: float = 10.0) -> None:
    """Post the card; TeamsDeliveryError when Teams does not take it (the job retries)."""
    try:
        response = httpx.post(url, json=message, timeout=timeout)
    except httpx.HTTPError as exc:
        raise TeamsDeliveryError(f"Teams webhook unreachable: {exc}") from exc
    if response.status_code >= 300:
        raise TeamsDeliveryError(f"Teams webhook answered {response.status_code}")
