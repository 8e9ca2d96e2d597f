"""Survey tokens stay out of every log.

A survey link carries the rater's token (`/surveys/r/<token>/`). Whoever reads a log line with
it could open the survey as that rater. The response page swaps the token for a cookie at once
(`views.respond`), but the first request is still logged by gunicorn's access log, Django's
request logger (4xx/5xx) and the development server. `RedactSurveyTokens` rewrites those
records; `install()` puts it on each of those loggers (called when the app starts, so it holds
for `trustledger serve`, plain `gunicorn trustledger.wsgi` and `runserver` alike).
"""

from __future__ import annotations

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/surveys/r/)[^/\s?\"']+")
REDACTED = r"\1[token]"
LOGGERS = ("gunicorn.access", "gunicorn.error", "django.request", "django.server")


def redact(text: str) -> str:
    return TOKEN_IN_PATH.sub(REDACTED, text)


class RedactSurveyTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/surveys/r/" in message:
            record.msg, record.args = redact(message), ()
        if record.exc_text and "/surveys/r/" in record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def install() -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSurveyTokens) for f in logger.filters):
            logger.addFilter(RedactSurveyTokens())
