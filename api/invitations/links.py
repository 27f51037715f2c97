"""Personal single-use links (/i/{token}): the token is derived, only its hash is stored.

A queued text or email holds its link with a stand-in where the token goes, and the token is
put in as it is sent (api/messaging/dispatch.py): a copy of `outbound_messages` (a backup, a
report, a support query) then opens nobody's survey. The stand-in is as long as a token and in
the same alphabet class, so the segment count worked out when the text was queued holds.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.models import Invitation

TOKEN_LENGTH = 36
STORED_TOKEN = "token-added-when-sent".ljust(TOKEN_LENGTH, "-")
_STORED_LINK = "/i/" + STORED_TOKEN
# A working link in a body stored before the stand-in was used (migration 0019 clears them).
WORKING_LINK = re.compile(r"/i/[0-9a-f]{36}\b")


def link_token(public_id: str) -> str:
    """The single-use link's token: derived with the secret key, so only a hash is stored and
    a reminder can carry the same link."""
    key = get_settings().secret_key.encode()
    digest = hmac.new(key, f"invitation-link:{public_id}".encode(), hashlib.sha256).digest()
    return digest[:18].hex()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(invitation: Invitation) -> str:
    """The working link, as a person opens it."""
    base = get_settings().public_base_url.rstrip("/")
    return f"{base}/i/{link_token(invitation.public_id)}"


def stored_link_url(invitation: Invitation) -> str:
    """The link as a queued message keeps it: the stand-in where the token goes."""
    return get_settings().public_base_url.rstrip("/") + _STORED_LINK


def with_token(body: str, public_id: str | None) -> str:
    """A stored body as it is sent: the invitation's token where the stand-in is."""
    if public_id is None or _STORED_LINK not in body:
        return body
    return body.replace(_STORED_LINK, f"/i/{link_token(public_id)}")


def by_link(session: Session, token: str) -> Invitation | None:
    if not token or len(token) > 64:
        return None
    return session.scalar(select(Invitation).where(Invitation.token_hash == token_hash(token)))
