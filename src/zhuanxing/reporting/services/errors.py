from zhuanxing.core.errors import UserError


class ReportingError(UserError):
    """A refused change: the message (translated) says why, for the page or the CLI."""
