from django.core.management.base import BaseCommand

from victimsrights.sealedrecords.services import sealed_records_rewrap


class Command(BaseCommand):
    help = "Re-wrap sealed records' data keys under the newest key in SEALED_RECORDS_KEYS."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Re-wrapped {sealed_records_rewrap()} sealed records.")
