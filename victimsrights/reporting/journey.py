"""The online report journey: its question pages in order, and the check-answers summary."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from victimsrights.areas.models import Borough
from victimsrights.govuk.fields import Words
from victimsrights.reporting import forms
from victimsrights.reporting.models import ContactChannel, SafeTime

Answers = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[forms.StepForm]
    title: Words
    summary_label: Words
    summary: Callable[[dict[str, Any]], str]
    applies: Callable[[Answers], bool] = field(default=lambda answers: True)


def _labels(choices: Sequence[tuple[str, Words]], values: list[str]) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(value, value)) for value in values)


def _when(answer: dict[str, Any]) -> str:
    parts = []
    if answer.get("occurred_on"):
        year, month, day = answer["occurred_on"].split("-")
        parts.append(f"{int(day)}/{int(month)}/{year}")
    if answer.get("occurred_approximately"):
        parts.append(answer["occurred_approximately"])
    return "; ".join(parts)


def _where(answer: dict[str, Any]) -> str:
    if answer.get("where") == "borough" and answer.get("borough"):
        borough = Borough.objects.filter(pk=answer["borough"]).first()
        return borough.name if borough else ""
    if answer.get("where") == "postcode":
        borough = Borough.objects.filter(pk=answer.get("borough") or 0).first()
        return f"{answer.get('postcode', '')}, {borough.name if borough else gettext('borough not known')}"
    return gettext("I do not know")


def _contact(answer: dict[str, Any]) -> str:
    details = {"email": "email", "text": "mobile", "phone": "phone", "letter": "postal_address"}
    return "; ".join(
        f"{ContactChannel(channel).label}: {answer.get(details[channel], '')}" for channel in answer.get("channels", [])
    )


def _support(answer: dict[str, Any]) -> str:
    support = answer.get("support", [])
    if "none" in support:
        return gettext("No support needed")
    parts = []
    if "interpreter" in support:
        parts.append(gettext("Interpreter: {language}").format(language=answer.get("interpreter_language", "")))
    if "accessibility" in support:
        parts.append(gettext("Other help: {needs}").format(needs=answer.get("accessibility_needs", "")))
    return "; ".join(parts)


def _yes_no(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda answer: gettext("Yes") if answer.get(key) == "yes" else gettext("No")


_YES_NO_PREFER_NOT = {"yes": _("Yes"), "no": _("No"), "prefer_not": _("Prefer not to say")}

# "I am safe to continue" on the call-999 page: not in danger now, having first said so.
SAFE_AFTER_DANGER = {"in_danger": "no", "said_in_danger_first": "yes"}


def _in_danger(answer: dict[str, Any]) -> str:
    if answer.get("in_danger") == "yes":
        return gettext("Yes")
    if answer.get("said_in_danger_first") == "yes":
        return gettext("No. You told us you were in danger, then that you were safe to continue")
    return gettext("No")


def contact_through_organisation(answers: Answers) -> bool:
    return answers.get("consent", {}).get("contact_route") == "organisation"


def contacted_directly(answers: Answers) -> bool:
    return not contact_through_organisation(answers)


def uses_phone(answers: Answers) -> bool:
    return contacted_directly(answers) and "phone" in answers.get("contact", {}).get("channels", [])


def _consent(answer: dict[str, Any]) -> str:
    """Read by the safe-place worker, whose pages are in English."""
    route = "directly" if answer.get("contact_route") == "direct" else "only through the organisation"
    shares = "shares" if answer.get("share_contact") == "yes" else "does not share"
    return f"Agrees to report now; {shares} contact details; police contact {route}"


STEPS: list[Step] = [
    # Only in a report made through a safe place: the worker records it before the journey starts.
    Step(
        "consent",
        forms.ConsentForm,
        _("What has the victim agreed to?"),
        _("Victim's consent"),
        _consent,
        applies=lambda answers: "consent" in answers,
    ),
    Step("in-danger", forms.InDangerForm, _("Are you in danger now?"), _("In danger now"), _in_danger),
    Step(
        "what-happened",
        forms.WhatHappenedForm,
        _("What happened?"),
        _("What happened"),
        lambda a: a.get("what_happened", ""),
    ),
    Step("when", forms.WhenForm, _("When did it happen?"), _("When it happened"), _when),
    Step("where", forms.WhereForm, _("Where did it happen?"), _("Where it happened"), _where),
    Step(
        "people",
        forms.PeopleForm,
        _("Tell us about anyone involved"),
        _("Anyone involved"),
        lambda a: a.get("people_involved") or gettext("Not given"),
    ),
    Step(
        "injuries",
        forms.InjuriesForm,
        _("Were you hurt?"),
        _("Injuries"),
        lambda a: (
            str(_YES_NO_PREFER_NOT.get(a.get("injured", ""), "")) + (f": {a['injuries']}" if a.get("injuries") else "")
        ),
    ),
    Step("your-name", forms.NameForm, _("What is your name?"), _("Your name"), lambda a: a.get("victim_name", "")),
    Step(
        "age",
        forms.AgeForm,
        _("Are you under 18?"),
        _("Under 18"),
        lambda a: str(_YES_NO_PREFER_NOT.get(a.get("under_18", ""), "")),
    ),
    Step(
        "contact",
        forms.ContactForm,
        _("How can we contact you safely?"),
        _("Safe ways to contact you"),
        _contact,
        applies=contacted_directly,
    ),
    Step(
        "safe-times",
        forms.SafeTimesForm,
        _("When is it safe to contact you?"),
        _("Safe times"),
        lambda a: _labels(SafeTime.choices, a.get("safe_times", [])),
        applies=contacted_directly,
    ),
    Step(
        "voicemail",
        forms.VoicemailForm,
        _("Can we leave you a voicemail?"),
        _("Voicemail"),
        _yes_no("voicemail"),
        applies=uses_phone,
    ),
    Step(
        "wording",
        forms.WordingForm,
        _("Should our messages avoid mentioning the police or a crime?"),
        _("Neutral wording"),
        lambda a: (
            (gettext("Yes, with a safe word") if a.get("safe_word") else gettext("Yes"))
            if a.get("neutral_wording") == "yes"
            else gettext("No")
        ),
        applies=contacted_directly,
    ),
    Step("support", forms.SupportForm, _("Do you need any support to talk to us?"), _("Support you need"), _support),
    Step(
        "referral",
        forms.ReferralForm,
        _("Can we pass your details to a support service?"),
        _("Referral to support"),
        _yes_no("referral_consent"),
    ),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def steps_for(answers: Answers) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def next_step(answers: Answers, current: str | None = None) -> Step | None:
    """The step after `current` (or the first) that applies; None when the journey is done."""
    applicable = steps_for(answers)
    if current is None:
        return applicable[0]
    slugs = [step.slug for step in applicable]
    index = slugs.index(current) if current in slugs else -1
    return applicable[index + 1] if index + 1 < len(applicable) else None


def previous_step(answers: Answers, current: str) -> Step | None:
    applicable = steps_for(answers)
    slugs = [step.slug for step in applicable]
    index = slugs.index(current) if current in slugs else 0
    return applicable[index - 1] if index > 0 else None


def first_unanswered(answers: Answers) -> Step | None:
    for step in steps_for(answers):
        if step.slug not in answers:
            return step
    return None


def summary_rows(answers: Answers) -> list[dict[str, Words]]:
    return [
        {"slug": step.slug, "label": step.summary_label, "value": step.summary(answers[step.slug])}
        for step in steps_for(answers)
        if step.slug in answers
    ]
