from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimsrights.api.services import client_create
from victimsrights.areas.models import Area, Force


class Command(BaseCommand):
    help = "Make an integration API client for a force's records system and print its key (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Who the client is, e.g. 'Met records system'.")
        parser.add_argument("--force", required=True, help="The force's code, e.g. met.")
        parser.add_argument(
            "--area", action="append", dest="areas", default=[], help="Limit to this area (repeatable)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        force = Force.objects.filter(code=options["force"]).first()
        if force is None:
            raise CommandError(f"No force with the code {options['force']!r}.")
        areas = list(Area.objects.filter(force=force, code__in=options["areas"]))
        if len(areas) != len(set(options["areas"])):
            raise CommandError("Each --area must be the code of an area in that force.")
        client, key = client_create(name=options["name"], force=force, areas=areas)
        self.stdout.write(f"Made the API client {client.name!r}. Its key, shown only now:\n{key}")
