"""Settings for `make bench` (python -m bench.run): the dev settings plus a baseline URL.

The benchmark runs in its own database, created fresh by bench.run and removed
afterwards: a temporary SQLite file under var/, or a `<name>_bench` database
next to the one DATABASE_URL names when PostgreSQL is configured.
"""

import os

from config.settings.dev import *  # noqa: F403
from config.settings.dev import BASE_DIR, DATABASES

# Measure what production runs: no debug query log, no debug pages.
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# The baseline view exists only here, never in config.urls.
ROOT_URLCONF = "config.urls_bench"
# Benchmark staff are synthetic; hashing their passwords with Argon2 only slows setup.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _test_name = str(BASE_DIR / "var" / f"bench-{os.getpid()}.sqlite3")
else:
    _test_name = f"{DATABASES['default']['NAME']}_bench"
DATABASES["default"]["TEST"] = {"NAME": _test_name}
