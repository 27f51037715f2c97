"""Notify's callback token and number format."""

from channels.notify.client import bearer_ok
from channels.notify.routes import international


def test_the_bearer_token_must_match_exactly():
    assert bearer_ok("Bearer s3cret-token", "s3cret-token")
    assert bearer_ok("bearer s3cret-token", "s3cret-token")
    assert not bearer_ok("Bearer s3cret-toke", "s3cret-token")
    assert not bearer_ok("Basic s3cret-token", "s3cret-token")
    assert not bearer_ok(None, "s3cret-token")
    assert not bearer_ok("Bearer ", "s3cret-token")
    assert not bearer_ok("Bearer anything", None)


def test_notify_numbers_become_the_international_form_contacts_are_stored_in():
    assert international("447700900123") == "+447700900123"
    assert international("+447700900123") == "+447700900123"
    assert international("07700900123") == "+447700900123"
