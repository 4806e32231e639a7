"""The queue split (issue 17): report building and mail have queues of their own, published for
real to a Redis of this test's own, so workers on other machines can take one kind of work."""

from __future__ import annotations

from opvang.celery import app
from opvang.tasks import outbox_sweep, send_mail
from reports.tasks import build_snapshot


def test_reports_and_mail_are_published_on_their_own_queues(broker) -> None:
    build_snapshot.delay(1)
    send_mail.delay(subject="s", body="b", to=["a@example.org"])
    send_mail.delay(subject="s", body="b", to=["b@example.org"])
    outbox_sweep.delay()
    lengths = {queue: broker.queue_length(queue) for queue in ("reports", "mail", "celery")}
    assert lengths == {"reports": 1, "mail": 2, "celery": 1}


def test_a_worker_without_a_queue_option_consumes_every_queue() -> None:
    """`celery -A opvang worker` (no -Q) must still run everything: all queues are declared."""
    assert {"celery", "reports", "mail"} <= {queue.name for queue in app.amqp.queues.values()}
    assert app.amqp.router.route({}, "reports.tasks.build_snapshot")["queue"].name == "reports"
    assert app.amqp.router.route({}, "opvang.tasks.send_mail")["queue"].name == "mail"
    assert app.amqp.router.route({}, "administration.tasks.send_invitation")["queue"].name == "mail"
    assert app.amqp.router.route({}, "privacy.tasks.anything")["queue"].name == "celery"
