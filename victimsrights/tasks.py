"""Recovering work whose worker died (a crash, a deploy, `kill -9`) part-way through a task.

Every task claims its row before acting and checks the provider before sending again, so running
it a second time is safe. A task still marked running after TASK_STALE_SECONDS lost its worker:
it is marked failed and queued again, and its notice or alert's claim has gone stale too.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

LOST = "The worker stopped before the task finished; it was queued again."
WORKER_LOST = "victimsrights.tasks.WorkerLost"


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.TASK_STALE_SECONDS)


@transaction.atomic
def tasks_requeue_abandoned(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    abandoned = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - stale_after()
    )
    count = 0
    for result in abandoned:
        # A moment later, so the notice's or alert's own claim is stale too when it runs.
        again = result.task.using(run_after=now + datetime.timedelta(seconds=2))
        again.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.status = TaskResultStatus.FAILED
        result.finished_at = now
        result.exception_class_path = WORKER_LOST
        result.traceback = LOST
        result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
        count += 1
    return count
