from django.core.management.base import BaseCommand

from victimsrights.sealedrecords.services import identifiers_rehash


class Command(BaseCommand):
    help = "Re-hash perpetrators' identifiers under the newest key in MATCHING_KEYS."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Re-hashed {identifiers_rehash()} identifiers.")
