"""What a child's form says to them, read from the templates' branches."""

from __future__ import annotations

from frontend.child_words import child_page_strings, template_strings


def test_a_childs_branch_is_read_and_an_adults_is_not():
    template = """
    <p>{{ _("Everyone") }}</p>
    {% if child %}{{ _("Child") }}{% else %}{{ _("Adult") }}{% endif %}
    {% if audience == "young_person" %}{{ _("Young") }}{% elif audience == "partner" %}
    {{ _("Partner") }}{% else %}{{ _("Parent") }}{% endif %}
    {% if youngest %}{{ _("Youngest") }}{% else %}{{ _("Any reader") }}{% endif %}
    {% if not child %}{{ _("Not a child") }}{% endif %}
    {{ _("Short") if child else _("Long") }}
    {{ _("For adults") if not child else _("For children") }}
    """
    assert list(template_strings(template)) == [
        "Everyone",
        "Child",
        "Young",
        "Youngest",
        "Any reader",
        "Short",
        "For children",
    ]


def test_the_child_pages_hold_the_words_of_the_start_thanks_and_errors():
    found = {english: (where, welsh) for where, english, welsh in child_page_strings()}
    assert found["(you can skip this)"] == ("start.html", "(galli di adael hwn)")
    assert "(optional)" not in found or found["(optional)"][0] == "help_now.html"
    assert "We have told children's services. Someone will try to contact you soon." not in found
    assert found["Your answer is too long. Please use fewer than 5,000 letters and spaces."][0] == (
        "said from Python"
    )
