"""Work survives a worker that dies part-way through a task: the scheduler's sweep queues it again,
and the alert reaches the victim once, whether the worker died before or after Notify took it."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from victimsrights.cases import services
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.notify.services import Route, delivery_claim, delivery_send_now
from victimsrights.tasks import tasks_requeue_abandoned
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]


def die_mid_task(alert: Delivery, *, after_sending: bool) -> None:
    """What a worker leaves behind when `kill -9` stops it: its task running, the alert claimed."""
    task = DBTaskResult.objects.get(task_path__endswith="delivery_send", status=TaskResultStatus.READY)
    task.claim("worker-that-died")
    claimed = delivery_claim(delivery_id=str(alert.pk))
    assert claimed is not None
    if after_sending:
        delivery_send_now(delivery=claimed, route=Route("email", claimed.report.contact.email))


@pytest.mark.parametrize("after_sending", [False, True], ids=["before Notify took it", "after Notify took it"])
def test_a_dead_workers_alert_is_sent_once_after_the_sweep(notify, settings, after_sending):
    _report, case, officer = recorded_case()
    run_worker()
    services.update_publish(case_id=case.pk, text="We have your statement.", actor=officer)
    alert = Delivery.objects.alerts().get()
    die_mid_task(alert, after_sending=after_sending)

    assert tasks_requeue_abandoned() == 0  # not yet stale: the worker may only be slow
    later = timezone.now() + datetime.timedelta(seconds=settings.TASK_STALE_SECONDS + 5)
    with time_machine.travel(later, tick=True):
        assert tasks_requeue_abandoned() == 1
        assert DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count() == 0
    with time_machine.travel(later + datetime.timedelta(seconds=3), tick=True):
        run_worker()

    alert.refresh_from_db()
    assert alert.status == DeliveryStatus.SENT
    assert [n["reference"] for n in notify.state.notifications].count(str(alert.pk)) == 1
    lost = DBTaskResult.objects.get(worker_ids=["worker-that-died"])
    assert lost.status == TaskResultStatus.FAILED and "queued again" in lost.traceback
