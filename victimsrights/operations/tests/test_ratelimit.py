"""Rate limits (sign-in codes, report saving) count every attempt exactly once, however many web processes take
them at the same moment, and start afresh in the next window."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection, connections

from victimsrights import ratelimit
from victimsrights.operations.models import RateCounter

MOMENT = datetime.datetime(2026, 12, 1, 10, 0, 30, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_the_limit_holds_within_a_window_and_the_next_window_starts_afresh():
    attempt = {"scope": "victim-code", "identifier": "VR-ABCD-EFGH", "limit": 3, "window_seconds": 60}
    with time_machine.travel(MOMENT, tick=False):
        assert [ratelimit.allow(**attempt) for _ in range(5)] == [True, True, True, False, False]
        assert ratelimit.allow(**{**attempt, "identifier": "VR-OTHER"})  # someone else's count is their own
    with time_machine.travel(MOMENT + datetime.timedelta(seconds=60), tick=False):
        assert ratelimit.allow(**attempt)
        assert ratelimit.rate_counters_prune() == 2  # the ended window's counters go
    assert RateCounter.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a server database")
def test_attempts_made_at_the_same_moment_are_each_counted_once():
    attempt = {"scope": "victim-code", "identifier": "VR-RACE", "limit": 20, "window_seconds": 3600}
    allowed: list[bool] = []
    start = threading.Barrier(8)

    def guess() -> None:
        start.wait()
        try:
            for _ in range(5):
                allowed.append(ratelimit.allow(**attempt))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 20 and len(allowed) == 40
    assert RateCounter.objects.get().count == 40


@pytest.mark.django_db(transaction=True)
def test_the_scheduled_jobs_prune_old_task_results_and_ended_rate_windows():
    from django_tasks_db.models import DBTaskResult

    from victimsrights.notify import tasks
    from victimsrights.operations.schedule import JOBS
    from victimsrights.testing.worker import run_worker

    old = tasks.delivery_send.enqueue("00000000-0000-0000-0000-000000000000")
    run_worker()
    DBTaskResult.objects.filter(pk=old.id).update(finished_at=MOMENT - datetime.timedelta(days=15))
    recent = tasks.delivery_send.enqueue("00000000-0000-0000-0000-000000000001")
    run_worker()
    with time_machine.travel(MOMENT, tick=False):
        ratelimit.allow(scope="s", identifier="i", limit=1, window_seconds=60)
    with time_machine.travel(MOMENT + datetime.timedelta(days=1)):
        for job in JOBS:
            if "older than" in job.name or "rate-limit" in job.name:
                job.run()
    assert [str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)] == [str(recent.id)]
    assert not RateCounter.objects.exists()
