"""Settings, all from the environment, with safe defaults for the local demo.

VRS_ENVIRONMENT=production turns the demo defaults off: the service then refuses to
start without its own SECRET_KEY and with DEBUG on.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from victimsrights import keyring

BASE_DIR = Path(__file__).resolve().parent.parent
DEMO_SECRET_KEY = "demo-only-not-secret-victims-rights-service"  # noqa: S105 - refused in production


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


ENVIRONMENT = os.environ.get("VRS_ENVIRONMENT", "development")
PRODUCTION = ENVIRONMENT == "production"

SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else DEMO_SECRET_KEY)
DEBUG = env_bool("DEBUG", default=False)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == DEMO_SECRET_KEY):
    raise ImproperlyConfigured("Production needs its own SECRET_KEY; the demo key is refused.")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("Production refuses to run with DEBUG on.")

# True only behind a load balancer that sets X-Request-ID itself, replacing whatever a client sent.
TRUST_REQUEST_ID_HEADER = env_bool("TRUST_REQUEST_ID_HEADER", default=False)
# Victims' page titles end with this, not the service's name, so browser history says nothing of the police.
NEUTRAL_TITLE = os.environ.get("NEUTRAL_TITLE", "Online service")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
# Links in emails and texts. Without SERVICE_URL, the port `make run` serves on (PORT, 8000 by default).
SERVICE_URL = os.environ.get("SERVICE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
SERVICE_NAME = "Report a crime and follow your case"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "victimsrights.areas",
    "victimsrights.accounts",
    "victimsrights.audit",
    "victimsrights.govuk",
    "victimsrights.reporting",
    "victimsrights.sealedrecords",
    "victimsrights.safeplaces",
    "victimsrights.recording",
    "victimsrights.portal",
    "victimsrights.feedback",
    "victimsrights.notify",
    "victimsrights.cases",
    "victimsrights.compliance",
    "victimsrights.reviews",
    "victimsrights.complaints",
    "victimsrights.oversight",
    "victimsrights.plans",
    "victimsrights.api",
    "victimsrights.policeuk",
    "victimsrights.operations",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "victimsrights.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "victimsrights.languages.StaffPagesInEnglish",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "victimsrights.portal.middleware.IdleTimeoutMiddleware",
    "victimsrights.permissions.PermissionMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Staff sign-in: a password, then a code from an authenticator app (django-otp). Five wrong
# passwords for one username, or from one address, pause sign-in for 15 minutes (django-axes),
# whether or not the username exists, so the pause says nothing about which accounts there are.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
OTP_TOTP_ISSUER = "Victims' Rights Service"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
# Locked per username *and* address (OWASP): a stranger failing from their own addresses cannot pause a named
# officer, who signs in from theirs.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

ROOT_URLCONF = "victimsrights.urls"
WSGI_APPLICATION = "victimsrights.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "victimsrights" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "victimsrights.context_processors.service",
            ],
        },
    },
    {
        # Plain-text messages (emails, texts, letters): never HTML-escaped, so "We've" stays "We've".
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "victimsrights" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# SQLite (WAL) by default; PostgreSQL when DATABASE_URL is set.
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", BASE_DIR / "db.sqlite3"))
SQLITE_OPTIONS = {
    # IMMEDIATE: a writing transaction takes the write lock at BEGIN, so two writers
    # queue on busy_timeout instead of failing with "database is locked" mid-transaction.
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": SQLITE_OPTIONS,
            # Tests use a file, not memory, so threads and the live server share one database.
            "TEST": {"NAME": os.environ.get("SQLITE_TEST_PATH", str(BASE_DIR / ".test-db.sqlite3"))},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.StaffUser"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The languages a victim may choose (Victims' Code Right 1), from their browser or the switch on every victim page,
# each named in its own language. A language is added here when its translation of the online report is complete
# (victimsrights/locale; README "The victim's language"). Polish: London's most common main language after English
# in the 2011 Census (ONS).
LANGUAGES = [("en-gb", "English"), ("pl", "Polski")]
# Translations not yet checked by a professional translator: every victim page in one says so.
LANGUAGES_AWAITING_REVIEW = {"pl"}
LOCALE_PATHS = [BASE_DIR / "victimsrights" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "victimsrights" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Sessions: victims use shared devices; a session ends when the browser closes.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 60 * 60 * 2
VICTIM_IDLE_SECONDS = int(os.environ.get("VICTIM_IDLE_SECONDS", str(15 * 60)))
STAFF_IDLE_SECONDS = int(os.environ.get("STAFF_IDLE_SECONDS", str(30 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "victimsrights.views.csrf_failure"
# same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts,
# which CSRF protection rightly refuses. Nothing reaches another site either way.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Scripts only from our own files: GOV.UK Frontend is started by static/victimsrights/init.mjs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# The service needs none of the browser's powerful features; a victim's device shares nothing.
# Only features Chromium's Permissions-Policy parser knows: an unknown one ("bluetooth") logs a
# warning on every page (the browser tests fail on any console warning).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background work: Django Tasks with the database backend, run by `manage.py db_worker`.
# Always the database backend, never an override: a task row is written in the same transaction as the change it
# is about (a notice with its report, an alert with its update), which no other backend guarantees.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email: SMTP when EMAIL_HOST is set, otherwise printed by the worker (the demo).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
# Who victims' messages come from. A force sets both in production: the placeholders are refused. Victims who asked
# for neutral wording (and every one-time code) get messages from NEUTRAL_FROM_EMAIL, an address on a domain that
# says nothing of the police, so the sender does not give away what the message is about.
DEMO_DEFAULT_FROM_EMAIL = "no-reply@victims.example.police.uk"
DEMO_NEUTRAL_FROM_EMAIL = "no-reply@messages.example.org"


def _sender(name: str, demo: str) -> str:
    address = os.environ.get(name, "" if PRODUCTION else demo)
    if PRODUCTION and (not address or address == demo):
        raise ImproperlyConfigured(f"Production needs {name} of its own; the placeholder is refused.")
    return address


DEFAULT_FROM_EMAIL = _sender("DEFAULT_FROM_EMAIL", DEMO_DEFAULT_FROM_EMAIL)
NEUTRAL_FROM_EMAIL = _sender("NEUTRAL_FROM_EMAIL", DEMO_NEUTRAL_FROM_EMAIL)

# The neutral site that "Exit this page" leaves to.
EXIT_PAGE_URL = os.environ.get("EXIT_PAGE_URL", "https://www.bbc.co.uk/weather")

# Sealed records: the key-encryption keys, newest first (see reporting/sealing.py).
DEMO_SEALED_RECORDS_KEYS = "demo:ZGVtby1vbmx5LXNlYWxlZC1yZWNvcmRzLWtleS0zMmI="
# Field-level encryption of accounts and contact details at rest, newest key first (see encryption.py).
DEMO_FIELD_ENCRYPTION_KEYS = "demo:ZGVtby1vbmx5LWZpZWxkLWVuY3J5cHRpb24ta2V5ISE="
# Matching perpetrators' identifiers across sealed records: the HMAC keys, newest first (see sealedrecords/matching.py).
DEMO_MATCHING_KEYS = "demo:ZGVtby1vbmx5LXBlcnBldHJhdG9yLW1hdGNoaW5nISE="


def _keys(name: str, demo: str) -> str:
    """A key ring from the environment: the demo one outside production, never in it; malformed keys stop the start."""
    keys = os.environ.get(name, "" if PRODUCTION else demo)
    if PRODUCTION and (not keys or "demo:" in keys):
        raise ImproperlyConfigured(f"Production needs {name} of its own; the demo key is refused.")
    keyring.parse(keys)
    return keys


SEALED_RECORDS_KEYS = _keys("SEALED_RECORDS_KEYS", DEMO_SEALED_RECORDS_KEYS)
FIELD_ENCRYPTION_KEYS = _keys("FIELD_ENCRYPTION_KEYS", DEMO_FIELD_ENCRYPTION_KEYS)
SEALED_RECORD_RETENTION_DAYS = int(os.environ.get("SEALED_RECORD_RETENTION_DAYS", str(2 * 365)))
SEALED_RECORD_REMINDER_DAYS = int(os.environ.get("SEALED_RECORD_REMINDER_DAYS", "30"))
MATCHING_KEYS = _keys("MATCHING_KEYS", DEMO_MATCHING_KEYS)
# Identifiers of a perpetrator: at most this many on one record, and this many entries by one worker a day (every
# entry counts, even one already there), so nobody can probe the hashes by trying identifiers one after another.
MATCHING_IDENTIFIERS_PER_RECORD = int(os.environ.get("MATCHING_IDENTIFIERS_PER_RECORD", "10"))
MATCHING_ENTRIES_PER_WORKER_PER_DAY = int(os.environ.get("MATCHING_ENTRIES_PER_WORKER_PER_DAY", "30"))

# Reports whose place is unknown go to this force's queue.
DEFAULT_FORCE = os.environ.get("DEFAULT_FORCE", "met")

# Report journey limits.
DRAFT_LIFETIME_DAYS = int(os.environ.get("DRAFT_LIFETIME_DAYS", "28"))
# Right to Review (NPCC scheme; CPS VRR legal guidance, 27 May 2021): ask within 3 months of being told; the police
# acknowledge within 10 working days and decide within 30; the CPS asks for requests within 10 working days.
REVIEW_REQUEST_MONTHS = int(os.environ.get("REVIEW_REQUEST_MONTHS", "3"))
REVIEW_ACKNOWLEDGE_WORKING_DAYS = int(os.environ.get("REVIEW_ACKNOWLEDGE_WORKING_DAYS", "10"))
REVIEW_DECISION_WORKING_DAYS = int(os.environ.get("REVIEW_DECISION_WORKING_DAYS", "30"))
CPS_REVIEW_PROMPT_WORKING_DAYS = int(os.environ.get("CPS_REVIEW_PROMPT_WORKING_DAYS", "10"))
# Complaints (Victims' Code right 12): the area answers within these working days.
COMPLAINT_ANSWER_WORKING_DAYS = int(os.environ.get("COMPLAINT_ANSWER_WORKING_DAYS", "20"))
# The Victims Commissioner's finding on an escalated complaint: the London service's own pledge (no statute sets
# one), told to the victim when they escalate so they know when to expect it.
COMMISSIONER_ANSWER_WORKING_DAYS = int(os.environ.get("COMMISSIONER_ANSWER_WORKING_DAYS", "20"))
# An area answers each of the commissioner's published recommendations within this many days of publication:
# Domestic Violence, Crime and Victims Act 2004 s.49A (Victims and Prisoners Act 2024 s.22(3)), 56 days.
RECOMMENDATION_RESPONSE_DAYS = int(os.environ.get("RECOMMENDATION_RESPONSE_DAYS", "56"))
# A task running longer than this lost its worker and is queued again (victimsrights/tasks.py).
TASK_STALE_SECONDS = int(os.environ.get("TASK_STALE_SECONDS", "300"))
NOTICE_MAX_ATTEMPTS = int(os.environ.get("NOTICE_MAX_ATTEMPTS", "8"))
# First retry after this many seconds, doubling each time, at most an hour.
NOTICE_RETRY_SECONDS = int(os.environ.get("NOTICE_RETRY_SECONDS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "victimsrights.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "json"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Request lines can carry form fields in their errors; keep Django's request logger terse.
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Notify's client logs its answers, which may repeat what was sent; our task logs the status.
        "notifications_python_client": {"level": "ERROR"},
        # PDF and chart libraries log every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "matplotlib": {"level": "WARNING"},
    },
}

# A cache shared by every web process, for rate limits.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "vrs_cache",
    }
}
RESUME_ATTEMPTS_PER_HOUR = int(os.environ.get("RESUME_ATTEMPTS_PER_HOUR", "10"))
# "Save and come back later": codes one address may ask for an hour, and codes one email address is sent an hour.
SAVE_CODES_PER_HOUR = int(os.environ.get("SAVE_CODES_PER_HOUR", "20"))
SAVE_CODES_PER_ADDRESS = int(os.environ.get("SAVE_CODES_PER_ADDRESS", "3"))

# GOV.UK Notify: when a key is set, every message goes by Notify (email, text and letter); otherwise email goes by
# SMTP, text cannot go, and letters wait on the print list for staff to post. Each template shows ((subject)) and
# ((body)); the letter template also takes the address lines.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_SMS_TEMPLATE_ID = os.environ.get("NOTIFY_SMS_TEMPLATE_ID", "")
NOTIFY_LETTER_TEMPLATE_ID = os.environ.get("NOTIFY_LETTER_TEMPLATE_ID", "")
NOTIFY_CALLBACK_TOKEN = os.environ.get("NOTIFY_CALLBACK_TOKEN", "")
