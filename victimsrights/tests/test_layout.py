"""The tree reads as the architecture: every app is named, with what it holds, in the README's "How it is built"."""

import re
from pathlib import Path

from django.apps import apps

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_names_every_app_in_one_line_and_no_app_that_is_gone():
    built = README.read_text().split("## How it is built", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^\| `(\w+)` \| .+ \|$", built, re.MULTILINE))
    ours = {config.label for config in apps.get_app_configs() if config.name.startswith("victimsrights.")}
    assert named == ours
