"""Moving to one pipeline loses no history and no queued message: every notice and alert becomes a delivery, and
a task queued for either before the change sends the delivery after it."""

import datetime
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from victimsrights.notify.models import Delivery

pytestmark = [pytest.mark.django_db(transaction=True)]

BEFORE = [("notify", "0003_undelivered"), ("reporting", "0007_under_18")]
AFTER = [("notify", "0004_one_delivery_pipeline"), ("reporting", "0008_notices_moved_to_notify")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_the_move():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_notices_and_alerts_become_deliveries_and_their_queued_tasks_follow(before_the_move):
    apps = before_the_move
    now = timezone.now()
    force = apps.get_model("areas", "Force").objects.create(code="met", name="Met", crime_number_prefix="MET")
    report = apps.get_model("reporting", "Report").objects.create(
        reference="VR-TEST-0001",
        idempotency_key=uuid.uuid4(),
        channel="online",
        received_at=now,
        force=force,
        what_happened="",
        injured="no",
        victim_name="",
        referral_consent=False,
    )
    Notice = apps.get_model("reporting", "Notice")
    sent = Notice.objects.create(report=report, kind="received", channel="email", status="sent", not_before=now)
    Notice.objects.filter(pk=sent.pk).update(sent_at=now, created_at=now - datetime.timedelta(days=3))
    waiting = Notice.objects.create(report=report, kind="recorded", channel="email", not_before=now, attempts=2)
    Notice.objects.create(report=report, kind="declined", channel="phone", status="staff", not_before=now)
    alert = apps.get_model("notify", "Alert").objects.create(report=report, channel="text", not_before=now)
    common = {"status": "READY", "backend_name": "default", "queue_name": "default", "run_after": now}
    DBTaskResult.objects.create(
        task_path="victimsrights.reporting.tasks.notice_send",
        args_kwargs={"args": [waiting.pk], "kwargs": {}},
        **common,
    )
    DBTaskResult.objects.create(
        task_path="victimsrights.notify.tasks.alert_send", args_kwargs={"args": [str(alert.pk)], "kwargs": {}}, **common
    )

    migrate(AFTER)

    moved = {d.kind: d for d in Delivery.objects.filter(report_id=report.pk)}
    assert set(moved) == {"received", "recorded", "declined", "alert"}
    assert (moved["received"].status, moved["received"].channel, moved["received"].sent_at) == ("sent", "email", now)
    assert moved["received"].created_at == now - datetime.timedelta(days=3)
    assert (moved["recorded"].status, moved["recorded"].attempts) == ("pending", 2)
    assert (moved["declined"].status, moved["declined"].channel) == ("staff", "")
    assert moved["alert"].pk == alert.pk and moved["alert"].channel == "text"
    queued = {tuple(task.args_kwargs["args"]): task.task_path for task in DBTaskResult.objects.all()}
    assert queued == {
        (str(moved["recorded"].pk),): "victimsrights.notify.tasks.delivery_send",
        (str(alert.pk),): "victimsrights.notify.tasks.delivery_send",
    }
