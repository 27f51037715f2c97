"""The email that invites a partner agency (or anyone with no mobile) to the web form."""

from __future__ import annotations

from api.models.enums import Audience, Language, Tense
from channels.i18n import channel_gettext


def invitation_email(
    *,
    council: str,
    url: str,
    audience: Audience,
    language: Language,
    tense: Tense | None = None,
) -> tuple[str, str]:
    """(subject, plain text). The link is personal and works once; the words say no more
    about the case than the recipient already knows. At the front door (Tense.during) the
    work is still going on: "how working with us is going", "the help you are getting"."""
    _ = channel_gettext(language).gettext
    during = tense is Tense.during
    subject = (
        _("{council}: tell us how working with children's services is going")
        if during
        else _("{council}: tell us how working with children's services went")
    ).format(council=council)
    if audience is Audience.partner:
        opening = _("We would value your feedback on working with us.")
    elif during:
        opening = _("We would like to hear about the help you are getting from us.")
    else:
        opening = _("We would like to hear about the help you got from us.")
    body = "\n\n".join(
        [
            opening,
            _("It takes about 3 minutes, and it is up to you. This link is just for you:"),
            url,
            _("If you would rather not hear from us about this, you can ignore this email."),
            council,
        ]
    )
    return subject, body + "\n"


def reminder_email(
    *, council: str, url: str, language: Language, tense: Tense | None = None
) -> tuple[str, str]:
    """The one reminder, sent only if the link was not opened, in the invitation's tense."""
    _ = channel_gettext(language).gettext
    subject = _("{council}: a reminder about our feedback form").format(council=council)
    still = (
        _("You can still tell us how working with us is going. This link is just for you:")
        if tense is Tense.during
        else _("You can still tell us how working with us went. This link is just for you:")
    )
    body = "\n\n".join(
        [
            still,
            url,
            _("We will not remind you again."),
            council,
        ]
    )
    return subject, body + "\n"
