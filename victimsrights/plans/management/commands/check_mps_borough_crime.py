from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimsrights.plans.published_crime import FileProblem, differences


class Command(BaseCommand):
    help = (
        "Count the Met's recorded crime straight from the file and compare it with what the service holds, for "
        "every borough, year and major category. Reports each difference; exits with an error if there is any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The CSV file that was loaded.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            found = differences(options["path"])
        except (FileProblem, OSError) as problem:
            raise CommandError(str(problem)) from None
        for difference in found:
            self.stdout.write(difference)
        self.stdout.write(f"{len(found)} differences.")
        if found:
            raise CommandError("The service does not hold what the file says.")
