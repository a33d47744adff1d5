import logging
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from victimsrights.operations.schedule import JOBS

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the scheduled jobs in victimsrights/operations/schedule.py on their intervals (or once with --once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run every job once, then exit.")

    def handle(self, *args: object, once: bool, **options: object) -> None:
        last_run: dict[str, float] = {}
        while True:
            for job in JOBS:
                if time.monotonic() - last_run.get(job.name, -job.every_seconds) >= job.every_seconds:
                    close_old_connections()
                    result = job.run()
                    last_run[job.name] = time.monotonic()
                    logger.info("scheduled job %r: %s", job.name, result)
            if once:
                return
            time.sleep(1)
