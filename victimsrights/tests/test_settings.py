import base64
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_with(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "SEALED_RECORDS_KEYS"}}
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


OWN_SEALING_KEY = "v1:" + base64.b64encode(b"k" * 32).decode()


def test_production_refuses_the_demo_sealed_records_key():
    result = start_with(VRS_ENVIRONMENT="production", SECRET_KEY="a-real-secret-" + "x" * 40)
    assert result.returncode != 0
    assert "SEALED_RECORDS_KEYS" in result.stderr


def test_production_starts_with_its_own_keys():
    result = start_with(
        VRS_ENVIRONMENT="production", SECRET_KEY="a-real-secret-" + "x" * 40, SEALED_RECORDS_KEYS=OWN_SEALING_KEY
    )
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
            "SECRET_KEY": "a-real-secret-" + "x" * 40,
            "SEALED_RECORDS_KEYS": OWN_SEALING_KEY,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
