import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from victimsrights.plans.published_crime import FileProblem, published_crime_import


class Command(BaseCommand):
    help = (
        "Load the Met's recorded crime by borough (London Datastore, 'MPS Borough Level Crime' CSV). The months "
        "the file covers replace those already loaded, so loading it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The CSV file, as the London Datastore publishes it.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        try:
            loaded = published_crime_import(
                path,
                progress=lambda cells: tqdm(cells, desc="Loading", unit="cell", file=sys.stderr, disable=None),
            )
        except FileProblem as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(f"Loaded {loaded:,} counts (borough, category and month) from {path.name}.")
