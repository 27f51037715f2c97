"""Where an invitation can go: a mobile for texts, else an email address."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from api.invitations.schemas import ContactIn
from api.models.enums import Channel, InvitationMode


class Unreachable(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


# Ofcom keeps 07700 900000-900999 for drama and testing: never a real person's phone, so the
# simulator, demos and training set-ups use it. libphonenumber calls it invalid.
_DRAMA_MOBILES = re.compile(r"^\+447700900\d{3}$")


def normalise_phone(raw: str) -> str:
    """E.164 for a UK (or international) mobile; Unreachable when it cannot take a text."""
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException as exc:
        raise Unreachable("invalid_phone") from exc
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if _DRAMA_MOBILES.match(e164):
        return e164
    if not phonenumbers.is_valid_number(number):
        raise Unreachable("invalid_phone")
    kind = phonenumbers.number_type(number)
    if kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise Unreachable("not_a_mobile")
    return e164


def normalise_email(raw: str) -> str:
    local, _, domain = raw.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


@dataclass(frozen=True)
class Route:
    channel: Channel
    address: str
    mode: InvitationMode


def route(contact: ContactIn, sms_mode: InvitationMode) -> Route:
    """Text if they have a mobile, else email (most partner agencies); else Unreachable."""
    reason = "no_usable_contact"
    if contact.phone:
        try:
            return Route(Channel.sms, normalise_phone(contact.phone), sms_mode)
        except Unreachable as exc:
            reason = exc.reason
    if contact.email:
        return Route(Channel.email, normalise_email(contact.email), InvitationMode.link)
    raise Unreachable(reason)
