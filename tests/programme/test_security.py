"""Sign-in, sessions and forms resist what an attacker would try: guessing passwords, fixing
a session, forging or replaying a form. Every refusal is in French and stores nothing."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from sqlmodel import Session, func, select, update

from directory.programme.sessions import COOKIE
from directory.programme.tables import DeskRecord, LoginThrottle, StaffSession
from directory.programme.vocabulary import Role

from .conftest import PASSWORD, SESSION, Space, post_form, sign_in, signed_in, token_of


def _records(space: Space) -> int:
    with Session(space.engine) as db:
        return int(db.exec(select(func.count()).select_from(DeskRecord)).one())


def test_a_good_password_opens_a_session_in_an_http_only_cookie(space: Space) -> None:
    space.account("marie")
    client = space.client()
    response = sign_in(client, "marie")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert COOKIE in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Espace partenaires" in client.get("/programme").text


def test_a_wrong_password_and_an_unknown_account_get_the_same_answer(space: Space) -> None:
    space.account("marie")
    wrong = sign_in(space.client(), "marie", "pas le bon mot de passe")
    unknown = sign_in(space.client(), "personne", "pas le bon mot de passe")
    assert wrong.status_code == unknown.status_code == 401
    assert "Identifiant ou mot de passe incorrect." in unescape(wrong.text)
    assert "Identifiant ou mot de passe incorrect." in unescape(unknown.text)


def test_brute_force_locks_the_account_even_for_the_right_password(space: Space) -> None:
    space.account("marie")
    for _ in range(space.settings.login_max_failures):
        sign_in(space.client(), "marie", "devine")
    locked = sign_in(space.client(), "marie", PASSWORD)
    assert locked.status_code == 401
    assert "bloqué après plusieurs mots de passe incorrects" in unescape(locked.text)
    with Session(space.engine) as db:  # the lockout is over
        db.exec(update(LoginThrottle).values(locked_until=LoginThrottle.window_start))
        db.commit()
    assert sign_in(space.client(), "marie", PASSWORD).status_code == 303


def test_an_unknown_account_locks_the_same_way(space: Space) -> None:
    for _ in range(space.settings.login_max_failures):
        sign_in(space.client(), "inconnu", "devine")
    assert "bloqué" in unescape(sign_in(space.client(), "inconnu", "devine").text)


def test_one_address_trying_many_accounts_is_slowed_down(space: Space) -> None:
    space.account("marie")
    client = space.client()  # the same address for every try
    for n in range(space.settings.login_max_failures_per_address):
        sign_in(client, f"essai{n}", "devine")
    refused = sign_in(client, "marie", PASSWORD)
    assert refused.status_code == 401
    assert "Trop de tentatives de connexion depuis cette connexion internet" in unescape(
        refused.text
    )


def test_a_session_id_planted_before_sign_in_is_never_used(space: Space) -> None:
    space.account("marie")
    client = space.client()
    client.cookies.set(COOKIE, "jeton-choisi-par-un-attaquant")
    response = sign_in(client, "marie")
    issued = response.cookies.get(COOKIE)
    assert issued and issued != "jeton-choisi-par-un-attaquant"
    other = space.client()
    other.cookies.set(COOKIE, "jeton-choisi-par-un-attaquant")
    assert other.get("/programme", follow_redirects=False).status_code == 303  # to sign-in


def test_the_sign_in_page_sends_a_signed_in_person_to_the_space(space: Space) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    response = client.get("/programme/connexion", follow_redirects=False)
    assert response.headers["location"] == "/programme"


def test_a_form_without_its_token_stores_nothing(space: Space) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    response = client.post("/programme/entretiens", data=SESSION, follow_redirects=False)
    assert response.status_code == 400
    assert "Ce formulaire n'a pas été reconnu" in unescape(response.text)
    assert _records(space) == 0


def test_a_token_of_another_session_is_refused(space: Space) -> None:
    space.account("marie")
    space.account("paul")
    marie, paul = signed_in(space, "marie"), signed_in(space, "paul")
    stolen = token_of(marie.get("/programme/entretiens/nouveau").text)
    response = paul.post(
        "/programme/entretiens", data={"jeton": stolen, **SESSION}, follow_redirects=False
    )
    assert response.status_code == 400
    assert _records(space) == 0


def test_a_replayed_form_is_stored_once(space: Space) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    token = token_of(client.get("/programme/entretiens/nouveau").text)
    first = client.post(
        "/programme/entretiens", data={"jeton": token, **SESSION}, follow_redirects=False
    )
    again = client.post(
        "/programme/entretiens", data={"jeton": token, **SESSION}, follow_redirects=False
    )
    assert first.status_code == 303
    assert again.status_code == 400
    assert "déjà été envoyé" in unescape(again.text)
    assert _records(space) == 1


def test_the_sign_in_form_needs_its_own_token(space: Space) -> None:
    space.account("marie")
    response = space.client().post(
        "/programme/connexion", data={"identifiant": "marie", "mot_de_passe": PASSWORD}
    )
    assert response.status_code == 400
    assert COOKIE not in response.headers.get("set-cookie", "")


def test_logging_out_everywhere_closes_every_device(space: Space) -> None:
    space.account("marie")
    laptop, phone = signed_in(space, "marie"), signed_in(space, "marie")
    post_form(laptop, "/programme/mot-de-passe", "/programme/deconnexion", {"partout": "oui"})
    assert (
        phone.get("/programme", follow_redirects=False)
        .headers["location"]
        .startswith("/programme/connexion")
    )


def test_an_idle_session_expires(space: Space) -> None:
    space.account("marie")
    client = signed_in(space, "marie")
    idle = timedelta(minutes=space.settings.session_idle_minutes + 1)
    with Session(space.engine) as db:
        session = db.exec(select(StaffSession)).one()
        session.last_seen_at = session.last_seen_at - idle
        db.add(session)
        db.commit()
    assert client.get("/programme", follow_redirects=False).status_code == 303


def test_a_temporary_password_must_be_changed_first(space: Space) -> None:
    from directory.programme.accounts import reset_password
    from directory.programme.clock import utcnow
    from directory.programme.tables import StaffAccount

    space.account("marie")
    with Session(space.engine) as db:
        account = db.exec(select(StaffAccount)).one()
        temporary = reset_password(db, account, utcnow()).password
    client = space.client()
    response = sign_in(client, "marie", temporary)
    assert response.headers["location"] == "/programme/mot-de-passe"
    assert (
        client.get("/programme/indicateurs", follow_redirects=False).headers["location"]
        == "/programme/mot-de-passe"
    )
    changed = post_form(
        client,
        "/programme/mot-de-passe",
        "/programme/mot-de-passe",
        {
            "actuel": temporary,
            "nouveau": "ma nouvelle phrase secrète",
            "confirmation": "ma nouvelle phrase secrète",
        },
    )
    assert changed.status_code == 303
    assert client.get("/programme/indicateurs").status_code == 200


def test_a_deactivated_account_is_signed_out_and_refused(space: Space) -> None:
    space.account("chef", role=Role.ADMINISTRATION)
    space.account("marie")
    marie = signed_in(space, "marie")
    chef = signed_in(space, "chef")
    post_form(
        chef,
        "/programme/comptes",
        "/programme/comptes",
        {"action": "desactiver", "identifiant": "marie"},
    )
    assert marie.get("/programme", follow_redirects=False).status_code == 303
    assert "désactivé" in unescape(sign_in(space.client(), "marie").text)


def test_pages_of_the_space_are_never_cached_nor_indexed(space: Space) -> None:
    space.account("marie")
    response = signed_in(space, "marie").get("/programme/indicateurs")
    assert response.headers["cache-control"] == "no-store"
    assert "noindex" in response.headers["x-robots-tag"]


def test_after_sign_in_the_next_page_is_never_another_site(space: Space) -> None:
    space.account("marie")
    client = space.client()
    page = client.get("/programme/connexion?suite=https://exemple.org/piege")
    assert 'value="/programme"' in page.text
    response = client.post(
        "/programme/connexion",
        data={
            "jeton": token_of(page.text),
            "identifiant": "marie",
            "mot_de_passe": PASSWORD,
            "suite": "//exemple.org",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/programme"
