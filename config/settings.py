"""Boligsocial settings: one module, every value from the environment (see docs/operations.md).

Defaults suit trying the app out on one machine (embedded SQLite). Production changes values,
never code: `DEBUG=false`, `DATABASE_URL=postgresql://…`, `ALLOWED_HOSTS=…` and the security
variables below; `manage.py check --deploy` is then clean.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from config.env import env_bool, env_int, env_list, env_str, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(BASE_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Demo mode shows the "Demodata" banner; set by `make run`, off in production.
DEMO_MODE = env_bool("DEMO_MODE", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # third party
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    # ours
    "boligsocial.core",
    "boligsocial.audit",
    "boligsocial.organisations",
    "boligsocial.imports",
    "boligsocial.screening",
    "boligsocial.guides",
    "boligsocial.catalogue",
    "boligsocial.cases",
    "boligsocial.analyses",
    "boligsocial.visits",
    "boligsocial.surveys",
    "boligsocial.walks",
    "boligsocial.plans",
    "boligsocial.coordination",
    "boligsocial.reports",
    "boligsocial.accounts",
    "boligsocial.api",
    "boligsocial.site",  # the top: home, navigation, dashboard, demo data
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "boligsocial.core.middleware.DanishByDefaultLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "boligsocial.core.middleware.NoStoreMiddleware",
]
# Answers no cache may keep (core/middleware.py): case pages, letter PDFs and the whole API.
NO_STORE_NAMESPACES = ["cases", "api"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "boligsocial" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "boligsocial.site.context_processors.layout",
            ],
        },
    },
]

# Database: embedded SQLite unless DATABASE_URL says otherwise (PostgreSQL in CI and production).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    from config.sqlite import disable_memstatus

    SQLITE_MEMSTATUS_OFF = disable_memstatus()  # before sqlite3 is imported (config/sqlite.py)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # WAL: readers and a writer at the same time (pages while an import runs; the screening
    # reads values on a second connection while it writes lights, decision 0010).
    # A 64 MB page cache (default 2 MB) keeps a large write (the 80,000-light screen) from
    # spilling pages to the WAL mid-transaction: 20 % of its insert time (decision 0011).
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA cache_size=-65536;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Authentication
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Invitation and password-reset links work once, for this long (docs/decisions/0019).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 72) * 3600
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock the pair (username, client address) after repeated failures, so wrong
# passwords from one address neither lock the account for other addresses nor lock other
# accounts from that address. The client address is core.ratelimit.client_address: behind
# AXES_PROXY_COUNT reverse proxies (docs/operations.md) django-ipware reads the address the
# nearest proxy appended to PROXY_CLIENT_HEADER; with 0 proxies no header is trusted.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
PROXY_CLIENT_HEADER = "HTTP_X_FORWARDED_FOR"
AXES_CLIENT_IP_CALLABLE = "boligsocial.core.ratelimit.client_address"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Caches. `shared` is Django's database cache: rate limits and single-use marks
# (core/ratelimit.py) must be seen by every worker process. Its table comes from
# `manage.py createcachetable` (make install; test databases make it themselves). The default
# cache stays in process memory. MAX_ENTRIES is high so that culling never drops a live limit.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "boligsocial_cache",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000, "CULL_FREQUENCY": 4},
    },
}

# Sessions: idle timeout (the cookie's age is renewed on every request).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# HTTPS (the reverse proxy terminates TLS and sets X-Forwarded-Proto).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: no inline script, no inline <style>, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "manifest-src": [SELF],
    },
}

# Uploads: refuse large bodies early; imports check their own size limit with a Danish message.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Small numbers: counts of 1..k-1 are shown as "<k" to boards and the municipality, with
# secondary suppression (core/disclosure.py, decision 0024). At least 3.
DISCLOSURE_MIN_COUNT = env_int("DISCLOSURE_MIN_COUNT", 5)

# Internationalisation: Danish by default, English selectable.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# Static files: vendored, served by WhiteNoise (no CDN anywhere).
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "boligsocial" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Files that must only be served through an access check (case attachments): never under
# MEDIA_ROOT, never served by the web server directly.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))

# E-mail (invitations, password reset, case reminders). The console backend prints mails when
# DEBUG is on (`make run`); production sends through SMTP (docs/operations.md).
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "boligsocial@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Drift", a) for a in env_list("ADMINS", [])]

# Background tasks: django-tasks with the database backend; `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "boligsocial.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "boligsocial.core.rest.DocumentedAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["boligsocial.core.strictfilters.StrictFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only, with a nesting limit (core/parsers.py): the schema then promises one body
    # format, the one clients use. An endpoint taking files declares its own parsers.
    "DEFAULT_PARSER_CLASSES": ["boligsocial.core.parsers.DepthLimitedJSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Boligsocial API",
    "DESCRIPTION": "REST-API for Boligsocial. Samme adgangsregler som brugerfladen.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Without deep links an operation's path is text inside its toggle button, not a second
    # control nested in it (axe: nested-interactive). Operation ids are the anchors' job anyway.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # A light's overall colour has "none"; an indicator's colour is one of three.
    "ENUM_NAME_OVERRIDES": {
        "IndicatorColourEnum": "boligsocial.screening.api.INDICATOR_COLOURS",
        "WalkStatusEnum": "boligsocial.walks.models.WalkStatus",
        "FindingStatusEnum": "boligsocial.walks.models.FindingStatus",
        "FindingCategoryEnum": "boligsocial.walks.models.Category",
        "WalkParticipantRoleEnum": "boligsocial.walks.models.ParticipantRole",
        "PlanDocumentKindEnum": "boligsocial.plans.document_models.DocumentKind",
        # The case enums keep the names they had before other apps had fields of these names.
        "CategoryEnum": "boligsocial.cases.models.choices.Category",
        "KindEnum": "boligsocial.cases.models.choices.CaseKind",
        "RoleEnum": "boligsocial.cases.models.choices.PartyRole",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The membership service checks uniqueness itself; PostgreSQL also enforces it in the database.
SILENCED_SYSTEM_CHECKS = ["models.W047"]

# Service visits: lease-level visit data is deleted this many years after the campaign ended
# (the aggregates stay; decision 0031). Run by the cases' daily retention task.
VISIT_RETENTION_YEARS = env_int("VISIT_RETENTION_YEARS", 3)

# The coordination map (issue 17): no tile server by default, the map shows Denmark's vendored
# outline only (works offline). An operator may set a tile URL template, e.g. Dataforsyningen's
# or the organisation's own (a key belongs in the environment, never in the code); the map
# page then allows that origin in img-src (CSP) for itself only.
COORDINATION_TILE_URL = env_str("COORDINATION_TILE_URL", "")
COORDINATION_TILE_ATTRIBUTION = env_str("COORDINATION_TILE_ATTRIBUTION", "")
