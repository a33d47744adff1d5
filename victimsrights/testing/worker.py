from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def run_worker(*, max_tasks: int | None = None) -> None:
    """Run the real task worker until nothing is ready (or `max_tasks` have run).

    A task that raised is a bug, not an outcome: the test fails with its error.
    """
    args = ["db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", "--verbosity", "0"]
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
    call_command(*args)
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    assert not failed.exists(), [(task.task_path, task.traceback) for task in failed]
