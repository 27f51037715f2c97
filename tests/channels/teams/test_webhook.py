"""Posting a card: a refused address never gets a connection."""

from __future__ import annotations

import socket

import pytest

from channels.teams import webhook


def test_an_address_that_resolves_inward_is_never_called():
    # A listener on loopback that would see any attempt to call it.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.2)
        port = listener.getsockname()[1]
        with pytest.raises(webhook.TeamsDeliveryError, match="not a public internet address"):
            webhook.post(
                f"https://localhost:{port}/hook",
                webhook.card(title="t", facts=[], link="https://x"),
                other_hosts=["localhost"],
            )
        with pytest.raises(TimeoutError):
            listener.accept()


def test_a_http_address_is_refused_before_any_connection():
    with pytest.raises(webhook.TeamsDeliveryError, match="https://"):
        webhook.post("http://council.webhook.office.com/x", {})
