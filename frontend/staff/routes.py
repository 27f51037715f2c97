"""Every staff page, in one router the app includes."""

from __future__ import annotations

from fastapi import APIRouter

from frontend.staff import (
    actions,
    alert_page,
    alerts,
    auth_routes,
    concerns,
    digests,
    episodes,
    export,
    forum_editor,
    language_routes,
    overview,
    qr,
    responses,
    review,
    sso,
    subject_access,
    surveys,
    texts,
    users,
    welsh,
)

router = APIRouter(include_in_schema=False)
for module in (
    auth_routes,
    language_routes,
    overview,
    responses,
    alerts,
    alert_page,
    concerns,
    episodes,
    texts,
    review,
    actions,
    digests,
    qr,
    surveys,
    users,
    welsh,
    subject_access,
    export,
    forum_editor,
    sso,
):
    router.include_router(module.router)
