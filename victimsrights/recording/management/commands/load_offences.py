from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from victimsrights.recording.services import OFFENCES_FIXTURE, offences_load_file


class Command(BaseCommand):
    help = "Load the Home Office offence classifications: a JSON of rules naming its code list (default: the ONS copy)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=OFFENCES_FIXTURE)

    def handle(self, *args: object, path: Path, **options: object) -> None:
        self.stdout.write(f"Loaded {offences_load_file(path)} offence classifications.")
