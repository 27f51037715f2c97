"""Which webhook addresses a digest card may be posted to.

A forum's Teams webhook is typed in by staff and then called by the worker from inside the
council's network. Unchecked, it is a way to make the server call anything it can reach: an
internal admin page, a cloud metadata service (169.254.169.254). So only https, only
Microsoft's webhook hosts (or hosts a council names in YOUSAID_TEAMS_WEBHOOK_HOSTS), and
never an address that is not on the public internet, checked when the address is saved and
again, on the address the name resolves to, when the card is sent.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

# Incoming webhooks (*.webhook.office.com), Workflows / Power Automate (*.logic.azure.com,
# *.powerplatform.com, *.environment.api.powerplatform.com).
MICROSOFT_HOSTS = ("webhook.office.com", "logic.azure.com", "powerplatform.com")
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedWebhook(ValueError):
    """A webhook address we will not call, with why, in words staff can act on."""


@dataclass(frozen=True)
class Target:
    host: str
    port: int


def host_allowed(host: str, other_hosts: Iterable[str] = ()) -> bool:
    """Microsoft's webhook hosts, or one a council named (a name or *.suffix), or below it."""
    host = host.lower().rstrip(".")
    for allowed in (*MICROSOFT_HOSTS, *other_hosts):
        suffix = allowed.strip().lower().removeprefix("*.").rstrip(".")
        if suffix and (host == suffix or host.endswith("." + suffix)):
            return True
    return False


def check_url(url: str, *, other_hosts: Iterable[str] = (), allow_loopback: bool = False) -> Target:
    """The host and port to call, or RefusedWebhook. `allow_loopback` is for the test suite's
    own stand-in on 127.0.0.1 only (the test environment); nothing else may turn it on."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise RefusedWebhook("The webhook address has a port that is not a number") from None
    literal = _literal(host)
    if allow_loopback and literal is not None and literal.is_loopback:
        return Target(host, port)
    if parts.scheme != "https":
        raise RefusedWebhook("The webhook address must start with https://")
    if not host:
        raise RefusedWebhook("The webhook address has no host name")
    if literal is not None:
        raise RefusedWebhook(
            "The webhook address must be a Microsoft Teams or Workflows address, not a "
            "numeric IP address"
        )
    if parts.username or parts.password:
        raise RefusedWebhook("The webhook address must not carry a user name or password")
    if not host_allowed(host, other_hosts):
        raise RefusedWebhook(
            f"{host} is not a Microsoft Teams webhook host (*.webhook.office.com, "
            "*.logic.azure.com, *.powerplatform.com). Copy the address Teams gave you, or ask "
            "an admin to allow this host (YOUSAID_TEAMS_WEBHOOK_HOSTS)."
        )
    return Target(host, port)


def public_addresses(target: Target, *, allow_loopback: bool = False) -> list[IpAddress]:
    """What the host resolves to now, every address on the public internet; RefusedWebhook
    if any is not (a name pointed at 10.0.0.5 or 127.0.0.1 after it was saved)."""
    literal = _literal(target.host)
    if literal is not None:
        found = [literal]
    else:
        try:
            infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise RefusedWebhook(f"{target.host} cannot be found: {exc}") from exc
        found = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
    for address in found:
        if allow_loopback and address.is_loopback:
            continue
        if not is_public(address):
            raise RefusedWebhook(
                f"{target.host} resolves to {address}, which is not a public internet address"
            )
    if not found:
        raise RefusedWebhook(f"{target.host} cannot be found")
    return found


def is_public(address: IpAddress) -> bool:
    """On the public internet: not private, loopback, link-local, shared, reserved or
    multicast (an IPv4 address written as IPv6 is judged as itself)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _literal(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
