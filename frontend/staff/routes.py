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
    export,
    forum_editor,
    language_routes,
    overview,
    qr,
    responses,
    review,
    sso,
    surveys,
    texts,
    users,
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
    texts,
    review,
    actions,
    digests,
    qr,
    surveys,
    users,
    export,
    forum_editor,
    sso,
):
    router.include_router(module.router)
