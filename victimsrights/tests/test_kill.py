"""The kill test: gunicorn and two task workers on PostgreSQL are killed with `kill -9` at random moments
while a client submits reports and sends API events, retrying until each is acknowledged.

Afterwards every acknowledged report and event exists exactly once, every alert reached the local
Notify exactly once, every acknowledgement email went out (a repeat would carry the same Message-ID,
so mail systems show one), and no task is left waiting or running. Bounded: at most KILLS kills
within about a minute, on loopback only.
"""

import http.client
import json
import random
import re
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from victimsrights.api import services
from victimsrights.api.models import ApiEvent
from victimsrights.areas.models import Force
from victimsrights.cases.models import TimelineEvent
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.reporting.models import Report
from victimsrights.reporting.selectors import SESSION_DRAFT
from victimsrights.reporting.tests.factories import complete_draft
from victimsrights.tasks import WORKER_LOST, tasks_requeue_abandoned
from victimsrights.testing.processes import (
    environment,
    free_port,
    kill_hard,
    start_web,
    start_worker,
    stop,
    victim_updates,
)
from victimsrights.testing.worker import run_worker

REPORTS = 60
CASES = 10
EVENTS_PER_CASE = 6
KILLS = 10
STALE_SECONDS = 3


class Unreachable(Exception):
    """No answer, or the answer of a process being killed: try again."""


def request(port: int, method: str, path: str, *, cookies: dict[str, str], body: dict[str, str] | None = None,
            headers: dict[str, str] | None = None, raw: bytes | None = None) -> http.client.HTTPResponse:  # fmt: skip
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    data = raw if raw is not None else (urllib.parse.urlencode(body).encode() if body is not None else None)
    all_headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), **(headers or {})}
    if body is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection_.request(method, path, body=data, headers=all_headers)
        response = connection_.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
    except (OSError, http.client.HTTPException) as error:  # refused, reset, or cut off mid-answer
        raise Unreachable(str(error)) from error
    if response.status >= 500:
        raise Unreachable(str(response.status))
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name] = rest.split(";", 1)[0]
    return response


def until_answered(call, tries: Counter[str], what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        tries[what] += 1
        try:
            return call()
        except Unreachable:
            time.sleep(0.3)
    raise AssertionError(f"{what}: no answer in 90 seconds")


def submit_report(port: int, session_key: str, tries: Counter[str]) -> str:
    """As the browser does: the check-answers page, then its form, sent again until the confirmation shows."""
    cookies = {"sessionid": session_key}
    page = until_answered(lambda: request(port, "GET", "/report/check-your-answers", cookies=cookies), tries, "page")
    html = page.body.decode()
    form = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1),
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', html).group(1),
    }
    headers = {"Referer": f"http://127.0.0.1:{port}/report/check-your-answers", "Origin": f"http://127.0.0.1:{port}"}

    def send() -> str:
        answer = request(port, "POST", "/report/check-your-answers", cookies=cookies, body=form, headers=headers)
        assert answer.status == 302 and answer.headers["Location"].endswith("/report/confirmation"), answer.status
        confirmation = request(port, "GET", "/report/confirmation", cookies=cookies).body.decode()
        return re.search(r"(VR-[A-Z0-9]{4}-[A-Z0-9]{4})", confirmation).group(1)

    return until_answered(send, tries, "report")


def send_events(port: int, key: str, batch: list[dict[str, str]], tries: Counter[str]) -> list[str]:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    raw = json.dumps({"events": batch}).encode()

    def send() -> list[str]:
        answer = request(port, "POST", "/api/v1/events/batch", cookies={}, headers=headers, raw=raw)
        assert answer.status == 200, answer.status
        return [result["result"] for result in json.loads(answer.body)["results"]]

    return until_answered(send, tries, "events")  # type: ignore[no-any-return]


@pytest.mark.django_db(transaction=True)
def test_nothing_acknowledged_is_lost_or_doubled_when_processes_are_killed(london, notify, smtp, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the kill test runs against PostgreSQL; set DATABASE_URL to run it")
    settings.TASK_STALE_SECONDS = STALE_SECONDS
    cases = [recorded_case()[1] for _ in range(CASES)]
    run_worker()
    before = set(Delivery.objects.values_list("pk", flat=True))  # the cases' own notices, sent before the kills
    notify.state.notifications.clear()
    notify.state.answer_after_seconds = 0.25  # workers are busy, so some kills land mid-task
    smtp.mailbox.messages.clear()
    sessions = []
    for seed in range(REPORTS):
        session = SessionStore()
        session[SESSION_DRAFT] = str(complete_draft(seed=seed).pk)
        session.create()
        sessions.append(str(session.session_key))
    _, key = services.client_create(name="Met records system", force=Force.objects.get(code="met"))
    events = victim_updates(cases, EVENTS_PER_CASE)
    batches = [events[n : n + 2] for n in range(0, len(events), 2)]

    env = environment(notify.url, smtp.port, TASK_STALE_SECONDS=str(STALE_SECONDS), NOTICE_RETRY_SECONDS="1")
    port = free_port()
    processes = {"web": start_web(port, env), "worker 1": start_worker(env), "worker 2": start_worker(env)}
    tries: Counter[str] = Counter()
    kills: Counter[str] = Counter()
    rng = random.Random(9)
    stopping = threading.Event()

    def chaos() -> None:
        # KILLS kills, through the burst and on while the workers drain what it queued.
        while sum(kills.values()) < KILLS and not stopping.is_set():
            time.sleep(rng.uniform(0.2, 0.8))
            name = rng.choice(sorted(processes))
            kill_hard(processes[name])
            kills[name] += 1
            processes[name] = start_web(port, env) if name == "web" else start_worker(env)

    killer = threading.Thread(target=chaos)
    try:
        killer.start()
        with ThreadPoolExecutor(max_workers=6) as pool:
            reports = pool.map(lambda session: submit_report(port, session, tries), sessions)
            answers = pool.map(lambda batch: send_events(port, key, batch, tries), batches)
            references, results = list(reports), [r for answer in answers for r in answer]
        killer.join()
        # The scheduler's sweep and the workers finish what the killed workers left.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            tasks_requeue_abandoned()
            waiting = DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
            if not waiting.exists() and not Delivery.objects.alerts().exclude(status=DeliveryStatus.SENT).exists():
                break
            time.sleep(0.5)
        time.sleep(1)  # a second sending would show up now
    finally:
        stopping.set()
        killer.join()
        for process in processes.values():
            stop(process)

    lost = DBTaskResult.objects.filter(exception_class_path=WORKER_LOST).count()
    retried = sum(tries.values()) - len(sessions) * 2 - len(batches)
    print(f"\nkill test: {dict(tries)} requests ({retried} retried), {dict(kills)} kills, {lost} tasks lost and re-run")
    assert sum(kills.values()) == KILLS
    assert lost >= 1, "no kill landed mid-task"
    # Every acknowledged report exists once; no draft became two reports.
    assert len(set(references)) == REPORTS
    assert Report.objects.filter(reference__in=references).count() == REPORTS
    assert Report.objects.filter(channel="online").count() == REPORTS + CASES
    # Every acknowledged event exists once; a retried batch is answered "duplicate".
    assert set(results) <= {"applied", "duplicate"}
    assert ApiEvent.objects.count() == len(events) == TimelineEvent.objects.count()
    # Every alert sent exactly once.
    assert (
        Delivery.objects.alerts().filter(status=DeliveryStatus.SENT).count()
        == len(events)
        == Delivery.objects.alerts().count()
    )
    # Every acknowledgement went out too.
    notices = Delivery.objects.notices().filter(report__reference__in=references)
    assert notices.count() == REPORTS and not notices.exclude(status=DeliveryStatus.SENT).exists()
    # With GOV.UK Notify set up every message goes by it, each exactly once under its own reference.
    sent = Counter(notification["reference"] for notification in notify.state.notifications)
    every = {str(pk) for pk in Delivery.objects.exclude(pk__in=before).values_list("pk", flat=True)}
    assert set(sent) == every and set(sent.values()) == {1}
    assert not smtp.mailbox.messages
    # No task left waiting or running.
    assert not DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists()
