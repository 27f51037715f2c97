"""What the `api/` services say, in the staff reader's language (issue 15: Welsh no less
favourably).

The services raise their errors, refusals and field problems in English: the API answers in
English and api/ never imports the staff pages. This is the staff boundary's mapping. A message
with nothing built in is looked up as it stands (its English is the msgid); one with values
built in ("There is already a user ana@…") is matched by its shape and said again with its
values. Closed sets of English words stored or built by api/ (who an alert's email went to,
why a text did not arrive) are mapped by their key here too. A message nobody listed shows as
the service wrote it, in English, rather than not at all."""

from __future__ import annotations

import re
from collections.abc import Callable

from frontend.staff import labels
from frontend.staff.language import N_, _, current

# Said as the services write them (no values built in). Grouped by where they come from.
MESSAGES = (
    # Refusals a role meets (api/*/service.py REFUSAL and friends)
    N_("Only an admin can manage accounts and teams"),
    N_("Actions are written by managers and the rights team"),
    N_("QR placements are managed by managers and the rights team"),
    N_("Only the rights team, admins and managers read texts outside a survey"),
    N_("Only the rights team, admins and managers see which messages did not arrive"),
    N_("Only an admin can look a person's data up, export or erase it"),
    N_("Safeguarding alerts are handled by managers and the rights team"),
    N_("Your role cannot read raw feedback"),
    N_("Your role cannot see contact details"),
    N_("Your role cannot export raw feedback"),
    N_("Possible concerns are read by managers and the rights team"),
    N_("Theme review is for the children's rights team"),
    N_("Episodes show what identifiable people said: ask a manager"),
    # Not found (or not yours)
    N_("There is no such user"),
    N_("There is no such team"),
    N_("No such team"),
    N_("There is no such action"),
    N_("There is no such placement"),
    N_("There is no alert with that id"),
    N_("There is no possible concern with that id"),
    N_("There is no response with that id"),
    N_("There is no such free-text answer"),
    N_("There is no such digest"),
    N_("This digest was not sent (nothing to report, or not yet)"),
    N_("There is no such episode"),
    N_("There is no such forum"),
    N_("There is no such text, or it is another team's"),
    N_("There is no such survey version"),
    # Something changed, or must wait
    N_("You cannot remove your own admin role or deactivate yourself"),
    N_("Only 'no further action' can say it was not a disclosure"),
    N_("Only a signed-in person can hold an alert"),
    N_("This possible concern has been read and its outcome recorded already"),
    N_("The alert could not be raised; try again"),
    N_("That episode is being stored by another request; try again"),
    N_(
        "A safeguarding alert about this person is still open. Nothing can be erased until "
        "the duty team has closed it."
    ),
    N_(
        "Something this person wrote has not been read by a person yet (a possible concern "
        "or a text). Nothing can be erased until it has been read."
    ),
    # What was entered
    N_("Some details are not right"),
    N_("Some fields could not be accepted"),
    N_("Not one of your teams"),
    N_("not yours"),
    N_("not one of your teams"),
    N_("some responses are not ones you can see"),
    N_("choose at least one"),
    N_("That is not an email address"),
    N_("not an email address"),
    N_("unknown team"),
    N_("Use lower-case letters, numbers and hyphens"),
    N_("Enter the team's name (up to 200 characters)"),
    N_("Enter the Welsh name in up to 200 characters"),
    N_("There is already a team with that short name"),
    N_("Choose English or Cymraeg"),
    N_("Choose another password"),  # its problems: auth_routes.PASSWORD_PROBLEMS
    N_("Your current password is not right"),
    N_("Add the Welsh before publishing: Welsh is offered as well as English"),
    N_("Unknown theme"),
    N_("a forum's key cannot change"),
    N_("Choose what to look up by"),
    N_("Enter what to look up"),
    N_("Enter a mobile number, like 07700 900123"),
    N_("Enter an email address, like name@example.com"),
    N_("Tick the Welsh you have checked, then approve it"),
    N_("The period starts after it ends"),
    N_("is after 'to'"),
    # Signing in with the council's sign-in service (api/accounts/oidc.py)
    N_("The sign-in service could not be reached. Try again soon."),
    N_("The sign-in service did not accept this sign-in. Please start again."),
    N_("The sign-in service gave no identity. Please start again."),
    N_("The sign-in service did not say your email address."),
    N_("The sign-in could not be checked. Please start again."),
)


def _role(value: str) -> str:
    return labels.role(value)


def _status(value: str) -> str:
    return labels.status_word(value)


def _statuses(value: str) -> str:
    if value == "nothing":
        return _("nothing")
    return ", ".join(labels.status_word(v) for v in value.split(", "))


def _field(value: str) -> str:
    return _(FIELDS[value]) if value in FIELDS else value


def _as_is(value: str) -> str:
    return value


FIELDS = {
    "team": N_("team"),
    "collection point": N_("collection point"),
    "what people said": N_("what people said"),
    "what we did": N_("what we did"),
}

# (the service's shape, the staff catalogue's wording, how each value is said)
Shape = tuple[re.Pattern[str], str, dict[str, Callable[[str], str]]]
SHAPES: tuple[Shape, ...] = (
    (
        re.compile(r"There is already a user (?P<email>.+)"),
        N_("There is already a user %(email)s"),
        {},
    ),
    (re.compile(r"There is no user (?P<email>.+)"), N_("There is no user %(email)s"), {}),
    (
        re.compile(r"A (?P<role>\w+) sees only their teams: choose at least one"),
        N_("A %(role)s sees only their teams: choose at least one"),
        {"role": _role},
    ),
    (re.compile(r"Unknown team: (?P<teams>.+)"), N_("Unknown team: %(teams)s"), {}),
    (re.compile(r"'(?P<slug>.+)' is taken"), N_("'%(slug)s' is taken"), {}),
    (
        re.compile(r"there is no (?P<field>team|collection point) '(?P<value>.+)'"),
        N_("there is no %(field)s '%(value)s'"),
        {"field": _field},
    ),
    (re.compile(r"not themes?: (?P<themes>.+)"), N_("not themes: %(themes)s"), {}),
    (
        re.compile(r"Add the Welsh of (?P<what>.+) before publishing"),
        N_("Add the Welsh of %(what)s before publishing"),
        {"what": _field},
    ),
    (
        re.compile(r"There is already a forum '(?P<key>.+)'"),
        N_("There is already a forum '%(key)s'"),
        {},
    ),
    (
        re.compile(r"An alert that is (?P<status>\w+) can move to (?P<allowed>.+)"),
        N_("An alert that is %(status)s can move to %(allowed)s"),
        {"status": _status, "allowed": _statuses},
    ),
    (
        re.compile(r"Keep the note under (?P<limit>[\d,]+) characters"),
        N_("Keep the note under %(limit)s characters"),
        {},
    ),
    (
        re.compile(r"There is no survey '(?P<key>[^']+)' version (?P<version>\d+)"),
        N_("There is no survey '%(key)s' version %(version)s"),
        {},
    ),
    (re.compile(r"There is no survey '(?P<key>[^']+)'"), N_("There is no survey '%(key)s'"), {}),
    (
        re.compile(r"No survey has a statement '(?P<key>.+)'"),
        N_("No survey has a statement '%(key)s'"),
        {},
    ),
    (
        re.compile(r"The survey '(?P<survey>.+)' has no statement '(?P<key>.+)'"),
        N_("The survey '%(survey)s' has no statement '%(key)s'"),
        {},
    ),
    (
        re.compile(r"'(?P<key>.+)' is not a period \(2026-W47, 2026-F24, 2026-11 or 2026-Q4\)"),
        N_("'%(key)s' is not a period (2026-W47, 2026-F24, 2026-11 or 2026-Q4)"),
        {},
    ),
    (
        re.compile(r"'(?P<key>.+)' is not a (?P<cadence>\w+) period"),
        N_("'%(key)s' is not a %(cadence)s period"),
        {"cadence": lambda value: labels.cadence(value).lower()},
    ),
    (
        re.compile(r"not email addresses: (?P<emails>.+)"),
        N_("not email addresses: %(emails)s"),
        {},
    ),
)


def say(message: str) -> str:
    """A service's message in the reader's language (English when nobody listed it)."""
    translated = _(message)
    if translated != message or current() == "en":
        return translated  # in English, exactly as the service wrote it
    for shape, wording, values in SHAPES:
        found = shape.fullmatch(message)
        if found:
            parts = {k: v for k, v in found.groupdict().items() if f"%({k})s" in wording}
            return _(
                wording,
                **{name: values.get(name, _as_is)(value or "") for name, value in parts.items()},
            )
    return message


# Who an alert's email went to (api/alerts/notify.py stores the label with the email).
RECIPIENTS = {
    "duty team": N_("duty team"),
    "out-of-hours team": N_("out-of-hours team"),
    "out-of-hours team and duty team": N_("out-of-hours team and duty team"),
}
ESCALATION = " and escalation contacts"


def recipients(label: str) -> str:
    """Who an alert was told, as stored ("duty team and escalation contacts"), in words."""
    if label.endswith(ESCALATION):
        told = label.removesuffix(ESCALATION)
        return _("%(who)s and escalation contacts", who=recipients(told))
    return _(RECIPIENTS[label]) if label in RECIPIENTS else label
