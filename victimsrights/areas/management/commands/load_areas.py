from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from victimsrights.areas.services import LONDON_FIXTURE, areas_load_file


class Command(BaseCommand):
    help = "Load forces, areas (BCUs) and boroughs from a JSON file (default: London)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=LONDON_FIXTURE)

    def handle(self, *args: object, path: Path, **options: object) -> None:
        counts = areas_load_file(path)
        self.stdout.write(
            f"Loaded {counts['forces']} forces, {counts['areas']} areas and {counts['boroughs']} boroughs."
        )
