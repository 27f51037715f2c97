"""The email that invites a partner agency (or anyone with no mobile) to the web form."""

from __future__ import annotations

from api.models.enums import Audience, Language
from channels.i18n import channel_gettext


def invitation_email(
    *, council: str, url: str, audience: Audience, language: Language
) -> tuple[str, str]:
    """(subject, plain text). The link is personal and works once; the words say no more
    about the case than the recipient already knows."""
    _ = channel_gettext(language).gettext
    subject = _("{council}: tell us how working with children's services went").format(
        council=council
    )
    opening = (
        _("We would value your feedback on working with us.")
        if audience is Audience.partner
        else _("We would like to hear about the help you got from us.")
    )
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


def reminder_email(*, council: str, url: str, language: Language) -> tuple[str, str]:
    """The one reminder, sent only if the link was not opened."""
    _ = channel_gettext(language).gettext
    subject = _("{council}: a reminder about our feedback form").format(council=council)
    body = "\n\n".join(
        [
            _("You can still tell us how working with us went. This link is just for you:"),
            url,
            _("We will not remind you again."),
            council,
        ]
    )
    return subject, body + "\n"
