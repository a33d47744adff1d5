from django.core.management.base import BaseCommand

from victimsrights.compliance.services import duties_load


class Command(BaseCommand):
    help = "Load the Victims' Code police duties and their deadlines in working days."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Loaded {duties_load()} Victims' Code duties.")
