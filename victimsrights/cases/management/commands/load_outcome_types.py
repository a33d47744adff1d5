from django.core.management.base import BaseCommand

from victimsrights.cases.services import outcome_types_load


class Command(BaseCommand):
    help = "Load the Home Office outcome types and their plain words."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Loaded {outcome_types_load()} outcome types.")
