"""Settings shared by every environment. Environment-specific modules import this."""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "simple_history",
    # django-ninja's own static files: the API docs page without a CDN.
    "ninja",
    "ingang.core",
    "ingang.agencies",
    "ingang.accounts",
    "ingang.people",
    "ingang.cases",
    "ingang.records",
    "ingang.consent",
    "ingang.audit",
    "ingang.access",
    "ingang.timeline",
    "ingang.notifications",
    "ingang.intake",
    "ingang.meetings",
    "ingang.referrals",
    "ingang.assessments",
    "ingang.plans",
    "ingang.portal",
    "ingang.finsam",
    "ingang.followup",
    "ingang.api",
    "ingang.fhir",
    "ingang.feeds",
    "ingang.imports",
    "ingang.review",
    "ingang.retention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ingang.portal.session.PortalSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ingang.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes must be last: it turns lockouts into responses.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ingang" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ingang.core.context_processors.ingang",
            ],
        },
    },
]

# The embedded default is SQLite so `make run` works on a bare machine;
# production and CI point DATABASE_URL at PostgreSQL.
_SQLITE_PATH = BASE_DIR / "var" / "ingang.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{_SQLITE_PATH}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A persistent connection is checked before each request reuses it, so a
    # database restart costs no failed request; connecting gives up quickly so
    # an unreachable server answers 503 (ingang.core.db_failure), not a hang.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5, minimum=1)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock when a transaction starts, so two
        # writers queue on the busy timeout instead of failing on upgrade.
        "transaction_mode": "IMMEDIATE",
        # Seconds a writer waits for the lock before the request answers 503.
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20, minimum=1),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any hashing.
    "axes.backends.AxesStandaloneBackend",
    "ingang.accounts.backends.StaffModelBackend",
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

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: idle timeout (sliding) and absolute timeout from login, both
# enforced by ingang.accounts.middleware.SessionTimeoutMiddleware.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60, minimum=60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT_SECONDS", 10 * 60 * 60, minimum=60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "ingang_session"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Lockout: five failures on the same username and address locks for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1, minimum=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

OTP_TOTP_ISSUER = "Ingång"

# Content-Security-Policy: nothing inline, nothing third-party.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"

# The key that seals the access log's hash chain (HMAC). Without it an
# attacker with database access could recompute the chain after an edit.
AUDIT_CHAIN_KEY = env_str("AUDIT_CHAIN_KEY", "")
# A checkpoint of the chain head is stored every N events.
AUDIT_CHECKPOINT_INTERVAL = env_int("AUDIT_CHECKPOINT_INTERVAL", 1000, minimum=1)

# Log review (loggkontroll), docs/review.md. Reads outside office hours
# (Europe/Stockholm, [start, end)) are flagged, and on weekends if set.
REVIEW_OFFICE_HOURS_START = env_int("REVIEW_OFFICE_HOURS_START", 7)
REVIEW_OFFICE_HOURS_END = env_int("REVIEW_OFFICE_HOURS_END", 18, minimum=1)
REVIEW_WEEKENDS_AFTER_HOURS = env_bool("REVIEW_WEEKENDS_AFTER_HOURS", True)
# A reader's day is flagged when its reads exceed mean + SD x standard deviation of
# their daily reads over the previous BASELINE days, and at least MIN_READS.
REVIEW_VOLUME_BASELINE_DAYS = env_int("REVIEW_VOLUME_BASELINE_DAYS", 30, minimum=7)
REVIEW_VOLUME_SD = env_int("REVIEW_VOLUME_SD", 3, minimum=1)
REVIEW_VOLUME_MIN_READS = env_int("REVIEW_VOLUME_MIN_READS", 20, minimum=1)
REVIEW_SAMPLE_SIZE = env_int("REVIEW_SAMPLE_SIZE", 25, minimum=1)
# A recorded review lists at most this many examined events (and counts them all).
REVIEW_MAX_EXAMINED = env_int("REVIEW_MAX_EXAMINED", 500, minimum=1)

# Retention (gallring), docs/retention.md. Access logs are kept at least five
# years (the database refuses erasure of younger events); case data is erased
# this many years after the person's last case closed. People born on these
# days of a month are the research sample and are exempt from case-data erasure.
RETENTION_ACCESS_LOG_YEARS = env_int("RETENTION_ACCESS_LOG_YEARS", 10, minimum=5)
RETENTION_CASE_DATA_YEARS = env_int("RETENTION_CASE_DATA_YEARS", 5, minimum=1)
RETENTION_EXEMPT_BIRTH_DAYS = [
    int(day) for day in env_list("RETENTION_EXEMPT_BIRTH_DAYS", ["5", "15", "25"])
]

# Consents ending within this many days are "expiring".
CONSENT_EXPIRING_DAYS = env_int("CONSENT_EXPIRING_DAYS", 30, minimum=1)

# My pages (/mina-sidor/): the person's own session, separate from staff sessions, with its
# own cookie limited to the portal's path (ingang.portal.session).
PORTAL_SESSION_COOKIE_NAME = "ingang_mina_sidor"
PORTAL_SESSION_IDLE_TIMEOUT = env_int("PORTAL_SESSION_IDLE_TIMEOUT_SECONDS", 15 * 60, minimum=60)
PORTAL_SESSION_ABSOLUTE_TIMEOUT = env_int(
    "PORTAL_SESSION_ABSOLUTE_TIMEOUT_SECONDS", 2 * 60 * 60, minimum=60
)
# Whether My pages name the staff who read the person's data ("shown"), or give agency,
# unit and role and the names on request ("on_request").
PORTAL_STAFF_NAMES = env_str("PORTAL_STAFF_NAMES", "shown")
# Sign-in to My pages with e-ID (BankID, Freja) through an OIDC broker. Off unless configured.
PORTAL_OIDC_ENABLED = env_bool("PORTAL_OIDC_ENABLED", False)
if PORTAL_OIDC_ENABLED:
    PORTAL_OIDC_RP_CLIENT_ID = env_str("PORTAL_OIDC_RP_CLIENT_ID")
    PORTAL_OIDC_RP_CLIENT_SECRET = env_str("PORTAL_OIDC_RP_CLIENT_SECRET")
    PORTAL_OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("PORTAL_OIDC_OP_AUTHORIZATION_ENDPOINT")
    PORTAL_OIDC_OP_TOKEN_ENDPOINT = env_str("PORTAL_OIDC_OP_TOKEN_ENDPOINT")
    PORTAL_OIDC_OP_USER_ENDPOINT = env_str("PORTAL_OIDC_OP_USER_ENDPOINT")
    PORTAL_OIDC_OP_JWKS_ENDPOINT = env_str("PORTAL_OIDC_OP_JWKS_ENDPOINT")
    PORTAL_OIDC_RP_SIGN_ALGO = env_str("PORTAL_OIDC_RP_SIGN_ALGO", "RS256")
    PORTAL_OIDC_RP_SCOPES = env_str("PORTAL_OIDC_RP_SCOPES", "openid profile")
    # The claim carrying the person's personnummer (brokers name it differently).
    PORTAL_OIDC_PERSONAL_NUMBER_CLAIM = env_str(
        "PORTAL_OIDC_PERSONAL_NUMBER_CLAIM", "personal_number"
    )

# Demo conveniences (seed data, printing TOTP codes). Production forces False.
DEMO_MODE = False

# OIDC login through an e-ID broker (SITHS for staff). Off unless configured.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("ingang.accounts.oidc.StaffOIDCBackend")
    OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid profile")
    # The claim that carries the staff member's identity (e.g. HSA-id for SITHS).
    OIDC_USERNAME_CLAIM = env_str("OIDC_USERNAME_CLAIM", "sub")
    # Staff are created by administrators, never on first login.
    OIDC_CREATE_USER = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF at INFO.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The JSON API and FHIR facade: requests per token (or staff member) and period.
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/min")
# Tokens are hashed at rest and valid this many days unless told otherwise.
API_TOKEN_DEFAULT_DAYS = env_int("API_TOKEN_DEFAULT_DAYS", 90, minimum=1)

# Where staff reach the app; used for links in e-mail (the daily digest).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")


def mailers(default_backend: str) -> dict[str, dict[str, object]]:
    """The MAILERS setting: EMAIL_BACKEND from the environment, SMTP options when it is SMTP."""
    backend = env_str("EMAIL_BACKEND", default_backend)
    options: dict[str, object] = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 587, minimum=1),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


# E-mail: the console in development and the demo; production defaults to SMTP.
MAILERS = mailers("django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ingång <noreply@ingang.invalid>")
