"""Invitation mail survives a broker outage and a mail server that is down (issue 18).

Real processes: a Redis of the test's own (stopped and started), a Celery worker (solo pool)
and an SMTP endpoint on a port of its own: nothing listens there while the mail server is
"down", then a small SMTP server takes the mail. The token never reaches the database, the
outbox or the broker: the worker makes it when it sends the mail.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from django.db import connection
from django.urls import reverse

from administration.models import Invitation
from opvang.constants import Role
from opvang.models import OutboxMessage, User
from opvang.outbox import outbox_enqueue
from opvang.tasks import outbox_sweep, send_mail
from opvang.tests.faultservices import (
    SmtpServer,
    start_worker,
    stop_worker,
    wait_for,
)

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

QUEUED_NL = "De uitnodiging staat in de wachtrij"
WAITING_NL = "Wacht op verzending"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    try:
        yield server
    finally:
        server.stop()


def invite(client, world):
    """Open the form (as the administrator does), then post it; the POST alone is timed."""
    form = reverse("administration:staff_invite")
    assert client.get(form).status_code == 200
    data = {
        "username": "nieuwe.collega",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "email": "nina@example.org",
        "role": Role.CASEWORKER,
        "organisation": world.org_a.pk,
        "locations": [world.loc_a1.pk],
    }
    started = time.monotonic()
    response = client.post(form, data)
    # Generous for a loaded CI machine; a refused broker costs under a second (PUBLISH_RETRY_POLICY).
    assert time.monotonic() - started < 10, "a dead broker or mail server must not hold up the request"
    assert response.status_code == 302
    return client.get(response["Location"])


def token_in(message) -> str:
    body = message.get_payload(decode=True).decode()
    return re.search(r"http://testserver/administration/invitation/([^/\s]+)/", body).group(1)


def assert_no_token_stored(token: str) -> None:
    """Neither the invitation nor the outbox (nor anything else in the public schema) holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        tables = [row[0] for row in cursor.fetchall()]
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}" t WHERE t::text LIKE %s', [f"%{token}%"])  # noqa: S608
            assert cursor.fetchone()[0] == 0, f"the invitation token is stored in {table}"


def test_invitation_made_while_the_broker_is_down_is_mailed_when_it_is_back(
    world, client, broker, smtp, tmp_path
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker is a separate process on the same database")
    smtp.start()
    broker.stop()  # the outage
    client.force_login(world.admin)
    response = invite(client, world)

    # The administrator is told the mail is queued; the account exists; nothing is lost.
    page = response.content.decode()
    assert response.status_code == 200 and QUEUED_NL in page
    user = User.objects.get(username="nieuwe.collega")
    invitation = Invitation.objects.get(user=user)
    assert invitation.mailed_at is None
    message = OutboxMessage.objects.get(key=f"invitation:{invitation.pk}")
    assert message.dispatched_at is None and message.last_error
    assert message.kwargs == {"invitation_id": invitation.pk, "site_url": "http://testserver/"}
    detail = client.get(reverse("administration:staff_detail", args=[user.pk])).content.decode()
    assert WAITING_NL in detail
    assert outbox_sweep() == 0  # the sweep during the outage: nothing sent, nothing raised

    broker.start()
    worker = start_worker(broker.url, tmp_path / "worker.log", settings=smtp.settings())
    try:
        assert outbox_sweep() == 1
        wait_for(lambda: len(smtp.messages) == 1, 60, f"the invitation mail (log: {tmp_path / 'worker.log'})")
        wait_for(lambda: Invitation.objects.filter(pk=invitation.pk).exclude(mailed_at=None).exists(), 10, "mailed")
    finally:
        stop_worker(worker)
    (mail,) = smtp.messages
    assert mail["To"] == "nina@example.org"
    token = token_in(mail)
    assert_no_token_stored(token)
    client.logout()
    accept = client.get(reverse("administration:invitation_accept", args=[token]))
    assert accept.status_code == 200 and "Wachtwoord instellen" in accept.content.decode()
    assert outbox_sweep() == 0 and len(smtp.messages) == 1  # exactly once


def test_mail_server_down_never_blocks_the_request_and_the_mail_is_retried_until_it_goes_out(
    world, client, broker, smtp, tmp_path
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker is a separate process on the same database")
    # Nothing listens on smtp.port yet: the mail server is down (connection refused).
    worker = start_worker(broker.url, tmp_path / "worker.log", settings=smtp.settings())
    log = tmp_path / "worker.log"
    try:
        client.force_login(world.admin)
        response = invite(client, world)
        assert QUEUED_NL in response.content.decode()
        # Another kind of mail (the daily digest's) through the same path.
        outbox_enqueue(
            task="opvang.tasks.send_mail",
            kwargs={"subject": "Opvang: uw signalen", "body": "HH-2026-00001", "to": ["begeleider@example.org"]},
            key="digest",
        )
        assert not OutboxMessage.objects.filter(dispatched_at=None).exists()  # both reached the broker

        # Both mails fail and are scheduled again, with backoff; nothing is marked as sent.
        wait_for(lambda: log.read_text().count("Retry in") >= 2, 60, f"two retries (log: {log})")
        invitation = Invitation.objects.get(user__username="nieuwe.collega")
        assert invitation.mailed_at is None
        detail = client.get(reverse("administration:staff_detail", args=[invitation.user_id])).content.decode()
        assert WAITING_NL in detail

        smtp.start()  # the mail server is back: the next retries deliver
        wait_for(lambda: len(smtp.messages) == 2, 60, f"both mails after the retry (log: {log})")
        wait_for(lambda: Invitation.objects.filter(pk=invitation.pk).exclude(mailed_at=None).exists(), 10, "mailed")
    finally:
        stop_worker(worker)
    by_recipient = {message["To"]: message for message in smtp.messages}
    assert set(by_recipient) == {"nina@example.org", "begeleider@example.org"}
    token = token_in(by_recipient["nina@example.org"])
    assert_no_token_stored(token)
    client.logout()
    accept = client.get(reverse("administration:invitation_accept", args=[token]))
    assert "Wachtwoord instellen" in accept.content.decode()


def test_a_mail_server_that_never_answers_does_not_hold_the_worker(smtp, settings) -> None:
    """The worker's send gives up after EMAIL_TIMEOUT (30 s by default; 1 s here) and is retried."""
    assert 0 < settings.EMAIL_TIMEOUT <= 60  # what every deployment gets unless it sets its own
    for name, value in {**smtp.settings(), "EMAIL_TIMEOUT": 1}.items():
        setattr(settings, name, value)
    smtp.start_silent()
    started = time.monotonic()
    with pytest.raises(OSError):  # TimeoutError: the task's retry (mail_retry_countdown) follows
        send_mail.apply(kwargs={"subject": "x", "body": "y", "to": ["a@example.org"]}, throw=True)
    assert time.monotonic() - started < 5
