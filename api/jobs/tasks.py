"""Every job handler, imported so the worker knows them all."""

from api.accounts import signin
from api.alerts import notify
from api.answer_analysis import service as answer_analysis
from api.conversations import service as conversations
from api.digests import delivery as digests
from api.forms import service as forms
from api.invitations import tasks as invitation_tasks
from api.retention import run as retention
from api.reviews import learning
from api.tallies import recount as tallies

__all__ = [
    "answer_analysis",
    "conversations",
    "digests",
    "forms",
    "invitation_tasks",
    "learning",
    "notify",
    "retention",
    "signin",
    "tallies",
]
