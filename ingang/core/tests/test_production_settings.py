"""Production settings: hardened, secrets from the environment, no demo shortcuts."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "AUDIT_CHAIN_KEY": secrets.token_urlsafe(40),
    "DATABASE_URL": "postgres://ingang@db.invalid:5432/ingang",
    "ALLOWED_HOSTS": "ingang.example.se",
}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **(env if env is not None else PRODUCTION_ENV)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_value(expression: str) -> str:
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    result = run("-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_it_passes_the_deploy_check_without_warnings() -> None:
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_hashes_with_argon2_and_secures_cookies() -> None:
    assert settings_value("s.PASSWORD_HASHERS[0]").endswith("Argon2PasswordHasher")
    assert settings_value("(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)") == (
        "(True, True, False)"
    )
    assert settings_value("(s.SESSION_IDLE_TIMEOUT, s.SESSION_ABSOLUTE_TIMEOUT)") == "(1800, 36000)"


def test_it_has_no_demo_mode_whatever_the_environment_says() -> None:
    result = run(
        "-c",
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEMO_MODE)",
        env={**PRODUCTION_ENV, "DEMO_MODE": "1"},
    )
    assert result.stdout.strip() == "False"


def test_demo_commands_refuse_under_production_settings() -> None:
    for command in (["demo_totp", "anna.af"], ["seed_demo"]):
        result = run("manage.py", *command)
        assert result.returncode != 0
        assert "DEMO_MODE" in result.stderr


def test_it_refuses_to_start_without_secrets() -> None:
    for missing in ("SECRET_KEY", "AUDIT_CHAIN_KEY"):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
        result = run("manage.py", "check", env=env)
        assert result.returncode != 0
        assert missing in result.stderr


def test_it_sends_a_content_security_policy(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/konto/logga-in/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
