"""Hardened deployment: what an operator gets from config.settings.production.

Each test boots the production settings in a fresh interpreter with a
generated environment, as a server would, and never reaches a database.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def production_env(**overrides: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        AUDIT_CHAIN_KEY=secrets.token_urlsafe(40),
        DATABASE_URL="postgres://ingang@db.invalid:5432/ingang",
        ALLOWED_HOSTS="ingang.example.se",
    )
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_passes_every_deploy_check_with_a_generated_environment() -> None:
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "secret_key",
    [
        "too-short",
        "a" * 80,  # long but not random
        "django-insecure-" + secrets.token_urlsafe(50),
    ],
)
def test_it_refuses_to_boot_with_a_weak_secret_key(secret_key: str) -> None:
    result = run("manage.py", "check", env=production_env(SECRET_KEY=secret_key))
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 random characters" in result.stderr


def test_it_refuses_to_boot_without_allowed_hosts() -> None:
    result = run("manage.py", "check", env=production_env(ALLOWED_HOSTS=None))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the public host" in result.stderr


def test_it_refuses_plain_http_trusted_origins() -> None:
    env = production_env(CSRF_TRUSTED_ORIGINS="http://ingang.example.se")
    result = run("manage.py", "check", env=env)
    assert result.returncode != 0
    assert "CSRF_TRUSTED_ORIGINS must be https://" in result.stderr


def test_it_redirects_to_https_and_sends_hsts_and_secure_cookies() -> None:
    # The login page needs no database: this is what the proxy's first request sees.
    code = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="ingang.example.se")
plain = client.get("/konto/logga-in/")
tls = client.get("/konto/logga-in/", secure=True)
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "tls": tls.status_code,
    "hsts": tls.get("Strict-Transport-Security", ""),
    "csrf_cookie_secure": bool(tls.cookies["csrftoken"]["secure"]),
}))
"""
    result = run("-c", code, env=production_env())
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain"] == [301, "https://ingang.example.se/konto/logga-in/"]
    assert seen["tls"] == 200
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["csrf_cookie_secure"] is True


def test_it_uses_health_checked_connections_that_give_up_quickly() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "db = settings.DATABASES['default']; "
        "print(db['CONN_HEALTH_CHECKS'], db['CONN_MAX_AGE'], db['OPTIONS']['connect_timeout'])"
    )
    result = run("-c", code, env=production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "60", "5"]
