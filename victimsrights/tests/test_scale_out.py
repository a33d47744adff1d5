"""Scale-out: two web processes (gunicorn) and two task workers on one PostgreSQL.

Every API event is posted to both web processes at once. Each must be applied once, each alert it
causes sent once (the local Notify counts them), and each task run by exactly one worker.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from victimsrights.api import services
from victimsrights.api.models import ApiEvent
from victimsrights.areas.models import Force
from victimsrights.cases.models import TimelineEvent
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.notify.models import Alert, AlertStatus
from victimsrights.testing.notify import API_KEY as NOTIFY_TEST_API_KEY
from victimsrights.testing.worker import run_worker

ROOT = Path(__file__).resolve().parents[2]
CASES = 12
EVENTS_PER_CASE = 3


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(notify_url: str, smtp_port: int) -> dict[str, str]:
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "NOTIFY_API_KEY": NOTIFY_TEST_API_KEY,
        "NOTIFY_BASE_URL": notify_url,
        "NOTIFY_EMAIL_TEMPLATE_ID": settings.NOTIFY_EMAIL_TEMPLATE_ID,
        "NOTIFY_SMS_TEMPLATE_ID": settings.NOTIFY_SMS_TEMPLATE_ID,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "LOG_LEVEL": "WARNING",
    }


def _wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the web process stopped"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the web process on {port} did not answer")


def _post(port: int, key: str, body: dict[str, object]) -> dict[str, object]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/events/batch",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback http
        return json.loads(response.read())  # type: ignore[no-any-return]


@pytest.mark.django_db(transaction=True)
def test_two_web_and_two_workers_apply_each_event_and_send_each_alert_once(london, notify, smtp):
    if connection.vendor != "postgresql":
        pytest.skip("scale-out runs against PostgreSQL; set DATABASE_URL to run it")
    cases = [recorded_case()[1] for _ in range(CASES)]
    run_worker()  # the acknowledgements, so what follows is only the API's work
    notify.state.notifications.clear()
    _, key = services.client_create(name="Met records system", force=Force.objects.get(code="met"))
    events = [
        {
            "event_id": f"{case.pk}-{n}",
            "crime_number": case.crime.crime_number,
            "kind": "victim_update",
            "occurred_at": f"2026-01-0{n + 1}T10:00:00Z",
            "victim_update": f"Update {n} on your case.",
        }
        for case in cases
        for n in range(EVENTS_PER_CASE)
    ]
    environment = _environment(notify.url, smtp.port)
    webs = [_free_port(), _free_port()]
    with ExitStack() as stack:
        processes = []
        for port in webs:
            command = [sys.executable, "-m", "gunicorn", "victimsrights.wsgi", "--bind", f"127.0.0.1:{port}"]
            processes.append(subprocess.Popen([*command, "--workers", "2"], cwd=ROOT, env=environment))  # noqa: S603
        for _ in range(2):
            command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.1"]
            processes.append(subprocess.Popen([*command, "--no-startup-delay"], cwd=ROOT, env=environment))  # noqa: S603
        for process in processes:
            stack.callback(process.wait, 10)
            stack.callback(process.terminate)
        for port, process in zip(webs, processes, strict=False):
            _wait_until_up(port, process)

        # Each batch of a few events goes to both web processes at the same moment.
        batches = [{"events": events[n : n + 4]} for n in range(0, len(events), 4)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(lambda job: _post(job[0], key, job[1]), [(p, b) for b in batches for p in webs]))

        expected = len(events)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and Alert.objects.filter(status=AlertStatus.SENT).count() < expected:
            time.sleep(0.2)
        time.sleep(1)  # any second sending would show up now

    results = [result["result"] for answer in answers for result in answer["results"]]  # type: ignore[attr-defined]
    assert results.count("applied") == expected
    assert results.count("duplicate") == expected
    assert ApiEvent.objects.count() == expected
    assert TimelineEvent.objects.count() == expected
    assert Alert.objects.filter(status=AlertStatus.SENT).count() == expected == Alert.objects.count()
    references = [notification.get("reference") for notification in notify.state.notifications]
    assert len(references) == expected and len(set(references)) == expected
    tasks = DBTaskResult.objects.filter(task_path__endswith="alert_send")
    assert tasks.count() == expected
    assert all(task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 1 for task in tasks)
    assert len({task.worker_ids[0] for task in tasks}) == 2, "both workers took tasks"
