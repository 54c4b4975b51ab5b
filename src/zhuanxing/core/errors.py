"""The one error type views show to users.

A service or selector raises ``UserError`` (or a subclass) with a message written for the
person at the screen; every view handles it alike: a form page shows it as a message, and
anything else answers 400 with the message in the site's layout (``web`` middleware; a
refused request parameter is the subclass ``core.params.BadParameter``).
"""


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why, in their language."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    @property
    def reason(self) -> str:
        """What the 400 page shows."""
        return self.message
