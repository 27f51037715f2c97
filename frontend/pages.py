"""Rendering the public pages: templates, the visitor's language, friendly errors, and the
safeguards every public path shares (HTML errors, the rate limit)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from babel.support import NullTranslations
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.config import get_settings
from api.core.db import run_transaction
from api.forms import service as forms
from api.forms.resume import has_answers
from api.models.enums import Audience
from api.surveys import library
from frontend import security
from frontend.i18n import LANGUAGES, translations

router = APIRouter(include_in_schema=False)
PUBLIC_PATHS = ("/f/", "/q/", "/i/", "/you-said-we-did")
# Every public page, on a shared phone or a reception tablet: nothing kept in the browser's
# cache, nothing framed, no address passed on to the next site (the exit link's neutral site
# included). The brand colour is a served stylesheet and the exit script a served file, so
# nothing inline needs allowing.
PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
PUBLIC_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"content-security-policy", PUBLIC_CSP.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
]
_REPLACED = {name for name, _ in PUBLIC_HEADERS}
TEMPLATES = Path(__file__).parent / "templates"
LANGUAGE_COOKIE = "ys_lang"
CHILD = "child"  # the catalogue's context for words said to a child
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
T = TypeVar("T")


@lru_cache
def environment(language: str, child: bool = False) -> Environment:
    """The templates in a language. A child's page speaks to them in Welsh's informal
    register ("ti"), an adult's in the formal ("chi"): `_` looks for the catalogue's "child"
    context first on a child's page, so a template says a thing once and the register follows
    who reads it (an English string with no child wording falls back to the shared one)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        # Templates ship with the code: no file checks on every render.
        auto_reload=False,
    )
    catalogue = translations(language)
    gettext = child_first(catalogue) if child else catalogue.gettext
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, catalogue.ngettext, newstyle=True, pgettext=catalogue.pgettext
    )
    env.filters["tel"] = tel_href
    return env


def child_first(catalogue: NullTranslations) -> Callable[[str], str]:
    """gettext that prefers the "child" context's wording where the catalogue has one."""

    def gettext(message: str) -> str:
        informal = str(catalogue.pgettext(CHILD, message))
        return informal if informal != message else catalogue.gettext(message)

    return gettext


def tel_href(number: str) -> str:
    """A number as people read it ("0800 1111") as a link a phone can dial ("tel:08001111")."""
    digits = "".join(c for c in number if c.isdigit())
    return f"tel:{'+' if number.strip().startswith('+') else ''}{digits}"


def language_of(request: Request) -> str:
    """The visitor's choice (the address, then the cookie); before they choose, the council's
    first language (YOUSAID_LANGUAGE_ORDER), so a Welsh-first council greets in Welsh."""
    first = get_settings().languages_in_order[0]
    asked = request.query_params.get("lang") or request.cookies.get(LANGUAGE_COOKIE) or first
    return asked if asked in LANGUAGES else first


def gettext_for(language: str, child: bool = False) -> Callable[[str], str]:
    """Words said from Python (an error, a notice), in the reader's register as the
    templates' are."""
    catalogue = translations(language)
    return child_first(catalogue) if child else catalogue.gettext


# Children's and parents' form pages have "Exit this page"; professionals' do not need one.
EXIT_AUDIENCES = (Audience.young_person, Audience.parent_carer)


def is_child_survey(survey_key: str) -> bool:
    """Whether a survey's respondents are children (its pages speak to them as "ti")."""
    return _audiences().get(survey_key) is Audience.young_person


def exit_url_of(survey_key: str) -> str | None:
    """A survey's "Exit this page" address, on every page of it (its errors included)."""
    audience = _audiences().get(survey_key)
    return f"/f/{survey_key}/exit" if audience in EXIT_AUDIENCES else None


def survey_keys() -> frozenset[str]:
    """The library's survey keys: what a `from=` in an address may name."""
    return frozenset(_audiences())


@lru_cache
def _audiences() -> dict[str, Audience]:
    return {d.key: d.audience for d in library.survey_library()}


def notices_query(language: str, exit_url: str | None) -> str:
    """The footer's links to the privacy notice and accessibility statement: in the page's
    language and, from a form with "Exit this page", naming the form, so the notice keeps the
    exit and a way back (a parent reading who sees their words is still on a shared screen)."""
    query = {"lang": language}
    if exit_url and exit_url.startswith("/f/"):
        query["from"] = exit_url.split("/")[2]
    return urlencode(query)


def render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    language = values.pop("language", None) or language_of(request)
    other = "cy" if language == "en" else "en"
    settings = get_settings()
    child = bool(values.pop("child", values.get("audience") == "young_person"))
    html = (
        environment(language, child)
        .get_template(template)
        .render(
            language=language,
            child=child,
            other_language=other,
            other_language_name=LANGUAGE_NAMES[other],
            # The switch names both languages in the council's order, the page's own unlinked.
            languages_in_order=[
                (code, LANGUAGE_NAMES[code]) for code in settings.languages_in_order
            ],
            switch_url=switch_url(request, other),
            council=settings.council_name_in(language),
            front_door_phone=settings.front_door_phone,
            out_of_hours_phone=settings.out_of_hours_phone,
            has_logo=settings.logo_file is not None,
            notices_query=notices_query(language, values.get("exit_url")),
            **values,
        )
    )
    response = HTMLResponse(html, status_code=status)
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=365 * 86400,
        samesite="lax",
        httponly=True,
        secure=secure_cookies(),
    )
    return response


def switch_url(request: Request, other: str) -> str:
    """The same page in the other language. After a post (an answer shown back with its
    error, a timed-out or too-many-tries page) that is the address's own page, or the form's
    start where the address only takes posts (Start, the resume choice): a link never posts
    again and never lands on a 405."""
    path = request.url.path
    if request.method != "GET" and not _is_a_page(request, path):
        survey = survey_of_path(path)
        path = f"/f/{survey}" if survey else "/"
    query = dict(request.query_params) | {"lang": other}
    return f"{path}?{urlencode(query)}"


def _is_a_page(request: Request, path: str) -> bool:
    scope = {"type": "http", "path": path, "root_path": "", "method": "GET"}
    return any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes)


def secure_cookies() -> bool:
    return get_settings().public_base_url.startswith("https://")


async def transaction(request: Request, work: Callable[[Session], T]) -> T:
    """The form's database work in one thread-pool trip, in a transaction shared with the
    other pages being served at that moment, each in a savepoint of its own (decisions 1, 24):
    a page that raises is undone alone, and each answers once the shared commit is done."""
    group = getattr(request.app.state, "forms_commit", None)
    if group is None:
        return await run_in_threadpool(run_transaction, request.app.state.sessions, work)
    # The draft this browser holds is the row a form page locks: batches on every replica
    # lock drafts in the order of their tokens, so two never wait on each other (decision 35).
    survey = survey_of_path(request.url.path)
    draft = request.cookies.get(security.draft_cookie(survey)) if survey else None
    result: T = await group.run(work, order=draft)
    return result


async def answers_saved(request: Request, survey: str) -> bool:
    """Whether this browser's draft of the survey holds answers: only then may a page say
    "your answers so far are saved". If the database cannot say, the page does not claim it."""
    token = request.cookies.get(security.draft_cookie(survey)) if survey else None
    if not token:
        return False

    def work(session: Session) -> bool:
        draft = forms.draft(session, token=token, survey_key=survey)
        return draft is not None and has_answers(draft)

    try:
        return await transaction(request, work)
    except Exception:  # an error page must not fail in turn (the database may be why it shows)
        return False


async def friendly_error(request: Request, status: int) -> HTMLResponse:
    """error_page, saying whether the answers so far are saved where its words depend on it."""
    says_saved = status not in (404, 413)
    saved = says_saved and await answers_saved(request, survey_of_path(request.url.path))
    return error_page(request, status, saved=saved)


def error_page(request: Request, status: int, *, saved: bool = False) -> HTMLResponse:
    """Friendly pages for the public side, in the visitor's language (and, on a child's
    form, in a child's words with a child's help box). `saved`: this browser's draft holds
    answers, and the page may say so."""
    survey = survey_of_path(request.url.path)
    child = is_child_survey(survey)
    _ = gettext_for(language_of(request), child=child)
    if status == 404:
        heading, message = (
            _("Page not found"),
            _("Check the link, or ask the person who gave it to you."),
        )
    elif status == 429:
        # The limits count 10 minutes (decision 34): "a minute" would send them back too soon.
        heading, message = (
            _("Too many tries"),
            _("Your answers so far are saved. Please wait a few minutes and try again.")
            if saved
            else _("Please wait a few minutes and try again."),
        )
    elif status == 413:
        heading, message = (
            _("Sorry, something went wrong"),
            _("That is too much to send in one go."),
        )
    else:
        heading, message = (
            _("Sorry, something went wrong"),
            _("Your answers so far are saved. Please try again.")
            if saved
            else _("Please try again."),
        )
    return render(
        request,
        "error.html",
        status=status,
        child=child,
        exit_url=exit_url_of(survey),
        survey_title=None,
        heading=heading,
        message=message,
        restart_url=None,
    )


def survey_of_path(path: str) -> str:
    """The survey a public form's address names ("/f/young-person/3" -> "young-person")."""
    parts = path.split("/")
    return parts[2] if len(parts) > 2 and parts[1] in ("f", "q") else ""


LOGO_TYPES = {
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


@router.get("/branding/logo")
async def logo() -> Response:
    """The council's logo from settings, if it has one."""
    path = get_settings().logo_file
    if path is None or path.suffix.lower() not in LOGO_TYPES or not path.is_file():
        return Response(status_code=404)
    return Response(
        path.read_bytes(),
        media_type=LOGO_TYPES[path.suffix.lower()],
        headers={"Cache-Control": "public, max-age=3600"},
    )


@router.get("/branding/colours.css")
async def colours() -> Response:
    """The council's colour as a stylesheet: the pages' CSP allows no inline style."""
    return Response(
        f":root {{ --brand: {get_settings().brand_colour}; }}\n",
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=300"},
    )


def _with_public_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            kept = [h for h in message.get("headers", []) if h[0].lower() not in _REPLACED]
            message = {**message, "headers": kept + PUBLIC_HEADERS}
        await send(message)

    return sending


def is_public_page(path: str) -> bool:
    return path == "/" or path.startswith(PUBLIC_PATHS)


class PublicPages:
    """Public pages get HTML errors in the visitor's language and rate limits on posts; the
    API keeps its JSON. Plain ASGI, not BaseHTTPMiddleware: every request passes through here,
    and the other paths should pay nothing for it."""

    def __init__(self, app: ASGIApp, limits: security.FormPostLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_public_page(scope["path"]):
            await self.app(scope, receive, send)
            return
        send = _with_public_headers(send)
        if scope["path"] == "/":  # the front page: the headers only
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if scope["method"] == "POST":
            # The address is the peer's, or the client's that a trusted proxy names
            # (YOUSAID_TRUSTED_PROXIES); it is counted, never stored.
            client = scope.get("client")
            survey = survey_of_path(scope["path"])
            draft = request.cookies.get(security.draft_cookie(survey)) if survey else None
            if not self.limits.allow(address=client[0] if client else "unknown", draft=draft):
                await (await friendly_error(request, 429))(scope, receive, send)
                return
        failed_status: int | None = None

        async def friendly_send(message: Message) -> None:
            nonlocal failed_status
            if message["type"] == "http.response.start":
                headers = Headers(raw=message.get("headers", []))
                is_html = headers.get("content-type", "").startswith("text/html")
                if message["status"] >= 400 and not is_html:
                    failed_status = message["status"]  # swallow it; a page follows
                    return
            elif failed_status is not None:
                if message["type"] == "http.response.body" and not message.get("more_body"):
                    page = await friendly_error(request, failed_status)
                    await page(scope, receive, send)
                return
            await send(message)

        await self.app(scope, receive, friendly_send)


def install(app: FastAPI) -> None:
    """HTML errors and rate limits for the public pages. (The app includes the public routers
    itself, first.)"""
    app.add_middleware(PublicPages, limits=security.form_post_limits())
