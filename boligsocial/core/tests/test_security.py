"""Production settings, security headers, login lockout, password hashing, idle sessions."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "p" * 20 + "roduction-secret-key-with-enough-entropy-1234567890",
    "DATABASE_URL": "postgresql://boligsocial:x@db.example.dk:5432/boligsocial",
    "ALLOWED_HOSTS": "boligsocial.example.dk",
    "CSRF_TRUSTED_ORIGINS": "https://boligsocial.example.dk",
    "SECURE_PROXY_SSL_HEADER": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "true",
}


def _manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_with_trying_out_defaults():
    """The test above can fail: without the production values Django complains."""
    env = {"DEBUG": "true"}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout  # DEBUG on


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_login_page_has_no_inline_script(client):
    html = client.get(reverse("login")).content.decode()
    assert "<script>" not in html
    assert all('src="' in tag for tag in html.split("<script")[1:])


def test_sessions_expire_after_idle_time_and_cookies_are_secure_outside_debug():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SECURE is True  # tests run with DEBUG off
    assert settings.CSRF_COOKIE_SECURE is True


@pytest.mark.argon2
@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(django_user_model):
    user = django_user_model.objects.create_user("hasher", password="a long passphrase")
    assert identify_hasher(user.password).algorithm == "argon2"


@pytest.mark.django_db
def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, personas):
    url = reverse("login")
    for _ in range(5):
        response = client.post(url, {"username": "staff-a", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(url, {"username": "staff-a", "password": "demo"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "15" in response.content.decode()


@pytest.mark.django_db
def test_right_password_logs_in(client, personas):
    response = client.post(reverse("login"), {"username": "staff-a", "password": "demo"})
    assert response.status_code == 302
    assert response["Location"] == reverse("site:home")
    assert client.session["_auth_user_id"] == str(personas["staff_a"].pk)


@pytest.mark.django_db
def test_health_check_is_public_and_says_ok(client):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert response.content == b"ok"
