"""Domain errors: each carries a status code and a message a person can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str, *, errors: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class NotFound(DomainError):
    status_code = 404


class NotAuthenticated(DomainError):
    status_code = 401


class Forbidden(DomainError):
    status_code = 403


class Conflict(DomainError):
    status_code = 409


class InvalidInput(DomainError):
    """The input breaks a rule; `errors` says which field and why."""

    status_code = 422


class LibraryError(Exception):
    """The shipped survey library or a council's configuration file is wrong: fail at start-up."""
