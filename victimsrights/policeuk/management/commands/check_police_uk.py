from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimsrights.policeuk.files import NotPoliceUkFile
from victimsrights.policeuk.reproduce import differences


class Command(BaseCommand):
    help = (
        "Check that the plans' figures reproduce police.uk's files after import_police_uk: crimes per borough "
        "per crime type, outcomes per borough, and anti-social behaviour. Exits non-zero on any difference."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="The files or folders that were imported")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            expected, wrong = differences(options["paths"])
        except NotPoliceUkFile as error:
            raise CommandError(str(error)) from None
        cells = sum(len(counts) for boroughs in expected.values() for counts in boroughs.values())
        for difference in wrong[:50]:
            self.stdout.write(
                f"{difference.year} {difference.borough} {difference.measure}: "
                f"{difference.in_files} in the files, {difference.in_service} in the service"
            )
        if wrong:
            raise CommandError(f"{len(wrong)} of {cells} figures differ from the files.")
        years = ", ".join(str(year) for year in sorted(expected))
        self.stdout.write(f"All {cells} figures for {years} match the files.")
