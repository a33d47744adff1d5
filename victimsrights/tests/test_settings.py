import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OWN_SECRET = "a-real-secret-" + "x" * 40
OWN_KEYS = {
    "SEALED_RECORDS_KEYS": "v1:" + base64.b64encode(b"k" * 32).decode(),
    "FIELD_ENCRYPTION_KEYS": "v1:" + base64.b64encode(b"f" * 32).decode(),
    "MATCHING_KEYS": "v1:" + base64.b64encode(b"m" * 32).decode(),
}
OWN_SENDERS = {
    "DEFAULT_FROM_EMAIL": "no-reply@victims.force.example",
    "NEUTRAL_FROM_EMAIL": "hello@mail.neutral.example",
}


def without(name: str) -> dict[str, str]:
    return {key: value for key, value in OWN_KEYS.items() if key != name}


def start_with(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", *OWN_KEYS, *OWN_SENDERS}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "victimsrights.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_its_own_secret_key():
    result = start_with(VRS_ENVIRONMENT="production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_demo_secret_key():
    from victimsrights.settings import DEMO_SECRET_KEY

    result = start_with(VRS_ENVIRONMENT="production", SECRET_KEY=DEMO_SECRET_KEY)
    assert result.returncode != 0
    assert "demo key is refused" in result.stderr


def test_production_refuses_debug():
    result = start_with(VRS_ENVIRONMENT="production", SECRET_KEY="x" * 50, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


@pytest.mark.parametrize("missing", OWN_KEYS)
def test_production_refuses_to_start_without_each_encryption_key_of_its_own(missing):
    result = start_with(VRS_ENVIRONMENT="production", SECRET_KEY=OWN_SECRET, **without(missing), **OWN_SENDERS)
    assert result.returncode != 0
    assert f"Production needs {missing} of its own" in result.stderr


@pytest.mark.parametrize("demo", OWN_KEYS)
def test_production_refuses_each_demo_encryption_key(demo):
    from victimsrights import settings

    demo_key = getattr(settings, f"DEMO_{demo}")
    result = start_with(
        VRS_ENVIRONMENT="production", SECRET_KEY=OWN_SECRET, **{**OWN_KEYS, demo: demo_key}, **OWN_SENDERS
    )
    assert result.returncode != 0
    assert f"Production needs {demo} of its own" in result.stderr


@pytest.mark.parametrize("sender", OWN_SENDERS)
def test_production_refuses_to_send_from_a_placeholder_address(sender):
    from victimsrights import settings

    base = {"VRS_ENVIRONMENT": "production", "SECRET_KEY": OWN_SECRET, **OWN_KEYS}
    missing = start_with(**base, **{name: value for name, value in OWN_SENDERS.items() if name != sender})
    placeholder = start_with(**base, **{**OWN_SENDERS, sender: getattr(settings, f"DEMO_{sender}")})
    for result in (missing, placeholder):
        assert result.returncode != 0
        assert f"Production needs {sender} of its own" in result.stderr


def test_production_refuses_a_key_that_is_not_32_bytes():
    short = {**OWN_KEYS, "FIELD_ENCRYPTION_KEYS": "v1:" + base64.b64encode(b"k" * 16).decode()}
    result = start_with(VRS_ENVIRONMENT="production", SECRET_KEY=OWN_SECRET, **short, **OWN_SENDERS)
    assert result.returncode != 0
    assert "base64 of 32 bytes" in result.stderr


def test_production_starts_with_its_own_keys():
    result = start_with(VRS_ENVIRONMENT="production", SECRET_KEY=OWN_SECRET, **OWN_KEYS, **OWN_SENDERS)
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_with_production_settings():
    # Not DJANGO_ALLOW_ASYNC_UNSAFE, which the browser tests set for themselves in this process.
    unset = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "victimsrights.settings",
            "VRS_ENVIRONMENT": "production",
            "SECRET_KEY": OWN_SECRET,
            **OWN_KEYS,
            **OWN_SENDERS,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
