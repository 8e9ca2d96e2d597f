"""Django settings, read from TRUSTLEDGER_* environment variables (see .env.example)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from trustledger.config.env import (
    database_config,
    env_bool,
    env_int,
    env_list,
    env_str,
    env_time_zone,
    fernet_keys,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("TRUSTLEDGER_DATA_DIR", "var")).resolve()

DEBUG = env_bool("TRUSTLEDGER_DEBUG", False)
# The demo runs the real server with debug off; it may keep a generated key in the data dir.
DEMO = env_bool("TRUSTLEDGER_DEMO", False)
SECRET_KEY = secret_key("TRUSTLEDGER_SECRET_KEY", DATA_DIR, debug=DEBUG or DEMO)
ALLOWED_HOSTS = env_list(
    "TRUSTLEDGER_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("TRUSTLEDGER_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "trustledger.accounts",
    "trustledger.directory",
    "trustledger.ledger",
    "trustledger.surveys",
    "trustledger.web",
    "trustledger.ingest",
    "trustledger.analytics",
    "trustledger.api",
    "trustledger.audit",
    "trustledger.history",
    "trustledger.sharing",
    "trustledger.nudges",
    "trustledger.promises",
    "trustledger.tuning",
    "trustledger.reviewpacks",
]

MIDDLEWARE = [
    # First, so that every answer carries its headers, redirects and static files included.
    "trustledger.web.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A read-only request reads its user's scope once (the page and the menu both ask).
    "trustledger.accounts.per_request.ScopePerRequestMiddleware",
    # Changes of records made while serving a request are attributed to its user.
    "trustledger.history.context.HistoryActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "trustledger.urls"
WSGI_APPLICATION = "trustledger.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trustledger.web.menu.menu",
            ],
        },
    },
]

DATABASES = {"default": database_config("TRUSTLEDGER_DATABASE_URL", DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("TRUSTLEDGER_PASSWORD_MIN_LENGTH", 10, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after N failures for one account, or from one address, that
# account or address is refused for the cool-off; `trustledger unlock` or the admin lifts it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("TRUSTLEDGER_LOGIN_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(
    minutes=env_int("TRUSTLEDGER_LOGIN_COOLOFF_MINUTES", 15, minimum=1)
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client's address, also behind the TLS proxy (the entry the proxy appended).
AXES_CLIENT_IP_CALLABLE = "trustledger.accounts.client.client_address"
AXES_RESET_ON_SUCCESS = True
# Failures during a lockout do not extend it: a guesser cannot keep an account locked for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_DISABLE_ACCESS_LOG = True  # successful logins go to the audit log, not a second table
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "old_password",
    "new_password1",
    "new_password2",
    "csrfmiddlewaretoken",
]
# API calls per token (or per logged-in user) per window, on atomic counters.
TRUSTLEDGER_API_RATE_LIMIT = env_int("TRUSTLEDGER_API_RATE_LIMIT", 600, minimum=1)
TRUSTLEDGER_API_RATE_WINDOW = env_int("TRUSTLEDGER_API_RATE_WINDOW", 60, minimum=1)
# API tokens a user may create per hour on the account page (the CLI is not limited).
TRUSTLEDGER_TOKEN_CREATE_LIMIT = env_int("TRUSTLEDGER_TOKEN_CREATE_LIMIT", 10, minimum=1)

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_time_zone("TRUSTLEDGER_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "trustledger.web.finders.PlotlyFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Transport security. Behind a proxy that terminates TLS (and overwrites X-Forwarded-Proto),
# one switch makes the site HTTPS-only: redirect, secure cookies, HSTS for a year.
BEHIND_TLS_PROXY = env_bool("TRUSTLEDGER_BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("TRUSTLEDGER_SSL_REDIRECT", BEHIND_TLS_PROXY)
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int(
    "TRUSTLEDGER_HSTS_SECONDS", 365 * 24 * 3600 if BEHIND_TLS_PROXY else 0, minimum=0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TRUSTLEDGER_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("TRUSTLEDGER_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Survey links carry their token in the path: never send it to another site as a referrer.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("TRUSTLEDGER_SECURE_COOKIES", BEHIND_TLS_PROXY)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env_str(
    "TRUSTLEDGER_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("TRUSTLEDGER_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TRUSTLEDGER_EMAIL_PORT", 25, minimum=1)
DEFAULT_FROM_EMAIL = env_str("TRUSTLEDGER_FROM_EMAIL", "trustledger@localhost")
# How far ahead a due date may be set (a commitment, the next review): trustledger/domain/dates.py.
TRUSTLEDGER_DUE_HORIZON_YEARS = env_int("TRUSTLEDGER_DUE_HORIZON_YEARS", 5, minimum=1)
TRUSTLEDGER_SURVEY_MIN_RATERS = env_int("TRUSTLEDGER_SURVEY_MIN_RATERS", 5, minimum=3)
# How long a link for a person outside the organization works (trustledger/sharing/).
TRUSTLEDGER_SHARED_LINK_DAYS = env_int("TRUSTLEDGER_SHARED_LINK_DAYS", 60, minimum=1)
# Processes that read the promises in a large mail import (trustledger/promises/reading.py).
TRUSTLEDGER_LANGUAGE_WORKERS = env_int(
    "TRUSTLEDGER_LANGUAGE_WORKERS", min(os.cpu_count() or 1, 4), minimum=1
)
# Nudge mails sent by one run of the mail job at most (trustledger/nudges/mail.py); the rest
# go out with the next run, a quarter of an hour later.
TRUSTLEDGER_NUDGE_MAILS_PER_RUN = env_int("TRUSTLEDGER_NUDGE_MAILS_PER_RUN", 200, minimum=1)
# From this many users on, the mail job computes everyone's nudges at once from the
# materialized figures (trustledger/nudges/batch.py) rather than user by user.
TRUSTLEDGER_NUDGE_BATCH_FROM = env_int("TRUSTLEDGER_NUDGE_BATCH_FROM", 50, minimum=1)
TRUSTLEDGER_BASE_URL = env_str("TRUSTLEDGER_BASE_URL", "").rstrip("/")
# Empty: the task queue lives in a SQLite file in the data dir. redis://host:6379/0 in production.
TRUSTLEDGER_REDIS_URL = env_str("TRUSTLEDGER_REDIS_URL", "")
# Robustness limits (docs/operations.md): imports and background jobs.
TRUSTLEDGER_UPLOAD_MAX_MB = env_int("TRUSTLEDGER_UPLOAD_MAX_MB", 50, minimum=1)
TRUSTLEDGER_IMPORT_MAX_OCCURRENCES_PER_EVENT = env_int(
    "TRUSTLEDGER_IMPORT_MAX_OCCURRENCES_PER_EVENT", 1_000, minimum=1
)
TRUSTLEDGER_IMPORT_MAX_OCCURRENCES_PER_FILE = env_int(
    "TRUSTLEDGER_IMPORT_MAX_OCCURRENCES_PER_FILE", 100_000, minimum=1
)
TRUSTLEDGER_JOB_LEASE_SECONDS = env_int("TRUSTLEDGER_JOB_LEASE_SECONDS", 120, minimum=10)
# Connections (docs/connections.md): Fernet keys for their secrets, the first encrypts and all
# decrypt (rotation). Empty: debug and demo keep a generated key in the data dir; production
# refuses to store a secret.
TRUSTLEDGER_CONNECTION_KEYS = fernet_keys("TRUSTLEDGER_CONNECTION_KEYS")
# The mail servers a connection may reach: host names, *.domain patterns or addresses,
# comma-separated. Empty: any public host, and private or loopback ones for admins only
# (trustledger/ingest/hosts.py).
TRUSTLEDGER_CONNECTION_HOSTS = [
    h.strip().lower() for h in env_str("TRUSTLEDGER_CONNECTION_HOSTS", "").split(",") if h.strip()
]
TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS = env_int(
    "TRUSTLEDGER_CONNECTION_TIMEOUT_SECONDS", 30, minimum=1
)

# One cache shared by every web process: rate limits, the report cache and its data version
# must agree across gunicorn workers. Files in the data dir by default; Redis in production.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TRUSTLEDGER_REDIS_URL,
        }
        if TRUSTLEDGER_REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TRUSTLEDGER_LOG_LEVEL", "WARNING")},
}
