from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from victimsrights.operations.demo import DEMO_PASSWORD, load_demo_data


class Command(BaseCommand):
    help = "Load demo staff, safe places and reports (once), and print the demo sign-ins."

    def handle(self, *args: object, **options: object) -> None:
        summary = load_demo_data()
        if summary.created:
            self.stdout.write(f"Created {summary.reports} demo reports.")
        sign_in = settings.SERVICE_URL + reverse("accounts:sign-in")
        self.stdout.write(f"\nDemo staff sign-ins ({sign_in}), password: {DEMO_PASSWORD}")
        for username, role, scope in summary.staff:
            self.stdout.write(f"  {username:<28} {role:<24} {scope}")
        self.stdout.write("Then the authenticator code: `.venv/bin/python manage.py demo_code USERNAME` prints it.")
