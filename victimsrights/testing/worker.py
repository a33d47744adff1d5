from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from victimsrights.tasks import WORKER_LOST


def run_worker(*, max_tasks: int | None = None) -> None:
    """Run the real task worker until nothing is ready (or `max_tasks` have run).

    A task that raised is a bug, not an outcome: the test fails with its error.
    """
    args = ["db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", "--verbosity", "0"]
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
    call_command(*args)
    # A task whose worker was killed is not a bug in the task; the sweep queued it again.
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exclude(exception_class_path=WORKER_LOST)
    assert not failed.exists(), [(task.task_path, task.traceback) for task in failed]
