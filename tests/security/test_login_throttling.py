"""Issue 11, finding 4: wrong passwords are throttled per account and per address, with a clear
Chinese message and an unlock path for the administrator; passwords are hashed with Argon2."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(username="officer", password=PASSWORD)


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_right_password_after_too_many_wrong_ones_is_refused(client, officer):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit):
        assert sign_in(client, "officer", "wrong").status_code in (200, 429)
    response = sign_in(client, "officer", PASSWORD, address="10.0.0.2")  # another address too
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_accounts_is_locked(client, officer):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{n}", "wrong", address="10.0.0.9")
    assert sign_in(client, "officer", PASSWORD, address="10.0.0.9").status_code == 429
    assert sign_in(client, "officer", PASSWORD, address="10.0.0.10").status_code == 302


def test_the_administrator_unlocks_an_account(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "officer", "wrong")
    assert sign_in(client, "officer", PASSWORD).status_code == 429
    call_command("axes_reset_username", "officer")
    call_command("axes_reset_ip", "10.0.0.1")
    assert sign_in(client, "officer", PASSWORD).status_code == 302


def test_admin_lists_access_attempts_for_unlocking(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password=PASSWORD)
    client.force_login(admin)
    assert client.get("/admin/axes/accessattempt/").status_code == 200


def test_passwords_are_hashed_with_argon2():
    # The suite swaps in a fast hasher (tests/conftest.py); the settings module is what runs.
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from zhuanxing.config import settings as configured

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    hasher = Argon2PasswordHasher()  # argon2-cffi is installed and works
    hashed = hasher.encode(PASSWORD, hasher.salt())
    assert hashed.startswith("argon2$") and hasher.verify(PASSWORD, hashed)
