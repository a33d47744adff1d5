"""Scale-out: two web processes (gunicorn) and two task workers on one PostgreSQL.

Every API event is posted to both web processes at once. Each must be applied once, each alert it
causes sent once (the local Notify counts them), and each task run by exactly one worker.
"""

import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from victimsrights.api import services
from victimsrights.api.models import ApiEvent
from victimsrights.areas.models import Force
from victimsrights.cases.models import TimelineEvent
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.testing.processes import environment, free_port, start_web, start_worker, stop, victim_updates
from victimsrights.testing.worker import run_worker

CASES = 12
EVENTS_PER_CASE = 3


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
    events = victim_updates(cases, EVENTS_PER_CASE)
    env = environment(notify.url, smtp.port)
    webs = [free_port(), free_port()]
    with ExitStack() as stack:
        for port in webs:
            stack.callback(stop, start_web(port, env))
        for _ in range(2):
            stack.callback(stop, start_worker(env))

        # Each batch of a few events goes to both web processes at the same moment.
        batches = [{"events": events[n : n + 4]} for n in range(0, len(events), 4)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(lambda job: _post(job[0], key, job[1]), [(p, b) for b in batches for p in webs]))

        expected = len(events)
        deadline = time.monotonic() + 60
        while (
            time.monotonic() < deadline
            and Delivery.objects.alerts().filter(status=DeliveryStatus.SENT).count() < expected
        ):
            time.sleep(0.2)
        time.sleep(1)  # any second sending would show up now

    results = [result["result"] for answer in answers for result in answer["results"]]  # type: ignore[attr-defined]
    assert results.count("applied") == expected
    assert results.count("duplicate") == expected
    assert ApiEvent.objects.count() == expected
    assert TimelineEvent.objects.count() == expected
    assert (
        Delivery.objects.alerts().filter(status=DeliveryStatus.SENT).count()
        == expected
        == Delivery.objects.alerts().count()
    )
    alerts = {str(pk) for pk in Delivery.objects.alerts().values_list("pk", flat=True)}
    references = [n.get("reference") for n in notify.state.notifications if n.get("reference") in alerts]
    assert len(references) == expected and len(set(references)) == expected
    sending = DBTaskResult.objects.filter(task_path__endswith="delivery_send")
    tasks = [task for task in sending if task.args_kwargs["args"][0] in alerts]
    assert len(tasks) == expected
    assert all(task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 1 for task in tasks)
    assert len({task.worker_ids[0] for task in tasks}) == 2, "both workers took tasks"
