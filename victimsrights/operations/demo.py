"""Demo data that makes the service look alive: staff for every role, safe places, reports.

Everything is created through the services, exactly as a user would create it.
"""

import random
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.accounts.services import staff_user_create
from victimsrights.areas.models import Area, Borough, Force, SafePlaceKind, SafePlaceOrganisation
from victimsrights.cases import services as cases
from victimsrights.cases.models import CaseEventKind, OutcomeType, PropertyKind, PropertyStatus
from victimsrights.feedback.models import Agreement, FeedbackResponse, Moment
from victimsrights.plans import services as plans
from victimsrights.recording import services as recording
from victimsrights.recording.models import OffenceClassification, RefusalReason
from victimsrights.reporting import services as reporting
from victimsrights.reporting.models import Report
from victimsrights.reviews import services as reviews
from victimsrights.sealedrecords import services as sealed_records
from victimsrights.sealedrecords.models import IdentifierKind

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed for the demo, refused in production
DEMO_AREAS = ("central-north", "south-east")
DEMO_PERPETRATOR_PHONE = "+447700900461"  # an Ofcom number reserved for drama: never a real person's

ACCOUNTS = [
    "Someone broke into my flat while I was at work and took my laptop and jewellery.",
    "A man shouted racist abuse at me on the bus and pushed me when I got off.",
    "My ex-partner keeps turning up at my work and sending threatening messages.",
    "My bike was stolen from outside the station even though it was locked.",
    "I was assaulted outside a pub on Saturday night by someone I did not know.",
    "Someone used my bank card details to buy things online.",
    "My car window was smashed and my bag taken from the back seat.",
    "A group of teenagers threatened me with a knife and took my phone.",
]
NAMES = ["Amira Khan", "Tom Davies", "Grace Okafor", "Wei Chen", "Siobhan Murphy", "Kwame Mensah", "Priya Patel"]


def sample_answers(
    *, rng: random.Random, borough: Borough | None, email: str = "", channels: list[str] | None = None
) -> dict[str, dict[str, Any]]:
    """A complete set of report-journey answers, as the journey stores them."""
    name = rng.choice(NAMES)
    channels = channels or ["email"]
    email = email or f"{name.split()[0].lower()}.{rng.randint(100, 999)}@example.com"
    return {
        "in-danger": {"in_danger": "no"},
        "what-happened": {"what_happened": rng.choice(ACCOUNTS)},
        "when": {
            "occurred_day": "",
            "occurred_month": "",
            "occurred_year": "",
            "occurred_on": "",
            "occurred_approximately": rng.choice(["Last week", "Yesterday evening", "Over the last few months"]),
        },
        "where": (
            {"where": "borough", "borough": borough.pk, "postcode": ""}
            if borough
            else {"where": "unknown", "borough": None, "postcode": ""}
        ),
        "people": {"people_involved": ""},
        "injuries": {"injured": rng.choice(["no", "prefer_not"]), "injuries": ""},
        "your-name": {"victim_name": name},
        "age": {"under_18": "no"},
        "contact": {
            "channels": channels,
            "email": email if "email" in channels else "",
            "mobile": "07700900982" if "text" in channels else "",
            "phone": "07700900982" if "phone" in channels else "",
            "postal_address": "Flat 2\n10 Example Road\nLondon\nNW1 2AB" if "letter" in channels else "",
        },
        "safe-times": {"safe_times": ["any"]},
        **({"voicemail": {"voicemail": "no"}} if "phone" in channels else {}),
        "wording": {"neutral_wording": rng.choice(["yes", "no"]), "safe_word": ""},
        "support": {"support": ["none"], "interpreter_language": "", "accessibility_needs": ""},
        "referral": {"referral_consent": rng.choice(["yes", "no"])},
    }


@dataclass(frozen=True)
class DemoSummary:
    created: bool
    staff: list[tuple[str, str, str]]
    reports: int


def _staff(rows: list[tuple[str, Role, str, Area | None, SafePlaceOrganisation | None]]) -> None:
    for username, role, full_name, area, organisation in rows:
        staff_user_create(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            full_name=full_name,
            email=f"{username}@example.police.uk",
            force=Force.objects.get(code="met")
            if role not in {Role.SAFE_PLACE_WORKER, Role.VICTIMS_COMMISSIONER}
            else None,
            area=area,
            organisation=organisation,
        )
        # Demo staff have their authenticator set up; `manage.py demo_code USERNAME` shows its code.
        TOTPDevice.objects.create(user=StaffUser.objects.get(username=username), name="Demo", confirmed=True)


def load_demo_data(*, seed: int = 2026, reports: int = 36) -> DemoSummary:
    if StaffUser.objects.filter(username="registrar").exists():
        return DemoSummary(False, _staff_listing(), 0)
    rng = random.Random(seed)
    areas = {area.code: area for area in Area.objects.all()}
    organisations = [
        SafePlaceOrganisation.objects.create(name=name, kind=kind, contact_email=f"{slug}@example.org.uk")
        for name, kind, slug in (
            ("The Havens (Camden)", SafePlaceKind.SARC, "havens"),
            ("Rape Crisis South London", SafePlaceKind.RAPE_CRISIS, "rcsl"),
            ("Solace Women's Aid", SafePlaceKind.WOMENS_AID, "solace"),
        )
    ]
    for organisation in organisations:
        organisation.areas.set(areas.values())

    rows: list[tuple[str, Role, str, Area | None, SafePlaceOrganisation | None]] = [
        ("registrar", Role.CRIME_REGISTRAR, "Ruth Registrar", None, None),
        ("commissioner", Role.VICTIMS_COMMISSIONER, "Vera Commissioner", None, None),
    ]
    # A person's name is only their name: the victim reads it ("Olivia Okafor is now the officer in charge").
    for code, surname in zip(DEMO_AREAS, ("Okafor", "Evans"), strict=True):
        area = areas[code]
        rows += [
            (f"recording.{code}", Role.RECORDING_OFFICER, f"Rory {surname}", area, None),
            (f"oic.{code}", Role.INVESTIGATING_OFFICER, f"Olivia {surname}", area, None),
            (f"reviewer.{code}", Role.REVIEWER, f"Rahul {surname}", area, None),
            (f"commander.{code}", Role.AREA_COMMANDER, f"Chris {surname}", area, None),
            (f"standards.{code}", Role.PROFESSIONAL_STANDARDS, f"Sam {surname}", area, None),
        ]
    rows += [
        ("worker.havens", Role.SAFE_PLACE_WORKER, "Hana Worker", None, organisations[0]),
        ("worker.rcsl", Role.SAFE_PLACE_WORKER, "Rita Worker", None, organisations[1]),
    ]
    _staff(rows)
    for code in DEMO_AREAS:  # the officer's line runs to the commander; the reviewer is outside it
        StaffUser.objects.filter(username=f"oic.{code}").update(
            line_manager=StaffUser.objects.get(username=f"commander.{code}")
        )
    staff_user_create(
        username="admin.havens",
        password=DEMO_PASSWORD,
        role=Role.SAFE_PLACE_WORKER,
        full_name="Ada Admin",
        organisation=organisations[0],
        is_organisation_admin=True,
    )
    _matching_sealed_records()

    boroughs = list(Borough.objects.select_related("area"))
    demo_boroughs = [b for b in boroughs if b.area.code in DEMO_AREAS]
    for index in range(reports):
        borough = rng.choice(demo_boroughs if index % 3 else boroughs) if index % 12 else None
        channels = rng.choice([["email"], ["email", "text"], ["text"], ["phone", "letter"]])
        draft = reporting.draft_start()
        for slug, answer in sample_answers(rng=rng, borough=borough, channels=channels).items():
            reporting.draft_answer(draft=draft, step_slug=slug, answer=answer)
        report = reporting.report_submit(draft=draft, submission_key=draft.submission_key)
        _decide(report, index)
    _plan(areas[DEMO_AREAS[0]])
    _feedback(rng, [areas[code] for code in DEMO_AREAS])
    return DemoSummary(True, _staff_listing(), reports)


def _matching_sealed_records() -> None:
    """Two victims, at two safe places, each name the same phone number: both safe places see the match."""
    for username, account, notes in [
        ("worker.havens", "Demo: an account the victim is not ready to report.", "Samples stored: H-0001"),
        ("worker.rcsl", "Demo: another victim's account, at another safe place.", ""),
    ]:
        worker = StaffUser.objects.get(username=username)
        record, _ = sealed_records.sealed_record_create(worker=worker, account=account, notes=notes)
        sealed_records.identifier_add(
            record_id=record.pk, worker=worker, kind=IdentifierKind.PHONE, canonical=DEMO_PERPETRATOR_PHONE
        )


FEEDBACK_WORDS = [
    "The officer rang when she said she would, at the times I gave. That mattered.",
    "I waited three weeks to hear anything after the first call.",
    "Being able to read the updates at night, when I could not talk, helped.",
    "Nobody explained why the case was closed until I asked.",
    "",
]


def _feedback(rng: random.Random, areas: list[Area]) -> None:
    """A year of victims' feedback in each demo area, as the plans and the commissioner read it."""
    month = timezone.localdate().replace(day=1)
    answers = [Agreement.AGREE, Agreement.AGREE, Agreement.NEITHER, Agreement.DISAGREE]
    for area in areas:
        boroughs = list(Borough.objects.filter(area=area))
        FeedbackResponse.objects.bulk_create(
            FeedbackResponse(
                area=area,
                borough=rng.choice(boroughs),
                month=month,
                moment=rng.choice(list(Moment)),
                kept_informed=rng.choice(answers),
                treated_fairly=rng.choice(answers),
                easy_to_use=rng.choice(answers),
                in_own_words=rng.choice(FEEDBACK_WORDS),
            )
            for _ in range(24)
        )


def _plan(area: Area) -> None:
    """A published Victims' Plan for this year, commented on by the commissioner."""
    commander = StaffUser.objects.get(username=f"commander.{area.code}")
    plan = plans.plan_get_or_start(area=area, year=timezone.localdate().year)
    plans.narrative_save(
        plan_id=plan.pk,
        narrative="Most reports were decided within a day. Reports made at weekends waited longest.",
        actor=commander,
    )
    plans.commitment_add(
        plan_id=plan.pk,
        commitment="Put a recording officer on duty every weekend.",
        measure="Reports decided within 24 hours",
        target="95%",
        actor=commander,
    )
    plans.comment_add(
        plan_id=plan.pk,
        text="I welcome the weekend commitment and will check it in next year's plan.",
        actor=StaffUser.objects.get(username="commissioner"),
    )
    plans.plan_publish(plan_id=plan.pk, actor=commander)


def _decide(report: Report, index: int) -> None:
    """Leave a third of the reports waiting; record most of the rest; decline and appeal a few."""
    if index % 3 == 0 or report.area is None or report.area.code not in DEMO_AREAS:
        return
    officer = StaffUser.objects.get(username=f"recording.{report.area.code}")
    if index % 5 == 1:
        recording.report_decline(
            report_id=report.pk,
            reason=RefusalReason.INCIDENT_ONLY,
            explanation="What you told us is an incident we have logged, but it is not a crime.",
            actor=officer,
        )
        if index % 2:
            recording.appeal_submit(
                report_id=report.pk, reasons="I was threatened. It is a crime.", made_by="the victim, online"
            )
        return
    classification = OffenceClassification.objects.filter(recordable=True).order_by("?").first()
    assert classification is not None
    crime = recording.crime_record(report_id=report.pk, classification=classification, actor=officer)
    if index % 2:
        case = cases.case_open(crime=crime)  # opened when recorded; this fetches it
        oic = StaffUser.objects.get(username=f"oic.{report.area.code}")
        cases.case_take(case_id=case.pk, actor=oic)
        cases.update_publish(
            case_id=case.pk,
            text="We have asked nearby shops for their CCTV and will tell you what we find.",
            actor=oic,
        )
        if index % 4 == 1:
            cases.event_record(
                case_id=case.pk, kind=CaseEventKind.SUSPECT_ARRESTED, note="", victim_update="", actor=oic
            )
            cases.property_record(
                case_id=case.pk,
                description="Black mountain bike with a child seat",
                kind=PropertyKind.STOLEN,
                status=PropertyStatus.READY_TO_COLLECT,
                collection="Holborn police station front counter, any weekday 9am to 5pm. Bring photo ID.",
                actor=oic,
            )
        if index % 4 == 3:
            no_charge = index % 8 == 7  # evidential difficulties: a decision not to charge, open to review
            outcome = OutcomeType.objects.get(code=15 if no_charge else 18)
            explanation = "The CCTV was too unclear to identify anyone, and no one else saw it happen."
            cases.outcome_record(
                case_id=case.pk, outcome=outcome, actor=oic, explanation=explanation if no_charge else ""
            )
            if no_charge:
                reviews.review_request(
                    case_id=case.pk, reasons="The man was identified on CCTV. Please look again.", late_reasons=""
                )


def _staff_listing() -> list[tuple[str, str, str]]:
    return [
        (user.username, user.role_label, str(user.area or user.organisation or "all areas"))
        for user in StaffUser.objects.order_by("role", "username")
    ]
