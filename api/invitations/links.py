"""Personal single-use links (/i/{token}): the token is derived, only its hash is stored."""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.models import Invitation


def link_token(public_id: str) -> str:
    """The single-use link's token: derived with the secret key, so only a hash is stored and
    a reminder can carry the same link."""
    key = get_settings().secret_key.encode()
    digest = hmac.new(key, f"invitation-link:{public_id}".encode(), hashlib.sha256).digest()
    return digest[:18].hex()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(invitation: Invitation) -> str:
    base = get_settings().public_base_url.rstrip("/")
    return f"{base}/i/{link_token(invitation.public_id)}"


def by_link(session: Session, token: str) -> Invitation | None:
    if not token or len(token) > 64:
        return None
    return session.scalar(select(Invitation).where(Invitation.token_hash == token_hash(token)))
