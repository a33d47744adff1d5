"""The service as separate processes on loopback, for the scale-out and kill tests: gunicorn and task workers
on the test's own PostgreSQL database, talking to the test's SMTP server and local Notify."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from victimsrights.testing.notify import API_KEY as NOTIFY_TEST_API_KEY

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(notify_url: str, smtp_port: int, **extra: str) -> dict[str, str]:
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
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def start_web(port: int, env: dict[str, str], workers: int = 2, *extra: str) -> subprocess.Popen[bytes]:
    """gunicorn in the project's folder, so it reads gunicorn.conf.py as `make run` does."""
    command = [sys.executable, "-m", "gunicorn", "victimsrights.wsgi", "--bind", f"127.0.0.1:{port}", *extra]
    # Its own process group, so `kill -9` can take the master and its workers together.
    process = subprocess.Popen([*command, "--workers", str(workers)], cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    wait_until_up(port, process)
    return process


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.1", "--no-startup-delay"]
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603


def kill_hard(process: subprocess.Popen[bytes]) -> None:
    """`kill -9` to the whole process group: no clean-up, no chance to finish a request or a task."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            kill_hard(process)


def wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the web process stopped"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the web process on {port} did not answer")


def victim_updates(cases: list[Any], per_case: int) -> list[dict[str, str]]:
    """API events that each tell a victim something, so each causes one alert."""
    return [
        {
            "event_id": f"{case.pk}-{n}",
            "crime_number": case.crime.crime_number,
            "kind": "victim_update",
            "occurred_at": f"2026-01-0{n + 1}T10:00:00Z",
            "victim_update": f"Update {n} on your case.",
        }
        for case in cases
        for n in range(per_case)
    ]
