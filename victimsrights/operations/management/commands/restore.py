from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimsrights.audit.services import chain_pending, verify_chain
from victimsrights.operations.backups import restore


class Command(BaseCommand):
    help = "Replace the database with a backup, then check the audit log's hash chain. Stop web and workers first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="Confirm that the current data is to be replaced")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError("This replaces every record in the database. Run again with --yes to go ahead.")
        try:
            restore(options["path"])
        except FileNotFoundError:
            raise CommandError(f"No backup at {options['path']}.") from None
        chain_pending()
        chain = verify_chain()
        if not chain.intact:
            raise CommandError(f"Restored, but the audit log is broken at entry {chain.first_broken_entry_id}.")
        self.stdout.write(f"Restored from {options['path']}. Audit log intact: {chain.entries_checked} entries.")
