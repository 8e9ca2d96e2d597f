"""Survey tokens (and the other token links) stay out of every log.

A survey link carries the rater's token (`/surveys/r/<token>/`). Whoever reads a log line with
it could open the survey as that rater. The response page swaps the token for a cookie at once
(`views.respond`), but the first request is still logged by gunicorn's access log, Django's
request logger (4xx/5xx), its CSRF logger and the development server. `RedactSurveyTokens`
rewrites those records; `install()` puts it on each of those loggers (called when the app
starts, so it holds for `trustledger serve`, plain `gunicorn trustledger.wsgi` and `runserver`
alike). Another app whose links carry a token in the path adds its prefix with `protect()`.
"""

from __future__ import annotations

import logging
import re

PREFIXES: list[str] = ["/surveys/r/"]
REDACTED = r"\1[token]"
LOGGERS = (
    "gunicorn.access",
    "gunicorn.error",
    "django.request",
    "django.server",
    "django.security.csrf",
)


def _pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(prefix) for prefix in PREFIXES)
    return re.compile(rf"({alternatives})[^/\s?\"']+")


TOKEN_IN_PATH = _pattern()


def protect(prefix: str) -> None:
    """Redact the path segment after `prefix` too (e.g. "/shared/t/")."""
    global TOKEN_IN_PATH
    if prefix not in PREFIXES:
        PREFIXES.append(prefix)
        TOKEN_IN_PATH = _pattern()


def redact(text: str) -> str:
    return TOKEN_IN_PATH.sub(REDACTED, text)


def _carries_token(text: str) -> bool:
    return any(prefix in text for prefix in PREFIXES)


class RedactSurveyTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _carries_token(message):
            record.msg, record.args = redact(message), ()
        if record.exc_text and _carries_token(record.exc_text):
            record.exc_text = redact(record.exc_text)
        return True


def install() -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSurveyTokens) for f in logger.filters):
            logger.addFilter(RedactSurveyTokens())
