"""Production: everything secret comes from the environment; no demo shortcuts."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import AUDIT_CHAIN_KEY, DATABASES, mailers

DEBUG = False
# Hard-coded, not read from the environment: demo logins and code printing
# must be impossible here whatever the operator sets.
DEMO_MODE = False

SECRET_KEY = env_str("SECRET_KEY")
# The same bar as Django's security.W009, but refusing to boot instead of warning.
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be at least 50 random characters in production, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'."
    )
if len(AUDIT_CHAIN_KEY) < 32:
    raise ImproperlyConfigured("AUDIT_CHAIN_KEY must be set (at least 32 characters).")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL.")

# No default host: the operator names the public host name(s), e.g. ingang.example.se.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the public host name(s) in production.")
# Only needed when forms are posted from another origin than the host itself.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
if any(not origin.startswith("https://") for origin in CSRF_TRUSTED_ORIGINS):
    raise ImproperlyConfigured("CSRF_TRUSTED_ORIGINS must be https:// origins in production.")

MAILERS = mailers("django.core.mail.backends.smtp.EmailBackend")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
