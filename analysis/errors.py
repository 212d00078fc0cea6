"""The one exception type for errors a user can cause."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix; ``message`` is a Polish sentence saying what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
