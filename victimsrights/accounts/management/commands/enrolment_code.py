from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.services import staff_enrolment_issue


class Command(BaseCommand):
    help = (
        "Give a staff account a new one-time enrolment code (a new account, or a lost phone or password): it clears "
        "the password and authenticator, and the person sets both again at /staff/enrol. Give the code in person."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = StaffUser.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError("No active staff account has this username.")
        self.stdout.write(staff_enrolment_issue(user=user, actor=None))
