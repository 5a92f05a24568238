"""Lean settings for the test suite."""

from config.settings.base import *  # noqa: F403

DEBUG = False
DEMO_MODE = True
SECRET_KEY = "test-only-key"  # noqa: S105
AUDIT_CHAIN_KEY = "test-only-audit-chain-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Argon2 is pinned by a test of the production settings; tests hash faster.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
