from django.core.management.base import BaseCommand

from victimsrights.sealedrecords.services import sealed_records_expire


class Command(BaseCommand):
    help = "Destroy sealed records past their retention and remind organisations before. Run daily."

    def handle(self, *args: object, **options: object) -> None:
        counts = sealed_records_expire()
        self.stdout.write(f"Expired {counts['expired']} sealed records; sent {counts['reminded']} reminders.")
