"""Contact details at rest: Fernet encryption, and keyed hashes to find them without it."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from api.core.config import get_settings


@lru_cache
def _fernet(keys: str | None, secret: str) -> MultiFernet:
    if keys:
        return MultiFernet([Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()])
    # Development only (production refuses to start without keys): a key derived from the
    # secret, so `make run` needs no set-up and rotating the secret is the only way to lose it.
    derived = hmac.new(secret.encode(), b"yousaid-encryption-key", hashlib.sha256).digest()
    return MultiFernet([Fernet(base64.urlsafe_b64encode(derived))])


def _current() -> MultiFernet:
    settings = get_settings()
    return _fernet(settings.encryption_keys, settings.secret_key)


def encrypt(value: str) -> str:
    return _current().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    """The plain value; ValueError when no configured key opens it."""
    try:
        return _current().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("encrypted with a key that is no longer configured") from exc


def contact_hash(value: str) -> str:
    """A keyed hash of a normalised number or address: equal inputs, equal hashes; no way back
    without the secret. Opt-outs are kept only as this."""
    key = hashlib.sha256(b"yousaid-contact:" + get_settings().secret_key.encode()).digest()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()
