"""What production refuses to start with, each refusal saying what to do instead.

A council that starts YouSaid in production with a guessable secret, a key that cannot
decrypt, an address mail never reaches or a phone number from a television drama has a
service that looks fine and fails the first family or the first alert. So each of these
stops the start, all of them listed at once (decision 36).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import Protocol
from urllib.parse import urlsplit

from cryptography.fernet import Fernet


class Settings(Protocol):
    """The settings checked (api.core.config.Settings, which calls this: so no import)."""

    secret_key: str
    encryption_keys: str | None
    public_base_url: str
    council_phone: str
    front_door_phone: str
    out_of_hours_phone: str

    @property
    def duty_contacts(self) -> list[str]: ...
    @property
    def escalation_contacts(self) -> list[str]: ...
    @property
    def out_of_hours_contacts(self) -> list[str]: ...


# The settings production cannot do without: no default of theirs is safe there.
REQUIRED = (
    "YOUSAID_SECRET_KEY",
    "YOUSAID_ENCRYPTION_KEYS",
    "YOUSAID_PUBLIC_BASE_URL",
    "YOUSAID_DUTY_EMAILS",
    "YOUSAID_COUNCIL_PHONE",
    "YOUSAID_FRONT_DOOR_PHONE",
    "YOUSAID_OUT_OF_HOURS_PHONE",
)
# 32 bytes: what `openssl rand -hex 32` and `secrets.token_urlsafe(32)` give.
SECRET_BITS = 256
HOW_TO_GENERATE = (
    "generate one with `openssl rand -hex 32` or "
    '`python -c "import secrets; print(secrets.token_urlsafe(32))"`'
)
MAKE_FERNET_KEY = (
    "generate one with `python -c "
    '"from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`'
)
# Placeholders people paste from examples; compared trimmed and case-insensitively.
PLACEHOLDERS = frozenset(
    {
        "change-me-in-production",
        "change-me",
        "changeme",
        "change_me",
        "changethis",
        "secret",
        "secret-key",
        "your-secret-key",
        "replace-me",
        "please-change-me",
        "a long random string",
    }
)
# Mail to these never arrives (RFC 2606, RFC 6761): an alert sent there is an alert lost.
RESERVED_MAIL_DOMAINS = ("invalid", "example", "test", "localhost", "local")
RESERVED_MAIL_HOSTS = ("example.com", "example.org", "example.net")
_EMAIL = re.compile(
    r"^[^@\s,;<>\"]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
# Ofcom's numbers for drama, which the demo uses: 01632 960000-960999 reach nobody.
_DRAMA_PHONE = re.compile(r"^01632960\d{3}$")


def refusals(settings: Settings) -> list[str]:
    """Every reason these settings are unsafe in production, each with what to do."""
    found: list[str] = []
    found += _secret(settings.secret_key)
    found += _encryption_keys(settings.encryption_keys)
    found += _addresses("YOUSAID_DUTY_EMAILS", settings.duty_contacts, required=True)
    found += _addresses("YOUSAID_ALERT_ESCALATION_EMAILS", settings.escalation_contacts)
    found += _addresses("YOUSAID_OUT_OF_HOURS_EMAILS", settings.out_of_hours_contacts)
    found += _public_url(settings.public_base_url)
    found += _phone(
        "YOUSAID_COUNCIL_PHONE", settings.council_phone, "the number a HELP text gives a family"
    )
    found += _phone(
        "YOUSAID_FRONT_DOOR_PHONE",
        settings.front_door_phone,
        "the children's services front door, shown to people worried about a child",
    )
    found += _phone(
        "YOUSAID_OUT_OF_HOURS_PHONE",
        settings.out_of_hours_phone,
        "the emergency duty team's number, shown to people worried about a child",
    )
    return found


def estimated_bits(secret: str) -> float:
    """A cautious guess at a secret's entropy: its length times the bits per character of
    the smallest alphabet it is written in (hex counts as 4 bits a character), and never more
    than its spread of characters allows (so "aaaa…" or "abab…" counts for little)."""
    if not secret:
        return 0.0
    if re.fullmatch(r"[0-9a-f]+|[0-9A-F]+", secret):
        alphabet = 16
    else:
        alphabet = sum(
            size
            for present, size in (
                (any(c.islower() for c in secret), 26),
                (any(c.isupper() for c in secret), 26),
                (any(c.isdigit() for c in secret), 10),
                (any(not c.isalnum() for c in secret), 33),
            )
            if present
        )
    by_alphabet = len(secret) * math.log2(alphabet)
    counts = Counter(secret)
    spread = max(0.0, -sum(n * math.log2(n / len(secret)) for n in counts.values()))
    # Random keys spread well (token_urlsafe(32) scores at least ~190 here); repeats do not.
    return by_alphabet if spread >= SECRET_BITS / 2 and len(counts) >= 10 else spread


def _secret(secret: str) -> list[str]:
    name = "YOUSAID_SECRET_KEY"
    if secret.strip().lower() in PLACEHOLDERS or "change-me" in secret.lower():
        return [f"{name} is a placeholder from an example: {HOW_TO_GENERATE}."]
    bits = estimated_bits(secret.strip())
    if bits < SECRET_BITS:
        return [
            f"{name} is too short or too simple to be a secret (about {bits:.0f} bits; "
            f"production needs {SECRET_BITS}): {HOW_TO_GENERATE}."
        ]
    return []


def _encryption_keys(keys: str | None) -> list[str]:
    name = "YOUSAID_ENCRYPTION_KEYS"
    parts = [k.strip() for k in (keys or "").split(",") if k.strip()]
    if not parts:
        return [
            f"{name} must be set in production (phone numbers and email addresses are "
            f"encrypted with it): {MAKE_FERNET_KEY}."
        ]
    bad = [i for i, key in enumerate(parts, 1) if not _is_fernet_key(key)]
    if bad:
        which = ", ".join(f"number {i}" for i in bad)
        return [
            f"{name}: key {which} is not a Fernet key (32 bytes, URL-safe base64, 44 "
            f"characters); every text and email would fail: {MAKE_FERNET_KEY}. Keep older "
            "keys after the new one, comma-separated, so what they encrypted still opens."
        ]
    return []


def _is_fernet_key(key: str) -> bool:
    try:
        Fernet(key.encode())
    except (ValueError, TypeError):
        return False
    return True


def _addresses(name: str, addresses: Iterable[str], *, required: bool = False) -> list[str]:
    given = list(addresses)
    if required and not given:
        return [
            f"{name} must name the duty team in production (comma-separated addresses told "
            "at once of a safeguarding alert)."
        ]
    found = []
    for address in given:
        if not _EMAIL.match(address):
            found.append(
                f"{name}: {address!r} is not an email address; write addresses such as "
                "duty@council.gov.uk, separated by commas."
            )
        elif _reserved(address):
            found.append(
                f"{name}: {address!r} is an address mail never reaches (a placeholder "
                "domain); write the team's real address."
            )
    return found


def _reserved(address: str) -> bool:
    domain = address.rsplit("@", 1)[1].lower()
    return domain.rsplit(".", 1)[-1] in RESERVED_MAIL_DOMAINS or any(
        domain == host or domain.endswith("." + host) for host in RESERVED_MAIL_HOSTS
    )


def _public_url(url: str) -> list[str]:
    name = "YOUSAID_PUBLIC_BASE_URL"
    if not url.strip():
        return [
            f"{name} must be set in production: the address in every link, QR code and "
            "webhook signature, as people type it (https://feedback.council.gov.uk)."
        ]
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.hostname:
        return [
            f"{name} must be an https:// address in production (got {url!r}): staff "
            "sign-in cookies are marked Secure only then, and browsers are told to keep to "
            "https. Serve YouSaid behind a proxy that holds the certificate and set the "
            "address people type (https://feedback.council.gov.uk)."
        ]
    return []


def _phone(name: str, number: str, what: str) -> list[str]:
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if _DRAMA_PHONE.match(digits):
        return [
            f"{name} is the demo's number ({number}, a made-up number that reaches nobody): "
            f"set {what}."
        ]
    if not digits:
        return [f"{name} is empty: set {what}."]
    return []
