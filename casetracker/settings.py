"""Settings for the case tracker, all read from the environment.

Local development needs no variables: SQLite in the project folder and DEBUG on. With DEBUG off
the app refuses to start unless SECRET_KEY and ALLOWED_HOSTS are set.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from casetracker.env import env_bool, env_cache, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

if not DEBUG:
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to at least 50 random characters when DEBUG is off"
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must list the site's host names when DEBUG is off"
        )
elif not SECRET_KEY:
    # Only ever used with DEBUG on: a local development server on this machine.
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"  # noqa: S105
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Local development only: staff use the admin on a password alone, so trying the app needs no
# authenticator app. The middleware also checks DEBUG, so it cannot act on a live site.
SKIP_SECOND_FACTOR = env_bool("SKIP_SECOND_FACTOR", default=False)
if SKIP_SECOND_FACTOR and not DEBUG:
    raise ImproperlyConfigured(
        "SKIP_SECOND_FACTOR is for local development: unset it or turn DEBUG on"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django_filters",
    "reversion",
    "import_export",
    # Before our apps: casetracker.roles gives editors view permissions on the axes logs when the
    # last of our apps migrates, so those permissions must exist by then.
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The API's docs page (casetracker.site.api) from its own static files, not a CDN.
    "ninja",
    "casetracker",
    "people",
    "cases",
    "events",
    "casetracker.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "casetracker.two_factor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "casetracker.health.DatabaseUnavailableMiddleware",
    # After Locale and Authentication: the key holds the language, logged-in users are not served.
    "casetracker.page_cache.PublicPageCacheMiddleware",
    # ETag and CORS on the API's answers, the cached ones too (so after the page cache).
    "casetracker.site.api.middleware.ApiHeadersMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during authentication into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "casetracker.site.urls"
WSGI_APPLICATION = "casetracker.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": env_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out username before any password is checked.
# (Client.force_login in tests bypasses backends, so it keeps working.)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Aqtau"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
# WhiteNoise serves static files from the app server; in production, hashed and compressed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Production hardening: on whenever DEBUG is off; behind a TLS-terminating proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: no inline scripts or styles anywhere, admin included (every script and
# stylesheet is a file under STATIC_URL). django-csp 4 for Django 5.2. On Django 6, drop "csp" from
# INSTALLED_APPS, replace "csp.middleware.CSPMiddleware" by
# "django.middleware.csp.ContentSecurityPolicyMiddleware" and set SECURE_CSP = CSP_DIRECTIVES: the
# directives below are already in the plain {directive: [sources]} form that Django 6 takes.
CSP_DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username, that
# username is refused for AXES_COOLOFF_MINUTES whatever the password and wherever it comes from (so
# a botnet cannot go on guessing); the same for AXES_FAILURE_LIMIT failures from one client address
# whatever the username (password spraying). Behind a reverse proxy set AXES_PROXY_COUNT, or every
# client has the proxy's address. Every login and failed login is recorded (AccessLog,
# AccessAttempt, AccessFailureLog); editors read them in the admin.
# `manage.py axes_reset_username NAME` (or axes_reset_ip ADDRESS) lifts a lockout early.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", default=30, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# The client's address: REMOTE_ADDR, or behind N reverse proxies (AXES_PROXY_COUNT=N) the one the
# outermost proxy put in X-Forwarded-For.
if _proxies := env_int("AXES_PROXY_COUNT", default=0):
    AXES_IPWARE_PROXY_COUNT = _proxies
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# The read-only API (casetracker.site.api): anonymous clients may send API_THROTTLE_RATE requests
# per address ("120/m", "5000/h", "2/s"; empty for no limit), the address found as for logins.
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE", "120/m")
NINJA_NUM_PROXIES = env_int("AXES_PROXY_COUNT", default=0)

# Two-factor authentication (django-otp, TOTP): required in the admin for editors, superusers and
# anyone who has set up a device (casetracker.two_factor); researchers may set one up.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Mangistau case tracker")

# The public record: the licence of its data (the about page and every export name it) and where
# readers send corrections.
DATA_LICENCE = {
    "name": "CC BY 4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "corrections@mangistau-cases.example.org")

# CSV imports run in one transaction: one invalid row and nothing is written.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Imports of more rows than this run in the background (casetracker.import_jobs) with a progress
# page, so that a long file never meets the app server's request timeout.
IMPORT_SYNC_ROWS = env_int("IMPORT_SYNC_ROWS", 200, minimum=1)

# A shared cache for sessions and pages when several app servers run: Redis.
CACHES = env_cache("REDIS_URL")
if "RedisCache" in CACHES["default"]["BACKEND"]:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# How long an anonymous reader's public page is kept (0: not cached). Any write to the records
# invalidates every cached page at once (casetracker.page_cache), so this only bounds memory use.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
