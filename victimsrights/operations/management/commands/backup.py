from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimsrights.operations.backups import backup


class Command(BaseCommand):
    help = "Back up the whole database to a file while the service runs (pg_dump, or SQLite's backup API)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["path"].exists():
            raise CommandError(f"{options['path']} exists; a backup never overwrites a file.")
        backup(options["path"])
        self.stdout.write(f"Backed up to {options['path']} ({options['path'].stat().st_size:,} bytes).")
