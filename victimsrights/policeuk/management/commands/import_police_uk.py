from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from victimsrights.policeuk.files import NotPoliceUkFile, StreetRow, count_lines
from victimsrights.policeuk.services import police_uk_import


class Command(BaseCommand):
    help = (
        "Load police.uk's monthly street and outcomes CSV files (or folders of them) as historical crimes. "
        "Importing the same files again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="*-street.csv and *-outcomes.csv files, or folders")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="On PostgreSQL, load this many files at once, one process each (no progress bar then)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        missing = [str(path) for path in options["paths"] if not path.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")

        def progress(path: Path, rows: Iterator[StreetRow]) -> Iterator[StreetRow]:
            return iter(tqdm(rows, total=count_lines(path), desc=path.name, unit=" rows", leave=False))

        try:
            summary = police_uk_import(
                options["paths"],
                progress=None if options["no_progress"] else progress,
                workers=max(options["workers"], 1),
            )
        except NotPoliceUkFile as error:
            raise CommandError(str(error)) from None
        results = summary.results
        self.stdout.write(
            f"Read {summary.files} files. Events: {results['applied']} applied, {results['duplicate']} already "
            f"imported, {results['superseded']} superseded by a later outcome, {results['rejected']} rejected. "
            f"Anti-social behaviour incidents kept apart: {summary.antisocial_behaviour}."
        )
        for place, count in sorted(summary.placed_apart.items()):
            self.stdout.write(f"Rows loaded as the force's crimes outside its own boroughs, {place}: {count}")
        for reason, count in sorted(summary.skipped.items()):
            self.stdout.write(f"Rows not loaded, {reason}: {count}")
        for title, count in sorted(summary.problems.items()):
            self.stdout.write(f"Events rejected, {title}: {count}")
