"""Only https addresses on Microsoft's webhook hosts, and never one that is not public."""

from __future__ import annotations

import ipaddress

import pytest

from channels.teams.addresses import RefusedWebhook, Target, check_url, public_addresses


@pytest.mark.parametrize(
    "url",
    [
        "https://council.webhook.office.com/webhookb2/abc",
        "https://prod-12.uksouth.logic.azure.com:443/workflows/abc/triggers/manual",
        "https://default1234.56.environment.api.powerplatform.com/powerautomate/abc",
    ],
)
def test_microsofts_webhook_hosts_are_accepted(url: str):
    assert check_url(url).port == 443


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://council.webhook.office.com/webhookb2/abc", "must start with https://"),
        ("https://hooks.example.org/abc", "is not a Microsoft Teams webhook host"),
        ("https://webhook.office.com.evil.example/abc", "is not a Microsoft Teams webhook host"),
        ("https://evilwebhook.office.com/abc", "is not a Microsoft Teams webhook host"),
        ("https://169.254.169.254/latest/meta-data", "not a numeric IP address"),
        ("https://10.0.0.5/hook", "not a numeric IP address"),
        ("https://[::1]/hook", "not a numeric IP address"),
        ("https://127.0.0.1/hook", "not a numeric IP address"),
        ("https://user:pw@council.webhook.office.com/x", "user name or password"),
    ],
)
def test_other_addresses_are_refused_saying_why(url: str, why: str):
    with pytest.raises(RefusedWebhook, match=why):
        check_url(url)


def test_a_council_may_allow_another_host_but_still_only_over_https():
    assert check_url("https://hooks.council.gov.uk/x", other_hosts=["*.council.gov.uk"])
    with pytest.raises(RefusedWebhook, match="https://"):
        check_url("http://hooks.council.gov.uk/x", other_hosts=["*.council.gov.uk"])


def test_a_name_that_resolves_inward_is_refused_when_sending():
    # "localhost" passes the name check once allowed, but resolves to a loopback address.
    target = check_url("https://localhost/hook", other_hosts=["localhost"])
    with pytest.raises(RefusedWebhook, match="not a public internet address"):
        public_addresses(target)


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "192.168.0.1",
        "172.16.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "127.0.0.1",
        "::1",
        "fe80::1",
        "fd00::1",
        "::ffff:10.0.0.1",
        "0.0.0.0",
    ],
)
def test_no_private_loopback_or_link_local_address_is_called(address: str):
    with pytest.raises(RefusedWebhook):
        public_addresses(Target(address, 443))


def test_a_public_address_is_called():
    assert public_addresses(Target("52.96.0.1", 443)) == [ipaddress.ip_address("52.96.0.1")]


def test_only_the_test_suites_loopback_stand_in_may_use_http():
    assert check_url("http://127.0.0.1:8080/webhookb2/test", allow_loopback=True).port == 8080
    with pytest.raises(RefusedWebhook):
        check_url("http://10.0.0.5:8080/x", allow_loopback=True)
    with pytest.raises(RefusedWebhook):
        public_addresses(Target("10.0.0.5", 8080), allow_loopback=True)
