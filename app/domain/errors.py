"""Errors the domain raises: user-facing ones carry a plain-Chinese message for the clerk."""

from __future__ import annotations


class DomainError(Exception):
    """A problem the user can fix; ``message`` is shown to the clerk as it is.

    ``article`` names the rule (e.g. ``"YJ12345 art. 9"``) when the refusal comes from one.
    Nothing has been saved when this is raised out of a service.
    """

    def __init__(self, message: str, *, article: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.article = article

    def __str__(self) -> str:
        if self.article:
            return f"{self.message}（依据：{self.article}）"
        return self.message


class ValidationError(DomainError):
    """Bad input in one field of a form."""

    def __init__(self, field: str, message: str, *, article: str | None = None) -> None:
        super().__init__(message, article=article)
        self.field = field


class TransitionError(DomainError):
    """An action that the case's current state does not allow."""


class PermissionDenied(DomainError):
    """The acting user's role does not allow the action."""


class NotFound(DomainError):
    """The record asked for does not exist."""
