"""Log records as an operator reads them: a refusal in one line, an error in full."""

import logging


class RefusalsInOneLine(logging.Filter):
    """Drop the traceback from a request's 4xx record.

    Django logs a 403 (PermissionDenied) or a 400 with the exception that caused
    it; a refusal is expected behaviour, and its traceback hides the real errors.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
