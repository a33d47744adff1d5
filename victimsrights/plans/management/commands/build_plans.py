import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from victimsrights.areas.models import Area
from victimsrights.plans.build import FORMATS, default_year, plans_build


class Command(BaseCommand):
    help = "Build every area's Victims' Plan for a year, and each borough's page of it, as HTML, PDF and CSV files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=default_year(), help="The year the plans cover.")
        parser.add_argument(
            "--area", action="append", dest="areas", metavar="CODE", help="Only this area (repeatable)."
        )
        parser.add_argument("--out", type=Path, default=Path("build/plans"), help="Folder to write into.")
        parser.add_argument("--formats", default=",".join(FORMATS), help=f"Comma-separated, from {', '.join(FORMATS)}.")

    def handle(self, *args: Any, **options: Any) -> None:
        formats = [f.strip() for f in options["formats"].split(",") if f.strip()]
        if unknown := set(formats) - set(FORMATS):
            raise CommandError(f"Unknown format: {', '.join(sorted(unknown))}. Choose from {', '.join(FORMATS)}.")
        if options["areas"]:
            known = set(Area.objects.filter(code__in=options["areas"]).values_list("code", flat=True))
            if missing := sorted(set(options["areas"]) - known):
                raise CommandError(f"No area with the code: {', '.join(missing)}.")
        result = plans_build(
            year=options["year"],
            out=options["out"],
            area_codes=options["areas"],
            formats=formats,
            progress=lambda documents, total: tqdm(
                documents, total=total, desc="Building plans", unit="area", file=sys.stderr, disable=None
            ),
        )
        self.stdout.write(
            f"Built {result.areas} area plans and {result.boroughs} borough pages for {options['year']}: "
            f"{len(result.files)} files in {options['out']}. "
            f"Counting took {result.seconds_counting:.2f} s, writing {result.seconds_writing:.2f} s."
        )
