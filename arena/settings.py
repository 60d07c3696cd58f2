"""Django settings for Arena.

Everything that differs between installations comes from typed environment variables (django-environ).
SQLite is the default database; set DATABASE_URL (postgres://user:pass@host/db) for PostgreSQL.
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONCE as CSP_NONCE
from django.utils.translation import gettext_lazy as _

from arena.secrets import secret_key_file

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    ARENA_DEBUG=(bool, False),
    ARENA_SECRET_KEY=(str, ""),
    ARENA_ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    ARENA_DATA_DIR=(str, str(BASE_DIR / "var")),
    ARENA_ORGANISATION_NAME=(str, "Helsedirektoratet"),
    ARENA_TIME_ZONE=(str, "Europe/Oslo"),
    ARENA_IMPORT_TIME_LIMIT=(float, 60.0),
    ARENA_IMPORT_MEMORY_LIMIT_MB=(int, 1024),
    ARENA_CSRF_TRUSTED_ORIGINS=(list, []),
    ARENA_PROXY_SSL_HEADER=(str, ""),
    ARENA_USE_X_FORWARDED_HOST=(bool, False),
    ARENA_LOG_LEVEL=(str, "INFO"),
    ARENA_LOGIN_FAILURE_LIMIT=(int, 5),
    ARENA_LOGIN_LOCKOUT_MINUTES=(int, 15),
    ARENA_BASE_URL=(str, "http://127.0.0.1:8000"),
    ARENA_EMAIL_HOST=(str, ""),
    ARENA_EMAIL_PORT=(int, 25),
    ARENA_EMAIL_USER=(str, ""),
    ARENA_EMAIL_PASSWORD=(str, ""),
    ARENA_EMAIL_USE_TLS=(bool, False),
    ARENA_EMAIL_USE_SSL=(bool, False),
    ARENA_EMAIL_FROM=(str, "Arena <arena@localhost>"),
    ARENA_REMINDER_DAYS=(int, 7),
    ARENA_WORKER_HEARTBEAT=(float, 5.0),
    ARENA_DB_CONN_MAX_AGE=(int, 600),
    ARENA_DB_PREPARE_THRESHOLD=(int, 5),
    ARENA_TASK_TIME_LIMIT=(float, 900.0),
    ARENA_OIDC_ISSUER=(str, ""),
    ARENA_OIDC_CLIENT_ID=(str, ""),
    ARENA_OIDC_CLIENT_SECRET=(str, ""),
    ARENA_OIDC_PROVIDER_NAME=(str, "Entra ID"),
    ARENA_OIDC_SCOPES=(str, "openid profile email"),
    ARENA_OIDC_ID_CLAIM=(str, "oid"),
    ARENA_OIDC_COORDINATOR_ROLE=(str, "Koordinator"),
    ARENA_OIDC_CONTACT_ROLE_PREFIX=(str, "Kontakt."),
    ARENA_OIDC_READER_ROLE=(str, "Leser"),
    ARENA_OIDC_UNKNOWN_USERS=(str, "refuse"),
    ARENA_OIDC_AUTHORIZATION_ENDPOINT=(str, ""),
    ARENA_OIDC_TOKEN_ENDPOINT=(str, ""),
    ARENA_OIDC_JWKS_URI=(str, ""),
    ARENA_ORGANISATION_NUMBER=(str, "983544622"),
    ARENA_OPEN_DATA=(bool, False),
    ARENA_OPEN_DATA_CONTACT_EMAIL=(str, "postmottak@helsedir.no"),
    ARENA_ARCHIVE_SYSTEM=(str, "Arena"),
    ARENA_ARCHIVE_CLASSIFICATION_SYSTEM=(str, "Arkivnøkkel"),
    ARENA_INVITATION_RETENTION_DAYS=(int, 730),
    ARENA_INVITATION_REMINDER_DAYS=(int, 5),
    ARENA_INVITATION_MAX_BYTES=(int, 25 * 1024 * 1024),
    ARENA_IMAP_HOST=(str, ""),
    ARENA_IMAP_PORT=(int, 993),
    ARENA_IMAP_USER=(str, ""),
    ARENA_IMAP_PASSWORD=(str, ""),
    ARENA_IMAP_FOLDER=(str, "INBOX"),
    ARENA_IMAP_PROCESSED_FOLDER=(str, "Arena/Behandlet"),
    ARENA_IMAP_SSL=(bool, True),
    ARENA_IMAP_POLL_SECONDS=(int, 300),
)

DEBUG = env("ARENA_DEBUG")
DATA_DIR = Path(env("ARENA_DATA_DIR"))
SECRET_KEY_FILE = DATA_DIR / "secret-key"  # used when ARENA_SECRET_KEY is not set; kept by `backup`
SECRET_KEY = env("ARENA_SECRET_KEY") or secret_key_file(SECRET_KEY_FILE)
ALLOWED_HOSTS = env("ARENA_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("ARENA_CSRF_TRUSTED_ORIGINS")
ORGANISATION_NAME = env("ARENA_ORGANISATION_NAME")
# One import (read + propose) runs in a child process with these limits (arena/ingest/limits.py).
IMPORT_TIME_LIMIT = env("ARENA_IMPORT_TIME_LIMIT")
IMPORT_MEMORY_LIMIT_MB = env("ARENA_IMPORT_MEMORY_LIMIT_MB")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "arena.register",
    "arena.ingest",
    "arena.reporting",
    "arena.jobs",
    "arena.accounts",
    "arena.notifications",
    "arena.api",
    "arena.backup",
    "arena.opendata",
    "arena.archive",
    "arena.agenda",
    "arena.invitations",
    "arena.monitoring",
    "arena.suggestions",
    "arena.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "arena.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "arena.register.permissions.AccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "arena.headers.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into the lockout page
]

ROOT_URLCONF = "arena.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "arena.web.context.arena",
                "arena.notifications.context.unread",
                "arena.accounts.context.sign_in",
            ],
        },
    },
]

WSGI_APPLICATION = "arena.wsgi.application"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'arena.sqlite3'}"),
}
# Each server thread keeps its database connection between requests (opening one costs a PostgreSQL backend
# process and several milliseconds); a connection that went away is noticed before it is reused.
DATABASES["default"].setdefault("CONN_MAX_AGE", env("ARENA_DB_CONN_MAX_AGE"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Test databases in UTF-8 whatever the cluster's default encoding is.
    DATABASES["default"]["TEST"] = {"CHARSET": "UTF8", "TEMPLATE": "template0"}
    # Parameters bound by PostgreSQL, not spliced into the SQL text by psycopg, so that a query a connection
    # has run ARENA_DB_PREPARE_THRESHOLD times becomes a prepared statement and is no longer planned anew:
    # most of the register's queries take PostgreSQL longer to plan than to run. 0 turns preparing off (for
    # a pooler in transaction mode that cannot keep prepared statements).
    # Each execution is still planned for its own parameters (plan_cache_mode): a generic plan, made once for
    # any value, walked all 200,000 activities for a search word that a custom plan finds through its index
    # (0.8 ms against 120 ms). What preparing saves is the parsing.
    _prepare = env("ARENA_DB_PREPARE_THRESHOLD")
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.update({"server_side_binding": True, "prepare_threshold": _prepare if _prepare > 0 else None})
    if _prepare > 0:
        _options["options"] = f"{_options.get('options', '')} -c plan_cache_mode=force_custom_plan".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
# Background work (Django's task API, django-tasks backport) stored in the database; `python -m arena worker`
# runs it (arena/jobs/worker.py). Seconds between worker heartbeats, and the wall-clock limit of one task.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ARENA_WORKER_HEARTBEAT = env("ARENA_WORKER_HEARTBEAT")
ARENA_TASK_TIME_LIMIT = env("ARENA_TASK_TIME_LIMIT")
# Periodic tasks the worker enqueues: name -> (task path, period in seconds).
ARENA_PERIODIC_TASKS: dict[str, tuple[str, int]] = {
    "deadline-reminders": ("arena.notifications.events.deadline_reminders_task", 3600),
    "invitation-mailbox": ("arena.invitations.mailbox.poll_mailbox_task", env("ARENA_IMAP_POLL_SECONDS")),
    "invitation-retention": ("arena.invitations.retention.retention_task", 86400),
    "monitoring-feeds": ("arena.monitoring.feeds.poll_feeds_task", 3600),
}

# E-mail (notifications) through SMTP; without ARENA_EMAIL_HOST messages are written to the log instead.
# ARENA_BASE_URL is the address links in e-mail point to.
ARENA_BASE_URL = env("ARENA_BASE_URL")
ARENA_REMINDER_DAYS = env("ARENA_REMINDER_DAYS")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if env("ARENA_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env("ARENA_EMAIL_HOST") or "localhost"
EMAIL_PORT = env("ARENA_EMAIL_PORT")
EMAIL_HOST_USER = env("ARENA_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("ARENA_EMAIL_PASSWORD")
EMAIL_USE_TLS = env("ARENA_EMAIL_USE_TLS")
EMAIL_USE_SSL = env("ARENA_EMAIL_USE_SSL")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env("ARENA_EMAIL_FROM")

# Open data (arena/opendata): /data/ answers without sign-in only when ARENA_OPEN_DATA is on (else 404). The
# publisher in the DCAT-AP-NO catalogue is the organisation with this number in Enhetsregisteret.
ARENA_OPEN_DATA = env("ARENA_OPEN_DATA")
ARENA_ORGANISATION_NUMBER = env("ARENA_ORGANISATION_NUMBER")
ARENA_OPEN_DATA_CONTACT_EMAIL = env("ARENA_OPEN_DATA_CONTACT_EMAIL")
# Archive hand-off (arena/archive): the sending system's name in the arkivmelding, and the classification
# system its class codes belong to (the agency's archive key; class codes per document kind in archive/kinds.py).
ARENA_ARCHIVE_SYSTEM = env("ARENA_ARCHIVE_SYSTEM")
ARENA_ARCHIVE_CLASSIFICATION_SYSTEM = env("ARENA_ARCHIVE_CLASSIFICATION_SYSTEM")
# Invitations (arena/invitations): bodies and attachments are removed this many days after arrival (facts kept);
# one message (with attachments) may be at most ARENA_INVITATION_MAX_BYTES. The shared mailbox is polled over
# IMAP every ARENA_IMAP_POLL_SECONDS when ARENA_IMAP_HOST is set; fetched messages are moved to the processed
# folder, never deleted.
ARENA_INVITATION_RETENTION_DAYS = env("ARENA_INVITATION_RETENTION_DAYS")
# days after which an unanswered invitation's contacts are reminded
ARENA_INVITATION_REMINDER_DAYS = env("ARENA_INVITATION_REMINDER_DAYS")
ARENA_INVITATION_MAX_BYTES = env("ARENA_INVITATION_MAX_BYTES")
ARENA_IMAP = {
    "host": env("ARENA_IMAP_HOST"),
    "port": env("ARENA_IMAP_PORT"),
    "user": env("ARENA_IMAP_USER"),
    "password": env("ARENA_IMAP_PASSWORD"),
    "folder": env("ARENA_IMAP_FOLDER"),
    "processed_folder": env("ARENA_IMAP_PROCESSED_FOLDER"),
    "ssl": env("ARENA_IMAP_SSL"),
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by the server's worker processes (one machine): holds small stamps such as the version of the name list
# that search keeps in each process's memory (arena/register/search.py), so a change seen by one worker
# invalidates the copies of all.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    },
    # Each process's own: page fragments that depend only on code, language and the keys they name (base.html's
    # main menu), never on the register's data, so they need no invalidation.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "arena-pages",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Local sign-in is throttled (django-axes): after ARENA_LOGIN_FAILURE_LIMIT failures in a row for one user name
# from one address, sign-in is refused for ARENA_LOGIN_LOCKOUT_MINUTES (a page says so, HTTP 429). The axes
# backend comes first; it needs the request, so tests sign in with force_login or through the form.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "arena.accounts.oidc.EntraBackend",  # does nothing unless single sign-on is configured
]
AXES_FAILURE_LIMIT = env("ARENA_LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env("ARENA_LOGIN_LOCKOUT_MINUTES"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "arena.accounts.views.locked_out"
AXES_VERBOSE = False

# Single sign-on with OpenID Connect (mozilla-django-oidc, arena/accounts/oidc.py and sso.py), shaped for
# Microsoft Entra ID; on when an issuer and a client id are set. Endpoints come from the issuer's discovery
# document unless given. Users are keyed on ARENA_OIDC_ID_CLAIM (Entra's immutable `oid`); app roles in the
# `roles` claim map to Arena's roles; a token without any of them is refused unless
# ARENA_OIDC_UNKNOWN_USERS=reader. Local password sign-in stays. See docs/deploy.md.
ARENA_OIDC_ISSUER = env("ARENA_OIDC_ISSUER")  # exactly as the provider names itself (the ID token's `iss`)
ARENA_OIDC_ENABLED = bool(ARENA_OIDC_ISSUER and env("ARENA_OIDC_CLIENT_ID"))
ARENA_OIDC_PROVIDER_NAME = env("ARENA_OIDC_PROVIDER_NAME")
ARENA_OIDC_ID_CLAIM = env("ARENA_OIDC_ID_CLAIM")
ARENA_OIDC_COORDINATOR_ROLE = env("ARENA_OIDC_COORDINATOR_ROLE")
ARENA_OIDC_CONTACT_ROLE_PREFIX = env("ARENA_OIDC_CONTACT_ROLE_PREFIX")
ARENA_OIDC_READER_ROLE = env("ARENA_OIDC_READER_ROLE")
ARENA_OIDC_UNKNOWN_USERS = env("ARENA_OIDC_UNKNOWN_USERS")
if ARENA_OIDC_UNKNOWN_USERS not in {"refuse", "reader"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ARENA_OIDC_UNKNOWN_USERS must be 'refuse' or 'reader'")
OIDC_RP_CLIENT_ID = env("ARENA_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("ARENA_OIDC_CLIENT_SECRET")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = env("ARENA_OIDC_SCOPES")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_OP_AUTHORIZATION_ENDPOINT = env("ARENA_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("ARENA_OIDC_TOKEN_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("ARENA_OIDC_JWKS_URI")
OIDC_OP_USER_ENDPOINT = ""  # not used: the claims are read from the ID token

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "arena" / "locale"]
TIME_ZONE = env("ARENA_TIME_ZONE")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it; collectstatic fills it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Secure by default whenever debug is off: HTTPS only (redirect, HSTS, secure cookies). Switch off only
# explicitly: ARENA_HTTPS=false (plain HTTP, e.g. a closed test network), ARENA_SSL_REDIRECT=false (a proxy in
# front already redirects), ARENA_HSTS_SECONDS=0. Behind a proxy that terminates TLS, name the header it sets
# (ARENA_PROXY_SSL_HEADER=X-Forwarded-Proto) and trust only that proxy. See docs/deploy.md.
HTTPS = env.bool("ARENA_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("ARENA_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("ARENA_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("ARENA_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("ARENA_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
if env("ARENA_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + env("ARENA_PROXY_SSL_HEADER").upper().replace("-", "_"), "https")
USE_X_FORWARDED_HOST = env("ARENA_USE_X_FORWARDED_HOST")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): everything from Arena's own origin; no inline script at all; an inline
# <style> only with the request's nonce. The issued HTML report (its CSS inlined) is served with its own policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", CSP_NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logs go to standard error (the process manager / journald keeps them), one line per record.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "arena": {"level": env("ARENA_LOG_LEVEL")},
        "django_tasks": {"level": env("ARENA_LOG_LEVEL")},
        "django_tasks_db": {"level": env("ARENA_LOG_LEVEL")},
    },
}

# The REST API (arena/api): token or session sign-in, Access for permission, problem details for errors.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "arena.api.auth.TokenAuthentication",  # first, so an unauthenticated request gets 401, not 403
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["arena.api.permissions.AccessPermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "arena.api.problems.handle",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env.str("ARENA_API_RATE", default="600/min")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Arena API",
    "DESCRIPTION": (
        "Registeret over Helsedirektoratets internasjonale samarbeid: enheter, personer og roller, "
        "organisasjoner, arenaer, deltakelser, aktiviteter og utsyn. Logg inn med `Authorization: Token <nøkkel>` "
        "(lag en nøkkel under Konto → API-nøkler eller med `python -m arena create-token BRUKERNAVN`). Endringer "
        "krever If-Match med versjonen fra ETag; feil kommer som problem details (RFC 9457)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
