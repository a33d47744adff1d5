"""Every message to a victim, of every kind, obeys neutral wording; and plain text is never HTML-escaped.

The neutral test renders each kind of message for a victim who asked for neutral wording, through the same
code that sends it, to a real SMTP server, and fails on any police or crime word or any identifier in the
subject, body or sender. A new message template fails it until it is listed here as a kind a victim gets
(and so checked) or as one that goes only to an organisation.
"""

import re
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

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
    r"appeal|complain|review|report|justice|\b101\b|\b999\b|command unit|recorded|met\b|metropolitan|"
    # and in Polish, the other language a victim can choose: police, crime, officer, victim, court, perpetrator,
    # suspect, arrest, charge, investigation, registrar, appeal, complaint, report, justice, offence
    r"polic|przestęp|funkcjonariusz|pokrzywdzon|ofiar|\bsąd|sprawc|podejrzan|areszt|zarzut|śledztw|dochodzeni|"
    r"rejestrator|odwoła|skarg|zgłos|sprawiedliwo|wykroczeni|rejestrac|zarejestrow",
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
    text = "\n".join([message["From"], subject(message), message.get_payload(decode=True).decode()])
    assert not POLICE_OR_CRIME.findall(text), text
    for identifier in identifiers(report):
        assert identifier.lower() not in text.lower(), (identifier, text)


def send(delivery: Delivery) -> None:
    """Through the one send path, as the worker sends it."""
    message = delivery_message(delivery=delivery)
    senders.send(channel="email", to="victim@example.com", message=message, reference=str(delivery.pk))


def neutral_reports(language: str) -> dict[str, Report]:
    """A neutral-wording victim's report in each state a message can be about, made in `language`."""
    recorded, case, _officer = recorded_case(wording=NEUTRAL, language=language)
    registrar = staff(Role.CRIME_REGISTRAR, username="registrar")
    recording.crime_cancel(
        crime_id=case.crime.pk, ground="avi", information="CCTV shows no crime took place.", actor=registrar
    )
    declined = submitted_report(wording=NEUTRAL, seed=2, language=language)
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


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_message_to_a_neutral_wording_victim_has_no_police_or_crime_word_or_identifier(smtp, language):
    reports = neutral_reports(language)
    for report in reports.values():
        assert neutral_for(report) and report.language == language
        for kind in [*NOTICE_KINDS, DeliveryKind.ALERT]:
            send(Delivery.objects.create(report=report, kind=kind, channel="email", not_before=report.received_at))
            assert_neutral(smtp.mailbox.messages[-1], report)
        with translation.override(language):  # the resume code goes while the victim reads the page
            resume = resume_code_message(code="ABCD2345XY", expires_at=report.received_at)
        for message in (sign_in_code_message(code="123456", language=language), resume):
            senders.send(channel="email", to="victim@example.com", message=message, reference="r-1")
            assert_neutral(smtp.mailbox.messages[-1], report)


def test_the_scan_knows_police_and_crime_words_in_every_language_offered():
    for words in ("Policja przyjęła Twoje zgłoszenie", "przestępstwo", "funkcjonariusz", "sąd", "skarga"):
        assert POLICE_OR_CRIME.search(words), words


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


def subject(message) -> str:
    """As the victim's mail program shows it: encoded words (RFC 2047) decoded."""
    return str(make_header(decode_header(message["Subject"])))


def test_a_victim_who_reported_in_polish_is_written_to_in_polish_and_an_english_one_in_english(smtp):
    """Victims' Code Right 1: the acknowledgement, each decision, alerts and codes in the victim's language."""
    polish, case, _officer = recorded_case(wording={"neutral_wording": "no", "safe_word": ""}, language="pl")
    english = submitted_report(wording={"neutral_wording": "no", "safe_word": ""}, seed=3)
    send(Delivery.objects.get(report=polish, kind="received"))
    received = smtp.mailbox.messages[-1]
    assert subject(received) == f"Zgłoszenie przyjęte: {polish.reference}"
    assert "Otrzymaliśmy Twoje zgłoszenie" in smtp.mailbox.bodies()[-1]
    send(Delivery.objects.get(report=polish, kind="recorded"))
    recorded = smtp.mailbox.bodies()[-1]
    assert f"Numer przestępstwa: {case.crime.crime_number}" in recorded and "Odszkodowanie" in recorded
    if polish.occurred_on:  # a Polish date, the month in the genitive: "27 marca 2026"
        assert f"Data: {polish.occurred_on.day} " in recorded and " March " not in recorded
    send(Delivery.objects.create(report=polish, kind="alert", channel="email", not_before=polish.received_at))
    assert subject(smtp.mailbox.messages[-1]) == "Nowe informacje"
    code = sign_in_code_message(code="123456", language=polish.language)
    assert code.subject == "Twój kod" and code.body.startswith("Twój kod to: 123456")
    send(Delivery.objects.get(report=english, kind="received"))
    assert "We have received your report" in smtp.mailbox.bodies()[-1]
