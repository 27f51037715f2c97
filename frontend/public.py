"""The public web form: /f/{survey}, and /q/{code} for QR codes. One question a page,
English or Welsh, no JavaScript.

Answers are saved to a draft as the respondent goes; the last page sends the draft through
the intake service once, whatever the double clicks and refreshes.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.actions.service import published as published_actions
from api.core import reference_cache
from api.core.errors import InvalidInput, NotFound
from api.forms import resume, safety, who_reads
from api.forms import service as forms
from api.models import Answer, CollectionPoint, FormDraft
from api.models import Response as StoredResponse
from api.models.enums import (
    AlertSource,
    Audience,
    Channel,
    Language,
    QuestionKind,
    Tense,
    Visibility,
)
from api.qr import service as placements
from api.surveys import library
from api.surveys.definitions import QuestionDefinition, SurveyDefinition
from frontend import security
from frontend.drafts import draft_cookie as draft_cookie
from frontend.drafts import refused as _refused
from frontend.drafts import remember_draft as remember_draft
from frontend.drafts import with_csrf as _with_csrf
from frontend.i18n import LANGUAGES
from frontend.outcomes import ActionView, action_views
from frontend.pages import (
    LANGUAGE_COOKIE,
    error_page,
    gettext_for,
    is_child_survey,
    language_of,
    render,
    transaction,
)
from frontend.resume import exit_url, resume_page

router = APIRouter(include_in_schema=False)


def _tense(session: Session, point: str | None) -> Tense | None:
    """A collection point's tense (cached: points are reference data, never re-keyed)."""
    if not point:
        return None
    return reference_cache.for_session(session).get(
        ("tense", point),
        lambda: session.scalar(select(CollectionPoint.tense).where(CollectionPoint.key == point)),
    )


def _options(question: QuestionDefinition, language: str) -> list[dict[str, Any]]:
    lang = Language(language)
    if question.kind is QuestionKind.choice:
        return [
            {"value": o.value, "label": o.en if lang is Language.en else o.cy, "picture": o.picture}
            for o in question.options
        ]
    scale = library.scales().for_question(question)
    options: list[dict[str, Any]] = [
        {"value": o.value, "label": o.en if lang is Language.en else o.cy, "drawing": o.drawing}
        for o in scale.options
    ]
    if question.kind is QuestionKind.faces:
        options.reverse()  # happiest first reads better for children
    if scale.not_applicable is not None:
        label = scale.not_applicable.render(lang, None)
        options.append({"value": "not_applicable", "label": label, "drawing": None})
    return options


@router.get("/q/{code}")
async def qr_scan(request: Request, code: str) -> Response:
    """A QR code or typed short address: count the scan, open the right form."""

    def work(session: Session) -> tuple[str, str, bool] | None:
        placement = placements.scan(session, code=code.lower())
        if placement is None:
            return None
        return placement.survey_key, placement.language.value, placement.retired_at is None

    found = await transaction(request, work)
    if found is None:
        return error_page(request, 404)
    survey, language, active = found
    # The visitor's own choice (the switch's ?lang=, then the cookie), else the placement's:
    # a Cymraeg poster's code speaks Welsh, whether it is live or retired.
    chosen = request.query_params.get("lang") or request.cookies.get(LANGUAGE_COOKIE) or language
    if chosen not in LANGUAGES:
        chosen = language
    if not active:
        return _closed(request, survey, chosen)
    return RedirectResponse(
        f"/f/{survey}?{urlencode({'qr': code.lower(), 'lang': chosen})}", status_code=303
    )


def _closed(request: Request, survey: str, language: str) -> HTMLResponse:
    """A retired code's page, the same whether scanned (/q/) or a form opened from it."""
    return render(
        request,
        "closed.html",
        status=410,
        language=language,
        survey_title=None,
        general_url=f"/f/{survey}?{urlencode({'lang': language})}",
        child=is_child_survey(survey),
    )


def _asks_no_name(survey: str) -> bool:
    """Whether this survey's form must not keep a name (the under-8s': a young child's)."""
    newest = [d for d in library.survey_library() if d.key == survey]
    return bool(newest) and max(newest, key=lambda d: d.version).read_with_an_adult


class CodeRetired(Exception):
    """The form was opened from a QR code that has been taken down."""


def _placement_context(
    session: Session, request: Request, survey: str
) -> tuple[int | None, str | None, str | None]:
    """(placement id, team, point) from ?qr=, else the link's own ?team= and ?point=."""
    code = request.query_params.get("qr")
    if code:
        found = placements.form_context(session, code[:32], survey=survey)
        if found is None:
            raise NotFound("This survey link is not right")
        placement, team, point = found
        if placement.retired_at is not None:
            raise CodeRetired
        return placement.id, team, point
    return None, request.query_params.get("team"), request.query_params.get("point")


@router.get("/f/{survey}", response_class=HTMLResponse)
async def start_page(request: Request, survey: str) -> HTMLResponse:
    """What the survey is, what happens to the answers, and where to get help now."""
    language = language_of(request)
    token = request.cookies.get(draft_cookie(survey))

    def work(session: Session) -> tuple[SurveyDefinition, Tense | None, str]:
        _, _, point = _placement_context(session, request, survey)
        draft = forms.draft(session, token=token, survey_key=survey)
        held = "none"
        if draft is not None and draft.response_id is None:
            held = "answers" if resume.has_answers(draft) else "empty"
            if draft.context.get("invitation"):
                held += "+invited"
        return forms.survey_for(session, survey), _tense(session, point), held

    try:
        definition, tense, held = await transaction(request, work)
    except CodeRetired:
        return _closed(request, survey, language)
    if held.startswith("answers"):
        # A shared phone or tablet: never resume someone else's answers without asking.
        return resume_page(request, survey, definition, tense, language)
    lang = Language(language)
    cookie = security.csrf_cookie(request)
    query = {k: v for k, v in request.query_params.items() if k in ("team", "point", "lang", "qr")}
    page = render(
        request,
        "start.html",
        language=language,
        survey_title=definition.title.render(lang, tense),
        intro=definition.intro.render(lang, tense),
        audience=definition.audience.value,
        # The youngest's form opens with a page for the adult who helps: an adult's words.
        youngest=definition.read_with_an_adult,
        child=not definition.read_with_an_adult and definition.audience is Audience.young_person,
        invited=held.endswith("+invited"),
        exit_url=exit_url(survey, definition),
        start_url=f"/f/{survey}/start?{urlencode(query)}",
        csrf=security.csrf_token(cookie),
    )
    return _with_csrf(request, page, cookie)


@router.post("/f/{survey}/start")
async def start(request: Request, survey: str) -> Response:
    """Open a draft for this browser and go to the first question."""
    form = await request.form()
    if refusal := _refused(request, survey, form):
        return refusal
    existing = request.cookies.get(draft_cookie(survey))
    given = form.get("respondent_name")
    name = given.strip() if isinstance(given, str) and given.strip() else None
    if name and _asks_no_name(survey):
        name = None  # the youngest's form has no name box: a name posted anyway is not kept

    def held(session: Session) -> tuple[SurveyDefinition, Tense | None] | int | None:
        draft = forms.draft(session, token=existing, survey_key=survey)
        if draft is None or draft.response_id is not None:
            return None
        definition = forms.survey_for(session, survey)
        if resume.has_answers(draft):
            return definition, _tense(session, draft.context.get("collection_point"))
        # Opened (by an invitation link, or Start pressed) and nothing answered yet: this
        # person's draft now, under the name they give or none.
        draft.context = {**draft.context, "respondent_name": name[:100] if name else None}
        return 1

    if existing and (found := await transaction(request, held)) is not None:
        if isinstance(found, int):
            return RedirectResponse(f"/f/{survey}/{found}", status_code=303)
        return resume_page(request, survey, *found, language_of(request))

    def work(session: Session) -> str:
        placement_id, team, point = _placement_context(session, request, survey)
        context = forms.FormContext(
            channel=Channel.qr if placement_id else Channel.web,
            language=Language(language_of(request)),
            team=team,
            collection_point=point,
            respondent_name=name[:100] if name else None,
        )
        return forms.start(session, survey_key=survey, context=context, placement_id=placement_id)

    try:
        token = await transaction(request, work)
    except CodeRetired:
        return _closed(request, survey, language_of(request))
    response = RedirectResponse(f"/f/{survey}/1", status_code=303)
    remember_draft(response, survey, token)
    return response


def _question_page(
    request: Request,
    survey: str,
    definition: SurveyDefinition,
    number: int,
    tense: Tense | None,
    value: Any,
    error: str | None,
    language: str,
    hidden: bool = False,
    answers: dict[str, Any] | None = None,
) -> HTMLResponse:
    question = definition.questions[number - 1]
    last = number == len(definition.questions)
    # A child's last question is followed by the choice of who reads their words when they
    # wrote (or may write here) something: its button goes on to that page, not "Send".
    choice_follows = who_reads.asks(definition) and (
        question.kind is QuestionKind.free_text or who_reads.written(definition, answers or {})
    )
    cookie = security.csrf_cookie(request)
    page = render(
        request,
        "question.html",
        status=400 if error else 200,
        language=language,
        survey_title=definition.title.render(Language(language), tense),
        question_text=question.text.render(Language(language), tense),
        kind=question.kind.value,
        faces=question.kind is QuestionKind.faces,
        equality=question.equality,
        three_faces=question.scale == "three_faces",
        youngest=definition.read_with_an_adult,
        picture=question.picture,
        options=[] if question.kind is QuestionKind.free_text else _options(question, language),
        audience=definition.audience.value,
        exit_url=exit_url(survey, definition),
        field_id=f"answer-{question.key}",
        value=value,
        hidden=hidden,
        error=error,
        number=number,
        total=len(definition.questions),
        last=last and not choice_follows,
        action_url=f"/f/{survey}/{number}",
        back_url=f"/f/{survey}/{number - 1}" if number > 1 else f"/f/{survey}",
        csrf=security.csrf_token(cookie),
    )
    return _with_csrf(request, page, cookie)


@router.get("/f/{survey}/{number:int}", response_class=HTMLResponse)
async def question_page(request: Request, survey: str, number: int) -> Response:
    token = request.cookies.get(draft_cookie(survey))
    language = language_of(request)

    def work(
        session: Session,
    ) -> tuple[SurveyDefinition, Tense | None, Any, bool, bool, dict[str, Any]] | None:
        draft = forms.draft(session, token=token, survey_key=survey)
        if draft is None:
            return None
        definition = forms.survey_for(session, survey)
        if not 1 <= number <= len(definition.questions):
            raise NotFound("There is no such question")
        key = definition.questions[number - 1].key
        tense = _tense(session, draft.context.get("collection_point"))
        resume.keep_private_if_idle(draft, definition)
        hidden = resume.is_private(draft, key)
        value = None if hidden else draft.answers.get(key)
        sent = draft.response_id is not None
        return definition, tense, value, hidden, sent, dict(draft.answers)

    found = await transaction(request, work)
    if found is None:
        return RedirectResponse(f"/f/{survey}", status_code=303)
    definition, tense, value, hidden, sent, answers = found
    if sent:
        return RedirectResponse(f"/f/{survey}/thanks", status_code=303)
    return _question_page(
        request, survey, definition, number, tense, value, None, language, hidden, answers
    )


@router.post("/f/{survey}/{number:int}")
async def answer(request: Request, survey: str, number: int) -> Response:
    """Save this answer; go on, or on the last page send the whole draft through intake."""
    form = await request.form()
    if refusal := _refused(request, survey, form):
        return refusal
    token = request.cookies.get(draft_cookie(survey))
    language = language_of(request)
    value = form.get("answer")
    # "Skip this question" (equality questions): on, with no answer, whatever was chosen.
    text = value if isinstance(value, str) and not form.get("skip") else None
    _ = gettext_for(language, child=is_child_survey(survey))

    def work(session: Session) -> Response:
        draft = forms.draft(session, token=token, survey_key=survey)
        if draft is None or token is None:
            return RedirectResponse(f"/f/{survey}", status_code=303)
        if draft.response_id is not None:
            return RedirectResponse(f"/f/{survey}/thanks", status_code=303)
        definition = forms.survey_for(session, survey)
        if not 1 <= number <= len(definition.questions):
            raise NotFound("There is no such question")
        question = definition.questions[number - 1]
        tense = _tense(session, draft.context.get("collection_point"))
        if draft.context.get("language") != language:
            # Before the answer is saved, so both go to the database in one UPDATE.
            draft.context = {**draft.context, "language": language}
        try:
            resume.save_answer(session, draft, question=question, value=text)
        except InvalidInput:
            message = (
                _("Your answer is too long. Please use fewer than 5,000 letters and spaces.")
                if (question.kind is QuestionKind.free_text)
                else _("Choose one answer")
            )
            return _question_page(
                request,
                survey,
                definition,
                number,
                tense,
                text,
                message,
                language,
                answers=dict(draft.answers),
            )
        # Their alert is raised as the answer is saved; a page of its own says what happens
        # now, whether or not questions follow (a council may put the question last).
        asked = safety.asks_for_help(question, draft.answers.get(question.key))
        if number < len(definition.questions):
            if asked:
                return RedirectResponse(f"/f/{survey}/help-now?next={number + 1}", status_code=303)
            return RedirectResponse(f"/f/{survey}/{number + 1}", status_code=303)
        if who_reads.asks_before_sending(definition, draft.answers):
            # A child wrote something: once, before sending, they choose who can read it all
            # (decision 44); that page sends.
            return RedirectResponse(f"/f/{survey}/who-reads", status_code=303)
        try:
            forms.submit(session, draft)
        except InvalidInput:
            return _question_page(
                request,
                survey,
                definition,
                number,
                tense,
                text,
                _("Answer at least one question before you send."),
                language,
                answers=dict(draft.answers),
            )
        if asked:
            return RedirectResponse(f"/f/{survey}/help-now", status_code=303)
        return RedirectResponse(f"/f/{survey}/thanks", status_code=303)

    return await transaction(request, work)


@router.get("/f/{survey}/thanks", response_class=HTMLResponse)
async def thanks(request: Request, survey: str) -> Response:
    """What happens next, and what the team changed because people told them."""
    token = request.cookies.get(draft_cookie(survey))
    language = language_of(request)

    def work(
        session: Session,
    ) -> tuple[list[ActionView], str | None, SurveyDefinition, str | None, bool, bool] | None:
        draft = forms.draft(session, token=token, survey_key=survey)
        if draft is None or draft.response_id is None:
            return None  # nothing was sent from this browser: no "we have your answers"
        team = draft.context.get("team")
        found = published_actions(session, team=team, limit=3) if team else []
        return (
            action_views(found, language),
            team,
            forms.survey_for(session, survey),
            _who_will_reach_them(session, draft),
            _named(session, draft),
            _kept_for_the_rights_team(session, draft.response_id),
        )

    sent = await transaction(request, work)
    if sent is None:
        # Opened directly (a bookmark, a shared link) before anything was sent: the form.
        return RedirectResponse(f"/f/{survey}?{urlencode({'lang': language})}", status_code=303)
    shown, team, definition, reaching, named, rights_team_only = sent
    # The last page is still a child's or parent's page: the same exit and the same help as
    # the form's own, not the general box written for adults.
    return render(
        request,
        "thanks.html",
        survey_title=None,
        actions=shown,
        more_url=f"/you-said-we-did/{team}" if team else "/you-said-we-did",
        audience=definition.audience.value,
        exit_url=exit_url(survey, definition),
        reaching=reaching,
        # A web or QR form is anonymous: no team knows who answered, so the page must not
        # suggest "the team that works with you" will read it and follow up.
        anonymous=True,
        # ...unless they gave their name: then the page must not say "we do not know who you are".
        named=named,
        youngest=definition.read_with_an_adult,  # a 4-7-year-old: one short sentence
        # They chose "the children's rights team only" for every word they wrote (decision 44).
        rights_team_only=rights_team_only,
    )


def _kept_for_the_rights_team(session: Session, response_id: int) -> bool:
    chosen = set(
        session.scalars(
            select(Answer.visibility).where(
                Answer.response_id == response_id, Answer.text.is_not(None)
            )
        )
    )
    return chosen == {Visibility.rights_team}


def _named(session: Session, draft: FormDraft | None) -> bool:
    """Whether the answers sent from this draft carry the name the person chose to give (the
    draft keeps no copy of it once sent)."""
    if draft is None:
        return False
    if draft.response_id is None:
        return bool(draft.context.get("respondent_name"))
    stored = session.get(StoredResponse, draft.response_id)
    if stored is None or stored.respondent_name is None:
        return False
    # Words given "without my name" keep the name from every reader (decision 44).
    return (
        session.scalar(
            select(Answer.id)
            .where(Answer.response_id == stored.id, Answer.visibility == Visibility.service)
            .limit(1)
        )
        is None
    )


def _who_will_reach_them(session: Session, draft: FormDraft | None) -> str | None:
    """For someone who asked for help: "invited" or "offered" (someone will try to reach
    them) or "anonymous" (nobody can, and the page must say so again); None if they did not."""
    alert = safety.alert_of(session, draft) if draft is not None else None
    if alert is None or alert.raised_by not in (AlertSource.child_request, AlertSource.both):
        return None
    if (draft is not None and safety.invited(draft)) or alert.offered_contact_encrypted:
        return "reachable"
    return "anonymous"
