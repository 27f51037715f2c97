"""The privacy notice and accessibility statement: on every public page's footer, in both
languages, with the council's own details where it has given them and no invented ones."""

from __future__ import annotations

import itertools
import re

import pytest

from api.core.config import get_settings

PUBLIC_PAGES = ("/", "/f/young-person", "/f/parent-carer", "/you-said-we-did", "/f/no-such-survey")


@pytest.fixture
def council(monkeypatch):
    def settle(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"YOUSAID_{name.upper()}", value)
        get_settings.cache_clear()

    yield settle
    get_settings.cache_clear()


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_links_to_both_notices_in_its_language(client, path, language):
    page = client.get(path, params={"lang": language}).text
    assert re.search(rf'href="/privacy\?lang={language}(&amp;from=[a-z-]+)?"', page)
    assert re.search(rf'href="/accessibility\?lang={language}(&amp;from=[a-z-]+)?"', page)


def test_from_a_form_the_notice_keeps_its_exit_and_the_way_back(client):
    form = client.get("/f/parent-carer").text
    assert 'href="/privacy?lang=en&amp;from=parent-carer"' in form
    notice = client.get("/privacy", params={"lang": "en", "from": "parent-carer"}).text
    assert 'href="/f/parent-carer/exit"' in notice  # Exit this page, as on the form
    assert '<a href="/f/parent-carer?lang=en">Back to the form</a>' in notice
    # A made-up form name is ignored, not echoed.
    made_up = client.get("/privacy", params={"from": "<script>"}).text
    assert "Back to the form" not in made_up and "&lt;script&gt;" not in made_up


def test_the_privacy_notice_says_what_is_kept_and_for_how_long(client, council):
    council(contact_retention_days="14", form_draft_idle_hours="24")
    page = client.get("/privacy").text
    assert "<h1>How we use what you tell us</h1>" in page
    assert "erased 14 days after the survey ends" in page
    assert "after 24 hours" in page
    assert "We do not collect your internet address" in page
    assert "ico.org.uk/make-a-complaint" in page
    # Nothing is invented where the council has not said it.
    assert "registered with the Information Commissioner" not in page
    assert "by calling the council on 01632 960000" in page


def test_the_councils_own_details_appear_when_set(client, council):
    council(
        council_name="Example County Council",
        privacy_contact="dpo@example.gov.uk",
        ico_registration="Z1234567",
        answers_kept_for="6 years after the case closes",
    )
    page = client.get("/privacy").text
    assert "Example County Council is responsible" in page
    assert "dpo@example.gov.uk" in page and "number Z1234567" in page
    assert "Your answers: 6 years after the case closes, then they are deleted." in page


def test_the_welsh_notices_are_welsh_with_the_councils_welsh_name(client, council):
    council(council_name="Example County Council", council_name_cy="Cyngor Sir Enghraifft")
    privacy = client.get("/privacy", params={"lang": "cy"})
    assert '<html lang="cy">' in privacy.text
    assert "Cyngor Sir Enghraifft sy'n gyfrifol" in privacy.text
    assert "Example County Council" not in privacy.text
    statement = client.get("/accessibility", params={"lang": "cy"}).text
    assert "<h1>Datganiad hygyrchedd</h1>" in statement
    assert "2 Rhagfyr 2026" in statement  # the date the statement was last reviewed


def test_the_accessibility_statement_has_what_the_regulations_ask(client, council):
    council(accessibility_contact="access@example.gov.uk", accessibility_checked_on="2027-01-15")
    page = client.get("/accessibility").text
    for part in (
        "Compliance status",
        "partially compliant",
        "Content that is not accessible",
        "Enforcement procedure",
        "Equality and Human Rights Commission",
        "How we tested these pages",
        "access@example.gov.uk",
        "15 January 2027",
    ):
        assert part in page, part


def test_the_notices_headings_go_down_one_level_at_a_time(client):
    for path in ("/privacy", "/accessibility", "/you-said-we-did"):
        for language in ("en", "cy"):
            html = client.get(path, params={"lang": language}).text
            levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", html)]
            assert levels[0] == 1, path
            assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (path, levels)


def test_the_demo_council_has_a_welsh_name_and_a_real_one_keeps_its_english_until_given(
    client, council
):
    welsh = client.get("/privacy", params={"lang": "cy"}).text
    assert "Cyngor Demo" in welsh and "Demo Council" not in welsh  # the demo, as it starts
    council(council_name="Example County Council")
    # A real council's Welsh pages show its English name until YOUSAID_COUNCIL_NAME_CY is set.
    assert "Example County Council" in client.get("/privacy", params={"lang": "cy"}).text


def test_the_privacy_notice_gives_each_retention_setting_and_how_to_ask_for_a_copy(client, council):
    council(retention_raw_text_days="60", retention_free_text_days="1095")
    page = client.get("/privacy").text
    assert "just as you wrote them for 60 days" in page
    assert "After 3 years the words are deleted" in page
    assert "until 6 years after that record is closed" in page
    assert "<h3>Asking for a copy</h3>" in page and "within one month" in page
    welsh = client.get("/privacy", params={"lang": "cy"}).text
    assert "am 60 diwrnod" in welsh and "Ar ôl 3 blynedd, mae'r geiriau'n cael eu dileu" in welsh
    assert "tan 6 blynedd ar ôl" in welsh and "<h3>Gofyn am gopi</h3>" in welsh
