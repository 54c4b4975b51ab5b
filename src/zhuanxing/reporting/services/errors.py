class ReportingError(Exception):
    """A refused change: the message (translated) says why, for the page or the CLI."""
