from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimsrights import encryption, keyring


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the newest key in FIELD_ENCRYPTION_KEYS. "
        "With --check, only count the values under each key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Change nothing; fail if any value is not under the newest key."
        )

    def handle(self, *args: Any, check: bool, **options: Any) -> None:
        current = keyring.parse(settings.FIELD_ENCRYPTION_KEYS).current
        stale = unreadable = changed_meanwhile = 0
        for table, columns in encryption.encrypted_columns():
            result = encryption.rotate(table, columns, dry_run=check)
            versions = ", ".join(f"{version}: {n}" for version, n in sorted(result.versions.items())) or "none"
            if check:
                self.stdout.write(f"{table}: values by key {versions}; {result.rewritten} rows to re-encrypt")
                stale += result.rewritten
            else:
                self.stdout.write(f"{table}: {result.rewritten} rows re-encrypted under {current}")
            unreadable += result.unreadable
            changed_meanwhile += result.changed_meanwhile
        if unreadable:
            raise CommandError(
                f"{unreadable} values could not be read: their key is not configured or they were altered. "
                "Nothing was done to them."
            )
        if changed_meanwhile:
            raise CommandError(f"{changed_meanwhile} rows changed while this ran and were left alone: run it again.")
        if stale:
            raise CommandError(f"{stale} rows are not under the newest key ({current}): run rotate_field_keys.")
