"""The language switch on every staff page: English or Cymraeg, kept with the person.

Signed in, the choice is stored on the staff user (so it follows them to another computer and
across signing in again) and the form carries the session's CSRF token like every staff POST.
On the sign-in page nobody is known yet: the form carries the sign-in page's double-submit
token and the choice is kept in a cookie only. Both set the cookie, so the sign-in page after
signing out speaks the language the person last chose."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from api.accounts import signin
from api.accounts.signin import SignedIn
from frontend import security
from frontend.pages import secure_cookies
from frontend.staff import language
from frontend.staff.auth_routes import safe_next
from frontend.staff.language import _
from frontend.staff.session import SESSION_COOKIE, error, page

router = APIRouter(include_in_schema=False)
ONE_YEAR = 365 * 24 * 3600


def _back(target: str, chosen: str) -> RedirectResponse:
    response = RedirectResponse(safe_next(target), status_code=303)
    response.set_cookie(
        language.LANGUAGE_COOKIE,
        chosen,
        max_age=ONE_YEAR,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(),
        path="/staff",
    )
    return response


@router.post("/staff/language")
async def choose_language(request: Request) -> Response:
    """Switch the staff pages between English and Cymraeg, then back to the page it was on."""
    form = dict(await request.form())
    chosen = language.known(str(form.get("language", "")))
    target = str(form.get("next", ""))
    if request.cookies.get(SESSION_COOKIE):

        def work(session: Session, who: SignedIn) -> Response:
            if chosen is None:
                return error(request, 422, _("Choose English or Cymraeg"))
            signin.choose_language(session, user_id=who.user_id, language=chosen)
            return _back(target, chosen)

        return await page(request, work, form=form)
    language.use(language.before_sign_in(request))
    if not security.csrf_ok(request, str(form.get("csrf_token", ""))):
        return error(request, 403, _("The page had expired. Please sign in again."))
    if chosen is None:
        return error(request, 422, _("Choose English or Cymraeg"))
    return _back(target, chosen)
