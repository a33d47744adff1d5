"""Every message to a victim, of every kind, obeys neutral wording; and plain text is never HTML-escaped.

The neutral test renders each kind of message for a victim who asked for neutral wording, through the same
code that sends it, to a real SMTP server, and fails on any police or crime word or any identifier in the
subject, body or sender. A new message template fails it until it is listed here as a kind a victim gets
(and so checked) or as one that goes only to an organisation.
"""

import re
from pathlib import Path

import pytest

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.notify import senders
from victimsrights.notify.messages import (
    delivery_message,
    neutral_for,
    resume_code_message,
    sign_in_code_message,
)
from victimsrights.notify.models import NOTICE_KINDS, Delivery, DeliveryKind
from victimsrights.recording import services as recording
from victimsrights.recording.models import RefusalReason
from victimsrights.reporting.models import Report
from victimsrights.reporting.tests.factories import submitted_report

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES_TO_ORGANISATIONS = {
    "notify/_for_organisation.txt",
    "notify/sealed_record_reminder.txt",
    "notify/identifier_match.txt",
}
TEMPLATES_TO_VICTIMS = {
    *(f"notify/{kind}.txt" for kind in [*NOTICE_KINDS, DeliveryKind.ALERT]),
    "notify/sign_in_code.txt",
    "notify/resume_code.txt",
}
POLICE_OR_CRIME = re.compile(
    r"police|crime|criminal|offen[cs]e|officer|victim|court|hearing|suspect|arrest|charge|investigat|registrar|"
    r"appeal|complain|review|report|justice|\b101\b|\b999\b|command unit|recorded|met\b|metropolitan",
    re.IGNORECASE,
)
NEUTRAL = {"neutral_wording": "yes", "safe_word": "bluebell"}


def message_templates() -> set[str]:
    found = set()
    for folder in ROOT.glob("victimsrights/**/templates"):
        found |= {str(path.relative_to(folder)) for path in folder.rglob("*.txt")}
    return found


def identifiers(report: Report) -> list[str]:
    report.refresh_from_db()
    crime = getattr(report, "crime", None)
    names = [report.reference, report.force.name, report.force.crime_number_prefix + "-"]
    names += [report.area.name, report.borough.name] if report.area and report.borough else []
    names += [crime.crime_number, crime.classification.description, crime.recorded_by_team] if crime else []
    return names


def assert_neutral(message, report: Report) -> None:
    text = "\n".join([message["From"], message["Subject"], message.get_payload(decode=True).decode()])
    assert not POLICE_OR_CRIME.findall(text), text
    for identifier in identifiers(report):
        assert identifier.lower() not in text.lower(), (identifier, text)


def send(delivery: Delivery) -> None:
    """Through the one send path, as the worker sends it."""
    message = delivery_message(delivery=delivery)
    senders.send(channel="email", to="victim@example.com", message=message, reference=str(delivery.pk))


def neutral_reports() -> dict[str, Report]:
    """A neutral-wording victim's report in each state a message can be about."""
    recorded, case, _officer = recorded_case(wording=NEUTRAL)
    registrar = staff(Role.CRIME_REGISTRAR, username="registrar")
    recording.crime_cancel(
        crime_id=case.crime.pk, ground="avi", information="CCTV shows no crime took place.", actor=registrar
    )
    declined = submitted_report(wording=NEUTRAL, seed=2)
    recording.report_decline(
        report_id=declined.pk,
        reason=RefusalReason.NO_CRIME_DISCLOSED,
        explanation="No crime was disclosed.",
        actor=staff(Role.RECORDING_OFFICER, username="decider"),
    )
    appeal = recording.appeal_submit(report_id=declined.pk, reasons="It was a crime.", made_by="victim")
    recording.appeal_decide(appeal_id=appeal.pk, overturn=False, reasons="Still not a crime.", actor=registrar)
    return {"recorded": recorded, "declined": declined}


def test_every_message_template_is_known_as_one_to_victims_or_to_organisations():
    assert message_templates() == TEMPLATES_TO_VICTIMS | TEMPLATES_TO_ORGANISATIONS


def test_every_message_to_a_neutral_wording_victim_has_no_police_or_crime_word_or_identifier(smtp):
    reports = neutral_reports()
    for report in reports.values():
        assert neutral_for(report)
        for kind in [*NOTICE_KINDS, DeliveryKind.ALERT]:
            send(Delivery.objects.create(report=report, kind=kind, channel="email", not_before=report.received_at))
            assert_neutral(smtp.mailbox.messages[-1], report)
        for message in (
            sign_in_code_message(code="123456"),
            resume_code_message(code="ABCD2345XY", expires_at=report.received_at),
        ):
            senders.send(channel="email", to="victim@example.com", message=message, reference="r-1")
            assert_neutral(smtp.mailbox.messages[-1], report)


def test_the_scan_finds_a_police_word_so_it_can_fail(smtp):
    report = submitted_report(wording={"neutral_wording": "no", "safe_word": ""})
    send(Delivery.objects.create(report=report, kind="received", channel="email", not_before=report.received_at))
    with pytest.raises(AssertionError):
        assert_neutral(smtp.mailbox.messages[-1], report)


def test_plain_text_messages_carry_staff_words_as_written_not_html_escaped(smtp):
    report = submitted_report(wording={"neutral_wording": "no", "safe_word": ""})
    explanation = 'We\'ve checked <b>the CCTV</b> & "found" nothing'
    recording.report_decline(
        report_id=report.pk,
        reason=RefusalReason.NO_CRIME_DISCLOSED,
        explanation=explanation,
        actor=staff(Role.RECORDING_OFFICER, username="decider"),
    )
    send(Delivery.objects.get(report=report, kind="declined"))
    body = smtp.mailbox.bodies()[-1]
    assert explanation in body
    assert "&#x27;" not in body and "&lt;" not in body and "&amp;" not in body


def test_no_message_template_is_rendered_outside_the_plain_text_engine():
    """render_to_string on a .txt template would HTML-escape it; every message goes through wording.render_text."""
    for path in ROOT.glob("victimsrights/**/*.py"):
        if "tests" in path.parts:
            continue
        for call in re.findall(r"render_to_string\(\s*f?[\"'][^\"']*\.txt", path.read_text()):
            pytest.fail(f"{path.relative_to(ROOT)} renders a message template with render_to_string: {call}")


def test_the_recorded_acknowledgement_gives_the_crime_number_who_to_contact_restorative_justice_and_compensation(smtp):
    """Victims' Code (2020) Right 3 (basic details, crime number, contact, restorative justice) and Right 5."""
    report, case, _officer = recorded_case(wording={"neutral_wording": "no", "safe_word": ""})
    send(Delivery.objects.get(report=report, kind="recorded"))
    body = smtp.mailbox.bodies()[-1]
    assert case.crime.crime_number in body and case.crime.classification.description in body
    assert "Central North Basic Command Unit" in body and "call 101" in body
    assert "Restorative justice" in body and "Criminal Injuries Compensation Authority" in body
    assert not body.startswith("\n") and "{#" not in body
