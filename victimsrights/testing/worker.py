from django.core.management import call_command


def run_worker(*, max_tasks: int | None = None) -> None:
    """Run the real task worker until nothing is ready (or `max_tasks` have run)."""
    args = ["db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", "--verbosity", "0"]
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
    call_command(*args)
