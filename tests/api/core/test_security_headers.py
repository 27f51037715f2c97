"""Every answer carries the security headers, unless its page set its own."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.core.config import get_settings
from api.main import create_app

PAGES = ["/", "/privacy", "/accessibility", "/staff/login", "/f/parent-carer"]


def test_every_page_sends_a_csp_that_refuses_framing_and_inline_script(client):
    for path in PAGES:
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp, path
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] in ("no-referrer", "same-origin"), path


def test_json_and_files_load_nothing_and_cannot_be_framed(client):
    for path in ["/livez", "/api/v1/responses", "/static/yousaid.css"]:
        headers = client.get(path).headers
        assert headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
        assert headers["x-content-type-options"] == "nosniff"


def test_a_pages_own_policy_is_kept(client):
    # The public pages send no-referrer (a shared phone passes nothing on): not replaced.
    assert client.get("/").headers["referrer-policy"] == "no-referrer"
    assert len(client.get("/").headers.get_list("content-security-policy")) == 1


def test_hsts_only_when_the_public_address_is_https(monkeypatch, db):
    assert "strict-transport-security" not in TestClient(create_app()).get("/livez").headers
    monkeypatch.setenv("YOUSAID_PUBLIC_BASE_URL", "https://feedback.council.gov.uk")
    get_settings.cache_clear()
    try:
        headers = TestClient(create_app()).get("/livez").headers
    finally:
        get_settings.cache_clear()
    assert headers["strict-transport-security"] == "max-age=31536000"
