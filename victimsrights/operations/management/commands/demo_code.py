from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.services import second_factor_code_now, second_factor_device


class Command(BaseCommand):
    help = "Demo only: print the code a demo staff user's authenticator app would show now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("This is for the demo only; in production each person's code is on their own phone.")
        user = StaffUser.objects.filter(username=options["username"]).first()
        device = second_factor_device(user) if user else None
        if device is None:
            raise CommandError("No demo user with an authenticator has this username.")
        self.stdout.write(second_factor_code_now(device))
