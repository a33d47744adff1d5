import random
from typing import Any

from victimsrights.areas.models import Borough
from victimsrights.operations.demo import sample_answers
from victimsrights.reporting import services
from victimsrights.reporting.models import Draft, Report


def complete_draft(*, borough: str | None = "Camden", seed: int = 1, **overrides: dict[str, Any]) -> Draft:
    """A draft with every question answered; `overrides` replace whole steps' answers."""
    place = Borough.objects.get(name=borough) if borough else None
    answers = sample_answers(rng=random.Random(seed), borough=place, email="victim@example.com")
    answers.update({slug.replace("_", "-"): answer for slug, answer in overrides.items()})
    draft = services.draft_start()
    for slug, answer in answers.items():
        draft = services.draft_answer(draft=draft, step_slug=slug, answer=answer)
    return draft


def submitted_report(*, language: str = "en-gb", **kwargs: Any) -> Report:
    draft = complete_draft(**kwargs)
    return services.report_submit(draft=draft, submission_key=draft.submission_key, language=language)
