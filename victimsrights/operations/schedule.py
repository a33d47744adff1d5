"""Scheduled jobs, declared in code. Each job is safe to run on several machines at once and to
run again (it locks or claims the rows it changes), so `run_scheduler` may run anywhere."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from victimsrights.audit.services import chain_pending
from victimsrights.compliance.services import duties_mark_breached
from victimsrights.plans.services import year_figures_count
from victimsrights.ratelimit import rate_counters_prune
from victimsrights.reviews.services import reviews_tell_of_delay
from victimsrights.sealedrecords.services import sealed_records_expire
from victimsrights.tasks import tasks_requeue_abandoned


@dataclass(frozen=True)
class Job:
    name: str
    every_seconds: int
    run: Callable[[], Any]


JOBS = [
    Job("chain the audit entries written since the last run", every_seconds=2, run=lambda: chain_pending()),
    Job("queue again the tasks whose worker died", every_seconds=60, run=lambda: tasks_requeue_abandoned()),
    Job("expire sealed records and remind safe places", every_seconds=3600, run=lambda: sealed_records_expire()),
    Job("mark Victims' Code duties past their last day", every_seconds=600, run=lambda: duties_mark_breached()),
    Job("tell victims when a review will miss its target", every_seconds=3600, run=lambda: reviews_tell_of_delay()),
    Job("delete the counters of rate-limit windows that have ended", every_seconds=3600, run=rate_counters_prune),
    Job("delete finished task results older than 14 days", every_seconds=86400, run=lambda: prune_task_results()),
    Job(
        "count this year's and last year's plan figures for drafts and the commissioner's dashboard",
        every_seconds=900,
        run=lambda: [year_figures_count(year=timezone.localdate().year - back) for back in (0, 1)],
    ),
]


def prune_task_results() -> None:
    """django-tasks keeps every finished task's row; a busy service would keep millions."""
    call_command("prune_db_task_results", "--queue-name", "*", "--min-age-days", "14", verbosity=0)
