"""Local sign-in is throttled (django-axes): a lockout after repeated failures, with a page that says so in
bokmål; a success before the limit resets the count. Every signed-in user can change their own password."""

import pytest

pytestmark = pytest.mark.django_db
PASSWORD = "Hemmelig-passord-42"


def _sign_in(client, password, username="kari"):
    return client.post("/logg-inn/", {"username": username, "password": password})


def test_five_failures_lock_the_user_out_even_with_the_right_password(client, user, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = _sign_in(client, "feil")
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = _sign_in(client, "feil")
    assert response.status_code == 429
    response = _sign_in(client, PASSWORD)
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "Innlogging midlertidig stengt" in text
    assert "5 mislykkede innloggingsforsøk" in text and "stengt i 15 minutter" in text
    # Another user name from the same address is not locked out.
    other = user.__class__.objects.create_user("ola", password=PASSWORD)
    assert _sign_in(client, PASSWORD, username=other.username).status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, user):
    for _ in range(4):
        _sign_in(client, "feil")
    assert _sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _sign_in(client, "feil").status_code == 200
    assert _sign_in(client, PASSWORD).status_code == 302


def test_any_user_changes_their_own_password(signed_in, user):
    assert not user.is_staff
    page = signed_in.get("/")
    assert 'href="/konto/passord/"' in page.content.decode()
    response = signed_in.post(
        "/konto/passord/",
        {"old_password": "galt", "new_password1": "Nytt-passord-77", "new_password2": "Nytt-passord-77"},
    )
    assert response.status_code == 200 and "Passordet ble ikke endret" in response.content.decode()
    response = signed_in.post(
        "/konto/passord/",
        {"old_password": PASSWORD, "new_password1": "Nytt-passord-77", "new_password2": "Nytt-passord-77"},
        follow=True,
    )
    assert "Passordet er endret." in response.content.decode()
    assert "_auth_user_id" in signed_in.session  # still signed in
    user.refresh_from_db()
    assert user.check_password("Nytt-passord-77") and not user.check_password(PASSWORD)


def test_the_password_page_needs_a_signed_in_user(client):
    response = client.get("/konto/passord/")
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")
