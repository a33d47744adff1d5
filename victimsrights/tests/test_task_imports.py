"""Every tasks module imports on its own, first, in a fresh interpreter: a worker started with `--skip-checks`, or
another task backend, imports the tasks before any URLconf has imported the services (issue 18: it used to fail
with "partially initialised module")."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TASK_MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts) for path in (ROOT / "victimsrights").rglob("tasks.py")
)


def test_the_service_has_tasks_modules_to_check():
    assert {"victimsrights.notify.tasks", "victimsrights.portal.tasks"} <= set(TASK_MODULES)


@pytest.mark.parametrize("module", TASK_MODULES)
def test_a_tasks_module_imports_first_on_its_own(module):
    program = f"import django; django.setup(); import {module}"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", program],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "victimsrights.settings", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
