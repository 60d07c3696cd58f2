"""Django settings for Arena.

Everything that differs between installations comes from typed environment variables (django-environ).
SQLite is the default database; set DATABASE_URL (postgres://user:pass@host/db) for PostgreSQL.
"""

from pathlib import Path

import environ
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
)

DEBUG = env("ARENA_DEBUG")
DATA_DIR = Path(env("ARENA_DATA_DIR"))
SECRET_KEY = env("ARENA_SECRET_KEY") or secret_key_file(DATA_DIR / "secret-key")
ALLOWED_HOSTS = env("ARENA_ALLOWED_HOSTS")
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
    "arena.register",
    "arena.ingest",
    "arena.reporting",
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
            ],
        },
    },
]

WSGI_APPLICATION = "arena.wsgi.application"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'arena.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Test databases in UTF-8 whatever the cluster's default encoding is.
    DATABASES["default"]["TEST"] = {"CHARSET": "UTF8", "TEMPLATE": "template0"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
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

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
